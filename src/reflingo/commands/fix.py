"""`reflingo fix`: apply the fixes that are certain, as a diff (dry run) or in place."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from reflingo.commands import EXIT_OK, EXIT_USAGE
from reflingo.commands.check import run_checks
from reflingo.commands.writer import write_atomic
from reflingo.findings import Finding
from reflingo.fixes import CannotFix, fix_file, unified_diff

MAX_FIX_PASSES = 5


def run(args: argparse.Namespace) -> int:
    """Apply safe fixes; with --write, re-check and repeat until a pass changes nothing
    (a fixed reference page or a second repetition on one line shows up only then)."""
    total, status = 0, EXIT_OK
    for _ in range(MAX_FIX_PASSES if args.write else 1):
        applied, status, human = _fix_pass(args)
        total += applied
        if not applied or status != EXIT_OK:
            break
    verb = "fixed" if args.write else "would fix"
    print(f"{verb} {total} finding{'s' if total != 1 else ''}; "
          f"{human} finding{'s need' if human != 1 else ' needs'} a human", file=sys.stderr)
    return status


def _fix_pass(args: argparse.Namespace) -> tuple[int, int, int]:
    """One round of check and fix: (fixes applied, exit status, findings left to a human)."""
    done = run_checks(args)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in done.findings:
        if f.fix is not None:
            by_path[f.path].append(f)
    data = {s.path: s.data for s in done.sources}
    status, applied = EXIT_OK, 0
    out, err = sys.stdout, sys.stderr
    for path in sorted(by_path):
        if path not in data:  # a finding on a file that was not read: nothing to fix safely
            continue
        try:
            result = fix_file(path, data[path], by_path[path])
            if result.changed and args.write:
                _unchanged_since_read(path, data[path])
                write_atomic(path, result.after)
        except CannotFix as exc:
            print(f"{path}: {exc}", file=err)
            continue
        except OSError as exc:
            print(f"{path}: cannot write: {exc.strerror or exc}; the file is unchanged", file=err)
            status = EXIT_USAGE
            continue
        for f, reason in result.skipped:
            print(f"{path}:{f.fix.line}:{f.fix.column}: skipped {f.code} fix: {reason}", file=err)
        if not result.changed:
            continue
        applied += len(result.applied)
        if args.write:
            n = len(result.applied)
            print(f"fixed {n} finding{'s' if n != 1 else ''} in {path}", file=out)
        else:
            out.write(unified_diff(path, result.before, result.after))
    human = sum(1 for f in done.findings if f.fix is None)
    return applied, status, human


def _unchanged_since_read(path: str, data: bytes) -> None:
    with open(path, "rb") as fh:
        if fh.read() != data:
            raise CannotFix("changed since it was read; not written")
