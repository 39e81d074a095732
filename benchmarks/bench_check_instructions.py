"""Benchmark: the instructions the check stage executes, counted by valgrind's callgrind.

Wall time on a shared 2-core machine moves by a third from run to run; an instruction count
does not. The pages of every Nth item group (default 10) are read, parsed and merged first, then
the checks run on those groups in one process, as a worker runs them (the cyclic collector
paused for each group). Only the check stage is counted: callgrind is started with collection
off and collects inside one C function that nothing else here calls (`starmap_next`, which
runs the stage), with one hash seed (0), as the order of a set of strings changes the work
done with it. `--codes` restricts the checks, to compare with code that has fewer. Takes
several minutes: callgrind runs the code about 50 times slower.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile

from benchkit import arguments, corpus_folder

_MARK = "REFLINGO_UNDER_CALLGRIND"


def _stage(corpus: str, step: int, codes: list[str] | None) -> int:
    from reflingo.checks import all_checks
    from reflingo.checks.runner import check_corpus
    from reflingo.corpus import build_corpus
    from reflingo.run.discover import discover, parse_group, partition
    from reflingo.run.pool import collector_paused
    from reflingo.run.scan import build_context

    sources = discover([corpus])
    ctx = build_context(sources)
    all_checks()
    groups = [build_corpus(parse_group(g)) for g in partition(sources)[::step]]

    def run() -> int:
        found = 0
        for group in groups:
            with collector_paused():
                findings, problems = check_corpus(group, ctx, codes)
            found += len(findings) + len(problems)
        return found

    (found,) = itertools.starmap(run, [()])   # counted: callgrind collects in starmap_next
    print(f"{len(groups)} groups, {found} findings", file=sys.stderr)
    return 0


def main() -> int:
    ap = arguments(__doc__)
    ap.add_argument("--every", type=int, default=10, metavar="N",
                    help="check every Nth item group (default: 10)")
    ap.add_argument("--codes", nargs="*", metavar="CODE", help="run only these checks")
    args = ap.parse_args()
    corpus = corpus_folder(args)
    if corpus is None:
        return 2
    if os.environ.get(_MARK):
        return _stage(str(corpus), args.every, args.codes)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
               "--toggle-collect=starmap_next", f"--callgrind-out-file={out}",
               sys.executable, *sys.argv]
        # One hash seed: the order of a set's strings changes the work done with them.
        env = {**os.environ, _MARK: "1", "PYTHONHASHSEED": "0"}
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        said = re.findall(r"^\d+ groups, \d+ findings$", done.stderr, re.M)
        total = re.search(r"^summary: (\d+)$", open(out).read(), re.M) if os.path.exists(out) else None
        if done.returncode != 0 or total is None:
            print(done.stderr[-3000:], file=sys.stderr)
            return 1
    checks = f"{len(args.codes)} checks" if args.codes else "all checks"
    print(f"check stage, {checks}, every {args.every}th item group ({said[-1] if said else '?'}): "
          f"{int(total.group(1)) / 1e6:,.0f} M instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
