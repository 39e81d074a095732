"""Metadata checks: front matter and title facts, translation staleness, localized dates.

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
from dataclasses import dataclass
from typing import Iterator, Sequence

from babel import Locale, UnknownLocaleError

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.text import per_item
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Page, PageKind

_SPACED_SCOPE = re.compile(r"\s*::\s*")


def _consensus(values: Sequence, *, minimum: int = 2):
    """The value a strict majority (and at least `minimum`) of `values` share, else None."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    value, count = counts.most_common(1)[0]
    return value if count >= minimum and count * 2 > len(values) else None


def _front_line(page: Page, field: str) -> int:
    if field in page.front.lines:
        return page.front.lines[field]
    return page.front.span.line_start if page.front.span is not None else 1


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


def _api_title(page: Page) -> str | None:
    """The API name the `#` title gives, when the page documents an identifier."""
    if page.kind is PageKind.CONCEPTUAL or page.title is None or not page.name:
        return None
    name = _SPACED_SCOPE.sub("::", page.name).strip()
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
    expected = _reference_value(item, locale, ctx, _api_title)
    if not actual or not expected or actual.casefold() == expected.casefold():
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


@functools.lru_cache(maxsize=1 << 12)
def us_date(text: str | None) -> dt.date | None:
    """A front matter date written `MM/DD/YYYY` (`ms.date`, `ms.lasthandoff`), or None."""
    if not isinstance(text, str):
        return None
    m = re.fullmatch(r"\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*", text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


@check("RL711", Category.STALENESS, Severity.WARNING)
def stale_translation(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The page was translated from an older source version than the item's other translations.

    Bad:  `ms.openlocfilehash: 7d6c...`, `ms.lasthandoff: 06/11/2018` where the other locales
          have `317c...` and `04/23/2019`
    Good: the same source hash as the other translations
    """
    page = item.pages[locale]
    mine = page.front.openlocfilehash
    majority, peers, newest = per_item(item, "source-hash", _source_hash, item)
    if locale == ENGLISH or not mine or majority is None or mine == majority:
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


# --- localized dates --------------------------------------------------------------------------

_DATE_TOKEN = re.compile(r"[\w\ufffd]+(?:-[\w\ufffd]+)*|[^\s\w\ufffd]")
_FILLER_MAX = 4
"""Longest word accepted between the date's parts (`de`, `del`, `г`, `года`, `of`)."""


@dataclass(frozen=True, slots=True)
class _Calendar:
    """One language's month and weekday names (casefolded), from Babel's CLDR data."""

    months: dict[str, int]
    """Wide month names in both contexts (the format context holds the genitive, `марта`)."""
    days: dict[str, int]
    """Wide weekday names, Monday = 0."""
    day_names: dict[int, str]
    """The weekday names to write."""


@functools.lru_cache(maxsize=None)
def _calendar(lang: str) -> _Calendar | None:
    try:
        loc = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return _Calendar(
        months={name.casefold(): num for context in ("format", "stand-alone")
                for num, name in loc.months[context]["wide"].items()},
        days={name.casefold(): num for context in ("format", "stand-alone")
              for num, name in loc.days[context]["wide"].items()},
        day_names=dict(loc.days["format"]["wide"].items()))


def _lookup(word: str, names: dict[str, int]) -> frozenset[int]:
    """The numbers of the names `word` may spell, U+FFFD standing for any one letter."""
    w = word.casefold()
    if "\ufffd" not in w:
        return frozenset({names[w]}) if w in names else frozenset()
    pattern = re.compile("".join("." if c == "\ufffd" else re.escape(c) for c in w))
    return frozenset(num for name, num in names.items() if pattern.fullmatch(name))


@dataclass(frozen=True, slots=True)
class _ParsedDate:
    """A date read from a description; the month may be one of several when its name is damaged."""

    day: int
    months: frozenset[int]
    year: int
    weekday: int | None
    weekday_word: str | None
    lang: str

    def resolve(self, hint: dt.date | None) -> dt.date | None:
        """The date; a damaged, ambiguous month name is read as `hint`'s month when it can be."""
        if len(self.months) == 1:
            (month,) = self.months
        elif hint is not None and hint.month in self.months:
            month = hint.month
        else:
            return None
        try:
            return dt.date(self.year, month, self.day)
        except ValueError:
            return None


@functools.lru_cache(maxsize=1 << 12)
def _parse_localized(text: str, lang: str) -> _ParsedDate | None:
    """`Montag, 9. März 2015` -> 9/{3}/2015 (Monday); every token accounted for, else None."""
    calendar = _calendar(lang)
    if calendar is None:
        return None
    day = year = weekday = word = None
    months: frozenset[int] = frozenset()
    for token in _DATE_TOKEN.findall(text):
        if token.isascii() and token.isdigit():  # not `²015`: int() cannot read it
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                return None
        elif not months and (found := _lookup(token, calendar.months)):
            months = found
        elif weekday is None and len(found := _lookup(token, calendar.days)) == 1:
            (weekday,), word = found, token
        elif (token[0].isalpha() or token[0] == "\ufffd") and len(token) > _FILLER_MAX:
            return None
    if day is None or year is None or not months:
        return None
    return _ParsedDate(day=day, months=months, year=year, weekday=weekday, weekday_word=word,
                       lang=lang)


def _description_date(page: Page) -> _ParsedDate | None:
    """The date of a `Label: date` description, read in the page's language or in English."""
    description = page.front.description or ""
    if ":" not in description:
        return None
    label, rest = description.split(":", 1)
    if len(label.split()) > 5:
        return None
    for lang in dict.fromkeys((page.locale.split("-")[0].lower(), "en")):
        parsed = _parse_localized(rest, lang)
        if parsed is not None:
            return parsed
    return None


def _date_pair(page: Page) -> tuple[dt.date, dt.date] | None:
    """(the description's date, ms.date), when both can be read."""
    parsed, ms_date = _description_date(page), us_date(page.front.date)
    if parsed is None or ms_date is None:
        return None
    date = parsed.resolve(ms_date)
    return (date, ms_date) if date is not None else None


def _date_mismatch(item: ApiItem, locale: str, code: str, shared: bool) -> Iterator[Finding]:
    page = item.pages[locale]
    pairs = per_item(item, "dates", lambda: {loc: _date_pair(p) for loc, p in item.pages.items()})
    pair = pairs[locale]
    if pair is None or pair[0] == pair[1]:
        return
    others = [other for loc, other in pairs.items() if loc != locale]
    if (pair in others) != shared:
        return
    message = (f"the description's date ({pair[0].isoformat()}) differs from ms.date "
               f"({page.front.date})")
    expected = pair[1]
    if shared:
        message += "; the other locales have the same dates (inherited from the source)"
    elif (agreed := _consensus([o[0] for o in others if o], minimum=1)) is not None:
        message += f"; the other locales have {agreed.isoformat()}"
        expected = agreed
    yield finding(code, page, _front_line(page, "description"), message, item=item,
                  expected=expected.isoformat(), actual=pair[0].isoformat())


@check("RL721", Category.DATE, Severity.WARNING)
def description_date_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The last-modified date in the description disagrees with `ms.date`.

    Bad:  `ms.date: 11/16/2014` with `description: 'Última modificación: 23 de julio de 2011'`
    Good: `ms.date: 03/09/2015` with `description: 'Última modificación: 09 de marzo de 2015'`
    """
    return _date_mismatch(item, locale, "RL721", shared=False)


@check("RL722", Category.DATE, Severity.ERROR)
def wrong_weekday(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The description names the wrong weekday for its date.

    Bad:  `Letzte Änderung: Dienstag, 9. März 2015` (9 March 2015 was a Monday)
    Good: `Letzte Änderung: Montag, 9. März 2015`
    """
    page = item.pages[locale]
    parsed, ms_date = _description_date(page), us_date(page.front.date)
    date = parsed.resolve(ms_date) if parsed is not None else None
    if date is None or parsed.weekday is None or parsed.weekday == date.weekday():
        return
    line, word = _front_line(page, "description"), parsed.weekday_word
    expected = _calendar(parsed.lang).day_names[date.weekday()]
    if word[:1].isupper():
        expected = expected[:1].upper() + expected[1:]
    raw = page.line(line)
    fix = None
    if date == ms_date and "\ufffd" not in word and raw.count(word) == 1:
        fix = Fix(line=line, column=raw.index(word) + 1, old=word, new=expected)
    english = _calendar("en").day_names[date.weekday()]
    yield finding("RL722", page, line, f"{date.isoformat()} was a {english}, not '{word}'",
                  item=item, expected=expected, actual=word, fix=fix)


@check("RL723", Category.DATE, Severity.NOTE)
def inherited_date_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The description's date disagrees with `ms.date` the same way on the item's other pages.

    Bad:  `ms.date: 11/16/2014` with `Last modified: July 23, 2011` on every locale's page
    Good: `ms.date: 03/09/2015` with `Last modified: March 9, 2015`
    """
    return _date_mismatch(item, locale, "RL723", shared=True)
