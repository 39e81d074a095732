"""Docstrings of the stubs: the chosen locale's text (en-US, then the consensus, as fallback),
in Google style (`Args:`, `Returns:`, `Raises:`), with a link to the source page.

The section labels stay English in every locale: tools read them (Sphinx napoleon, IDEs), and
the stubs of two locales then differ in their prose only.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from reflingo.render.stubs.facts import pick

WIDTH = 96
"""Docstring lines are wrapped to this width (indentation included)."""

SOURCE_URL = "https://learn.microsoft.com/{locale}/office/client-developer/{path}"
"""Where a page is published: `{locale}` lower-case (`es-es`), `{path}` without `.md`."""

_FAILURE = re.compile(r"^(?:MAPI_E_|E_|[A-Z][A-Z0-9]*_E_)[A-Z0-9_]+$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One entry of a docstring section: a name, its text, and entries under it (flags)."""

    name: str
    """The parameter, flag, member or value name."""
    text: str
    """Its description (plain text, one paragraph)."""
    children: tuple["Entry", ...] = ()
    """Entries listed under it (a parameter's flags)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Doc:
    """The parts of one docstring."""

    summary: str
    """What the item does."""
    sections: Sequence[tuple[str, Sequence[Entry]]] = ()
    """(label, entries) in order; empty sections are left out."""
    notes: Sequence[str] = field(default_factory=tuple)
    """Further paragraphs (what the call returns, what it raises)."""
    link: str | None = None
    """The source page's address."""


_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|?)+\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def _table_rows(text: str) -> str:
    """A pipe table's rows as `cell, cell;` sentences (its rule lines dropped)."""
    lines = []
    for line in text.splitlines():
        if _TABLE_RULE.match(line) and "-" in line:
            continue
        row = _TABLE_ROW.match(line)
        if row:
            cells = [c.strip() for c in row.group(1).split("|")]
            line = ", ".join(c for c in cells if c and c != "-") + ";"
        lines.append(line)
    return "\n".join(lines)


def clean(text: str) -> str:
    """One line of plain text (tables as sentences, Markdown escapes resolved) that is safe
    inside a triple-quoted string."""
    text = _ESCAPE.sub(r"\1", _table_rows(text)) if "|" in text or "\\" in text else text
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)
    text = " ".join(text.split())
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text[:-1] + '\\"' if text.endswith('"') else text


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, max(40, WIDTH - len(indent)), break_long_words=False,
                         break_on_hyphens=False) or [""]


def _entry(entry: Entry, indent: str) -> list[str]:
    first = f"{entry.name}: {entry.text}".rstrip() if entry.text else f"{entry.name}:"
    lines = _wrap(first, indent)
    out = [indent + lines[0]] + [indent + "    " + line for line in
                                 _wrap(" ".join(lines[1:]), indent + "    ") if line]
    for child in entry.children:
        out.extend(_entry(child, indent + "    "))
    return out


def render(doc: Doc, indent: str) -> list[str]:
    """The docstring as source lines, each starting with `indent`."""
    body: list[str] = [indent + line for line in _wrap(clean(doc.summary) or "Undocumented.",
                                                        indent)]
    for label, entries in doc.sections:
        if entries:
            body += ["", indent + f"{label}:"]
            for e in entries:
                body.extend(_entry(Entry(name=clean(e.name), text=clean(e.text), children=tuple(
                    Entry(name=clean(c.name), text=clean(c.text)) for c in e.children)),
                    indent + "    "))
    for note in doc.notes:
        body += [""] + [indent + line for line in _wrap(clean(note), indent)]
    if doc.link:
        body += ["", indent + f"Source: {doc.link}"]
    body[0] = indent + '"""' + body[0][len(indent):]
    if len(body) == 1:
        return [body[0] + '"""']
    return body + [indent + '"""']


def source_link(paths: Mapping[str, str], locale: str) -> str | None:
    """The published page of the item in `locale` (else en-US, else the first locale)."""
    loc = next((loc for loc in (locale, "en-US") if loc in paths), None) or min(paths, default=None)
    if loc is None:
        return None
    path = re.sub(r"\.md$", "", paths[loc])
    return SOURCE_URL.format(locale=loc.lower(), path=path)


def is_failure(name: str) -> bool:
    """A failure HRESULT (`MAPI_E_NOT_FOUND`, `E_INVALIDARG`), which a binding raises."""
    return bool(_FAILURE.match(name))


def value_entries(values: Sequence[Mapping[str, object]], locale: str) -> tuple[list[Entry],
                                                                              list[Entry]]:
    """Documented return values split into (successes, failures)."""
    ok, failed = [], []
    for v in values:
        texts = v.get("text")
        entry = Entry(name=str(v["name"]), text=pick(texts if isinstance(texts, dict) else {},
                                                     locale))
        (failed if is_failure(entry.name) else ok).append(entry)
    return ok, failed
