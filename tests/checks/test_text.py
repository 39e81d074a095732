"""The shared per-page text index: derived texts keep every offset of the page."""

from __future__ import annotations

import re

from reflingo.checks.text import (blank_lines, body_lines, body_text, lines_of, masked,
                                  masked_body, matches_on, one_byte, page_text, position)
from reflingo.parse import parse_text

PAGE = """---
title: IFooBar
ms.contentlocale: es-ES
---
# IFoo::Bar

Llama a [IUnknown::Release](https://example.com/release) <a name="x"></a>aquí.

```cpp
HRESULT Bar(ULONG ulFlags);
```

Ver https://example.com/otra y `IFoo:: Bar` o `IFoo::Baz`.
"""


def page():
    return parse_text(PAGE, "docs/ifoo-bar.md", locale="es-ES")


def test_position_maps_offsets_to_line_and_column():
    p = page()
    text = page_text(p)
    offset = text.index("IUnknown")
    assert position(p, offset) == (7, text.split("\n")[6].index("IUnknown"))
    assert position(p, 0) == (1, 0)


def test_body_text_blanks_front_matter_and_code_but_keeps_offsets():
    p = page()
    body, whole = body_text(p), page_text(p)
    assert len(body) == len(whole) and body.count("\n") == whole.count("\n")
    assert "title:" not in body and "HRESULT" not in body
    assert body.index("Llama a") == whole.index("Llama a")
    numbers = {n for n, _ in body_lines(p)}
    assert {5, 7, 13} <= numbers and not numbers & {1, 2, 3, 4, 9, 10, 11}


def test_masked_text_blanks_link_targets_tags_and_urls_in_place():
    line = 'Llama a [IUnknown::Release](https://example.com/release) <a name="x"></a>aquí.'
    out = masked(line)
    assert len(out) == len(line)
    assert "example.com" not in out and "<a" not in out
    assert out.index("IUnknown") == line.index("IUnknown") and out.endswith("aquí.")
    assert masked("Ver https://example.com/otra y más") == "Ver " + " " * 24 + " y más"


def test_lines_of_gives_each_matching_line_once_in_order():
    p = page()
    # `::` twice on line 13 and in the code block (line 10, not body text)
    assert lines_of(p, masked_body(p), re.compile(r"::")) == [5, 7, 13]


def test_matches_on_hinted_lines_are_the_matches_of_the_whole_text_there():
    p = page()
    text = page_text(p)
    word_before_colons = re.compile(r"(?<![\w:])\w+(?=::)")   # looks behind the line's start
    found = [m.group() for m in matches_on(p, text, word_before_colons, re.compile("::"))]
    assert found == ["IFoo", "IUnknown", "IFoo", "IFoo"]
    assert found == [m.group() for m in word_before_colons.finditer(text)
                     if position(p, m.start())[0] in (5, 7, 10, 13)]
    # a line the hint does not select is not read, even where the pattern would match
    assert [m.group() for m in matches_on(p, text, word_before_colons, re.compile("Llama"))] == \
        ["IUnknown"]
    words = [m.group() for m in matches_on(p, text, re.compile(r"\w+"), re.compile("Llama"))]
    assert words[:2] == ["Llama", "a"] and words[-1] == "aquí"   # line 7's words only
    assert len(words) == len(re.findall(r"\w+", p.lines[6]))


def test_per_page_remembers_the_last_pages_and_reads_an_evicted_one_again():
    from reflingo.checks.text import per_page

    calls = []

    @per_page
    def title(p):
        calls.append(p)
        return p.front.title

    pages = [parse_text(PAGE.replace("IFooBar", f"IFoo{i}"), f"docs/p{i}.md", locale="es-ES")
             for i in range(9)]
    assert [title(p) for p in pages[:8]] == [f"IFoo{i}" for i in range(8)]
    assert [title(p) for p in pages[:8]] == [f"IFoo{i}" for i in range(8)]
    assert len(calls) == 8                  # the second round came from memory
    title(pages[8])                         # a ninth page: the first one is forgotten
    assert title(pages[0]) == "IFoo0" and len(calls) == 10
    assert title(pages[8]) == "IFoo8" and len(calls) == 10


def test_per_item_keeps_values_by_key_for_the_last_items():
    from reflingo.checks.text import per_item
    from reflingo.corpus import build_corpus

    items = [build_corpus([parse_text(PAGE, f"docs/{i}/ifoo-bar.md", locale="es-ES")]).items[0]
             for i in range(5)]
    calls = []

    def compute(tag):
        calls.append(tag)
        return [tag]

    first = per_item(items[0], "k", compute, "a")
    assert per_item(items[0], "k", compute, "b") is first       # remembered under the key
    assert per_item(items[0], "other", compute, "c") == ["c"]   # another key: computed
    for item in items[1:]:
        per_item(item, "k", compute, "d")
    assert per_item(items[0], "k", compute, "e") == ["e"]       # five items on: forgotten
    assert calls == ["a", "c", "d", "d", "d", "d", "e"]


def test_blank_lines_blanks_each_span_in_place_whatever_their_order_and_overlap():
    p = page()
    text = page_text(p)
    lines = p.lines
    n = len(lines)
    blanked = blank_lines(p, text, [(n, n + 5), (2, 3), (1, 2), (7, 7)])
    expected = [" " * len(line) if k in (1, 2, 3, 7, n) else line
                for k, line in enumerate(lines, 1)]
    assert blanked == "\n".join(expected) and len(blanked) == len(text)
    assert blank_lines(p, text, []) is text
    assert blank_lines(p, text, [(n + 1, n + 2), (3, 2)]) is text


def test_one_byte_encodes_a_character_a_byte_and_keeps_ascii_itself():
    assert one_byte("façade") == "façade".encode("latin-1")
    assert one_byte("сеанс_A.b") == b"?????_A.b"
    assert len(one_byte("x\U0001f600y")) == 3
