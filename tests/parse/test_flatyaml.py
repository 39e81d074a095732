"""The flat front matter reader gives the full YAML loader's value, or steps aside."""

import random

import pytest

from reflingo.parse.flatyaml import read_flat
from reflingo.parse.frontmatter import _YAML_ERRORS, _yaml

DOCFX = """title: IMAPISessionLogoff
manager: soliver
ms.date: 03/09/2015
api_name:
- IMAPISession.Logoff
api_type:
- COM
description: 'Дата последнего изменения: 9 марта 2015 г.'
ms.locfileid: "32338110"
empty:
localization_priority: Normal"""


def _full(text):
    try:
        return _yaml(text)
    except _YAML_ERRORS as exc:
        return exc


def test_docfx_front_matter_is_read_as_yaml_reads_it():
    flat = read_flat(DOCFX)
    assert flat == _yaml(DOCFX)
    assert flat["api_name"] == ["IMAPISession.Logoff"] and flat["empty"] is None
    assert flat["ms.locfileid"] == "32338110" and flat["ms.date"] == "03/09/2015"
    assert list(flat) == list(_yaml(DOCFX))


@pytest.mark.parametrize("text", [
    "a: yes", "a: 12", "a: 0x1F", "a: 2019-01-01", "a: ~", "a: null", "true: b", "a: 1.5",
    "a: 'x' # c", 'a: "x\\"y"', "a: &x b", "a: *x", "a: !!str b", " a: b", "a: b\n  c",
    "a: b\u2028c", "a: b\x85c", "a: b\rc", "a:\tb", "a: b\t", "- a", "a: b\n- c", "a: b: c",
    "a: b #c", "# comment", "a: [b, c]", "a: {b: c}", "a: |\n  b", "a: >\n  b", "a: 'b",
    "a: b:", "a: %b", "a: @b", "a: `b`", "a:b", "\ufeffa: b", "a: b\x00", "a:\n-", "a:\n  - b",
    "a: =", "a: <<",
])
def test_what_is_outside_the_subset_goes_to_the_full_loader(text):
    assert read_flat(text) is None


def test_random_front_matter_agrees_with_the_full_loader():
    """Random texts built from the subset's edges: whatever the reader accepts, YAML reads
    the same (keys, order, values and their types)."""
    rng = random.Random(7)
    keys = ["title", "ms.date", "api_name", "a_b", "x-y", "yes", "null", "On", "k1"]
    pieces = ["IMAPISession", " ", "  ", ":", ": ", "#", " #", "'", "''", '"', "\\", "-", "- ",
              "1", "0x10", "2015-03-09", "03/09/2015", "true", "~", "é", "Дата", "\t", ",", "[",
              "]", "{", "&a", "*a", "!", "|", ">", "%", "@", "`", "=", "\u00a0", "\U0001F600"]
    safe = ["IMAPISession", "Logoff", "é", "Дата", " ", "1", "03/09/2015", "C#", "a:b", ".", "x"]
    accepted = refused = 0
    for _ in range(4000):
        lines = []
        for _ in range(rng.randint(1, 3)):
            source = safe if rng.random() < 0.85 else pieces
            value = "".join(rng.choice(source) for _ in range(rng.randint(0, 4)))
            if rng.random() < 0.3:
                value = rng.choice(["'", '"']) + value + rng.choice(["'", '"', ""])
            lines.append(f"{rng.choice(keys)}:{rng.choice([' ', '', '  '])}{value}")
            for _ in range(rng.choice([0, 0, 1, 2])):
                source = safe if rng.random() < 0.85 else pieces
                lines.append("- " + "".join(rng.choice(source) for _ in range(rng.randint(1, 3))))
        text = "\n".join(lines)
        flat = read_flat(text)
        if flat is None:
            refused += 1
            continue
        accepted += 1
        full = _full(text)
        assert flat == full, text
        assert list(flat) == list(full), text
        assert [type(v) for v in flat.values()] == [type(v) for v in full.values()], text
        for key, value in flat.items():
            if isinstance(value, list):
                assert [type(v) for v in value] == [type(v) for v in full[key]], text
    assert accepted > 250 and refused > 250   # both sides of the subset were exercised
