"""Encoding damage: text lost to U+FFFD, and UTF-8 read in a legacy code page (mojibake).

Both checks read the page's raw lines (front matter included), since damaged bytes may sit
anywhere: in a heading, a table cell, the `description:` field. A repair is offered only when
it is certain: a U+FFFD word that the locale's own text spells one way only (see
:func:`repair_candidates`, used to fill :attr:`CheckContext.vocabulary`), or a mojibake run
whose bytes decode as UTF-8 into letters of the locale's script.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.text import lines_of, page_text
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.model import ApiItem

REPLACEMENT = "\ufffd"

# A word holding U+FFFD: letters, digits and replacement characters. It starts only where a run
# of them starts, so a long word with no U+FFFD is read once, not once from each of its letters.
DAMAGED_WORD = re.compile(rf"(?<![\w{REPLACEMENT}])(?=[\w{REPLACEMENT}]*?{REPLACEMENT})"
                          rf"[\w{REPLACEMENT}]++")
_FFFD_RUN = re.compile(f"{REPLACEMENT}+")
# The letters a U+FFFD may stand for: bytes that failed to decode were never ASCII.
_LOST_LETTER = "[^\\W\\d_A-Za-z]"


# -- U+FFFD ---------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def _damage_pattern(damaged: str) -> re.Pattern[str]:
    parts, pos = [], 0
    for m in _FFFD_RUN.finditer(damaged):
        parts.append(re.escape(damaged[pos:m.start()]))
        parts.append(f"{_LOST_LETTER}{{1,{m.end() - m.start()}}}")
        pos = m.end()
    parts.append(re.escape(damaged[pos:]))
    return re.compile("".join(parts))


def repair_candidates(damaged: str, words: Iterable[str]) -> set[str]:
    """The correct spellings among `words` that the damaged word may stand for.

    Each run of k U+FFFD stands for 1..k non-ASCII letters (one letter is one or two bytes,
    each byte may have become its own U+FFFD); everything else must match exactly, and the
    whole word must match. `repair_candidates("�nderung", ["Änderung", "Anderung"]) ==
    {"Änderung"}`.
    """
    if REPLACEMENT not in damaged:
        return set()
    pattern = _damage_pattern(damaged)
    fixed = len(damaged) - damaged.count(REPLACEMENT)
    longest = len(damaged)
    return {w for w in words
            if REPLACEMENT not in w and fixed < len(w) <= longest and pattern.fullmatch(w)}


@check("RL101", Category.ENCODING, Severity.ERROR)
def replacement_characters(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """Text lost in an encoding conversion: U+FFFD replacement characters.

    Bad:  `description: 'Letzte �nderung: Montag, 9. M�rz 2015'`
    Good: `description: 'Letzte Änderung: Montag, 9. März 2015'`
    """
    page = item.pages[locale]
    vocabulary = ctx.vocabulary.get(locale, {})
    if REPLACEMENT not in page_text(page):  # one scan in C; most pages have none
        return
    for number, line in enumerate(page.lines, start=1):
        if REPLACEMENT not in line:
            continue
        words = list(DAMAGED_WORD.finditer(line))
        repaired = [vocabulary.get(m.group()) for m in words]
        first = words[0]
        fix = expected = None
        if all(repaired):
            start, end = first.start(), words[-1].end()
            new = _replace_words(line, start, end, words, repaired)
            fix = Fix(line=number, column=start + 1, old=line[start:end], new=new)
            expected = new
        elif repaired[0]:
            expected = repaired[0]
        count = line.count(REPLACEMENT)
        yield finding("RL101", page, number,
                      f"{count} replacement character{'s' if count > 1 else ''} (U+FFFD): "
                      f"text lost in an encoding conversion, first in {first.group()!r}",
                      item=item, column=line.index(REPLACEMENT) + 1, actual=first.group(),
                      expected=expected, fix=fix)


def _replace_words(line: str, start: int, end: int, words: list[re.Match[str]],
                   repaired: list[str | None]) -> str:
    out, pos = [], start
    for m, new in zip(words, repaired):
        out.append(line[pos:m.start()])
        out.append(new or m.group())
        pos = m.end()
    out.append(line[pos:end])
    return "".join(out)


# -- mojibake -------------------------------------------------------------------------------
# UTF-8 bytes read as one of these code pages. cp1252 leaves five bytes undefined; tools that
# met them used latin-1 (C1 controls), so both tables are merged into one.
_CODE_PAGES = ("cp1252", "cp1251")
_TYPOGRAPHY = set("‘’‚“”„–—…•†‡‰‹›«»¡¿°©®™€£§¶·\u00a0\u00ad")


def _byte_chars(codec: str, low: int, high: int) -> str:
    chars = []
    for b in range(low, high + 1):
        try:
            chars.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            if codec == "cp1252":
                chars.append(bytes([b]).decode("latin-1"))
    return "".join(chars)


def _mojibake_pattern(codec: str) -> re.Pattern[str]:
    def chars(low: int, high: int) -> str:
        return "[" + re.escape(_byte_chars(codec, low, high)) + "]"

    cont = chars(0x80, 0xBF)
    if codec == "cp1251":  # only Cyrillic is worth looking for: lead bytes D0, D1 ("Р", "С")
        lead = chars(0xD0, 0xD1)
        # Alone, a pair is mojibake only when Russian text cannot hold it: "Рі" (г), not "С»".
        odd = "[" + re.escape("".join(c for c in _byte_chars(codec, 0x80, 0xBF)
                                      if c not in "ёЁ«»–—…“”„‘’•№\u00a0\u00ad")) + "]"
        return re.compile(f"(?:{lead}{cont}){{2,}}|{lead}{odd}")
    seq = f"{chars(0xC2, 0xDF)}{cont}|{chars(0xE0, 0xEF)}{cont}{{2}}|{chars(0xF0, 0xF4)}{cont}{{3}}"
    return re.compile(f"(?:{seq})+")


_PATTERNS = {codec: _mojibake_pattern(codec) for codec in _CODE_PAGES}


def _start_pattern() -> re.Pattern[str]:
    """Where a mojibake run may start, in any code page: a continuation byte's character right
    after a lead byte's (the lead bytes of :func:`_mojibake_pattern`).

    Every match of a pattern in :data:`_PATTERNS` begins with such a pair, and neither class
    holds a newline; so scanning a page's whole text with this pattern finds every line those
    patterns can match on. It starts with the rarer class, which `re` skips through in C."""
    leads = _byte_chars("cp1252", 0xC2, 0xF4) + _byte_chars("cp1251", 0xD0, 0xD1)
    return re.compile(f"[{re.escape(_CONTINUATIONS)}](?<=[{re.escape(leads)}].)")


#: The characters of continuation bytes (0x80-0xBF) in any code page.
_CONTINUATIONS = "".join(_byte_chars(codec, 0x80, 0xBF) for codec in _CODE_PAGES)
_RUN_START = _start_pattern()
#: The bytes whose Latin-1 characters are not in _CONTINUATIONS.
_NOT_CONTINUATION = bytes(b for b in range(256) if chr(b) not in _CONTINUATIONS)


def _no_continuation(text: str) -> bool:
    """Whether `text` is written in Latin-1 and holds no character of _CONTINUATIONS, so that
    _RUN_START cannot match in it: told by deleting the other bytes from its Latin-1 encoding,
    a pass in C several times faster than a scan with `re` (False when it is not Latin-1)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not data.translate(None, _NOT_CONTINUATION)


def _encode(text: str, codec: str) -> bytes:
    """`text` in `codec`; for cp1252, the C1 controls stand for its five undefined bytes."""
    if codec != "cp1252":
        return text.encode(codec)
    return b"".join(c.encode("latin-1") if 0x80 <= ord(c) <= 0x9F else c.encode("cp1252")
                    for c in text)


def undo_mojibake(text: str, codec: str) -> str | None:
    """`text` re-encoded in `codec` and decoded as UTF-8 (repeated while that works), or None."""
    result = None
    for _ in range(3):
        try:
            decoded = _encode(text, codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if decoded == text:
            break
        result = text = decoded
    return result


# The letters a language writes beyond ASCII; other languages: the Latin-1 letters.
_ALPHABETS = {
    "de": "äöüÄÖÜß", "es": "áéíóúüñÁÉÍÓÚÜÑ", "pt": "áàâãéêíóôõúüçÁÀÂÃÉÊÍÓÔÕÚÜÇ",
    "fr": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ", "it": "àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚ",
    "ru": "".join(map(chr, range(0x410, 0x450))) + "ёЁ",
}
_LATIN_1 = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha())


def _letters(locale: str) -> str:
    return _ALPHABETS.get(locale.split("-")[0].lower(), _LATIN_1)


def _plausible(decoded: str, locale: str) -> tuple[bool, bool]:
    """(reads as text: European letters and typography; uses only the locale's letters)."""
    own = True
    for c in decoded:
        if c.isascii() or c in _TYPOGRAPHY:
            continue
        if not c.isalpha() or not ("\u00c0" <= c < "\u0180" or "\u0370" <= c < "\u0460"):
            return False, False
        own = own and c in _letters(locale)
    return True, own


def _mojibake_runs(line: str, locale: str) -> Iterator[tuple[int, str, str, bool]]:
    """(offset, run, decoded, certain) for each mojibake run in the line."""
    taken: list[tuple[int, int]] = []
    for codec, pattern in _PATTERNS.items():
        for m in pattern.finditer(line):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            decoded = undo_mojibake(m.group(), codec)
            if decoded is None:
                continue
            plausible, own = _plausible(decoded, locale)
            if plausible and (own or sum(not c.isascii() for c in decoded) >= 2):
                taken.append((m.start(), m.end()))
                yield m.start(), m.group(), decoded, own


@check("RL102", Category.ENCODING, Severity.ERROR)
def mojibake(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """UTF-8 text decoded in a legacy code page (mojibake).

    Bad:  `Rückgabewert` written `RÃ¼ckgabewert`; `при` written `Ð¿Ñ€Ð¸`
    Good: `Rückgabewert`, `при`
    """
    page = item.pages[locale]
    text = page_text(page)
    if text.isascii() or _no_continuation(text):
        return
    for number in lines_of(page, text, _RUN_START):  # the few lines a run may be on
        line = page.lines[number - 1]
        for offset, run, decoded, certain in sorted(_mojibake_runs(line, locale)):
            fix = Fix(line=number, column=offset + 1, old=run, new=decoded) if certain else None
            yield finding("RL102", page, number,
                          f"mojibake: {run!r} is UTF-8 read in a legacy code page; "
                          f"it reads {decoded!r}", item=item, column=offset + 1,
                          actual=run, expected=decoded, fix=fix)

