"""Code tokens damaged in running text: split by an inserted space (`IMAPISession:: Logoff`,
`MAPIObjects. cpp`) or written in another letter case (`IMAPISession:: LOGOFF`).

Each check scans a page's prose (:func:`reflingo.checks.names.prose`) for a cheap hint first and
looks closely only at the lines the hint selects.
"""

from __future__ import annotations

import re
from typing import Container, Iterator, Sequence, TypeVar

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.names import (ASCII_WORD_CHARS, CODE_TOKEN, FILE_EXT, FILE_NAME,
                                   SPLIT_MEMBER, WORD, emphasis_runs, has_whole, Known,
                                   known_identifiers, part_spellings, prose, prose_lines,
                                   strong)
from reflingo.checks.text import lines_of, one_byte, per_page
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.model import ApiItem, Page
from reflingo.parse.inline import close_scopes

S = TypeVar("S", str, bytes)

# A scope (`A::`) or a file extension (`A.`) followed (or preceded) by inserted whitespace.
_BROKEN = re.compile(
    rf"(?<![\w:.\-/\\#&])(?P<left>{WORD})"
    rf"(?P<sep>[ \t]+::[ \t]*|::[ \t]+|\.[ \t]+(?=(?i:{FILE_EXT})(?![\w\-])))"
    rf"(?P<right>~?{WORD})(?![\w\-])")
# A file extension standing alone after its dot: `(. pst)` for `(.pst)`. The dot comes first, so
# that a scan of a page skips ahead to each dot; the look behind it asks for a `(`, a blank or
# the start of the text before the dot.
_SPLIT_EXTENSION = re.compile(r"\.(?<![^(\s]\.)[ \t]+(?P<ext>[A-Za-z]{2,4})(?![\w\-])")
# Where _BROKEN, SPLIT_MEMBER or _SPLIT_EXTENSION may match: after `::`, or after a dot (a file
# name's or an extension's). A literal start lets the scan of a whole page skip ahead fast.
_HINTS = (re.compile(r"::(?:[ \t]|[A-Z] [A-Za-z])|::(?<=[ \t]::)"),
          re.compile(rf"\.(?:[ \t]+(?i:{FILE_EXT})(?![\w\-])"
                     r"|(?<![^(\s]\.)[ \t]+[A-Za-z]{2,4}(?![\w\-]))"))
# -- RL203 / RL204 code tokens in text -----------------------------------------------------------
def _broken_ok(left: str, sep: str, right: str, known: Known) -> bool:
    joined = f"{left}{sep.strip()}{right}"
    if joined in known:
        return True
    if "::" in sep:
        return strong(left) or left[:1].isupper() or left in known
    if not FILE_NAME.fullmatch(joined):
        return False
    # An unknown file name: a bold one, an upper-case stem of four letters or more
    # (`MAPIUTIL. H`), or a mixed-case one before a code extension (`MAPIObjects. cpp`); never a
    # sentence end before a word (`the C API. DLL and XLL`, `bzw. DLL`).
    mixed = any(c.isupper() for c in left) and any(c.islower() for c in left)
    return strong(left) or (left.isupper() and len(left) >= 4) or \
        (mixed and len(left) >= 3 and right.lower() in ("cpp", "hpp", "dll", "idl"))


@check("RL203", Category.IDENTIFIER, Severity.ERROR)
def spaced_code_token(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A code token is broken by an inserted space.

    Bad:  `IMAPISession:: Logoff`, `MAPIObjects. cpp`, `IMAPIProp::D eleteProps`
    Good: `IMAPISession::Logoff`, `MAPIObjects.cpp`, `IMAPIProp::DeleteProps`
    """
    page = item.pages[locale]
    text = prose(page)
    numbers = lines_of(page, text, _HINTS[0])
    more = lines_of(page, text, _HINTS[1])
    if more:
        numbers = sorted({*numbers, *more}) if numbers else more
    lines = prose_lines(page) if numbers else ()
    known: Known | None = None
    for number in numbers:
        line = lines[number - 1]
        known = known or known_identifiers(item, locale, ctx)
        for m in _BROKEN.finditer(line):
            left, sep, right = m.group("left", "sep", "right")
            joined = f"{left}{sep.strip()}{right}"
            if not (_broken_ok(left, sep, right, known) or "::" not in sep and
                    FILE_NAME.fullmatch(joined) and _reference_writes(item, locale, ctx, joined)):
                continue
            # Rejoined only into an identifier of the item or its reference (case aside: a
            # case change is RL204's); otherwise reported for a human.
            fix = Fix(line=number, column=m.start("sep") + 1, old=sep, new=sep.strip()) \
                if joined in known or _reference_writes(item, locale, ctx, joined) else None
            if "::" in joined:
                joined = known.spelling(joined) or joined
            yield finding("RL203", page, number,
                          f"code token {m.group()!r} is broken by a space", item=item,
                          column=m.start() + 1, expected=joined, actual=m.group(), fix=fix)
        for m in _SPLIT_EXTENSION.finditer(line):
            ext = m.group("ext")
            if not _reference_has_extension(item, locale, ctx, ext):
                continue
            yield finding("RL203", page, number,
                          f"file extension {m.group()!r} is broken by a space", item=item,
                          column=m.start() + 1, expected=f".{ext}", actual=m.group(),
                          fix=Fix(line=number, column=m.start() + 1, old=m.group(), new=f".{ext}"))
        for m in SPLIT_MEMBER.finditer(line):
            left, right = m.group("left", "right")
            known = known or known_identifiers(item, locale, ctx)
            if not (strong(left) or left[:1].isupper() or left in known):
                continue
            expected, certain = _split_member(left, right, known)
            if expected is None:
                continue
            if not certain and expected == f"{left}::{right.replace(' ', '')}":
                certain = _reference_writes(item, locale, ctx, expected)
            fix = _member_fix(number, m, expected) if certain else None
            lost_letters = not certain and expected.replace("::", "") != f"{left}{right}".replace(" ", "")
            how = "by a space, and letters are lost" if lost_letters else "by a space"
            yield finding("RL203", page, number, f"code token {m.group()!r} is broken {how}",
                          item=item, column=m.start() + 1, expected=expected, actual=m.group(),
                          fix=fix)


def _member_fix(number: int, m: re.Match[str], expected: str) -> Fix:
    """The fix of a member split by a space: the space removed when that gives the reference's
    member, else the written member replaced by it (`IMAPIProgress::P Rogress` ->
    `IMAPIProgress::Progress`, never `PRogress`)."""
    member = expected.rpartition("::")[2]
    if m.group("right").replace(" ", "") == member:
        return Fix(line=number, column=m.start("sep") + 1, old=" ", new="")
    return Fix(line=number, column=m.start("right") + 1, old=m.group("right"), new=member)


def _reference_writes(item: ApiItem, locale: str, ctx: CheckContext, token: str) -> bool:
    """Whether the reference page writes `token` (case aside) as a whole word."""
    ref = ctx.reference(item, locale)
    if ref is None:
        return False
    return has_whole(_lower_text(ref), token.casefold())


def _reference_has_extension(item: ApiItem, locale: str, ctx: CheckContext, ext: str) -> bool:
    """Whether the reference page writes the extension `.ext` on its own (`(.pst)`), not as
    the end of a name (`microsoft.com`)."""
    ref = ctx.reference(item, locale)
    if ref is None:
        return False
    return re.search(rf"(?:^|[(\s])\.{re.escape(ext.casefold())}(?![\w\-])", _lower_text(ref),
                     re.M) is not None


@per_page
def _lower_text(page: Page) -> str:
    return "\n".join(page.lines).casefold()


def _split_member(left: str, right: str, known: Known) -> tuple[str | None, bool]:
    """(the member `left::right` stands for, whether removing the space restores it)."""
    joined = f"{left}::{right.replace(' ', '')}"
    spelled = known.resolve(joined)
    if spelled is not None:
        return spelled, True
    # A member of the scope the written letters are a part of: letters were lost (`P ess`).
    lost = [n for n in known.members(left) if _subsequence(joined.casefold(), n.casefold())]
    if len(lost) == 1:
        return lost[0], False
    # Not an identifier the reference knows: reported, never "restored".
    return (joined, False) if right[2].islower() else (None, False)


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return len(short) < len(long) and all(c in letters for c in short)


@check("RL204", Category.IDENTIFIER, Severity.ERROR)
def identifier_case_changed(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A code token's letter case differs from the identifier it names.

    Bad:  `IMAPISession:: LOGOFF`, `the ulflags parameter`
    Good: `IMAPISession::Logoff`, `the ulFlags parameter`
    """
    page = item.pages[locale]
    known = known_identifiers(item, locale, ctx)
    suspects = _case_suspects(page, known)
    if not suspects:
        return
    lines = prose_lines(page)
    for number in suspects:
        text = lines[number - 1]
        emphasised: list[tuple[str, int]] | None = None
        for m in CODE_TOKEN.finditer(text):
            written = close_scopes(m.group())
            canonical = known.spelling(written)
            if canonical is None:
                continue
            if "::" not in written and written.isupper() != canonical.isupper():
                continue  # a typedef and its function (`ABPROVIDERINIT`, `ABProviderInit`)
            if "::" not in written and not strong(canonical):
                if emphasised is None:
                    emphasised = emphasis_runs(text)
                if (m.group(), m.start()) not in emphasised:
                    continue
            fix = _case_fix(number, m.start(), m.group(), canonical)
            yield finding("RL204", page, number,
                          f"{m.group()!r} is written in another letter case than {canonical!r}",
                          item=item, column=m.start() + 1, expected=canonical,
                          actual=m.group(), fix=fix)


_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


@per_page
def _prose_lower(page: Page) -> str | None:
    """:func:`prose` in lower case, or None when that changes its length (`İ`), so that offsets
    in it would no longer be offsets in the page."""
    text = prose(page)
    low = text.lower()
    return low if len(low) == len(text) else None


@per_page
def _prose_bytes(page: Page) -> tuple[bytes, bytes] | None:
    """:func:`prose` encoded one byte a character (:func:`~reflingo.checks.text.one_byte`), and
    that with its ASCII letters in lower case (a copy made faster than a lower-case text): an
    ASCII letter, digit, `_` or newline byte is the character it stands for, and only that.
    None where the text's lower case turns
    a character that is not ASCII into ASCII letters (`K` KELVIN SIGN, `İ`): only there do the
    ASCII letters of the two differ."""
    text = prose(page)
    if "\u212a" in text or "\u0130" in text:
        return None
    raw = one_byte(text)
    return raw, raw.lower()


_WORD_BYTES = frozenset(ASCII_WORD_CHARS.encode())


def _case_suspects(page: Page, known: Known) -> list[int]:
    """The lines that may hold a known identifier in another letter case, in order.

    A token in another case than its identifier has a word (a whole run of ASCII letters,
    digits and `_`) that is part of a known identifier, `logoff` of `IMAPISession::Logoff`,
    written in a way no known identifier writes it (or the part is written several ways).
    Each part is looked for in the lower-case text, and each whole-word occurrence compared
    with the part's spellings. ASCII parts are looked for in the text's bytes
    (:func:`_prose_bytes`), where they are found where the lower-case text has them, as the
    known identifiers hold them encoded (:attr:`~reflingo.checks.names.Known.encoded_parts`).
    """
    # (a spelling that is not ASCII is never written where the part is found)
    encoded = known.encoded_parts
    folded = _prose_bytes(page) if encoded is not None else None
    if folded is not None:
        return _suspect_lines(*folded, encoded, _WORD_BYTES, b"\n")
    text, low = prose(page), _prose_lower(page)
    if low is None:
        return _case_suspects_by_words(page, known)
    return _suspect_lines(text, low, list(part_spellings(known.parts)), ASCII_WORD_CHARS, "\n")


def _suspect_lines(raw: S, low: S, parts: Sequence[tuple[S, S | None]], word_chars: Container,
                   newline: S) -> list[int]:
    """Line numbers, in order, of the whole-word occurrences of each part in `low` (the lower
    case of `raw`) that `raw` does not write as the part's spelling (see
    :func:`reflingo.checks.names.part_spellings`).
    `word_chars` holds the items of `low` that are ASCII word characters."""
    found: list[int] = []
    find, last = low.find, len(low)
    for part, only in parts:
        pos = find(part)
        if pos < 0:
            continue
        size = len(part)
        end = last - size  # an occurrence there ends the text
        while pos >= 0:
            if (only is None or not raw.startswith(only, pos)) and (
                    not pos or low[pos - 1] not in word_chars) and (
                    pos == end or low[pos + size] not in word_chars):
                found.append(pos)
            pos = find(part, pos + 1)
    numbers: list[int] = []
    line, counted = 1, 0  # the line at offset `counted`
    for pos in sorted(found):
        line += low.count(newline, counted, pos)
        counted = pos
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def _case_suspects_by_words(page: Page, known: Known) -> list[int]:
    """:func:`_case_suspects` for a page whose lower case changes its length: by its words."""
    words = frozenset(_ASCII_WORD.findall(prose(page)))
    odd = set(map(str.casefold, words - known.part_forms)) & known.parts.keys()
    odd.update(k for k, forms in known.parts.items() if len(forms) > 1 and not forms.isdisjoint(words))
    folded = prose(page).casefold()  # may change lengths, never the line breaks
    numbers: set[int] = set()
    for word in odd:
        pos = folded.find(word)
        while pos >= 0:
            numbers.add(folded.count("\n", 0, pos) + 1)
            pos = folded.find(word, pos + len(word))
    return sorted(numbers)


def _case_fix(number: int, offset: int, written: str, canonical: str) -> Fix | None:
    """Replace only the parts whose case differs, keeping any spacing (RL203 fixes that)."""
    parts = list(re.finditer(r"~?\w+", written))
    wanted = re.findall(r"~?\w+", canonical)
    if len(parts) != len(wanted):
        return None
    diff = [(p, w) for p, w in zip(parts, wanted) if p.group() != w]
    if not diff:
        return None
    start, end = diff[0][0].start(), diff[-1][0].end()
    new, pos = [], start
    for p, w in diff:
        new.append(written[pos:p.start()])
        new.append(w)
        pos = p.end()
    return Fix(line=number, column=offset + start + 1, old=written[start:end], new="".join(new))
