"""Identifier damage in names the model states: parameter names, the title, MFCMAPI table
cells, and identifiers transliterated inside emphasis.

See :mod:`reflingo.checks.names` for what counts as an identifier and what a page is checked
against.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Sequence

from reflingo.lang import translit
from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.names import (emphasis_runs, has_whole, identifier_shaped,
                                   known_identifiers, prose, squeeze, transliteration_of)
from reflingo.checks.text import position
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, PageKind

# -- RL201 parameter names ---------------------------------------------------------------------
@check("RL201", Category.IDENTIFIER, Severity.ERROR)
def parameter_name_damaged(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A documented parameter or member name is transliterated, re-cased or split.

    Bad:  `_улуипарам_` (ru) for the parameter `ulUIParam`
    Good: `_ulUIParam_`

    A translation is held to the source; the English source itself is held to its signature
    by RL403, which reports a name it writes differently.
    """
    if locale == ENGLISH:
        return
    page = item.pages[locale]
    if not page.parameters:
        return
    names = [p.name for p in item.parameters]
    as_source = _source_names(item, locale, ctx, names)
    for written, j in zip(page.parameters, item.parameter_maps[locale]):
        if j is None or _bare(written.name) == names[j] or written.name in as_source.get(j, ()):
            continue
        canonical = names[j]
        if not (translit.has_cyrillic(written.name)
                or translit.is_damaged_identifier(written.name, canonical)):
            continue
        number = written.name_span.line_start
        col = page.line(number).find(written.name)
        fix = Fix(line=number, column=col + 1, old=written.name, new=canonical) if col >= 0 else None
        yield finding("RL201", page, number,
                      f"parameter name {written.name!r} stands for {canonical!r}",
                      item=item, column=col + 1 if col >= 0 else None, expected=canonical,
                      actual=written.name, fix=fix)


def _source_names(item: ApiItem, locale: str, ctx: CheckContext, names: list[str]
                  ) -> dict[int, set[str]]:
    """Canonical index -> names the source writes: the en-US page's, else a name most other
    locales share (a difference from the signature that the source made, not the translation)."""
    ref = ctx.reference(item, locale)
    if ref is not None:
        return {j: {p.name} for p, j in zip(ref.parameters, item.parameter_maps[ref.locale])}
    if locale == ENGLISH:  # the source itself: the other locales copy it
        return {}
    others = [p for loc, p in item.pages.items() if loc != locale]
    votes: dict[int, Counter[str]] = {}
    for other in others:
        for p, j in zip(other.parameters, item.parameter_maps[other.locale]):
            votes.setdefault(j, Counter())[p.name] += 1
    return {j: {n for n, v in c.items() if v >= 2 and v * 2 > len(others)} for j, c in votes.items()}


def _bare(name: str) -> str:
    """A parameter name without the pointer star some pages write before it (`\\*phEvent`)."""
    return name.removeprefix("\\").removeprefix("*")


# -- RL202 title ---------------------------------------------------------------------------------
def expected_title(item: ApiItem, locale: str) -> tuple[str | None, bool]:
    """(title the page should have, whether it is certain) for API pages titled by a name."""
    ref = item.pages.get(ENGLISH)
    if ref is not None:
        return (ref.front.title or "").strip() or None, True
    others = Counter(p.front.title.strip() for loc, p in item.pages.items()
                     if loc != locale and p.front.title)
    derived = item.name.replace("::", "")
    if others:
        title, votes = others.most_common(1)[0]
        return title, votes == sum(others.values()) or title == derived
    return derived, False


@check("RL202", Category.IDENTIFIER, Severity.ERROR)
def title_damaged(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The front matter title, an API name, is transliterated or translated.

    Bad:  `title: имаписессионлогофф` (ru)
    Good: `title: IMAPISessionLogoff`
    """
    page = item.pages[locale]
    title = (page.front.title or "").strip()
    if locale == ENGLISH or item.kind is PageKind.CONCEPTUAL or not title:
        return
    expected, certain = expected_title(item, locale)
    if not expected or title == expected or not identifier_shaped(expected):
        return
    if has_whole(title, expected):
        return  # the name is there, only words around it were added or translated
    similar = translit.similarity(title, expected) >= 0.75
    if not (similar or translit.has_cyrillic(title) or not identifier_shaped(title)):
        return
    number = page.front.lines.get("title", 0)
    col = page.line(number).find(title, len("title:")) if number else -1
    fix = Fix(line=number, column=col + 1, old=title, new=expected) \
        if col >= 0 and (certain or similar) else None
    yield finding("RL202", page, number or 1,
                  f"title {title!r} should be the API name {expected!r}", item=item,
                  column=col + 1 if col >= 0 else None, expected=expected, actual=title, fix=fix)


# -- RL205 MFCMAPI table -------------------------------------------------------------------------
def _reference_rows(item: ApiItem, locale: str, ctx: CheckContext, count: int
                    ) -> tuple[list[tuple[str, str]] | None, bool]:
    """The reference MFCMAPI (file, function) rows, and whether they align row by row."""
    ref = ctx.reference(item, locale)
    if ref is not None:
        rows = [(squeeze(r.file), squeeze(r.function)) for r in ref.mfcmapi]
        return (rows or None), len(rows) == count
    others = [p.mfcmapi for loc, p in item.pages.items() if loc != locale and len(p.mfcmapi) == count]
    if not others or locale == ENGLISH:
        return None, False
    rows = []
    for i in range(count):
        cells = []
        for field in ("file", "function"):
            votes = Counter(squeeze(getattr(r[i], field)) for r in others)
            good = [(n, v) for v, n in votes.items() if identifier_shaped(v)]
            cells.append(max(good)[1] if good else "")
        rows.append((cells[0], cells[1]))
    return rows, True


@check("RL205", Category.IDENTIFIER, Severity.ERROR)
def mfcmapi_identifier_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A file or function name in the MFCMAPI reference table is transliterated or translated.

    Bad:  `|Мапиобжектс. cpp |Кмапиобжектс:: выход |` (ru)
    Good: `|MAPIObjects.cpp |CMapiObjects::Logoff |`
    """
    page = item.pages[locale]
    if not page.mfcmapi:
        return
    rows, aligned = _reference_rows(item, locale, ctx, len(page.mfcmapi))
    if not rows:
        return
    for i, row in enumerate(page.mfcmapi):
        for field, written in (("file", row.file), ("function", row.function)):
            expected = _expected_cell(written, [r[field == "function"] for r in rows],
                                      rows[i][field == "function"] if aligned else None)
            if expected is None:
                continue
            number = row.span.line_start
            col = page.line(number).find(written)
            fix = Fix(line=number, column=col + 1, old=written, new=expected) \
                if col >= 0 and aligned else None
            yield finding("RL205", page, number,
                          f"MFCMAPI {field} {written!r} is not the identifier {expected!r}",
                          item=item, column=col + 1 if col >= 0 else None, expected=expected,
                          actual=written, fix=fix)


def _expected_cell(written: str, column: Sequence[str], aligned: str | None) -> str | None:
    """The reference cell a damaged written cell stands for, or None when it is not damaged."""
    if not written or identifier_shaped(written) and written.isascii():
        return None
    expected = aligned or translit.match_identifier(written, [c for c in column if c])
    if not expected or not identifier_shaped(expected):
        return None
    if translit.skeleton(written) == translit.skeleton(expected):
        return None  # spacing or case only: RL203 and RL204 report it
    if translit.has_cyrillic(written) or not written.isascii() or " " in written.strip():
        return expected
    return None



@check("RL207", Category.IDENTIFIER, Severity.ERROR)
def identifier_transliterated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """An identifier in bold, italics, code or a link text is transliterated into another script.

    Bad:  `если параметр _улфлагс_ равен нулю` (ru)
    Good: `если параметр _ulFlags_ равен нулю`
    """
    page = item.pages[locale]
    text = prose(page)
    if not translit.has_cyrillic(text):
        return
    known = known_identifiers(item, locale, ctx)
    for run, offset in emphasis_runs(text, translit.has_cyrillic):
        name = transliteration_of(run, known)
        if name is None:
            continue
        number, col = position(page, offset)
        yield finding("RL207", page, number, f"{run!r} is the identifier {name!r} transliterated",
                      item=item, column=col + 1, expected=name, actual=run,
                      fix=Fix(line=number, column=col + 1, old=run, new=name))
