"""Merging pages of one item across locales into canonical facts."""

from __future__ import annotations

from reflingo.corpus import build_corpus, match_parameters
from reflingo.model import Direction
from reflingo.parse import parse_text

ASSET = "aaaaaaaa-0000-0000-0000-000000000001"


def page(locale: str, params: str, *, asset: str = ASSET, rel: str = "x/ifoo-bar.md", sig: bool = True):
    code = "```cpp\nHRESULT Bar(\n  ULONG ulFlags,\n  LPVOID lpv\n);\n```\n\n" if sig else ""
    text = (f"---\ntitle: IFooBar\nms.assetid: {asset}\napi_name:\n- IFoo.Bar\n---\n# IFoo::Bar\n\n"
            f"Does.\n\n{code}## Parameters\n\n{params}\n## Return value\n\nS_OK\n\n> OK.\n")
    return parse_text(text, f"{locale}/{rel}", locale=locale, rel_path=rel)


GOOD = " _ulFlags_\n\n> [in] Flags.\n\nMAPI_A\n\n> A.\n\n _lpv_\n\n> [out] Pointer.\n\n"


def test_en_us_is_the_reference_when_present():
    other = GOOD.replace("[out] Pointer", "[in] Pointer")
    corpus = build_corpus([page("en-US", GOOD), page("es-ES", other), page("de-DE", other)])
    item, = corpus.items
    assert item.reference_locale == "en-US"
    assert [p.direction for p in item.parameters] == [Direction.IN, Direction.OUT]
    assert item.parameters[1].direction_support.origin == "en-US"


def test_majority_decides_without_en_us():
    out = GOOD
    wrong = GOOD.replace("[out] Pointer", "[in] Pointer")
    corpus = build_corpus([page("es-ES", out), page("de-DE", out), page("ru-RU", wrong)])
    item, = corpus.items
    assert item.reference_locale is None
    lpv = item.parameters[1]
    assert lpv.direction is Direction.OUT
    assert lpv.direction_support.locales == ("de-DE", "es-ES")
    assert [f.name for f in item.parameters[0].flags] == ["MAPI_A"]


def test_flags_need_a_majority_without_reference():
    extra = GOOD.replace("MAPI_A\n\n> A.\n\n", "MAPI_A\n\n> A.\n\nMAPI_ZZ\n\n> Z.\n\n")
    corpus = build_corpus([page("es-ES", GOOD), page("de-DE", GOOD), page("ru-RU", extra)])
    assert [f.name for f in corpus.items[0].parameters[0].flags] == ["MAPI_A"]


def test_names_come_from_the_signature_and_pages_map_onto_them():
    ru = GOOD.replace("_ulFlags_", "_улфлагс_")
    corpus = build_corpus([page("ru-RU", ru), page("es-ES", GOOD)])
    item, = corpus.items
    assert [p.name for p in item.parameters] == ["ulFlags", "lpv"]
    assert item.parameters[0].support.origin == "signature"
    assert dict(item.parameters[0].aliases) == {"ru-RU": "улфлагс"}


def test_shared_assetid_on_different_pages_gives_distinct_keys():
    a = page("en-US", GOOD, rel="x/a.md")
    b = page("en-US", GOOD, rel="x/b.md")
    corpus = build_corpus([a, b])
    keys = [i.key for i in corpus.items]
    assert len(keys) == 2 and len(set(keys)) == 2


def test_match_parameters_prefers_names_then_transliteration_then_position():
    ps = page("ru-RU", " _лпв_\n\n> [out] P.\n\n _улфлагс_\n\n> [in] F.\n\n").parameters
    assert match_parameters(ps, ["ulFlags", "lpv"]) == (1, 0)
    unrelated = page("es-ES", " _foo_\n\n> [in] F.\n\n _bar_\n\n> [in] B.\n\n").parameters
    assert match_parameters(unrelated, ["ulFlags", "lpv"]) == (0, 1)       # position, counts equal
    assert match_parameters(unrelated[:1], ["ulFlags", "lpv"]) == (None,)  # no basis to map
