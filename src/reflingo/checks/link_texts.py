"""Fixes of a link's text (RL503): a replacement inside the text of one link on its line, the
name a truncated text lost moved back from behind the link, and where a text spells a name
with blanks inserted."""

from __future__ import annotations

import re

from reflingo.findings import Fix
from reflingo.model import Link, Page
from reflingo.parse.inline import find_links, plain


def displaced_fix(page: Page, p: Link, written: str, ident: str) -> Fix | None:
    """The fix of a truncated link text whose missing part stands right after the link
    (`[IMAPIProp::](x.md) SetProps`): the part moved back into the text, not written twice."""
    if not ident.startswith(written):
        return None
    rest = ident[len(written):]
    line = page.line(p.span.line_start)
    for raw, target, offset in find_links(line):
        whole = f"[{raw}]({target})"
        if target != p.target or plain(raw) != p.text or raw.count(written) != 1 or \
                not line.startswith(whole, offset):
            continue
        after = re.match(rf"[ \t]*{re.escape(rest)}(?![\w:])", line[offset + len(whole):])
        if after is None:
            return None
        old = line[offset + 1:offset + len(whole) + after.end()]
        return Fix(line=p.span.line_start, column=offset + 2, old=old,
                   new=f"{raw.replace(written, ident)}]({target})")
    return None


def text_fix(page: Page, p: Link, old: str, new: str) -> Fix | None:
    """Replace `old` inside the link's text on its line (the first link there with this target
    and text), when it occurs there exactly once."""
    line = page.line(p.span.line_start)
    for raw, target, offset in find_links(line):
        if target != p.target or plain(raw) != p.text:
            continue
        if old and raw.count(old) != 1:
            return None
        column = offset + 2 + (raw.index(old) if old else 0)
        return Fix(line=p.span.line_start, column=column, old=old, new=new)
    return None


def spaced_out(ident: str, text: str) -> list[str]:
    """The non-overlapping spans of `text` that spell `ident` (an identifier: no blanks) with
    blanks between its characters, left to right: `re.findall` of its characters joined by
    `\\s*`, without compiling a pattern per identifier."""
    found, first, rest, end = [], ident[0], ident[1:], len(text)
    start = text.find(first)
    while start >= 0:
        k = start + 1
        for c in rest:
            while k < end and text[k].isspace():
                k += 1
            if k == end or text[k] != c:
                break
            k += 1
        else:
            found.append(text[start:k])
            start = text.find(first, k)
            continue
        start = text.find(first, start + 1)
    return found
