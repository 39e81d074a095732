"""Repeated phrases (RL621): a word, a short phrase or a parenthesised group repeated
immediately, as machine translation stutters ("del mensaje del mensaje").

:func:`repetitions` is the rule; it reads one line as tokens. It is costly (a tokenisation per
line) and only about one body line in four thousand holds a repetition, so
:func:`repetition_lines` first reads the whole page with a handful of passes in C and returns
the lines worth that cost. The filter is *sound*: every line for which :func:`repetitions`
reports something is among the lines it returns (it may return more). The argument, in its
docstring, leans on the rule's token definitions: a change to :data:`_TOKEN`, :data:`_MASKED`,
:func:`_wordlike` or :data:`_MAX_GROUP` must be checked against it.

A translation is held to its reference: a repetition whose aligned English text repeats a word
too ("message site of the message" -> "sitio del mensaje del mensaje") translates the source
and is not reported; a fix (deleting the second copy) is offered only when the aligned English
is known and repeats nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress, count as count_from
from operator import eq
from typing import Iterator

from reflingo.checks.align import aligned_text
from reflingo.checks.casefold import casefolded_utf8
from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.text import LONG_LINE, body_numbers, body_text
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.model import ApiItem, Page
from reflingo.parse.inline import branch, strip_bilingual, sub_branches


@check("RL621", Category.DUPLICATE, Severity.WARNING)
def repeated_phrase(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A word or short phrase is repeated immediately (a machine-translation stutter).

    Bad:  `## <a name="mfcmapi-reference"></a>MFCMAPI (engl.) (engl.)`
    Good: `## <a name="mfcmapi-reference"></a>MFCMAPI-Referenz`

    A line longer than :data:`~reflingo.checks.text.LONG_LINE` (10,000 characters) is not read:
    the rule tokenises each line it reads, at many times the cost of a scan. A repetition the
    aligned English text has too is not reported; the second copy is deleted only when that
    text is known and repeats nothing.
    """
    page = item.pages[locale]
    ref = ctx.reference(item, locale)
    lang = locale.split("-")[0].lower()
    numbers = repetition_lines(page)  # the few lines that may hold one (None: any line)
    for n in body_numbers(page) if numbers is None else numbers:
        line = page.lines[n - 1]
        if len(line) > LONG_LINE:
            continue
        for start, mid, end, size in repetitions(line, lang):
            phrase = line[start:mid]
            exact = line[mid:end].strip() == phrase
            source = aligned_text(item, page, ref, n) if ref is not None else \
                _bilingual_source(line)
            where = (start + 1) / (len(line) + 1)
            if source is not None and repeats_a_word(source, where):
                continue                    # the English says it twice there: a translation
            certain = exact and (size > 1 or phrase.startswith("(")) and "data-ttu-id" not in line \
                and source is not None and not repeats_a_word(source, None, FIX_WINDOW, plurals=True)
            fix = Fix(line=n, column=mid + 1, old=line[mid:end], new="") if certain else None
            yield finding("RL621", page, n, f"'{phrase}' is repeated", item=item,
                          column=start + 1, expected=phrase, actual=line[start:end], fix=fix)


_ENGLISH_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: English words that repeat in any sentence without saying anything twice.
_FUNCTION_WORDS = frozenset("""the and for that this with are was were not but from has have
can may any all its their which when then than into also will use used each other more""".split())
REPEAT_WINDOW = 4
"""Words apart at most (every word counted) for two occurrences of a content word to count as
the source saying it twice; a wider window takes ordinary prose ("the state machine is a
deterministic state machine") for a repetition."""


PLACE_WINDOW = 0.2
"""How far (as a share of the text) the English repetition may stand from the translation's."""


FIX_WINDOW = 8
"""The same, for the source to be known to say nothing twice, so that the second copy may be
deleted: wider, anywhere in the aligned text, and a word and its plural count as one
("property set names of named properties"), since a fix removes text."""


def repeats_a_word(text: str, where: float | None = None, window: int = REPEAT_WINDOW,
                   plurals: bool = False) -> bool:
    """Whether a content word (three letters or more) comes twice within `window` words of the
    text ("message site of the message", "entries from entries", "Encapsulation
    Format (TNEF) format"); with `where` (the translation's repetition, as a share of its line),
    only a repetition at about the same place of the text counts."""
    words = [w.casefold() for w in _ENGLISH_WORD.findall(strip_markup(text))]
    if plurals:                          # a word and its plural count as one word
        words = list(map(_singular, words))
    last: dict[str, int] = {}
    for i, w in enumerate(words):
        if len(w) < 3 or w in _FUNCTION_WORDS:
            continue
        if w in last and i - last[w] <= window:
            if where is None or abs((last[w] + 1) / (len(words) + 1) - where) <= PLACE_WINDOW:
                return True
        last[w] = i
    return False


def _singular(word: str) -> str:
    """An English word without its plural ending ("properties" -> "property", "entries" ->
    "entry", "messages" -> "message"): "property set names of named properties" says the word
    twice."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def strip_markup(text: str) -> str:
    """The text without link targets, tags and code spans."""
    return sub_branches(_MASKED, lambda m: " ", text)


def _bilingual_source(line: str) -> str | None:
    return strip_bilingual(line)[1]


# --- repeated phrases: the rule ----------------------------------------------------------------

_BARRIER = "\x00"
_MASKED = (
    branch('<span class="sxs-lookup">', r".*?</span></span>"),        # bilingual source text
    branch("`", r"[^`\n]*`"),                                         # inline code
    branch(r"\]\(", r"(?:[^()\s]|\([^()\s]*\))*\)", "opener"),       # link targets (the text is kept)
    branch("<", r"[^<>\n]*>", "opener"), branch("https?://", r"\S+", "opener"))  # tags, bare URLs
_TOKEN = re.compile(r"\([^()\n\x00]{1,40}\)|[\w'’\ufffd]+(?:(?:::|[-./])[\w'’\ufffd]+)*|\x00+|\S")
_CODE_WORD = re.compile(r"[\d_]|::|[a-z][A-Z]|^[A-Z]{2,}")
#: Words whose immediate repetition is grammatical ("..., die die Schnittstelle ...").
_REDUPLICATIONS = {
    "de": {"die", "der", "das", "den", "dem", "des", "sie", "es"},
    "en": {"that", "had", "is"},
}
#: Preposition + article pairs whose repetition is grammatical: the first opens a phrase whose
#: noun comes after an attribute that holds the second ("in der in der Headerdatei
#: veröffentlichten Spezifikation": "in the specification published in the header file").
_NESTED_ATTRIBUTES = {
    "de": ({"in", "an", "auf", "aus", "bei", "mit", "nach", "von", "vor", "zu", "für", "über",
            "unter", "durch", "gegen", "ohne", "um", "zwischen", "hinter", "neben"},
           {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einen", "einer",
            "eines"}),
}
#: Words after which a repeated verb phrase is grammatical ("changes that are made are made").
_RELATIVES = {"en": {"that", "which", "who"}}
#: Nouns that nest legitimately: "a pointer to a pointer to", "bit a bit" (bitwise, es/pt).
_NESTING = {
    "pointer", "pointers", "puntero", "punteros", "ponteiro", "ponteiros", "zeiger",
    "указатель", "указатели", "указателя", "указателей", "ссылка", "ссылки", "bit",
}
#: The longest repeated group, in tokens.
_MAX_GROUP = 4

_WORD = re.compile(r"\w+")


def _maybe_repeated(line: str) -> bool:
    """A cheap necessary condition: some run of d <= 12 words is followed by the same d words
    (a repeated group of tokens repeats its words)."""
    words = _WORD.findall(line.casefold())
    if len(words) == len(set(words)):
        return False
    for d in range(1, min(12, len(words) // 2) + 1):
        same = bytes(map(eq, words, words[d:]))       # same[k]: word k == word k + d
        if b"\x01" * d in same:
            return True
    return False


def _tokens(line: str) -> list[re.Match[str]]:
    masked = sub_branches(_MASKED, lambda m: _BARRIER * len(m.group(0)), line)
    return list(_TOKEN.finditer(masked))


def _wordlike(tok: str) -> bool:
    return (tok.startswith("(") or tok[0].isalpha()) and not _CODE_WORD.search(tok)


def repetitions(line: str, lang: str) -> Iterator[tuple[int, int, int, int]]:
    """(start of the first copy, end of the first copy, end of the second copy, group size)
    for each immediate repetition of 1-4 words or a parenthesised group.

    A group is 1-4 word-like tokens, each separated from the next by blanks only, followed
    (after blanks) by the same tokens, compared casefolded. Tokens are read from the left; a
    reported repetition is skipped as a whole, and at each token the smallest group that is
    repeated and not legitimate is the one reported. Nothing is reported on a line whose words
    do not repeat (:func:`_maybe_repeated`)."""
    toks = _tokens(line)
    folded = [t.group(0).casefold() for t in toks]
    count = len(toks)
    # Only where token i comes again n tokens on can a group of n tokens start.
    starts = sorted({i for n in range(1, _MAX_GROUP + 1)
                     for i in compress(count_from(), map(eq, folded, folded[n:]))})
    wordlike: dict[int, bool] = {}
    linked: dict[int, bool] = {}

    def is_word(k: int) -> bool:
        if k not in wordlike:
            wordlike[k] = _wordlike(toks[k].group(0))
        return wordlike[k]

    def is_linked(k: int) -> bool:
        """Tokens k and k + 1 are words separated by blanks only."""
        if k not in linked:
            end, start = toks[k].end(), toks[k + 1].start()
            linked[k] = (is_word(k) and is_word(k + 1) and end < start
                         and not line[end:start].strip(" \t"))
        return linked[k]

    resume = 0
    checked = False
    for i in starts:
        if i < resume or line[toks[i].end():toks[i].end() + 1] not in (" ", "\t"):
            continue  # a group starts with a token linked to the next one, by blanks
        for n in range(1, _MAX_GROUP + 1):
            if i + 2 * n > count or not all(map(is_linked, range(i, i + 2 * n - 1))):
                break
            if folded[i:i + n] != folded[i + n:i + 2 * n]:
                continue
            before = folded[i - 1] if i and is_word(i - 1) else ""
            if _legitimate(folded[i:i + n], before, lang):
                continue
            if not checked:  # also a condition of the rule, tested last: few lines get here
                if not _maybe_repeated(line):
                    return
                checked = True
            yield toks[i].start(), toks[i + n - 1].end(), toks[i + 2 * n - 1].end(), n
            resume = i + 2 * n
            break


def _legitimate(words: list[str], before: str, lang: str) -> bool:
    """Whether repeating `words` is grammatical or a known nesting idiom."""
    if len(words) == 1 and (words[0] in _REDUPLICATIONS.get(lang, ()) or len(words[0]) < 2):
        return True
    if len(words) == 2 and lang in _NESTED_ATTRIBUTES:
        prepositions, articles = _NESTED_ATTRIBUTES[lang]
        if words[0] in prepositions and words[1] in articles:
            return True
    return before in _RELATIVES.get(lang, ()) or any(w in _NESTING for w in words)


# --- repeated phrases: the filter --------------------------------------------------------------
#
# A word token of the rule is a run of *word characters* (`[\w'’\ufffd]`) with single joiners
# (`-`, `.`, `/` or `::`) between them. The filter turns the casefolded page into UTF-8 bytes in
# which every word-like token is one whitespace-separated chunk and what surrounds it is blank,
# so that a repeated group of n word tokens becomes n chunks followed by the same n chunks.

#: Non-ASCII characters that are not word characters (ASCII ones are handled by _TO_CHUNKS).
_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w'’\ufffd]")
#: The characters whose casefolded form holds a character of the other kind, word or not
#: (`İ` -> `i̇`: U+0307 is no word character; U+0345 is none, its fold `ι` is): derived with
#: Unicode 14 by comparing each character's kind with that of its casefold's characters.
_FOLD_CHANGES_KIND = re.compile(
    "[\u0130\u01f0\u0345\u0390\u03b0\u1e96-\u1e99\u1f50\u1f52\u1f54\u1f56\u1fb6\u1fb7"
    "\u1fc6\u1fc7\u1fd2\u1fd3\u1fd6\u1fd7\u1fe2\u1fe3\u1fe4\u1fe6\u1fe7\u1ff6\u1ff7]")
#: What those characters fold into that changes kind: combining marks U+0300-U+0342, and ι.
_FOLD_CHANGED = re.compile("[\u0300-\u0342\u03b9]")
_JOINER = b"\x01"
_BLANKED = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'-./\n"))
#: ASCII characters other than word characters, joiners and newlines -> blanks; joiners ->
#: _JOINER (`:` is a blank: a token joined by `::` is never word-like).
_TO_CHUNKS = bytes.maketrans(_BLANKED + b"-./", b" " * len(_BLANKED) + _JOINER * 3)
#: A word character in the casefolded bytes once non-ASCII separators are blanked (every byte
#: from 0x80 on then belongs to one).
_WORD_BYTE = rb"[0-9a-z_'\x80-\xff]"
#: A URL right after a word character or a joiner: the rule masks it from its `h` on, so
#: it must not be read as part of a word (`wordhttps://`, `word-https://`).
_GLUED_URL = re.compile(rb"http(?<=[0-9a-z_'\x80-\xff./-]http)s?://")
_GROUP_BYTES = rb"\([^()\n]{1,480}\)"  # 40 characters, each casefolded to at most 3 of 4 bytes
_WORD_TOKEN_BYTES = rb"%s++(?:(?:::|[-./])%s++)*+" % (_WORD_BYTE, _WORD_BYTE)
#: A parenthesised group, blanks, up to 3 tokens with blanks after each, the group again; or
#: a `(` followed by a blank. Both start with the `(`, which the search looks for alone.
_GROUP_AGAIN = re.compile(rb"\((?:(?=[ \t])|([^()\n]{1,480}\))(?:[ \t]++(?:%s|%s)){0,3}?"
                          rb"[ \t]++\(\1)" % (_GROUP_BYTES, _WORD_TOKEN_BYTES))
_CODE_CHARS = re.compile(r"[\d_]")


def repetition_lines(page: Page) -> list[int] | None:
    """The body lines (in order) where :func:`repetitions` may report something, or None when
    the page holds a character whose casefolding changes what is a word character (`İ`,
    U+0345): the caller then has to try every body line.

    Why no line is missed. What the rule reports is a group of n = 1..4 word-like tokens,
    each a *word token*, a *parenthesised group* or a `(` that opens none, followed by the
    same tokens (casefolded), with nothing but blanks between the 2n tokens. It lies outside
    the spans the rule masks, so it stands in the page's text as it is, and casefolding keeps
    which characters are word characters (but for the characters of
    :data:`_FOLD_CHANGES_KIND`: None).

    - If it holds a parenthesised group, that group comes again after blanks and n - 1 <= 3
      more tokens, each followed by blanks: :data:`_GROUP_AGAIN`.
    - If it holds a `(` that opens no group, that `(` is followed by blanks (a token of the
      first copy has one after it): :data:`_GROUP_AGAIN` finds it (the chunks below cannot:
      the `(` is blanked, and the group may hold no other token, or one of one character).
    - Otherwise it is 2n word tokens. The character before the first one and the one after
      the last one are no word characters (the tokeniser would have read on); if either is a
      joiner, the character past it is no word character either (the joiner would have
      joined). The page becomes bytes in which non-word characters are blanks, except that
      joiners are kept when alone between word characters (then deleted: `name-string` ->
      `namestring`) and dropped when next to a blank; two joiners side by side become blanks.
      Each token is then one chunk and the characters around the group are blank or gone, so
      the group is n chunks followed by the same n chunks, which :func:`_repeated_groups`
      finds. One character after the group may be a word character: the `h` of a URL the
      rule masks (`wordhttps://...`); :data:`_GLUED_URL` has it cut off first.

    A group of chunks is dropped when the tokens cannot be word-like (a chunk starts with no
    letter or holds a digit or `_`), when it spans two lines, or when it is one chunk of one
    ASCII character (a word of one character is legitimate); each holds of the chunk exactly
    when it holds of the token.

    Lines longer than :data:`~reflingo.checks.text.LONG_LINE`, which the rule does not read, are
    left out."""
    text = body_text(page)
    if len(text) > LONG_LINE:
        text = "\n".join("" if len(line) > LONG_LINE else line for line in text.split("\n"))
    data, non_ascii = casefolded_utf8(text)
    if non_ascii:
        if not non_ascii.isalpha():
            separators = set(_NON_ASCII_SEPARATOR.findall(non_ascii))
            if _FOLD_CHANGED.search("".join(separators)) and _FOLD_CHANGES_KIND.search(text):
                return None
            for char in separators:
                encoded = char.encode("utf-8", "surrogatepass")
                data = data.replace(encoded, b" " * len(encoded))
        if "\u03b9" in non_ascii and _FOLD_CHANGES_KIND.search(text):
            return None
    found = set()
    if b"(" in data:
        found.update(data.count(b"\n", 0, m.start()) + 1 for m in _GROUP_AGAIN.finditer(data))
    if b"http" in data and _GLUED_URL.search(data):
        data = data.replace(b"https://", b" https://").replace(b"http://", b" http://")
    data = data.translate(_TO_CHUNKS).replace(_JOINER * 2, b"  ").replace(_JOINER, b"")
    found.update(_repeated_chunk_lines(data))
    return sorted(found)


def _repeated_chunk_lines(data: bytes) -> Iterator[int]:
    """Lines of `data` where a group of 1-4 chunks is followed by the same chunks, the chunks
    possibly word-like tokens (see :func:`repetition_lines`)."""
    chunks = data.split()
    ends: list[int] = []  # chunks to each line's end, counted once a group needs its line
    found: set[int] = set()
    wordlike: dict[bytes, bool] = {}  # chunk -> whether its token may be word-like
    for k, size in _repeated_groups(chunks):
        if not (size > 1 or len(chunks[k]) > 1) or not all(
                wordlike[chunk] if chunk in wordlike else
                wordlike.setdefault(chunk, _may_be_word(chunk)) for chunk in chunks[k:k + size]):
            continue
        if not ends:
            ends = list(accumulate(map(len, map(bytes.split, data.split(b"\n")))))
        line = bisect_right(ends, k)
        if line not in found and bisect_right(ends, k + 2 * size - 1) == line:
            found.add(line)  # a line once, and a group within a line
            yield line + 1


def _may_be_word(chunk: bytes) -> bool:
    word = chunk.decode("utf-8", "surrogatepass")
    return word[0].isalpha() and not _CODE_CHARS.search(word)


def _repeated_groups(chunks: list[bytes]) -> Iterator[tuple[int, int]]:
    """(first chunk, size) of each group of 1-4 chunks followed by the same chunks.

    Chunks are first compared by their lengths, all at once: the lengths are the bytes of a
    big integer, which XORed with itself shifted by `size` bytes has a zero byte where chunk
    k and chunk k + size are as long. Only where `size` such bytes follow each other are the
    chunks themselves compared."""
    try:
        lengths = bytes(map(len, chunks))
    except ValueError:  # a chunk of 256 bytes or more
        lengths = bytes(min(len(chunk), 255) for chunk in chunks)
    as_int = int.from_bytes(lengths, "little")
    for size in range(1, _MAX_GROUP + 1):
        agree = ((as_int >> 8 * size) ^ as_int).to_bytes(len(chunks), "little")
        run = bytes(size)
        k = agree.find(run)
        while k >= 0:
            if chunks[k] == chunks[k + size] and \
                    (size == 1 or chunks[k:k + size] == chunks[k + size:k + 2 * size]):
                yield k, size
            k = agree.find(run, k + 1)
