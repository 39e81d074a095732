"""Direction tag checks (RL301-RL303) on small pages written for the test, and on the seeds."""

from __future__ import annotations

import dataclasses

from checkutil import FRONT, item_from, line_of, run

from reflingo.checks import CheckContext, all_checks
from reflingo.checks.directions import direction_tags
from reflingo.model import Direction

BODY = """# IFoo::Bar

Does something.

```cpp
HRESULT Bar(
  ULONG ulFlags,
  LPVOID * lppObj,
  ULONG ulReserved
);
```

## Parameters

 _ulFlags_

> {flags} A bitmask of flags.

 _lppObj_

> {obj} A pointer to the object.

 _ulReserved_

> {reserved} Reserved; must be zero.
"""


def page_text(locale: str, flags: str = "[in]", obj: str = "[out]", reserved: str = "[in]") -> str:
    return FRONT.format(locale=locale) + BODY.format(flags=flags, obj=obj, reserved=reserved)


def item_of(**pages: dict):
    """One item; each keyword is a locale (`es_ES`) mapping to the tags of its page."""
    return item_from(page_text(key.replace("_", "-"), **tags) for key, tags in pages.items())


def codes(item, locale: str = "es-ES", ctx: CheckContext | None = None) -> list[str]:
    return [f.code for code in ("RL301", "RL302", "RL303") for f in run(code, item, locale, ctx)]


def test_accepted_tags_give_no_direction_finding():
    item = item_of(en_US={}, es_ES=dict(flags="[entrada]", obj="[salida]", reserved="[in,optional]"))
    assert codes(item, "es-ES") == []
    assert codes(item, "en-US") == []


# -- RL301 ---------------------------------------------------------------------------------------
def test_damaged_word_tag_is_replaced_by_the_locale_tag():
    item = item_of(en_US={}, es_ES=dict(flags="a"))
    (f,) = run("RL301", item)
    assert (f.line, f.column) == (line_of(page_text("es-ES", flags="a"), "> a A bitmask"), 3)
    assert (f.actual, f.expected) == ("a", "[in]")
    assert (f.fix.old, f.fix.new, f.fix.column) == ("a", "[in]", 3)


def test_damaged_bracket_tag_from_the_table_is_replaced():
    item = item_of(en_US={}, ru_RU=dict(obj="[вышел]"))
    (f,) = run("RL301", item, "ru-RU")
    assert (f.actual, f.fix.old, f.fix.new) == ("[вышел]", "[вышел]", "[out]")


def test_unknown_bracket_tag_is_reported_without_fix():
    item = item_of(en_US={}, de_DE=dict(reserved="[ein]"))
    (f,) = run("RL301", item, "de-DE")
    assert (f.actual, f.expected, f.fix) == ("[ein]", "[in]", None)


def test_no_direction_finding_when_the_canonical_direction_is_unknown():
    # ("de" and "[xx]" are listed nowhere; a listed damaged form such as es "a" would stand for
    # its direction, see test_a_listed_damaged_tag_alone_gives_its_direction)
    item = item_of(es_ES=dict(flags="de"), de_DE=dict(flags="[xx]"))
    assert item.parameters[0].direction is Direction.UNKNOWN
    assert codes(item, "es-ES") == []


def test_a_listed_damaged_tag_alone_gives_its_direction_and_is_still_reported():
    item = item_of(es_ES=dict(flags="a"), de_DE=dict(flags="[xx]"))
    assert item.parameters[0].direction is Direction.IN
    assert item.pages["es-ES"].parameters[0].direction_damaged
    (f,) = run("RL301", item, "es-ES")
    assert f.actual == "a"


# -- RL302 ---------------------------------------------------------------------------------------
def test_valid_tag_of_another_direction():
    item = item_of(en_US={}, es_ES=dict(reserved="[salida]"))
    (f,) = run("RL302", item)
    assert (f.line, f.actual, f.expected, f.fix) == (
        line_of(page_text("es-ES", reserved="[salida]"), "[salida]"), "[salida]", "[in]", None)
    assert codes(item) == ["RL302"]


# -- RL303 ---------------------------------------------------------------------------------------
def test_missing_tag_where_the_reference_has_one():
    item = item_of(en_US={}, pt_BR=dict(obj=""))
    (f,) = run("RL303", item, "pt-BR")
    assert (f.expected, f.severity) == ("[out]", "warning")
    assert f.line == line_of(page_text("pt-BR", obj=""), "A pointer")


def test_capitalised_first_word_is_not_a_tag():
    item = item_of(en_US={}, ru_RU=dict(obj="Указатель"))
    written = item.pages["ru-RU"].parameters[1]
    assert written.direction_tag is None                    # the description's own first word
    assert written.description.text.startswith("Указатель")
    assert codes(item, "ru-RU") == ["RL303"]


# -- settings ------------------------------------------------------------------------------------
def test_accepted_tags_come_from_the_locale_settings():
    ctx = CheckContext(settings={"de-DE": {"directions": {"in": ["[ein]"]}}})
    tags = direction_tags(ctx, "de-DE")
    assert tags.meaning("[ein]") is Direction.IN and tags.meaning("[in]") is Direction.IN
    item = item_of(en_US={}, de_DE=dict(reserved="[ein]", flags="eingabe"))
    (f,) = run("RL301", item, "de-DE", ctx)
    assert (f.actual, f.fix.new) == ("eingabe", "[ein]")
    flat = CheckContext(settings={"directions": {"de-DE": {"in": ["[ein]"]}}})
    assert direction_tags(flat, "de-DE").meaning("[ein]") is Direction.IN


def test_tags_are_read_again_for_other_settings_not_for_another_groups_context():
    settings = {"de-DE": {"directions": {"in": ["[ein]"]}}}
    ctx = CheckContext(settings=settings)
    tags = direction_tags(ctx, "de-DE")
    # a worker's context for its next group: the same tables and settings, other commits
    same = dataclasses.replace(ctx, latest={"item": "abc"})
    assert direction_tags(same, "de-DE") is tags
    assert direction_tags(CheckContext(), "de-DE").meaning("[ein]") is None
    assert direction_tags(ctx, "de-DE").meaning("[ein]") is Direction.IN


# -- seeds ---------------------------------------------------------------------------------------
def test_seed_direction_defects(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    ctx = CheckContext()
    found = [(f.code, f.locale, f.path.rsplit("/", 1)[-1], f.line, f.column, f.actual,
              f.fix.new if f.fix else None)
             for c in all_checks() if c.code.startswith("RL3")
             for loc in item.locales for f in c.fn(item, loc, ctx)]
    page = "imapisession-logoff.md"
    assert sorted(found) == [
        ("RL301", "es-ES", page, 42, 3, "a", "[in]"),
        ("RL301", "es-ES", page, 46, 3, "a", "[in]"),
        ("RL301", "ru-RU", page, 42, 3, "возврата", "[in]"),
        ("RL301", "ru-RU", page, 46, 3, "возврата", "[in]"),
    ]
