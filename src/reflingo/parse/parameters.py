"""Builders of the parameter, member and return-value sections: names, direction tags,
descriptions and flags, in the shapes the pages write them (a name line and a quote, a
bulleted list of flags, a `Parameter | Description` table, a value named in a sentence)."""

from __future__ import annotations

import re

from reflingo.lang.locales import norm
from reflingo.model import Direction, Flag, Parameter, ReturnValue, Text
from reflingo.parse.accumulator import (BRACKET_TAG, VALUE_NAME, Acc, common, split_direction,
                                        value_name)
from reflingo.parse.blocks import RawBlock, alert_kind
from reflingo.parse.tables import read_table
from reflingo.parse.inline import emphasised, plain

_INLINE_PARAM = re.compile(r"^\s*(?:_([^_\s][^_]*?)_|\*([^*\s][^*]*?)\*)\s*:\s*(?=\[)")


def name_of(block: RawBlock) -> tuple[str, str] | None:
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


def build_parameters(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """Parameters or members: name, direction tag, description, flags; continuation text kept."""
    style = next((n[0] for n in map(name_of, blocks) if n), None)
    current: dict | None = None
    for i, block in enumerate(blocks):
        if common(block, acc, key):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        name = name_of(block)
        inline = _INLINE_PARAM.match(block.content) if block.kind == "paragraph" else None
        plain_name = value_name(block) if style is None and tagged(nxt) else None
        if (name and name[0] == style) or plain_name or inline:
            _close_param(current, acc)
            written = inline.group(1) or inline.group(2) if inline else plain_name or name[1]
            current = {"name": written.strip(), "start": block.start, "end": block.end,
                       "desc": None, "extra": [], "flags": [], "flag": None}
            if inline:
                current["desc"] = RawBlock("blockquote", block.start, block.end, block.lines,
                                           block.content[inline.end():])
            acc.mapped(block)
        elif current is None and block.kind == "table" and \
                (listed := _table_parameters(block, acc)) is not None:
            acc.parameters.extend(listed)
            acc.mapped(block)
        elif current is None:
            acc.add_prose(key, block)
        elif block.kind == "blockquote" and current["desc"] is None and not current["flags"] \
                and current["flag"] is None:
            current["desc"] = block
            current["end"] = block.end
            acc.mapped(block)
        elif nxt is not None and nxt.kind == "blockquote" and value_name(block):
            _close_flag(current, acc)
            current["flag"] = {"name": value_name(block), "start": block.start, "desc": None}
            current["end"] = block.end
            acc.mapped(block)
        elif block.kind == "blockquote" and current["flag"] is not None and current["flag"]["desc"] is None:
            current["flag"]["desc"] = block
            current["end"] = block.end
            _close_flag(current, acc)
            acc.mapped(block)
        elif block.kind == "list" and current["flag"] is None and (listed := list_flags(block, acc))[0]:
            current["flags"].extend(listed[0])
            current["end"] = block.end
            if not listed[1]:                   # prose with flags in it: the text keeps it too
                current["extra"].append(block)
            acc.mapped(block)
        else:
            current["extra"].append(block)
            current["end"] = block.end
            if block.kind == "table":
                acc.tables.append(read_table(block, acc))
            acc.mapped(block)
    _close_param(current, acc)


_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+")


# A constant-shaped name (`MAPI_UNICODE`, `PT_LONG`, `fnevNewMail`), bold or code or plain, then
# a separator and the description, or nothing.
_LISTED_FLAG = re.compile(
    r"(?P<mark>\*\*|`|)(?P<name>[A-Z][A-Z0-9]*(?:[ \t]?_[ \t]?[A-Z0-9]+)+|fnev[A-Z]\w*)[:.]?(?P=mark)"
    r"(?:[ \t]*(?:[:.\u2014\u2013]|[ \t]-)[ \t]*|[ \t]*$|(?<=\*\*)[ \t]+|(?<=`)[ \t]+)(?P<text>.*)", re.S)


def list_flags(block: RawBlock, acc: Acc) -> tuple[list[Flag], bool]:
    """The flags of a bulleted list (`- **ACCT_INIT_NO_STORES_CHECK** — text`, `- PT_LONG`,
    `- MDB\\_NO_MAIL: text`), and whether the list is only flags. An item that names no
    constant continues the flag before it (a nested explanation, or the description a page
    writes as an item of its own); a list whose first item names none is prose with flags in
    it (`- The lower 16 bits ...: - FL_FULLSTRING: ...`), and stays text as well."""
    items: list[tuple[int, int, str, str]] = []     # (first line, last line, name, text)
    lead = False
    for number, line in enumerate(block.lines, block.start):
        m = _ITEM.match(line)
        text = line[m.end():].strip() if m else line.strip()
        if not text:
            continue
        named = _LISTED_FLAG.match(text.replace("\\_", "_")) if m else None
        if named:
            items.append((number, number, named.group("name"), named.group("text").strip()))
        elif items:
            first, _, name, before = items[-1]
            items[-1] = (first, number, name, f"{before} {text}".strip())
        else:
            lead = True
    flags = []
    for first, last, name, written in items:
        plain_text = plain(written)
        flags.append(Flag(name=name, bulleted=True, span=acc.span(first, last),
                          description=Text(text=plain_text, span=acc.span(first, last),
                                           markdown=written if written != plain_text else None)))
    return flags, bool(flags) and not lead


def tagged(block: RawBlock | None) -> bool:
    """A blockquote whose text starts with a bracketed direction tag."""
    return block is not None and block.kind == "blockquote" and \
        bool(BRACKET_TAG.match(block.content.lstrip()))


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
    tag, body = split_direction(desc.content.strip(), acc.is_tag_word) if desc else (None, "")
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
    direction, damaged = acc.direction(tag) if tag else (Direction.UNKNOWN, False)
    acc.parameters.append(Parameter(
        name=current["name"], direction_tag=tag, direction=direction, direction_damaged=damaged,
        description=text,
        flags=tuple(current["flags"]), span=acc.span(current["start"], current["end"]),
        name_span=acc.span(current["start"], current["start"])))


def build_return_values(blocks: list[RawBlock], acc: Acc, key: str) -> None:
    """Return values: `S_OK` + `> description` pairs; a table of values; other text as prose."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if common(block, acc, key):
            i += 1
            continue
        name = value_name(block)
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
                if row.cells and VALUE_NAME.match(row.cells[0] or "-"):
                    desc = Text(text=" ".join(row.cells[1:]), span=row.span)
                    acc.return_values.append(ReturnValue(name=row.cells[0], description=desc,
                                                         span=row.span))
            acc.mapped(block)
        elif name and (nxt is None or value_name(nxt)) and _VALUE_TOKEN.fullmatch(name):
            acc.return_values.append(ReturnValue(name=name, description=Text(
                text="", span=acc.span(block.start, block.end)), span=acc.span(block.start, block.end)))
            acc.mapped(block)
        elif block.kind == "paragraph" and (m := _PROSE_VALUE.match(block.content.strip())):
            written = m.group("text").strip()        # `S_OK if the call succeeded ...`
            acc.return_values.append(ReturnValue(
                name=m.group("name"), span=acc.span(block.start, block.end),
                description=Text(text=plain(written), span=acc.span(block.start, block.end),
                                 markdown=written if written != plain(written) else None)))
            acc.mapped(block)
        elif block.kind == "list" and (listed := list_flags(block, acc))[1]:
            acc.return_values.extend(ReturnValue(name=f.name, description=f.description,
                                                 span=f.span) for f in listed[0])
            acc.mapped(block)
        else:
            acc.add_prose(key, block)
        i += 1


# A value on a line of its own: a constant (`MAPI_E_NOT_FOUND`, `S_OK`), a number, `TRUE`; not
# a word ("None.") or a sentence ("Returns the number of bytes ...").
_VALUE_TOKEN = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][A-Z0-9]{2,}|0x[0-9A-Fa-f]+|-?\d+"
                          r"|[Tt]rue|[Ff]alse")


# A sentence that starts with a value's name: `S_OK: The call succeeded ...`, `S_OK if ...`.
_PROSE_VALUE = re.compile(r"(?P<mark>\*\*|`|)(?P<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)[:.]?(?P=mark)"
                          r"[ \t]*(?:[:.\u2014\u2013]|[ \t]-)?[ \t]+(?P<text>\S.*)", re.S)


#: Header cells of a parameter table (`Parameter | Description`), lower case, any locale's
#: word for "parameter" or "name" in the first cell.
_PARAMETER_HEADERS = frozenset({"parameter", "parameters", "name", "argument", "parámetro",
                                "parâmetro", "parameter", "параметр", "nombre", "nome", "имя"})


def _table_parameters(block: RawBlock, acc: Acc) -> list[Parameter] | None:
    """Parameters documented as a `Parameter | Description` table, or None for another table."""
    table = read_table(block, acc)
    if len(table.header) < 2 or norm(table.header[0]).strip(" *") not in _PARAMETER_HEADERS:
        return None
    acc.tables.append(table)
    out = []
    for row in table.rows:
        if not row.cells or not row.cells[0].strip():
            continue
        tag, body = split_direction(" ".join(row.cells[1:]).strip(), acc.is_tag_word)
        direction, damaged = acc.direction(tag) if tag else (Direction.UNKNOWN, False)
        out.append(Parameter(name=row.cells[0].strip(" *_`"), direction_tag=tag,
                             direction=direction, direction_damaged=damaged,
                             description=Text(text=body, span=row.span), span=row.span,
                             name_span=row.span))
    return out
