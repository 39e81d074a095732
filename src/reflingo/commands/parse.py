"""`reflingo parse`: the canonical model of the pages, as text or JSON, or its statistics."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Iterable, Iterator

from reflingo.commands import EXIT_FINDINGS, EXIT_OK
from reflingo.commands.common import run_task, split
from reflingo.commands.writer import write_chunks, write_output
from reflingo.reports import stats
from reflingo.reports.model import document_chunks
from reflingo.run.pool import TaskFailure


def run(args: argparse.Namespace) -> int:
    """Parse, merge, print; exit 1 when a page had input errors."""
    if args.stats:
        results = run_task(args, "stats")
        rows, problems = split(results)
        items = [i for r in results if not isinstance(r, TaskFailure) for i in r[2]]
        write_output(stats.render(rows) + "\n\n" + stats.render_items(items, rows), args.output)
    else:
        items, problems = split(run_task(args, "model"))   # each item as JSON text
        problems.sort(key=lambda f: f.sort_key())
        if args.format == "json":
            write_chunks(document_chunks(items, problems), args.output)
        else:
            write_chunks(_lines(item_text(json.loads(i)) for i in items), args.output)
    for p in sorted(problems, key=lambda f: f.sort_key()):
        print(f"{p.path}:{p.line}: {p.severity} {p.code} {p.message}", file=sys.stderr)
    return EXIT_FINDINGS if any(p.severity == "error" for p in problems) else EXIT_OK


def _lines(texts: Iterable[str]) -> Iterator[str]:
    for n, text in enumerate(texts):
        yield text if n == 0 else "\n" + text


def item_text(item: dict) -> str:
    """One item of the model in the text format: name, signature, parameters, return values."""
    lines = [f"{item['name']}  [{item['kind']}]  {', '.join(item['locales'])}"]
    sig = item.get("signature")
    if sig:
        params = ", ".join(f"{p['type']} {p['name']}".strip() for p in sig["params"])
        ret = f"{sig['return_type']} " if sig.get("return_type") else ""
        lines.append(f"  signature: {ret}{sig['name']}({params})")
    for p in item["parameters"]:
        flags = f"  flags: {', '.join(f['name'] for f in p['flags'])}" if p["flags"] else ""
        aliases = "".join(f"  {loc}: {name!r}" for loc, name in p["aliases"].items())
        lines.append(f"  param {p['name']}: {p['type'] or '?'} [{p['direction']}]{flags}{aliases}")
    if item["return_values"]:
        lines.append("  returns: " + ", ".join(v["name"] for v in item["return_values"]))
    return "\n".join(lines)
