"""The raw-file scan: what the checks need beyond one item, computed once in the parent
process from the files' bytes before the workers start.

The context is small and picklable: it travels with the task to every worker (no reliance on
`fork`). Its digest goes into the cache key, so a cached result is never reused under a
different context, selection or configuration.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from typing import Callable, Iterable, Sequence

from reflingo.checks.context import CheckContext
from reflingo.checks.encoding import DAMAGED_WORD, REPLACEMENT, repair_candidates
from reflingo.config import Config
from reflingo.run.discover import SourceFile

_FFFD_BYTES = REPLACEMENT.encode()
# Bytes that may be part of a word: ASCII letters, digits, `_`, and every non-ASCII byte
# (whole UTF-8 sequences; non-letters among them are split off after decoding).
_WORD_BYTES = frozenset(range(0x30, 0x3A)) | frozenset(range(0x41, 0x5B)) | \
    frozenset(range(0x61, 0x7B)) | {0x5F} | frozenset(range(0x80, 0x100))
_NOT_WORD = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))
_WORD = re.compile(r"\w+")
# Same tokens as the encoding check (RL101) looks up: word characters and U+FFFD.


def build_context(sources: Sequence[SourceFile], config: Config | None = None,
                  vocabulary_of: Callable[[str, list[SourceFile]], dict[str, str]] | None = None
                  ) -> CheckContext:
    """The corpus-wide context: pages per locale, U+FFFD repairs, the configured settings.
    `vocabulary_of(locale, files)` computes a locale's repairs (default: :func:`repair_vocabulary`;
    a caller may remember them by the files' digests)."""
    by_locale: dict[str, list[SourceFile]] = defaultdict(list)
    for s in sources:
        by_locale[source_locale(s)].append(s)
    names: dict[str, str] = {}  # one string object per path: the context pickles small
    existing = {loc: frozenset(names.setdefault(s.rel_path, s.rel_path) for s in files)
                for loc, files in sorted(by_locale.items())}
    vocabulary = {}
    for loc, files in sorted(by_locale.items()):
        repairs = vocabulary_of(loc, files) if vocabulary_of else repair_vocabulary(files)
        if repairs:
            vocabulary[loc] = repairs
    settings = {tag: dict(values) for tag, values in (config.locales if config else {}).items()}
    return CheckContext(existing=existing, vocabulary=vocabulary, settings=settings)


def source_locale(s: SourceFile) -> str:
    """The locale the parser will give the page (decided once, when the file was found)."""
    return s.locale or "und"


def repair_vocabulary(files: Iterable[SourceFile]) -> dict[str, str]:
    """Damaged word (holding U+FFFD) -> its only spelling among the words of `files`.

    Works on the distinct raw lines of the files (pages share most of their lines), without
    decoding whole files; only words with a non-ASCII letter can be a repair, since the lost
    bytes were never ASCII.
    """
    data = b"\n".join(s.data for s in files)
    damaged = _damaged(data)
    return repairs_among(damaged, _words(data)) if damaged else {}


def updated_vocabulary(files: Sequence[SourceFile], state: object
                       ) -> tuple[dict[str, str], dict]:
    """:func:`repair_vocabulary` of `files`, reading only the files that changed since the
    run that left `state` (what this returned then as its second value; None: none). Returns
    the repairs and the state to keep for the next run.

    The state holds, for each file, its digest, its damaged words and its *candidates*: its
    words that may repair one of the damaged words the state lists. While no file brings a
    damaged word the state does not list, the repairs follow from the candidates alone;
    otherwise, or when most files changed, every file is read again."""
    known = state.get("files") if isinstance(state, dict) else None
    listed = state.get("damaged") if isinstance(state, dict) else None
    per_file: dict[str, list] = {}
    changed = []
    if isinstance(known, dict) and isinstance(listed, list):
        for s in files:
            entry = known.get(s.path)
            if _entry_ok(entry) and entry[0] == s.digest:
                per_file[s.path] = entry
            else:
                changed.append(s)
    if not per_file or 2 * len(changed) > len(files):
        return _vocabulary_state(files)
    read = {s.path: file_words(s.data) for s in changed}
    for s in changed:
        per_file[s.path] = [s.digest, sorted(read[s.path][0]), []]
    damaged = {w for entry in per_file.values() for w in entry[1]}
    if not damaged <= set(listed):
        return _vocabulary_state(files, read)
    for s in changed:
        per_file[s.path][2] = sorted(candidates(damaged, read[s.path][1]))
    pool = {w for entry in per_file.values() for w in entry[2]}
    state = {"damaged": sorted(damaged), "files": per_file}
    return repairs_among(damaged, pool), state


def _entry_ok(entry: object) -> bool:
    return isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str) \
        and all(isinstance(part, list) and all(isinstance(w, str) for w in part)
                for part in entry[1:])


def _vocabulary_state(files: Sequence[SourceFile],
                      read: dict[str, tuple[set[str], set[str]]] | None = None
                      ) -> tuple[dict[str, str], dict]:
    """:func:`updated_vocabulary` with every file read (but those in `read`, path ->
    :func:`file_words`, read already)."""
    read = read or {}
    parts = {s.path: (s.digest, *(read.get(s.path) or file_words(s.data))) for s in files}
    damaged = {w for _digest, found, _words in parts.values() for w in found}
    words = {w for _digest, _found, found in parts.values() for w in found}
    wanted = candidates(damaged, words)
    state = {"damaged": sorted(damaged),
             "files": {path: [digest, sorted(found), sorted(wanted & words_of)]
                       for path, (digest, found, words_of) in parts.items()}}
    return repairs_among(damaged, words) if damaged else {}, state


def file_words(data: bytes) -> tuple[set[str], set[str]]:
    """(the damaged words, the words with a non-ASCII letter) of one file: what
    :func:`repair_vocabulary` reads of it."""
    return _damaged(data), _words(data)


def _damaged(data: bytes) -> set[str]:
    """The words holding U+FFFD on the lines of `data` that hold one."""
    return {w for line in _lines_holding(data, _FFFD_BYTES)
            for w in DAMAGED_WORD.findall(line.decode("utf-8", "replace"))
            if w.strip(REPLACEMENT)}


def candidates(damaged: Iterable[str], words: Iterable[str]) -> set[str]:
    """The words that are a possible repair of one of the damaged words."""
    by_first, by_last, pool = _buckets(words)
    found: set[str] = set()
    for word in damaged:
        found |= repair_candidates(word, _bucket(word, by_first, by_last, pool))
    return found


def repairs_among(damaged: Iterable[str], words: Iterable[str]) -> dict[str, str]:
    """Damaged word -> its only possible repair among `words`, for those that have one."""
    by_first, by_last, pool = _buckets(words)
    repairs = {}
    for word in sorted(damaged):
        found = repair_candidates(word, _bucket(word, by_first, by_last, pool))
        if len(found) == 1:
            repairs[word] = found.pop()
    return repairs


def _bucket(word: str, by_first: dict[str, list[str]], by_last: dict[str, list[str]],
            pool: list[str]) -> Iterable[str]:
    if word[0] != REPLACEMENT:
        return by_first.get(word[0], ())
    if word[-1] != REPLACEMENT:
        return by_last.get(word[-1], ())
    return pool


def _lines_holding(data: bytes, needle: bytes) -> set[bytes]:
    """The distinct lines of `data` that hold `needle` (one scan for the needle)."""
    lines: set[bytes] = set()
    pos = data.find(needle)
    while pos >= 0:
        start = data.rfind(b"\n", 0, pos) + 1
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        lines.add(data[start:end])
        pos = data.find(needle, end)
    return lines


def _words(data: bytes) -> set[str]:
    """The words of `data` holding a non-ASCII character: the words of its tokens (runs of
    word bytes) that hold no U+FFFD. The distinct tokens are decoded together, a space between
    two (a word never spans a space)."""
    tokens = [t for t in set(data.translate(_NOT_WORD).split())
              if not t.isascii() and _FFFD_BYTES not in t]
    return {w for w in _WORD.findall(b" ".join(tokens).decode("utf-8", "replace"))
            if not w.isascii()}


def _buckets(words: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
    """The words by first and by last character, and all of them in order."""
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for w in words:
        by_first[w[0]].append(w)
        by_last[w[-1]].append(w)
    return by_first, by_last, sorted(words)


def context_digest(ctx: CheckContext, codes: Sequence[str]) -> str:
    """A short hash of everything besides the files that decides a group's check results."""
    data = {
        "codes": sorted(codes),
        "existing": {loc: sorted(paths) for loc, paths in ctx.existing.items()},
        "vocabulary": ctx.vocabulary,
        "settings": ctx.settings,
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
