"""Bold identifiers of the reference replaced by translated words (RL206).

Pages are compared unit by unit (a parameter's description, a return value, the blocks of a
section): where the reference bolds an identifier and the page bolds translated words instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from typing import AbstractSet, Iterator, Sequence

from reflingo.checks.align import units as aligned_units
from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.names import (SCOPED, ascii_word_char, bold_runs,
                                   has_whole, identifier_shaped, is_word_char, item_identifiers,
                                   Known, known_identifiers, squeeze, strong, transliteration_of,
                                   without_bold)
from reflingo.checks.text import line_starts, masked_body, masked_lines, per_item, per_page
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Page
from reflingo.parse.inline import close_scopes, strip_bilingual

# -- RL206 bold identifiers replaced by translations ---------------------------------------------
Run = tuple[str, int, int]
"""A bold run: (bold text, line, 0-based column)."""


def _runs_in(by_line: dict[int, list[Run]], span: tuple[int, int]) -> Sequence[Run]:
    """The runs of `by_line` (:func:`_page_bolds`, :func:`_english_bolds`) on a span's lines."""
    first, last = span
    if first == last or not by_line:
        return by_line.get(first, ())
    return [run for number in range(first, last + 1) for run in by_line.get(number, ())]


@per_page
def _page_bolds(page: Page) -> dict[int, list[Run]]:
    """Line -> (bold text, line, 0-based column) of the bold runs of the page's masked text."""
    text = masked_body(page)
    runs: dict[int, list[Run]] = {}
    if "**" not in text:
        return runs
    starts = line_starts(page)
    here: list[Run] = []
    last = 0
    for m in bold_runs(text):
        run, offset = m.group(1), m.start(1)
        number = bisect_right(starts, offset)  # as position() has it
        if number != last:  # runs come in order: a new line's are a new list
            here = runs[number] = []
            last = number
        here.append((run, number, offset - starts[number - 1]))
    return runs


@per_page
def _english_bolds(page: Page) -> dict[int, list[Run]]:
    """Line -> bold runs of a bilingual page's English source text (columns in that text)."""
    runs: dict[int, list[Run]] = {}
    if not page.bilingual:
        return runs
    for number, line in enumerate(page.lines, 1):
        if "**" in line:
            text = strip_bilingual(line)[1] or ""
            found = [(m.group(1), number, m.start(1)) for m in bold_runs(text)]
            if found:
                runs[number] = found
    return runs


def _token_text(text: str) -> str:
    """Text prepared for :func:`_token_in`: spaces around `::` removed, lower case."""
    return close_scopes(text).lower()


def _token_in(name: str, text: str) -> bool:
    """Whether `text` (see :func:`_token_text`) holds the identifier as a token (case and
    spaces around `::` ignored): not preceded by a word character, `:`, `.`, `-` or `/`, not
    followed by a word character, `-` or `::`."""
    return has_whole(text, name.lower(), lambda c: is_word_char(c) or c in ":.-/",
                     lambda after: is_word_char(after[0]) or after[0] == "-" or after == "::")


def _holds(run: str, name: str) -> bool:
    """Whether a bold run holds the identifier: as a word (`ADRLIST-Struktur`, `método X`),
    or, for longer names, with spaces inserted anywhere (`IMAPIProp::D eleteProps`)."""
    written, lower, unspaced = _run_forms(run)
    if written == name:
        return True
    low_name = name.lower()
    if low_name in lower and has_whole(lower, low_name, ascii_word_char):
        return True
    return len(name) >= 6 and name.casefold() in unspaced


@lru_cache(maxsize=1 << 14)
def _run_forms(run: str) -> tuple[str, str, str]:
    """A bold run as :func:`_holds` compares it with each identifier: squeezed, squeezed in
    lower case, and casefolded without blanks."""
    written = squeeze(run)
    return written, written.lower(), _SPACE.sub("", run).casefold()


_SPACE = re.compile(r"\s+")


_RUN_WORDS = re.compile(r"[\w:]+")
_LETTER = re.compile(r"[^\W\d_]")


def _translated(run: str, known: Known) -> bool:
    """A bold run made of words only: no identifier in it (a transliterated one is RL207's)."""
    return _wordy(run) and not transliteration_of(run, known) and \
        not any(w in known for w in _RUN_WORDS.findall(run))


@lru_cache(maxsize=1 << 14)
def _wordy(run: str) -> bool:
    """Whether a bold run may be :func:`_translated` for some known identifiers: it holds a
    letter, and no word of it is identifier-shaped or holds `:`."""
    return _LETTER.search(run) is not None and not any(
        identifier_shaped(w) or ":" in w for w in _RUN_WORDS.findall(run))


@per_page
def _wordy_lines(page: Page) -> tuple[int, ...]:
    """The lines, in order, that hold a bold run of the page's masked text that is
    :func:`_wordy`: a unit without one has no run :func:`_replaced` may report."""
    return tuple(number for number, runs in _page_bolds(page).items()
                 if any(_wordy(run[0]) for run in runs))


def _code_like(name: str, names: AbstractSet[str], linked: set[str]) -> bool:
    """An identifier for RL206: a model name, a scoped or CamelCase token, or an ALL-CAPS name
    that some page links to (a structure such as `NOTIFICATION`, not a word such as `AND`)."""
    if name in names or SCOPED.fullmatch(name) or (strong(name) and identifier_shaped(name)):
        return True
    return name.isupper() and name in linked


def _reference_bolds(key: str, index: int, sources: list[tuple[Page, bool, dict]],
                     names: AbstractSet[str], linked: set[str], by_english: bool
                     ) -> list[tuple[str, bool]] | None:
    """The bold runs the reference has in a unit, each marked True when it is an identifier."""
    lists = []
    for page, english, units in sources:
        spans = units.get(key)
        if spans is not None and index < len(spans):
            by_line = _english_bolds(page) if english else _page_bolds(page)
            lists.append([r[0] for r in _runs_in(by_line, spans[index])])
    if not lists:
        return None
    if by_english or len(lists) == 1:  # an identifier needs no other page's vote

        def is_id(run: str) -> bool:
            return _code_like(squeeze(run), names, linked)
    else:
        votes = Counter(squeeze(b) for runs in lists for b in set(runs))

        def is_id(run: str) -> bool:
            name = squeeze(run)
            return name in names or (_code_like(name, names, linked) and votes[name] >= 2)

    # the runs with the most identifiers (of two as good, the shorter)
    best = lists[0] if len(lists) == 1 else \
        max(lists, key=lambda runs: (sum(map(is_id, runs)), -len(runs)))
    return [(b, is_id(b)) for b in best]


class _ReferenceSide:
    """The pages a locale's bold runs are compared with, and their bold runs unit by unit
    (:func:`_reference_bolds`), each worked out when first asked for. `bolds_identifier` tells
    whether some unit may have one that is an identifier."""

    def __init__(self, item: ApiItem, locale: str, ref: Page | None) -> None:
        self.ref = ref  # held: its identity is in the key this is remembered under
        others = [ref] if ref is not None else [p for loc, p in item.pages.items()
                                                if loc != locale]
        self.sources = [(p, ref is None and p.bilingual, aligned_units(p, item)) for p in others]
        self.linked = {squeeze(link.text) for p in others for link in p.links}
        self.names = item_identifiers(item)
        self.memo: dict[tuple[str, int], list[tuple[str, bool]] | None] = {}
        # Against a reference page, a run is an identifier by its own shape (no page votes):
        # when none of the page's runs is one, none of a unit's is.
        self.bolds_identifier = ref is None or any(
            _code_like(squeeze(run[0]), self.names, self.linked)
            for runs in _page_bolds(ref).values() for run in runs)

    def bolds(self, key: str, index: int) -> list[tuple[str, bool]] | None:
        if (key, index) not in self.memo:
            self.memo[key, index] = _reference_bolds(
                key, index, self.sources, self.names, self.linked, self.ref is not None)
        return self.memo[key, index]


@check("RL206", Category.IDENTIFIER, Severity.WARNING)
def bold_identifier_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A bold identifier of the reference is replaced by a translated phrase.

    Bad:  `> **Cierre de sesión** puede mostrar un cuadro de diálogo...` (es)
    Good: `> **Logoff** puede mostrar un cuadro de diálogo...` (en-US: `**Logoff** can display...`)
    """
    if locale == ENGLISH:
        return
    page = item.pages[locale]
    ref = ctx.reference(item, locale)
    # What the reference bolds depends on the item alone when there is a reference page: it is
    # worked out once for all the locales.
    side = per_item(item, ("RL206 reference", id(ref) if ref is not None else locale),
                    _ReferenceSide, item, locale, ref)
    if not side.bolds_identifier:
        return  # no identifier of the reference is bold: none was replaced
    wordy = _wordy_lines(page)
    if not wordy:
        return  # a translated identifier would be a bold run of words
    by_line = _page_bolds(page)
    known = known_identifiers(item, locale, ctx)
    reported = set()
    for key, spans in aligned_units(page, item).items():
        for index, span in enumerate(spans):
            at = bisect_left(wordy, span[0])
            if at == len(wordy) or wordy[at] > span[1]:
                continue  # no run of the unit reads as words
            runs = _runs_in(by_line, span)
            expected = side.bolds(key, index)
            if expected is None or not any(is_id for _, is_id in expected):
                continue
            for name, run, number, col in _replaced(expected, runs, page, span, known):
                if (number, col) in reported:
                    continue
                reported.add((number, col))
                yield finding("RL206", page, number,
                              f"bold {run!r} stands where the reference has the identifier "
                              f"{name!r}", item=item, column=col + 1, expected=name, actual=run)


def _replaced(ref: list[tuple[str, bool]], runs: list[tuple[str, int, int]], page: Page,
              span: tuple[int, int], known: Known) -> Iterator[tuple[str, str, int, int]]:
    """Pairs (reference identifier, page bold run) where the identifier was translated away."""
    free = list(runs)
    outside: str | None = None  # the span's text outside bold runs, prepared when first needed
    found = set()
    for i in sorted((i for i, (_, is_id) in enumerate(ref) if is_id), key=lambda i: -len(ref[i][0])):
        name = squeeze(ref[i][0])
        hit = next((r for r in free if _holds(r[0], name)), None)
        if hit is not None:
            free.remove(hit)
            found.add(i)
            continue
        if outside is None:
            lines = masked_lines(page)
            outside = _token_text("\n".join(without_bold(lines[n - 1])
                                            for n in range(span[0], min(span[1], len(lines)) + 1)))
        if _token_in(name, outside):
            found.add(i)
    missing = [(squeeze(text), is_id) for i, (text, is_id) in enumerate(ref) if i not in found]
    if not any(is_id for _, is_id in missing):
        return  # every identifier is there: nothing was translated away
    translated = [r for r in free if _translated(r[0], known)]
    if len(translated) != len(missing):
        return  # cannot tell which run translates which
    for (name, is_id), (run, number, col) in zip(missing, translated):
        if is_id:
            yield name, run, number, col
