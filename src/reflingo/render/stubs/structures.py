"""`structures.pyi`: one class per structure, its members as typed fields.

The members come from the declaration (:mod:`.cdecl`), nested unions and structures as nested
classes named after the member (`Kind` -> `KindUnion`, `StateChange` -> `StateChangeStruct`);
when the declaration cannot be read, from the model's members. A member with documented flags
is typed with its `enum.IntFlag` class. An enumeration (`typedef enum`) has no fields and is an
alias of `int`. Member descriptions go in the class docstring, under `Attributes:`.
"""

from __future__ import annotations

import re
from typing import Sequence

from reflingo.render.stubs import docstrings
from reflingo.render.stubs.cdecl import Block, Member, parse_struct
from reflingo.render.stubs.context import Context, identifier, named_items
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
    if params and not re.search(r"\benum\b", facts.get("code") or ""):
        return Block(kind="struct", members=tuple(Member(name=p["name"], type=p["type"] or "")
                                                  for p in params))
    return None


def render_structures(items: Sequence[ItemFacts], ctx: Context
                      ) -> tuple[list[str], set[tuple[str, str]], int]:
    """The structures module's body, the names it imports, and how many structures it has."""
    body: list[str] = []
    refs: set[tuple[str, str]] = set()
    count = 0
    loc = ctx.options.locale
    for name, s in named_items(items, "structure", ctx):
        count += 1
        attrs = [Entry(name=p["name"], text=pick(p["text"], loc), children=tuple(
            Entry(name=f["name"], text=pick(f["text"], loc)) for f in p["flags"]))
            for p in s.get("params", [])]
        doc = Doc(summary=pick(s["summary"], loc), sections=(("Attributes", attrs),),
                  link=docstrings.source_link(s["paths"], loc))
        block = _block_of(s)
        if block is None:
            refs.add(("typing", "TypeAlias"))
            body += ["", f"{name}: TypeAlias = int"]
            body += docstrings.render(doc, "")
            continue
        body += ["", f"class {name}:"] + docstrings.render(doc, "    ")
        body += _fields(block, s, ctx, "    ", refs, top=True)
    return body, refs, count
