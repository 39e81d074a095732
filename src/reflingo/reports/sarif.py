"""SARIF 2.1.0 report, for code-scanning tools (GitHub, VS Code SARIF viewer, ...).

One run; `tool.driver.rules` lists every rule (registered checks and reading problems), each
result points at its rule by id and index. File locations are relative to the current folder
(`uriBaseId` SRCROOT) with forward slashes; columns count Unicode code points.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from reflingo import __version__
from reflingo.findings import Finding
from reflingo.findings import Rule
from reflingo.reports.json import indented

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(findings: Sequence[Finding], rules: Sequence[Rule]) -> str:
    return indented(document(findings, rules))


def document(findings: Sequence[Finding], rules: Sequence[Rule], base: str | None = None) -> dict:
    """The SARIF log as data; paths are made relative to `base` (default: the current folder)."""
    base_dir = Path(base or os.getcwd()).resolve()
    rules = list(rules)
    index = {r.code: i for i, r in enumerate(rules)}
    findings = sorted(findings, key=lambda f: f.sort_key())
    for f in findings:  # a code no rule describes still gets a rule entry
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append(Rule(code=f.code, name=f.code, category=f.category, severity=f.severity,
                              summary=f.message, doc=f.message))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reflingo", "version": __version__, "semanticVersion": __version__,
                "rules": [_rule(r) for r in rules],
            }},
            "originalUriBaseIds": {"SRCROOT": {"uri": base_dir.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index[f.code], base_dir) for f in findings],
        }],
    }


def _rule(r: Rule) -> dict:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary or r.code},
        "fullDescription": {"text": r.doc or r.summary or r.code},
        "defaultConfiguration": {"level": r.severity.value},
        "properties": {"category": r.category.value, "kind": r.kind},
    }


def _artifact(path: str, base_dir: Path) -> dict:
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(base_dir).as_posix()
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(os.fsencode(rel)), "uriBaseId": "SRCROOT"}


def _result(f: Finding, rule_index: int, base_dir: Path) -> dict:
    region: dict = {"startLine": max(f.line, 1)}
    if f.column:
        region["startColumn"] = f.column
    if f.end_line and f.end_line >= f.line:
        region["endLine"] = f.end_line
    artifact = _artifact(f.path, base_dir)
    result = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": f.severity.value,
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "properties": {k: v for k, v in (("locale", f.locale), ("category", f.category.value),
                                         ("item", f.item), ("expected", f.expected),
                                         ("actual", f.actual)) if v is not None},
    }
    if f.fix is not None:
        text = f"Replace {f.fix.old!r} with {f.fix.new!r}" if not f.fix.also else \
            f"Replace the text of {len(f.fix.pieces())} lines"
        result["fixes"] = [{
            "description": {"text": text},
            "artifactChanges": [{"artifactLocation": artifact, "replacements": [{
                "deletedRegion": {"startLine": x.line, "startColumn": x.column,
                                  "endLine": x.line, "endColumn": x.column + len(x.old)},
                "insertedContent": {"text": x.new},
            } for x in f.fix.pieces()]}],
        }]
    return result
