"""Plain-text report: findings grouped by page, then counts per category and severity.

    content/es-ES/outlook/mapi/imapisession-logoff.md  (es-ES)
      54:3  error    RL201  [direction] ... (expected '[in]', got 'a')

    3 findings in 1 file (5 pages checked): 2 errors, 1 warning, 0 notes
      category     error  warning  note
      direction        2        0     0
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Sequence

from reflingo.findings import Finding, Severity

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.NOTE)


def render(findings: Sequence[Finding], *, pages: int | None = None) -> str:
    findings = sorted(findings, key=lambda f: f.sort_key())
    checked = f" ({pages} page{_s(pages)} checked)" if pages is not None else ""
    if not findings:
        return f"No findings{checked}."
    out: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        group = list(group)
        out.append(_header(path, group))
        out.extend(_line(f, width) for f, width in _with_width(group))
        out.append("")
    out.extend(summary(findings, checked))
    return "\n".join(out)


def _header(path: str, group: list[Finding]) -> str:
    locales = sorted({f.locale for f in group if f.locale})
    return f"{path}  ({', '.join(locales)})" if locales else path


def _position(f: Finding) -> str:
    return f"{f.line}:{f.column}" if f.column else str(f.line)


def _with_width(group: list[Finding]):
    width = max(len(_position(f)) for f in group)
    return ((f, width) for f in group)


def _line(f: Finding, width: int) -> str:
    return (f"  {_position(f):>{width}}  {f.severity.value:<7}  {f.code}  [{f.category.value}] "
            f"{f.message}{_compare(f)}")


def _compare(f: Finding) -> str:
    parts = []
    if f.expected is not None:
        parts.append(f"expected {f.expected!r}")
    if f.actual is not None:
        parts.append(f"got {f.actual!r}")
    return f" ({', '.join(parts)})" if parts else ""


def summary(findings: Sequence[Finding], checked: str = "") -> list[str]:
    """The closing lines: totals, then a category x severity table."""
    by_severity = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    totals = ", ".join(f"{by_severity[s]} {s.value}{_s(by_severity[s])}" for s in _SEVERITIES)
    lines = [f"{len(findings)} finding{_s(len(findings))} in {files} file{_s(files)}{checked}: "
             f"{totals}"]
    cells = Counter((f.category.value, f.severity) for f in findings)
    categories = sorted({f.category.value for f in findings})
    width = max(len("category"), *(len(c) for c in categories))
    lines.append(f"  {'category':<{width}}  " + "  ".join(f"{s.value:>7}" for s in _SEVERITIES))
    for cat in categories:
        lines.append(f"  {cat:<{width}}  " + "  ".join(f"{cells[cat, s]:>7}" for s in _SEVERITIES))
    return lines


def _s(n: int | None) -> str:
    return "" if n == 1 else "s"
