"""The model task's item JSON: the C encoder's text is the text of the careful walk
(:func:`item_data` then `json.dumps`), for the seeds and for front matter JSON cannot hold
as it is (a NaN, keys that are not strings, dates)."""

from __future__ import annotations

import json

from reflingo.corpus import build_corpus
from reflingo.reports.model import item_data, item_json
from test_hostile_frontmatter import parse, with_fields


def careful(item) -> str:
    return json.dumps(item_data(item), ensure_ascii=False, allow_nan=False,
                      separators=(",", ":"))


def test_item_json_is_the_careful_text_for_every_seed_item(seeds_corpus):
    assert seeds_corpus.items
    for item in seeds_corpus.items:
        assert item_json(item) == careful(item)


def item_of(extra: str):
    """The one item of the hostile front matter tests' page, with `extra` front matter."""
    (item,) = build_corpus([parse(with_fields(extra))]).items
    return item


def test_front_matter_values_json_cannot_hold_take_the_careful_way():
    for extra in ("ratio: .nan", "big: -.inf", "true: yes-key", "1: int-key",
                  "when: 2020-01-02", "~: null-key", "nested: {a: [1, 2.5, {b: .inf}]}",
                  "? [a, b]\n: list-key"):
        item = item_of(extra)
        text = item_json(item)
        assert text == careful(item), extra
        json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


def test_bool_and_null_keys_are_written_as_python_names_not_json_literals():
    data = json.loads(item_json(item_of("true: a\n~: b")))
    fields = data["pages"]["es-ES"]["front"]["fields"]
    assert fields["True"] == "a" and fields["None"] == "b"
