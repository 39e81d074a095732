"""What counts as an identifier, and which identifiers a locale's page is checked against.

Identifiers are language-neutral: a parameter name, a method, a source file must read the same
in every locale. The reference is the en-US page when the item has one, else the canonical
model (signature, consensus) and the other locales (bilingual pages' English source first).
The identifier checks (:mod:`~reflingo.checks.identifiers`, :mod:`~reflingo.checks.code_tokens`,
:mod:`~reflingo.checks.bold_identifiers`) share what is here: the shape of an identifier, the
page text they scan, and :func:`known_identifiers`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import AbstractSet, Callable, Iterator, Mapping

from reflingo.lang import translit
from reflingo.checks.context import CheckContext
from reflingo.checks.text import blank_lines, masked_body, page_text, per_item, per_page
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Page
from reflingo.parse.inline import close_scopes, strip_bilingual

# -- identifier shape -----------------------------------------------------------------------
WORD = r"[A-Za-z_]\w*+"  # possessive: a shorter word is never followed by a separator
SCOPED = re.compile(rf"~?{WORD}(?:::~?{WORD})+")
FILE_EXT = r"(?:cpp|hpp|h|c|dll|exe|lib|idl|def|rc|inl|tlb|ocx)"
# A file name (`MAPIObjects.cpp`), read from the start of its word only: a scan of a long word
# reads it once.
FILE_NAME = re.compile(rf"(?<![\w\-])[A-Za-z_][\w\-]*+\.{FILE_EXT}(?![\w\-])", re.I)
_SIMPLE = re.compile(rf"{WORD}(?:\(\))?")
# Tokens as written in text: identifiers joined by `::`, spaces around `::` tolerated.
# (The lookbehind follows the first letter: a scan that starts with a letter class is faster.
# A token never starts right after `~`, and the chain is possessive, so that a chain ending in
# `::~` is read once, not once from each of its words: `a::~a::~...` stays linear.)
CODE_TOKEN = re.compile(
    rf"[A-Za-z_](?<![\w:.\-/\\#&~][A-Za-z_])\w*+(?:[ \t]*::[ \t]*~?{WORD})*+(?![\w\-]|::)")
# A member name split after its first letter: `IMAPIProp::D eleteProps`, `CMAPIProgress::P rogress`.
SPLIT_MEMBER = re.compile(
    rf"(?<![\w:.\-/\\#&])(?P<left>{WORD})::(?P<right>[A-Z](?P<sep> )[A-Za-z]\w{{2,}}+)(?![\w\-]|::)")

# Where SPLIT_MEMBER may match (a literal start: the scan of a whole page skips ahead fast).
SPLIT_HINT = re.compile(r"::[A-Z] [A-Za-z]")

_STRONG = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]|_|\d")
_LATIN = re.compile("[A-Za-z]")


@lru_cache(maxsize=1 << 16)
def strong(name: str) -> bool:
    """A name no natural word looks like: `ulFlags`, `IUnknown`, `MAPI_LOGOFF_UI`, `lpsz2`."""
    return _STRONG.search(name) is not None and _LATIN.search(name) is not None


@lru_cache(maxsize=1 << 16)
def identifier_shaped(text: str) -> bool:
    """One code token: scoped (`A::B`), a source file, CamelCase, or ALL_CAPS of 3+ letters."""
    t = text.strip().strip("`*_ ")
    t = close_scopes(t).removesuffix("()")
    if not t.isascii():
        return False
    if SCOPED.fullmatch(t) or FILE_NAME.fullmatch(t):
        return True
    return bool(_SIMPLE.fullmatch(t)) and (strong(t) or (t.isupper() and len(t) >= 3))


def is_word_char(c: str) -> bool:
    """Whether `c` is a word character as `\\w` has it (a letter, a digit or `_`)."""
    return c.isalnum() or c == "_"


def ascii_word_char(c: str) -> bool:
    """Whether `c` is an ASCII letter, digit or `_`."""
    return c.isascii() and (c.isalnum() or c == "_")


ASCII_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
"""The characters :func:`ascii_word_char` accepts."""


def has_whole(text: str, word: str, joins: Callable[[str], bool] = is_word_char,
              joins_after: Callable[[str], bool] | None = None) -> bool:
    """Whether `word` occurs in `text` as a whole: `joins(c)` is false for the character before
    it, and `joins_after` (default: `joins` of its first character) false for the (up to two)
    characters after it."""
    start = text.find(word)
    while start >= 0:
        if not (start and joins(text[start - 1])):
            end = start + len(word)
            after = text[end:end + 2]
            if not (after and (joins_after(after) if joins_after else joins(after[0]))):
                return True
        start = text.find(word, start + 1)
    return False


@lru_cache(maxsize=1 << 16)
def squeeze(text: str) -> str:
    """`IMAPISession:: Logoff.` -> `IMAPISession::Logoff`; markup and end punctuation removed."""
    t = text.strip().strip("`*_ ").rstrip(".,;")
    return close_scopes(t).removesuffix("()")


_WORD_RE = re.compile(r"\w+")


# -- raw text helpers -------------------------------------------------------------------------
# A `**` with no closer on its line leaves none for a later `**` there either; BOLD and _LINK_TEXT
# then match on to where the scan stopped, with group 1 None (no run), so that the scan is not
# repeated from every later opener (see bold_runs).
# The run is read a stretch without `*` at a time (possessive): a closer follows a `*` only.
BOLD = re.compile(r"\*\*(?=\S)(?:((?:[^*\n]++|\*)+?)(?<=\S)\*\*|.*)")
# (Each lookbehind follows the `*` or `_` it guards: a pattern that starts with them scans fast.)
_STAR_RUN = r"\*(?<![\w*\\]\*)(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])"
_UNDERSCORE_RUN = r"_(?<![\w\\]_)(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"
_ITALIC = re.compile(f"{_STAR_RUN}|{_UNDERSCORE_RUN}")
_STAR, _UNDERSCORE = re.compile(_STAR_RUN), re.compile(_UNDERSCORE_RUN)
_CODE = re.compile(r"`([^`\n]+)`")
_LINK_TEXT = re.compile(r"\[(?:([^\]\n]+)\]\(|[^\]\n]*)")
_EMPHASIS = (BOLD, _ITALIC, _CODE, _LINK_TEXT)


@per_page
def prose(page: Page) -> str:
    """The page's masked body text (see :func:`reflingo.checks.text.masked_body`) with the
    parameter heading lines blanked too: the text identifier checks scan."""
    return blank_lines(page, masked_body(page),
                       ((n, n) for n in {p.name_span.line_start for p in page.parameters} if n > 0))


@per_page
def prose_lines(page: Page) -> tuple[str, ...]:
    """:func:`prose` split into lines (index N - 1 for line N)."""
    return tuple(prose(page).split("\n"))


def emphasis_runs(text: str, keep: Callable[[str], bool] | None = None) -> list[tuple[str, int]]:
    """(text, offset) of the bold, italic, code and link-text runs of raw Markdown, in order;
    only the runs whose text `keep` accepts, when it is given."""
    runs = []
    for pattern in _EMPHASIS:
        for m in pattern.finditer(text):
            group = m.lastindex or 1
            run = m.group(group)
            if run is not None and (keep is None or keep(run)):
                runs.append((run, m.start(group)))
    return sorted(runs, key=lambda run: run[1])


def emphasis_texts(text: str) -> set[str]:
    """The distinct texts of the bold, italic, code and link-text runs of raw Markdown."""
    found = set(BOLD.findall(text))
    # The italic runs of each kind are found by a scan for that kind alone, which skips ahead
    # to its delimiter fast. Where no run of one kind holds the other's delimiter, no two runs
    # overlap, and the runs found are the runs of the one scan for both kinds (_ITALIC).
    stars = _STAR.findall(text)
    underscores = _UNDERSCORE.findall(text) if "_" in text else ()
    if stars and underscores and ("_" in "".join(stars) or "*" in "".join(underscores)):
        found.update(star or underscore for star, underscore in _ITALIC.findall(text))
    else:
        found.update(stars)
        found.update(underscores)
    found.update(_CODE.findall(text))
    found.update(_LINK_TEXT.findall(text))
    found.discard("")  # the scans that found no run (every run holds a character)
    return found


def bold_runs(text: str) -> Iterator[re.Match[str]]:
    """The bold runs of raw Markdown (`**x**`, within a line; group 1 is the bold text)."""
    return (m for m in BOLD.finditer(text) if m.group(1) is not None)


def without_bold(text: str) -> str:
    """The text with each bold run replaced by a space."""
    return BOLD.sub(lambda m: m.group() if m.group(1) is None else " ", text)


def english_text(page: Page) -> str:
    """A bilingual page's English source text (empty for other pages)."""
    if not page.bilingual:
        return ""
    return "\n".join(strip_bilingual(line)[1] or "" for line in page.lines)


# -- known identifiers -------------------------------------------------------------------------
def item_identifiers(item: ApiItem) -> frozenset[str]:
    """Names the canonical model states: the item and its parts, parameters, flags, values,
    and the types of its signature."""
    return per_item(item, "identifiers", _item_identifiers, item)


def _item_identifiers(item: ApiItem) -> frozenset[str]:
    names = {item.name, *re.split(r"::|\.", item.name)}
    for api in item.api_name:
        names.update({api, *api.split(".")})
    if item.signature is not None:
        sig = item.signature
        names.update(p.name for p in sig.params)
        names.update(w for p in sig.params for w in re.findall(WORD, p.type))
        names.update(re.findall(WORD, sig.return_type or ""))
        if sig.name:
            names.add(sig.name)
    for p in item.parameters:
        names.add(p.name)
        names.update(f.name for f in p.flags)
    names.update(v.name for v in item.return_values)
    return frozenset(n for n in names if n and n.isascii()
                     and (_SIMPLE.fullmatch(n.removesuffix("()")) or SCOPED.fullmatch(n)))


@per_page
def _page_tokens(page: Page) -> frozenset[str]:
    return _tokens(page, english_only=False)


@per_page
def _english_tokens(page: Page) -> frozenset[str]:
    return _tokens(page, english_only=True)


def _tokens(page: Page, english_only: bool) -> frozenset[str]:
    """Identifiers a page writes in emphasis, MFCMAPI cells and file-valued properties."""
    text = english_text(page) if english_only else page_text(page)
    found = set(map(_run_token, emphasis_texts(text)))
    found.discard(None)
    found.update(squeeze(c) for r in page.mfcmapi for c in (r.file, r.function)
                 if not english_only and identifier_shaped(c))
    found.update(p.value.strip() for p in page.properties if FILE_NAME.fullmatch(p.value.strip()))
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def _run_token(run: str) -> str | None:
    """The identifier an emphasised run writes (see :func:`squeeze`), if it is one."""
    return squeeze(run) if identifier_shaped(run) else None


def _written_tokens(text: str) -> frozenset[str]:
    """Code tokens as written (spaces around `::` removed, split members joined)."""
    tokens = set(CODE_TOKEN.findall(close_scopes(text, " \t")))
    if SPLIT_HINT.search(text):
        tokens.update(f"{m['left']}::{m['right'].replace(' ', '')}"
                      for m in SPLIT_MEMBER.finditer(text) if m["right"][2].islower())
    return frozenset(tokens)


@per_page
def _page_written(page: Page) -> frozenset[str]:
    return _written_tokens(page_text(page))


@per_page
def _page_closed(page: Page) -> tuple[str, bool]:
    """The page's text with the blanks around `::` removed, and whether it may split a member."""
    text = page_text(page)
    return close_scopes(text, " \t"), SPLIT_HINT.search(text) is not None


@dataclass(frozen=True, slots=True)
class Known:
    """The identifiers a locale's page is checked against."""

    spellings: Mapping[str, frozenset[str]]
    """Casefolded identifier -> its spellings."""
    given: frozenset[str] = frozenset()
    """:attr:`written`, when there is no reference page to read it from."""
    source: Page | None = None
    """The reference page, whose code tokens are :attr:`written` (read when first asked for)."""
    names: tuple[str, ...] = ()
    """Every spelling of three letters or more, sorted (candidates for transliterations)."""
    parts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Casefolded word of a known identifier (`imapisession`, `logoff`) -> its spellings."""
    part_forms: frozenset[str] = frozenset()
    """Every spelling in :attr:`parts`."""
    encoded_parts: tuple[tuple[bytes, bytes | None], ...] | None = None
    """:func:`part_spellings` of :attr:`parts` in bytes (None for a spelling not ASCII), if ASCII."""

    @property
    def written(self) -> frozenset[str]:
        """Tokens the reference writes exactly so (in any letter case it uses)."""
        return self.given if self.source is None else _page_written(self.source)

    def writes(self, name: str) -> bool:
        """Whether `name` is one of :attr:`written`: a CODE_TOKEN match where the reference's text
        holds it, blanks around `::` removed (all its tokens read only where a member may be split)."""
        if self.source is None:
            return name in self.given
        closed, split = _page_closed(self.source)
        if split:
            return name in _page_written(self.source)
        pos = closed.find(name)
        while pos >= 0 and not ((m := CODE_TOKEN.match(closed, pos)) and m.end() == pos + len(name)):
            pos = closed.find(name, pos + 1)
        return pos >= 0

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self.spellings

    def spelling(self, name: str) -> str | None:
        """The one known spelling of `name` when it differs from `name` only in case."""
        found = self.spellings.get(name.casefold(), ())
        if len(found) != 1 or name in found:
            return None  # (before the reference's written tokens, which are read when asked)
        return next(iter(found)) if not self.writes(name) else None

    def resolve(self, name: str) -> str | None:
        """How the model or the reference spells `name` (case aside), when it is one way."""
        if name in self.spellings.get(name.casefold(), ()) or self.writes(name):
            return name
        found = set(self.spellings.get(name.casefold(), ())) or \
            {w for w in self.written if w.casefold() == name.casefold()}
        return found.pop() if len(found) == 1 else None

    def members(self, scope: str) -> list[str]:
        """`scope::member` names the reference writes."""
        prefix = f"{scope}::"
        return sorted(n for n in self.written if n.startswith(prefix) and len(n) > len(prefix) + 1)


def known_identifiers(item: ApiItem, locale: str, ctx: CheckContext) -> Known:
    """Identifiers from the model and the reference page; without en-US, from the bilingual
    English sources and what at least two other locales write. en-US is held to the model."""
    # Every locale checked against the same reference page is checked against the same names.
    key = _BY_REFERENCE if ctx.reference(item, locale) is not None else locale
    return per_item(item, ("known", key, id(ctx)), _known_for, item, locale, ctx)[1]


_BY_REFERENCE = "\0reference"


def _known_for(item: ApiItem, locale: str, ctx: CheckContext) -> tuple[CheckContext, Known]:
    return ctx, _known_identifiers(item, locale, ctx)  # the context is held: its id is in the key


def _known_identifiers(item: ApiItem, locale: str, ctx: CheckContext) -> Known:
    primary = set(item_identifiers(item))
    written: AbstractSet[str] = frozenset()
    ref = ctx.reference(item, locale)
    if ref is not None:
        primary |= _page_tokens(ref)
    elif locale != ENGLISH:
        written = set()
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
    parts: dict[str, set[str]] = {}
    for name in primary:
        spellings.setdefault(name.casefold(), set()).add(name)
        for word in _words_of(name):
            parts.setdefault(word.casefold(), set()).add(word)
    forms = {k: frozenset(v) for k, v in parts.items()}
    encoded = tuple((part.encode(), only.encode() if only is not None and only.isascii() else None)
                    for part, only in part_spellings(forms)) if "".join(forms).isascii() else None
    return Known(spellings={k: frozenset(v) for k, v in spellings.items()}, given=frozenset(written),
                 source=ref, names=tuple(sorted(n for n in primary if len(n) >= 3)), parts=forms,
                 part_forms=frozenset(w for v in parts.values() for w in v), encoded_parts=encoded)


def part_spellings(parts: Mapping[str, frozenset[str]]) -> Iterator[tuple[str, str | None]]:
    """(part, its one spelling) for each part; None where each occurrence may be a case change."""
    for part, forms in parts.items():
        only = next(iter(forms)) if len(forms) == 1 else None
        yield part, only if only is not None and len(only) == len(part) else None


@lru_cache(maxsize=1 << 16)
def _words_of(name: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(name))


# -- RL207 transliterated identifiers in text ----------------------------------------------------
def transliteration_of(run: str, known: Known) -> str | None:
    """The known identifier an emphasised run spells in another script (`улфлагс` -> `ulFlags`)."""
    word = run.strip()
    if " " in close_scopes(word) or not translit.has_cyrillic(word) or len(word) < 3:
        return None
    return translit.match_identifier(word, known.names, threshold=0.8)
