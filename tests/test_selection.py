"""The findings funnel: selection by code prefix, per-path ignores, inline comments, fail-on."""

from __future__ import annotations

import pytest

from reflingo.config import Config
from reflingo.findings import Category, Finding, Severity, at
from reflingo.selection import Decider, inline_codes, inline_ignores, suppressed


def f(code: str, path: str = "content/es-ES/a.md", line: int = 3) -> Finding:
    return Finding(code=code, category=Category.DIRECTION, severity=Severity.ERROR,
                   locale="es-ES", span=at(path, line), message="m")



# -- selection -----------------------------------------------------------------------------

def test_select_and_ignore_by_prefix():
    config = Config(select=("RL2", "RL301"), ignore=("RL20",))
    assert [c for c in ("RL201", "RL210", "RL301", "RL302", "RL004") if Decider(config).selects(c)] == \
        ["RL210", "RL301"]
    assert Decider(Config()).selects("RL004")
    assert not Decider(Config(ignore=("RL",))).selects("RL101")
    assert Decider(Config(select=("RL101",), ignore=("RL1",))).selects("RL101")   # longer prefix wins


def test_per_path_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = Config(per_path_ignores=(("content/de-DE/**", ("RL7",)),))
    assert not Decider(config).keeps(f("RL701", "content/de-DE/outlook/a.md"))
    assert not Decider(config).keeps(f("RL701", "./content/de-DE/a.md"))
    assert not Decider(config).keeps(f("RL701", str(tmp_path / "content/de-DE/a.md")))
    assert Decider(config).keeps(f("RL601", "content/de-DE/a.md"))
    assert Decider(config).keeps(f("RL701", "content/es-ES/a.md"))


def test_per_path_patterns_are_relative_to_the_configuration(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    config = Config(per_path_ignores=(("docs/*.md", ("RL",)),), path=str(tmp_path / "reflingo.toml"))
    assert not Decider(config).keeps(f("RL101", str(tmp_path / "docs" / "a.md")))
    assert Decider(config).keeps(f("RL101", str(tmp_path / "other" / "a.md")))


# -- inline suppression --------------------------------------------------------------------

def test_inline_codes():
    assert inline_codes("text <!-- reflingo-ignore RL201, rl3  RL4 --> more") == ("RL201", "RL3", "RL4")
    assert inline_codes("<!--reflingo-ignore-->") == ()
    assert inline_codes("<!-- reflingo-ignore RL1 --> <!-- reflingo-ignore RL2 -->") == ("RL1", "RL2")
    assert inline_codes("<!-- a comment --> reflingo-ignore RL1") is None


@pytest.mark.parametrize("lines, line, code, hidden", [
    (["a", "x <!-- reflingo-ignore RL201 -->", "c"], 2, "RL201", True),   # same line
    (["a", "<!-- reflingo-ignore RL2 -->", "c"], 3, "RL201", True),       # line above, prefix
    (["<!-- reflingo-ignore RL2 -->", "b", "c"], 3, "RL201", False),      # two lines above
    (["a", "b", "c <!-- reflingo-ignore RL201 -->"], 2, "RL201", False),  # the line below
    (["a", "<!-- reflingo-ignore RL3 -->", "c"], 3, "RL201", False),      # another code
    (["a", "b", "c <!-- reflingo-ignore -->"], 3, "RL201", True),         # all codes
])
def test_suppressed(lines, line, code, hidden):
    assert suppressed(f(code, line=line), lines) is hidden


def test_decide_applies_inline_comments_collected_by_the_workers():
    lines = ["a", "x <!-- reflingo-ignore RL201 -->", "c"]
    ignores = {"content/es-ES/a.md": inline_ignores(lines)}
    kept = Decider(Config()).decide([f("RL201", line=2), f("RL301", line=2), f("RL201", line=1)],
                                    ignores)
    assert [(x.code, x.line) for x in kept] == [("RL201", 1), ("RL301", 2)]


def test_fails_at_or_above_fail_on():
    note = Finding(code="RL701", category=Category.DATE, severity=Severity.NOTE, locale="es-ES",
                   span=at("a.md", 1), message="m")
    assert not Decider(Config()).fails([note])
    assert Decider(Config(fail_on=Severity.NOTE)).fails([note])
    assert Decider(Config()).fails([f("RL201")])


def test_an_unclosed_comment_does_not_suppress_and_stays_linear():
    line = "<!-- reflingo-ignore RL2 " * 20_000
    assert inline_codes(line) is None


def _at(code, line, column, message="m", fix=None, severity=Severity.ERROR):
    return Finding(code=code, category=Category.LINK, severity=severity, locale="es-ES",
                   span=at("a.md", line), column=column, message=message, fix=fix)


def test_findings_at_the_same_place_and_code_are_one():
    from reflingo.findings import Fix
    fix = Fix(line=3, column=5, old="a", new="b")
    same = [_at("RL503", 3, 5, fix=fix), _at("RL503", 3, 5, fix=fix)]
    (one,) = Decider(Config()).decide(same)
    assert one.fix == fix and one.message == "m"
    missing = [_at("RL501", 4, None, "link A is missing"), _at("RL501", 4, None, "link B is missing")]
    (both,) = Decider(Config()).decide(missing)
    assert both.message == "link A is missing; link B is missing"


def test_no_two_fixes_overlap():
    from reflingo.findings import Fix
    a = _at("RL203", 3, 5, fix=Fix(line=3, column=5, old="IFoo:: Bar", new="IFoo::Bar"))
    b = _at("RL503", 3, 9, fix=Fix(line=3, column=9, old=": Bar", new=":Bar"),
            severity=Severity.WARNING)
    c = _at("RL204", 3, 20, fix=Fix(line=3, column=20, old="x", new="X"))
    kept = Decider(Config()).decide([b, a, c])
    assert [(f.code, f.fix is not None) for f in kept] == [("RL203", True), ("RL503", False),
                                                           ("RL204", True)]


def _products(path, expected="Outlook 2013 | Outlook 2016", actual="Outlook", code="RL704",
              locale="es-ES"):
    return Finding(code=code, category=Category.METADATA, severity=Severity.WARNING,
                   locale=locale, span=at(path, 20), message="the Applies-to products differ",
                   expected=expected, actual=actual)


def test_a_difference_most_of_a_locale_shares_is_one_locale_wide_note():
    shared = [_products(f"es-ES/p{i:03}.md") for i in range(60)]
    odd = _products("es-ES/odd.md", actual="Outlook 2010")
    other = _products("de-DE/p000.md", locale="de-DE")
    kept = Decider(Config()).decide([*shared, odd, other], pages={"es-ES": 100, "de-DE": 100})
    notes = [f for f in kept if f.severity is Severity.NOTE]
    assert len(notes) == 1 and "60 of the 100 es-ES pages" in notes[0].message
    assert "p000.md, p001.md, p002.md" in notes[0].message
    assert sorted(f.path for f in kept if f.severity is Severity.WARNING) == \
        ["de-DE/p000.md", "es-ES/odd.md"]


def test_a_difference_of_a_few_pages_stays_per_page():
    few = [_products(f"es-ES/p{i}.md") for i in range(10)]
    assert len(Decider(Config()).decide(few, pages={"es-ES": 30})) == 10


def test_http_for_https_is_one_shape_whatever_the_url():
    links = [_products(f"es-ES/p{i:03}.md", expected=f"https://x.org/{i}",
                       actual=f"http://x.org/{i}", code="RL500") for i in range(40)]
    kept = Decider(Config()).decide(links, pages={"es-ES": 100})
    assert len(kept) == 1 and kept[0].severity is Severity.NOTE


def test_a_date_every_locale_inherited_is_one_note_whatever_the_dates():
    inherited = [_products(f"es-ES/p{i:03}.md", expected=f"2014-11-{1 + i % 28:02}",
                           actual=f"2011-07-{1 + i % 28:02}", code="RL723") for i in range(40)]
    kept = Decider(Config()).decide(inherited, pages={"es-ES": 100})
    assert len(kept) == 1 and "40 of the 100 es-ES pages" in kept[0].message


def test_a_date_a_few_pages_inherited_stays_per_page():
    few = [_products(f"es-ES/p{i}.md", expected=f"2014-11-{1 + i:02}", actual="2011-07-23",
                     code="RL723") for i in range(10)]
    assert len(Decider(Config()).decide(few, pages={"es-ES": 100})) == 10
