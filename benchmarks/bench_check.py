"""Benchmark: `reflingo check` over the whole shared corpus, the check stage timed apart.

1. Check stage on all cores: each worker process reads, parses and merges the pages (timed
   apart), then the workers wait for each other and run the checks on the item groups
   (`check_corpus`, what the CLI's workers run after parsing a group), taking the next group
   from a shared counter, largest groups first; the wall time from the moment all have parsed to
   the moment the last one is done is the figure to watch. Each worker checks pages it parsed
   itself, as the CLI's do: workers forked from a parent holding the parsed corpus would pay
   copy-on-write faults on every page they touch (about a tenth of the stage's CPU time), a
   cost the CLI does not have.
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


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _worker(corpus: str, order: list[int], taken, ready, results) -> None:
    """Parse and merge every group, wait for the other workers, then check the groups `taken`
    hands out; put (parse seconds, findings, groups, pages, check CPU seconds, peak MB)."""
    from reflingo.checks import all_checks
    from reflingo.checks.runner import check_corpus
    from reflingo.corpus import build_corpus
    from reflingo.run.discover import discover, parse_group, partition
    from reflingo.run.pool import collector_paused
    from reflingo.run.scan import build_context

    all_checks()
    t0 = time.perf_counter()
    sources = discover([corpus])
    ctx = build_context(sources)
    with collector_paused():
        groups = [build_corpus(parse_group(group)) for group in partition(sources)]
    gc.collect()
    gc.freeze()  # the parsed corpus is live to the end: no collector pass need walk it
    t_parse = time.perf_counter() - t0
    ready.wait()
    cpu = _cpu()
    found = done = pages = 0
    while True:
        with taken.get_lock():
            next_index = taken.value
            taken.value += 1
        if next_index >= len(order):
            break
        group = groups[order[next_index]]
        with collector_paused():  # as the CLI's workers run a group's task
            findings, problems = check_corpus(group, ctx)
        found += len(findings) + len(problems)
        done += 1
        pages += len(group.pages)
    results.put((t_parse, found, done, pages, _cpu() - cpu, _peak_mb(resource.RUSAGE_SELF)))


def check_stage(corpus: Path, jobs: int) -> None:
    from reflingo.checks import all_checks
    from reflingo.run.discover import discover, partition

    sizes = [len(group) for group in partition(discover([str(corpus)]))]
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])  # no big group left for the end
    fork = multiprocessing.get_context("fork")
    taken, ready, results = fork.Value("i", 0), fork.Barrier(jobs + 1), fork.Queue()
    workers = [fork.Process(target=_worker, args=(str(corpus), order, taken, ready, results))
               for _ in range(jobs)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    ready.wait()
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    done = [results.get() for _ in workers]
    t_check = time.perf_counter() - t0
    for w in workers:
        w.join()
    pages = sum(d[3] for d in done)
    assert sum(d[2] for d in done) == len(sizes), "every group is checked once"
    print(f"{pages} pages, {len(sizes)} item groups, {len(all_checks())} checks, "
          f"{sum(d[1] for d in done)} findings; {jobs} worker processes")
    print(f"{'stage':<34}{'seconds':>9}{'pages/s':>10}")
    print(f"{f'parse + merge (each of {jobs}, wall)':<34}{t_parse:>9.2f}{pages / t_parse:>10.0f}")
    print(f"{f'check stage ({jobs} processes, wall)':<34}{t_check:>9.2f}{pages / t_check:>10.0f}")
    print(f"{'  check CPU time, all workers':<34}{sum(d[4] for d in done):>9.2f}")
    print(f"peak memory: largest worker {max(d[5] for d in done):.0f} MB (the parsed corpus held)")


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
