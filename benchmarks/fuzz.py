"""Fuzz the library path parse -> merge -> check with hostile pages; count what breaks.

Seeds are the pages of the project's content/ folder and, with --corpus, a random sample of the
shared corpus, both read at run time. Each case is a seed page changed by a few mutations (see
`tests/fuzzing.py`), run alone and in a group of locales. Worker processes run the cases; a case
that takes longer than --timeout is killed and counted as slow. At the end: pages run, uncaught
exceptions and RL009 findings by site, slow pages, max and p99 seconds per page; a reproducer of
each distinct crash site and each slow page is saved under --save (replay one with --replay).
Case N of a run depends only on --seed and the seeds, not on the number of workers.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import wait
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzzing  # noqa: E402  (tests/fuzzing.py: the mutations and the case runner)

MEMORY_LIMIT = 3 << 30
"""Address space of a worker: a page that explodes in memory fails there, not on the machine."""
_FRAME = re.compile(r'File "(.+)", line (\d+) in (\S+)')
_PACKAGE = fuzzing._PACKAGE


def load_families(corpus: str | None, sample: int, seed: int) -> list[fuzzing.Family]:
    """The content/ pages, repeated so that they are about a quarter of the seeds, and the
    corpus sample."""
    families = fuzzing.families_under(fuzzing.CONTENT)
    if corpus and Path(corpus).is_dir():
        sampled = fuzzing.sample_corpus(Path(corpus), sample, random.Random(f"{seed}:corpus"))
        families = families * max(1, len(sampled) // (3 * len(families))) + sampled
    return families


def case_at(families, seed: int, index: int) -> fuzzing.Case:
    return fuzzing.make_case(families, random.Random(f"{seed}:{index}"))


# -- workers -------------------------------------------------------------------------------------
def slow_site(stack_file: Path) -> str:
    """Where a slow page was when the limit passed: the innermost reflingo frame of the stack
    `faulthandler` wrote (it writes from a watchdog thread, so it sees into a long regex call)."""
    try:
        text = stack_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "?"
    for m in _FRAME.finditer(text):          # most recent call first
        p = Path(m.group(1))
        if _PACKAGE in p.parents:
            return f"{p.relative_to(_PACKAGE).as_posix()}:{m.group(2)} ({m.group(3)})"
    return "?"


def _serve(conn, families, seed: int, limit: float, stack_file: Path) -> None:
    os.nice(5)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    with open(stack_file, "w") as stack:
        while (index := conn.recv()) is not None:
            case = case_at(families, seed, index)
            stack.seek(0)
            stack.truncate()
            faulthandler.dump_traceback_later(limit, file=stack)
            out = fuzzing.run_case(case, limit)
            faulthandler.cancel_dump_traceback_later()
            stack.flush()
            site = slow_site(stack_file) if out.seconds > limit else ""
            conn.send((index, len(case.data), out.alone, out.group, out.copies, out.crashes, site))


class Worker:
    def __init__(self, mp, families, seed: int, limit: float, stack_dir: Path) -> None:
        self.conn, child = mp.Pipe()
        self.stack_file = Path(tempfile.mkstemp(prefix="stack-", dir=stack_dir)[1])
        self.proc = mp.Process(target=_serve, args=(child, families, seed, limit, self.stack_file),
                               daemon=True)
        self.proc.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int) -> None:
        self.index, self.started = index, time.perf_counter()
        self.conn.send(index)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            self.conn.send(None)
        self.proc.join()


# -- the record of a run -------------------------------------------------------------------------
class Tally:
    def __init__(self, limit: float, log: Path | None = None) -> None:
        self.limit = limit
        self.log = log      # events.jsonl: each new crash site and each slow page, as they come
        self.pages = 0
        self.seconds: list[float] = []
        self.crashes: Counter = Counter()
        self.first: dict[tuple, tuple[int, int, fuzzing.Crash]] = {}   # key -> (size, index, crash)
        self.slow: list[tuple[float, int, int, str, str]] = []   # seconds, index, size, how, site

    def add(self, index: int, size: int, alone: float, group: float, copies: int,
            crashes: list[fuzzing.Crash], site: str) -> None:
        self.pages += 1
        seconds = max(alone, group / copies if copies else 0.0)
        self.seconds.append(seconds)
        if seconds > self.limit:
            how = f"alone {alone:.2f}s" + (f", group {group:.2f}s / {copies}" if copies else "")
            self.slow.append((seconds, index, size, how, site))
            self.event(kind="slow", index=index, seconds=round(seconds, 3), bytes=size, site=site)
        for c in crashes:
            if c.key not in self.crashes:
                self.event(kind=c.kind, index=index, stage=c.stage, error=c.error, site=c.site,
                           message=c.message)
            self.crashes[c.key] += 1
            best = self.first.get(c.key)
            if best is None or (size, index) < best[:2]:
                self.first[c.key] = (size, index, c)

    def hung(self, index: int, size: int, seconds: float, how: str, site: str) -> None:
        self.pages += 1
        self.seconds.append(seconds)
        self.slow.append((seconds, index, size, how, site))
        self.event(kind="slow", index=index, seconds=round(seconds, 3), bytes=size, site=site,
                   how=how)

    def event(self, **fields) -> None:
        if self.log is not None:
            with self.log.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(fields, ensure_ascii=False) + "\n")

    def count(self, kind: str) -> int:
        return sum(n for k, n in self.crashes.items() if k[0] == kind)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def line(self, total: int, elapsed: float) -> str:
        return (f"[fuzz] {self.pages}/{total} pages  {self.pages / max(elapsed, 1e-9):.1f}/s  "
                f"exceptions {self.count('exception')}  RL009 {self.count('RL009')}  "
                f"json {self.count('json')}  slow {len(self.slow)}  sites {len(self.crashes)}  "
                f"max {max(self.seconds, default=0):.2f}s")


def run(families, args, folder: Path) -> Tally:
    mp = multiprocessing.get_context("fork")
    folder.mkdir(parents=True, exist_ok=True)
    tally = Tally(args.limit, folder / "events.jsonl")
    tally.log.write_text("", encoding="utf-8")
    todo = iter(range(args.start, args.start + args.pages))
    stack_dir = Path(tempfile.mkdtemp(prefix="reflingo-fuzz-stacks-"))

    def new() -> Worker:
        return Worker(mp, families, args.seed, args.limit, stack_dir)

    workers = [new() for _ in range(max(1, args.jobs))]
    for w in workers:
        w.give(next(todo))
    t0 = last = time.perf_counter()
    while any(w.index is not None for w in workers):
        busy = [w for w in workers if w.index is not None]
        now = time.perf_counter()
        left = min(w.started + args.timeout - now for w in busy)
        for conn in wait([w.conn for w in busy], timeout=max(0.0, min(left, 5.0))):
            w = next(w for w in busy if w.conn is conn)
            try:
                tally.add(*conn.recv())
            except EOFError:          # the worker died (out of memory, a signal): count it, go on
                tally.hung(w.index, len(case_at(families, args.seed, w.index).data),
                           time.perf_counter() - w.started, "the worker died", "?")
                w.stop(kill=True)
                workers[workers.index(w)] = w = new()
            w.index = None
            nxt = next(todo, None)
            if nxt is not None:
                w.give(nxt)
        now = time.perf_counter()
        for i, w in enumerate(workers):
            if w.index is not None and now - w.started > args.timeout:
                w.stop(kill=True)
                tally.hung(w.index, len(case_at(families, args.seed, w.index).data),
                           now - w.started, "killed after the timeout", slow_site(w.stack_file))
                workers[i] = new()
                nxt = next(todo, None)
                if nxt is not None:
                    workers[i].give(nxt)
        if now - last >= args.progress:
            print(tally.line(args.pages, now - t0), file=sys.stderr, flush=True)
            last = now
    for w in workers:
        w.stop()
    for f in stack_dir.iterdir():
        f.unlink()
    stack_dir.rmdir()
    print(tally.line(args.pages, time.perf_counter() - t0), file=sys.stderr, flush=True)
    return tally


# -- reproducers ---------------------------------------------------------------------------------
def save(case: fuzzing.Case, folder: Path, stem: str, about: dict) -> Path:
    """The hostile page as `<stem>.md`, its group's other pages under `<stem>.siblings/`, and
    `<stem>.json` telling how to run it."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{stem}.md"
    page.write_bytes(case.data)
    for loc, data in case.siblings:
        sib = folder / f"{stem}.siblings" / f"{loc}.md"
        sib.parent.mkdir(exist_ok=True)
        sib.write_bytes(data)
    meta = {**about, "locale": case.locale, "rel_path": case.rel_path, "seed_page": case.seed_page,
            "steps": [list(s) for s in case.steps], "trust_front": case.trust_front,
            "siblings": [loc for loc, _ in case.siblings], "bytes": len(case.data)}
    (folder / f"{stem}.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    return page


def save_all(tally: Tally, families, args, folder: Path) -> None:
    for n, (key, (size, index, crash)) in enumerate(sorted(tally.first.items()), 1):
        kind, stage, error, site = key
        stem = f"{kind}-{n:02d}-{stage}-{error}-{site.replace('/', '.').replace(':', '-')}"
        save(case_at(families, args.seed, index), folder, stem,
             {"kind": kind, "stage": stage, "error": error, "site": site, "message": crash.message,
              "trace": crash.trace, "seed": args.seed, "index": index})
    for n, (seconds, index, size, how, site) in enumerate(sorted(tally.slow, reverse=True)[:50], 1):
        save(case_at(families, args.seed, index), folder, f"slow-{n:02d}-{index}",
             {"kind": "slow", "seconds": round(seconds, 3), "how": how, "site": site,
              "seed": args.seed, "index": index})


def replay(path: Path, limit: float, profile: bool = False) -> int:
    """Run one saved page (with its `.json` and `.siblings/` when present); print what broke."""
    meta_path = path.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    sib_dir = path.with_suffix(".siblings")
    siblings = tuple((loc, (sib_dir / f"{loc}.md").read_bytes()) for loc in meta.get("siblings", ()))
    case = fuzzing.Case(data=path.read_bytes(), locale=meta.get("locale", "es-ES"),
                        rel_path=meta.get("rel_path", f"outlook/mapi/{path.name}"),
                        siblings=siblings, trust_front=meta.get("trust_front", False))
    if profile:
        import cProfile
        import pstats
        prof = cProfile.Profile()
        out = prof.runcall(fuzzing.run_case, case)
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)
    else:
        out = fuzzing.run_case(case)
    print(f"{path}: {len(case.data)} bytes, alone {out.alone:.3f}s, group {out.group:.3f}s "
          f"({out.copies} copies of the page)")
    for c in out.crashes:
        print(f"\n{c.kind} in {c.stage}: {c.error} at {c.site}: {c.message}\n{c.trace}")
    return 1 if out.crashes or out.seconds > limit else 0


# -- summary -------------------------------------------------------------------------------------
def summary(tally: Tally, wall: float, folder: Path) -> None:
    print(f"\npages run: {tally.pages} in {wall:.0f}s (each alone and in a group of locales)")
    for kind, title in (("exception", "uncaught exceptions"), ("RL009", "RL009 findings"),
                        ("json", "items that do not serialise to strict JSON")):
        keys = sorted((k for k in tally.crashes if k[0] == kind), key=lambda k: -tally.crashes[k])
        print(f"{title}: {tally.count(kind)} ({len(keys)} distinct sites)")
        for k in keys:
            _, stage, error, site = k
            label = f"check {stage}" if kind == "RL009" else f"in {stage}"
            print(f"  {tally.crashes[k]:6d}  {error} at {site} ({label}): "
                  f"{tally.first[k][2].message[:120]!r}")
    print(f"slow pages (over {tally.limit:g}s): {len(tally.slow)}")
    sites = Counter(site for *_, site in tally.slow)
    for site, n in sites.most_common():
        print(f"  {n:6d}  at {site}")
    for seconds, index, size, how, site in sorted(tally.slow, reverse=True)[:20]:
        print(f"  {seconds:8.2f}s  case {index}  {size} bytes  ({how})  at {site}")
    print(f"seconds per page: max {max(tally.seconds, default=0):.3f}, "
          f"p99 {tally.percentile(0.99):.3f}, median {tally.percentile(0.5):.3f}")
    print(f"reproducers: {folder}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000, help="cases to run (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="the run's seed (default 0)")
    ap.add_argument("--start", type=int, default=0, help="index of the first case (default 0)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--corpus", help="shared corpus folder: sample its pages as seeds too")
    ap.add_argument("--sample", type=int, default=300, help="corpus pages to sample (default 300)")
    ap.add_argument("--limit", type=float, default=5.0, help="a page slower than this is slow")
    ap.add_argument("--timeout", type=float, default=30.0, help="kill a case after this long")
    ap.add_argument("--progress", type=float, default=30.0, help="seconds between progress lines")
    ap.add_argument("--save", help="folder for reproducers (default: a new temporary folder)")
    ap.add_argument("--replay", type=Path, help="run one saved page and print what went wrong")
    ap.add_argument("--profile", action="store_true", help="with --replay: profile the run")
    args = ap.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.limit, args.profile)
    families = load_families(args.corpus, args.sample, args.seed)
    print(f"[fuzz] {len(families)} seed items, {sum(len(f.pages) for f in families)} pages; "
          f"seed {args.seed}, {args.jobs} workers", file=sys.stderr)
    folder = Path(args.save) if args.save else Path(tempfile.mkdtemp(prefix="reflingo-fuzz-"))
    start = time.perf_counter()
    tally = run(families, args, folder)
    save_all(tally, families, args, folder)
    summary(tally, time.perf_counter() - start, folder)
    return 1 if tally.crashes or tally.slow else 0


if __name__ == "__main__":
    sys.exit(main())
