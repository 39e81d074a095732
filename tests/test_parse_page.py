"""Section recognition, page kinds and builders on small pages written for the test."""

from __future__ import annotations

from reflingo.model import Direction, PageKind
from reflingo.parse import parse_text

FRONT = "---\ntitle: T\nms.assetid: 11111111-2222-3333-4444-555555555555\napi_name:\n- IFoo.Bar\n" \
        "ms.contentlocale: {locale}\n---\n"


def page(body: str, locale: str = "es-ES", path: str = "t.md"):
    return parse_text(FRONT.format(locale=locale) + body, path)


METHOD = """# IFoo::Bar

**Se aplica a**: Outlook 2013 | Outlook 2016

Hace algo.

```cpp
HRESULT Bar(
  ULONG ulFlags,
  LPVOID * lppObj
);
```

## {params}

 _ulFlags_

> [entrada] Máscara de bits.

MAPI_UNICODE

> Cadenas Unicode.

 _lppObj_

> [salida] Puntero.

## {ret}

S_OK

> Correcto.

MAPI_E_NO_SUPPORT

> No compatible.
"""


def test_untranslated_heading_without_anchor_is_recognised():
    p = page(METHOD.format(params="Parameters", ret="Valor devuelto"))
    assert [s.key for s in p.sections] == ["lead", "parameters", "return-value"]
    assert [s.recognised_by for s in p.sections[1:]] == ["heading", "heading"]
    assert p.kind is PageKind.METHOD and p.name == "IFoo::Bar"
    assert [(x.name, x.direction) for x in p.parameters] == [("ulFlags", Direction.IN),
                                                             ("lppObj", Direction.OUT)]
    assert [f.name for f in p.parameters[0].flags] == ["MAPI_UNICODE"]
    assert [v.name for v in p.return_values] == ["S_OK", "MAPI_E_NO_SUPPORT"]
    assert p.applies_to_label == "Se aplica a"


def test_corrupted_heading_with_replacement_character_is_recognised():
    p = page(METHOD.format(params="Parameter", ret="R\ufffdckgabewert"), locale="de-DE")
    assert p.sections[2].key == "return-value"
    assert p.sections[2].recognised_by == "heading"


def test_unknown_heading_recognised_by_structure():
    p = page(METHOD.format(params="Zzzz", ret="Qqqq"))
    assert [(s.key, s.recognised_by) for s in p.sections[1:]] == [("parameters", "structure"),
                                                                  ("return-value", "structure")]


def test_anchor_wins_over_corrupted_heading_text():
    body = METHOD.format(params='<a name="parameters"></a>HinwBemerkungeneise', ret="Valor devuelto")
    p = page(body)
    assert p.sections[1].key == "parameters" and p.sections[1].recognised_by == "anchor"
    assert p.sections[1].anchor == "parameters"


def test_unknown_section_is_kept_as_other():
    p = page(METHOD.format(params="Parámetros", ret="Valor devuelto") + "\n## Historia\n\nTexto libre.\n")
    assert p.sections[-1].key == "other:historia"
    assert [b.text for b in p.other] == ["## Historia", "Texto libre."]
    assert p.other_lines == 2


def test_damaged_direction_tag_is_kept_as_written_and_read_as_the_direction_it_stands_for():
    body = METHOD.format(params="Parámetros", ret="Valor devuelto").replace("[entrada] Máscara",
                                                                          "a Máscara")
    p = page(body)
    # es-ES lists "a" as a damaged [in]: the direction it stands for, recorded as damaged
    par = p.parameters[0]
    assert (par.direction_tag, par.direction, par.direction_damaged) == ("a", Direction.IN, True)
    assert par.description.text == "Máscara de bits."


def test_an_unlisted_word_before_a_capital_is_a_tag_of_unknown_direction():
    body = METHOD.format(params="Parámetros", ret="Valor devuelto").replace("[entrada] Máscara",
                                                                          "de Máscara")
    par = page(body).parameters[0]
    assert (par.direction_tag, par.direction, par.direction_damaged) == ("de", Direction.UNKNOWN,
                                                                        False)


def test_a_capitalised_first_word_is_the_description_not_a_tag():
    # ru-RU pages whose tag is missing: the first word is the description's own, never cut
    body = METHOD.format(params="Parámetros", ret="Valor devuelto").replace("[entrada] Máscara",
                                                                          "Máscara")
    par = page(body).parameters[0]
    assert (par.direction_tag, par.direction) == (None, Direction.UNKNOWN)
    assert par.description.text == "Máscara de bits."


def test_inline_parameter_style():
    body = ("# IFoo::Bar\n\n```cpp\nHRESULT Bar(ULONG a, ULONG b);\n```\n\n## Parameters\n\n"
            "_a_: [in] First.\n\n_b_: [out] Second.\n")
    p = page(body, locale="en-US")
    assert [(x.name, x.direction, x.description.text) for x in p.parameters] == [
        ("a", Direction.IN, "First."), ("b", Direction.OUT, "Second.")]


def test_plain_parameter_names_with_tagged_descriptions():
    body = ("# F\n\n```cpp\nLPWSTR F(LPWSTR s1, LPCWSTR s2);\n```\n\n## Parameters\n\n"
            "s1\n\n> [out] Buffer.\n\ns2\n\n> [in] String.\n")
    p = page(body, locale="en-US")
    assert [x.name for x in p.parameters] == ["s1", "s2"]
    assert p.kind is PageKind.FUNCTION


def test_property_page():
    body = ("# PidTagDisplayName Canonical Property\n\n**Applies to**: Outlook\n\nContains a name.\n\n"
            "|Property|Value|\n|:--|:--|\n|Associated properties:  <br/> |PR_DISPLAY_NAME  <br/> |\n"
            "|Identifier:  <br/> |0x3001  <br/> |\n|Data type:  <br/> |PT_UNICODE  <br/> |\n")
    p = page(body, locale="en-US")
    assert p.kind is PageKind.PROPERTY and p.name == "PidTagDisplayName"
    props = {x.key: x.value for x in p.properties}
    assert props["identifier"] == "0x3001" and props["data-type"] == "PT_UNICODE"
    assert props["associated-properties"] == "PR_DISPLAY_NAME"


def test_structure_members_in_bold():
    body = ("# SFoo\n\n```cpp\ntypedef struct _SFoo\n{\n  ULONG cValues;\n  ULONG aul[1];\n} SFoo;\n```\n\n"
            "## Members\n\n **cValues**\n\n> Count.\n\n **aul**\n\n> Array.\n")
    p = page(body, locale="en-US")
    assert p.kind is PageKind.STRUCTURE
    assert [x.name for x in p.parameters] == ["cValues", "aul"]


def test_interface_page_vtable():
    body = ("# IFoo : IUnknown\n\nDoes things.\n\n## Vtable order\n\n|Member|Description|\n|:--|:--|\n"
            "|[Bar](ifoo-bar.md) <br/> |Bars. |\n")
    p = page(body, locale="en-US")
    assert p.kind is PageKind.INTERFACE and p.name == "IFoo"
    assert p.vtable[0].cells[0] == "Bar"
    assert p.links[0].target == "ifoo-bar.md" and p.links[0].section == "vtable-order"


def test_conceptual_page_with_sample_code_is_not_a_function():
    body = ("# How to do it\n\nSteps.\n\n```cpp\nHRESULT Sample(LPMDB lpMDB)\n{\n  return S_OK;\n}\n```\n")
    p = parse_text("---\ntitle: x\n---\n" + body, "t.md", locale="en-US")
    assert p.kind is PageKind.CONCEPTUAL and p.name is None


def test_bilingual_markup_in_links_and_headings():
    body = ('# <a name="x"></a><span data-ttu-id="a-1">Título</span><span class="sxs-lookup">'
            '<span data-stu-id="a-1">Title</span></span>\n\n'
            '[<span data-ttu-id="a-2">Ver</span><span class="sxs-lookup"><span data-stu-id="a-2">See</span>'
            '</span>](target.md)\n')
    p = page(body, locale="pt-BR")
    assert p.title.text == "Título" and p.title.source == "Title"
    assert [(l.text, l.target) for l in p.links] == [("Ver", "target.md")]


def test_a_link_reference_definition_is_kept_as_text():
    """Markdown reads `[x]: url` as a definition and shows nothing of it: its words stay on the
    page as a paragraph of the section."""
    p = page(METHOD.format(params="Parámetros", ret="Valor devuelto")
             + "\n## Historia\n\n[notas]: https://example.com/notas \"Notas\"\n")
    assert [b.text for b in p.other] == ["## Historia", '[notas]: https://example.com/notas "Notas"']
