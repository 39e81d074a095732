"""The reference's vocabulary wherever it stands: identifiers a translation damaged outside the
places the name checks look (running text, table cells, headings, link texts).

The vocabulary is what the reference (or the model) writes: code tokens and constants, header
file names, specification names (`[MS-OXPROPS]`), parameter names in italics, quoted literals.
A token of the page that is a transliteration, a split or a translation of one of them is a
finding wherever it stands, with the reference's token as the fix when it is certain.

- RL208: a constant, a header file or a specification name written in another script or split
- RL209: a parameter name in italics translated as an ordinary word (`_Primero_` for `_First_`)
- RL210: a quoted literal of the reference (a protocol value) translated
- RL414: a flag or return-value name written with stray punctuation (`MAPI_UNICODE.`)
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from reflingo.checks.align import units
from reflingo.checks.context import CheckContext
from reflingo.checks.names import (FILE_EXT, FILE_NAME, emphasis_runs, known_identifiers, prose,
                                   transliteration_of)
from reflingo.checks.registry import check, finding
from reflingo.checks.text import matches_on, page_text, per_item, position
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.lang import translit
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Page

# A word with underscores in it (`ПР_НДР_РЕАСОН_КОДЕ`, `иид_имапитабле`): a constant's shape.
_UNDERSCORED = re.compile(r"(?<![\w\\])[^\W\d_]\w*?(?:_[^\W_]\w*?)+(?![\w])")
# A file name whose extension may stand apart (`Мапитагс. h`, `Мапикс.h`).
_FILE = re.compile(rf"(?<![\w.\-])(?P<stem>[^\W\d_][\w\-]*)\.(?P<gap>[ \t]?)(?P<ext>{FILE_EXT})(?![\w\-])",
                   re.I)
# Where a transliterated constant or file name may stand (a scan in C first, the rule after):
# an underscore next to a Cyrillic letter, a Cyrillic letter before a dot and an extension. Each
# starts with its literal (the letter before it is looked behind for), so that the scan of a
# page skips ahead to each `_` or `.` instead of trying a character class at every offset.
_CYRILLIC_UNDERSCORE = re.compile(r"_(?:(?<=[\u0400-\u04ff]_)|[\u0400-\u04ff])")
_CYRILLIC_FILE = re.compile(rf"\.(?<=[\u0400-\u04ff]\.)[ \t]?(?i:{FILE_EXT})(?![\w\-])")
# Where a specification name may be damaged: another dash, blanks, another script.
_SPEC_HINT = re.compile(r"MS(?:[ \t]*[\u2014\u2013]|[ \t]+-|-[ \t]|-[\u0400-\u04ff])")
# A specification name: `MS-OXPROPS`, damaged as `MS — ОКСПРОПС`, `MS - OXPROPS`. (Here and
# below, the look behind follows the literal it guards, so that a scan skips ahead to the
# literal instead of looking behind at every offset.)
_SPEC = re.compile(r"MS(?<![\w\-]MS)(?P<sep>[ \t]*[-\u2014\u2013][ \t]*)(?P<name>[^\W_][\w\-]*)")
_REF_SPEC = re.compile(r"MS-(?<![\w\-]MS-)([A-Z0-9]+(?:-[A-Z0-9]+)*)")


@check("RL208", Category.IDENTIFIER, Severity.ERROR)
def vocabulary_transliterated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A constant, a header file or a specification name in running text is transliterated or split.

    Bad:  `свойство ПР_НДР_РЕАСОН_КОДЕ`, `в Мапитагс. h`, `[MS — ОКСПРОПС]` (ru)
    Good: `свойство PR_NDR_REASON_CODE`, `в Mapitags.h`, `[MS-OXPROPS]`

    An identifier alone in emphasis is RL207's; a word with no identifier of the reference
    behind it is no finding.
    """
    if locale == ENGLISH:
        return
    page = item.pages[locale]
    text = prose(page)
    underscored = _CYRILLIC_UNDERSCORE.search(text) is not None
    filed = _CYRILLIC_FILE.search(text) is not None
    if not underscored and not filed and _SPEC_HINT.search(text) is None:
        return
    ref = ctx.reference(item, locale)
    vocabulary = _reference_vocabulary(item, ref) if ref is not None else ((), (), ())
    found: list[tuple[int, str, str]] = []
    if underscored:
        alone = {offset for run, offset in emphasis_runs(text, translit.has_cyrillic)}
        known = known_identifiers(item, locale, ctx)
        constants = tuple(sorted(set(known.names) | set(vocabulary[2])))
        for m in matches_on(page, text, _UNDERSCORED, _UNDERSCORE):
            token = m.group()
            if m.start() in alone or not translit.has_cyrillic(token):
                continue
            name = transliteration_of(token, known) or \
                translit.match_identifier(token, constants, threshold=0.8)
            if name is not None and name != token:
                found.append((m.start(), token, name))
    if filed and vocabulary[0]:
        files = vocabulary[0]
        for m in _FILE.finditer(text):
            if not translit.has_cyrillic(m.group("stem")):
                continue
            name = translit.match_identifier(f"{m.group('stem')}.{m.group('ext')}", files,
                                             threshold=0.75)
            if name is not None:
                found.append((m.start(), m.group(), name))
    specs = vocabulary[1]
    for m in _SPEC.finditer(text) if specs else ():
        if m.group("sep") == "-" and not translit.has_cyrillic(m.group("name")):
            continue
        name = translit.match_identifier(m.group("name").upper(), specs, threshold=0.7)
        if name is not None:
            found.append((m.start(), m.group(), f"MS-{name}"))
    for offset, written, name in sorted(found):
        number, col = position(page, offset)
        yield finding("RL208", page, number, f"{written!r} is {name!r} transliterated or split",
                      item=item, column=col + 1, expected=name, actual=written,
                      fix=Fix(line=number, column=col + 1, old=written, new=name))


Vocabulary = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_CONSTANT = re.compile(r"[A-Za-z](?<![\w\\].)[A-Za-z0-9]*+(?:_[A-Za-z0-9]++)++(?!\w)")


def _reference_vocabulary(item: ApiItem, ref: Page) -> Vocabulary:
    """(file names, specification names without `MS-`, names with underscores) the reference
    page writes anywhere, prose included."""
    return per_item(item, ("vocabulary", id(ref)), _read_vocabulary, ref)[1]


def _read_vocabulary(ref: Page) -> tuple[Page, Vocabulary]:
    text = page_text(ref)
    # File names and constants are read on the lines that may hold one (an extension after a
    # dot, an underscore): both patterns start with a class, and match within a line.
    files = tuple(sorted({m.group() for m in matches_on(ref, text, FILE_NAME, _EXTENSION)}))
    specs = tuple(sorted(set(_REF_SPEC.findall(text)))) if "MS-" in text else ()
    constants = tuple(sorted({m.group() for m in matches_on(ref, text, _CONSTANT, _UNDERSCORE)}))
    return ref, (files, specs, constants)        # `ref` is held: its id is in the key


_EXTENSION = re.compile(rf"\.(?i:{FILE_EXT})(?![\w\-])")
_UNDERSCORE = re.compile("_")


def aligned_spans(item: ApiItem, page: Page, ref: Page
                  ) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """(lines of a unit of the page, lines of the reference's same unit), for every unit
    (description, paragraph, ...) both pages have the same number of."""
    theirs = units(ref, item)
    for key, spans in units(page, item).items():
        other = theirs.get(key)
        if other is not None and len(other) == len(spans):
            yield from zip(spans, other)


# -- RL209 parameter names translated as words -------------------------------------------------

_ITALIC_WORD = re.compile(r"(?P<mark>[_*])(?<![\w*\\][_*])(?P<word>[^\W\d_][^\W_]{1,40})(?P=mark)(?![\w*])")


@check("RL209", Category.IDENTIFIER, Severity.ERROR)
def parameter_name_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A parameter name in italics is translated as an ordinary word.

    Bad:  `el valor de _Primero_ debe ser cero` (en-US: `the value of _First_ must be zero`)
    Good: `el valor de _First_ debe ser cero`

    Read unit by unit (a description, a paragraph): an italic name of the reference missing
    from the unit, where the unit has as many italic words that name nothing and each keeps a
    part of the name (`_Pentryparameter_` for `_pentry_`); the fix only where the part is
    four letters or more.
    """
    ref = ctx.reference(item, locale)
    if ref is None or locale == ENGLISH or not item.parameters:
        return
    names, by_line = _italic_names(item, ref)
    if not by_line:
        return
    page = item.pages[locale]
    known = known_identifiers(item, locale, ctx)
    candidates = sorted(names)
    for (start, end), (rs, re_) in aligned_spans(item, page, ref):
        wanted = [w for n in range(rs, re_ + 1) for w in by_line.get(n, ())]
        if not wanted:
            continue
        written = [(n, m) for n in range(start, end + 1)
                   for m in _ITALIC_WORD.finditer(page.line(n))]
        present = {m.group("word") for _, m in written}
        missing = [w for w in wanted if w not in present]
        if not missing:
            continue
        words = [(n, m) for n, m in written if m.group("word") not in names
                 and m.group("word") not in known and not translit.match_identifier(
                     m.group("word"), candidates, threshold=0.8)]
        if len(words) != len(missing):
            continue
        for name, (n, m) in zip(missing, words):
            shared = _shared(name, m.group("word"))
            if shared < 3:           # nothing of the name is left: another word, not a name
                continue
            certain = len(missing) == 1 and shared >= 4
            yield finding("RL209", page, n,
                          f"the parameter name {name!r} is translated as {m.group('word')!r}",
                          item=item, column=m.start("word") + 1, expected=name,
                          actual=m.group("word"),
                          fix=Fix(line=n, column=m.start("word") + 1, old=m.group("word"),
                                  new=name) if certain else None)


def _italic_names(item: ApiItem, ref: Page) -> tuple[frozenset[str], dict[int, list[str]]]:
    """(the parameter names of the item and its reference, line -> the names the reference
    writes in italics there, in order), read once per item."""
    return per_item(item, ("italic-names", id(ref)), _read_italic_names, item, ref)[1]


def _read_italic_names(item: ApiItem, ref: Page
                       ) -> tuple[Page, tuple[frozenset[str], dict[int, list[str]]]]:
    names = frozenset({p.name for p in item.parameters} | {p.name for p in ref.parameters})

    def named(m: re.Match[str]) -> str | None:
        return m.group("word") if m.group("word") in names else None

    text = page_text(ref)   # (the pattern starts with a class: skipped where it cannot match)
    by_line = _by_line(ref, _ITALIC_WORD, named) if "_" in text or "*" in text else {}
    return ref, (names, by_line)            # `ref` is held: its id is in the key


def _by_line(page: Page, pattern: re.Pattern[str], value: Callable[[re.Match[str]], str | None]
             ) -> dict[int, list[str]]:
    """Line -> the values (`value(match)`, when not None) of the pattern's matches on the page,
    in order. The page's text is scanned once: for a pattern whose matches never span a line,
    its matches are those of its lines."""
    by_line: dict[int, list[str]] = {}
    for m in pattern.finditer(page_text(page)):
        found = value(m)
        if found is not None:
            by_line.setdefault(position(page, m.start())[0], []).append(found)
    return by_line


def _shared(a: str, b: str) -> int:
    """The length of the longest run of letters two words share (case aside)."""
    a, b = a.casefold(), b.casefold()
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


# -- RL210 quoted literals -----------------------------------------------------------------------

# A protocol value in quotes: no spaces, ASCII, with a `/`, `:` or `#` in it
# (`"manual-action/MDN-sent-automatically"`, `"urn:schemas-microsoft-com:office:outlook#x"`).
_LITERAL = re.compile(r'"([!-~]*[/:#][!-~]*)"')
# What a translation may have put there: a quoted token with no spaces either.
_QUOTED = re.compile(r'"([^"\s]{3,120})"')


@check("RL210", Category.IDENTIFIER, Severity.ERROR)
def literal_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A quoted literal of the reference (a protocol value) is translated.

    Bad:  `"manual-acción/MDN-enviado-manualmente"` (en-US: `"manual-action/MDN-sent-manually"`)
    Good: `"manual-action/MDN-sent-manually"`

    Literal strings in quotes are identifiers too; read unit by unit, a literal the reference
    unit quotes that the translation's unit lacks, where it quotes something else instead.
    """
    ref = ctx.reference(item, locale)
    if ref is None or locale == ENGLISH:
        return
    by_line = _literal_lines(item, ref)
    page = item.pages[locale]
    if not by_line or '"' not in page_text(page):
        return
    for (start, end), (rs, re_) in aligned_spans(item, page, ref):
        wanted = [w for n in range(rs, re_ + 1) for w in by_line.get(n, ())]
        if not wanted:
            continue
        source = "\n".join(ref.line(n) for n in range(rs, re_ + 1))
        lines = [(n, page.line(n)) for n in range(start, end + 1)]
        body = "\n".join(text for _, text in lines)
        missing = [w for w in wanted if f'"{w}"' not in body]
        quoted = [(n, m) for n, text in lines for m in _QUOTED.finditer(text)
                  if m.group(1) not in wanted and m.group(1) not in source]
        if not missing or len(quoted) != len(missing):
            continue
        for literal, (n, m) in zip(missing, quoted):
            certain = len(missing) == 1
            yield finding("RL210", page, n,
                          f"the literal {literal!r} is translated as {m.group(1)!r}",
                          item=item, column=m.start(1) + 1, expected=literal,
                          actual=m.group(1),
                          fix=Fix(line=n, column=m.start(1) + 1, old=m.group(1), new=literal)
                          if certain else None)


def _literal_lines(item: ApiItem, ref: Page) -> dict[int, list[str]]:
    """Line -> the literals the reference quotes there (see :data:`_LITERAL`), in order, read
    once per item."""
    return per_item(item, ("literals", id(ref)), _read_literals, ref)[1]


def _read_literals(ref: Page) -> tuple[Page, dict[int, list[str]]]:
    def literal(m: re.Match[str]) -> str | None:
        w = m.group(1)
        return w if len(w) >= 3 and "://" not in w and w.strip("-/:#.,") else None

    return ref, _by_line(ref, _LITERAL, literal)    # `ref` is held: its id is in the key


# -- RL414 flag and value names with stray punctuation ---------------------------------------------

_STRAY = ".,;:"


@check("RL414", Category.FLAG, Severity.ERROR)
def name_punctuated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A flag or return-value name is written with stray punctuation after it.

    Bad:  `MAPI_UNICODE.` as the name line of a flag
    Good: `MAPI_UNICODE`
    """
    page = item.pages[locale]
    canonical = {f.name for p in item.parameters for f in p.flags} | \
        {v.name for v in item.return_values}
    named = [(f.name, f.span.line_start) for p in page.parameters for f in p.flags
             if not f.bulleted] + [(v.name, v.span.line_start) for v in page.return_values]
    for name, number in named:
        bare = name.rstrip(_STRAY).rstrip()
        if bare == name or bare not in canonical:
            continue
        line = page.line(number)
        col = line.find(name)
        if col < 0:
            continue
        yield finding("RL414", page, number, f"{name!r} carries stray punctuation",
                      item=item, column=col + 1, expected=bare, actual=name,
                      fix=Fix(line=number, column=col + 1, old=name, new=bare))
