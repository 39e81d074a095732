"""Markdown blocks: one configured markdown-it parser, top-level tokens turned into blocks.

Only the block stage runs (inline parsing is left to :mod:`reflingo.parse.inline`, on the few
lines that need it), which keeps the whole corpus parse fast.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").disable(["code"])
# No `reference` rule: markdown-it drops a `[x]: url` definition from the tokens, and with it
# its words; without the rule the line is a paragraph, kept like any other (and the block
# stage is a tenth faster: every paragraph start no longer tries it)
_MD.disable(["inline", "text_join", "reference"])

_QUOTE_MARK = re.compile(r"^ {0,3}> ?")
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*$")
_ALERT = re.compile(r"^\s*\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]\s*$", re.I)

KIND_BY_TOKEN = {
    "paragraph_open": "paragraph", "heading_open": "heading", "blockquote_open": "blockquote",
    "bullet_list_open": "list", "ordered_list_open": "list", "table_open": "table",
    "fence": "fence", "code_block": "fence", "html_block": "html", "hr": "hr",
}


class RawBlock:
    """A top-level block while parsing: mutable-free, cheap, richer than the model's Block."""

    __slots__ = ("kind", "start", "end", "lines", "content", "level", "info", "closed")

    def __init__(self, kind: str, start: int, end: int, lines: list[str], content: str,
                 level: int = 0, info: str = "", closed: bool = True) -> None:
        self.kind = kind
        self.start = start            # 1-based first line
        self.end = end                # 1-based last line
        self.lines = lines            # source lines of the block
        self.content = content        # inline text (paragraph/heading), inner text (quote, fence)
        self.level = level            # heading level
        self.info = info              # fence info string
        self.closed = closed          # fence closed?

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"RawBlock({self.kind}, {self.start}-{self.end}, {self.content[:40]!r})"


def parse_blocks(text: str) -> list[RawBlock]:
    """Split text into top-level blocks with 1-based line spans."""
    src_lines = text.split("\n")
    tokens = _MD.parse(text)
    blocks: list[RawBlock] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        kind = KIND_BY_TOKEN.get(tok.type)
        if kind is None or tok.level != 0 or tok.map is None:
            i += 1
            continue
        start, end = tok.map
        end = max(end, start + 1)
        lines = src_lines[start:end]
        while lines and not lines[-1].strip() and end - 1 > start:
            lines.pop()
            end -= 1
        if kind in ("paragraph", "heading"):
            content = tokens[i + 1].content
            level = int(tok.tag[1]) if kind == "heading" else 0
            blocks.append(RawBlock(kind, start + 1, end, lines, content, level))
            i += 3
            continue
        if kind == "fence":
            closed = tok.type == "code_block" or (len(lines) > 1 and bool(_FENCE_CLOSE.match(lines[-1])))
            blocks.append(RawBlock(kind, start + 1, end, lines, tok.content, info=tok.info.strip(),
                                   closed=closed))
        elif kind == "blockquote":
            inner = "\n".join(_QUOTE_MARK.sub("", ln, count=1) for ln in lines)
            blocks.append(RawBlock(kind, start + 1, end, lines, inner))
        else:
            blocks.append(RawBlock(kind, start + 1, end, lines, "\n".join(lines)))
        i = _skip_to_close(tokens, i) + 1
    return blocks


def _skip_to_close(tokens: list, i: int) -> int:
    tok = tokens[i]
    if tok.nesting != 1:
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def alert_kind(block: RawBlock) -> str | None:
    """`> [!NOTE]` blockquote -> "NOTE"."""
    if block.kind != "blockquote":
        return None
    first = block.content.lstrip().split("\n", 1)[0]
    m = _ALERT.match(first)
    return m.group(1).upper() if m else None


def split_row(line: str) -> list[str]:
    """Split a pipe-table row into raw cells (escaped pipes kept)."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", s)]


def is_delimiter_row(line: str) -> bool:
    cells = split_row(line)
    return bool(cells) and all(re.fullmatch(r":?-{1,}:?", c.replace(" ", "")) for c in cells if c) \
        and any(cells)
