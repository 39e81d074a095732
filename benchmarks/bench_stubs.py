"""Benchmark: generate the typed package of the whole shared corpus; print seconds and peak memory.

Runs `reflingo stubs` twice in a subprocess: cold (empty cache: parse, merge, extract the facts,
render, write) and on top of the cached parse (the facts of every item group read from the
cache, then render and write). Peak memory is the largest resident set of the process tree,
sampled from /proc every 20 ms (as in bench_parse.py). Then, in this process, the render alone
on the cached facts: seconds and the peak of Python allocations (tracemalloc).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchkit import arguments, corpus_folder, measure

LIMIT_SECONDS = 3.0
"""Generating the package on top of a cached parse must take at most this long."""


def main() -> int:
    ap = arguments(__doc__)
    ap.add_argument("--constants", default="../shared/data/mapi-constants.json")
    ap.add_argument("--locale", default="en-US", help="the docstrings' language")
    args = ap.parse_args()
    corpus = corpus_folder(args)
    if corpus is None:
        return 2
    with tempfile.TemporaryDirectory(prefix="reflingo-bench-stubs-") as work:
        cache = Path(work) / "cache"
        cmd = [sys.executable, "-m", "reflingo", "stubs", "--no-progress", "--cache-dir",
               str(cache), "--constants", args.constants, "--locale", args.locale,
               "--out", str(Path(work) / "out"), str(corpus)]
        print(f"reflingo stubs over {corpus} ({args.locale})")
        print(f"{'run':<28}{'seconds':>9}{'peak MB':>10}")
        cached = 0.0
        for label in ("cold (empty cache)", "on the cached parse"):
            secs, peak, code, output = measure(cmd)
            if code not in (0, 1):
                print(output, file=sys.stderr)
                return code
            print(f"{label:<28}{secs:>9.2f}{peak / 2**20:>10.0f}")
            cached = secs
        summary = [line for line in output.splitlines() if line.startswith("  ")][:7]
        print("\n".join(summary))
        secs, peak = render_only(corpus, cache, args.constants, args.locale)
        print(f"{'render alone (in process)':<28}{secs:>9.2f}{peak / 2**20:>10.0f}")
    verdict = "within" if cached <= LIMIT_SECONDS else "OVER"
    print(f"on the cached parse: {cached:.2f} s, {verdict} the {LIMIT_SECONDS:.0f} s budget")
    return 0 if cached <= LIMIT_SECONDS else 1


def render_only(corpus: Path, cache: Path, constants: str, locale: str) -> tuple[float, int]:
    """Seconds and peak Python allocations of rendering the cached facts."""
    from reflingo.commands.common import run_task, split
    from reflingo.render.stubs import StubOptions, render_package
    ns = argparse.Namespace(paths=[str(corpus)], locale=[], jobs=None, cache_dir=str(cache),
                            no_cache=False, no_progress=True)
    facts, _ = split(run_task(ns, "stubs"))
    table = {k: v["value"] for k, v in json.loads(Path(constants).read_text()).items()}
    tracemalloc.start()
    start = time.perf_counter()
    render_package(facts, table, StubOptions(locale=locale))
    secs = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return secs, peak


if __name__ == "__main__":
    sys.exit(main())
