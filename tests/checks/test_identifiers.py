"""Identifier checks (RL201-RL206) on small pages written for the test, and on the seeds."""

from __future__ import annotations

from checkutil import item_from, line_of, run

import pytest

from reflingo.checks import REGISTRY, CheckContext, all_checks

FRONT = """---
title: {title}
ms.assetid: 11111111-2222-3333-4444-555555555555
api_name:
- IFoo.Bar
ms.contentlocale: {locale}
---
"""

EN = """# IFoo::Bar

**Applies to**: Outlook 2013 | Outlook 2016

Does something.

```cpp
HRESULT Bar(
  ULONG ulFlags,
  LPVOID * lppObj
);
```

## Parameters

 _ulFlags_

> [in] A bitmask of flags.

MAPI_UNICODE

> **Bar** returns Unicode strings.

 _lppObj_

> [out] A pointer to the object.

## Return value

S_OK

> The call succeeded.

## Remarks

The **IFoo::Bar** method does something. When **Bar** returns, call [IUnknown::Release](https://example.com/release).

## MFCMAPI reference

For MFCMAPI sample code, see the following table.

|**File**|**Function**|**Comment**|
|:-----|:-----|:-----|
|FooObjects.cpp  <br/> |CFooObjects::Bar  <br/> |MFCMAPI uses the **IFoo::Bar** method.  <br/> |
"""

ES = """# <a name="ifoobar"></a>IFoo::Bar

**Se aplica a**: Outlook 2013 | Outlook 2016

Hace algo.

```cpp
HRESULT Bar(
  ULONG ulFlags,
  LPVOID * lppObj
);
```

## <a name="parameters"></a>Parámetros

 _ulFlags_

> [in] Máscara de bits de marcas.

MAPI_UNICODE

> **Bar** devuelve cadenas Unicode.

 _lppObj_

> [out] Puntero al objeto.

## <a name="return-value"></a>Valor devuelto

S_OK

> La llamada se realizó correctamente.

## <a name="remarks"></a>Comentarios

El método **IFoo::Bar** hace algo. Cuando **Bar** vuelve, llame a [IUnknown::Release](https://example.com/release).

## <a name="mfcmapi-reference"></a>Referencia de MFCMAPI

Para obtener un ejemplo de código de MFCMAPI, vea la siguiente tabla.

|**Archivo**|**Función**|**Comentario**|
|:-----|:-----|:-----|
|FooObjects.cpp  <br/> |CFooObjects::Bar  <br/> |MFCMAPI usa el método **IFoo::Bar**.  <br/> |
"""


def text(locale: str, body: str, title: str = "IFooBar") -> str:
    return FRONT.format(title=title, locale=locale) + body


def item_of(**bodies: str):
    """One item from pages keyed by locale (`es_ES=...`); a body may carry its own front matter."""
    return item_from(body if body.startswith("---") else text(key.replace("_", "-"), body)
                     for key, body in bodies.items())


def codes(item, locale: str = "es-ES") -> list[str]:
    all_checks()
    return sorted(f.code for c in REGISTRY.values() if c.code.startswith("RL2")
                  for f in c.fn(item, locale, CheckContext()))


def test_correct_translation_gives_no_identifier_finding():
    item = item_of(en_US=EN, es_ES=ES)
    assert codes(item, "es-ES") == []
    assert codes(item, "en-US") == []


# -- RL201 ---------------------------------------------------------------------------------------
def test_transliterated_parameter_name_is_restored():
    body = ES.replace(" _ulFlags_", " _улфлагс_")
    item = item_of(en_US=EN, ru_RU=body)
    (f,) = run("RL201", item, "ru-RU")
    assert (f.line, f.column) == (line_of(text("ru-RU", body), "_улфлагс_"), 3)
    assert (f.actual, f.expected) == ("улфлагс", "ulFlags")
    assert (f.fix.line, f.fix.column, f.fix.old, f.fix.new) == (f.line, 3, "улфлагс", "ulFlags")


def test_recased_parameter_name_is_restored():
    item = item_of(en_US=EN, de_DE=ES.replace(" _lppObj_", " _LppObj_"))
    (f,) = run("RL201", item, "de-DE")
    assert (f.actual, f.expected, f.fix.new) == ("LppObj", "lppObj", "lppObj")


def test_parameter_name_as_in_the_source_is_not_reported():
    en = EN.replace(" _lppObj_", " _lppobj_")
    item = item_of(en_US=en, es_ES=ES.replace(" _lppObj_", " _lppobj_"))
    assert run("RL201", item, "es-ES") == []


def test_english_name_that_differs_from_the_signature_is_rl403s_not_rl201s():
    en = EN.replace(" _lppObj_", " _lppobj_")
    item = item_of(en_US=en, es_ES=ES)
    assert run("RL201", item, "en-US") == []
    (f,) = run("RL403", item, "en-US")
    assert (f.actual, f.expected) == ("lppobj", "lppObj")


def test_parameter_name_most_locales_share_is_not_reported_without_english_page():
    damaged = ES.replace(" _lppObj_", " _lppobj_")
    item = item_of(es_ES=damaged, de_DE=damaged, pt_BR=damaged)
    assert run("RL201", item, "es-ES") == []


# -- RL202 ---------------------------------------------------------------------------------------
def test_transliterated_title_is_restored():
    item = item_of(en_US=EN, ru_RU=text("ru-RU", ES, title="ифообар"))
    (f,) = run("RL202", item, "ru-RU")
    assert (f.line, f.column, f.actual, f.expected) == (2, 8, "ифообар", "IFooBar")
    assert (f.fix.old, f.fix.new) == ("ифообар", "IFooBar")


def test_title_without_english_page_follows_the_other_locales():
    item = item_of(es_ES=ES, de_DE=ES, ru_RU=text("ru-RU", ES, title="ИФООБАР"))
    (f,) = run("RL202", item, "ru-RU")
    assert f.expected == "IFooBar" and f.fix is not None


def test_title_with_words_around_the_name_is_not_reported():
    item = item_of(en_US=EN, es_ES=text("es-ES", ES, title="Método IFooBar"))
    assert run("RL202", item, "es-ES") == []


# -- RL203 ---------------------------------------------------------------------------------------
def test_space_inserted_in_scoped_name_and_file_name():
    body = ES.replace("El método **IFoo::Bar**", "El método **IFoo:: Bar**") \
             .replace("|FooObjects.cpp", "|FooObjects. cpp")
    item = item_of(en_US=EN, es_ES=body)
    found = run("RL203", item)
    assert [(f.line, f.actual, f.expected) for f in found] == [
        (line_of(text("es-ES", body), "El método"), "IFoo:: Bar", "IFoo::Bar"),
        (line_of(text("es-ES", body), "|FooObjects"), "FooObjects. cpp", "FooObjects.cpp")]
    page = item.pages["es-ES"]
    for f in found:
        assert page.line(f.fix.line)[f.fix.column - 1:f.fix.column - 1 + len(f.fix.old)] == f.fix.old
        assert f.fix.new == f.fix.old.strip()


def test_member_name_split_after_its_first_letter():
    en = EN.replace("Does something.", "Does something; see IFoo::DoSomething or IFoo::DoCopyTo.")
    body = ES.replace("Hace algo.", "Hace algo; vea IFoo::D oSomething o IFoo::D CopyTo.")
    found = run("RL203", item_of(en_US=en, es_ES=body))
    # `D CopyTo` lost a letter as well: removing the space would not restore it.
    assert [(f.actual, f.expected, f.fix and (f.fix.old, f.fix.new)) for f in found] == [
        ("IFoo::D oSomething", "IFoo::DoSomething", (" ", "")),
        ("IFoo::D CopyTo", "IFoo::DoCopyTo", None)]
    # Without a reference, the shape decides that it is broken (a lowercase rest is the
    # member's own letters), but nothing confirms `IFoo::DoSomething` exists: no fix is offered,
    # since a fix must produce an identifier of the item or its reference.
    (f,) = run("RL203", item_of(es_ES=body))
    assert (f.actual, f.expected, f.fix) == ("IFoo::D oSomething", "IFoo::DoSomething", None)


def test_member_split_with_its_case_changed_is_restored_to_the_reference_member():
    # Removing the space alone would give `IFoo::DOSomething`, an identifier nobody declares.
    en = EN.replace("Does something.", "Does something; see IFoo::DoSomething.")
    body = ES.replace("Hace algo.", "Hace algo; vea IFoo::D OSomething.")
    (f,) = run("RL203", item_of(en_US=en, es_ES=body))
    assert (f.expected, f.fix.old, f.fix.new) == ("IFoo::DoSomething", "D OSomething", "DoSomething")


def test_space_in_header_file_name():
    body = ES.replace("Hace algo.", "Hace algo; vea MAPIUTIL. H.")
    en = EN.replace("Does something.", "Does something; see MAPIUTIL.H.")
    (f,) = run("RL203", item_of(en_US=en, es_ES=body))
    assert (f.actual, f.expected, f.fix.old) == ("MAPIUTIL. H", "MAPIUTIL.H", ". ")
    # A reference that does not write the file name confirms nothing: reported, not fixed.
    (f,) = run("RL203", item_of(en_US=EN, es_ES=body))
    assert (f.actual, f.fix) == ("MAPIUTIL. H", None)


def test_a_sentence_end_before_an_extension_word_is_no_broken_token():
    for text in ("Vea la C API. DLL y XLL.", "Siehe bzw. DLL hier."):
        body = ES.replace("Hace algo.", text)
        assert run("RL203", item_of(en_US=EN, es_ES=body)) == [], text


def test_spaces_in_prose_and_code_are_not_tokens_broken():
    body = ES.replace("Hace algo.", "Hace algo, p. ej. la .dll de IFoo: IUnknown. Hecho. Mapix. Hola.") \
             .replace("  ULONG ulFlags,", "  ULONG IFoo:: ulFlags,")
    item = item_of(en_US=EN, es_ES=body)
    assert run("RL203", item) == []


# -- RL204 ---------------------------------------------------------------------------------------
def test_case_changed_scoped_name_is_restored():
    body = ES.replace("El método **IFoo::Bar**", "El método **IFoo::BAR**")
    item = item_of(en_US=EN, es_ES=body)
    (f,) = run("RL204", item)
    assert (f.actual, f.expected) == ("IFoo::BAR", "IFoo::Bar")
    assert (f.fix.old, f.fix.new) == ("BAR", "Bar")


def test_case_changed_parameter_in_prose_is_restored():
    body = ES.replace("Puntero al objeto.", "Puntero al objeto; vea ulflags.")
    item = item_of(en_US=EN, es_ES=body)
    (f,) = run("RL204", item)
    assert (f.actual, f.expected) == ("ulflags", "ulFlags")


def test_a_spelling_the_reference_writes_too_is_not_a_case_change():
    # The reference's own code tokens are read only when a page needs them: here it does.
    body = ES.replace("Puntero al objeto.", "Puntero al objeto; vea ulflags.")
    en = EN.replace("A pointer to the object.", "A pointer to the object; see ulflags.")
    assert run("RL204", item_of(en_US=en, es_ES=body)) == []
    assert len(run("RL204", item_of(en_US=EN, es_ES=body))) == 1


def test_plain_word_in_prose_and_typedef_case_are_not_reported():
    # "bar" is a word here, not the method; ALL-CAPS typedefs shadow their functions.
    body = ES.replace("Hace algo.", "Hace algo en el bar con IFOO y LPVOID.")
    item = item_of(en_US=EN, es_ES=body)
    assert run("RL204", item) == []


# -- RL205 ---------------------------------------------------------------------------------------
def test_transliterated_mfcmapi_cells_are_restored():
    body = ES.replace("|FooObjects.cpp  <br/> |CFooObjects::Bar  <br/> |",
                      "|ФооОбжектс. cpp  <br/> |КФооОбжектс:: бар  <br/> |")
    item = item_of(en_US=EN, ru_RU=body)
    found = run("RL205", item, "ru-RU")
    assert [(f.actual, f.expected) for f in found] == [
        ("ФооОбжектс. cpp", "FooObjects.cpp"), ("КФооОбжектс:: бар", "CFooObjects::Bar")]
    assert all(f.fix is not None and f.fix.old == f.actual for f in found)
    assert {f.line for f in found} == {line_of(text("ru-RU", body), "ФооОбжектс")}


def test_mfcmapi_cells_that_differ_only_by_spacing_are_left_to_rl203():
    body = ES.replace("|FooObjects.cpp", "|FooObjects. cpp")
    assert run("RL205", item_of(en_US=EN, es_ES=body)) == []


# -- RL206 ---------------------------------------------------------------------------------------
def test_bold_identifier_replaced_by_translation():
    body = ES.replace("> **Bar** devuelve", "> **La barra** devuelve") \
             .replace("Cuando **Bar** vuelve", "Cuando **la barra** vuelve")
    item = item_of(en_US=EN, es_ES=body)
    found = run("RL206", item)
    assert [(f.line, f.actual, f.expected) for f in found] == [
        (line_of(text("es-ES", body), "> **La barra**"), "La barra", "Bar"),
        (line_of(text("es-ES", body), "Cuando **la barra**"), "la barra", "Bar")]
    assert all(f.severity == "warning" and f.fix is None for f in found)


def test_bold_identifier_kept_inside_a_longer_run_is_not_reported():
    body = ES.replace("El método **IFoo::Bar**", "**El método IFoo::Bar**") \
             .replace("> **Bar** devuelve", "> **Bar-Methode** devuelve")
    assert run("RL206", item_of(en_US=EN, es_ES=body)) == []


def test_bold_identifier_translated_on_the_second_line_of_a_paragraph():
    # the paragraph's first line keeps its identifier; the translated run is on the next line
    en = EN.replace("method does something. When", "method does something.\nWhen")
    body = ES.replace("hace algo. Cuando **Bar** vuelve", "hace algo.\nCuando **la barra** vuelve")
    found = run("RL206", item_of(en_US=en, es_ES=body))
    assert [(f.line, f.actual, f.expected) for f in found] == [
        (line_of(text("es-ES", body), "Cuando **la barra**"), "la barra", "Bar")]


def test_bold_identifier_in_the_last_unit_of_the_reference_is_compared():
    # the reference bolds an identifier in its table only: that unit is still compared
    en = EN.replace("> **Bar** returns", "> Bar returns") \
           .replace("The **IFoo::Bar** method", "The IFoo::Bar method").replace("When **Bar**", "When Bar")
    body = ES.replace("usa el método **IFoo::Bar**", "usa el **método Barra**")
    found = run("RL206", item_of(en_US=en, es_ES=body))
    assert [(f.line, f.actual, f.expected) for f in found] == [
        (line_of(text("es-ES", body), "usa el **método Barra**"), "método Barra", "IFoo::Bar")]


def test_no_bold_identifier_in_the_reference_reports_nothing():
    en = EN.replace("**Bar**", "Bar").replace("**IFoo::Bar**", "IFoo::Bar")
    body = ES.replace("> **Bar** devuelve", "> **La barra** devuelve") \
             .replace("usa el método **IFoo::Bar**", "usa el **método Barra**")
    assert run("RL206", item_of(en_US=en, es_ES=body)) == []


# -- RL207 ---------------------------------------------------------------------------------------
def test_transliterated_identifier_in_emphasis_is_restored():
    body = ES.replace("Puntero al objeto.", "Указатель; см. _улфлагс_ и **Бар**.")
    item = item_of(en_US=EN, ru_RU=body)
    found = run("RL207", item, "ru-RU")
    assert [(f.actual, f.expected) for f in found] == [("улфлагс", "ulFlags"), ("Бар", "Bar")]
    page = item.pages["ru-RU"]
    for f in found:
        assert f.line == line_of(text("ru-RU", body), "Указатель")
        assert page.line(f.line)[f.fix.column - 1:].startswith(f.fix.old)


def test_russian_words_are_not_taken_for_identifiers():
    body = ES.replace("Puntero al objeto.", "Указатель **выхода** и прогресса, бар.")
    assert run("RL207", item_of(en_US=EN, ru_RU=body), "ru-RU") == []


# -- seeds ---------------------------------------------------------------------------------------
def test_seed_identifier_defects(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    ctx = CheckContext()
    found = {(f.code, f.locale, f.path.rsplit("/", 1)[-1], f.line, f.actual)
             for c in all_checks() if c.code.startswith("RL2")
             for loc in item.locales for f in c.fn(item, loc, ctx)}
    page = "imapisession-logoff.md"
    expected = {
        ("RL201", "ru-RU", page, 40, "улуипарам"),
        ("RL201", "ru-RU", page, 56, "улресервед"),
        ("RL202", "ru-RU", page, 2, "имаписессионлогофф"),
        ("RL203", "es-ES", page, 68, "IMAPISession:: Logoff"),
        ("RL203", "es-ES", page, 68, "IUnknown:: Release"),
        ("RL203", "es-ES", page, 72, "IUnknown:: Release"),
        ("RL203", "es-ES", page, 82, "MAPIObjects. cpp"),
        ("RL203", "es-ES", page, 82, "CMapiObjects:: Logoff"),
        ("RL203", "es-ES", page, 82, "IMAPISession:: Logoff"),
        ("RL203", "es-ES", page, 85, "IMAPISession:: Logoff"),
        ("RL203", "ru-RU", page, 68, "IMAPISession:: logoff"),
        ("RL203", "ru-RU", page, 72, "IUnknown:: Release"),
        ("RL203", "ru-RU", page, 85, "IMAPISession:: LOGOFF"),
        ("RL204", "ru-RU", page, 68, "IMAPISession:: logoff"),
        ("RL204", "ru-RU", page, 85, "IMAPISession:: LOGOFF"),
        ("RL205", "ru-RU", page, 82, "Мапиобжектс. cpp"),
        ("RL205", "ru-RU", page, 82, "Кмапиобжектс:: выход"),
        ("RL206", "es-ES", page, 54, "Cierre de sesión"),
        ("RL206", "es-ES", page, 68, "cierre de sesión"),
        ("RL206", "es-ES", page, 72, "cierre"),
    }
    assert expected <= found
    assert not {f for f in found if f[1] == "pt-BR"}


def test_spaced_token_expects_the_known_spelling(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    found = [f for f in run("RL203", item, "ru-RU") if f.line == 85]
    assert [(f.expected, f.fix.old, f.fix.new) for f in found] == [("IMAPISession::Logoff", ":: ", "::")]


@pytest.mark.parametrize("code", ["RL201", "RL202", "RL205"])
def test_seed_fixes_restore_the_canonical_names(seeds_corpus, code):
    item = seeds_corpus.item("IMAPISession::Logoff")
    page = item.pages["ru-RU"]
    fixes = [f.fix for f in REGISTRY[code].fn(item, "ru-RU", CheckContext())]
    assert fixes and all(page.line(x.line)[x.column - 1:].startswith(x.old) for x in fixes)
    assert {x.new for x in fixes} & {"ulUIParam", "IMAPISessionLogoff", "MAPIObjects.cpp"}
