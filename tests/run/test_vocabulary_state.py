"""The U+FFFD repair vocabulary kept from run to run: after a change, only the changed files are
read, and the repairs are always those of reading every file."""

from __future__ import annotations

import random

from reflingo.run.discover import digest_of
from reflingo.run.scan import repair_vocabulary, updated_vocabulary

WORDS = ["Änderung", "Anderung", "März", "Mörz", "Größe", "Grüße", "señal", "sesión", "función",
         "Über", "Öffnen", "plain", "words"]


class Tracked:
    """A source file whose reads are counted."""

    def __init__(self, path: str, text: str, reads: list[str]) -> None:
        self.path, self._data, self.reads = path, text.encode(), reads
        self.digest = digest_of(self._data)

    @property
    def data(self) -> bytes:
        self.reads.append(self.path)
        return self._data


def _damage(word: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(word) if not c.isascii()]
    return word if not letters else word.replace(word[rng.choice(letters)], "\ufffd", 1)


def _text(rng: random.Random, damaged: bool) -> str:
    words = rng.sample(WORDS, 4)
    if damaged:
        words.append(_damage(rng.choice(WORDS[:11]), rng))
    return "---\ntitle: x\n---\n" + " ".join(words) + "\n"


def test_repairs_after_each_change_are_those_of_reading_every_file():
    rng = random.Random(7)
    reads: list[str] = []
    texts = {f"p{n}.md": _text(rng, n % 3 == 0) for n in range(12)}
    state, partial = None, 0
    for step in range(60):
        files = [Tracked(p, t, reads) for p, t in sorted(texts.items())]
        reads.clear()
        repairs, state = updated_vocabulary(files, state)
        read = list(reads)
        assert repairs == repair_vocabulary(files), step
        if step:
            assert len(read) <= len(changed) or sorted(read) == sorted(f.path for f in files)
            partial += len(read) < len(files)
        # the next step: change, add or remove a file or two
        changed = set()
        for _ in range(rng.choice([1, 1, 2])):
            action = rng.random()
            if action < 0.7 or len(texts) < 4:
                path = rng.choice(sorted(texts)) if action < 0.6 else f"p{100 + step}.md"
                texts[path] = _text(rng, rng.random() < 0.3)
                changed.add(path)
            else:
                del texts[rng.choice(sorted(texts))]
    assert partial >= 20           # most steps read only the changed files


def test_a_change_that_brings_no_new_damaged_word_reads_that_file_only():
    reads: list[str] = []
    texts = {"a.md": "Letzte \ufffdnderung\n", "b.md": "Änderung und März\n", "c.md": "Text\n"}
    files = [Tracked(p, t, reads) for p, t in texts.items()]
    repairs, state = updated_vocabulary(files, None)
    assert repairs == {"\ufffdnderung": "Änderung"}
    texts["c.md"] = "Önderung\n"      # a second spelling: no repair is certain any more
    files = [Tracked(p, t, reads) for p, t in texts.items()]
    reads.clear()
    repairs, state = updated_vocabulary(files, state)
    assert reads == ["c.md"] and repairs == {}
    texts["c.md"] = "M\ufffdrz\n"     # a damaged word the state does not list: all are read
    files = [Tracked(p, t, reads) for p, t in texts.items()]
    reads.clear()
    repairs, _ = updated_vocabulary(files, state)
    assert sorted(reads) == ["a.md", "b.md", "c.md"]
    assert repairs == {"\ufffdnderung": "Änderung", "M\ufffdrz": "März"}


def test_a_state_of_the_wrong_shape_is_a_fresh_start():
    reads: list[str] = []
    files = [Tracked("a.md", "M\ufffdrz März\n", reads)]
    for state in ({"files": {"a.md": ["x"]}, "damaged": []}, {"files": []}, "junk", None):
        repairs, _ = updated_vocabulary(files, state)
        assert repairs == {"M\ufffdrz": "März"}
