"""Differences of a page from its reference, and how they become findings.

The API checks (:mod:`reflingo.checks.api`, :mod:`reflingo.checks.api_structure`) and the link
checks compare each locale's page with a reference and report the differences. This module holds
what they share: the :class:`Difference` value, :func:`differences` (which also tells which
differences come from the English source), the helpers that turn differences into findings,
and :func:`compare_values`, which compares lists of named values (flags, return values).

An item's checks run locale by locale, and every check of a family needs the same comparisons:
each page against the reference, and every other translation against it to tell which
differences most translations share. :func:`differences` computes them once per item, with
:func:`reflingo.checks.text.per_item`, which other families use too for facts of an item that several checks or
locales need (such as :func:`matched`, the parameters a page documents).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import finding
from reflingo.checks.text import per_item
from reflingo.corpus import match_parameters
from reflingo.findings import Finding, Fix
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Flag, Page, ReturnValue
from reflingo.parse.inline import plain


@dataclass(frozen=True, slots=True, kw_only=True)
class Difference:
    """One way a page differs from a reference page, before it becomes a finding."""

    code: str
    """The check that reports it."""
    key: tuple
    """Locale-neutral identity, to find the same difference on other locales' pages."""
    line: int
    message: str
    expected: str | None = None
    actual: str | None = None
    column: int | None = None
    fix: Fix | None = None
    source_change: bool = True
    """Whether a change of the English source can explain it (not so for damaged text)."""


PairFn = Callable[[Page, Page, ApiItem], list[Difference]]
"""Differences of a page (first) from a reference page (second)."""
CanonicalFn = Callable[[Page, ApiItem], list[Difference]]
"""Differences of a page from the item's canonical model."""

Located = list[tuple[Difference, bool]]
"""Differences, each with whether it comes from the source (stale)."""


# --------------------------------------------------------------------------------------------
# Facts of an item, computed once, and the differences of a locale
# --------------------------------------------------------------------------------------------

def matched(item: ApiItem, page: Page, names: tuple[str, ...]) -> tuple[int | None, ...]:
    """:func:`reflingo.corpus.match_parameters` of the page's parameters to `names`: the map the
    merger stored on the item when `names` are the canonical ones, else computed once per item
    (the direction, parameter and flag checks match the same pages to the same names)."""
    if item.pages.get(page.locale) is page and names == tuple(p.name for p in item.parameters):
        return item.parameter_maps[page.locale]
    return per_item(item, ("matched", id(page), names), _match, page, names)[1]


def _match(page: Page, names: tuple[str, ...]) -> tuple[Page, tuple[int | None, ...]]:
    return page, match_parameters(page.parameters, names)  # held: its id is in the key


def differences(item: ApiItem, locale: str, ctx: CheckContext, pair: PairFn,
                canonical: CanonicalFn | None = None) -> Located:
    """The locale's differences, each with whether it comes from the source (stale).

    A translation is compared with the en-US page when there is one, else with the canonical
    model when `canonical` is given; a difference that most other translations share comes
    from the English source (it changed after translation, or has the defect itself). Without
    either, the page is compared with the other pages, keeping what more than half of them (at
    least two) disagree with. The en-US page itself is only compared with the canonical model.
    """
    return per_item(item, ("differences", locale, pair, canonical),
                    _differences, item, locale, ctx, pair, canonical)


def _differences(item: ApiItem, locale: str, ctx: CheckContext, pair: PairFn,
                 canonical: CanonicalFn | None) -> Located:
    page = item.pages.get(locale)
    if page is None:
        return []
    ref = ctx.reference(item, locale)
    if ref is None and canonical is None:
        if locale != ENGLISH and ENGLISH not in item.pages:
            return [(d, False) for d in consensus(page, item, pair)]
        return []
    found = _compared(item, locale, ref, pair, canonical)
    if not found or locale == ENGLISH:
        return [(d, False) for d in found]
    # A difference is stale when more than half of the other translations show it too;
    # `showing` counts the translations that show each difference, this one included.
    translations = [loc for loc in item.pages if loc != ENGLISH]
    others = len(translations) - 1
    showing = per_item(item, ("showing", ref is None, pair, canonical),
                       _showing, item, translations, ref, pair, canonical)
    return [(d, d.source_change and others > 0 and 2 * (showing[d.key] - 1) > others)
            for d in found]


def _compared(item: ApiItem, locale: str, ref: Page | None, pair: PairFn,
              canonical: CanonicalFn | None) -> list[Difference]:
    """The locale's page against the reference page `ref`, or when there is none against the
    canonical model (once per item)."""
    if ref is not None:
        return per_item(item, ("ref", pair, locale), pair, item.pages[locale], ref, item)
    return per_item(item, ("canonical", canonical, locale), canonical, item.pages[locale], item)


def _showing(item: ApiItem, translations: list[str], ref: Page | None, pair: PairFn,
             canonical: CanonicalFn | None) -> Counter:
    """How many of the translations show each difference (by key)."""
    return Counter(key for loc in translations
                   for key in {d.key for d in _compared(item, loc, ref, pair, canonical)})


def consensus(page: Page, item: ApiItem, pair: PairFn) -> list[Difference]:
    """Differences from the other pages that more than half of them (at least two) show."""
    others = [p for loc, p in sorted(item.pages.items()) if loc != page.locale]
    if len(others) < 2:
        return []
    votes: dict[tuple, int] = {}
    first: dict[tuple, Difference] = {}
    for other in others:
        for d in {d.key: d for d in pair(page, other, item)}.values():
            votes[d.key] = votes.get(d.key, 0) + 1
            first.setdefault(d.key, d)
    return sorted((first[k] for k, n in votes.items() if n >= 2 and 2 * n > len(others)),
                  key=lambda d: (d.line, d.code))


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------

def report(item: ApiItem, locale: str, ctx: CheckContext, code: str, pair: PairFn,
           canonical: CanonicalFn | None = None) -> Iterator[Finding]:
    """Findings of check `code`: the locale's differences that are not stale."""
    by_code = per_item(item, ("findings", locale, pair, canonical),
                       _findings, item, locale, ctx, pair, canonical)
    return iter(by_code.get(code, ()))


def _findings(item: ApiItem, locale: str, ctx: CheckContext, pair: PairFn,
              canonical: CanonicalFn | None) -> dict[str, list[Finding]]:
    """The findings of every check of the family (by code), made once for all of them."""
    page = item.pages.get(locale)
    by_code: dict[str, list[Finding]] = {}
    for d, stale in differences(item, locale, ctx, pair, canonical):
        if not stale:
            by_code.setdefault(d.code, []).append(as_finding(d, page, item))
    return by_code


def as_finding(d: Difference, page: Page, item: ApiItem, code: str | None = None,
               message: str | None = None) -> Finding:
    return finding(code or d.code, page, d.line, message or d.message, item=item,
                   column=d.column, expected=d.expected, actual=d.actual,
                   fix=None if code else d.fix)


def source_message(d: Difference) -> str:
    return (f"{d.message} (most other translations have the same difference: the English source "
            f"changed after translation or has it too) [{d.code}]")


# --------------------------------------------------------------------------------------------
# Helpers for building differences
# --------------------------------------------------------------------------------------------

def column_of(page: Page, line: int, text: str) -> int | None:
    """1-based column of the first `text` on the line, or None."""
    at = page.line(line).find(text) if text else -1
    return at + 1 if at >= 0 else None


def exact_fix(page: Page, line: int, old: str, new: str) -> Fix | None:
    """A fix replacing `old` on the line, when it occurs there exactly once."""
    text = page.line(line)
    if not old or old == new or text.count(old) != 1:
        return None
    return Fix(line=line, column=text.index(old) + 1, old=old, new=new)


_CAMEL = re.compile(r"[a-z][A-Z]")


@lru_cache(maxsize=1 << 14)
def looks_like_identifier(word: str) -> bool:
    """`MAPI_E_CALL_FAILED`, `IUnknown`, `lpszName`, `FAILED`: not an ordinary word."""
    return "_" in word or sum(c.isupper() for c in word) >= 2 or _CAMEL.search(word) is not None


# --------------------------------------------------------------------------------------------
# Named values listed on a page: the flags of a parameter, the return values
# --------------------------------------------------------------------------------------------

_VALUE = re.compile(r"^(?P<id>[A-Za-z_]\w*|0x[0-9A-Fa-f]+|\d+)\s*(?:\([^()]*\))?\s*[.:]?$")


@lru_cache(maxsize=1 << 14)
def value_key(name: str) -> str | None:
    """The identifier a listed value stands for (`SEARCH_REBUILD (0x2)` -> `SEARCH_REBUILD`), or
    None when the entry is prose (`None.`, `A client-defined value`)."""
    m = _VALUE.match(plain(name.replace("\\", "")).strip())
    if not m:
        return None
    ident = m.group("id")
    if ident[0].isdigit() or ident in ("true", "false") or looks_like_identifier(ident):
        return ident
    return None


Listed = Sequence[Flag] | Sequence[ReturnValue]
"""Named values as listed on a page, each with its span."""


def value_keys(listed: Listed) -> list[str | None]:
    """The identifier each listed value stands for (see :func:`value_key`)."""
    return [value_key(v.name) for v in listed]


def compare_values(what: str, scope: str, ref: Listed, written: Listed, page: Page,
                   codes: tuple[str, str, str, str], fallback_line: int,
                   ) -> Iterator[Difference]:
    """Values listed on the page against the reference's; only identifier-like names count.

    codes: (missing, extra, renamed, reordered); fallback_line: where a missing value goes
    when no value before it is listed."""
    rkeys, wkeys = value_keys(ref), value_keys(written)
    if rkeys == wkeys:
        return  # each value pairs with the one at its place: nothing differs
    free = list(range(len(written)))
    pairs: dict[int, int] = {}
    for i, k in enumerate(rkeys):
        j = next((j for j in free if k is not None and wkeys[j] == k), None)
        if j is not None:
            pairs[i] = j
            free.remove(j)
    m_code, x_code, r_code, o_code = codes
    lost = [i for i, k in enumerate(rkeys) if k is not None and i not in pairs]
    renamed = [i for i in lost if len(ref) == len(written) and i in free]
    for i in renamed:
        line = written[i].span.line_start
        free.remove(i)
        old = plain(written[i].name)
        yield Difference(code=r_code, key=(r_code, scope, rkeys[i]), line=line,
                         column=column_of(page, line, old),
                         message=f"{what} `{rkeys[i]}` is written `{old}`",
                         expected=rkeys[i], actual=old,
                         fix=exact_fix(page, line, old, rkeys[i]) if len(renamed) == 1 else None)
    missing = [i for i in lost if i not in renamed]
    for i in missing:
        before = [written[pairs[p]].span.line_start for p in range(i) if p in pairs]
        yield Difference(code=m_code, key=(m_code, scope, rkeys[i]),
                         line=before[-1] if before else fallback_line,
                         message=f"{what} `{rkeys[i]}` is missing", expected=rkeys[i])
    for j in free:
        if wkeys[j] is not None:
            line = written[j].span.line_start
            yield Difference(code=x_code, key=(x_code, scope, wkeys[j]), line=line,
                             column=column_of(page, line, wkeys[j]),
                             message=f"{what} `{wkeys[j]}` is not in the reference", actual=wkeys[j])
    order = [pairs[i] for i in sorted(pairs)]
    if order != sorted(order):
        at = next(n for n in range(1, len(order)) if order[n] < max(order[:n]))
        yield Difference(code=o_code, key=(o_code, scope), line=written[order[at]].span.line_start,
                         message=f"{what}s are listed in another order than in the reference",
                         expected=", ".join(rkeys[i] for i in sorted(pairs)),
                         actual=", ".join(wkeys[j] for j in sorted(order)))
