"""Model v2 facts: kinds as records, every locale's text on each canonical fact, maps on the
item, interface bases and vtables, property tags, navigation, and the corpus's indexes."""

from __future__ import annotations

import textwrap

import pytest

from reflingo.corpus import build_corpus
from reflingo.corpus.facts import match_names, property_id
from reflingo.model import CallableItem, InterfaceItem, PropertyItem
from reflingo.model.inline import parse_inline, plain_text
from reflingo.parse import parse_text
from reflingo.parse.toc import parse_toc

FRONT = """---
title: {title}
ms.assetid: {asset}
---
"""

INTERFACE = FRONT + """
# IWidgetStore : IUnknown

**Applies to**: Outlook

Stores widgets.

|Property|Value|
|:-----|:-----|
|Header file:  <br/> |Widget.h  <br/> |
|Interface identifier:  <br/> |IID_IWidgetStore  <br/> |
|Pointer type:  <br/> |LPWIDGETSTORE  <br/> |

## Vtable order

|Member|Description|
|:-----|:-----|
|[OpenWidget](iwidgetstore-openwidget.md)  <br/> |Opens a widget.|
|[CloseWidget](iwidgetstore-closewidget.md)  <br/> |Closes it.|
|Placeholder  <br/> |Not used.|
|**PR_WIDGET_FLAGS** ([PidTagWidgetFlags](pidtagwidgetflags.md)) |Read/write|
"""

METHOD = FRONT + """
# IWidgetStore::OpenWidget

**Applies to**: Outlook

{summary}

```cpp
HRESULT OpenWidget(
  ULONG ulFlags
);
```

## Parameters

_ulFlags_

> [in] {desc}

MAPI_WIDGET_FAST

> {fast}

MAPI_WIDGET_SLOW

> {slow}

## Return value

S_OK

> {ok}
"""

PROPERTY = FRONT + """
# PidTagWidgetFlags Canonical Property

**Applies to**: Outlook

Flags of a widget.

|Property|Value|
|:-----|:-----|
|Associated properties:  <br/> |PR_WIDGET_FLAGS, PR_WIDGET_FLAGS_W  <br/> |
|Identifier:  <br/> |{ident}  <br/> |
|Data type:  <br/> |{types}  <br/> |
|Area:  <br/> |Widgets  <br/> |
"""

NAMED = FRONT + """
# PidLidWidgetColor Canonical Property

**Applies to**: Outlook

The colour.

|Property|Value|
|:-----|:-----|
|Associated properties:  <br/> |dispidWidgetColor  <br/> |
|Property set:  <br/> |PSETID_Widget  <br/> |
|Long ID (LID):  <br/> |0x00008238  <br/> |
|Data type:  <br/> |PT_LONG  <br/> |
"""


def page(text: str, path: str, locale: str = "en-US"):
    return parse_text(textwrap.dedent(text), f"{locale}/outlook/mapi/{path}", locale=locale,
                      rel_path=f"outlook/mapi/{path}")


def method_pages():
    en = page(METHOD.format(title="OpenWidget", asset="m-1", summary="Opens a **widget**.",
                            desc="Flags that control `opening`.", fast="Open fast.",
                            slow="Open slowly.", ok="It worked."), "iwidgetstore-openwidget.md")
    es = page(METHOD.format(title="OpenWidget", asset="m-1", summary="Abre un **widget**.",
                            desc="Marcas.", fast="Rápido.", slow="Lento.", ok="Funcionó."),
              "iwidgetstore-openwidget.md", "es-ES")
    return en, es


def test_an_interface_has_its_base_header_and_vtable_resolved_to_its_methods():
    iface = page(INTERFACE.format(title="IWidgetStore", asset="i-1"), "iwidgetstoreiunknown.md")
    corpus = build_corpus([iface, *method_pages()])
    item = corpus.item("IWidgetStore")
    assert isinstance(item, InterfaceItem)
    assert item.bases == ("IUnknown",)
    assert (item.interface_identifier, item.pointer_type, item.header_file) == \
        ("IID_IWidgetStore", "LPWIDGETSTORE", "Widget.h")
    assert [(e.name, e.path) for e in item.vtable] == [
        ("OpenWidget", "outlook/mapi/iwidgetstore-openwidget.md"),
        ("CloseWidget", "outlook/mapi/iwidgetstore-closewidget.md"), ("Placeholder", None)]
    assert [e.key for e in item.vtable] == ["m-1", None, None]   # CloseWidget is not in the corpus


def test_every_locale_s_text_is_on_the_canonical_facts_with_maps_on_the_item():
    corpus = build_corpus(list(method_pages()))
    item = corpus.item("IWidgetStore::OpenWidget")
    assert isinstance(item, CallableItem) and item.return_type == "HRESULT"
    [param] = item.parameters
    assert {loc: t.text for loc, t in param.descriptions.items()} == \
        {"en-US": "Flags that control opening.", "es-ES": "Marcas."}
    assert param.descriptions["en-US"].markdown == "Flags that control `opening`."
    assert [f.name for f in param.flags] == ["MAPI_WIDGET_FAST", "MAPI_WIDGET_SLOW"]
    assert param.flags[1].descriptions["es-ES"].text == "Lento."
    assert item.return_values[0].descriptions["es-ES"].text == "Funcionó."
    assert item.summary["es-ES"].text == "Abre un widget."
    strong = [n for n in item.summary["es-ES"].inline if n.kind == "strong"]
    assert plain_text(strong[0].children) == "widget"
    assert item.flag_maps == {"en-US": ((0, 1),), "es-ES": ((0, 1),)}
    assert item.value_maps == {"en-US": (0,), "es-ES": (0,)}
    assert item.parameter_maps == {"en-US": (0,), "es-ES": (0,)}


def test_a_property_page_gives_its_tag_types_and_names():
    prop = page(PROPERTY.format(title="PidTagWidgetFlags", asset="p-1", ident="0x3001",
                                types="PT_STRING8, PT_UNICODE"), "pidtagwidgetflags.md")
    named = page(NAMED.format(title="PidLidWidgetColor", asset="p-2"), "pidlidwidgetcolor.md")
    corpus = build_corpus([prop, named])
    tagged = corpus.item("PidTagWidgetFlags")
    assert isinstance(tagged, PropertyItem)
    assert (tagged.property_id, tagged.property_types, tagged.names, tagged.area) == \
        (0x3001, ("PT_STRING8", "PT_UNICODE"), ("PR_WIDGET_FLAGS", "PR_WIDGET_FLAGS_W"), "Widgets")
    color = corpus.item("PidLidWidgetColor")
    assert (color.property_id, color.long_id, color.property_set, color.property_types) == \
        (None, 0x8238, "PSETID_Widget", ("PT_LONG",))


@pytest.mark.parametrize("written, expected", [
    ("0x3001", 0x3001), ("0x3D1C000B", 0x3D1C),   # a whole tag written as the identifier
    ("0x3439000", None), ("TBD", None), (None, None),
])
def test_property_ids(written, expected):
    assert property_id(written) == expected


def test_a_data_type_written_as_a_word_is_read():
    prop = page(PROPERTY.format(title="PidTagWidgetOn", asset="p-3", ident="0x3002",
                                types="Boolean"), "pidtagwidgeton.md")
    assert build_corpus([prop]).items[0].property_types == ("PT_BOOLEAN",)


def test_match_names_by_name_letters_then_position():
    assert match_names(["B", "a", "x"], ["A", "B", "C"]) == (1, 0, 2)
    assert match_names(["МАПИ_ЮНИКОД"], ["MAPI_UNICODE", "MAPI_DEFERRED"]) == (0,)
    assert match_names(["Q"], ["A", "B"]) == (None,)


def test_the_corpus_indexes_items_by_key_name_and_path():
    corpus = build_corpus(list(method_pages()))
    item = corpus.items[0]
    assert corpus.by_key["m-1"] is item and corpus.by_name["IWidgetStore::OpenWidget"] is item
    assert corpus.by_path[("es-ES", "outlook/mapi/iwidgetstore-openwidget.md")] is item


def test_a_toc_is_read_into_navigation_with_lines_and_resolved_entries():
    text = textwrap.dedent("""\
        - name: Widgets
          items:
            - name: IWidgetStore::OpenWidget
              href: mapi/iwidgetstore-openwidget.md
            - name: Elsewhere
              href: https://example.org/x
            - name: Empty
              items:
        """)
    nodes, problems = parse_toc(text, "es-ES/TOC.yml", base="outlook")
    assert [n.title for n in nodes[0].children] == ["IWidgetStore::OpenWidget", "Elsewhere", "Empty"]
    first = nodes[0].children[0]
    assert (first.path, first.span.line_start) == ("outlook/mapi/iwidgetstore-openwidget.md", 3)
    assert nodes[0].children[1].path is None
    assert [(p.line, p.severity.value) for p in problems] == [(8, "warning")]
    corpus = build_corpus(list(method_pages()), {"es-ES": nodes})
    assert corpus.navigation["es-ES"][0].children[0].key == "m-1"


@pytest.mark.parametrize("text", ["- name: a\n  items: &x\n    - name: b\n      items: *x\n",
                                  "[" * 5000, "- !!python/object:os.system x\n", "{a: 1}"])
def test_a_hostile_toc_never_raises(text):
    nodes, problems = parse_toc(text, "TOC.yml")
    assert isinstance(nodes, tuple) and problems


def test_inline_tree_kinds():
    nodes = parse_inline("See [**X**](x.md), `a_b`, ![i](p.png)<br/>and <b>raw</b>")
    assert [n.kind for n in nodes] == ["text", "link", "text", "code", "text", "image", "break",
                                       "text", "html", "text", "html"]
    assert nodes[1].target == "x.md" and nodes[1].children[0].kind == "strong"
