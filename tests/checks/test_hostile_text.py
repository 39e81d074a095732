"""Hostile page text through the checks: digits int() cannot read (`²015`), link targets
urlsplit cannot split, front matter values of any YAML type. Every check runs to its end: no
internal-error finding (RL009), and the checks still report what they should."""

from __future__ import annotations

from checkutil import line_of

import pytest

from reflingo.checks import CheckContext, all_checks
from reflingo.checks.runner import check_corpus
from reflingo.checks.links import describe, link_identifier, resource, split_url
from reflingo.checks.dates import _parse_localized, us_date as _us_date
from reflingo.checks.relative_links import relative_path
from reflingo.corpus import build_corpus
from reflingo.parse import parse_text

PAGE = """\
---
title: IFooBar
ms.date: {date}
ms.assetid: 11111111-2222-3333-4444-555555555555
description: '{description}'
ms.contentlocale: {locale}
ms.lasthandoff: 04/23/2019
ms.openlocfilehash: 317c3702415ddf30038ccd0d40cdf0f19abc61f8
ms.sourcegitcommit: 8fe462c32b91c87911942c188f3445e85a54137c
---
# IFoo::Bar

**{applies}**: Outlook 2013

Closes a widget.

```cpp
HRESULT Bar(
  ULONG ulFlags
);
```

## {parameters}

 _ulFlags_

> [in] Reserved; must be zero.

## {remarks}

Call [IUnknown::Release]({msdn}) and see [Ending a MAPI Session](ending-a-mapi-session.md).
"""
MSDN = "https://msdn.microsoft.com/library/ms682317.aspx"
DESCRIPTIONS = {"en-US": "Last modified: March 9, 2015",
                "es-ES": "Última modificación: 09 de marzo de 2015"}
APPLIES = {"en-US": "Applies to", "es-ES": "Se aplica a"}
HEADINGS = {"en-US": ("Parameters", "Remarks"), "es-ES": ("Parámetros", "Comentarios")}
PAGES = frozenset({"outlook/mapi/ifoo-bar.md", "outlook/mapi/ending-a-mapi-session.md"})
MALFORMED = ["https://dev.o]ffice.com/x", "https://[img]/a", "https://msdn／microsoft.com/",
             "//[x/a.md"]


def page(locale: str, *edits: tuple[str, str], date: str = "03/09/2015") -> str:
    text = PAGE.format(date=date, description=DESCRIPTIONS[locale], locale=locale,
                       applies=APPLIES[locale], msdn=MSDN, parameters=HEADINGS[locale][0],
                       remarks=HEADINGS[locale][1])
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def check(es: str) -> list:
    """Every check's findings on the item of the English page and `es`, reading problems
    included, with the locales' pages known (so that RL504 judges relative links)."""
    all_checks()
    pages = [parse_text(t, f"/t/{loc}/outlook/mapi/ifoo-bar.md")
             for loc, t in (("en-US", page("en-US")), ("es-ES", es))]
    ctx = CheckContext(existing={"en-US": PAGES, "es-ES": PAGES})
    findings, problems = check_corpus(build_corpus(pages), ctx)
    return findings + problems


def es_codes(findings) -> list[str]:
    return sorted(f.code for f in findings if f.locale == "es-ES")


def internal_errors(findings) -> list[str]:
    return [f.message for f in findings if f.code == "RL009"]


def test_the_fixture_pair_is_clean():
    findings = check(page("es-ES"))
    assert internal_errors(findings) == [] and es_codes(findings) == []


# -- digits that int() cannot read ---------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("09 de marzo de ²015", "es"), ("²9 de marzo de 2015", "es"),
    ("Montag, ²9. März 2015", "de"), ("9 марта ²015 г.", "ru"), ("March ⁹, 2015", "en"),
])
def test_a_date_with_superscript_digits_is_not_read(text, lang):
    assert _parse_localized(text, lang) is None


def test_a_date_with_ascii_digits_is_still_read():
    parsed = _parse_localized("09 de marzo de 2015", "es")
    assert (parsed.day, parsed.months, parsed.year) == (9, frozenset({3}), 2015)


@pytest.mark.parametrize("text", ["²3/09/2015", "03/09/²015", "03/⁰9/2015"])
def test_an_ms_date_with_superscript_digits_is_not_read(text):
    assert _us_date(text) is None
    assert _us_date("03/09/2015") is not None


@pytest.mark.parametrize("date", ["09 de marzo de ²015", "²9 de marzo de 2015"])
def test_the_date_checks_run_on_a_description_with_superscript_digits(date):
    es = page("es-ES", ("09 de marzo de 2015", date))
    findings = check(es)
    assert internal_errors(findings) == []
    assert not [c for c in es_codes(findings) if c.startswith("RL72")]  # no date to compare


def test_the_date_checks_still_report_a_readable_date_that_disagrees():
    es = page("es-ES", ("09 de marzo de 2015", "23 de julio de 2011"))
    assert "RL721" in es_codes(check(es))


@pytest.mark.parametrize("field, value", [
    ("ms.date", "²3/09/2015"), ("ms.lasthandoff", "04/23/²019"), ("ms.lasthandoff", "²4/23/2019"),
])
def test_the_checks_run_on_front_matter_dates_with_superscript_digits(field, value):
    old = next(ln for ln in page("es-ES").split("\n") if ln.startswith(field + ":"))
    assert internal_errors(check(page("es-ES", (old, f"{field}: {value}")))) == []


# -- link targets that urlsplit cannot split -----------------------------------------------------

@pytest.mark.parametrize("target", MALFORMED)
def test_split_url_is_none_for_a_malformed_target(target):
    assert split_url(target) is None


def test_split_url_splits_a_good_target():
    parts = split_url(f" {MSDN} ")
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "msdn.microsoft.com", "/library/ms682317.aspx")


@pytest.mark.parametrize("target", MALFORMED)
def test_link_helpers_take_a_malformed_target(target):
    assert describe(MSDN, target) == "malformed URL"
    assert describe(target, MSDN) == "the reference's URL is malformed"
    assert resource(target) == target.rstrip("/").lower()
    assert relative_path("outlook/mapi/ifoo-bar.md", target) is None


def test_link_identifier_of_a_malformed_target_reads_its_last_segment():
    assert link_identifier("Abort", "https://[img]/ifoo-abort.md") == "Abort"
    assert link_identifier("Abort", "https://[img]/other.md") is None


@pytest.mark.parametrize("target", MALFORMED)
def test_a_changed_link_to_a_malformed_target_is_reported(target):
    es = page("es-ES", (f"]({MSDN})", f"]({target})"))
    findings = check(es)
    assert internal_errors(findings) == []
    (f,) = [f for f in findings if f.locale == "es-ES"]
    assert (f.code, f.line, f.actual, f.expected) == ("RL500", line_of(es, target), target, MSDN)
    assert f.message.endswith(": malformed URL")


@pytest.mark.parametrize("target", MALFORMED)
def test_a_relative_link_changed_to_a_malformed_target_is_reported(target):
    es = page("es-ES", ("](ending-a-mapi-session.md)", f"]({target})"))
    findings = check(es)
    assert internal_errors(findings) == []
    assert es_codes(findings) == ["RL500"]  # not RL504: no relative page


@pytest.mark.parametrize("target", MALFORMED)
def test_an_added_link_to_a_malformed_target_is_an_extra_link(target):
    es = page("es-ES") + f"\nSee [IFoo::Bar]({target}).\n"
    findings = check(es)
    assert internal_errors(findings) == []
    assert es_codes(findings) == ["RL502"]


# -- front matter values of any type ---------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("title: IFooBar", "title: [a, b]"), ("title: IFooBar", "title: {x: 1}"),
    ("title: IFooBar", "title: null"), ("title: IFooBar", "title: 1.5"),
    ("ms.date: 03/09/2015", "ms.date: 5"), ("ms.date: 03/09/2015", "ms.date: 2015-03-09"),
    ("ms.date: 03/09/2015", "ms.date: [03/09/2015]"), ("ms.date: 03/09/2015", "ms.date: .nan"),
    ("ms.assetid: 11111111-2222-3333-4444-555555555555", "ms.assetid: {x: 1}"),
    ("ms.assetid: 11111111-2222-3333-4444-555555555555", "ms.assetid: [a, b]"),
    ("ms.lasthandoff: 04/23/2019", "ms.lasthandoff: {x: 1}"),
    ("ms.lasthandoff: 04/23/2019", "ms.lasthandoff: 2019-04-23 10:00:00+05:00"),
    ("ms.openlocfilehash: 317c3702415ddf30038ccd0d40cdf0f19abc61f8", "ms.openlocfilehash: 5"),
    ("ms.sourcegitcommit: 8fe462c32b91c87911942c188f3445e85a54137c", "ms.sourcegitcommit: [a]"),
    ("description: 'Última modificación: 09 de marzo de 2015'", "description: {a: b}"),
    ("description: 'Última modificación: 09 de marzo de 2015'", "description: true"),
    ("ms.contentlocale: es-ES", "ms.contentlocale: [es-ES]"),
    ("title: IFooBar", "title: IFooBar\napi_name: {x: 1}\napi_type: 5"),
    ("title: IFooBar", "title: IFooBar\nrec: &r [*r]"),
])
def test_the_checks_run_on_front_matter_values_of_any_type(old, new):
    assert internal_errors(check(page("es-ES", (old, new)))) == []
