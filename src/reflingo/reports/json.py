"""JSON report: a list of findings, one flat object each, in file and line order."""

from __future__ import annotations

import json
from typing import Any, Sequence

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
    """The findings in file and line order, as `json.dumps(data, ensure_ascii=False,
    indent=2)` writes them (same text, strings written by the C encoder)."""
    return indented([finding_data(f) for f in sorted(findings, key=lambda f: f.sort_key())])


def indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`'s text, strings written by the C
    encoder (the reports are large; json.dumps writes an indented text in Python)."""
    return _indented(value, "")


_string = json.encoder.encode_basestring   # the C function, when the interpreter has it


def _indented(value: Any, indent: str) -> str:
    """`value` as `json.dumps(..., ensure_ascii=False, indent=2)` writes it, at `indent`."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + "  "
        body = ",\n".join(inner + _indented(v, inner) for v in value)
        return f"[\n{body}\n{indent}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        body = ",\n".join(f"{inner}{_key(k)}: {_indented(v, inner)}" for k, v in value.items())
        return f"{{\n{body}\n{indent}}}"
    return json.dumps(value, ensure_ascii=False)   # a float, or the encoder's TypeError


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _string(key)
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]   # as the encoder writes a key
