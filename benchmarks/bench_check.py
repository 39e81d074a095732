"""Benchmark: `reflingo check` over the whole shared corpus, the check stage timed apart.

Part 1 runs in this process, one item group at a time, timing parse+merge and the checks
separately (single core, so the split is exact). Part 2 runs the real CLI on all cores, cold,
for the end-to-end wall time and the peak memory of the process tree.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from bench_parse import measure


def staged(corpus: Path) -> None:
    from reflingo.checks import all_checks, run_checks
    from reflingo.checks.context import build_context
    from reflingo.corpus import build_corpus
    from reflingo.loader import discover, parse_group, partition

    t0 = time.perf_counter()
    sources = discover([str(corpus)])
    ctx = build_context(sources)
    checks = all_checks()
    t_ctx = time.perf_counter() - t0
    t_parse = t_check = 0.0
    findings = 0
    for group in partition(sources):
        t = time.perf_counter()
        corpus_ = build_corpus(parse_group(group))
        t_parse += time.perf_counter() - t
        t = time.perf_counter()
        for item in corpus_.items:
            findings += sum(1 for _ in run_checks(item, ctx, checks))
        t_check += time.perf_counter() - t
    pages = len(sources)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"single process, {pages} pages, {len(checks)} checks, {findings} findings")
    print(f"{'stage':<26}{'seconds':>9}{'pages/s':>10}")
    for label, secs in (("read + context", t_ctx), ("parse + merge", t_parse), ("checks", t_check)):
        print(f"{label:<26}{secs:>9.2f}{pages / secs:>10.0f}")
    print(f"peak memory {peak:.0f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"bench: no corpus at {corpus}", file=sys.stderr)
        return 2
    staged(corpus)
    cmd = [sys.executable, "-m", "reflingo", "check", "--no-cache", "--no-progress",
           "--format", "json", "-o", "/dev/null", str(corpus)]
    secs, peak, code, out = measure(cmd)
    pages = sum(1 for _ in corpus.rglob("*.md"))
    print(f"\nreflingo check, all cores, cold: {secs:.2f} s, {pages / secs:.0f} pages/s, "
          f"peak {peak / 2**20:.0f} MB (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
