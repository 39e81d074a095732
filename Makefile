# reflingo — every target creates its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
CORPUS ?= ../shared/corpus
PAGES  ?= 100000
JOBS   ?= $(shell nproc)

.PHONY: help setup run test bench bench-instructions fuzz catalogs clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/reflingo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,site]'
	$(BIN)/python -m compileall -q src
	@touch $@

setup: $(BIN)/reflingo  ## create .venv and install reflingo with its test tools

run: setup  ## parse content/ and print the canonical model and its statistics, check it, build the site into site/
	$(BIN)/reflingo parse content
	$(BIN)/reflingo parse --stats content
	$(BIN)/reflingo stubs content --locale es-ES --out build/stubs
	@$(BIN)/reflingo check content; code=$$?; \
	  if [ $$code -gt 1 ]; then exit $$code; fi; \
	  echo "(exit $$code: 1 means translation defects were found, as expected in these seeds)"
	$(BIN)/reflingo build content --out site

test: setup  ## run the test suite (corpus tests run when $(CORPUS) exists)
	$(BIN)/python -m pytest -q

bench: setup  ## parse, check, stubs, site and search over the whole shared corpus: pages/s, wall time, peak memory, search ranks
	@# the bytecode of the current sources first, as Python keeps it where PYTHONDONTWRITEBYTECODE is unset
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_parse.py --corpus $(CORPUS)
	$(BIN)/python benchmarks/bench_check.py --corpus $(CORPUS)
	$(BIN)/python benchmarks/bench_stubs.py --corpus $(CORPUS)
	$(BIN)/python benchmarks/bench_site.py --corpus $(CORPUS)
	$(BIN)/python benchmarks/bench_search.py --corpus $(CORPUS)

bench-instructions: setup  ## the check stage's instructions under callgrind (repeatable where wall time is not; minutes)
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_check_instructions.py --corpus $(CORPUS)

fuzz: setup  ## hostile pages through parse, merge and check: crashes, RL009 findings, slow pages (PAGES=, JOBS=)
	$(BIN)/python benchmarks/fuzz.py --pages $(PAGES) --jobs $(JOBS) --corpus $(CORPUS)

catalogs: setup  ## extract the site's UI strings into locales/site/site.pot, update and compile the catalogs
	$(BIN)/pybabel extract -F locales/site/babel.cfg -o locales/site/site.pot --no-location \
	  --sort-output --omit-header --project reflingo .
	$(BIN)/pybabel update -i locales/site/site.pot -d locales/site -D site \
	  --no-fuzzy-matching
	$(BIN)/pybabel compile -d locales/site -D site --statistics

clean:  ## remove the virtual environment, caches and build output
	rm -rf $(VENV) .reflingo-cache .pytest_cache site build dist
