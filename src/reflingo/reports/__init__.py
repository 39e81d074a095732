"""Reports: a stream of findings rendered as text, JSON or SARIF 2.1.0.

Renderers are pure: findings (and the rules they refer to) in, a string out. The rules are the
registered checks plus the problems the reader itself reports (RL0xx), so every code a report
can hold has a summary.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from reflingo.findings import Finding, Rule
from reflingo.parse.problems import READING_RULES


def rules(checks: Iterable = ()) -> list[Rule]:
    """Every rule, sorted by code: the given registered checks and the reading problems."""
    out = {r.code: r for r in READING_RULES}
    for c in checks:
        out[c.code] = Rule(code=c.code, name=c.name, category=c.category, severity=c.severity,
                           summary=c.summary, doc=c.doc)
    return [out[code] for code in sorted(out)]


FORMATS = ("text", "json", "sarif")


def render(fmt: str, findings: Sequence[Finding], *, rules: Sequence[Rule] = (),
           pages: int | None = None) -> str:
    """The report in `fmt` (text, json or sarif); `pages` is how many pages were checked."""
    from reflingo.reports import json as json_report, sarif, text
    renderers: dict[str, Callable[..., str]] = {
        "text": lambda: text.render(findings, pages=pages),
        "json": lambda: json_report.render(findings),
        "sarif": lambda: sarif.render(findings, rules),
    }
    return renderers[fmt]()
