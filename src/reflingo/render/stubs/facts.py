"""What the stub generator reads of an item: a plain, JSON-ready projection of the canonical model.

The projection is cacheable (the `stubs` task returns it per item group, so a second run reads
it from the result cache instead of parsing again) and holds every locale's text, so one cached
parse serves every `--locale`. Texts are the plain text a reader sees (`Text.text`: Markdown and
bilingual markup already removed).
"""

from __future__ import annotations

from typing import Any, Mapping, TypedDict

from reflingo.model import (ApiItem, CallableItem, CanonicalFlag, CanonicalParameter,
                            InterfaceItem, PageKind, PropertyItem, StructureItem, Texts)

#: The kinds that become stubs (macros and conceptual pages do not).
STUB_KINDS = frozenset({PageKind.INTERFACE, PageKind.METHOD, PageKind.FUNCTION,
                        PageKind.STRUCTURE, PageKind.PROPERTY})


class FlagFacts(TypedDict):
    """A flag documented under a parameter: its name and each locale's description."""

    name: str
    text: dict[str, str]


class ParamFacts(TypedDict):
    """A parameter (or structure member): name, C type, direction, descriptions, flags."""

    name: str
    type: str | None
    direction: str
    text: dict[str, str]
    flags: list[FlagFacts]


class ItemFacts(TypedDict, total=False):
    """One item. Every item has kind, name, key, paths, summary; the rest depends on the kind."""

    kind: str
    name: str
    key: str
    paths: dict[str, str]
    summary: dict[str, str]
    params: list[ParamFacts]
    returns: list[dict[str, Any]]
    return_type: str | None
    bases: list[str]
    vtable: list[list[str | None]]
    pointer_type: str | None
    iid: str | None
    code: str | None
    property_id: int | None
    property_types: list[str]
    names: list[str]
    property_set: str | None
    long_id: int | None
    property_name: str | None


def _texts(texts: Texts) -> dict[str, str]:
    return {loc: t.text for loc, t in sorted(texts.items()) if t.text}


def _flag(flag: CanonicalFlag) -> FlagFacts:
    return {"name": flag.name, "text": _texts(flag.descriptions)}


def _param(p: CanonicalParameter) -> ParamFacts:
    return {"name": p.name, "type": p.type, "direction": p.direction.value,
            "text": _texts(p.descriptions), "flags": [_flag(f) for f in p.flags]}


def item_facts(item: ApiItem) -> ItemFacts | None:
    """The facts of `item` the stubs need, or None for a kind that has no stub."""
    if item.kind not in STUB_KINDS:
        return None
    facts: ItemFacts = {"kind": item.kind.value, "name": item.name, "key": item.key,
                        "paths": {loc: page.rel_path for loc, page in sorted(item.pages.items())},
                        "summary": _texts(item.summary)}
    if item.kind in (PageKind.METHOD, PageKind.FUNCTION, PageKind.STRUCTURE):
        facts["params"] = [_param(p) for p in item.parameters]
        facts["returns"] = [{"name": v.name, "text": _texts(v.descriptions)}
                            for v in item.return_values]
    if isinstance(item, CallableItem):
        facts["return_type"] = item.return_type
    if isinstance(item, InterfaceItem):
        facts.update(bases=list(item.bases), vtable=[[e.name, e.path] for e in item.vtable],
                     pointer_type=item.pointer_type, iid=item.interface_identifier)
    if isinstance(item, StructureItem):
        facts["code"] = item.signature.code if item.signature else _first_code(item)
    if isinstance(item, PropertyItem):
        facts.update(property_id=item.property_id, property_types=list(item.property_types),
                     names=list(item.names), property_set=item.property_set,
                     long_id=item.long_id, property_name=item.property_name)
    return facts


def _first_code(item: ApiItem) -> str | None:
    """The first code block of the item's reference page (a declaration the signature reader
    did not take, such as `typedef SBinaryArray ENTRYLIST;`), without its fences."""
    loc = item.reference_locale or min(item.pages, default=None)
    page = item.pages.get(loc) if loc else None
    blocks = (b for s in (page.sections if page else ()) for b in s.blocks if b.kind == "fence")
    block = next(blocks, None)
    if block is None:
        return None
    return "\n".join(line for line in block.text.splitlines()
                     if not line.lstrip().startswith(("```", "~~~")))


DAMAGED = "\ufffd"
"""A character lost in translation (U+FFFD): a text holding one is used only as a last resort."""


def pick(texts: Mapping[str, str], locale: str) -> str:
    """The text in `locale`, else en-US, else the first locale that has one ("" when none); a
    text with characters lost in translation (U+FFFD) only when no locale has an intact one."""
    order = [locale, "en-US", *sorted(texts)]
    found = [texts[loc] for loc in order if texts.get(loc)]
    return next((t for t in found if DAMAGED not in t), found[0] if found else "")
