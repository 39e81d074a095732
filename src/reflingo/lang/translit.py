"""Undo machine transliteration of identifiers.

Machine translation damages identifiers in API reference pages. Russian pages spell them in
Cyrillic (`_улуипарам_` for `ulUIParam`, `Кмапиобжектс` for `CMapiObjects`), other locales
change their case (`IMAPISession:: LOGOFF`) or insert spaces (`MAPIObjects. cpp`). This module
romanises such text and scores how likely a written form stands for a canonical identifier.

Reversing a transliteration is ambiguous: English `c` becomes `к`, `с` or `ц`, `j` becomes `ж`
or `дж`, `x` becomes `кс`, `y` becomes `и`, `й` or `ы`, doubled letters may be kept or merged.
:func:`similarity` therefore first compares the :func:`skeleton` of both sides (equal means a
case, spacing or exact letter-by-letter change), then a phonetic key where the ambiguous
letters fall together, scored by an edit distance in which vowels and the remaining
confusions are cheap and any other difference is expensive.

All functions are pure and cached; they run millions of times over a corpus.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "has_cyrillic",
    "has_greek",
    "is_damaged_identifier",
    "match_identifier",
    "similarity",
    "skeleton",
    "to_latin",
]

# --------------------------------------------------------------------------------------------
# Romanisation tables
# --------------------------------------------------------------------------------------------

# Chosen to reverse a machine transliteration of an English identifier, not to follow a
# national standard: й -> y (as in "-ry" -> "-рий"), х -> kh, ъ/ь vanish, ў -> w.
_CYRILLIC_LOWER: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian and Belarusian
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
}  # fmt: skip

# Greek: modern values, as an English word transliterated into Greek is read back.
_GREEK_LOWER: dict[str, str] = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
    "ά": "a", "έ": "e", "ή": "i", "ί": "i", "ό": "o", "ύ": "y", "ώ": "o", "ϊ": "i",
    "ϋ": "y", "ΐ": "i", "ΰ": "y",
}  # fmt: skip


def _with_upper(lower: dict[str, str]) -> dict[str, str]:
    """Add the capital letters to a lowercase table; multi-letter outputs become title case."""
    table = dict(lower)
    for char, latin in lower.items():
        upper = char.upper()
        if upper != char and len(upper) == 1:
            table[upper] = latin[:1].upper() + latin[1:]
    return table


_ROMAN: dict[str, str] = _with_upper(_CYRILLIC_LOWER) | _with_upper(_GREEK_LOWER)
_ROMAN_TABLE = str.maketrans(_ROMAN)

# Capitals whose romanisation has several letters: all caps inside an all-caps word ("ЖУК" ->
# "ZHUK"), title case otherwise ("Жук" -> "Zhuk").
_MULTI_UPPER = "".join(sorted(c for c, v in _ROMAN.items() if c.isupper() and len(v) > 1))
_UPPER_CLASS = "A-Z" + "".join(sorted(c for c in _ROMAN if c.isupper()))
_ALLCAPS_RE = re.compile(
    f"(?<=[{_UPPER_CLASS}])[{_MULTI_UPPER}]|[{_MULTI_UPPER}](?=[{_UPPER_CLASS}])"
)
# Greek "ου" is one sound, /u/; letter by letter it would read "oy".
_GREEK_OU_RE = re.compile("([οΟ])([υύΥΎ])")

_CYRILLIC_RANGES = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_GREEK_RANGES = "\u0370-\u03ff\u1f00-\u1fff"
_CYRILLIC_RE = re.compile(f"[{_CYRILLIC_RANGES}]")
_GREEK_RE = re.compile(f"[{_GREEK_RANGES}]")
_NON_LATIN_RE = re.compile(f"[{_CYRILLIC_RANGES}{_GREEK_RANGES}]")
_NOT_ALNUM_RE = re.compile("[^a-z0-9]+")
_COMBINING_RE = re.compile("[\u0300-\u036f]")


def has_cyrillic(text: str) -> bool:
    """True when `text` contains at least one Cyrillic character."""
    if text.isascii():
        return False
    if len(text) > 200:  # a page: most of the pages of a Latin script encode in Latin-1 at once
        try:
            text.encode("latin-1")
            return False  # every character is below U+0100, no Cyrillic one
        except UnicodeEncodeError:
            pass
    return _CYRILLIC_RE.search(text) is not None


def has_greek(text: str) -> bool:
    """True when `text` contains at least one Greek character."""
    return _GREEK_RE.search(text) is not None


def _greek_ou(match: re.Match[str]) -> str:
    """Romanise Greek ου as "ou", keeping the case of each letter."""
    o, u = match.group(1), match.group(2)
    return ("O" if o.isupper() else "o") + ("U" if u.isupper() else "u")


@lru_cache(maxsize=1 << 16)
def to_latin(text: str) -> str:
    """Romanise the Cyrillic and Greek letters of `text`; leave every other character alone.

    The mapping is the one most likely to reverse a machine transliteration of an English
    identifier (`к` -> `k`, `ж` -> `zh`, `х` -> `kh`, `ц` -> `ts`, `й`/`ы` -> `y`, `ь`/`ъ` ->
    nothing) and keeps case: `Кмапиобжектс` -> `Kmapiobzhekts`, `ЖУК` -> `ZHUK`.
    """
    if text.isascii() or _NON_LATIN_RE.search(text) is None:
        return text
    if "\u0306" in text or "\u0308" in text:  # decomposed й, ё, ї, ў, ϊ
        text = unicodedata.normalize("NFC", text)
    if _GREEK_RE.search(text) is not None:
        text = _GREEK_OU_RE.sub(_greek_ou, text)
    text = _ALLCAPS_RE.sub(lambda m: _ROMAN[m.group()].upper(), text)
    return text.translate(_ROMAN_TABLE)


@lru_cache(maxsize=1 << 17)
def skeleton(text: str) -> str:
    """`to_latin`, casefolded, with accents stripped and everything but `[a-z0-9]` dropped.

    `skeleton("IMAPISession:: Logoff") == skeleton("imapisession::logoff") ==
    "imapisessionlogoff"`.
    """
    if text.isascii():
        return _NOT_ALNUM_RE.sub("", text.lower())
    text = to_latin(text).casefold()
    if not text.isascii():
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    return _NOT_ALNUM_RE.sub("", text)


# --------------------------------------------------------------------------------------------
# Phonetic keys
# --------------------------------------------------------------------------------------------
# Both sides are mapped into one coarse alphabet where the letters a transliteration confuses
# fall together: lowercase a-z plus "C" (ch/ч) and "S" (sh/ш/щ); j = ж/дж, h = х, v = в/w,
# i = и/й/ы/y, s = с/ц/soft c, k = к/hard c/q. Doubled letters are merged afterwards.

_CYRILLIC_PHON = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "s",
    "ч": "C", "ш": "S", "щ": "S", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "u",
    "я": "ia", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "v",
})  # fmt: skip

_GREEK_PHON = str.maketrans({
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "t",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "ks", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "i", "φ": "f", "χ": "h", "ψ": "ps",
    "ω": "o", "ά": "a", "έ": "e", "ή": "i", "ί": "i", "ό": "o", "ύ": "i", "ώ": "o",
    "ϊ": "i", "ϋ": "i", "ΐ": "i", "ΰ": "i",
})  # fmt: skip
_GREEK_DIGRAPH_RE = re.compile("ο[υύ]|^μπ|^ντ|^γκ")
_GREEK_DIGRAPHS = {"ου": "u", "ού": "u", "μπ": "b", "ντ": "d", "γκ": "g"}

_ENGLISH_PHON_RE = re.compile("tch|ch|sh|ph|th|gh|ck|qu|wh|dg(?=e)|[cqxwy]")
_ENGLISH_PHON = {
    "tch": "C", "ch": "C", "sh": "S", "ph": "f", "th": "t", "gh": "g", "ck": "k", "qu": "kv",
    "wh": "v", "c": "k", "q": "k", "x": "ks", "w": "v", "y": "i", "dg": "j",
}  # fmt: skip
# Runs of one script in lowercased text; anything else (spaces, punctuation) is dropped.
_RUN_RE = re.compile(
    "(?P<cyr>[\u0400-\u052f]+)|(?P<grk>[\u0370-\u03ff\u1f00-\u1fff]+)|(?P<lat>[a-z0-9]+)"
)
_DOUBLE_RE = re.compile(r"(.)\1+")


def _english_phon(match: re.Match[str]) -> str:
    """Key letters for one English spelling; c is soft (s) before e, i and y, else k."""
    token = match.group()
    if token == "c":
        end = match.end()
        text = match.string
        return "s" if end < len(text) and text[end] in "eiy" else "k"
    return _ENGLISH_PHON[token]


def _greek_digraph(match: re.Match[str]) -> str:
    """Key letters for a Greek digraph (ου = u; initial μπ, ντ, γκ = b, d, g)."""
    return _GREEK_DIGRAPHS[match.group()]


@lru_cache(maxsize=1 << 17)
def _phonetic(text: str) -> str:
    """The phonetic key of `text`, whatever its script (Latin runs are read as English)."""
    lowered = text.lower()
    if lowered.isascii():
        latin = _NOT_ALNUM_RE.sub("", lowered)
        return _DOUBLE_RE.sub(r"\1", _ENGLISH_PHON_RE.sub(_english_phon, latin))
    if "\u0306" in lowered or "\u0308" in lowered:
        lowered = unicodedata.normalize("NFC", lowered)
    parts: list[str] = []
    for run in _RUN_RE.finditer(lowered):
        kind = run.lastgroup
        chunk = run.group()
        if kind == "cyr":  # дж is one sound, English j or soft g
            parts.append(chunk.replace("дж", "j").translate(_CYRILLIC_PHON))
        elif kind == "grk":
            chunk = _GREEK_DIGRAPH_RE.sub(_greek_digraph, chunk)
            parts.append(chunk.translate(_GREEK_PHON))
        else:
            parts.append(_ENGLISH_PHON_RE.sub(_english_phon, chunk))
    return _DOUBLE_RE.sub(r"\1", "".join(parts))


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------
# A weighted edit distance between phonetic keys. Vowels are what a transliteration changes
# most (silent e, "ee" -> и, "a" -> ей), so inserting or deleting a vowel costs a quarter and
# swapping one for another 0.4. Dropping an h costs half, and so do the consonant confusions
# the phonetic key leaves apart: soft c read as к or hard c as с (k/s), voiced s (s/z), h as г
# (h/g), g as дж (g/j), ch as к, х or с, sh as с, th as з or с, w as ф. Any other edit costs
# 1. The absolute distance, not a ratio, is what separates a transliteration (almost always
# below 1) from a different identifier (1 or more: lp/cb, Old/New).

_VOWELS = frozenset("aeiou")
_CONFUSABLE = frozenset({"ks", "sz", "gh", "gj", "Ck", "Ch", "Cs", "Ss", "tz", "ts", "fv"})
_KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789CS"
_VOWEL_SWAP = 0.4
_VOWEL_INDEL = 0.25


def _substitution_rows() -> dict[str, dict[str, float]]:
    """For each key letter, the letters it may be swapped for at less than full cost."""
    rows: dict[str, dict[str, float]] = {}
    for a in _KEY_ALPHABET:
        row: dict[str, float] = {a: 0.0}
        for b in _KEY_ALPHABET:
            if a == b:
                continue
            if a in _VOWELS and b in _VOWELS:
                row[b] = _VOWEL_SWAP
            elif a + b in _CONFUSABLE or b + a in _CONFUSABLE:
                row[b] = 0.5
        rows[a] = row
    return rows


_SUBSTITUTION = _substitution_rows()
_INDEL = {c: 1.0 for c in _KEY_ALPHABET} | {c: _VOWEL_INDEL for c in _VOWELS} | {"h": 0.5}


def _distance(a: str, b: str, limit: float = math.inf) -> float:
    """Weighted edit distance between two phonetic keys (costs as described above); any
    value above `limit` once the distance is known to exceed it."""
    if a == b:
        return 0.0
    indel = _INDEL
    b_costs = [indel.get(cb, 1.0) for cb in b]
    previous = [0.0]
    for cost in b_costs:
        previous.append(previous[-1] + cost)
    for ca in a:
        row = _SUBSTITUTION.get(ca, {})
        cost_a = indel.get(ca, 1.0)
        left = previous[0] + cost_a
        current = [left]
        for j, cb in enumerate(b):
            best = previous[j] + row.get(cb, 1.0)
            other = left + b_costs[j]
            if other < best:
                best = other
            other = previous[j + 1] + cost_a
            if other < best:
                best = other
            current.append(best)
            left = best
        previous = current
        if min(previous) > limit:  # every path goes through this row
            return min(previous)
    return previous[-1]


# A phonetic match that is not a skeleton match scores this much.
_PHONETIC_MATCH = 0.97
# Each unit of distance costs this much divided by the square root of the key's length: one
# error weighs less in a long identifier, but not in proportion to its length.
_ERROR_COST = 0.8
# Digits are never transliterated: other digits mean another identifier (lpEntryID1/2).
_DIGITS_RE = re.compile("[0-9]+")
_DIGIT_MISMATCH = 0.8


@lru_cache(maxsize=1 << 18)
def similarity(written: str, canonical: str, floor: float = 0.0) -> float:
    """How likely `written` is a damaged rendering of `canonical`, in [0, 1].

    1.0 when their skeletons are equal (case change, inserted spaces or punctuation). Else
    both are reduced to a phonetic key, where the letters a transliteration confuses fall
    together (`к`, hard `c`, `q` -> k; `с`, `ц`, soft `c` -> s; `ж`, `дж`, `j` -> j; `кс`, `x`
    -> ks; `и`, `й`, `ы`, `y` -> i; doubled letters merged), and compared by a weighted edit
    distance in which vowels and the remaining confusions are cheap: 0.97 for equal keys,
    falling with each difference, faster in short identifiers than in long ones. A letter by
    letter transliteration that romanises back exactly (`улфлагс`) is a skeleton match: 1.0.
    A score below `floor` may be returned as any value below it (the distance is not finished).
    """
    skel_w, skel_c = skeleton(written), skeleton(canonical)
    if not skel_w or not skel_c:
        return 0.0
    if skel_w == skel_c:
        return 1.0
    key_w, key_c = _phonetic(written), _phonetic(canonical)
    if not key_w or not key_c:
        return 0.0
    scale = _ERROR_COST / math.sqrt(max(len(key_w), len(key_c)))
    limit = (_PHONETIC_MATCH - floor) / scale if floor > 0 else math.inf
    # Every letter of length difference costs at least a vowel's indel: skip the pairs whose
    # score that makes 0, or below the floor.
    gap = abs(len(key_w) - len(key_c)) * _VOWEL_INDEL
    if gap * scale >= _PHONETIC_MATCH or gap > limit:
        return 0.0
    score = _PHONETIC_MATCH - _distance(key_w, key_c, limit) * scale
    if _DIGITS_RE.findall(skel_w) != _DIGITS_RE.findall(skel_c):
        score *= _DIGIT_MISMATCH
    return min(1.0, max(0.0, score))


# When the best two candidates score closer than this, the written form is ambiguous.
_AMBIGUITY_MARGIN = 0.06


def match_identifier(
    written: str, candidates: Sequence[str], *, threshold: float = 0.75
) -> str | None:
    """The candidate that `written` most likely stands for, or None.

    An exact candidate wins outright. Otherwise None when no candidate reaches `threshold`,
    or when the best two are too close to tell apart (several candidates share the written
    skeleton, or the runner-up is within a small margin of the best).
    """
    if not candidates:
        return None
    if written in candidates:
        return written
    # A candidate below threshold - margin cannot win nor make the best ambiguous.
    floor = max(0.0, threshold - _AMBIGUITY_MARGIN)
    scored: dict[str, float] = {}
    for candidate in candidates:
        scored[candidate] = similarity(written, candidate, floor)
    ranking = sorted(scored.items(), key=lambda item: item[1], reverse=True)
    best, best_score = ranking[0]
    if best_score < threshold:
        return None
    if len(ranking) > 1:
        runner_up = ranking[1][1]
        if best_score - runner_up < _AMBIGUITY_MARGIN:
            return None
    return best


def is_damaged_identifier(written: str, canonical: str, *, threshold: float = 0.75) -> bool:
    """True when `written` differs from `canonical` yet most likely stands for it.

    Covers transliteration (`улресервед` for `ulReserved`), case changes
    (`IMAPISession:: LOGOFF`) and inserted spaces or punctuation (`MAPIObjects. cpp`).
    Surrounding whitespace alone is not damage.
    """
    if written.strip() == canonical.strip():
        return False
    return similarity(written, canonical, threshold) >= threshold
