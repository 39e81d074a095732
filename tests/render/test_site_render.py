"""The site renderer on the seed pages: one page per item and locale, fallback pages with a
banner, languages, QA findings beside their parameter, sanitising, safe paths, catalogs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reflingo.checks.runner import check_corpus
from reflingo.commands.catalogs import load_catalogs
from reflingo.render.site import SiteInputs, nav_tuples, render_group, render_site
from reflingo.render.site.markup import sanitise
from reflingo.render.site.urls import page_path, resolve_relative

LOCALES = ("de-DE", "en-US", "es-ES", "pt-BR", "ru-RU")
LOGOFF = "outlook/mapi/imapisession-logoff"


def inputs_for(corpus, catalogs=None) -> SiteInputs:
    return SiteInputs(locales=LOCALES, paths={p.rel_path.lower(): p.rel_path for p in corpus.pages},
                      nav={k: nav_tuples(v) for k, v in corpus.navigation.items()},
                      catalogs=catalogs or {})


@pytest.fixture(scope="module")
def site(seeds_corpus):
    findings, problems = check_corpus(seeds_corpus)
    inputs = inputs_for(seeds_corpus, load_catalogs(LOCALES))
    files, summaries = render_group(seeds_corpus.items, findings + problems, inputs)
    return {**files, **render_site(summaries, findings + problems, inputs)}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.anchors, self.html_lang, self.scripts = {}, [], None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "a" and "href" in a:
            self.anchors.append(a["href"])
        elif tag == "script":
            self.scripts.append(a.get("src"))


def parsed(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


def test_every_item_has_a_page_in_every_locale_and_a_side_by_side_view(site):
    for stem in (LOGOFF, "outlook/mapi/imslogon-logoff"):
        assert all(f"{loc}/{stem}.html" in site for loc in LOCALES)
        assert f"compare/{stem}.html" in site


def test_html_lang_and_hreflang_alternates_for_every_locale_and_x_default(site):
    page = parsed(site[f"ru-RU/{LOGOFF}.html"])
    assert page.html_lang == "ru-RU"
    assert sorted(page.alternates) == sorted(LOCALES + ("x-default",))
    assert page.alternates["es-ES"] == f"../../../es-ES/{LOGOFF}.html"
    assert page.alternates["x-default"] == page.alternates["en-US"]


def test_a_locale_without_the_page_gets_the_reference_text_with_a_banner(site):
    # IMSLogon::Logoff exists in es-ES only: the other locales show the es-ES text
    html = site["de-DE/outlook/mapi/imslogon-logoff.html"]
    assert 'class="banner banner-fallback"' in html
    assert '<article data-pagefind-body data-pagefind-filter="listed:yes" lang="es-ES">' in html
    assert "Cierra la sesión" in html
    own = site["es-ES/outlook/mapi/imslogon-logoff.html"]
    assert "banner-fallback" not in own


def test_the_switcher_greys_out_the_missing_translations(site):
    html = site["es-ES/outlook/mapi/imslogon-logoff.html"]
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    assert re.search(r'class="lang missing"[^>]*>Deutsch', switcher, re.S)
    assert re.search(r'class="lang current"', switcher)


def test_machine_translated_pages_carry_a_banner(site):
    assert "banner-mt" in site[f"es-ES/{LOGOFF}.html"]   # ms.translationtype: MT


def test_a_finding_stands_beside_its_parameter_with_the_expected_text(site):
    html = site[f"es-ES/{LOGOFF}.html"]
    block = re.search(r'<dt id="param-ulUIParam">.*?</dd>', html, re.S).group(0)
    assert 'data-code="RL301"' in block
    assert "<code>[in]</code>" in block          # the expected direction tag
    assert "a" in re.search(r'<span class="tag"[^>]*>(.*?)</span>', block).group(1)


def test_ui_strings_come_from_the_locale_catalog_and_dates_from_babel(site):
    es = site[f"es-ES/{LOGOFF}.html"]
    assert ">Buscar</button>" in es and "Comparar idiomas" in es
    assert "9 de marzo de 2015" in es
    de = site[f"de-DE/{LOGOFF}.html"]
    assert ">Suchen</button>" in de and "9. März 2015" in de
    assert "Состояние перевода" in site["ru-RU/status.html"]


def test_every_finding_category_has_a_name_in_every_catalog():
    from reflingo.findings import Category
    from reflingo.render.site.env import CATEGORY_NAMES
    from reflingo.commands.catalogs import load_catalogs
    assert set(CATEGORY_NAMES) == set(Category)
    for loc, messages in load_catalogs(("de-DE", "es-ES", "pt-BR", "ru-RU")).items():
        assert all(messages.get(name) for name in CATEGORY_NAMES.values()), loc


def test_finding_categories_are_named_in_the_page_language(site):
    es = site[f"es-ES/{LOGOFF}.html"]
    block = re.search(r'<dt id="param-ulUIParam">.*?</dd>', es, re.S).group(0)
    assert '<span class="cat">dirección</span>' in block          # RL301, direction
    status = site["ru-RU/status.html"]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>', status)
    assert "кодировка" in rows and "encoding" not in rows


def test_no_cell_item_or_term_runs_into_the_next_for_the_search_index(site):
    # Pagefind reads the text of `<td>a</td><td>b</td>` as one word `ab`
    pages = {p: html for p, html in site.items() if "<article data-pagefind-body" in html}
    assert any("<td>" in html for html in pages.values())
    for path, html in pages.items():
        article = html[html.index("<article"):html.rindex("</article>")]
        assert not re.search(r"</(td|th|dt|dd|li|p|tr)><(td|th|dt|dd|li|p|tr)\b", article), path


def test_link_lists_are_left_out_of_the_search_index(site):
    html = site[f"es-ES/{LOGOFF}.html"]
    sections = dict(re.findall(r'<section class="part[^"]*" id="([^"]+)"([^>]*)>', html))
    assert "data-pagefind-ignore" in sections["s-see-also"]
    assert "data-pagefind-ignore" not in sections["s-remarks"]
    assert "data-pagefind-ignore" not in sections["s-parameters"]


def test_pagefind_is_given_the_item_article_of_a_page_without_its_frame(site):
    from reflingo.commands.search import indexed_part
    html = site[f"es-ES/{LOGOFF}.html"]
    part = indexed_part(html.encode()).decode()
    article = html[html.index("<article data-pagefind-body"):html.rindex("</article>") + 10]
    assert '<html lang="es-ES">' in part and article in part
    assert 'class="sidebar"' in html and 'class="sidebar"' not in part
    assert 'class="languages"' not in part and "<footer" not in part


def test_an_item_is_looked_up_by_its_names_flags_and_return_values(seeds_corpus):
    from reflingo.render.site.pages import search_terms
    logoff = next(i for i in seeds_corpus.items if i.name == "IMAPISession::Logoff")
    assert search_terms(logoff) == ["IMAPISession", "IMAPISession::Logoff", "Logoff",
                                    "MAPI_LOGOFF_SHARED", "MAPI_LOGOFF_UI", "S_OK"]


INTERFACE = """---
title: IMAPISession : IUnknown
ms.contentlocale: en-US
---
# IMAPISession : IUnknown

**Applies to**: Outlook 2013 | Outlook 2016

Manages objects associated with a MAPI logon session.

|Property|Value|
|:-----|:-----|
|Header file:  <br/> |Mapix.h  <br/> |
|Interface identifier:  <br/> |IID_IMAPISession  <br/> |
|Pointer type:  <br/> |LPMAPISESSION  <br/> |
"""


def test_an_interface_is_looked_up_by_its_bases_iid_and_pointer_type():
    from reflingo.corpus import build_corpus
    from reflingo.parse import parse_text
    from reflingo.render.site.pages import search_terms
    page = parse_text(INTERFACE, "en-US/imapisessioniunknown.md", locale="en-US",
                      rel_path="imapisessioniunknown.md")
    item = build_corpus([page]).items[0]
    assert search_terms(item) == ["IID_IMAPISession", "IMAPISession", "IUnknown",
                                  "LPMAPISESSION"]


def test_the_search_page_loads_the_first_shard_and_merges_the_others(seeds_corpus):
    findings, problems = check_corpus(seeds_corpus)
    inputs = inputs_for(seeds_corpus, load_catalogs(LOCALES))
    _, summaries = render_group(seeds_corpus.items, findings + problems, inputs)
    pages = render_site(summaries, [], inputs, search={
        "es-ES": ["pagefind/es-ES/1", "pagefind/es-ES/4"]})
    es = pages["es-ES/search.html"]
    assert 'data-bundle="../pagefind/es-ES/1/" data-merge="../pagefind/es-ES/4/"' in es
    assert '<script src="../pagefind/es-ES/1/pagefind-ui.js">' in es
    # a locale with no pages to index: no bundle to load, and the page says so
    de = pages["de-DE/search.html"]
    assert "pagefind" not in de and 'id="search"' not in de
    assert "Diese Sprache hat keine Seiten" in de


def test_signature_is_highlighted(site):
    html = site[f"pt-BR/{LOGOFF}.html"]
    assert '<div class="highlight">' in html and 'class="n"' in html


def test_status_page_draws_its_charts_as_inline_svg(site):
    html = site["ru-RU/status.html"]
    assert html.count("<svg") >= 3 and "<rect" in html
    assert "<script" not in html


def test_index_lists_items_by_kind(site):
    html = site["es-ES/index.html"]
    assert 'id="method"' in html and "IMAPISession::Logoff" in html


def test_pages_hold_no_inline_script_and_a_content_security_policy(site):
    for path, html in site.items():
        if path.endswith(".html"):
            assert "Content-Security-Policy" in html, path
            assert all(src for src in parsed(html).scripts), path   # every script is a file


def test_output_is_deterministic(seeds_corpus, site):
    findings, problems = check_corpus(seeds_corpus)
    inputs = inputs_for(seeds_corpus, load_catalogs(LOCALES))
    files, summaries = render_group(seeds_corpus.items, findings + problems, inputs)
    again = {**files, **render_site(summaries, findings + problems, inputs)}
    assert again == site


@pytest.mark.parametrize("html", [
    '<script>alert(1)</script>ok', '<img src="x" onerror="alert(2)">ok',
    '<a href="javascript:alert(3)">ok</a>', '<iframe src="//evil"></iframe>ok',
    '<span style="background:url(javascript:x)" onclick="x()">ok</span>'])
def test_sanitise_removes_scripts_handlers_and_script_urls(html):
    clean = str(sanitise(html))
    assert "ok" in clean
    for bad in ("<script", "onerror", "javascript:", "<iframe", "onclick", "style="):
        assert bad not in clean.lower()


def test_paths_that_climb_stay_inside_the_site():
    assert page_path("es-ES", "../../../etc/passwd.md") == "es-ES/etc/passwd.html"
    assert page_path("../x", "/abs/../../y.md") == "und/abs/y.html"
    assert page_path("es-ES", "..\\..\\win.md") == "es-ES/win.html"
    assert resolve_relative("outlook/mapi/a.md", "../../../../x.md") is None
    assert resolve_relative("outlook/mapi/a.md", "b.md#x") == ("outlook/mapi/b.md", "x")
    assert resolve_relative("outlook/mapi/a.md", "javascript:alert(1)") is None


def test_relative_paths_between_output_paths_are_those_of_relpath():
    import itertools
    import posixpath

    from reflingo.render.site.urls import href, relative_path

    parts = ["es-ES", "outlook", "mapi", "x.html", "compare", ".", "..", ""]
    for n, m in itertools.product(range(1, 4), range(0, 3)):
        for to in itertools.product(parts, repeat=n):
            for start in itertools.product(parts, repeat=m):
                to_path, start_path = "/".join(to), "/".join(start) or "."
                if to_path:
                    assert relative_path(to_path, start_path) == \
                        posixpath.relpath(to_path, start_path), (to_path, start_path)
    assert href("es-ES/outlook/mapi/a.html", "es-ES/outlook/mapi/b.html") == "b.html"
    assert href("es-ES/outlook/mapi/a.html", "ru-RU/index.html") == "../../../ru-RU/index.html"
    assert href("index.html", "es-ES/index.html", "x y") == "es-ES/index.html#x%20y"


def test_markup_in_any_block_of_a_section_is_sanitised_and_text_without_it_escaped(tmp_path):
    from pathlib import Path

    from reflingo.run import load_corpus

    page = Path(__file__).resolve().parents[2] / "content" / "es-ES" / "outlook" / "mapi" / \
        "imapisession-logoff.md"
    hostile = "\n".join([
        "", "## Notas adicionales", "",
        "Texto & \"comillas\" 'simples' sin marcas.", "",
        "| A | B |", "|---|---|", "| <img src=x onerror=alert(1)>celda | b |", "",
        "- uno <script>alert(2)</script>", "- dos", "",
        "> <a href=\"javascript:alert(3)\">cita</a>", "",
        "## Otra sección", "", "Solo texto: x &amp; y, \"comillas\" y 'simples'.", ""])
    folder = tmp_path / "es-ES" / "outlook" / "mapi"
    folder.mkdir(parents=True)
    (folder / page.name).write_text(page.read_text(encoding="utf-8") + hostile, encoding="utf-8")
    corpus = load_corpus([str(tmp_path)])
    findings, problems = check_corpus(corpus)
    files, _ = render_group(corpus.items, findings + problems, inputs_for(corpus))
    html = files[f"es-ES/{LOGOFF}.html"]
    for bad in ("<script", "onerror", "javascript:", "<img"):
        assert bad not in html.lower()
    assert "celda" in html and "uno" in html and "cita" in html
    assert "Texto &amp;" in html                     # sanitised text stays escaped
    plain = re.search(r"Solo texto: x &amp;amp; y, (.*?) y (.*?)\.<", html)
    assert plain and plain.groups() in (("&#34;comillas&#34;", "&#39;simples&#39;"),
                                        ('"comillas"', "'simples'"))
