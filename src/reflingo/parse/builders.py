"""One builder per section kind, declared as data in :data:`SECTION_BUILDERS`.

A builder reads a section's raw blocks and adds facts to the page accumulator
(:mod:`.accumulator`); a block it maps to a model field is marked mapped, anything else is kept
as "other". The parameter and return-value builders are in :mod:`.parameters`.
"""

from __future__ import annotations

import re
from typing import Callable

from reflingo.model import Link, MfcmapiRow, Property, Text
from reflingo.parse.accumulator import Acc, common, read_declaration, value_name
from reflingo.parse.blocks import RawBlock
from reflingo.parse.inline import find_links, plain
from reflingo.parse.parameters import (build_parameters, build_return_values, name_of,
                                       tagged)
from reflingo.parse.tables import property_rows, read_table

__all__ = ["SECTION_BUILDERS", "build_lead", "build_other"]

_LABEL = re.compile(r"^\*\*([^*]{1,60}?)\s*:?\s*\*\*\s*:?\s*(.*)$", re.S)


def build_lead(blocks: list[RawBlock], acc: Acc) -> None:
    """Lead: applies-to line, summary, property table, signature, further description."""
    for i, block in enumerate(blocks):
        if acc.signature_block is not None and name_of(block) and tagged(
                blocks[i + 1] if i + 1 < len(blocks) else None):
            build_parameters(blocks[i:], acc, "parameters")   # parameters without their heading
            return
        if common(block, acc, "lead"):
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
        elif read_declaration(block, acc):
            pass
        elif block.kind in ("list", "blockquote"):
            acc.add_prose("lead", block)
        else:
            acc.keep_other(block)


def build_prose(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """Remarks, notes, descriptions: every block is narrative text."""
    for block in blocks:
        if not common(block, acc, key) and block.kind != "heading":
            acc.add_prose(key, block)
        elif block.kind == "heading":
            acc.mapped(block)


def build_links(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """See also, related resources, in this section: links, with their descriptions as prose."""
    for block in blocks:
        if common(block, acc, key):
            continue
        if block.kind in ("paragraph", "list") and find_links(block.content):
            for text, target, offset in find_links(block.content):
                line = block.start + block.content.count("\n", 0, offset)
                acc.see_also.append(Link(text=plain(text), target=target, span=acc.span(line, line),
                                         section=key))
            acc.mapped(block)
        elif key == "related-resources" and block.kind == "paragraph" and value_name(block):
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
        if common(block, acc, key) or read_declaration(block, acc):
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
    """A section no builder knows: blocks kept as other (alerts still read); a syntax line
    written as a paragraph (`*recordset*.**Open** *Source*, *Options*`) is the declaration."""
    for block in blocks:
        if block.kind == "paragraph" and acc.signature_block is None and \
                key.removeprefix("other:") in _SYNTAX_SECTIONS and _syntax_line(block, acc):
            continue
        if not common(block, acc, key) and not read_declaration(block, acc):
            if block.kind == "table":
                acc.tables.append(read_table(block, acc))
            acc.keep_other(block)


#: Slugs of the headings of a syntax section (a section no table lists), per language.
_SYNTAX_SECTIONS = frozenset({"syntax", "sintaxis", "sintaxe", "синтаксис", "syntaxe", "sintassi"})


def _syntax_line(block: RawBlock, acc: Acc) -> bool:
    """Read a one-line paragraph of Basic syntax as the page's declaration."""
    text = plain(block.content).strip()
    if "\n" in text or "." not in text or len(text) > 300:
        return False
    code = RawBlock("fence", block.start, block.end, block.lines, text, info="vb")
    if acc.read_signature(code):
        acc.signature_block = block
        acc.mapped(block)
        return True
    return False


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
