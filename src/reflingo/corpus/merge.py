"""Merge the pages of one API item across locales into one canonical :class:`ApiItem`.

Language-neutral facts (names, types, directions, flags, return values, link targets, section
order) come from the C signature and the en-US page when there is one, otherwise from the
majority of the locales; every fact records the locales that support it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Mapping, Sequence

from reflingo.corpus import facts
from reflingo.lang.locales import ENGLISH
from reflingo.parse.inline import close_scopes
from reflingo.model import (ApiItem, CanonicalFlag, CanonicalLink, CanonicalParameter,
                            CanonicalReturnValue, Direction, Page, PageKind, Parameter, Signature,
                            Support)

_CALLABLE = (PageKind.METHOD, PageKind.FUNCTION, PageKind.MACRO, PageKind.STRUCTURE)


def _majority(values: Iterable, default=None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return default
    return max(counts.items(), key=lambda kv: (kv[1], _ascii_score(kv[0])))[0]


def _ascii_score(value) -> int:
    return int(isinstance(value, str) and value.isascii())


def canonical_name(name: str | None) -> str | None:
    return close_scopes(name).strip() if name else name


def merge(group: list[Page], used: set[str] | None = None) -> ApiItem:
    """One item from the pages of one group; `used` holds keys already given to other items."""
    pages = {p.locale: p for p in group}
    ref = pages.get(ENGLISH)
    origin = ENGLISH if ref else "consensus"
    kind = ref.kind if ref else _majority(p.kind for p in group)
    name = canonical_name(ref.name if ref else _majority(canonical_name(p.name) for p in group)) \
        or (ref or group[0]).rel_path
    signature = _canonical_signature(ref, group)
    params, maps = _canonical_parameters(kind, signature, ref, pages)
    key = (ref or group[0]).front.assetid or (ref or group[0]).rel_path
    if used is not None:
        if key in used:                      # two items share an assetid: keep keys unique
            key = f"{key}|{(ref or group[0]).rel_path}"
        used.add(key)
    params, flag_maps = facts.with_texts(params, pages, maps)
    values, value_maps = facts.value_texts(_canonical_values(ref, pages, origin), pages)
    item = ApiItem(
        key=key, name=name, kind=kind, rel_path=(ref or group[0]).rel_path,
        api_name=(ref.front.api_name if ref else _majority(p.front.api_name for p in group)) or (),
        api_type=(ref.front.api_type if ref else _majority(p.front.api_type for p in group)) or (),
        signature=signature, parameters=params, return_values=values,
        links=_canonical_links(ref, pages, origin),
        sections=_canonical_sections(ref, pages),
        reference_locale=ENGLISH if ref else None, pages=pages, summary=facts.summaries(pages),
        parameter_maps=maps, flag_maps=flag_maps, value_maps=value_maps)
    return facts.kind_record(item, ref)


def _canonical_signature(ref: Page | None, group: list[Page]) -> Signature | None:
    if ref is not None:
        return ref.signature
    sigs = [p.signature for p in group if p.signature is not None]
    if not sigs:
        return None
    best = _majority(_code_key(s) for s in sigs)
    return next(s for s in sigs if _code_key(s) == best)


def _code_key(sig: Signature) -> str:
    return " ".join(sig.code.split())


def _documented_names(kind: PageKind, signature: Signature | None, ref: Page | None,
                      pages: Mapping[str, Page]) -> tuple[list[str], Support]:
    if signature is not None and kind in _CALLABLE and signature.params:
        names = [p.name for p in signature.params if p.name and p.name != "..."]
        if names:
            return names, Support(origin="signature", locales=tuple(sorted(pages)))
    if ref is not None:
        return [p.name for p in ref.parameters], Support(origin=ENGLISH, locales=(ENGLISH,))
    lengths = Counter(len(p.parameters) for p in pages.values())
    if not lengths:
        return [], Support(origin="consensus", locales=())
    n = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    names = []
    for i in range(n):
        written = [p.parameters[i].name for p in pages.values() if len(p.parameters) > i]
        names.append(_majority(written))
    voters = tuple(sorted(loc for loc, p in pages.items() if len(p.parameters) == n))
    return names, Support(origin="consensus", locales=voters)


def match_parameters(written: Sequence[Parameter], names: Sequence[str]) -> tuple[int | None, ...]:
    """For each documented parameter, the index of the canonical name it stands for
    (:func:`reflingo.corpus.facts.match_names`)."""
    return facts.match_names([p.name for p in written], names)


def _canonical_parameters(kind, signature, ref, pages):
    names, name_support = _documented_names(kind, signature, ref, pages)
    maps = {loc: match_parameters(p.parameters, names) for loc, p in pages.items()}
    by_index: dict[int, dict[str, Parameter]] = defaultdict(dict)
    for loc, page in pages.items():
        for written, idx in zip(page.parameters, maps[loc]):
            if idx is not None:
                by_index[idx][loc] = written
    types = {p.name: p.type for p in signature.params} if signature is not None else {}
    params = []
    for idx, name in enumerate(names):
        documented = by_index.get(idx, {})
        direction, dsupport = _direction(documented)
        params.append(CanonicalParameter(
            name=name, type=types.get(name) or None, direction=direction,
            flags=_flags(documented), support=name_support, direction_support=dsupport,
            aliases={loc: p.name for loc, p in sorted(documented.items()) if p.name != name}))
    return tuple(params), maps


def _direction(documented: Mapping[str, Parameter]) -> tuple[Direction, Support]:
    if ENGLISH in documented:
        return documented[ENGLISH].direction, Support(origin=ENGLISH, locales=(ENGLISH,))
    # Intact tags decide; a damaged tag (which the locale table maps) only when no page has one.
    known = {loc: p.direction for loc, p in documented.items()
             if p.direction is not Direction.UNKNOWN and not p.direction_damaged} or \
        {loc: p.direction for loc, p in documented.items() if p.direction is not Direction.UNKNOWN}
    if not known:
        return Direction.UNKNOWN, Support(origin="consensus", locales=())
    best = _majority(known.values())
    return best, Support(origin="consensus",
                         locales=tuple(sorted(loc for loc, d in known.items() if d is best)))


def _flags(documented: Mapping[str, Parameter]) -> tuple[CanonicalFlag, ...]:
    if ENGLISH in documented:
        return tuple(CanonicalFlag(name=f.name, support=Support(origin=ENGLISH, locales=(ENGLISH,)))
                     for f in documented[ENGLISH].flags)
    return tuple(CanonicalFlag(name=n, support=Support(origin="consensus", locales=locs))
                 for n, locs in _consensus_names({loc: [f.name for f in p.flags]
                                                  for loc, p in documented.items()}))


def _consensus_names(lists: Mapping[str, list[str]]) -> list[tuple[str, tuple[str, ...]]]:
    """Names stated by more than half of the locales, in the order most locales give."""
    if not lists:
        return []
    votes: dict[str, set[str]] = defaultdict(set)
    for loc, names in lists.items():
        for n in names:
            votes[n].add(loc)
    need = len(lists) / 2
    order = max(lists.values(), key=lambda names: sum(len(votes[n]) for n in names))
    kept = [n for n in dict.fromkeys(order) if len(votes[n]) > need]
    kept += [n for n in votes if n not in kept and len(votes[n]) > need]
    return [(n, tuple(sorted(votes[n]))) for n in kept]


def _canonical_values(ref, pages, origin) -> tuple[CanonicalReturnValue, ...]:
    if ref is not None:
        return tuple(CanonicalReturnValue(name=v.name, support=Support(origin=origin, locales=(ENGLISH,)))
                     for v in ref.return_values)
    return tuple(CanonicalReturnValue(name=n, support=Support(origin=origin, locales=locs))
                 for n, locs in _consensus_names({loc: [v.name for v in p.return_values]
                                                  for loc, p in pages.items()}))


def _canonical_links(ref, pages, origin) -> tuple[CanonicalLink, ...]:
    if ref is not None:
        seen = dict.fromkeys((l.target, l.text, l.section) for l in ref.links)
        return tuple(CanonicalLink(target=t, text=x, section=s,
                                   support=Support(origin=origin, locales=(ENGLISH,))) for t, x, s in seen)
    texts: dict[str, str] = {}
    sections: dict[str, str | None] = {}
    for p in pages.values():
        for l in p.links:
            texts.setdefault(l.target, l.text)
            sections.setdefault(l.target, l.section)
    return tuple(CanonicalLink(target=t, text=texts[t], section=sections[t],
                               support=Support(origin=origin, locales=locs))
                 for t, locs in _consensus_names({loc: [l.target for l in p.links]
                                                  for loc, p in pages.items()}))


def _canonical_sections(ref, pages) -> tuple[str, ...]:
    if ref is not None:
        return tuple(s.key for s in ref.sections)
    return tuple(n for n, _ in _consensus_names({loc: [s.key for s in p.sections]
                                                 for loc, p in pages.items()}))
