"""The check runner: one guard per check, and no fix offered on the reference page."""

from __future__ import annotations

import pytest

from reflingo.checks import REGISTRY, check, finding
from reflingo.checks.runner import check_corpus
from reflingo.corpus import build_corpus
from reflingo.findings import Category, Fix, Severity
from reflingo.parse import parse_text

from checkutil import FRONT

BODY = "\n# IFoo::Bar\n\nDoes **IFoo::Bar** things.\n"


def corpus(*locales: str):
    pages = [parse_text(FRONT.format(locale=loc) + BODY, f"/t/{loc}/outlook/mapi/ifoo-bar.md")
             for loc in locales]
    return build_corpus(pages)


@pytest.fixture
def temporary_checks():
    def always(item, locale, ctx):
        """Test only: a finding with a fix on every page.

        Bad:  anything
        Good: nothing
        """
        page = item.pages[locale]
        yield finding("RL980", page, 4, "always", item=item, column=1,
                      fix=Fix(line=4, column=1, old="Does", new="Did"))

    def boom(item, locale, ctx):
        """Test only: raises.

        Bad:  anything
        Good: nothing
        """
        raise RuntimeError("boom")
        yield  # pragma: no cover

    def halfway(item, locale, ctx):
        """Test only: a finding, then raises.

        Bad:  anything
        Good: nothing
        """
        yield finding("RL982", item.pages[locale], 4, "halfway", item=item)
        raise RuntimeError("halfway")

    check("RL980", Category.FORMATTING, Severity.WARNING)(always)
    check("RL981", Category.FORMATTING, Severity.WARNING)(boom)
    check("RL982", Category.FORMATTING, Severity.WARNING)(halfway)
    yield
    for code in ("RL980", "RL981", "RL982"):
        REGISTRY.pop(code)


def test_the_reference_page_is_never_fixed(temporary_checks):
    findings, _ = check_corpus(corpus("en-US", "es-ES"), codes=("RL980",))
    fixes = {f.locale: f.fix for f in findings}
    assert fixes["en-US"] is None and fixes["es-ES"] is not None


def test_without_a_reference_every_locale_may_be_fixed(temporary_checks):
    findings, _ = check_corpus(corpus("de-DE", "es-ES"), codes=("RL980",))
    assert all(f.fix is not None for f in findings) and len(findings) == 2


def test_a_check_that_raises_is_an_internal_error_and_the_others_run(temporary_checks):
    findings, _ = check_corpus(corpus("es-ES"), codes=("RL980", "RL981"))
    assert sorted(f.code for f in findings) == ["RL009", "RL980"]
    (error,) = [f for f in findings if f.code == "RL009"]
    assert "RL981" in error.message and "RuntimeError: boom" in error.message
    assert error.path.endswith("ifoo-bar.md") and error.locale == "es-ES"


def test_a_check_that_raises_after_finding_something_reports_only_the_error(temporary_checks):
    findings, _ = check_corpus(corpus("en-US", "es-ES"), codes=("RL980", "RL982"))
    assert sorted((f.locale, f.code) for f in findings) == [
        ("en-US", "RL009"), ("en-US", "RL980"), ("es-ES", "RL009"), ("es-ES", "RL980")]
    assert all("RL982" in f.message for f in findings if f.code == "RL009")
