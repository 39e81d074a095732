"""The shared identifier helpers: emphasis texts, whole words, the prose the checks scan."""

from __future__ import annotations

import pytest

from reflingo.checks.names import (BOLD, _CODE, _ITALIC, _LINK_TEXT, Known, _page_closed,
                                   emphasis_texts, has_whole, prose)
from reflingo.checks.text import masked_body
from reflingo.parse import parse_text


@pytest.mark.parametrize("text, runs", [
    ("*a* and _b_, `c` [d](x) **e**", {"a", "b", "c", "d", "e"}),
    ("*a _x_ b* then _y_", {"a _x_ b", "y"}),        # an underscore run inside a star run
    ("_a *x* b_ then *y*", {"a *x* b", "y"}),        # a star run inside an underscore run
    ("*a _x* b_ c", {"a _x"}),                        # overlapping: the first one found wins
    ("_a *x_ b* c", {"a *x"}),
    ("x_y_z and *a*", {"a"}), ("no runs here", set()),
])
def test_emphasis_texts_are_the_runs_of_one_scan_for_both_italic_kinds(text, runs):
    assert emphasis_texts(text) == runs
    one_scan = {star or underscore for star, underscore in _ITALIC.findall(text)}
    others = {*BOLD.findall(text), *_CODE.findall(text), *_LINK_TEXT.findall(text)}
    assert runs == (one_scan | others) - {""}


def test_has_whole_finds_a_word_not_joined_to_what_stands_around_it():
    cases = [("IFoo::Bar and Bar", "Bar", True), ("FooBar Bar_2", "Bar", False),
             ("Bar", "Bar", True), ("aBar Bar", "Bar", True), ("", "Bar", False),
             ("xx", "x", False), ("Bar2 Bar", "Bar", True)]
    for text, word, found in cases:
        assert has_whole(text, word) is found, text
    assert has_whole("éBar", "Bar", lambda c: c.isascii() and c.isalnum())
    assert not has_whole("éBar", "Bar")
    assert not has_whole("Bar::x", "Bar", joins_after=lambda after: after == "::")
    assert has_whole("Bar:x Bar::", "Bar", joins_after=lambda after: after == "::")


PAGE = """---
title: IFooBar
ms.contentlocale: es-ES
---
# IFoo::Bar

## Parámetros

_ulFlags_

> [in] Marcas; vea [ulFlags](https://example.com).

_lppObj_

> [out] Puntero.
"""


def test_prose_blanks_the_parameter_heading_lines_and_keeps_every_offset():
    page = parse_text(PAGE, "/t/es-ES/outlook/mapi/ifoo-bar.md")
    lines, body = prose(page).split("\n"), masked_body(page).split("\n")
    heads = {p.name_span.line_start for p in page.parameters}
    assert heads == {9, 13}
    assert len(lines) == len(page.lines)
    for n, (line, masked) in enumerate(zip(lines, body), 1):
        assert line == (" " * len(masked) if n in heads else masked)


@pytest.mark.parametrize("body, split", [
    ("Call IMAPISession :: Logoff, then IFoo::Bar::Baz and `A::B-c`; see ulFlags2 and ~IFoo.\n", False),
    ("Call IMAPIProp::D eleteProps and IMAPISession::Logoff.\n", True),   # a member split by a space
])
def test_known_writes_a_name_exactly_when_it_is_one_of_the_reference_tokens(body, split):
    page = parse_text(f"---\ntitle: IFoo\n---\n\n# IFoo\n\n{body}", "/t/en-US/outlook/mapi/ifoo.md")
    known = Known(spellings={}, source=page)
    assert _page_closed(page)[1] is split
    names = {"IMAPISession::Logoff", "IMAPISession", "Logoff", "IFoo::Bar::Baz", "IFoo::Bar",
             "Bar::Baz", "A::B", "A", "B", "ulFlags2", "ulFlags", "IFoo", "~IFoo",
             "IMAPIProp::DeleteProps", "IMAPIProp", "Call", "Cal", "see", "xyz"}
    assert {"IMAPISession::Logoff", "IFoo", "Call"} <= known.written
    assert {n for n in names if known.writes(n)} == names & known.written
