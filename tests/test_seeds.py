"""The seed pages in content/ merge into exactly the two items the project was created from."""

from __future__ import annotations

from reflingo.model import Direction, PageKind


def test_seeds_give_exactly_two_items(seeds_corpus):
    names = sorted(i.name for i in seeds_corpus.items)
    assert names == ["IMAPISession::Logoff", "IMSLogon::Logoff"]


def test_logoff_canonical_parameters(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    assert item.kind is PageKind.METHOD
    assert item.locales == ("de-DE", "es-ES", "pt-BR", "ru-RU")
    assert item.reference_locale is None  # no en-US page: built by consensus
    params = [(p.name, p.type, p.direction) for p in item.parameters]
    assert params == [("ulUIParam", "ULONG_PTR", Direction.IN),
                      ("ulFlags", "ULONG", Direction.IN),
                      ("ulReserved", "ULONG", Direction.IN)]
    flags = {p.name: [f.name for f in p.flags] for p in item.parameters}
    assert flags == {"ulUIParam": [], "ulFlags": ["MAPI_LOGOFF_SHARED", "MAPI_LOGOFF_UI"],
                     "ulReserved": []}
    assert [v.name for v in item.return_values] == ["S_OK"]
    assert item.parameters[0].support.origin == "signature"


def test_direction_consensus_outvotes_damaged_tags(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    ui = item.parameters[0]
    # es-ES writes "a", ru-RU "возврата": damaged forms the locale tables list, read as the
    # direction they stand for but recorded as damaged, so the intact pt-BR and de-DE tags decide.
    assert ui.direction is Direction.IN
    assert set(ui.direction_support.locales) == {"de-DE", "pt-BR"}
    es = item.pages["es-ES"].parameters[0]
    ru = item.pages["ru-RU"].parameters[0]
    assert (es.direction_tag, es.direction, es.direction_damaged) == ("a", Direction.IN, True)
    assert (ru.direction_tag, ru.direction, ru.direction_damaged) == ("возврата", Direction.IN, True)
    assert not item.pages["pt-BR"].parameters[0].direction_damaged
    assert item.pages["es-ES"].parameters[2].direction_tag == "[entrada]"
    assert item.pages["es-ES"].parameters[2].direction is Direction.IN


def test_russian_transliterated_names_map_to_canonical(seeds_corpus):
    item = seeds_corpus.item("IMAPISession::Logoff")
    ru_written = [p.name for p in item.pages["ru-RU"].parameters]
    assert ru_written == ["улуипарам", "ulFlags", "улресервед"]
    assert item.parameter_maps["ru-RU"] == (0, 1, 2)
    aliases = {p.name: dict(p.aliases) for p in item.parameters}
    assert aliases["ulUIParam"] == {"ru-RU": "улуипарам"}
    assert aliases["ulReserved"] == {"ru-RU": "улресервед"}
    assert aliases["ulFlags"] == {}


def test_pt_br_span_markup_removed_and_source_recovered(seeds_corpus):
    page = seeds_corpus.item("IMAPISession::Logoff").pages["pt-BR"]
    assert page.bilingual
    texts = [page.title.text, page.summary.text, page.applies_to.text,
             *(p.description.text for p in page.parameters), *(t.text for t in page.remarks)]
    assert not any("<span" in t or "data-ttu-id" in t for t in texts)
    assert page.summary.text == "Encerra uma sessão MAPI."
    assert page.summary.source == "Ends a MAPI session."
    reserved = page.parameters[2]
    assert reserved.description.text == "Reservado; deve ser zero."
    assert reserved.description.source == "Reserved; must be zero."
    assert page.sections[1].heading.text == "Parâmetros"
    assert page.sections[1].heading.source == "Parameters"
    assert [l.text for l in page.see_also][0] == "IMAPISession : IUnknown"


def test_imslogon_logoff_single_locale(seeds_corpus):
    item = seeds_corpus.item("IMSLogon::Logoff")
    assert item.locales == ("es-ES",)
    assert [(p.name, p.type) for p in item.parameters] == [("lpulFlags", "ULONG FAR *")]


def test_every_fact_has_a_source_span(seeds_corpus):
    page = seeds_corpus.item("IMAPISession::Logoff").pages["es-ES"]
    assert page.signature.span.line_start == 30 and page.signature.span.line_end == 36
    first = page.parameters[0]
    assert first.name_span.line_start == 40
    assert first.flags == ()
    flags = page.parameters[1].flags
    assert [f.span.line_start for f in flags] == [48, 52]
    assert page.return_values[0].span.line_start == 62
    assert page.mfcmapi[0].span.line_start == 82
    assert page.admonitions[0].kind == "NOTE"


def test_nothing_dropped_every_body_block_is_in_a_section(seeds_corpus):
    for page in seeds_corpus.pages:
        covered = {ln for s in page.sections for b in s.blocks
                   for ln in range(b.span.line_start, b.span.line_end + 1)}
        body = page.front.span.line_end + 1
        text = (page.path and open(page.path, encoding="utf-8").read().split("\n"))
        nonblank = {i + 1 for i, ln in enumerate(text) if ln.strip() and i + 1 >= body}
        assert nonblank and nonblank - covered == set(), page.path
        assert page.other_lines == 0
