"""Date checks: the date a page's text gives against its front matter (RL721-RL723).

Dates are read in the page's language with Babel's CLDR month and weekday names; front matter
dates are `MM/DD/YYYY`.
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
from reflingo.checks.text import per_item, per_page
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.model import ApiItem, Page


def consensus(values: Sequence, *, minimum: int = 2):
    """The value a strict majority (and at least `minimum`) of `values` share, else None."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    value, count = counts.most_common(1)[0]
    return value if count >= minimum and count * 2 > len(values) else None


def front_line(page: Page, field: str) -> int:
    """The line of a front matter field (else of the front matter, else 1)."""
    if field in page.front.lines:
        return page.front.lines[field]
    return page.front.span.line_start if page.front.span is not None else 1



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


@per_page
def _description_date(page: Page) -> _ParsedDate | None:
    """The date of a `Label: date` description, read in the page's language or in English
    (RL721 and RL723 read every page's, RL722 the locale's)."""
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


def _date_pairs(item: ApiItem) -> dict[str, tuple[dt.date, dt.date] | None]:
    return {loc: _date_pair(p) for loc, p in item.pages.items()}


def _date_mismatch(item: ApiItem, locale: str, code: str, shared: bool) -> Iterator[Finding]:
    page = item.pages[locale]
    pairs = per_item(item, "dates", _date_pairs, item)
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
    elif (agreed := consensus([o[0] for o in others if o], minimum=1)) is not None:
        message += f"; the other locales have {agreed.isoformat()}"
        expected = agreed
    yield finding(code, page, front_line(page, "description"), message, item=item,
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
    parsed = _description_date(page)
    if parsed is None or parsed.weekday is None:
        return
    ms_date = us_date(page.front.date)
    date = parsed.resolve(ms_date)
    if date is None or parsed.weekday == date.weekday():
        return
    line, word = front_line(page, "description"), parsed.weekday_word
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
