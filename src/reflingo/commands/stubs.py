"""`reflingo stubs`: a typed Python package (PEP 561) generated from the canonical model.

The pages are read through the result cache (the `stubs` task keeps each item group's facts),
the constants come from a JSON table or from headers, :mod:`reflingo.render.stubs` renders the
package, and the writer writes it. The summary (counts per kind), every disagreement between a
computed value and the table, and what could not be typed are printed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from reflingo import __version__
from reflingo.commands import EXIT_FINDINGS, EXIT_OK
from reflingo.commands.common import run_task, split
from reflingo.commands.writer import write_tree
from reflingo.errors import InputError
from reflingo.render.stubs import StubOptions, StubReport, render_package
from reflingo.render.stubs.constmod import hexa
from reflingo.run.constants import read_constants_json, read_headers

log = logging.getLogger("reflingo")
DEFAULT_CONSTANTS = "../shared/data/mapi-constants.json"
"""The constants table used when neither --constants nor --headers is given (if it exists)."""


def _constants(args: argparse.Namespace) -> dict[str, int]:
    if args.headers:
        return read_headers(args.headers)
    if args.constants:
        return read_constants_json(args.constants)
    if Path(DEFAULT_CONSTANTS).is_file():
        return read_constants_json(DEFAULT_CONSTANTS)
    log.warning("no constants table (--constants FILE or --headers DIR): every flag and "
                "HRESULT is emitted without a value")
    return {}


def _doc_locale(args: argparse.Namespace) -> str:
    """`--locale TAG` is the docstrings' language; `--locale TAG=PATH` a locale root (kept)."""
    tags = [tag for tag, path in args.locale if not path]
    args.locale = [(tag, path) for tag, path in args.locale if path]
    return tags[-1] if tags else "en-US"


def run(args: argparse.Namespace) -> int:
    """Generate the package into --out; exit 1 when a page had input errors."""
    if not args.name.isidentifier() or not args.name.isascii():
        raise InputError(f"--name {args.name!r}: not a Python package name")
    locale = _doc_locale(args)
    table = _constants(args)
    facts, problems = split(run_task(args, "stubs"))
    if facts and not any(locale in f["paths"] for f in facts):
        log.warning("no page in %s: the docstrings fall back to en-US, then to the other "
                    "locales", locale)
    package = render_package(facts, table, StubOptions(locale=locale, package=args.name,
                                                        version=__version__))
    write_tree(args.out, ((rel, text.encode("utf-8"))
                          for rel, text in sorted(package.files.items())))
    print(f"{args.name} ({locale}) written to {args.out}: {len(package.files)} files")
    print_report(package.report, sys.stdout, details=args.verbose > 0)
    for p in sorted(problems, key=lambda f: f.sort_key()):
        print(f"{p.path}:{p.line}: {p.severity} {p.code} {p.message}", file=sys.stderr)
    return EXIT_FINDINGS if any(p.severity == "error" for p in problems) else EXIT_OK


def print_report(report: StubReport, out: TextIO, *, details: bool) -> None:
    """Counts per kind, every disagreement, what is unknown (grouped; each one with
    `details`)."""
    for kind, count in report.counts:
        print(f"  {kind:<24} {count:>6}", file=out)
    print(f"disagreements with the constants table: {len(report.disagreements)}", file=out)
    for d in report.disagreements:
        print(f"  {d.name}: computed {hexa(d.computed)}, table {hexa(d.table)}  ({d.item})",
              file=out)
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for u in report.unknowns:
        groups[u.what][u.name].append(f"{u.item}: {u.note}" if u.note else u.item)
    total = sum(len(v) for g in groups.values() for v in g.values())
    print(f"unknown or left out: {total}", file=out)
    for what in sorted(groups):
        names = groups[what]
        uses = sum(len(v) for v in names.values())
        shown = ", ".join(sorted(names)[:8]) + (", ..." if len(names) > 8 else "")
        print(f"  {what}: {len(names)} names, {uses} uses ({shown})", file=out)
        if details:
            for name in sorted(names):
                for where in names[name]:
                    print(f"    {name}  {where}", file=out)
