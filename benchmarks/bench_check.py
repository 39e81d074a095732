"""Benchmark: `reflingo check` over the whole shared corpus, the check stage timed apart.

1. Check stage on all cores: the pages are read, parsed and merged first (timed apart), then a
   pool of worker processes runs the checks on the item groups (`check_corpus`, what the CLI's
   workers run after parsing); the wall time of that stage is the figure to watch. The workers
   are forked after parsing, so they start with the merged items in memory.
2. Single process, per check: each check's own time over the whole corpus (`--by-check`), to see
   where the check stage goes. Time spent building a page's shared text index is charged to the
   first check that asks for it.
3. The real CLI end to end, cold (no cache), on all cores: wall time and the peak memory of the
   whole process tree.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchkit import arguments, corpus_folder, measure

_GROUPS: list = []   # the merged item groups, inherited by the forked workers
_CONTEXT = None


def _check_group(index: int) -> tuple[int, float]:
    from reflingo.checks.runner import check_corpus
    from reflingo.run.pool import collector_paused
    start = time.process_time()
    with collector_paused():  # as the CLI's workers run a group's task
        findings, problems = check_corpus(_GROUPS[index], _CONTEXT)
    return len(findings) + len(problems), time.process_time() - start


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def check_stage(corpus: Path, jobs: int) -> None:
    global _GROUPS, _CONTEXT
    from reflingo.checks import all_checks
    from reflingo.run.scan import build_context
    from reflingo.corpus import build_corpus
    from reflingo.run.discover import discover, parse_group, partition

    all_checks()  # import every family before forking
    t0 = time.perf_counter()
    sources = discover([str(corpus)])
    _CONTEXT = build_context(sources)
    t_ctx = time.perf_counter() - t0
    t0 = time.perf_counter()
    _GROUPS = [build_corpus(parse_group(group)) for group in partition(sources)]
    t_parse = time.perf_counter() - t0
    pages = len(sources)
    # Largest groups first, so that no worker is left with a big one at the end.
    order = sorted(range(len(_GROUPS)), key=lambda i: -len(_GROUPS[i].pages))
    # The parsed corpus is held here only so the workers inherit it; freezing it keeps the
    # workers' garbage collector from walking (and copying) the whole inherited heap, a cost
    # the CLI's workers, which parse their own groups, do not have.
    gc.collect()
    gc.freeze()
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(_check_group, order, chunksize=8)
    t_check = time.perf_counter() - t0
    findings = sum(n for n, _ in results)
    cpu = sum(s for _, s in results)
    print(f"{pages} pages, {sum(len(g.items) for g in _GROUPS)} items, "
          f"{len(all_checks())} checks, {findings} findings; {jobs} worker processes")
    print(f"{'stage':<34}{'seconds':>9}{'pages/s':>10}")
    print(f"{'read + context (1 process)':<34}{t_ctx:>9.2f}{pages / t_ctx:>10.0f}")
    print(f"{'parse + merge (1 process)':<34}{t_parse:>9.2f}{pages / t_parse:>10.0f}")
    print(f"{f'check stage ({jobs} processes, wall)':<34}{t_check:>9.2f}{pages / t_check:>10.0f}")
    print(f"{'  check CPU time, all workers':<34}{cpu:>9.2f}")
    print(f"peak memory: parent {_peak_mb(resource.RUSAGE_SELF):.0f} MB "
          f"(parsed corpus held), largest worker {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def by_check(corpus: Path, top: int) -> None:
    from reflingo.checks import all_checks
    from reflingo.run.scan import build_context
    from reflingo.corpus import build_corpus
    from reflingo.run.discover import discover, parse_group, partition

    sources = discover([str(corpus)])
    ctx = build_context(sources)
    checks = all_checks()
    spent: dict[str, float] = defaultdict(float)
    for group in partition(sources):
        for item in build_corpus(parse_group(group)).items:
            for locale in item.locales:
                for c in checks:
                    start = time.perf_counter()
                    for _ in c.fn(item, locale, ctx):
                        pass
                    spent[c.code] += time.perf_counter() - start
    total = sum(spent.values())
    print(f"\nsingle process, per check: {total:.2f} s in all; the {top} costliest:")
    for code, secs in sorted(spent.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {code}  {secs:6.2f} s  {100 * secs / total:4.1f}%")


def main() -> int:
    ap = arguments(__doc__)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes for the check stage (default: all cores)")
    ap.add_argument("--by-check", type=int, metavar="N", default=0,
                    help="also time every check in one process and show the N costliest")
    ap.add_argument("--no-cli", action="store_true", help="skip the end-to-end CLI run")
    args = ap.parse_args()
    corpus = corpus_folder(args)
    if corpus is None:
        return 2
    check_stage(corpus, args.jobs)
    if args.by_check:
        by_check(corpus, args.by_check)
    if not args.no_cli:
        cmd = [sys.executable, "-m", "reflingo", "check", "--no-cache", "--no-progress",
               "--format", "json", "-o", os.devnull, str(corpus)]
        secs, peak, code, _ = measure(cmd)
        pages = sum(1 for _ in corpus.rglob("*.md"))
        print(f"\nreflingo check, end to end, all cores, cold: {secs:.2f} s, "
              f"{pages / secs:.0f} pages/s, peak {peak / 2**20:.0f} MB (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
