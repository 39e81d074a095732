"""The constants of the property pages: a `PR_*` tag for each name (computed by :mod:`.tags`
and checked against the table), the `PidTag*` alias of the main one, and the named properties
(`PidLid*`, `PidName*`: a property set and a long id or a string name, no tag)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from reflingo.render.stubs.constmod import Constant, NamedProp, valid_name
from reflingo.render.stubs.context import Context, Disagreement
from reflingo.render.stubs.docstrings import source_link
from reflingo.render.stubs.facts import ItemFacts, pick
from reflingo.render.stubs.tags import property_tags, type_value


@dataclass(slots=True, kw_only=True)
class PropertyConstants:
    """What the property pages add to the constants module."""

    tags: dict[str, Constant] = field(default_factory=dict)
    """`PR_*` name (and `PidTag*` alias) -> constant."""
    named: list[NamedProp] = field(default_factory=list)
    """The named properties."""
    disagreements: list[Disagreement] = field(default_factory=list)
    """Computed tags that differ from the table."""


def _named(i: ItemFacts, types: list[str], doc: str, ctx: Context, out: PropertyConstants
           ) -> None:
    if i.get("property_set") and valid_name(i["name"]):
        known = [v for t in types if (v := type_value(t)) is not None]
        out.named.append(NamedProp(name=i["name"], property_set=str(i["property_set"]),
                                   long_id=i.get("long_id"), string_name=i.get("property_name"),
                                   type=known[0] if known else None, doc=doc))
    else:
        ctx.unknown("property", i["name"], i["name"], "neither an id nor a property set")


def _tagged(i: ItemFacts, ident: int, types: list[str], doc: str, table: Mapping[str, int],
            ctx: Context, out: PropertyConstants) -> None:
    main = None
    for tag in property_tags(ident, types, list(i.get("names") or [])):
        if not valid_name(tag.name):
            continue
        if tag.note:
            ctx.unknown("property tag", tag.name, i["name"], tag.note)
        if tag.value is not None and tag.name in table and table[tag.name] != tag.value:
            out.disagreements.append(Disagreement(name=tag.name, computed=tag.value,
                                                  table=table[tag.name], item=i["name"]))
        if tag.name in out.tags and out.tags[tag.name].value != tag.value:
            ctx.unknown("property tag", tag.name, i["name"], "another page gives another id")
            continue
        first = main is None and tag.value is not None
        out.tags[tag.name] = Constant(name=tag.name, value=tag.value, doc=doc if first else None)
        main = main or (tag.name if tag.value is not None else None)
    if main and valid_name(i["name"]) and i["name"] != main:
        out.tags.setdefault(i["name"], Constant(name=i["name"], value=out.tags[main].value,
                                                alias_of=main, doc=doc))


def property_constants(items: Sequence[ItemFacts], table: Mapping[str, int], ctx: Context
                       ) -> PropertyConstants:
    """The tags, aliases and named properties of the property pages among `items`."""
    out = PropertyConstants()
    locale = ctx.options.locale
    for i in items:
        if i["kind"] != "property":
            continue
        doc = f"{i['name']}: {pick(i['summary'], locale)} Source: {source_link(i['paths'], locale)}"
        types = list(i.get("property_types") or [])
        for t in types:
            if type_value(t) is None:
                ctx.unknown("property type", t, i["name"], "no tag computed with it")
        ident = i.get("property_id")
        if ident is None:
            _named(i, types, doc, ctx, out)
        else:
            _tagged(i, ident, types, doc, table, ctx, out)
    return out
