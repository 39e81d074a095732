"""Metadata checks (RL7xx): front matter and title facts, staleness, localized dates."""

from __future__ import annotations

from checkutil import family, line_of, run_family

import pytest

from reflingo.checks import dates, metadata
from reflingo.corpus import merge
from reflingo.parse import parse_text

PAGE = """\
---
title: IFooBar
ms.date: 03/09/2015
api_name:
- IFoo.Bar
api_type:
- COM
ms.assetid: 11111111-2222-3333-4444-555555555555
description: '{label}: {date}'
ms.openlocfilehash: {hash}
ms.sourcegitcommit: {commit}
ms.contentlocale: {locale}
ms.lasthandoff: {handoff}
---
# <a name="ifoobar"></a>IFoo::Bar

**{applies}**: Outlook 2013 | Outlook 2016

Closes a widget.

```cpp
HRESULT Bar(
  ULONG ulFlags
);
```
"""

LABELS = {"es-ES": "Se aplica a", "pt-BR": "Aplica-se a", "ru-RU": "Относится к",
          "de-DE": "Gilt für", "en-US": "Applies to"}
DATES = {"es-ES": ("Última modificación", "09 de marzo de 2015"),
         "pt-BR": ("Última modificação", "9 de março de 2015"),
         "ru-RU": ("Дата последнего изменения", "9 марта 2015 г."),
         "de-DE": ("Letzte Änderung", "Montag, 9. März 2015"),
         "en-US": ("Last modified", "March 9, 2015")}
FRESH = {"hash": "317c3702415ddf30038ccd0d40cdf0f19abc61f8",
         "commit": "8fe462c32b91c87911942c188f3445e85a54137c", "handoff": "04/23/2019"}
STALE = {"hash": "7d6ccd64fea0af30e81a2db0bcb9630062b4b64d",
         "commit": "9d60cd82b5413446e5bc8ace2cd689f683fb41a7", "handoff": "06/11/2018"}


def page(locale: str, **changes) -> str:
    label, date = DATES[locale]
    values = {"label": label, "date": date, "locale": locale, "applies": LABELS[locale], **FRESH}
    values.update(changes)
    return PAGE.format(**values)


def item_of(texts: dict[str, str]):
    pages = [parse_text(t, f"/t/{loc}/outlook/mapi/ifoo-bar.md") for loc, t in texts.items()]
    return merge(pages)


def four(**changes_by_locale) -> dict[str, str]:
    """The four translated pages, with per-locale changes (`de_DE={...}`)."""
    return {loc: page(loc, **changes_by_locale.get(loc.replace("-", "_"), {}))
            for loc in ("de-DE", "es-ES", "pt-BR", "ru-RU")}


CHECKS = family(metadata) | family(dates)


def findings(item, locale: str, prefix: str = "RL"):
    return run_family(CHECKS, item, locale, prefix)


def codes(item, locale: str, prefix: str = "RL") -> list[str]:
    return [f.code for f in findings(item, locale, prefix)]


def test_consistent_pages_are_clean():
    item = item_of({**four(), "en-US": page("en-US")})
    assert {loc: codes(item, loc) for loc in item.locales} == {loc: [] for loc in item.locales}


# RL701 api_name, RL702 assetid, RL703 title, RL704 applies-to

def test_api_name_differs_from_en_us():
    es = page("es-ES").replace("- IFoo.Bar", "- IFoo.Baz")
    (f,) = findings(item_of({"en-US": page("en-US"), "es-ES": es}), "es-ES", "RL701")
    assert (f.line, f.expected, f.actual) == (line_of(es, "api_name"), "IFoo.Bar", "IFoo.Baz")


def test_api_name_against_consensus():
    texts = four(ru_RU={})
    texts["ru-RU"] = texts["ru-RU"].replace("- IFoo.Bar", "- IFoo.Bar\n- IFoo.Extra")
    item = item_of(texts)
    assert codes(item, "ru-RU", "RL701") == ["RL701"]
    assert codes(item, "es-ES", "RL701") == []


def test_assetid_missing():
    es = page("es-ES").replace("ms.assetid: 11111111-2222-3333-4444-555555555555\n", "")
    item = item_of({"en-US": page("en-US"), "es-ES": es})
    (f,) = findings(item, "es-ES", "RL702")
    assert f.message == "ms.assetid is missing" and f.expected.startswith("11111111")
    assert codes(item, "en-US", "RL702") == []


def test_title_names_another_api():
    es = page("es-ES").replace("IFoo::Bar\n", "IFoo::Baz\n")
    (f,) = findings(item_of({"en-US": page("en-US"), "es-ES": es}), "es-ES", "RL703")
    assert (f.line, f.expected, f.actual) == (line_of(es, "# <a"), "IFoo::Bar", "IFoo::Baz")


def test_title_spacing_and_outvoted_reference_are_silent():
    spaced = page("es-ES").replace("IFoo::Bar\n", "IFoo:: Bar\n")  # identifier checks' business
    assert codes(item_of({"en-US": page("en-US"), "es-ES": spaced}), "es-ES", "RL703") == []
    cased = page("es-ES").replace("IFoo::Bar\n", "IFoo::bar\n")  # so is letter case (RL204)
    assert codes(item_of({"en-US": page("en-US"), "es-ES": cased}), "es-ES", "RL703") == []
    en = page("en-US").replace("# <a name=\"ifoobar\"></a>IFoo::Bar", "# IFoo::Ba")
    item = item_of({**four(), "en-US": en})
    assert codes(item, "es-ES", "RL703") == []
    assert codes(item, "en-US", "RL703") == ["RL703"]  # the English source is the odd one out


def test_applies_to_differs():
    texts = four()
    texts["de-DE"] = texts["de-DE"].replace("Outlook 2013 | Outlook 2016", "Outlook")
    (f,) = findings(item_of(texts), "de-DE", "RL704")
    assert (f.line, f.expected, f.actual) == (
        line_of(texts["de-DE"], "Gilt für"), "Outlook 2013 | Outlook 2016", "Outlook")


def test_applies_to_bare_year_means_the_same_product():
    texts = four()
    texts["de-DE"] = texts["de-DE"].replace("Outlook 2013 | Outlook 2016", "Outlook 2013 | 2016")
    assert codes(item_of(texts), "de-DE", "RL704") == []


# RL711 staleness

def test_stale_translation():
    texts = four(de_DE=STALE)
    (f,) = findings(item_of(texts), "de-DE", "RL711")
    assert f.line == line_of(texts["de-DE"], "ms.openlocfilehash")
    assert f.end_line == line_of(texts["de-DE"], "ms.lasthandoff")
    assert (f.expected, f.actual) == (FRESH["hash"], STALE["hash"])
    assert "9d60cd8" in f.message and "06/11/2018" in f.message


def test_newer_minority_is_not_stale():
    newer = {"hash": "e808f573608a8ba822f0fa8942b2cbfab82b421b", "commit": "a1d9041c",
             "handoff": "09/24/2021"}
    item = item_of(four(de_DE=newer))
    assert [codes(item, loc, "RL711") for loc in item.locales] == [[], [], [], []]


def test_staleness_needs_a_majority():
    item = item_of({loc: t for loc, t in four(de_DE=STALE).items() if loc in ("de-DE", "es-ES")})
    assert codes(item, "de-DE", "RL711") == []


# RL721-RL723 dates

def test_date_disagrees_with_ms_date():
    es = page("es-ES", date="23 de julio de 2011").replace("03/09/2015", "11/16/2014")
    (f,) = findings(item_of({"es-ES": es}), "es-ES", "RL721")
    assert (f.line, f.expected, f.actual) == (
        line_of(es, "description"), "2014-11-16", "2011-07-23")


def test_date_mismatch_shared_by_all_locales_is_a_note():
    texts = {loc: page(loc, date=d).replace("03/09/2015", "11/16/2014") for loc, d in {
        "es-ES": "23 de julio de 2011", "ru-RU": "23 июля 2011 г.",
        "de-DE": "Samstag, 23. Juli 2011"}.items()}
    texts["pt-BR"] = page("pt-BR", date="23 de junho de 2011").replace("03/09/2015", "11/16/2014")
    item = item_of(texts)
    assert [codes(item, loc, "RL72") for loc in item.locales] == [
        ["RL723"], ["RL723"], ["RL721"], ["RL723"]]
    (f,) = findings(item, "pt-BR", "RL721")
    assert (f.expected, f.actual) == ("2011-07-23", "2011-06-23")  # what the others say


@pytest.mark.parametrize("locale, date", [
    ("es-ES", "09 de marzo de 2015"), ("ru-RU", "9 марта 2015 г."),
    ("pt-BR", "9 de março de 2015"),
    ("de-DE", "Montag, 9. März 2015"), ("de-DE", "Montag, 9. M\ufffdrz 2015"),
    ("es-ES", "lunes, 9 de marzo de 2015"), ("en-US", "March 9, 2015"),
])
def test_matching_dates_are_silent(locale, date):
    assert codes(item_of({locale: page(locale, date=date)}), locale, "RL72") == []


@pytest.mark.parametrize("description", [
    "Describes the syntax of IFoo::Bar for Outlook 2013 and Outlook 2016.",
    "Versión 2015: notas",
])
def test_descriptions_without_a_date_are_skipped(description):
    es = page("es-ES").replace("'Última modificación: 09 de marzo de 2015'", f"'{description}'")
    assert codes(item_of({"es-ES": es}), "es-ES", "RL72") == []


def test_damaged_ambiguous_month_is_read_with_ms_date():
    damaged = page("ru-RU", date="9 \ufffd\ufffd\ufffd\ufffd 2015 г.")  # июня or июля
    july = damaged.replace("03/09/2015", "07/09/2015")
    assert codes(item_of({"ru-RU": july}), "ru-RU", "RL72") == []  # July fits
    august = damaged.replace("03/09/2015", "08/09/2015")
    assert codes(item_of({"ru-RU": august}), "ru-RU", "RL72") == []  # cannot tell: silent


def test_wrong_weekday():
    de = page("de-DE", date="Dienstag, 9. März 2015")
    (f,) = findings(item_of({"de-DE": de}), "de-DE", "RL722")
    assert (f.line, f.expected, f.actual) == (line_of(de, "description"), "Montag", "Dienstag")
    assert f.fix.old == "Dienstag" and f.fix.new == "Montag"
    assert de.split("\n")[f.line - 1][f.fix.column - 1:].startswith("Dienstag")


def test_wrong_weekday_without_certain_fix_when_date_also_differs():
    es = page("es-ES", date="martes, 9 de marzo de 2015").replace("03/09/2015", "03/10/2015")
    item = item_of({"es-ES": es})
    assert codes(item, "es-ES", "RL72") == ["RL721", "RL722"]
    assert findings(item, "es-ES", "RL722")[0].fix is None


# the seeds

def test_seed_metadata_findings(seeds_corpus):
    got = {(f.code, f.path.split("/content/")[1], f.line)
           for item in seeds_corpus.items for loc in item.locales for f in findings(item, loc)}
    assert got == {
        ("RL704", "de-DE/outlook/mapi/imapisession-logoff.md", 26),
        ("RL711", "de-DE/outlook/mapi/imapisession-logoff.md", 15),
        ("RL721", "es-ES/outlook/mapi/imslogon-logoff.md", 14),
    }
