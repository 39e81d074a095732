"""RL614: section headings damaged by a splice or by a wrong sense."""

from __future__ import annotations

from checkutil import edited, item_from, line_of, run

import pytest

from reflingo.checks.headings import spliced
from reflingo.fixes import apply_fixes
from reflingo.lang.locales import norm

BODY = """\
# IFoo::Bar

Closes a widget.

## <a name="parameters"></a>{parameters}

_ulFlags_

> [in] A bitmask.

## <a name="remarks"></a>{remarks}

The **IFoo::Bar** method closes a widget.

## <a name="members"></a>{members}

Text.
"""

ENGLISH = dict(parameters="Parameters", remarks="Remarks", members="Members")
GERMAN = dict(parameters="Parameter", remarks="Bemerkungen", members="Elemente")
RUSSIAN = dict(parameters="Параметры", remarks="Примечания", members="Элементы")


def page(locale: str, names: dict, **changed: str) -> str:
    return edited(BODY.format(**{**names, **changed}), locale)


def rl614(locale: str, text: str, english_names: dict = ENGLISH) -> list:
    item = item_from([page("en-US", english_names), text])
    return run("RL614", item, locale)


def test_a_name_spliced_into_another_is_reported_with_the_locale_name_as_fix():
    text = page("de-DE", GERMAN, remarks="HinwBemerkungeneise")
    (f,) = rl614("de-DE", text)
    line = line_of(text, "HinwBemerkungeneise")
    assert (f.line, f.actual, f.expected, f.severity.value) == (
        line, "HinwBemerkungeneise", "Bemerkungen", "warning")
    assert f.column == text.split("\n")[line - 1].index("HinwBemerkungeneise") + 1
    assert "spliced" in f.message and "'Remarks'" in f.message
    assert apply_fixes(text, [f])[0] == page("de-DE", GERMAN)


def test_every_listed_name_and_a_name_of_its_own_are_silent():
    assert rl614("de-DE", page("de-DE", GERMAN)) == []
    assert rl614("de-DE", page("de-DE", GERMAN, remarks="Hinweise")) == []
    # a word the table does not list is a translation's own choice, not damage
    assert rl614("de-DE", page("de-DE", GERMAN, remarks="Anmerkungen")) == []
    # English left in place is RL611's, not this check's
    assert rl614("de-DE", page("de-DE", GERMAN, remarks="Remarks")) == []


def test_two_names_side_by_side_are_not_a_splice():
    assert rl614("de-DE", page("de-DE", GERMAN, remarks="Bemerkungen Hinweise")) == []


def test_a_trailing_period_is_not_damage_here():
    assert rl614("de-DE", page("de-DE", GERMAN, remarks="Bemerkungen.")) == []


def test_a_wrong_sense_named_by_the_locale_table_is_reported():
    text = page("ru-RU", RUSSIAN, members='"Участники"')
    (f,) = rl614("ru-RU", text)
    assert (f.line, f.actual, f.expected) == (line_of(text, "Участники"), '"Участники"',
                                              "Элементы")
    assert "wrong sense" in f.message
    assert apply_fixes(text, [f])[0] == page("ru-RU", RUSSIAN)


def test_a_wrong_sense_without_an_attested_name_has_no_fix():
    english = dict(ENGLISH, members="Vtable order")
    body = BODY.replace('name="members"', 'name="vtable-order"')
    item = item_from([edited(body.format(**english), "en-US"),
                      edited(body.format(**dict(RUSSIAN, members="Заказ Vtable")), "ru-RU")])
    (f,) = run("RL614", item, "ru-RU")
    assert (f.actual, f.expected, f.fix) == ("Заказ Vtable", None, None)
    assert "'Vtable order'" in f.message and "no attested name" in f.message


def test_english_pages_are_not_read():
    text = page("en-US", ENGLISH, remarks="ReRemarksmarks")
    assert run("RL614", item_from([text]), "en-US") == []


@pytest.mark.parametrize("name, expected", [
    ("hinwbemerkungeneise", "remarks"),      # inside a word
    ("bemerkungenhinweise", None),           # at the start: two names run together
    ("hinweisebemerkungen", None),           # at the end
    ("hinweise", None),                      # a name itself
    ("hinwxyzweise", None),                  # nothing known inside
])
def test_spliced(name, expected):
    names = {norm("Bemerkungen"): "remarks", norm("Hinweise"): "remarks"}
    assert spliced(name, names) == expected


PROPERTIES = """\
# IFooTable : IUnknown

Gives access to a table.

|||
|:-----|:-----|
|{header}:  <br/> |Mapidefs.h  <br/> |
|{exposed}:  <br/> |{objects}  <br/> |
"""


def properties_item(ru: dict):
    en = dict(header="Header file", exposed="Exposed by", objects="Table objects")
    return item_from([edited(PROPERTIES.format(**en), "en-US"),
                      edited(PROPERTIES.format(**ru), "ru-RU")])


def test_a_property_label_in_a_wrong_sense_is_reported_and_read_as_its_property():
    item = properties_item(dict(header="Файл заголовка", exposed="Подвергается",
                                objects="Объекты таблицы"))
    assert [p.key for p in item.pages["ru-RU"].properties] == \
        [p.key for p in item.pages["en-US"].properties]
    (f,) = run("RL614", item, "ru-RU")
    assert (f.actual, f.expected, f.fix) == ("Подвергается", None, None)
    assert "label" in f.message and "'Exposed by'" in f.message


def test_a_spliced_property_label_gets_the_locale_name_as_fix():
    ru = dict(header="Файл загоТип данныхловка", exposed="Вызывающая сторона",
              objects="Объекты таблицы")
    item = properties_item(ru)
    (f,) = run("RL614", item, "ru-RU")
    assert (f.actual, f.expected) == ("Файл загоТип данныхловка", "Файл заголовка")
    text = edited(PROPERTIES.format(**ru), "ru-RU")
    repaired = PROPERTIES.format(**dict(ru, header="Файл заголовка"))
    assert apply_fixes(text, [f])[0] == edited(repaired, "ru-RU")


def test_listed_property_labels_are_silent():
    item = properties_item(dict(header="Файл заголовка", exposed="Вызывающая сторона",
                                objects="Объекты таблицы"))
    assert run("RL614", item, "ru-RU") == []
