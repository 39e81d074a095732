# reflingo — every target creates its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
CORPUS ?= ../shared/corpus
PAGES  ?= 100000
JOBS   ?= $(shell nproc)

.PHONY: help setup run test bench fuzz clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/reflingo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/reflingo  ## create .venv and install reflingo with its test tools

run: setup  ## parse content/ and print the canonical model and its statistics, then check it
	$(BIN)/reflingo parse content
	$(BIN)/reflingo parse --stats content
	$(BIN)/reflingo stubs content --locale es-ES --out build/stubs
	@$(BIN)/reflingo check content; code=$$?; \
	  if [ $$code -gt 1 ]; then exit $$code; fi; \
	  echo "(exit $$code: 1 means translation defects were found, as expected in these seeds)"

test: setup  ## run the test suite (corpus tests run when $(CORPUS) exists)
	$(BIN)/python -m pytest -q

bench: setup  ## parse, check and generate the stubs of the whole shared corpus: pages/s, wall time, peak memory
	$(BIN)/python benchmarks/bench_parse.py --corpus $(CORPUS)
	$(BIN)/python benchmarks/bench_check.py --corpus $(CORPUS)
	$(BIN)/python benchmarks/bench_stubs.py --corpus $(CORPUS)

fuzz: setup  ## hostile pages through parse, merge and check: crashes, RL009 findings, slow pages (PAGES=, JOBS=)
	$(BIN)/python benchmarks/fuzz.py --pages $(PAGES) --jobs $(JOBS) --corpus $(CORPUS)

clean:  ## remove the virtual environment, caches and build output
	rm -rf $(VENV) .reflingo-cache .pytest_cache site build dist
