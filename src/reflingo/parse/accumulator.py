"""The page accumulator the section builders fill, and what every builder shares: direction
tags, the blocks read the same in every section, value names, the declaration."""

from __future__ import annotations

import re
from typing import Callable

from reflingo.lang.locales import english_direction, norm
from reflingo.model import (Admonition, Direction, Link, MfcmapiRow, Parameter, Property,
                            ReturnValue, SourceSpan, Table, TableRow, Text)
from reflingo.parse.blocks import RawBlock, alert_kind
from reflingo.parse.tables import read_table
from reflingo.parse.inline import plain, split_anchor

BRACKET_TAG = re.compile(r"^\s*(\[[^\]\n]{1,40}\])\s*")


# A leading lowercase word followed by a capitalised one: a damaged or translated tag ("a Identificador").
_WORD_TAG = re.compile(r"^\s*([^\W\d_A-Z][^\W\d_]{0,14})\s+(?=[^\W\d_a-z])", re.U)


VALUE_NAME = re.compile(r"^[\w:.\-\[\]() ,|/'\"=<>&+*]{1,100}$", re.U)


_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")


class Acc:
    """The page being built: lists filled by the builders, frozen into a Page at the end."""

    def __init__(self, path: str, locale: str, table, english, sources: dict[int, str]) -> None:
        self.path, self.locale, self.table, self.english = path, locale, table, english
        self.sources = sources
        self.parameters: list[Parameter] = []
        self.return_values: list[ReturnValue] = []
        self.prose: dict[str, list[Text]] = {}
        self.admonitions: list[Admonition] = []
        self.mfcmapi: list[MfcmapiRow] = []
        self.vtable: list[TableRow] = []
        self.see_also: list[Link] = []
        self.properties: list[Property] = []
        self.tables: list[Table] = []
        self.other: list[RawBlock] = []
        self.signature_block: RawBlock | None = None
        self.read_signature: Callable[[RawBlock], bool] = lambda block: False
        self.applies_to: Text | None = None
        self.applies_to_label: str | None = None
        self.summary: Text | None = None
        self.mapped_lines = 0
        self.other_lines = 0

    # -- helpers ---------------------------------------------------------------------------
    def span(self, start: int, end: int) -> SourceSpan:
        return SourceSpan(path=self.path, line_start=start, line_end=end)

    def text(self, block: RawBlock, body: str | None = None) -> Text:
        src = [self.sources[i] for i in range(block.start, block.end + 1) if i in self.sources]
        if src and block.kind == "blockquote":
            src = [_QUOTE.sub("", s, count=1) for s in src]
        elif src and block.kind == "heading":
            src = [split_anchor(s.lstrip().lstrip("#"))[1] for s in src]
        source = " ".join(plain(s) for s in src) if src else None
        written = (block.content if body is None else body).strip()
        text = plain(written)
        return Text(text=text, source=source, span=self.span(block.start, block.end),
                    markdown=written if written != text else None)

    def mapped(self, block: RawBlock) -> None:
        self.mapped_lines += nonblank(block)

    def keep_other(self, block: RawBlock) -> None:
        self.other.append(block)
        self.other_lines += nonblank(block)

    def add_prose(self, key: str, block: RawBlock) -> None:
        if block.kind == "table":
            self.tables.append(read_table(block, self))
        self.prose.setdefault(key, []).append(self.text(block))
        self.mapped(block)

    def direction(self, tag: str) -> tuple[Direction, bool]:
        """(the direction a tag means, whether it is a damaged form the locale table lists)."""
        key = norm(tag)
        found = self.table.direction_lookup.get(key) or self.english.direction_lookup.get(key)
        if found:
            return found, False
        damaged = self.table.damaged_lookup.get(key)
        if damaged:
            return damaged, True
        return english_direction(tag), False

    def is_tag_word(self, word: str) -> bool:
        """Whether a bare word is a direction tag the locale table lists (`a`, `возврата`)."""
        key = norm(word)
        return key in self.table.direction_lookup or key in self.table.damaged_lookup


def nonblank(block: RawBlock) -> int:
    return sum(1 for ln in block.lines if ln.strip())


def split_direction(text: str, is_tag: Callable[[str], bool] | None = None
                    ) -> tuple[str | None, str]:
    """Split a description's leading direction tag: `[in] Reserved` -> ("[in]", "Reserved").

    A bare word is a tag when `is_tag` says so (a damaged tag the locale lists), or when it is a
    lower-case word before a capitalised one (`a Identificador`, the tag translated as a word);
    a capitalised first word is the description's own (`Указатель на ...`) and is kept."""
    m = BRACKET_TAG.match(text)
    if m:
        return m.group(1), text[m.end():]
    m = _WORD_TAG.match(text)
    if m and (m.group(1)[0].islower() and text[m.end():m.end() + 1].isupper()
              or (is_tag is not None and is_tag(m.group(1)))):
        return m.group(1), text[m.end():]
    return None, text


def read_declaration(block: RawBlock, acc: Acc) -> bool:
    """The page's declaration: the first parsable code block before any parameter."""
    if block.kind != "fence" or acc.signature_block is not None or acc.parameters:
        return False
    if acc.read_signature(block):
        acc.signature_block = block
        acc.mapped(block)
        return True
    return False


def common(block: RawBlock, acc: Acc, key: str) -> bool:
    """Blocks handled the same in every section: alerts, anchors-only HTML, rules."""
    kind = alert_kind(block)
    if kind:
        body = block.content.split("\n", 1)[1] if "\n" in block.content else ""
        acc.admonitions.append(Admonition(kind=kind, text=acc.text(block, body), section=key))
        acc.mapped(block)
        return True
    if block.kind == "html" and _markup_only(block.content):
        acc.mapped(block)
        return True
    if block.kind == "hr":
        acc.mapped(block)
        return True
    return False


def _markup_only(html: str) -> bool:
    return not re.sub(r"<[^>]*>|<!--.*?-->|\s", "", html, flags=re.S)


def value_name(block: RawBlock) -> str | None:
    """A flag or return-value name: a short single-line paragraph, markup removed."""
    if block.kind != "paragraph":
        return None
    text = block.content.strip()
    if "\n" in text or len(text) > 120:
        return None
    name = plain(text)
    return name if name and VALUE_NAME.match(name) else None
