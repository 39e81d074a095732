"""The reference's vocabulary in running text (RL208, RL209, RL210, RL414): each rule fires on
a page written for the test and stays silent on its legitimate twin."""

from __future__ import annotations

from checkutil import run
from test_identifiers import EN, ES, item_of

from reflingo.fixes import apply_fixes

RU = ES.replace("Hace algo.", "Делает что-то.")


def english(extra: str) -> str:
    return EN.replace("Does something.", f"Does something. {extra}")


# -- RL208 ----------------------------------------------------------------------------------------
def test_a_transliterated_constant_in_prose_and_in_a_table_cell():
    en = english("See PR_NDR_REASON_CODE.").replace(
        "|FooObjects.cpp  <br/> |CFooObjects::Bar  <br/> |MFCMAPI uses the **IFoo::Bar** method.",
        "|FooObjects.cpp  <br/> |CFooObjects::Bar  <br/> |MFCMAPI reads PR_NDR_REASON_CODE.")
    ru = RU.replace("Делает что-то.", "Делает что-то. См. ПР_НДР_РЕАСОН_КОДЕ.").replace(
        "|MFCMAPI usa el método **IFoo::Bar**.", "|MFCMAPI читает ПР_НДР_РЕАСОН_КОДЕ.")
    item = item_of(en_US=en, ru_RU=ru)
    found = run("RL208", item, "ru-RU")
    assert [(f.actual, f.expected) for f in found] == [
        ("ПР_НДР_РЕАСОН_КОДЕ", "PR_NDR_REASON_CODE")] * 2
    page = "\n".join(item.pages["ru-RU"].lines)
    text, applied, skipped = apply_fixes(page, found)
    assert len(applied) == 2 and "ПР_" not in text and text.count("PR_NDR_REASON_CODE") == 2


def test_a_cyrillic_word_with_no_identifier_behind_it_is_silent():
    en = english("See PR_NDR_REASON_CODE.")
    ru = RU.replace("Делает что-то.", "Делает что-то. См. ДЛЯ_ВСЕХ_СЛУЧАЕВ.")
    assert run("RL208", item_of(en_US=en, ru_RU=ru), "ru-RU") == []


def test_a_transliterated_header_file_with_its_extension_split():
    en = english("Declared in Mapitags.h.")
    ru = RU.replace("Делает что-то.", "Делает что-то. Объявлено в Мапитагс. h.")
    (f,) = run("RL208", item_of(en_US=en, ru_RU=ru), "ru-RU")
    assert (f.actual, f.expected) == ("Мапитагс. h", "Mapitags.h")
    # the legitimate twin: the reference names no such file
    assert run("RL208", item_of(en_US=EN, ru_RU=ru), "ru-RU") == []


def test_a_transliterated_specification_name_in_a_link_text():
    en = english("See [MS-OXPROPS](https://example.com/oxprops).")
    ru = RU.replace("Делает что-то.", "Делает что-то. См. [MS — ОКСПРОПС](https://example.com/oxprops).")
    (f,) = run("RL208", item_of(en_US=en, ru_RU=ru), "ru-RU")
    assert (f.actual, f.expected) == ("MS — ОКСПРОПС", "MS-OXPROPS")
    intact = RU.replace("Делает что-то.", "Делает что-то. См. [MS-OXPROPS](https://example.com/oxprops).")
    assert run("RL208", item_of(en_US=en, ru_RU=intact), "ru-RU") == []


# -- RL209 ----------------------------------------------------------------------------------------
def test_a_parameter_name_in_italics_translated_as_a_word():
    en = EN.replace("> [in] A bitmask of flags.", "> [in] A bitmask of flags; see _lppObj_.")
    es = ES.replace("> [in] Máscara de bits de marcas.", "> [in] Máscara de bits; vea _ObjParámetro_.")
    (f,) = run("RL209", item_of(en_US=en, es_ES=es), "es-ES")
    assert (f.actual, f.expected, f.fix) == ("ObjParámetro", "lppObj", None)   # 3 letters kept
    es = ES.replace("> [in] Máscara de bits de marcas.", "> [in] Máscara de bits; vea _ppObjeto_.")
    (f,) = run("RL209", item_of(en_US=en, es_ES=es), "es-ES")
    assert (f.actual, f.expected, f.fix.new) == ("ppObjeto", "lppObj", "lppObj")
    # a word that keeps nothing of the name is another word (`_ruta_` for a path), no finding
    other = ES.replace("> [in] Máscara de bits de marcas.", "> [in] Máscara de bits; vea _ruta_.")
    assert run("RL209", item_of(en_US=en, es_ES=other), "es-ES") == []
    twin = ES.replace("> [in] Máscara de bits de marcas.", "> [in] Máscara de bits; vea _lppObj_.")
    assert run("RL209", item_of(en_US=en, es_ES=twin), "es-ES") == []
    # an italic word where the reference italicises no parameter name is emphasis, not a name
    plain = ES.replace("> [in] Máscara de bits de marcas.", "> [in] Máscara de bits _siempre_.")
    assert run("RL209", item_of(en_US=EN, es_ES=plain), "es-ES") == []


# -- RL210 ----------------------------------------------------------------------------------------
def test_a_quoted_protocol_value_translated():
    en = english('The value is "manual-action/MDN-sent-manually".')
    es = ES.replace("Hace algo.", 'Hace algo. El valor es "manual-acción/MDN-enviado-manualmente".')
    (f,) = run("RL210", item_of(en_US=en, es_ES=es), "es-ES")
    assert (f.actual, f.expected) == ("manual-acción/MDN-enviado-manualmente",
                                      "manual-action/MDN-sent-manually")
    kept = ES.replace("Hace algo.", 'Hace algo. El valor es "manual-action/MDN-sent-manually".')
    assert run("RL210", item_of(en_US=en, es_ES=kept), "es-ES") == []
    # a quoted English phrase may be translated: it is no literal
    words = english('It is "null-terminated".')
    phrase = ES.replace("Hace algo.", 'Hace algo. Es "terminada-en-nulo".')
    assert run("RL210", item_of(en_US=words, es_ES=phrase), "es-ES") == []


# -- RL414 ----------------------------------------------------------------------------------------
def test_a_flag_name_with_stray_punctuation():
    es = ES.replace("\nMAPI_UNICODE\n", "\nMAPI_UNICODE.\n")
    item = item_of(en_US=EN, es_ES=es)
    (f,) = run("RL414", item, "es-ES")
    assert (f.actual, f.expected, f.fix.old, f.fix.new) == (
        "MAPI_UNICODE.", "MAPI_UNICODE", "MAPI_UNICODE.", "MAPI_UNICODE")
    assert run("RL414", item_of(en_US=EN, es_ES=ES), "es-ES") == []


# -- RL203 on header files and extensions -----------------------------------------------------------
def test_a_header_name_split_before_its_extension():
    en = english("Declared in Mapitags.h.")
    de = ES.replace("Hace algo.", "Hace algo. Deklariert in Mapitags. h.")
    (f,) = run("RL203", item_of(en_US=en, de_DE=de), "de-DE")
    assert (f.actual, f.expected, f.fix.old, f.fix.new) == ("Mapitags. h", "Mapitags.h", ". ", ".")
    # the legitimate twin: a sentence end before a word the reference writes as no file name
    assert run("RL203", item_of(en_US=EN, de_DE=de), "de-DE") == []


def test_an_extension_split_after_its_dot():
    en = english("Personal folders (.pst) hold messages.")
    es = ES.replace("Hace algo.", "Hace algo. Las carpetas personales (. pst) guardan mensajes.")
    (f,) = run("RL203", item_of(en_US=en, es_ES=es), "es-ES")
    assert (f.actual, f.expected) == (". pst", ".pst")
    assert run("RL203", item_of(en_US=EN, es_ES=es), "es-ES") == []
