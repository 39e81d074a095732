"""Split YAML front matter from the body and read the fields reflingo uses, with their lines."""

from __future__ import annotations

import re

import yaml
from frontmatter.default_handlers import YAMLHandler

from reflingo.findings import Category, Finding, Severity
from reflingo.model import FrontMatter, SourceSpan
from reflingo.parse.source import problem

_HANDLER = YAMLHandler()
_KEY_LINE = re.compile(r"^([A-Za-z_][\w.\-]*)\s*:")
_FENCE = re.compile(r"^---[ \t]*$")

_FIELDS = {
    "title": "title", "ms.assetid": "assetid", "ms.date": "date", "description": "description",
    "ms.contentlocale": "contentlocale", "ms.translationtype": "translationtype",
    "ms.openlocfilehash": "openlocfilehash", "ms.sourcegitcommit": "sourcegitcommit",
    "ms.lasthandoff": "lasthandoff", "ms.locfileid": "locfileid",
}


def split(text: str, path: str) -> tuple[FrontMatter, int, list[Finding]]:
    """Return the front matter, the 0-based index of the first body line, and problems."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start]):
        return FrontMatter(), 0, [problem(
            "RL004", Category.METADATA, Severity.ERROR, path, start + 1 if start < len(lines) else 1,
            "no front matter: a reference page starts with a '---' YAML block")]
    end = next((i for i in range(start + 1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return FrontMatter(), 0, [problem(
            "RL005", Category.METADATA, Severity.ERROR, path, start + 1,
            "front matter is not closed: no second '---' line; the page is read as body")]
    raw = "\n".join(lines[start + 1:end])
    span = SourceSpan(path=path, line_start=start + 1, line_end=end + 1)
    try:
        data = _HANDLER.load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = start + 2 + (mark.line if mark is not None else 0)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(span=span), end + 1, [problem(
            "RL005", Category.METADATA, Severity.ERROR, path, line,
            f"malformed front matter: {reason}; fields ignored")]
    if not isinstance(data, dict):
        return FrontMatter(span=span), end + 1, [problem(
            "RL005", Category.METADATA, Severity.ERROR, path, start + 2,
            "malformed front matter: expected 'key: value' fields")]
    key_lines = {}
    for i in range(start + 1, end):
        m = _KEY_LINE.match(lines[i])
        if m:
            key_lines.setdefault(m.group(1), i + 1)
    return _build(data, key_lines, span), end + 1, []


def _build(data: dict, key_lines: dict[str, int], span: SourceSpan) -> FrontMatter:
    values = {attr: _scalar(data.get(key)) for key, attr in _FIELDS.items()}
    return FrontMatter(
        api_name=_strings(data.get("api_name")), api_type=_strings(data.get("api_type")),
        fields=data, lines=key_lines, span=span, **values)


def _scalar(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None)
    return (str(value),)
