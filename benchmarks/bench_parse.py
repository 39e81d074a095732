"""Benchmark: parse the whole shared corpus with the real CLI; print pages/s, wall time, peak memory.

Runs `reflingo parse --stats` three times in a subprocess: cold (empty cache), unchanged (cache
warm, nothing changed), and one page changed; then `reflingo parse --format json -o FILE` cold
and cached. Peak memory is the largest resident set of the
whole process tree (reflingo and its workers), sampled from /proc every 20 ms.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchkit import arguments, copy_pages, corpus_folder, measure


def main() -> int:
    ap = arguments(__doc__)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = ap.parse_args()
    corpus = corpus_folder(args)
    if corpus is None:
        return 2
    work = Path(tempfile.mkdtemp(prefix="reflingo-bench-"))
    try:
        copy, pages = copy_pages(corpus, work)
        cache = work / "cache"
        cmd = [sys.executable, "-m", "reflingo", "parse", "--stats", "--no-progress",
               "--cache-dir", str(cache), str(copy)]
        if args.jobs:
            cmd[4:4] = ["--jobs", str(args.jobs)]
        print(f"reflingo parse --stats over {pages} pages ({corpus}), {os.cpu_count()} cores")
        print(f"{'run':<22}{'seconds':>9}{'pages/s':>10}{'peak MB':>10}")
        runs = [("cold (empty cache)", None), ("unchanged (cached)", None), ("one page changed", "touch")]
        for label, action in runs:
            if action == "touch":
                victim = next(copy.rglob("imapisession-logoff.md"))
                victim.write_text(victim.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
            secs, peak, code, output = measure(cmd)
            if code not in (0, 1):
                print(output, file=sys.stderr)
                return code
            print(f"{label:<22}{secs:>9.2f}{pages / secs:>10.0f}{peak / 2**20:>10.0f}")
        out = work / "model.json"
        json_cmd = [sys.executable, "-m", "reflingo", "parse", "--format", "json", "--no-progress",
                    "--cache-dir", str(work / "cache-json"), "-o", str(out), str(copy)]
        for label in ("json cold", "json cached"):
            secs, peak, code, output = measure(json_cmd)
            if code not in (0, 1):
                print(output, file=sys.stderr)
                return code
            print(f"{label:<22}{secs:>9.2f}{pages / secs:>10.0f}{peak / 2**20:>10.0f}"
                  f"   ({out.stat().st_size / 2**20:.0f} MB of JSON)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
