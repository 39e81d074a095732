"""Benchmark: parse the whole shared corpus with the real CLI; print pages/s, wall time, peak memory.

Runs `reflingo parse --stats` three times in a subprocess: cold (empty cache), unchanged (cache
warm, nothing changed), and one page changed; then `reflingo parse --format json -o FILE` cold
and cached. Peak memory is the largest resident set of the
whole process tree (reflingo and its workers), sampled from /proc every 20 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str]) -> tuple[float, int, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.02)
    out, err = proc.communicate()
    return time.perf_counter() - start, peak, proc.returncode, out + err


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus", help="folder holding <locale>/docs")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"bench: no corpus at {corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="reflingo-bench-"))
    try:
        copy = work / "corpus"
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("media", "*.gif", "*.png", "*.jpg", "*.JPG"))
        pages = sum(1 for _ in copy.rglob("*.md"))
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
