"""A page's text as the checks read it, computed once per page and shared by every family.

The checks of one item ask the same questions of the same pages again and again: which lines
are body text, what the body says with markup blanked out, where a match found in the whole
text sits. The functions here answer them once per page (see :func:`per_page`) and work on the
page's text as one string, so that a check scans a page with one regular-expression pass in C
instead of a Python loop over its lines; :func:`position` maps a match back to line and column.

Every derived text keeps the page's line structure and columns: lines that do not take part
and blanked spans are spaces of the same length. An offset in a derived text is therefore the
offset of the same character in the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import add
from typing import Callable, Hashable, Iterable, Iterator, TypeVar

from reflingo.findings import Fix
from reflingo.model import ApiItem, Page

T = TypeVar("T")

LONG_LINE = 10_000
"""Lines longer than this (in characters) are not read by the per-line rules that cost far more
than a scan of the line; each such rule says so. A reference page's lines are under 2,000
characters (1,719 at most in the shared corpus): only a broken or hostile page has longer ones."""


def per_page(fn: Callable[[Page], T]) -> Callable[[Page], T]:
    """Remember `fn`'s result for the last few pages: the checks of one item run locale by
    locale and consult the same handful of pages. A page is known by its identity; it is held
    with its value, so that its identity is not reused while the value is kept."""
    recent: dict[int, tuple[Page, T]] = {}
    last: list = [None, None]  # the page asked about last, and its value

    def cached(page: Page) -> T:
        if page is last[0]:
            return last[1]
        hit = recent.get(id(page))
        if hit is not None and hit[0] is page:
            value = hit[1]
        else:
            value = fn(page)
            if len(recent) >= _KEPT_PAGES:
                del recent[next(iter(recent))]  # the one remembered first
            recent[id(page)] = (page, value)
        last[0], last[1] = page, value
        return value

    cached.__name__ = fn.__name__
    cached.__doc__ = fn.__doc__
    return cached


_KEPT_PAGES = 8
_KEPT_ITEMS = 4
_recent: dict[int, tuple[ApiItem, dict]] = {}
_last: list = [None, None]  # the item asked about last, and its memo
_MISSING = object()


def per_item(item: ApiItem, key: Hashable, compute: Callable[..., T], *args) -> T:
    """compute(*args), remembered under `key` while `item` is one of the last few items checked
    (the item is held, so that its identity is not reused). The key tells apart what the value
    depends on besides the item; a page the item does not hold must be held by the value."""
    if item is _last[0]:
        memo = _last[1]
    else:
        hit = _recent.get(id(item))
        if hit is not None and hit[0] is item:
            memo = hit[1]
        else:
            memo = {}
            if len(_recent) >= _KEPT_ITEMS:
                del _recent[next(iter(_recent))]
            _recent[id(item)] = (item, memo)
        _last[0], _last[1] = item, memo
    value = memo.get(key, _MISSING)
    if value is _MISSING:
        value = memo[key] = compute(*args)
    return value


@per_page
def page_text(page: Page) -> str:
    """The whole page, lines joined by newlines."""
    return "\n".join(page.lines)


@per_page
def line_starts(page: Page) -> tuple[int, ...]:
    """Offset of each line's first character in :func:`page_text` (line N at index N - 1)."""
    lengths = accumulate(map(len, page.lines), initial=0)  # line N starts after N - 1 newlines
    return tuple(map(add, lengths, range(len(page.lines))))


def position(page: Page, offset: int) -> tuple[int, int]:
    """(line number, 0-based column) of an offset in the page's text or a derived text."""
    starts = line_starts(page)
    number = bisect_right(starts, offset)
    return number, offset - starts[number - 1]


@per_page
def fence_lines(page: Page) -> frozenset[int]:
    """Lines inside the page's code blocks, fences included."""
    return frozenset(n for s in page.sections for b in s.blocks if b.kind == "fence"
                     for n in range(b.span.line_start, b.span.line_end + 1))


@per_page
def body_numbers(page: Page) -> tuple[int, ...]:
    """Numbers of the lines after the front matter and outside code blocks."""
    start = page.front.span.line_end + 1 if page.front.span else 1
    skip = fence_lines(page)
    return tuple(n for n in range(start, len(page.lines) + 1) if n not in skip)


def body_lines(page: Page) -> Iterator[tuple[int, str]]:
    """(number, line) for each body line (see :func:`body_numbers`)."""
    lines = page.lines
    for n in body_numbers(page):
        yield n, lines[n - 1]


@per_page
def body_text(page: Page) -> str:
    """The page's text with the front matter and code blocks blanked."""
    hidden = [(b.span.line_start, b.span.line_end) for s in page.sections for b in s.blocks
              if b.kind == "fence"]
    if page.front.span is not None:
        hidden.append((1, page.front.span.line_end))
    return blank_lines(page, page_text(page), hidden)


def blank_lines(page: Page, text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` (a derived text of the page) with the lines of each (first, last) span blanked:
    each character of theirs but the newlines a space. Spans may overlap or pass the page's
    end."""
    lines, starts = page.lines, line_starts(page)
    pieces, pos, after = [], 0, 1  # pos: the first offset not yet written; after: its line
    for first, last in sorted(spans):
        first, last = max(first, after), min(last, len(lines))
        if first > last:
            continue
        start = starts[first - 1]
        pieces.append(text[pos:start])
        pieces.append("\n".join(" " * len(line) for line in lines[first - 1:last]))
        pos, after = starts[last - 1] + len(lines[last - 1]), last + 1
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def one_byte(text: str) -> bytes:
    """`text` encoded one byte a character: in Latin-1 where it can be, else in ASCII with a
    `?` for each other character. Either way a byte below 128 other than `?` is the ASCII
    character it stands for, and only that."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("ascii", "replace")


def lines_of(page: Page, text: str, pattern: re.Pattern[str]) -> list[int]:
    """Numbers of the lines where `pattern` matches in `text` (a derived text of the page),
    in order, each once: the lines a line-by-line check needs to look at."""
    numbers: list[int] = []
    for m in pattern.finditer(text):
        number = position(page, m.start())[0]
        if not numbers or numbers[-1] != number:
            numbers.append(number)
    return numbers


def matches_on(page: Page, text: str, pattern: re.Pattern[str], hint: re.Pattern[str]
               ) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` (a derived text of the page) on the lines where
    `hint` matches, in order: all of its matches when each stays within its line and holds a
    match of `hint`. Each line is scanned as part of the whole text (`pos`, `endpos`), so a
    look behind sees what precedes the line, and one ahead sees the line's end."""
    starts = line_starts(page)
    for number in lines_of(page, text, hint):
        start = starts[number - 1]
        yield from pattern.finditer(text, start, start + len(page.lines[number - 1]))


# -- masking ---------------------------------------------------------------------------------
# Each pattern ends in an optional group that holds its closer: an attempt that finds no closer
# still matches, up to where its scan stopped, and is kept as written. Every later start inside
# that scan would stop at the same place and fail the same way, so skipping them changes
# nothing, and a line of openers (`](](](...`, `<<<...`) is read once instead of once per opener.
# (A source span stays on its line, as bilingual markup is read line by line.)
_SOURCE_SPAN = re.compile(
    r'<span class="sxs-lookup"><span data-stu-id="[^"\n]*+">.*?(?:(</span></span>)|$)', re.M)
_TAG = re.compile(r"<[^>\n]*+(>)?")
_LINK_TARGET = re.compile(r"\]\([^)\s]*+(?:(?:[^\S\n]+\"[^\"\n]*+\")?(\)))?")
# `\b(?:https?|ftp|mailto):\S+`, written to start with a letter so the scan skips ahead fast.
_URL = re.compile(r"[hfm](?<!\w.)(?:ttps?|tp|ailto):\S+")
# The same where no other scheme is written, which is every page but a few: it starts with a
# word, which the scan skips ahead to faster than to any `h`, `f` or `m`.
_HTTP_URL = re.compile(r"http(?<!\whttp)s?:\S+")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _blank_closed(m: re.Match[str]) -> str:
    return " " * len(m.group()) if m.group(1) else m.group()


def _blank_target(m: re.Match[str]) -> str:
    return "]" + " " * (len(m.group()) - 1) if m.group(1) else m.group()


def masked(text: str) -> str:
    """The text with English source spans, HTML tags, link targets and URLs blanked out;
    columns and lines are kept, so offsets in the result are offsets in the text."""
    if "sxs-lookup" in text:
        text = _SOURCE_SPAN.sub(_blank_closed, text)
    if "<" in text:
        text = _TAG.sub(_blank_closed, text)
    if "](" in text:
        text = _LINK_TARGET.sub(_blank_target, text)
    if "ftp:" in text or "mailto:" in text:
        text = _URL.sub(_blank, text)
    elif "http" in text:
        text = _HTTP_URL.sub(_blank, text)
    return text


@per_page
def masked_body(page: Page) -> str:
    """:func:`body_text` masked (see :func:`masked`)."""
    return masked(body_text(page))


@per_page
def masked_lines(page: Page) -> tuple[str, ...]:
    """:func:`masked_body` split into lines (index N - 1 for line N; non-body lines blank)."""
    return tuple(masked_body(page).split("\n"))


def replace_once(page: Page, line: int, old: str, new: str) -> Fix | None:
    """A fix replacing `old` on the line, when it occurs there exactly once (and the line
    carries no bilingual markup, whose spans a replacement could break)."""
    raw = page.line(line)
    if not old or raw.count(old) != 1 or "data-ttu-id" in raw:
        return None
    return Fix(line=line, column=raw.index(old) + 1, old=old, new=new)
