"""`reflingo checks`: every rule, with its code, category, severity and summary."""

from __future__ import annotations

import argparse
import json

from reflingo.checks import all_checks
from reflingo.commands import EXIT_OK
from reflingo.commands.writer import write_output
from reflingo.reports import rules


def run(args: argparse.Namespace) -> int:
    """List the rules (the registered checks and the reading problems)."""
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
    write_output(text, None)
    return EXIT_OK
