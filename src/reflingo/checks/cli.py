"""The `check`, `checks` and `fix` commands (added to the `reflingo` command line).

    reflingo check [PATH ...] [--format text|json|sarif] [--fail-on error|warning|note]
                   [--select CODES] [--ignore CODES] [--config FILE] [-o FILE]
    reflingo checks [--format text|json]
    reflingo fix [PATH ...] [--write] [--select CODES] [--ignore CODES] [--config FILE]

The corpus-wide context is computed here, once, then travels with the task to the workers;
its digest is part of the cache key.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from reflingo import cli as base
from reflingo.checks import all_checks
from reflingo.checks.context import build_context, context_digest
from reflingo.config import Config, load_config, parse_codes
from reflingo.findings import Finding, Severity
from reflingo.fix import CannotFix, fix_file, unified_diff, write_atomic
from reflingo.loader import SourceFile
from reflingo.reports import FORMATS, render, rules, sort_findings
from reflingo.tasks import check_task

_SEVERITIES = tuple(s.value for s in Severity)


def add_commands(sub, add_input_options: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("check", help="check every translation against the canonical model",
                       description="Parse and merge the pages, run the checks on every locale of "
                                   "every item, and report the findings (reading problems "
                                   "included). Exit 0 clean, 1 findings at or above --fail-on, "
                                   "2 usage or I/O error.")
    add_input_options(p)
    _add_selection(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    p.add_argument("--fail-on", choices=_SEVERITIES, default=None,
                   help="lowest severity that makes the exit code 1 (default: error, or the "
                        "configuration's fail-on)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("checks", help="list the checks", description="List every check: code, "
                       "category, severity and summary (and the reading problems, RL0xx).")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_checks)

    p = sub.add_parser("fix", help="apply the safe fixes (a dry run unless --write)",
                       description="Run the checks and apply the fixes that are certain. Without "
                                   "--write, print them as a unified diff and change nothing.")
    add_input_options(p)
    _add_selection(p)
    p.add_argument("--write", action="store_true", help="write the fixed files (atomically)")
    p.set_defaults(func=cmd_fix)


def _codes_arg(value: str) -> tuple[str, ...]:
    try:
        return parse_codes(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_codes_arg, action="extend", metavar="CODES",
                   help="report only these codes or code prefixes, comma-separated (e.g. RL1,RL201)")
    p.add_argument("--ignore", type=_codes_arg, action="extend", metavar="CODES",
                   help="do not report these codes or code prefixes")
    p.add_argument("--config", metavar="FILE",
                   help="configuration file (default: ./reflingo.toml, else [tool.reflingo] in "
                        "./pyproject.toml)")


@dataclass(frozen=True, slots=True)
class CheckRun:
    """What one run of the checks produced."""

    findings: list[Finding]
    """Reported findings (selection, per-path ignores and inline comments applied), sorted."""
    sources: list[SourceFile]
    config: Config


def run_checks(args) -> CheckRun:
    """Read the configuration and the inputs, build the context, run the checks everywhere."""
    config = load_config(args.config).override(select=args.select, ignore=args.ignore,
                                               fail_on=getattr(args, "fail_on", None))
    codes = tuple(c.code for c in all_checks() if config.selects(c.code))
    sources = base._sources(args)
    ctx = build_context(sources, config)
    task = functools.partial(check_task, ctx=ctx, codes=codes)
    results = base.run_task(args, f"check:{context_digest(ctx, codes)}", task=task,
                            sources=sources)
    findings, problems = base._split(results)
    kept = sort_findings(f for f in findings + problems if config.keeps(f))
    return CheckRun(findings=kept, sources=sources, config=config)


def cmd_check(args) -> int:
    done = run_checks(args)
    text = render(args.format, done.findings, rules=rules(all_checks()), pages=len(done.sources))
    base._write(text, args.output)
    worst = done.config.fail_on.rank
    failed = any(f.severity.rank >= worst for f in done.findings)
    return base.EXIT_FINDINGS if failed else base.EXIT_OK


def cmd_checks(args) -> int:
    listed = rules(all_checks())
    if args.format == "json":
        data = [{"code": r.code, "name": r.name, "category": r.category.value,
                 "severity": r.severity.value, "summary": r.summary, "doc": r.doc, "kind": r.kind}
                for r in listed]
        text = json.dumps(data, ensure_ascii=False, indent=2)
    else:
        width = max(len(r.category.value) for r in listed)
        text = "\n".join(f"{r.code}  {r.category.value:<{width}}  {r.severity.value:<7}  "
                         f"{r.summary}{'  (reading)' if r.kind == 'reading' else ''}"
                         for r in listed)
    base._write(text, None)
    return base.EXIT_OK


MAX_FIX_PASSES = 5


def cmd_fix(args) -> int:
    """Apply safe fixes; with --write, re-check and repeat until a pass changes nothing
    (a fixed reference page or a second repetition on one line shows up only then)."""
    total, status = 0, base.EXIT_OK
    for _ in range(MAX_FIX_PASSES if args.write else 1):
        applied, status, human = _fix_pass(args)
        total += applied
        if not applied or status != base.EXIT_OK:
            break
    verb = "fixed" if args.write else "would fix"
    print(f"{verb} {total} finding{'s' if total != 1 else ''}; "
          f"{human} finding{'s need' if human != 1 else ' needs'} a human", file=sys.stderr)
    return status


def _fix_pass(args) -> tuple[int, int, int]:
    """One round of check and fix: (fixes applied, exit status, findings left to a human)."""
    done = run_checks(args)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in done.findings:
        if f.fix is not None:
            by_path[f.path].append(f)
    data = {s.path: s.data for s in done.sources}
    status, applied = base.EXIT_OK, 0
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
            status = base.EXIT_USAGE
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
