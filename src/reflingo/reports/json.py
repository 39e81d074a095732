"""JSON report: a list of findings, one flat object each, in file and line order."""

from __future__ import annotations

import json
from typing import Sequence

from reflingo.findings import Finding


def finding_data(f: Finding) -> dict:
    """A finding as JSON-ready data."""
    fix = None
    if f.fix is not None:
        fix = {"line": f.fix.line, "column": f.fix.column, "old": f.fix.old, "new": f.fix.new}
        if f.fix.also:                          # a page-wide fix: its further lines
            fix["also"] = [{"line": x.line, "column": x.column, "old": x.old, "new": x.new}
                           for x in f.fix.also]
    return {
        "code": f.code, "category": f.category.value, "severity": f.severity.value,
        "locale": f.locale, "file": f.path, "line": f.line, "column": f.column, "item": f.item,
        "message": f.message, "expected": f.expected, "actual": f.actual, "fix": fix,
    }


def render(findings: Sequence[Finding]) -> str:
    data = [finding_data(f) for f in sorted(findings, key=lambda f: f.sort_key())]
    return json.dumps(data, ensure_ascii=False, indent=2)
