"""`reflingo parse`: the canonical model of the pages, as text or JSON, or its statistics."""

from __future__ import annotations

import argparse
import json
import sys

from reflingo.commands import EXIT_FINDINGS, EXIT_OK
from reflingo.commands.common import run_task, split
from reflingo.commands.writer import write_output
from reflingo.reports import stats
from reflingo.reports.model import document, to_data


def run(args: argparse.Namespace) -> int:
    """Parse, merge, print; exit 1 when a page had input errors."""
    if args.stats:
        rows, problems = split(run_task(args, "stats"))
        text = stats.render(rows)
    else:
        items, problems = split(run_task(args, "model"))
        if args.format == "json":
            text = json.dumps(document(items, [to_data(p) for p in problems]), ensure_ascii=False,
                              indent=1, allow_nan=False)
        else:
            text = "\n".join(item_text(i) for i in items)
    write_output(text, args.output)
    for p in sorted(problems, key=lambda f: f.sort_key()):
        print(f"{p.path}:{p.line}: {p.severity} {p.code} {p.message}", file=sys.stderr)
    return EXIT_FINDINGS if any(p.severity == "error" for p in problems) else EXIT_OK


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
