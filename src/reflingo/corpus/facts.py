"""The facts a renderer and a stub generator need beyond names: every locale's text of each
canonical fact, the page -> canonical maps of flags and return values, and the kind-specific
facts (interface bases and vtable, property tags and names, structure headers).

Everything here reads the pages of one item; cross-item facts (a vtable entry's item key) are
resolved when the whole corpus is indexed (:func:`reflingo.corpus.index_corpus`).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from typing import Mapping, Sequence

from reflingo.lang import translit
from reflingo.lang.locales import ENGLISH
from reflingo.model import (ApiItem, CallableItem, CanonicalFlag, CanonicalParameter,
                            CanonicalReturnValue, InterfaceItem, Page, PageKind, PropertyItem,
                            StructureItem, Text, VtableEntry)

_TITLE_BASES = re.compile(r"^\s*[A-Za-z_]\w*\s*:\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*$")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEX = re.compile(r"\b0x([0-9A-Fa-f]{1,8})\b")
_PROPERTY_TYPE = re.compile(r"\bPT_[A-Z0-9_]+\b")
_CONSTANT = re.compile(r"^[A-Z0-9]+(?:_[A-Z0-9]+)+$")
#: Data types some pages write as words instead of the PT_ constant.
TYPE_WORDS = {"boolean": "PT_BOOLEAN", "binary": "PT_BINARY", "systime": "PT_SYSTIME",
              "long": "PT_LONG", "double": "PT_DOUBLE", "float": "PT_FLOAT", "guid": "PT_CLSID"}
MAX_PROPERTY_ID = 0xFFFF
_TARGET_PATH = re.compile(r"^[^:#?\s]+\.md(?=$|[#?])", re.I)


# -- per-locale texts and maps ---------------------------------------------------------------

def with_texts(params: tuple[CanonicalParameter, ...], pages: Mapping[str, Page],
               maps: Mapping[str, tuple[int | None, ...]]
               ) -> tuple[tuple[CanonicalParameter, ...], dict[str, tuple[tuple[int | None, ...], ...]]]:
    """The parameters with every locale's description and flag descriptions, and the flag maps:
    locale -> for each documented parameter, for each of its flags, the canonical flag index."""
    descriptions: list[dict[str, Text]] = [{} for _ in params]
    flag_texts: list[list[dict[str, Text]]] = [[{} for _ in p.flags] for p in params]
    flag_maps: dict[str, tuple[tuple[int | None, ...], ...]] = {}
    for loc, page in sorted(pages.items()):
        per_param = []
        for written, j in zip(page.parameters, maps.get(loc, ())):
            if j is None:
                per_param.append(tuple(None for _ in written.flags))
                continue
            descriptions[j][loc] = written.description
            names = [f.name for f in params[j].flags]
            mapped = match_names([f.name for f in written.flags], names)
            for flag, k in zip(written.flags, mapped):
                if k is not None:
                    flag_texts[j][k][loc] = flag.description
            per_param.append(mapped)
        flag_maps[loc] = tuple(per_param)
    out = tuple(
        _replace_param(p, descriptions[j], tuple(
            CanonicalFlag(name=f.name, support=f.support, descriptions=flag_texts[j][k])
            for k, f in enumerate(p.flags)))
        for j, p in enumerate(params))
    return out, flag_maps


def _replace_param(p: CanonicalParameter, texts: dict[str, Text],
                   flags: tuple[CanonicalFlag, ...]) -> CanonicalParameter:
    return CanonicalParameter(name=p.name, type=p.type, direction=p.direction, flags=flags,
                              support=p.support, direction_support=p.direction_support,
                              aliases=p.aliases, descriptions=texts)


def value_texts(values: tuple[CanonicalReturnValue, ...], pages: Mapping[str, Page]
                ) -> tuple[tuple[CanonicalReturnValue, ...], dict[str, tuple[int | None, ...]]]:
    """The return values with every locale's description, and the value maps."""
    names = [v.name for v in values]
    texts: list[dict[str, Text]] = [{} for _ in values]
    value_maps = {}
    for loc, page in sorted(pages.items()):
        mapped = match_names([v.name for v in page.return_values], names)
        for written, k in zip(page.return_values, mapped):
            if k is not None:
                texts[k][loc] = written.description
        value_maps[loc] = mapped
    return tuple(CanonicalReturnValue(name=v.name, support=v.support, descriptions=texts[k])
                 for k, v in enumerate(values)), value_maps


def match_names(written: Sequence[str], names: Sequence[str]) -> tuple[int | None, ...]:
    """For each written name, the index of the canonical name it stands for: the same name,
    then the same letters (case, spacing and punctuation aside, transliteration undone: see
    :func:`~reflingo.lang.translit.skeleton`), then the nearest spelling
    (:func:`~reflingo.lang.translit.match_identifier`), then the same position when both lists
    are as long; each canonical name is taken once. Parameters, flags and return values are
    matched with it."""
    result: list[int | None] = [None] * len(written)
    free = set(range(len(names)))
    for i, w in enumerate(written):
        j = next((j for j in sorted(free) if names[j] == w), None)
        if j is not None:
            result[i] = j
            free.discard(j)
    skeletons = {j: translit.skeleton(names[j]) for j in free}
    for i, w in enumerate(written):
        if result[i] is None and free:
            sk = translit.skeleton(w)
            hits = [j for j in sorted(free) if skeletons[j] == sk]
            if len(hits) == 1:
                result[i] = hits[0]
                free.discard(hits[0])
    for i, w in enumerate(written):
        if result[i] is None and free:
            candidates = [names[j] for j in sorted(free)]
            best = translit.match_identifier(w.strip(" .:;*_"), candidates)
            if best is not None:
                j = next(j for j in sorted(free) if names[j] == best)
                result[i] = j
                free.discard(j)
    if len(written) == len(names):
        for i in range(len(written)):
            if result[i] is None and i in free:
                result[i] = i
                free.discard(i)
    return tuple(result)


def summaries(pages: Mapping[str, Page]) -> dict[str, Text]:
    """Locale -> the page's lead paragraph."""
    return {loc: p.summary for loc, p in sorted(pages.items()) if p.summary is not None}


# -- kinds -------------------------------------------------------------------------------------

def kind_record(item: ApiItem, ref: Page | None) -> ApiItem:
    """The item as the record of its kind, with the facts of that kind."""
    common = {name: getattr(item, name) for name in ApiItem.__dataclass_fields__}
    pages = item.pages
    page = ref or next(iter(pages.values()))
    if item.kind is PageKind.INTERFACE:
        return InterfaceItem(**common, bases=interface_bases(page, pages),
                             vtable=vtable(page), interface_identifier=_value(pages, ref, "interface-identifier"),
                             pointer_type=_value(pages, ref, "pointer-type"),
                             header_file=_value(pages, ref, "header-file"))
    if item.kind in (PageKind.METHOD, PageKind.FUNCTION, PageKind.MACRO):
        sig = item.signature
        return CallableItem(**common, return_type=sig.return_type if sig else None,
                            overloads=tuple(getattr(sig, "overloads", ()) or ()),
                            header_file=_value(pages, ref, "header-file"))
    if item.kind is PageKind.STRUCTURE:
        return StructureItem(**common, header_file=_value(pages, ref, "header-file"))
    if item.kind is PageKind.PROPERTY:
        return property_record(common, pages, ref)
    return item


def _value(pages: Mapping[str, Page], ref: Page | None, key: str) -> str | None:
    """A property-table value: the reference page's, else the one most pages give."""
    for page in ([ref] if ref is not None else []):
        for row in page.properties:
            if row.key == key and row.value.strip():
                return row.value.strip()
    votes = Counter(row.value.strip() for p in pages.values() for row in p.properties
                    if row.key == key and row.value.strip())
    return max(votes.items(), key=lambda kv: (kv[1], kv[0].isascii()))[0] if votes else None


def interface_bases(page: Page, pages: Mapping[str, Page]) -> tuple[str, ...]:
    """The bases an interface page declares: `X : Y` in the title, else an "Inherits from" row."""
    for p in [page, *pages.values()]:
        title = p.title.text if p.title else ""
        m = _TITLE_BASES.match(title.replace("\\", ""))
        if m:
            return tuple(b.strip() for b in m.group(1).split(","))
    inherits = _value(pages, page if page.locale == ENGLISH else None, "inherits-from")
    return tuple(_IDENTIFIER.findall(inherits)) if inherits else ()


def vtable(page: Page) -> tuple[VtableEntry, ...]:
    """The vtable rows of the page, each with the page it links to."""
    links_by_line: dict[int, list[str]] = {}
    for link in page.links:
        links_by_line.setdefault(link.span.line_start, []).append(link.target)
    base = posixpath.dirname(page.rel_path)
    out = []
    for row in page.vtable:
        name = _first_identifier(row.cells[0] if row.cells else "")
        if not name or _CONSTANT.match(name):   # a property row (`PR_CONTAINER_FLAGS`), not a method
            continue
        targets = [t for t in links_by_line.get(row.span.line_start, ()) if _TARGET_PATH.match(t)]
        path = resolve(base, targets[0]) if targets else None
        out.append(VtableEntry(name=name, path=path))
    return tuple(out)


def resolve(base: str, target: str) -> str | None:
    """A relative `.md` link target as a path below the locale root, or None."""
    m = _TARGET_PATH.match(target.strip())
    if not m or target.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(base, m.group(0)))
    return None if joined.startswith("..") else joined


def _first_identifier(cell: str) -> str | None:
    m = _IDENTIFIER.search(cell.replace("\\_", "_"))
    return m.group(0) if m else None


def property_record(common: dict, pages: Mapping[str, Page], ref: Page | None) -> PropertyItem:
    """A property page's tag, types, names and set, from its property table."""
    ident = _value(pages, ref, "identifier")
    types = _value(pages, ref, "data-type") or _value(pages, ref, "property-type") or ""
    names = _value(pages, ref, "associated-properties") or ""
    long_id = _value(pages, ref, "long-id")
    found = _PROPERTY_TYPE.findall(types) or [TYPE_WORDS[w.lower()] for w in _IDENTIFIER.findall(types)
                                              if w.lower() in TYPE_WORDS]
    return PropertyItem(
        **common, property_id=property_id(ident),
        property_types=tuple(dict.fromkeys(found)),
        names=tuple(dict.fromkeys(n for n in _IDENTIFIER.findall(names))),
        property_set=_first_identifier(_value(pages, ref, "property-set") or ""),
        long_id=_hex(long_id), property_name=_value(pages, ref, "property-name"),
        area=_value(pages, ref, "area"))


def property_id(text: str | None) -> int | None:
    """The id a page's "Identifier" row gives: `0x3001`; a whole tag written instead
    (`0x3D1C000B`, eight hex digits) gives its upper half; anything else (`TBD`, seven digits
    that could be either) gives None."""
    m = _HEX.search(text or "")
    if not m:
        return None
    value = int(m.group(1), 16)
    if value <= MAX_PROPERTY_ID:
        return value
    return value >> 16 if len(m.group(1)) == 8 else None


def _hex(text: str | None) -> int | None:
    m = _HEX.search(text or "")
    return int(m.group(1), 16) if m else None
