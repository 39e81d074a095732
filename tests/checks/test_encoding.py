"""Encoding checks (RL101, RL102) and the U+FFFD repair helper."""

from __future__ import annotations

from reflingo.checks import REGISTRY, CheckContext, all_checks
from reflingo.checks.encoding import repair_candidates, undo_mojibake
from reflingo.corpus import build_corpus
from reflingo.parse import parse_text

PAGE = """---
title: IFooBar
ms.assetid: 11111111-2222-3333-4444-555555555555
description: '{description}'
ms.contentlocale: {locale}
---
# <a name="ifoobar"></a>IFoo::Bar

{summary}

## <a name="return-value"></a>{heading}

S_OK

> {value}
"""

DE = dict(description="Letzte Änderung: Montag, 9. März 2015", summary="Führt etwas aus.",
          heading="Rückgabewert", value="Der Aufruf war erfolgreich.")


def item_of(locale: str = "de-DE", **fields: str):
    values = {**DE, **fields}
    page = parse_text(PAGE.format(locale=locale, **values), f"/t/{locale}/outlook/mapi/ifoo-bar.md")
    (item,) = build_corpus([page]).items
    return item


def run(code: str, item, locale: str = "de-DE", ctx: CheckContext | None = None):
    all_checks()
    return list(REGISTRY[code].fn(item, locale, ctx or CheckContext()))


def codes(item, locale: str = "de-DE") -> list[str]:
    return [f.code for code in ("RL101", "RL102") for f in run(code, item, locale)]


def test_clean_page_gives_no_encoding_finding():
    assert codes(item_of()) == []
    assert codes(item_of("ru-RU", summary="Её значение «при» — 5 €."), "ru-RU") == []
    assert codes(item_of(summary="„ÄNDERN“ heißt «Ü” oder «É» oder Ä…")) == []


# -- repair_candidates ---------------------------------------------------------------------------
def test_each_replacement_run_stands_for_one_to_k_letters():
    words = {"Änderung", "Anderung", "März", "Määrz", "Mrz", "Rückgabewert"}
    assert repair_candidates("\ufffdnderung", words) == {"Änderung"}
    assert repair_candidates("M\ufffdrz", words) == {"März"}
    assert repair_candidates("M\ufffd\ufffdrz", words) == {"März", "Määrz"}
    assert repair_candidates("R\ufffdckgabe", words) == set()  # whole words only
    assert repair_candidates("Rückgabewert", words) == set()   # nothing damaged


def test_repair_candidates_are_distinct_spellings():
    assert repair_candidates("f\ufffdr", ["für", "für", "fär"]) == {"für", "fär"}
    assert repair_candidates("f\ufffdr", ["f\ufffdr", "fur"]) == set()


# -- RL101 ---------------------------------------------------------------------------------------
def test_replacement_characters_one_finding_per_line():
    item = item_of(description="Letzte \ufffdnderung: Montag, 9. M\ufffdrz 2015",
                   heading="R\ufffdckgabewert")
    found = run("RL101", item)
    assert [(f.line, f.column, f.actual) for f in found] == [
        (4, 22, "\ufffdnderung"), (11, 32, "R\ufffdckgabewert")]
    assert all(f.fix is None for f in found)


def test_replacement_characters_fixed_from_the_vocabulary():
    item = item_of(description="Letzte \ufffdnderung: Montag, 9. M\ufffdrz 2015")
    vocabulary = {"de-DE": {"\ufffdnderung": "Änderung", "M\ufffdrz": "März"}}
    (f,) = run("RL101", item, ctx=CheckContext(vocabulary=vocabulary))
    page = item.pages["de-DE"]
    assert f.fix.old == "\ufffdnderung: Montag, 9. M\ufffdrz"
    assert f.fix.new == "Änderung: Montag, 9. März"
    assert page.line(f.fix.line)[f.fix.column - 1:].startswith(f.fix.old)


def test_replacement_characters_not_fixed_when_a_word_is_unknown():
    item = item_of(description="Letzte \ufffdnderung: Montag, 9. M\ufffdrz 2015")
    (f,) = run("RL101", item, ctx=CheckContext(vocabulary={"de-DE": {"\ufffdnderung": "Änderung"}}))
    assert f.fix is None and f.expected == "Änderung"


# -- RL102 ---------------------------------------------------------------------------------------
def test_undo_mojibake():
    assert undo_mojibake("RÃ¼ckgabewert", "cp1252") == "Rückgabewert"
    assert undo_mojibake("ÃƒÂ¼", "cp1252") == "ü"  # twice
    assert undo_mojibake("РїСЂРё", "cp1251") == "при"
    assert undo_mojibake("für", "cp1252") is None


def test_mojibake_in_latin_and_cyrillic_pages():
    (f,) = run("RL102", item_of(heading="RÃ¼ckgabewert"))
    assert (f.line, f.column, f.actual, f.expected) == (11, 32, "Ã¼", "ü")
    assert (f.fix.old, f.fix.new) == ("Ã¼", "ü")
    item = item_of("ru-RU", summary="Ð¿Ñ€Ð¸Ð²ÐµÑ‚ и РїСЂРёРІРµС‚", heading="Возвращаемое значение")
    found = run("RL102", item, "ru-RU")
    assert [(f.column, f.expected) for f in found] == [(1, "привет"), (16, "привет")]
    assert all(f.fix is not None for f in found)


def test_single_cyrillic_letter_mojibake_only_where_russian_cannot_have_it():
    item = item_of("ru-RU", summary="9 марта 2015 Рі. См. «С».", heading="Возвращаемое значение")
    assert [(f.actual, f.expected) for f in run("RL102", item, "ru-RU")] == [("Рі", "г")]


def test_mojibake_of_punctuation_is_fixed():
    item = item_of("es-ES", summary="El mÃ©todo no se â€œcierraâ€\x9d.", heading="Valor devuelto")
    found = run("RL102", item, "es-ES")
    assert [(f.actual, f.expected) for f in found] == [
        ("Ã©", "é"), ("â€œ", "“"), ("â€\x9d", "”")]
    assert all(f.fix is not None for f in found)


def test_foreign_script_mojibake_is_reported_without_fix():
    (f,) = run("RL102", item_of(summary="Siehe Ð¿Ñ€Ð¸Ð²ÐµÑ‚."))
    assert f.expected == "привет" and f.fix is None


# -- seeds ---------------------------------------------------------------------------------------
def test_seed_encoding_defects(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    ctx = CheckContext()
    found = [(f.code, f.locale, f.path.rsplit("/", 1)[-1], f.line, f.column, f.actual)
             for c in all_checks() if c.code.startswith("RL1")
             for loc in item.locales for f in c.fn(item, loc, ctx)]
    assert found == [
        ("RL101", "de-DE", "imapisession-logoff.md", 14, 22, "\ufffdnderung"),
        ("RL101", "de-DE", "imapisession-logoff.md", 60, 32, "R\ufffdckgabewert"),
        ("RL101", "ru-RU", "imapisession-logoff.md", 58, 8, "\ufffd" * 15),
    ]
