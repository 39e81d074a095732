"""Hostile front matter: YAML that expands, refers to itself, nests without end, carries tags
outside the plain values or values their constructors cannot read. Each is one RL005 on its
line, the rest of the page is still read, and the page still serializes."""

from __future__ import annotations

import datetime
import json
import time
import tracemalloc

import pytest

from reflingo.parse import parse_text
from reflingo.reports.model import to_data

# Line numbers used below:  2 title   4 ms.date   7 (a field inserted before the fence)
FRONT = """\
---
title: IFooBar
description: 'Última modificación: 09 de marzo de 2015'
ms.date: 03/09/2015
ms.assetid: 11111111-2222-3333-4444-555555555555
ms.contentlocale: es-ES
---
"""
BODY = """# IFoo::Bar

**Se aplica a**: Outlook 2013

Cierra un widget.

```cpp
HRESULT Bar(
  ULONG ulFlags
);
```

## Parameters

 _ulFlags_

> [in] Reservado; debe ser cero.
"""
PAGE = FRONT + BODY
INSERTED = 7
"""The line of the first field that :func:`with_fields` inserts."""


def with_fields(yaml: str) -> str:
    """The page with `yaml` (one or more lines) added at the end of its front matter."""
    return PAGE.replace("ms.contentlocale: es-ES\n", f"ms.contentlocale: es-ES\n{yaml}\n", 1)


def parse(text: str):
    return parse_text(text, "/t/es-ES/outlook/mapi/ifoo-bar.md")


def problems(page) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in page.problems]


def assert_rest_kept(page) -> None:
    """The fields that parse and the body are read as on the clean page."""
    assert page.front.title == "IFooBar"
    assert page.front.assetid == "11111111-2222-3333-4444-555555555555"
    assert page.name == "IFoo::Bar" and page.signature is not None
    assert [p.name for p in page.parameters] == ["ulFlags"]


def assert_serializes(page) -> None:
    json.dumps(to_data(page), allow_nan=False)


def laughs(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs": each level a list of `width` aliases of the level below."""
    lines = ["lol0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]"
              for i in range(1, levels)]
    return "\n".join(lines)


def test_the_fixture_page_is_clean():
    page = parse(PAGE)
    assert page.problems == ()
    assert_rest_kept(page)


# -- aliases ---------------------------------------------------------------------------------

def test_billion_laughs_is_refused_at_once_with_little_memory():
    text = with_fields(laughs())
    tracemalloc.start()
    start = time.perf_counter()
    try:
        page = parse(text)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 4_000_000
    # lol0 is read; every level above it repeats a list through aliases and is refused.
    assert problems(page) == [("RL005", INSERTED + i) for i in range(1, 9)]
    assert all("alias" in p.message and "repeats a list or mapping" in p.message
               for p in page.problems)
    assert "'lol1' ignored" in page.problems[0].message
    assert page.front.fields["lol0"] == ["lol"] * 9 and "lol1" not in page.front.fields
    assert_rest_kept(page)
    assert_serializes(page)


def test_billion_laughs_inside_one_field_is_one_finding():
    nested = "lols:\n" + "\n".join("  " + line for line in laughs().split("\n"))
    page = parse(with_fields(nested))
    assert problems(page) == [("RL005", INSERTED + 2)]  # the first alias, in `lol1`
    assert "'lols' ignored" in page.problems[0].message
    assert "lols" not in page.front.fields
    assert_rest_kept(page)


@pytest.mark.parametrize("field", ["rec: &r [*r]", "rec: &r {a: *r}", "rec: &r [[[*r]]]"])
def test_recursive_alias_is_refused_and_the_page_serializes(field):
    page = parse(with_fields(field))
    assert problems(page) == [("RL005", INSERTED)]
    assert "alias *r repeats a list or mapping" in page.problems[0].message
    assert "rec" not in page.front.fields
    assert_rest_kept(page)
    assert_serializes(page)


def test_alias_of_a_mapping_is_refused_even_as_a_merge_key():
    page = parse(with_fields("base: &b {a: 1}\nother:\n  <<: *b\n  c: 2"))
    assert problems(page) == [("RL005", INSERTED + 2)]
    assert page.front.fields["base"] == {"a": 1} and "other" not in page.front.fields


def test_alias_of_a_scalar_is_read():
    page = parse(with_fields("ms.topic: &t reference\nms.audience: *t"))
    assert page.problems == ()
    assert page.front.fields["ms.audience"] == "reference"


def test_alias_of_a_scalar_in_another_field_is_read_when_a_third_field_is_broken():
    page = parse(with_fields("ms.topic: &t reference\nms.audience: *t\nbroken: [x"))
    assert problems(page) == [("RL005", INSERTED + 2)]
    assert page.front.fields["ms.audience"] == "reference"


def test_aliases_may_repeat_only_a_few_characters():
    text = with_fields("big: &big " + "x" * 1000 + "\nmany: [" + ", ".join(["*big"] * 50) + "]")
    page = parse(text)
    assert problems(page) == [("RL005", INSERTED + 1)]
    assert "aliases repeat more than" in page.problems[0].message
    assert page.front.fields["big"] == "x" * 1000 and "many" not in page.front.fields
    few = parse(with_fields("big: &big " + "x" * 1000 + "\nmany: [*big, *big]"))
    assert few.problems == () and few.front.fields["many"] == ["x" * 1000] * 2


def test_undefined_alias_is_a_finding():
    page = parse(with_fields("x: *nowhere"))
    assert problems(page) == [("RL005", INSERTED)]
    assert "undefined alias" in page.problems[0].message
    assert_rest_kept(page)


# -- nesting ---------------------------------------------------------------------------------

def test_deep_nesting_is_refused_on_its_line():
    page = parse(with_fields("deep: " + "[" * 900 + "]" * 900))
    assert problems(page) == [("RL005", INSERTED)]
    assert "nested more than" in page.problems[0].message
    assert "deep" not in page.front.fields
    assert_rest_kept(page)
    assert_serializes(page)


def test_moderate_nesting_is_read():
    page = parse(with_fields("deep: " + "[" * 10 + "1" + "]" * 10))
    assert page.problems == ()
    value = page.front.fields["deep"]
    for _ in range(10):
        (value,) = value
    assert value == 1


# -- tags and values the constructors cannot read ----------------------------------------------

@pytest.mark.parametrize("value", [
    "!!timestamp x", "!!timestamp 2020-1-1t1:1:1.1234567890123", "!!timestamp 2020-13-45",
    "!!bool maybe", "!!float x", "!!int 0x", "!!int March", "0x" + "f" * 600,
    "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]",
    "!!python/object:os.system x", "!!python/name:os.system", "!foo bar", "!!str [a]",
    "!!map x", "!!merge x", "2020-01-01 10:00:00 +99:00",
])
def test_a_value_that_cannot_be_read_is_a_finding_on_its_line(value):
    page = parse(PAGE.replace("ms.date: 03/09/2015", f"ms.date: {value}"))
    assert problems(page) == [("RL005", 4)]
    assert "malformed front matter" in page.problems[0].message
    assert "'ms.date' ignored" in page.problems[0].message
    assert page.front.date is None and "ms.date" not in page.front.fields
    assert page.front.description == "Última modificación: 09 de marzo de 2015"
    assert_rest_kept(page)
    assert_serializes(page)


def test_a_value_that_cannot_be_read_names_the_value_and_tag():
    page = parse(PAGE.replace("ms.date: 03/09/2015", "ms.date: !!timestamp x"))
    assert "cannot read 'x' as !!timestamp" in page.problems[0].message


def test_a_lone_surrogate_is_a_finding_not_a_crash():
    page = parse(PAGE.replace("title: IFooBar", "title: IFoo\ud800Bar"))
    assert problems(page) == [("RL005", 2)]
    assert page.front.title is None and page.front.date == "03/09/2015"


# -- values of every type: read as before ------------------------------------------------------

def test_valid_dates_keep_their_types():
    page = parse(PAGE)
    assert page.front.date == "03/09/2015" and page.front.fields["ms.date"] == "03/09/2015"
    iso = parse(PAGE.replace("ms.date: 03/09/2015", "ms.date: 2020-01-02"))
    assert iso.problems == ()
    assert iso.front.fields["ms.date"] == datetime.date(2020, 1, 2)
    assert iso.front.date == "2020-01-02"
    assert to_data(iso.front)["fields"]["ms.date"] == "2020-01-02"


@pytest.mark.parametrize("line, attr, expected", [
    ("title: [a, b]", "title", "a b"),
    ("title: 5", "title", "5"),
    ("title: 1.5", "title", "1.5"),
    ("title: true", "title", "True"),
    ("title: null", "title", None),
    ("ms.date: 5", "date", "5"),
    ("ms.date: [1, 2]", "date", "1 2"),
    ("ms.assetid: {x: 1}", "assetid", "{'x': 1}"),
    ("ms.assetid: 12", "assetid", "12"),
])
def test_a_field_of_any_type_is_read_as_text(line, attr, expected):
    key = line.split(":", 1)[0]
    old = next(ln for ln in PAGE.split("\n") if ln.startswith(key + ":"))
    page = parse(PAGE.replace(old, line))
    assert page.problems == ()
    assert getattr(page.front, attr) == expected
    assert_serializes(page)


def test_a_large_integer_that_prints_is_read():
    page = parse(PAGE.replace("ms.date: 03/09/2015", "ms.date: " + "9" * 600))
    assert page.problems == () and page.front.date == "9" * 600


# -- the serializer ----------------------------------------------------------------------------

def test_to_data_refuses_a_value_that_contains_itself():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="circular"):
        to_data({"x": loop})
    mapping: dict = {}
    mapping["self"] = mapping
    with pytest.raises(ValueError, match="circular"):
        to_data(mapping)


def test_to_data_reads_a_value_shared_twice():
    shared = [1, {"a": datetime.date(2020, 1, 2)}]
    assert to_data({"x": shared, "y": (shared, shared)}) == {
        "x": [1, {"a": "2020-01-02"}], "y": [[1, {"a": "2020-01-02"}]] * 2}
