"""Identifier damage: names that machine translation transliterated, translated, re-cased or
split with a space.

Identifiers are language-neutral: a parameter name, a method, a source file must read the same
in every locale. The reference is the en-US page when the item has one, else the canonical
model (signature, consensus) and the other locales (bilingual pages' English source first).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping, Sequence, TypeVar

from reflingo import translit
from reflingo.checks import CheckContext, check, finding
from reflingo.checks.text import lines_of, masked, masked_body, masked_lines, per_page, position
from reflingo.corpus import match_parameters
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.locales import ENGLISH
from reflingo.model import ApiItem, Page, PageKind
from reflingo.parse.docfx import strip_bilingual

T = TypeVar("T")

# -- identifier shape -----------------------------------------------------------------------
_WORD = r"[A-Za-z_]\w*+"  # possessive: a shorter word is never followed by a separator
_SCOPED = re.compile(rf"~?{_WORD}(?:::~?{_WORD})+")
_FILE_EXT = r"(?:cpp|hpp|h|c|dll|exe|lib|idl|def|rc|inl|tlb|ocx)"
_FILE = re.compile(rf"[A-Za-z_][\w\-]*\.{_FILE_EXT}", re.I)
_SIMPLE = re.compile(rf"{_WORD}(?:\(\))?")
_SPACED_SCOPE = re.compile(r"\s*::\s*")
_SPACED_SCOPE_H = re.compile(r"[ \t]*::[ \t]*")  # on one line
# Tokens as written in text: identifiers joined by `::`, spaces around `::` tolerated.
# (The lookbehind follows the first letter: a scan that starts with a letter class is faster.)
_TOKEN = re.compile(
    rf"[A-Za-z_](?<![\w:.\-/\\#&][A-Za-z_])\w*+(?:[ \t]*::[ \t]*~?{_WORD})*(?![\w\-]|::)")
# A scope (`A::`) or a file extension (`A.`) followed (or preceded) by inserted whitespace.
_BROKEN = re.compile(
    rf"(?<![\w:.\-/\\#&])(?P<left>{_WORD})"
    rf"(?P<sep>[ \t]+::[ \t]*|::[ \t]+|\.[ \t]+(?=(?i:{_FILE_EXT})(?![\w\-])))"
    rf"(?P<right>~?{_WORD})(?![\w\-])")
# Where either may match: a literal start lets the scan of a whole page skip ahead fast.
_BROKEN_HINTS = (re.compile(r"::(?:[ \t]|[A-Z] [A-Za-z])|::(?<=[ \t]::)"),
                 re.compile(rf"\.[ \t]+(?i:{_FILE_EXT})(?![\w\-])"))
# A member name split after its first letter: `IMAPIProp::D eleteProps`, `CMAPIProgress::P rogress`.
_SPLIT_MEMBER = re.compile(
    rf"(?<![\w:.\-/\\#&])(?P<left>{_WORD})::(?P<right>[A-Z](?P<sep> )[A-Za-z]\w{{2,}}+)(?![\w\-]|::)")


_STRONG = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]|_|\d")
_LATIN = re.compile("[A-Za-z]")


def strong(name: str) -> bool:
    """A name no natural word looks like: `ulFlags`, `IUnknown`, `MAPI_LOGOFF_UI`, `lpsz2`."""
    return _STRONG.search(name) is not None and _LATIN.search(name) is not None


def identifier_shaped(text: str) -> bool:
    """One code token: scoped (`A::B`), a source file, CamelCase, or ALL_CAPS of 3+ letters."""
    t = text.strip().strip("`*_ ")
    t = (_SPACED_SCOPE.sub("::", t) if ":" in t else t).removesuffix("()")
    if not t.isascii():
        return False
    if _SCOPED.fullmatch(t) or _FILE.fullmatch(t):
        return True
    return bool(_SIMPLE.fullmatch(t)) and (strong(t) or (t.isupper() and len(t) >= 3))


def squeeze(text: str) -> str:
    """`IMAPISession:: Logoff.` -> `IMAPISession::Logoff`; markup and end punctuation removed."""
    t = text.strip().strip("`*_ ").rstrip(".,;")
    return (_SPACED_SCOPE.sub("::", t) if ":" in t else t).removesuffix("()")


# -- raw text helpers -------------------------------------------------------------------------
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])"
                     r"|(?<![\w\\])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK_TEXT = re.compile(r"\[([^\]\n]+)\]\(")
_EMPHASIS = (_BOLD, _ITALIC, _CODE, _LINK_TEXT)


@per_page
def prose(page: Page) -> str:
    """The page's masked body text (see :func:`reflingo.checks.text.masked_body`) with the
    parameter heading lines blanked too: the text identifier checks scan."""
    heads = {p.name_span.line_start for p in page.parameters}
    if not heads:
        return masked_body(page)
    lines = list(masked_lines(page))
    for n in heads:
        if 0 < n <= len(lines):
            lines[n - 1] = " " * len(lines[n - 1])
    return "\n".join(lines)


@per_page
def prose_lines(page: Page) -> tuple[str, ...]:
    """:func:`prose` split into lines (index N - 1 for line N)."""
    return tuple(prose(page).split("\n"))


def emphasis_runs(text: str) -> list[tuple[str, int]]:
    """(text, offset) of the bold, italic, code and link-text runs of raw Markdown, in order."""
    runs = []
    for pattern in _EMPHASIS:
        for m in pattern.finditer(text):
            group = m.lastindex or 1
            runs.append((m.group(group), m.start(group)))
    return sorted(runs, key=lambda run: run[1])


def english_text(page: Page) -> str:
    """A bilingual page's English source text (empty for other pages)."""
    if not page.bilingual:
        return ""
    return "\n".join(strip_bilingual(line)[1] or "" for line in page.lines)


# -- known identifiers -------------------------------------------------------------------------
def item_identifiers(item: ApiItem) -> set[str]:
    """Names the canonical model states: the item and its parts, parameters, flags, values,
    and the types of its signature."""
    names = {item.name, *re.split(r"::|\.", item.name)}
    for api in item.api_name:
        names.update({api, *api.split(".")})
    if item.signature is not None:
        sig = item.signature
        names.update(p.name for p in sig.params)
        names.update(w for p in sig.params for w in re.findall(_WORD, p.type))
        names.update(re.findall(_WORD, sig.return_type or ""))
        if sig.name:
            names.add(sig.name)
    for p in item.parameters:
        names.add(p.name)
        names.update(f.name for f in p.flags)
    names.update(v.name for v in item.return_values)
    return {n for n in names if n and n.isascii()
            and (_SIMPLE.fullmatch(n.removesuffix("()")) or _SCOPED.fullmatch(n))}


@per_page
def _page_tokens(page: Page) -> frozenset[str]:
    return _tokens(page, english_only=False)


@per_page
def _english_tokens(page: Page) -> frozenset[str]:
    return _tokens(page, english_only=True)


def _tokens(page: Page, english_only: bool) -> frozenset[str]:
    """Identifiers a page writes in emphasis, MFCMAPI cells and file-valued properties."""
    text = english_text(page) if english_only else "\n".join(page.lines)
    found = {squeeze(r) for r, _ in emphasis_runs(text) if identifier_shaped(r)}
    found.update(squeeze(c) for r in page.mfcmapi for c in (r.file, r.function)
                 if not english_only and identifier_shaped(c))
    found.update(p.value.strip() for p in page.properties if _FILE.fullmatch(p.value.strip()))
    return frozenset(found)


def _written_tokens(text: str) -> frozenset[str]:
    """Code tokens as written (spaces around `::` removed, split members joined)."""
    tokens = set(_TOKEN.findall(_SPACED_SCOPE_H.sub("::", text) if "::" in text else text))
    tokens.update(f"{m['left']}::{m['right'].replace(' ', '')}" for m in _SPLIT_MEMBER.finditer(text)
                  if m["right"][2].islower())
    return frozenset(tokens)


@per_page
def _page_written(page: Page) -> frozenset[str]:
    return _written_tokens("\n".join(page.lines))


@dataclass(frozen=True, slots=True)
class Known:
    """The identifiers a locale's page is checked against."""

    spellings: Mapping[str, frozenset[str]]
    """Casefolded identifier -> its spellings."""
    written: frozenset[str]
    """Tokens the reference writes exactly so (in any letter case it uses)."""
    names: tuple[str, ...] = ()
    """Every spelling of three letters or more, sorted (candidates for transliterations)."""
    parts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Casefolded word of a known identifier (`imapisession`, `logoff`) -> its spellings."""
    part_forms: frozenset[str] = frozenset()
    """Every spelling in :attr:`parts`."""

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self.spellings

    def spelling(self, name: str) -> str | None:
        """The one known spelling of `name` when it differs from `name` only in case."""
        found = self.spellings.get(name.casefold(), ())
        return next(iter(found)) if len(found) == 1 and name not in self.written else None

    def resolve(self, name: str) -> str | None:
        """How the model or the reference spells `name` (case aside), when it is one way."""
        if name in self.written or name in self.spellings.get(name.casefold(), ()):
            return name
        found = set(self.spellings.get(name.casefold(), ())) or \
            {w for w in self.written if w.casefold() == name.casefold()}
        return found.pop() if len(found) == 1 else None

    def members(self, scope: str) -> list[str]:
        """`scope::member` names the reference writes."""
        prefix = f"{scope}::"
        return sorted(n for n in self.written if n.startswith(prefix) and len(n) > len(prefix) + 1)


_LAST_KNOWN: list[tuple[ApiItem, str, CheckContext, Known]] = []


def known_identifiers(item: ApiItem, locale: str, ctx: CheckContext) -> Known:
    """Identifiers from the model and the reference page; without en-US, from the bilingual
    English sources and what at least two other locales write. en-US is held to the model."""
    for cached_item, cached_locale, cached_ctx, known in _LAST_KNOWN:
        if cached_item is item and cached_locale == locale and cached_ctx is ctx:
            return known
    known = _known_identifiers(item, locale, ctx)
    _LAST_KNOWN[:] = [(item, locale, ctx, known)]
    return known


def _known_identifiers(item: ApiItem, locale: str, ctx: CheckContext) -> Known:
    primary = item_identifiers(item)
    written: set[str] = set()
    ref = ctx.reference(item, locale)
    if ref is not None:
        primary |= _page_tokens(ref)
        written = set(_page_written(ref))
    elif locale != ENGLISH:
        votes: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        for loc, page in item.pages.items():
            if loc != locale:
                primary |= _english_tokens(page)
                written |= _written_tokens(english_text(page))
                votes.update(_page_tokens(page))
                seen.update(_page_written(page))
        primary |= {t for t, n in votes.items() if n >= 2}
        written |= {t for t, n in seen.items() if n >= 2}
    spellings: dict[str, set[str]] = {}
    for name in primary:
        spellings.setdefault(name.casefold(), set()).add(name)
    parts: dict[str, set[str]] = {}
    for name in primary:
        for word in _WORD_RE.findall(name):
            parts.setdefault(word.casefold(), set()).add(word)
    return Known(spellings={k: frozenset(v) for k, v in spellings.items()},
                 written=frozenset(written), names=tuple(sorted(n for n in primary if len(n) >= 3)),
                 parts={k: frozenset(v) for k, v in parts.items()},
                 part_forms=frozenset(w for v in parts.values() for w in v))


# -- RL201 parameter names ---------------------------------------------------------------------
@check("RL201", Category.IDENTIFIER, Severity.ERROR)
def parameter_name_damaged(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A documented parameter or member name is transliterated, re-cased or split.

    Bad:  `_улуипарам_` (ru) for the parameter `ulUIParam`
    Good: `_ulUIParam_`
    """
    page = item.pages[locale]
    names = [p.name for p in item.parameters]
    as_source = _source_names(item, locale, ctx, names)
    for written, j in zip(page.parameters, match_parameters(page.parameters, names)):
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
        return {j: {p.name} for p, j in zip(ref.parameters, match_parameters(ref.parameters, names))}
    if locale == ENGLISH:  # the source itself: the other locales copy it
        return {}
    others = [p for loc, p in item.pages.items() if loc != locale]
    votes: dict[int, Counter[str]] = {}
    for other in others:
        for p, j in zip(other.parameters, match_parameters(other.parameters, names)):
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
    if re.search(rf"(?<!\w){re.escape(expected)}(?!\w)", title):
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


# -- RL203 / RL204 code tokens in text -----------------------------------------------------------
def _broken_ok(left: str, sep: str, right: str, known: Known) -> bool:
    joined = f"{left}{sep.strip()}{right}"
    if joined in known:
        return True
    if "::" in sep:
        return strong(left) or left[:1].isupper() or left in known
    if not _FILE.fullmatch(joined):
        return False
    return strong(left) or (left.isupper() and len(left) >= 4) or \
        (len(left) >= 3 and right.lower() in ("cpp", "hpp", "dll", "idl"))


@check("RL203", Category.IDENTIFIER, Severity.ERROR)
def spaced_code_token(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A code token is broken by an inserted space.

    Bad:  `IMAPISession:: Logoff`, `MAPIObjects. cpp`, `IMAPIProp::D eleteProps`
    Good: `IMAPISession::Logoff`, `MAPIObjects.cpp`, `IMAPIProp::DeleteProps`
    """
    page = item.pages[locale]
    text = prose(page)
    numbers = sorted({n for hint in _BROKEN_HINTS for n in lines_of(page, text, hint)})
    lines = prose_lines(page) if numbers else ()
    known: Known | None = None
    for number in numbers:
        line = lines[number - 1]
        known = known or known_identifiers(item, locale, ctx)
        for m in _BROKEN.finditer(line):
            left, sep, right = m.group("left", "sep", "right")
            if not _broken_ok(left, sep, right, known):
                continue
            joined = f"{left}{sep.strip()}{right}"
            if "::" in joined:
                joined = known.spelling(joined) or joined
            fix = Fix(line=number, column=m.start("sep") + 1, old=sep, new=sep.strip())
            yield finding("RL203", page, number,
                          f"code token {m.group()!r} is broken by a space", item=item,
                          column=m.start() + 1, expected=joined, actual=m.group(), fix=fix)
        for m in _SPLIT_MEMBER.finditer(line):
            left, right = m.group("left", "right")
            known = known or known_identifiers(item, locale, ctx)
            if not (strong(left) or left[:1].isupper() or left in known):
                continue
            expected, certain = _split_member(left, right, known)
            if expected is None:
                continue
            fix = Fix(line=number, column=m.start("sep") + 1, old=" ", new="") if certain else None
            how = "by a space" if certain else "by a space, and letters are lost"
            yield finding("RL203", page, number, f"code token {m.group()!r} is broken {how}",
                          item=item, column=m.start() + 1, expected=expected, actual=m.group(),
                          fix=fix)


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
    return (joined, True) if right[2].islower() else (None, False)


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
    lines = prose_lines(page)
    for number in _case_suspects(page, known):
        text = lines[number - 1]
        emphasised: list[tuple[str, int]] | None = None
        for m in _TOKEN.finditer(text):
            written = _SPACED_SCOPE.sub("::", m.group()) if ":" in m.group() else m.group()
            canonical = known.spelling(written)
            if canonical is None or canonical == written:
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


_WORD_RE = re.compile(r"\w+")


@per_page
def _prose_words(page: Page) -> tuple[frozenset[str], str]:
    """The distinct words of :func:`prose`, and the prose casefolded."""
    text = prose(page)
    return frozenset(_WORD_RE.findall(text)), text.casefold()


def _case_suspects(page: Page, known: Known) -> list[int]:
    """The lines that may hold a known identifier in another letter case, in order: those
    with a word that is part of a known identifier, spelled in a way none of them spells it
    (or a part spelled several ways). A token in the wrong case has such a word."""
    words, folded = _prose_words(page)
    odd = set(map(str.casefold, words - known.part_forms)) & known.parts.keys()
    odd.update(k for k, forms in known.parts.items() if len(forms) > 1)
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


# -- RL206 bold identifiers replaced by translations ---------------------------------------------
def _units(page: Page, item: ApiItem) -> dict[str, list[tuple[int, int]]]:
    """Comparable pieces of a page, keyed so that the same key means the same content in every
    locale: parameter and flag descriptions, return values, then the blocks of each section."""
    for seen, value in _UNITS:
        if seen is page:
            return value
    units = _page_units(page, item)
    _UNITS[:] = [(page, units), *_UNITS[:7]]
    return units


_UNITS: list[tuple[Page, dict[str, list[tuple[int, int]]]]] = []


def _page_units(page: Page, item: ApiItem) -> dict[str, list[tuple[int, int]]]:
    units: dict[str, list[tuple[int, int]]] = {}
    names = [p.name for p in item.parameters]
    for p, j in zip(page.parameters, match_parameters(page.parameters, names)):
        if j is None:
            continue
        units[f"param:{j}"] = [(p.description.span.line_start, p.description.span.line_end)]
        for f in p.flags:
            units[f"flag:{j}:{f.name}"] = [(f.description.span.line_start, f.description.span.line_end)]
    for v in page.return_values:
        units[f"value:{v.name}"] = [(v.description.span.line_start, v.description.span.line_end)]
    seen: Counter[str] = Counter()
    for s in page.sections:
        seen[s.key] += 1
        if (page.parameters and s.key in ("parameters", "members")) or \
                (page.return_values and s.key in ("return-value", "return-values")):
            continue
        spans = [(b.span.line_start, b.span.line_end) for b in s.blocks
                 if b.kind in ("paragraph", "blockquote", "list", "table")]
        units[f"section:{s.key}#{seen[s.key]}"] = spans
    return units


def _bolds(page: Page, span: tuple[int, int], english: bool = False) -> list[tuple[str, int, int]]:
    """(bold text, line, 0-based column) in a span; English source text for bilingual pages."""
    by_line = _english_bolds(page) if english else _page_bolds(page)
    if not by_line:
        return []
    return [run for number in range(span[0], span[1] + 1) for run in by_line.get(number, ())]


@per_page
def _page_bolds(page: Page) -> dict[int, list[tuple[str, int, int]]]:
    """Line -> (bold text, line, 0-based column) of the bold runs of the page's masked text."""
    text = masked_body(page)
    runs: dict[int, list[tuple[str, int, int]]] = {}
    if "**" not in text:
        return runs
    for m in _BOLD.finditer(text):
        number, col = position(page, m.start(1))
        runs.setdefault(number, []).append((m.group(1), number, col))
    return runs


@per_page
def _english_bolds(page: Page) -> dict[int, list[tuple[str, int, int]]]:
    """Line -> bold runs of a bilingual page's English source text (columns in that text)."""
    runs: dict[int, list[tuple[str, int, int]]] = {}
    if not page.bilingual:
        return runs
    for number, line in enumerate(page.lines, 1):
        if "**" in line:
            text = strip_bilingual(line)[1] or ""
            found = [(m.group(1), number, m.start(1)) for m in _BOLD.finditer(text)]
            if found:
                runs[number] = found
    return runs


def _token_in(name: str, text: str) -> bool:
    """Whether `text` holds the identifier as a token (case and spaces around `::` ignored)."""
    return _token_pattern(name).search(_SPACED_SCOPE.sub("::", text)) is not None


@lru_cache(maxsize=4096)
def _token_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w:.\-/]){re.escape(name)}(?![\w\-]|::)", re.I)


@lru_cache(maxsize=4096)
def _word_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", re.I)


def _holds(run: str, name: str) -> bool:
    """Whether a bold run holds the identifier: as a word (`ADRLIST-Struktur`, `método X`),
    or, for longer names, with spaces inserted anywhere (`IMAPIProp::D eleteProps`)."""
    if _word_pattern(name).search(squeeze(run)):
        return True
    return len(name) >= 6 and name.casefold() in _SPACE.sub("", run).casefold()


_SPACE = re.compile(r"\s+")


_RUN_WORDS = re.compile(r"[\w:]+")
_LETTER = re.compile(r"[^\W\d_]")


def _translated(run: str, known: Known) -> bool:
    """A bold run made of words only: no identifier in it (a transliterated one is RL207's)."""
    if transliteration_of(run, known):
        return False
    words = _RUN_WORDS.findall(run)
    return _LETTER.search(run) is not None and not any(
        identifier_shaped(w) or w in known or ":" in w for w in words)


def _code_like(name: str, names: set[str], linked: set[str]) -> bool:
    """An identifier for RL206: a model name, a scoped or CamelCase token, or an ALL-CAPS name
    that some page links to (a structure such as `NOTIFICATION`, not a word such as `AND`)."""
    if name in names or _SCOPED.fullmatch(name) or (strong(name) and identifier_shaped(name)):
        return True
    return name.isupper() and name in linked


def _reference_bolds(key: str, index: int, sources: list[tuple[Page, bool, dict]],
                     names: set[str], linked: set[str], by_english: bool
                     ) -> list[tuple[str, bool]] | None:
    """The bold runs the reference has in a unit, each marked True when it is an identifier."""
    lists = []
    for page, english, units in sources:
        spans = units.get(key)
        if spans is not None and index < len(spans):
            lists.append([r[0] for r in _bolds(page, spans[index], english)])
    if not lists:
        return None
    votes = Counter(squeeze(b) for runs in lists for b in set(runs))

    def is_id(run: str) -> bool:
        name = squeeze(run)
        return name in names or (_code_like(name, names, linked) and
                                 (by_english or votes[name] >= 2 or len(lists) == 1))

    best = max(lists, key=lambda runs: (sum(map(is_id, runs)), -len(runs)))
    return [(b, is_id(b)) for b in best]


@check("RL206", Category.IDENTIFIER, Severity.WARNING)
def bold_identifier_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A bold identifier of the reference is replaced by a translated phrase.

    Bad:  `> **Cierre de sesión** puede mostrar un cuadro de diálogo...` (es)
    Good: `> **Logoff** puede mostrar un cuadro de diálogo...` (en-US: `**Logoff** can display...`)
    """
    if locale == ENGLISH:
        return
    page = item.pages[locale]
    if not _page_bolds(page):
        return  # a translated identifier would be a bold run
    names = item_identifiers(item)
    known = known_identifiers(item, locale, ctx)
    ref = ctx.reference(item, locale)
    others = [ref] if ref is not None else [p for loc, p in item.pages.items() if loc != locale]
    sources = [(p, ref is None and p.bilingual, _units(p, item)) for p in others]
    linked = {squeeze(link.text) for p in others for link in p.links}
    reported = set()
    for key, spans in _units(page, item).items():
        for index, span in enumerate(spans):
            runs = _bolds(page, span)
            if not runs:
                continue
            expected = _reference_bolds(key, index, sources, names, linked, ref is not None)
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
    lines = masked_lines(page)
    outside = "\n".join(_BOLD.sub(" ", lines[n - 1]) for n in range(span[0], min(span[1], len(lines)) + 1))
    found = set()
    for i in sorted((i for i, (_, is_id) in enumerate(ref) if is_id), key=lambda i: -len(ref[i][0])):
        name = squeeze(ref[i][0])
        hit = next((r for r in free if _holds(r[0], name)), None)
        if hit is not None:
            free.remove(hit)
        if hit is not None or _token_in(name, outside):
            found.add(i)
    missing = [(squeeze(text), is_id) for i, (text, is_id) in enumerate(ref) if i not in found]
    translated = [r for r in free if _translated(r[0], known)]
    if len(translated) != len(missing):
        return  # cannot tell which run translates which
    for (name, is_id), (run, number, col) in zip(missing, translated):
        if is_id:
            yield name, run, number, col


# -- RL207 transliterated identifiers in text ----------------------------------------------------
def transliteration_of(run: str, known: Known) -> str | None:
    """The known identifier an emphasised run spells in another script (`улфлагс` -> `ulFlags`)."""
    word = run.strip()
    if " " in _SPACED_SCOPE.sub("::", word) or not translit.has_cyrillic(word) or len(word) < 3:
        return None
    return translit.match_identifier(word, known.names, threshold=0.8)


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
    for run, offset in emphasis_runs(text):
        name = transliteration_of(run, known)
        if name is None:
            continue
        number, col = position(page, offset)
        yield finding("RL207", page, number, f"{run!r} is the identifier {name!r} transliterated",
                      item=item, column=col + 1, expected=name, actual=run,
                      fix=Fix(line=number, column=col + 1, old=run, new=name))
