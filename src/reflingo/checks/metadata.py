"""Metadata checks: front matter and title facts, translation staleness.

Codes RL700-RL799. Language-neutral metadata (api_name, ms.assetid, the `#` title of an API
page, the Applies-to products) must match the reference: the en-US page when the item has
one, else the consensus of its pages. The front matter `title` field is left to the identifier
checks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from typing import Iterator

from reflingo.checks.context import CheckContext
from reflingo.checks.dates import consensus as _consensus, front_line as _front_line, us_date
from reflingo.checks.registry import check, finding
from reflingo.checks.text import per_item, per_page
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import ENGLISH
from reflingo.parse.inline import close_scopes
from reflingo.model import ApiItem, Page, PageKind



def _reference_value(item: ApiItem, locale: str, ctx: CheckContext, get):
    """The value of `get(page)` on the reference page, else the other pages' consensus."""
    ref = ctx.reference(item, locale)
    if ref is not None:
        return get(ref)
    return _consensus([get(p) for loc, p in item.pages.items() if loc != locale])


# --- front matter and title -------------------------------------------------------------------

@check("RL701", Category.METADATA, Severity.ERROR)
def api_name_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The front matter `api_name` list differs from the reference.

    Bad:  `api_name: [IMAPISession.Logof]` where en-US has `IMAPISession.Logoff`
    Good: `api_name: [IMAPISession.Logoff]`
    """
    page = item.pages[locale]
    expected = _reference_value(item, locale, ctx, lambda p: tuple(p.front.api_name))
    actual = tuple(page.front.api_name)
    if not expected or actual == expected:
        return
    yield finding("RL701", page, _front_line(page, "api_name"),
                  "api_name differs from the reference" if actual else "api_name is missing",
                  item=item, expected=", ".join(expected), actual=", ".join(actual) or None)


@check("RL702", Category.METADATA, Severity.ERROR)
def assetid_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The front matter `ms.assetid` differs from the reference's.

    Bad:  `ms.assetid:` missing, or another page's GUID
    Good: `ms.assetid: 93e38f6c-4b67-4f2d-bc94-631efec86852`
    """
    page = item.pages[locale]
    expected = _reference_value(item, locale, ctx, lambda p: (p.front.assetid or "").lower())
    actual = (page.front.assetid or "").lower()
    if not expected or actual == expected:
        return
    yield finding("RL702", page, _front_line(page, "ms.assetid"),
                  "ms.assetid differs from the reference" if actual else "ms.assetid is missing",
                  item=item, expected=expected, actual=page.front.assetid)


_CODE_LIKE = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[_\d]|::")


@per_page
def _api_title(page: Page) -> str | None:
    """The API name the `#` title gives, when the page documents an identifier (every locale
    of an item reads the reference's)."""
    if page.kind is PageKind.CONCEPTUAL or page.title is None or not page.name:
        return None
    name = close_scopes(page.name).strip()
    return name if " " not in name and _CODE_LIKE.search(name) else None


def _outvoted(item: ApiItem, locale: str, expected, actual, get) -> bool:
    """Whether the other translations agree with this page against the en-US reference (the
    reference is then the likelier one to be wrong, or was updated after translation)."""
    votes = Counter(get(p) for loc, p in item.pages.items() if loc not in (locale, ENGLISH))
    return votes[actual] >= 1 and votes[actual] > votes[expected]


@check("RL703", Category.METADATA, Severity.ERROR)
def title_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The `#` title of an API page names another API than the reference.

    Bad:  `# IMAPISession::LogOn` on the page of `IMAPISession::Logoff`
    Good: `# IMAPISession::Logoff`
    """
    page = item.pages[locale]
    actual = _api_title(page)
    if not actual:
        return
    expected = _reference_value(item, locale, ctx, _api_title)
    if not expected or actual.casefold() == expected.casefold():
        return  # a difference in letter case only is the identifier checks' (RL204)
    if ctx.reference(item, locale) is not None and _outvoted(item, locale, expected, actual,
                                                             _api_title):
        return
    yield finding("RL703", page, page.title.span.line_start, "the title differs from the reference",
                  item=item, expected=expected, actual=page.title.text)


def _products(page: Page) -> str | None:
    """The Applies-to products, normalised (`Outlook 2016 | 2019` reads as two full names)."""
    return _normalised_products(page.applies_to.text) if page.applies_to is not None else None


@functools.lru_cache(maxsize=1 << 12)
def _normalised_products(text: str) -> str | None:
    parts, product = [], ""
    for part in text.split("|"):
        part = " ".join(part.split())
        if re.fullmatch(r"\d{4}", part) and product:
            part = f"{product} {part}"
        elif (m := re.fullmatch(r"(.+?)\s+\d{4}", part)):
            product = m.group(1)
        if part:
            parts.append(part)
    return " | ".join(parts) or None


@check("RL704", Category.METADATA, Severity.WARNING)
def applies_to_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The "Applies to" products differ from the reference.

    Bad:  `**Betrifft**: Outlook` where the source has `Outlook 2013 | Outlook 2016`
    Good: `**Gilt für**: Outlook 2013 | Outlook 2016`
    """
    if locale == ENGLISH:
        return  # the source's products change with new releases; translations follow
    page = item.pages[locale]
    actual = _products(page)
    expected = _reference_value(item, locale, ctx, _products)
    if not actual or not expected or actual == expected:
        return
    yield finding("RL704", page, page.applies_to.span.line_start,
                  "the Applies-to products differ from the reference", item=item,
                  expected=expected, actual=actual)


# --- staleness --------------------------------------------------------------------------------

def _handoff(page: Page) -> dt.date | None:
    return us_date(page.front.lasthandoff)


@check("RL711", Category.STALENESS, Severity.WARNING)
def stale_translation(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The page was translated from an older source version than the item's other translations.

    Bad:  `ms.openlocfilehash: 7d6c...`, `ms.lasthandoff: 06/11/2018` where the other locales
          have `317c...` and `04/23/2019`
    Good: the same source hash as the other translations
    """
    page = item.pages[locale]
    mine = page.front.openlocfilehash
    if locale == ENGLISH or not mine:
        return
    majority, peers, newest = per_item(item, "source-hash", _source_hash, item)
    if majority is None or mine == majority:
        return
    handoff = _handoff(page)
    if newest is None or (handoff is not None and handoff >= newest):
        return  # not older: the others may be behind, which is no defect of this page
    peer = next(p for p in peers if _handoff(p) == newest)
    line = _front_line(page, "ms.openlocfilehash")
    end = page.front.lines.get("ms.lasthandoff")
    yield finding("RL711", page, line,
                  f"translated from an older source version than {len(peers)} other locales "
                  f"(source commit {(page.front.sourcegitcommit or '?')[:7]} vs "
                  f"{(peer.front.sourcegitcommit or '?')[:7]}, handed off "
                  f"{page.front.lasthandoff or '?'} vs {peer.front.lasthandoff})",
                  item=item, expected=majority, actual=mine,
                  end_line=end if end and end > line else None)


def _source_hash(item: ApiItem) -> tuple[str | None, list[Page], dt.date | None]:
    """The source hash of most translations (at least 3), their pages and newest handoff."""
    localized = [p for loc, p in item.pages.items() if loc != ENGLISH and p.front.openlocfilehash]
    hashes = [p.front.openlocfilehash for p in localized]
    majority = _consensus(hashes) if len(hashes) >= 3 else None
    peers = [p for p in localized if p.front.openlocfilehash == majority]
    return majority, peers, max((d for d in map(_handoff, peers) if d), default=None)
