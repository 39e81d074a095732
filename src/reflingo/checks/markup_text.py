"""Page-level helpers of the markup checks (:mod:`reflingo.checks.markup`).

Emphasis (RL602): the bold runs of a page that read as translated words plus a code
identifier, found with one scan of the page, and the identifiers a reference page bolds,
remembered per page (:func:`reflingo.checks.text.per_page`) since every locale of an item asks
for the same reference.

Repeated phrases (RL621) have their own module, :mod:`reflingo.checks.repetitions`.
"""

from __future__ import annotations

import re

from itertools import islice

from reflingo.checks.context import CheckContext
from reflingo.checks.text import body_text, lines_of, page_text, per_page, position
from reflingo.model import ApiItem, Page
from reflingo.parse.inline import strip_bilingual


def target_text(line: str) -> str:
    """The line as a reader sees it: bilingual pairs reduced to their target text."""
    return strip_bilingual(line)[0]


# --- emphasis ---------------------------------------------------------------------------------

# Stays within a line. A run's text holds no `*`, so it ends at the first one: read at once
# (possessive) instead of a character at a time with a look for the closer after each.
_BOLD_RUN = re.compile(r"\*\*(?=\S)([^*\n]++)(?<=\S)\*\*")
_IDENT = r"[A-Za-z_~][A-Za-z0-9_]*(?:\s*::\s*~?[A-Za-z_][A-Za-z0-9_]*)*"
_IDENT_RE = re.compile(rf"^{_IDENT}$")
_WORDS = r"[^\W\d_]+(?:[ \t][^\W\d_]+){0,2}"
_WORDS_BEFORE = re.compile(rf"^(?P<words>{_WORDS})\s+(?P<ident>{_IDENT})(?P<punct>[.,;:]?)$")
_WORDS_AFTER = re.compile(rf"^(?P<ident>{_IDENT})\s+(?P<words>{_WORDS})(?P<punct>[.,;:]?)$")
_SCOPE_SPACES = re.compile(r"\s*::\s*")
_MIXED_CASE = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_BOLD_OR_BILINGUAL = re.compile(r"\*\*|data-ttu-id")

Reading = tuple[str, str, str]
"""A bold run read as words plus an identifier: the identifier as compared (see
:func:`_compact`), the identifier as written, and the run's fixed text."""
BoldIdentifiers = tuple[frozenset[str], frozenset[str]]
"""Identifiers (as compared) bolded alone, and identifiers bolded together with words."""
_NO_BOLD: BoldIdentifiers = (frozenset(), frozenset())


def _compact(ident: str) -> str:
    return _SCOPE_SPACES.sub("::", ident) if ":" in ident else ident


def _looks_like_code(ident: str) -> bool:
    return "::" in ident or "_" in ident or _MIXED_CASE.search(ident) is not None


def _words_and_code(inner: str) -> bool:
    """Whether a bold run's text may read as words plus a code identifier: it holds whitespace
    and what makes an identifier look like code (see :func:`_looks_like_code`)."""
    return len(inner.split(None, 1)) > 1 and (
        "::" in inner or "_" in inner or _MIXED_CASE.search(inner) is not None)


def readings(inner: str) -> list[Reading]:
    """The ways the text of a bold run reads as translated words plus a code identifier, in
    the order they are tried (`**método IFoo::Bar.**` -> `método **IFoo::Bar**.`)."""
    if not _words_and_code(inner):
        return []
    found = []
    for pattern, before in ((_WORDS_BEFORE, True), (_WORDS_AFTER, False)):
        m = pattern.match(inner)
        if not m:
            continue
        ident, words, punct = m.group("ident"), m.group("words"), m.group("punct")
        key = _compact(ident)
        if not _looks_like_code(key) or any(_looks_like_code(w) for w in words.split()):
            continue  # `**OpenProperty para**` reads as words + "para" first
        found.append((key, ident, f"{words} **{ident}**{punct}" if before
                      else f"**{ident}** {words}{punct}"))
    return found


def bold_readings(page: Page) -> list[tuple[int, str, list[Reading]]]:
    """(line, run, readings) for each bold run of the page's body, as a reader sees it, that
    reads as translated words plus a code identifier (see :func:`readings`)."""
    text = body_text(page)
    if "data-ttu-id" not in text:  # every line reads as written
        # A quick look first (a blank and something code-like; see _words_and_code): most
        # pages have no run that needs reading.
        found = {i: run_readings for i, inner in enumerate(_BOLD_RUN.findall(text))
                 if (" " in inner or not inner.isprintable())
                 and ("::" in inner or "_" in inner or _MIXED_CASE.search(inner))
                 and (run_readings := readings(inner))}
        if not found:
            return []
        runs = islice(_BOLD_RUN.finditer(text), max(found) + 1)  # the same runs, in order
        return [(position(page, m.start())[0], m.group(0), found[i])
                for i, m in enumerate(runs) if i in found]
    return [(n, m.group(0), run_readings) for n in lines_of(page, text, _BOLD_OR_BILINGUAL)
            for m in _BOLD_RUN.finditer(target_text(page.lines[n - 1]))
            if (run_readings := readings(m.group(1)))]


def reference_bold(item: ApiItem, locale: str, ctx: CheckContext) -> BoldIdentifiers:
    """The bold identifiers of the lines the locale's emphasis is compared with: en-US, else
    the other locales' text and the English source embedded in this page."""
    ref = ctx.reference(item, locale)
    if ref is not None:
        return _bold_as_written(ref)
    parts = [_bold_in_targets(p) for loc, p in item.pages.items() if loc != locale]
    parts.append(_bold_in_sources(item.pages[locale]))
    return (frozenset().union(*(alone for alone, _ in parts)),
            frozenset().union(*(mixed for _, mixed in parts)))


@per_page
def _bold_as_written(page: Page) -> BoldIdentifiers:
    """The bold identifiers of the page's lines as written."""
    return _bold_identifiers(page_text(page))


@per_page
def _bold_in_targets(page: Page) -> BoldIdentifiers:
    """The bold identifiers of the page's lines as a reader sees them."""
    text = page_text(page)
    if "data-ttu-id" in text:
        text = "\n".join(map(target_text, page.lines))
    return _bold_identifiers(text)


@per_page
def _bold_in_sources(page: Page) -> BoldIdentifiers:
    """The bold identifiers of the English source text that bilingual markup embeds."""
    if "data-ttu-id" not in page_text(page):
        return _NO_BOLD
    return _bold_identifiers("\n".join(
        source for line in page.lines if (source := strip_bilingual(line)[1])))


def _bold_identifiers(text: str) -> BoldIdentifiers:
    """Identifiers bolded alone, and identifiers bolded together with words, in the text (bold
    runs stay within a line, so lines can be joined)."""
    if "**" not in text:
        return _NO_BOLD
    alone, mixed = set(), set()
    for inner in _BOLD_RUN.findall(text):
        inner = inner.strip()
        if _IDENT_RE.match(inner):
            alone.add(_compact(inner))
            continue
        if len(inner.split(None, 1)) < 2:
            continue  # words and an identifier are separated by whitespace
        for pattern in (_WORDS_BEFORE, _WORDS_AFTER):
            m = pattern.match(inner)
            if m:
                mixed.add(_compact(m.group("ident")))
    return frozenset(alone), frozenset(mixed)
