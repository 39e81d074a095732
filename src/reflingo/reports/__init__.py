"""Reports: a stream of findings rendered as text, JSON or SARIF 2.1.0.

Renderers are pure: findings (and the rules they refer to) in, a string out. The rules are the
registered checks plus the problems the reader itself reports (RL0xx), so every code a report
can hold has a summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from reflingo.findings import Category, Finding, Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """What a finding code means: from a registered check, or a reading problem."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    """The first line of the check's docstring."""
    doc: str
    """The whole docstring (summary, Bad:/Good: example)."""
    kind: str = "check"
    """`check` (a registered check) or `reading` (reported while reading a page)."""


_E, _W = Severity.ERROR, Severity.WARNING
#: Problems the reader reports (reflingo.parse), which are not registered checks.
READING_RULES = tuple(Rule(code=code, name=name, category=cat, severity=sev, summary=text,
                           doc=text, kind="reading") for code, name, cat, sev, text in (
    ("RL001", "not-utf8", Category.ENCODING, _E,
     "The file is not UTF-8 (a legacy code page, or UTF-16 with a byte order mark)."),
    ("RL002", "binary-file", Category.ENCODING, _E, "The file is binary, not a Markdown page."),
    ("RL003", "empty-file", Category.FORMATTING, _E, "The file is empty."),
    ("RL004", "no-front-matter", Category.METADATA, _E,
     "The page has no YAML front matter block."),
    ("RL005", "malformed-front-matter", Category.METADATA, _E,
     "The front matter is not closed or does not parse as YAML."),
    ("RL006", "unclosed-code-fence", Category.FORMATTING, _E,
     "A code fence is never closed: the rest of the page reads as code."),
    ("RL007", "very-large-page", Category.FORMATTING, _W, "The page is unusually large."),
    ("RL009", "internal-error", Category.FORMATTING, _E,
     "reflingo failed on this page (a bug): its other results may be incomplete."),
))


def rules(checks: Iterable = ()) -> list[Rule]:
    """Every rule, sorted by code: the given registered checks and the reading problems."""
    out = {r.code: r for r in READING_RULES}
    for c in checks:
        out[c.code] = Rule(code=c.code, name=c.name, category=c.category, severity=c.severity,
                           summary=c.summary, doc=c.doc)
    return [out[code] for code in sorted(out)]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key())


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
