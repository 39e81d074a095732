"""`structures.pyi`: one class per structure, its members as typed fields.

The members come from the declaration (:mod:`.cdecl`), nested unions and structures as nested
classes named after the member (`Kind` -> `KindUnion`, `StateChange` -> `StateChangeStruct`);
when the declaration cannot be read, from the model's members. A member with documented flags
is typed with its `enum.IntFlag` class. An enumeration (`enum { ... }`) becomes an
`enum.IntEnum` of the runtime constants module, re-exported here; a plain `typedef` an alias of
the type it names. Member descriptions go in the class docstring, under `Attributes:`.
"""

from __future__ import annotations

import re
from typing import Sequence

from reflingo.render.stubs import docstrings
from reflingo.render.stubs.cdecl import Block, Member, parse_alias, parse_enum, parse_struct
from reflingo.render.stubs.context import Context, FlagClass, identifier, named_items
from reflingo.render.stubs.docstrings import Doc, Entry
from reflingo.render.stubs.facts import ItemFacts, pick
from reflingo.render.stubs.typemap import resolve


def _fields(block: Block, facts: ItemFacts, ctx: Context, indent: str,
            refs: set[tuple[str, str]], top: bool) -> list[str]:
    lines: list[str] = []
    seen: set[str] = set()
    for m in block.members:
        name = identifier(m.name)
        if not name or name in seen:
            continue
        seen.add(name)
        if m.block is not None:
            cls = f"{m.name}{'Union' if m.block.kind == 'union' else 'Struct'}"
            lines.append(f"{indent}class {cls}:")
            lines.append(f'{indent}    """The {m.block.kind} of member {m.name}."""')
            lines.extend(_fields(m.block, facts, ctx, indent + "    ", refs, top=False))
            lines.append(f"{indent}{name}: {cls}")
            continue
        lines.append(f"{indent}{name}: {_annotation(m, facts, ctx, refs, top)}")
    return lines


def _annotation(m: Member, facts: ItemFacts, ctx: Context, refs: set[tuple[str, str]],
                top: bool) -> str:
    r = resolve(re.sub(r"\bunion\b", " ", m.type), tmap=ctx.tmap)
    if not r.known:
        ctx.unknown("type", m.type, facts["name"], f"member {m.name} typed object")
    flag_cls = ctx.flag_names.get((facts["key"], m.name)) if top else None
    if flag_cls and r.annotation == "int":
        refs.add(("constants", flag_cls))
        return flag_cls
    refs |= r.refs
    return r.annotation


def _block_of(facts: ItemFacts) -> Block | None:
    block = parse_struct(facts.get("code"))
    if block is not None and block.members:
        return block
    params = [p for p in facts.get("params", []) if p["type"]]
    if params and parse_enum(facts.get("code")) is None:
        return Block(kind="struct", members=tuple(Member(name=p["name"], type=p["type"] or "")
                                                  for p in params))
    return block


def enum_members(facts: ItemFacts) -> tuple[tuple[str, int | None], ...] | None:
    """The enumerators of an enumeration page, when at least one has a known value."""
    members = parse_enum(facts.get("code"))
    if members and any(value is not None for _, value in members):
        return members
    return None


def _doc(s: ItemFacts, loc: str) -> Doc:
    attrs = [Entry(name=p["name"], text=pick(p["text"], loc), children=tuple(
        Entry(name=f["name"], text=pick(f["text"], loc)) for f in p["flags"]))
        for p in s.get("params", [])]
    return Doc(summary=pick(s["summary"], loc), sections=(("Attributes", attrs),),
               link=docstrings.source_link(s["paths"], loc))


def _alias(name: str, s: ItemFacts, doc: Doc, ctx: Context, refs: set[tuple[str, str]]
           ) -> list[str]:
    """A page that declares no members: an alias of the type it names, else of `int` for an
    enumeration with no known value, else an empty class (reported)."""
    aliased = parse_alias(s.get("code"))
    if aliased or parse_enum(s.get("code")) is not None:
        r = resolve(aliased, tmap=ctx.tmap) if aliased else None
        if r is not None and not r.known:
            ctx.unknown("type", aliased or "", s["name"], "aliased type typed object")
        refs.add(("typing", "TypeAlias"))
        if r is not None:
            refs |= r.refs
        return ["", f"{name}: TypeAlias = {r.annotation if r else 'int'}",
                *docstrings.render(doc, "")]
    ctx.unknown("structure", s["name"], s["name"], "members could not be read: empty class")
    return ["", f"class {name}:", *docstrings.render(doc, "    ")]


def render_structures(items: Sequence[ItemFacts], ctx: Context
                      ) -> tuple[list[str], set[tuple[str, str]], int, list[FlagClass]]:
    """The structures module's body, the names it imports, how many structures it has, and the
    `IntEnum` classes of the enumerations (emitted in the constants module)."""
    body: list[str] = []
    refs: set[tuple[str, str]] = set()
    enums: list[FlagClass] = []
    count = 0
    loc = ctx.options.locale
    for name, s in named_items(items, "structure", ctx):
        count += 1
        doc = _doc(s, loc)
        members = enum_members(s)
        if members is not None:
            for member, value in members:
                if value is None:
                    ctx.unknown("enum value", member, s["name"], "value unknown")
            enums.append(FlagClass(name=name, owner=s["name"], base="IntEnum",
                                   members=tuple((m, v, "") for m, v in members),
                                   doc=tuple(docstrings.render(doc, "    "))))
            refs.add(("reexport", name))
            continue
        block = _block_of(s)
        if block is None or not block.members:
            body += _alias(name, s, doc, ctx, refs)
            continue
        body += ["", f"class {name}:"] + docstrings.render(doc, "    ")
        body += _fields(block, s, ctx, "    ", refs, top=True)
    return body, refs, count, enums
