"""Markup checks (RL6xx): bilingual markup, emphasis, alerts, untranslated text, repetitions."""

from __future__ import annotations

from checkutil import family, line_of, run_family

import pytest

from reflingo.checks import markup, repetitions
from reflingo.corpus import merge
from reflingo.fixes import apply_fixes
from reflingo.parse import parse_text

EN = """\
---
title: IFooBar
ms.date: 03/09/2015
api_name:
- IFoo.Bar
api_type:
- COM
ms.assetid: 11111111-2222-3333-4444-555555555555
---
# IFoo::Bar

**Applies to**: Outlook 2013 | Outlook 2016

Closes a widget.

```cpp
HRESULT Bar(
  ULONG ulFlags
);
```

## Parameters

_ulFlags_

> [in] A bitmask of flags.

## Return value

S_OK

> The call succeeded.

## Remarks

The **IFoo::Bar** method closes a widget. Call **IUnknown::Release** afterwards.

> [!NOTE]
> Never pass MAPI_SHARED.

## MFCMAPI reference

|**File**|**Function**|**Comment**|
|:-----|:-----|:-----|
|Foo.cpp  <br/> |CFoo::Bar  <br/> |MFCMAPI uses the **IFoo::Bar** method.  <br/> |
"""

ES = """\
---
title: IFooBar
ms.date: 03/09/2015
api_name:
- IFoo.Bar
api_type:
- COM
ms.assetid: 11111111-2222-3333-4444-555555555555
description: 'Última modificación: 09 de marzo de 2015'
---
# <a name="ifoobar"></a>IFoo::Bar

**Se aplica a**: Outlook 2013 | Outlook 2016

Cierra un widget.

```cpp
HRESULT Bar(
  ULONG ulFlags
);
```

## <a name="parameters"></a>Parámetros

_ulFlags_

> [entrada] Máscara de bits de marcas.

## <a name="return-value"></a>Valor devuelto

S_OK

> La llamada se realizó correctamente.

## <a name="remarks"></a>Comentarios

El método **IFoo::Bar** cierra un widget. Llame a **IUnknown::Release** después.

> [!NOTE]
> No pase nunca MAPI_SHARED.

## <a name="mfcmapi-reference"></a>Referencia de MFCMAPI

|**Archivo**|**Función**|**Comentario**|
|:-----|:-----|:-----|
|Foo.cpp  <br/> |CFoo::Bar  <br/> |MFCMAPI usa el método **IFoo::Bar**.  <br/> |
"""

def item_of(**texts: str):
    """One item from page texts keyed by locale (`es_ES=...`)."""
    pages = [parse_text(text, f"/t/{loc.replace('_', '-')}/outlook/mapi/ifoo-bar.md")
             for loc, text in texts.items()]
    return merge(pages)


CHECKS = family(markup) | family(repetitions)


def findings(item, locale: str, prefix: str = "RL"):
    return run_family(CHECKS, item, locale, prefix)


def codes(item, locale: str, prefix: str = "RL") -> list[str]:
    return [f.code for f in findings(item, locale, prefix)]


def apply(text: str, fix) -> str:
    lines = text.split("\n")
    line = lines[fix.line - 1]
    assert line[fix.column - 1:fix.column - 1 + len(fix.old)] == fix.old
    lines[fix.line - 1] = line[:fix.column - 1] + fix.new + line[fix.column - 1 + len(fix.old):]
    return "\n".join(lines)


def test_correct_pages_are_clean():
    item = item_of(en_US=EN, es_ES=ES)
    assert codes(item, "es-ES") == []
    assert codes(item, "en-US") == []


# RL601 bilingual markup

BILINGUAL = ('<span data-ttu-id="a1-105">Cierra un widget.</span><span class="sxs-lookup">'
             '<span data-stu-id="a1-105">Closes a widget.</span></span>')


def test_bilingual_markup_fires_with_exact_fix():
    text = ES.replace("Cierra un widget.", BILINGUAL)
    item = item_of(en_US=EN, es_ES=text)
    (f,) = findings(item, "es-ES", "RL601")
    assert (f.line, f.column) == (line_of(text, "data-ttu-id"), 1)
    assert f.fix.old == BILINGUAL and f.fix.new == "Cierra un widget."
    assert apply(text, f.fix) == ES


def test_bilingual_markup_on_many_lines_is_one_finding_with_one_fix_for_the_page():
    other = ('<span data-ttu-id="a1-106">Hace algo.</span><span class="sxs-lookup">'
             '<span data-stu-id="a1-106">Does something.</span></span>')
    text = ES.replace("Cierra un widget.", BILINGUAL).replace("Máscara de bits de marcas.", other)
    item = item_of(en_US=EN, es_ES=text)
    (f,) = findings(item, "es-ES", "RL601")
    first, last = line_of(text, "a1-105"), line_of(text, "a1-106")
    assert (f.line, f.end_line, len(f.fix.pieces())) == (first, last, 2)
    assert "2 lines" in f.message
    fixed, applied, skipped = apply_fixes(text, [f])
    assert "data-ttu-id" not in fixed and applied == [f] and skipped == []
    assert "Cierra un widget." in fixed and "Hace algo." in fixed


def test_bilingual_markup_silent_on_plain_text():
    assert codes(item_of(es_ES=ES), "es-ES", "RL601") == []


# RL602 emphasis moved onto translated words

def test_emphasis_moved_fires_and_fixes():
    text = ES.replace("El método **IFoo::Bar** cierra", "El **método IFoo::Bar** cierra")
    text = text.replace("Llame a **IUnknown::Release** después.", "Llame a **IUnknown::Release.**")
    item = item_of(en_US=EN, es_ES=text)
    fs = findings(item, "es-ES", "RL602")
    assert [f.code for f in fs] == ["RL602"]  # the punctuation alone moving in is not this rule
    (f,) = fs
    assert f.line == line_of(text, "El **método")
    assert f.actual == "**método IFoo::Bar**" and f.expected == "método **IFoo::Bar**"
    assert "El método **IFoo::Bar** cierra" in apply(text, f.fix)


def test_emphasis_moved_with_trailing_punctuation():
    text = ES.replace("usa el método **IFoo::Bar**.", "usa el **método IFoo::Bar.**")
    item = item_of(en_US=EN, es_ES=text)
    (f,) = findings(item, "es-ES", "RL602")
    assert f.expected == "método **IFoo::Bar**."
    assert "usa el método **IFoo::Bar**." in apply(text, f.fix)


def test_emphasis_silent_when_reference_bolds_words_too():
    en = EN.replace("The **IFoo::Bar** method closes", "The **IFoo::Bar method** closes")
    text = ES.replace("El método **IFoo::Bar** cierra", "El **método IFoo::Bar** cierra")
    assert codes(item_of(en_US=en, es_ES=text), "es-ES", "RL602") == []


def test_emphasis_uses_other_locales_without_en_us():
    text = ES.replace("El método **IFoo::Bar** cierra", "El **método IFoo::Bar** cierra")
    pt = ES.replace("es-ES", "pt-BR")
    assert codes(item_of(es_ES=text, pt_BR=pt, ru_RU=pt), "es-ES", "RL602") == ["RL602"]


# RL603 alert lost, RL604 alert marker translated

def test_admonition_lost_fires():
    text = ES.replace("> [!NOTE]\n> No pase", "> **Nota:** No pase")
    (f,) = findings(item_of(en_US=EN, es_ES=text), "es-ES", "RL603")
    assert f.line == line_of(text, "**Nota:**")
    assert f.expected == "> [!NOTE]" and "remarks" in f.message


def test_admonition_present_is_silent():
    assert codes(item_of(en_US=EN, es_ES=ES), "es-ES", "RL603") == []


def test_translated_marker_after_alert_is_removed():
    text = ES.replace("> No pase nunca", "> [!NOTA] No pase nunca")
    (f,) = findings(item_of(en_US=EN, es_ES=text), "es-ES", "RL604")
    assert f.line == line_of(text, "[!NOTA]") and f.actual == "[!NOTA]"
    assert apply(text, f.fix) == ES


def test_translated_marker_alone_breaks_the_alert():
    text = ES.replace("> [!NOTE]", "> [!NOTA]")
    fs = findings(item_of(en_US=EN, es_ES=text), "es-ES")
    assert [f.code for f in fs] == ["RL604"]  # not also RL603
    assert fs[0].fix is None


# RL611-RL613 untranslated text

def test_untranslated_heading_fires_with_fix():
    text = ES.replace("Parámetros", "Parameters")
    (f,) = findings(item_of(es_ES=text), "es-ES", "RL611")
    assert (f.line, f.actual, f.expected) == (
        line_of(text, "Parameters"), "Parameters", "Parámetros")
    assert apply(text, f.fix) == ES


def test_untranslated_heading_silent_when_forms_coincide():
    de = ES.replace("Parámetros", "Parameter")  # German, not the English "Parameters"
    assert codes(item_of(de_DE=de), "de-DE", "RL611") == []
    assert codes(item_of(en_US=EN), "en-US", "RL611") == []


def test_untranslated_table_header():
    text = ES.replace("**Comentario**", "**Comment**")
    (f,) = findings(item_of(es_ES=text), "es-ES", "RL612")
    assert (f.line, f.actual, f.expected) == (line_of(text, "**Comment**"), "Comment", "Comentario")
    assert apply(text, f.fix) == ES


def test_untranslated_table_header_silent_on_shared_word():
    de = ES.replace("**Archivo**", "**Name**")  # de-DE writes "Name" too
    assert codes(item_of(de_DE=de), "de-DE", "RL612") == []


def test_untranslated_labels():
    text = ES.replace("**Se aplica a**", "**Applies to**").replace(
        "'Última modificación:", "'Last modified:")
    fs = findings(item_of(es_ES=text), "es-ES", "RL613")
    assert [(f.line, f.actual, f.expected) for f in fs] == [
        (line_of(text, "Applies to"), "Applies to", "Se aplica a"),
        (line_of(text, "Last modified"), "Last modified", "Última modificación")]
    assert apply(text, fs[0].fix).count("**Se aplica a**") == 1
    assert fs[1].fix is None


def test_translated_labels_are_silent():
    assert codes(item_of(es_ES=ES), "es-ES", "RL613") == []


# RL621 repeated phrase

def test_repeated_parenthesised_group_is_removed():
    text = ES.replace("Referencia de MFCMAPI", "MFCMAPI (engl.) (engl.)")
    (f,) = findings(item_of(en_US=EN, es_ES=text), "es-ES", "RL621")
    assert (f.line, f.expected) == (line_of(text, "(engl.) (engl.)"), "(engl.)")
    assert "MFCMAPI (engl.)\n" in apply(text, f.fix)


@pytest.mark.parametrize("before, after, fixed", [
    ("Cierra un widget.", "Cierra un widget un widget.", True),
    ("Cierra un widget.", "Cierra cierra un widget.", False),
    ("Cierra un widget.", "Cierra un de la widget de la Widget.", False),
])
def test_repetitions(before, after, fixed):
    (f,) = findings(item_of(en_US=EN, es_ES=ES.replace(before, after)), "es-ES", "RL621")
    assert (f.fix is not None) is fixed


def test_a_repetition_without_a_known_source_is_reported_but_not_fixed():
    (f,) = findings(item_of(es_ES=ES.replace("Cierra un widget.", "Cierra un widget un widget.")),
                    "es-ES", "RL621")
    assert f.fix is None     # nothing shows the source does not say it twice


@pytest.mark.parametrize("stutter", ["Cierra ( a ( a widget.", "Cierra ( ( ( ( a b c d e a b c d e."])
def test_a_repetition_with_a_parenthesis_that_opens_no_group_is_found(stutter):
    # the `(` is a token of its own: the page's prefilter must not lose the line
    es = ES.replace("Cierra un widget.", stutter)
    assert codes(item_of(es_ES=es), "es-ES", "RL621") == ["RL621"]
    page = item_of(es_ES=es).pages["es-ES"]
    assert line_of(es, stutter) in repetitions.repetition_lines(page)


@pytest.mark.parametrize("english, translated", [
    ("Closes the message site of the message.", "Cierra el sitio del mensaje del mensaje."),
    ("Closes entries from entries.", "Cierra von Einträgen von Einträgen."),
])
def test_a_repetition_the_english_has_too_is_no_finding(english, translated):
    en = EN.replace("Closes a widget.", english)
    es = ES.replace("Cierra un widget.", translated)
    assert findings(item_of(en_US=en, es_ES=es), "es-ES", "RL621") == []
    # the legitimate twin: the same stutter where the English says it once
    plain = EN.replace("Closes a widget.", "Closes the site of the message.")
    (f,) = findings(item_of(en_US=plain, es_ES=es), "es-ES", "RL621")
    assert f.fix is not None


@pytest.mark.parametrize("text", [
    "> [entrada] Puntero a un puntero a la estructura.",   # nesting, not a stutter
    "> [entrada] Una operación bit a bit a la máscara.",   # idiom
    "> [entrada] Valores `MAPI_A` `MAPI_A` y 10 10.",       # code and numbers
])
def test_repetitions_that_are_legitimate(text):
    es = ES.replace("> [entrada] Máscara de bits de marcas.", text)
    assert codes(item_of(es_ES=es), "es-ES", "RL621") == []


def test_german_relative_pronoun_is_not_a_repetition():
    de = ES.replace("Cierra un widget.", "Objekte, die die Schnittstelle implementieren.")
    assert codes(item_of(de_DE=de), "de-DE", "RL621") == []


@pytest.mark.parametrize("text", [
    "Die Reihenfolge entspricht den Methoden in der in der Headerdatei veröffentlichten Spezifikation entsprechen.",
    "Weitere Informationen finden Sie in der in der Methode beschriebenen Tabelle.",
])
def test_german_nested_attribute_is_not_a_repetition(text):
    # "in der [in der Headerdatei veröffentlichten] Spezifikation": a preposition and article
    # opening a phrase whose attribute starts with the same pair.
    de = ES.replace("Cierra un widget.", text)
    assert codes(item_of(de_DE=de), "de-DE", "RL621") == []


def test_german_repeated_content_words_are_still_repetitions():
    de = ES.replace("Cierra un widget.", "Die Liste der Einträge der Einträge wird gelesen.")
    assert codes(item_of(de_DE=de), "de-DE", "RL621") == ["RL621"]


# RL631 space before punctuation

def test_space_before_punctuation():
    text = ES.replace("Llame a **IUnknown::Release** después.", "Llame a **IUnknown::Release** .")
    (f,) = findings(item_of(es_ES=text), "es-ES", "RL631")
    assert (f.line, f.actual, f.expected) == (line_of(text, "Release** ."), " .", ".")
    assert "**IUnknown::Release**." in apply(text, f.fix)


@pytest.mark.parametrize("before", ["Закройте виджет.", "Cierra un widget \U0001d49c."])
def test_space_before_punctuation_in_text_beyond_latin_1(before):
    text = ES.replace("Cierra un widget.", before).replace(
        "Llame a **IUnknown::Release** después.", "Llame a **IUnknown::Release**\t;")
    (f,) = findings(item_of(es_ES=text), "es-ES", "RL631")
    assert (f.line, f.actual, f.expected) == (line_of(text, "Release**\t;"), "\t;", ";")


def test_no_space_before_punctuation_is_silent():
    assert codes(item_of(es_ES=ES), "es-ES", "RL631") == []


# the seeds

def test_seed_markup_findings(seeds_corpus):
    got = {(f.code, f.path.split("/content/")[1], f.line)
           for item in seeds_corpus.items for loc in item.locales for f in findings(item, loc)}
    logoff = "outlook/mapi/imapisession-logoff.md"
    # the markup covers the whole pt-BR page: one finding at its first line, one fix for all
    bilingual = {n for c, p, n in got if c == "RL601"}
    assert bilingual == {22}
    assert {(c, p, n) for c, p, n in got if c != "RL601"} == {
        ("RL602", f"pt-BR/{logoff}", 68), ("RL602", f"pt-BR/{logoff}", 72),
        ("RL602", f"pt-BR/{logoff}", 82),
        ("RL611", f"es-ES/{logoff}", 38), ("RL611", "es-ES/outlook/mapi/imslogon-logoff.md", 36),
        ("RL612", f"de-DE/{logoff}", 80),
        ("RL621", f"de-DE/{logoff}", 76), ("RL621", f"es-ES/{logoff}", 46),
        ("RL631", f"es-ES/{logoff}", 68), ("RL631", f"es-ES/{logoff}", 72),
        ("RL631", f"es-ES/{logoff}", 85), ("RL631", f"ru-RU/{logoff}", 68),
        ("RL631", f"ru-RU/{logoff}", 72),
    }
