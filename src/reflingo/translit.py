"""Undo machine transliteration of identifiers.

Machine translation damages identifiers in API reference pages. Russian pages spell them in
Cyrillic (`_улуипарам_` for `ulUIParam`, `Кмапиобжектс` for `CMapiObjects`), other locales
change their case (`IMAPISession:: LOGOFF`) or insert spaces (`MAPIObjects. cpp`). This module
romanises such text and scores how likely a written form stands for a canonical identifier.

Reversing a transliteration is ambiguous: English `c` becomes `к`, `с` or `ц`, `j` becomes `ж`
or `дж`, `x` becomes `кс`, `y` becomes `и`, `й` or `ы`, doubled letters may be kept or merged.
:func:`similarity` therefore compares several keys of both sides, from exact (the
:func:`skeleton`) to coarse (a phonetic key where the ambiguous letters fall together, and a
consonant key without vowels), and keeps the best, discounted by how coarse the key is.

All functions are pure and cached; they run millions of times over a corpus.
"""

from __future__ import annotations

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
_UPPER_CLASS = "A-Z\u0400-\u042f\u0460-\u052e\u0386-\u03ab"  # Latin, Cyrillic, Greek capitals
_ALLCAPS_RE = re.compile(
    f"(?<=[{_UPPER_CLASS}])[{_MULTI_UPPER}]|[{_MULTI_UPPER}](?=[{_UPPER_CLASS}])"
)
# Greek "ου" is one sound, /u/; letter by letter it would read "oy".
_GREEK_OU_RE = re.compile("([οΟ])([υύΥΎ])")

_CYRILLIC_RE = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_GREEK_RE = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_NON_LATIN_RE = re.compile("[\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f\u1f00-\u1fff\u2de0-\u2dff\ua640-\ua69f]")
_NOT_ALNUM_RE = re.compile("[^a-z0-9]+")
_COMBINING_RE = re.compile("[\u0300-\u036f]")


def has_cyrillic(text: str) -> bool:
    """True when `text` contains at least one Cyrillic character."""
    return _CYRILLIC_RE.search(text) is not None


def has_greek(text: str) -> bool:
    """True when `text` contains at least one Greek character."""
    return _GREEK_RE.search(text) is not None


def _greek_ou(match: re.Match[str]) -> str:
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

_ENGLISH_PHON_RE = re.compile("tch|ch|sh|ph|th|gh|ck|qu|wh|c(?=[eiy])|dg(?=e)|[cqxwy]")
_ENGLISH_PHON = {
    "tch": "C", "ch": "C", "sh": "S", "ph": "f", "th": "t", "gh": "g", "ck": "k", "qu": "kv",
    "wh": "v", "c": "k", "q": "k", "x": "ks", "w": "v", "y": "i", "dg": "j",
}  # fmt: skip
# Russian renderings of the same English letters, in the phonetic alphabet: дж = j.
_RUN_RE = re.compile(
    "(?P<cyr>[\u0400-\u052f]+)|(?P<grk>[\u0370-\u03ff\u1f00-\u1fff]+)|(?P<lat>[a-z0-9]+)"
)
_DOUBLE_RE = re.compile(r"(.)\1+")
_VOWELS_RE = re.compile("[aeiou]+")


def _english_phon(match: re.Match[str]) -> str:
    token = match.group()
    if token[0] == "c" and len(token) == 1 and match.end() < len(match.string):
        if match.string[match.end()] in "eiy":
            return "s"
    return _ENGLISH_PHON[token]


def _greek_digraph(match: re.Match[str]) -> str:
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
        if kind == "cyr":
            parts.append(chunk.replace("дж", "j").translate(_CYRILLIC_PHON))
        elif kind == "grk":
            chunk = _GREEK_DIGRAPH_RE.sub(_greek_digraph, chunk)
            parts.append(chunk.translate(_GREEK_PHON))
        else:
            parts.append(_ENGLISH_PHON_RE.sub(_english_phon, chunk))
    return _DOUBLE_RE.sub(r"\1", "".join(parts))


@lru_cache(maxsize=1 << 17)
def _consonants(text: str) -> str:
    """The consonant key: the phonetic key without vowels after the first letter, z as s."""
    key = _phonetic(text)
    if not key:
        return key
    tail = _VOWELS_RE.sub("", key[1:]).replace("z", "s")
    return _DOUBLE_RE.sub(r"\1", key[0] + tail)


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _levenshtein_ratio(a: str, b: str) -> float:
    """1 - edit distance / length of the longer string; 1.0 for two empty strings."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    if la < lb:
        a, b, la, lb = b, a, lb, la
    previous = list(range(lb + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        append = current.append
        for j, cb in enumerate(b, 1):
            cost = previous[j - 1] + (ca != cb)
            insert = current[j - 1] + 1
            delete = previous[j] + 1
            append(min(cost, insert, delete))
        previous = current
    return 1.0 - previous[lb] / la


# How much each key is trusted: a perfect match on a coarser key is weaker evidence.
_PHONETIC_WEIGHT = 0.97
_CONSONANT_WEIGHT = 0.9
# Consonant keys this short carry almost no information.
_MIN_CONSONANTS = 3


@lru_cache(maxsize=1 << 18)
def similarity(written: str, canonical: str) -> float:
    """How likely `written` is a damaged rendering of `canonical`, in [0, 1].

    1.0 when their skeletons are equal (case change, inserted spaces or punctuation).
    Otherwise the best of three comparisons: the romanised skeletons, the phonetic keys (where
    `к`/`с`/`ц` meet English `c`, `ж`/`дж` meet `j`, `кс` meets `x`, doubled letters merge) and
    the consonant keys (vowels dropped), each discounted by how coarse it is.
    """
    skel_w, skel_c = skeleton(written), skeleton(canonical)
    if not skel_w or not skel_c:
        return 0.0
    if skel_w == skel_c:
        return 1.0
    best = _levenshtein_ratio(skel_w, skel_c) * 0.99
    phon_w, phon_c = _phonetic(written), _phonetic(canonical)
    if phon_w and phon_c:
        best = max(best, _levenshtein_ratio(phon_w, phon_c) * _PHONETIC_WEIGHT)
        cons_w, cons_c = _consonants(written), _consonants(canonical)
        if min(len(cons_w), len(cons_c)) >= _MIN_CONSONANTS:
            best = max(best, _levenshtein_ratio(cons_w, cons_c) * _CONSONANT_WEIGHT)
    return best


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
    scored: dict[str, float] = {}
    for candidate in candidates:
        scored[candidate] = similarity(written, candidate)
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
    """
    if written == canonical:
        return False
    return similarity(written, canonical) >= threshold
