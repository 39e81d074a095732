"""A small inline tree for a piece of page text, so that a renderer never parses Markdown.

:func:`parse_inline` reads the inline Markdown of one text (a parameter's description, a flag's,
a summary) into :class:`Inline` nodes: plain text, code spans, strong and emphasis runs, links,
images, line breaks and raw HTML (kept as `html` for the renderer to sanitise). It runs in time
linear in the text: each kind of closing delimiter is looked up once from a position, and once
none is left to the right, it is never looked up again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 4
"""Emphasis nested deeper than this is kept as plain text."""

_SPECIAL = re.compile(r"[`*_\[!<\\]")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,500})?/?>")
_TARGET = re.compile(r"\(\s*<?([^()\s<>]{0,2000})>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Inline:
    """One node of a text's inline content."""

    kind: str
    """`text`, `code`, `strong`, `em`, `link`, `image`, `break` or `html`."""
    text: str = ""
    """The node's own text: the characters (text, code), the alt text (image), the markup (html)."""
    target: str | None = None
    """A link's or an image's target, exactly as written."""
    children: tuple["Inline", ...] = ()
    """The content of a strong, emphasis or link node."""


def parse_inline(markdown: str, depth: int = 0) -> tuple[Inline, ...]:
    """The inline nodes of `markdown` (one paragraph's worth of text)."""
    return _Scanner(markdown, depth).run()


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The text a reader sees, markup removed."""
    out = []
    for n in nodes:
        if n.kind in ("text", "code"):
            out.append(n.text)
        elif n.kind == "break":
            out.append(" ")
        elif n.kind != "html":
            out.append(plain_text(n.children) if n.children else n.text)
    return "".join(out)


class _Scanner:
    def __init__(self, text: str, depth: int) -> None:
        self.text, self.depth = text, depth
        self.nodes: list[Inline] = []
        self.plain_from = 0
        self.none_after: dict[str, int] = {}   # delimiter -> position after which none is left

    def run(self) -> tuple[Inline, ...]:
        text, pos = self.text, 0
        while (m := _SPECIAL.search(text, pos)) is not None:
            i = m.start()
            end = self._construct(i)
            pos = end if end > i else i + 1
        self._flush(len(text))
        return tuple(self.nodes)

    def _find(self, needle: str, start: int) -> int:
        """The next `needle` at or after `start`, remembering when there is none."""
        if start >= self.none_after.get(needle, len(self.text) + 1):
            return -1
        at = self.text.find(needle, start)
        if at < 0:
            self.none_after[needle] = min(start, self.none_after.get(needle, start))
        return at

    def _flush(self, upto: int) -> None:
        if upto > self.plain_from:
            self.nodes.append(Inline(kind="text", text=self.text[self.plain_from:upto]))
        self.plain_from = upto

    def _emit(self, start: int, end: int, node: Inline) -> int:
        self._flush(start)
        self.nodes.append(node)
        self.plain_from = end
        return end

    def _construct(self, i: int) -> int:
        text, c = self.text, self.text[i]
        if c == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            return self._emit(i, i + 2, Inline(kind="text", text=text[i + 1]))
        if c == "`":
            run = len(text[i:i + 16]) - len(text[i:i + 16].lstrip("`"))
            close = self._find("`" * run, i + run)
            if close >= 0:
                return self._emit(i, close + run,
                                  Inline(kind="code", text=text[i + run:close].strip()))
            return i + run
        if c == "<":
            m = _BREAK.match(text, i) or _TAG.match(text, i)
            if m:
                kind = "break" if m.re is _BREAK else "html"
                return self._emit(i, m.end(), Inline(kind=kind, text=m.group(0)))
            return i + 1
        if c == "[" or (c == "!" and text.startswith("[", i + 1)):
            return self._link(i, image=c == "!")
        if c in "*_":
            return self._emphasis(i, c)
        return i + 1

    def _link(self, i: int, image: bool) -> int:
        open_at = i + 1 if image else i
        close = self._find("](", open_at + 1)
        if close < 0 or "\n" in self.text[open_at:close]:
            return open_at + 1
        m = _TARGET.match(self.text, close + 1)
        if not m:
            return open_at + 1
        label = self.text[open_at + 1:close]
        if image:
            node = Inline(kind="image", text=label, target=m.group(1))
        else:
            node = Inline(kind="link", target=m.group(1), children=self._inner(label))
        return self._emit(i, m.end(), node)

    def _emphasis(self, i: int, c: str) -> int:
        text = self.text
        strong = text.startswith(c * 2, i)
        mark = c * 2 if strong else c
        start = i + len(mark)
        if start >= len(text) or text[start].isspace() or (c == "_" and i > 0 and text[i - 1].isalnum()):
            return start
        close, tries = self._find(mark, start + 1), 0
        while close >= 0 and tries < 8 and (text[close - 1].isspace() or (not strong and text.startswith(c * 2, close))):
            close, tries = self._find(mark, close + len(mark) + (0 if strong else 1)), tries + 1
        if close < 0 or tries >= 8:
            return start
        node = Inline(kind="strong" if strong else "em", children=self._inner(text[start:close]))
        return self._emit(i, close + len(mark), node)

    def _inner(self, text: str) -> tuple[Inline, ...]:
        if self.depth >= MAX_DEPTH:
            return (Inline(kind="text", text=text),)
        return parse_inline(text, self.depth + 1)
