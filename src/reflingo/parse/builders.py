"""One builder per section kind, declared as data in :data:`SECTION_BUILDERS`.

A builder reads a section's raw blocks and adds facts to the page accumulator; a block it
maps to a model field is marked mapped, anything else is kept as "other".
"""

from __future__ import annotations

import re
from typing import Callable

from reflingo.lang.locales import english_direction, norm
from reflingo.model import (Admonition, Direction, Flag, Link, MfcmapiRow, Parameter, Property,
                            ReturnValue, SourceSpan, Table, TableRow, Text)
from reflingo.parse.blocks import RawBlock, alert_kind
from reflingo.parse.tables import property_rows, read_table
from reflingo.parse.inline import emphasised, find_links, plain, split_anchor

_BRACKET_TAG = re.compile(r"^\s*(\[[^\]\n]{1,40}\])\s*")
# A leading lowercase word followed by a capitalised one: a damaged or translated tag ("a Identificador").
_WORD_TAG = re.compile(r"^\s*([^\W\d_A-Z][^\W\d_]{0,14})\s+(?=[^\W\d_a-z])", re.U)
_VALUE_NAME = re.compile(r"^[\w:.\-\[\]() ,|/'\"=<>&+*]{1,100}$", re.U)
_LABEL = re.compile(r"^\*\*([^*]{1,60}?)\s*:?\s*\*\*\s*:?\s*(.*)$", re.S)
_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
_INLINE_PARAM = re.compile(r"^\s*(?:_([^_\s][^_]*?)_|\*([^*\s][^*]*?)\*)\s*:\s*(?=\[)")


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
        self.mapped_lines += _nonblank(block)

    def keep_other(self, block: RawBlock) -> None:
        self.other.append(block)
        self.other_lines += _nonblank(block)

    def add_prose(self, key: str, block: RawBlock) -> None:
        if block.kind == "table":
            self.tables.append(read_table(block, self))
        self.prose.setdefault(key, []).append(self.text(block))
        self.mapped(block)

    def direction(self, tag: str) -> Direction:
        key = norm(tag)
        found = self.table.direction_lookup.get(key) or self.english.direction_lookup.get(key)
        return found or english_direction(tag)


def _nonblank(block: RawBlock) -> int:
    return sum(1 for ln in block.lines if ln.strip())


def split_direction(text: str) -> tuple[str | None, str]:
    """Split a description's leading direction tag: `[in] Reserved` -> ("[in]", "Reserved")."""
    m = _BRACKET_TAG.match(text)
    if m:
        return m.group(1), text[m.end():]
    m = _WORD_TAG.match(text)
    if m:
        return m.group(1), text[m.end():]
    return None, text


# -- builders ----------------------------------------------------------------------------
def _signature(block: RawBlock, acc: Acc) -> bool:
    """The page's declaration: the first parsable code block before any parameter."""
    if block.kind != "fence" or acc.signature_block is not None or acc.parameters:
        return False
    if acc.read_signature(block):
        acc.signature_block = block
        acc.mapped(block)
        return True
    return False


def build_lead(blocks: list[RawBlock], acc: Acc) -> None:
    """Lead: applies-to line, summary, property table, signature, further description."""
    for i, block in enumerate(blocks):
        if acc.signature_block is not None and _name_of(block) and _tagged(
                blocks[i + 1] if i + 1 < len(blocks) else None):
            build_parameters(blocks[i:], acc, "parameters")   # parameters without their heading
            return
        if _common(block, acc, "lead"):
            continue
        if block.kind == "paragraph":
            m = _LABEL.match(block.content.strip())
            if acc.applies_to is None and m and acc.summary is None and m.group(2).strip():
                acc.applies_to_label = m.group(1).strip()
                acc.applies_to = Text(text=plain(m.group(2)), source=acc.text(block).source,
                                      span=acc.span(block.start, block.end))
                acc.mapped(block)
            elif acc.summary is None:
                acc.summary = acc.text(block)
                acc.mapped(block)
            else:
                acc.add_prose("lead", block)
        elif block.kind == "table":
            table = read_table(block, acc)
            acc.tables.append(table)
            props = property_rows(table, acc)
            if props is not None:
                acc.properties.extend(props)
                acc.mapped(block)
            else:
                acc.keep_other(block)
        elif _signature(block, acc):
            pass
        elif block.kind in ("list", "blockquote"):
            acc.add_prose("lead", block)
        else:
            acc.keep_other(block)


def _common(block: RawBlock, acc: Acc, key: str) -> bool:
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


def _name_of(block: RawBlock) -> tuple[str, str] | None:
    """(style, name) when a paragraph is a single emphasised line: a parameter or member name."""
    text = block.content.strip()
    if block.kind != "paragraph" or "\n" in text:
        return None
    found = emphasised(text)
    if found is None and len(text) > 2 and text[0] in "_*" and text[-1] in "_*":
        inner = text[1:-1].strip(" *")       # damaged emphasis: `_ _центрис_` for `__centries_`
        token = inner.replace(" ", "")
        if token and len(inner.split()) <= 2 and len(token) <= 60:
            return ("italic" if text[0] == "_" else "bold"), token
    return found


def _value_name(block: RawBlock) -> str | None:
    """A flag or return-value name: a short single-line paragraph, markup removed."""
    if block.kind != "paragraph":
        return None
    text = block.content.strip()
    if "\n" in text or len(text) > 120:
        return None
    name = plain(text)
    return name if name and _VALUE_NAME.match(name) else None


def build_parameters(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """Parameters or members: name, direction tag, description, flags; continuation text kept."""
    style = next((n[0] for n in map(_name_of, blocks) if n), None)
    current: dict | None = None
    for i, block in enumerate(blocks):
        if _common(block, acc, key):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        name = _name_of(block)
        inline = _INLINE_PARAM.match(block.content) if block.kind == "paragraph" else None
        plain_name = _value_name(block) if style is None and _tagged(nxt) else None
        if (name and name[0] == style) or plain_name or inline:
            _close_param(current, acc)
            written = inline.group(1) or inline.group(2) if inline else plain_name or name[1]
            current = {"name": written.strip(), "start": block.start, "end": block.end,
                       "desc": None, "extra": [], "flags": [], "flag": None}
            if inline:
                current["desc"] = RawBlock("blockquote", block.start, block.end, block.lines,
                                           block.content[inline.end():])
            acc.mapped(block)
        elif current is None:
            acc.add_prose(key, block)
        elif block.kind == "blockquote" and current["desc"] is None and not current["flags"] \
                and current["flag"] is None:
            current["desc"] = block
            current["end"] = block.end
            acc.mapped(block)
        elif nxt is not None and nxt.kind == "blockquote" and _value_name(block):
            _close_flag(current, acc)
            current["flag"] = {"name": _value_name(block), "start": block.start, "desc": None}
            current["end"] = block.end
            acc.mapped(block)
        elif block.kind == "blockquote" and current["flag"] is not None and current["flag"]["desc"] is None:
            current["flag"]["desc"] = block
            current["end"] = block.end
            _close_flag(current, acc)
            acc.mapped(block)
        else:
            current["extra"].append(block)
            current["end"] = block.end
            if block.kind == "table":
                acc.tables.append(read_table(block, acc))
            acc.mapped(block)
    _close_param(current, acc)


def _tagged(block: RawBlock | None) -> bool:
    """A blockquote whose text starts with a bracketed direction tag."""
    return block is not None and block.kind == "blockquote" and \
        bool(_BRACKET_TAG.match(block.content.lstrip()))


def _close_flag(current: dict, acc: Acc) -> None:
    flag = current["flag"]
    if flag is None:
        return
    desc = flag["desc"]
    end = desc.end if desc else flag["start"]
    text = acc.text(desc) if desc else Text(text="", span=acc.span(flag["start"], flag["start"]))
    current["flags"].append(Flag(name=flag["name"], description=text, span=acc.span(flag["start"], end)))
    current["flag"] = None


def _close_param(current: dict | None, acc: Acc) -> None:
    if current is None:
        return
    _close_flag(current, acc)
    desc: RawBlock | None = current["desc"]
    tag, body = split_direction(desc.content.strip()) if desc else (None, "")
    extra = "\n".join(b.content for b in current["extra"])
    full = body + ("\n" + extra if extra else "")
    if desc is not None:
        text = acc.text(desc, full)
        src_tag, src_body = split_direction(text.source) if text.source else (None, None)
        text = Text(text=text.text, source=src_body if src_tag else text.source,
                    span=acc.span(desc.start, current["extra"][-1].end if current["extra"] else desc.end),
                    markdown=text.markdown)
    else:
        text = Text(text=plain(extra), span=acc.span(current["start"], current["end"]))
    direction = acc.direction(tag) if tag else Direction.UNKNOWN
    acc.parameters.append(Parameter(
        name=current["name"], direction_tag=tag, direction=direction, description=text,
        flags=tuple(current["flags"]), span=acc.span(current["start"], current["end"]),
        name_span=acc.span(current["start"], current["start"])))


def build_return_values(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """Return values: `S_OK` + `> description` pairs; a table of values; other text as prose."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if _common(block, acc, key):
            i += 1
            continue
        name = _value_name(block)
        if name and nxt is not None and nxt.kind == "blockquote" and not alert_kind(nxt):
            acc.return_values.append(ReturnValue(name=name, description=acc.text(nxt),
                                                 span=acc.span(block.start, nxt.end)))
            acc.mapped(block)
            acc.mapped(nxt)
            i += 2
            continue
        if block.kind == "table":
            table = read_table(block, acc)
            acc.tables.append(table)
            for row in table.rows:
                if row.cells and _VALUE_NAME.match(row.cells[0] or "-"):
                    desc = Text(text=" ".join(row.cells[1:]), span=row.span)
                    acc.return_values.append(ReturnValue(name=row.cells[0], description=desc,
                                                         span=row.span))
            acc.mapped(block)
        elif name and (nxt is None or _value_name(nxt)):
            acc.return_values.append(ReturnValue(name=name, description=Text(
                text="", span=acc.span(block.start, block.end)), span=acc.span(block.start, block.end)))
            acc.mapped(block)
        else:
            acc.add_prose(key, block)
        i += 1


def build_prose(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """Remarks, notes, descriptions: every block is narrative text."""
    for block in blocks:
        if not _common(block, acc, key) and block.kind != "heading":
            acc.add_prose(key, block)
        elif block.kind == "heading":
            acc.mapped(block)


def build_links(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """See also, related resources, in this section: links, with their descriptions as prose."""
    for block in blocks:
        if _common(block, acc, key):
            continue
        if block.kind in ("paragraph", "list") and find_links(block.content):
            for text, target, offset in find_links(block.content):
                line = block.start + block.content.count("\n", 0, offset)
                acc.see_also.append(Link(text=plain(text), target=target, span=acc.span(line, line),
                                         section=key))
            acc.mapped(block)
        elif key == "related-resources" and block.kind == "paragraph" and _value_name(block):
            acc.properties.append(Property(key="header-file", label="", value=plain(block.content),
                                           span=acc.span(block.start, block.end)))
            acc.mapped(block)
        elif block.kind == "heading":
            acc.mapped(block)
        else:
            acc.add_prose(key, block)


def build_table_section(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """MFCMAPI reference, vtable order, quick info: tables with fixed columns."""
    for block in blocks:
        if _common(block, acc, key) or _signature(block, acc):
            continue
        if block.kind != "table":
            acc.add_prose(key, block)
            continue
        table = read_table(block, acc)
        acc.tables.append(table)
        acc.mapped(block)
        if key == "mfcmapi-reference":
            acc.mfcmapi.extend(MfcmapiRow(file=r.cells[0], function=r.cells[1] if len(r.cells) > 1 else "",
                                          comment=r.cells[2] if len(r.cells) > 2 else "", span=r.span)
                               for r in table.rows)
        elif key == "vtable-order":
            acc.vtable.extend(table.rows)
        else:
            acc.properties.extend(property_rows(table, acc) or ())


def build_other(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """A section no builder knows: blocks kept as other (alerts still read)."""
    for block in blocks:
        if not _common(block, acc, key) and not _signature(block, acc):
            if block.kind == "table":
                acc.tables.append(read_table(block, acc))
            acc.keep_other(block)


SECTION_BUILDERS: dict[str, Callable[[list[RawBlock], Acc, str], None]] = {
    "parameters": build_parameters,
    "members": build_parameters,
    "return-value": build_return_values,
    "return-values": build_return_values,
    "remarks": build_prose,
    "description": build_prose,
    "notes-to-callers": build_prose,
    "notes-to-implementers": build_prose,
    "mfcmapi-reference": build_table_section,
    "vtable-order": build_table_section,
    "quick-info": build_table_section,
    "see-also": build_links,
    "related-resources": build_links,
    "related-sections": build_links,
    "in-this-section": build_links,
}
