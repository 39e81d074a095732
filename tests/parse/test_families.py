"""Reference families the MAPI pages rarely use: each fixture page (written for the tests) holds
one pattern the parser must read without losing a fact or a word."""

from __future__ import annotations

from pathlib import Path

from reflingo.model import Direction, PageKind
from reflingo.parse import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "families"


def page(name: str):
    return parse_file(FIXTURES / name)


def test_a_qualified_declaration_keeps_its_return_type():       # pattern 1
    p = page("qualified-declaration.md")
    assert (p.signature.name, p.signature.return_type) == ("Init", "HRESULT")
    assert [(x.name, x.type) for x in p.signature.params] == [
        ("pHelper", "IWidgetHelper *"), ("dwFlags", "DWORD")]


def test_return_values_written_as_sentences():                    # pattern 2
    p = page("prose-return-values.md")
    assert [(v.name, v.description.text) for v in p.return_values] == [
        ("S_OK", "if the widgets were counted; otherwise, an error code."),
        ("MAPI_E_NOT_FOUND", "The panel has no widgets.")]
    # a sentence that names no value stays text, whole
    assert [t.text for t in p.prose["return-value"]] == [
        "Returns the number of widgets, or zero when the panel is empty."]


def test_none_is_no_return_value():                               # pattern 2
    p = page("none-return-value.md")
    assert p.return_values == ()
    assert [t.text for t in p.prose["return-value"]] == ["None."]


def test_flags_written_as_a_bulleted_list():                      # pattern 3
    (param,) = page("bulleted-flags.md").parameters
    assert [(f.name, f.description.text, f.bulleted) for f in param.flags] == [
        ("WIDGET_STATE_VISIBLE", "The widget is shown.", True),
        ("WIDGET_STATE_LOCKED", "The widget cannot be moved.", True),
        ("WIDGET_STATE_FLAT", "", True)]
    assert param.direction is Direction.IN
    assert param.description.text.endswith("The following flags can be set:")


def test_an_unnamed_parameter_and_a_second_declaration():        # pattern 4
    p = page("two-declarations.md")
    sig = p.signature
    assert p.name == "WidgetOpen"
    assert [(x.name, x.type) for x in sig.params] == [("lpszName", "LPCSTR"), ("", "void *")]
    (second,) = sig.overloads
    assert second.name == "WidgetOpen12"
    assert [(x.name, x.type) for x in second.params] == [
        ("lpszName", "LPCSTR"), ("", "void *"), ("lpContext", "LPVOID")]


def test_basic_syntax_and_a_parameter_table():                    # pattern 5
    p = page("basic-syntax.md")
    assert p.kind is PageKind.METHOD
    assert p.name == "Record::Open"
    assert p.signature is not None and p.signature.name == "Open"
    assert [x.name for x in p.signature.params] == ["Source", "ActiveConnection", "Mode"]
    assert [(x.name, x.description.text) for x in p.parameters] == [
        ("Source", "Optional. The location of the record to open."),
        ("ActiveConnection", "Optional. The connection string or object."),
        ("Mode", "Optional. The access mode of the record.")]


def test_a_members_overview_is_no_structure():                    # pattern 5
    p = page("members-overview.md")
    assert p.kind is PageKind.CONCEPTUAL
    assert [link.target for link in p.links] == ["basic-syntax.md", "gadget-close.md"]


def test_a_heading_of_alternatives():                             # pattern 6
    p = page("alternative-heading.md")
    assert "return-value" in [s.key for s in p.sections]
    assert [v.name for v in p.return_values] == ["S_OK", "MAPI_E_NO_ACCESS"]
