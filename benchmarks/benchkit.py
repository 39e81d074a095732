"""What the benchmarks share: the command-line arguments, the corpus they read, and the wall time
and peak memory of a command's whole process tree."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path


def arguments(doc: str) -> argparse.ArgumentParser:
    """A benchmark's argument parser (its summary is the first line of `doc`), with --corpus."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus", help="folder holding <locale>/docs")
    return ap


def corpus_folder(args: argparse.Namespace) -> Path | None:
    """The corpus folder the arguments name, or None (said on stderr) when there is none."""
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"bench: no corpus at {corpus}", file=sys.stderr)
        return None
    return corpus


def copy_pages(corpus: Path, work: Path) -> tuple[Path, int]:
    """A copy of the corpus's pages (no media) under `work`, and how many pages it holds."""
    copy = work / "corpus"
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("media", "*.gif", "*.png",
                                                              "*.jpg", "*.JPG"))
    return copy, sum(1 for _ in copy.rglob("*.md"))


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
