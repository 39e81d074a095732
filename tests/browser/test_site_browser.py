"""The built site in headless Chromium: navigation, the language switcher, cross-links,
search, the side-by-side view, the status page, the QA overlay, and hostile markup."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.corpus]
LOGOFF = "outlook/mapi/imapisession-logoff.html"


def test_index_then_language_switch_lands_on_the_same_item(page, base_url, shot):
    page.goto(base_url + "es-ES/index.html")
    page.get_by_role("link", name="IMAPISession::Logoff", exact=True).first.click()
    assert page.url.endswith("es-ES/" + LOGOFF)
    assert page.locator("h1").inner_text() == "IMAPISession::Logoff"
    shot(page, "es-logoff")
    page.locator("nav.languages a[hreflang=ru-RU]").click()
    assert page.url.endswith("ru-RU/" + LOGOFF)
    assert page.locator("html").get_attribute("lang") == "ru-RU"
    assert page.locator("h1").inner_text() == "IMAPISession::Logoff"
    assert page.locator("nav.languages a.current").get_attribute("hreflang") == "ru-RU"
    shot(page, "ru-logoff")


def test_a_cross_link_leads_to_the_page_of_the_same_locale(page, base_url):
    page.goto(base_url + "es-ES/" + LOGOFF)
    page.locator("a[href='imapisessioniunknown.html']").first.click()
    assert page.url.endswith("es-ES/outlook/mapi/imapisessioniunknown.html")
    assert "IMAPISession" in page.locator("h1").inner_text()
    # the interface lists its vtable, linked to the methods
    page.locator("table.vtable a", has_text="Logoff").first.click()
    assert page.url.endswith("es-ES/" + LOGOFF)


def _search(page, base_url, locale: str, query: str) -> list[str]:
    """Every result's link (the shards each rank their own pages: a page may come after the
    first five shown)."""
    page.goto(f"{base_url}{locale}/search.html?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    more = page.locator("button.pagefind-ui__button")
    for _ in range(20):
        if not more.count():
            break
        shown = page.locator(".pagefind-ui__result").count()
        more.first.click()
        page.wait_for_function(f"document.querySelectorAll('.pagefind-ui__result').length > {shown}",
                               timeout=15000)
    page.evaluate("window.scrollTo(0, 0)")
    return page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")


def test_search_finds_an_api_name_in_each_locale_and_stays_in_it(page, base_url, shot):
    for locale in ("es-ES", "ru-RU", "de-DE"):
        hits = _search(page, base_url, locale, "OpenMsgStore")
        assert any(h.endswith(f"{locale}/outlook/mapi/imapisession-openmsgstore.html") for h in hits)
        assert all(f"/{locale}/" in h for h in hits), hits
    shot(page, "search-api-name")


def test_an_api_name_lists_only_pages_that_hold_it_its_own_near_the_top(page, base_url,
                                                                         site_dir):
    # every shard answers a search: one without the item's pages must not answer with the
    # pages of the words the name starts with (`Open...`), nor with its page of API names
    for locale in ("de-DE", "en-US", "ru-RU"):
        for name, path in (("OpenMsgStore", "imapisession-openmsgstore.html"),
                           ("GetLastError", "imapisession-getlasterror.html"),
                           ("IMAPISession::Logoff", "imapisession-logoff.html")):
            hits = [h.split("#")[0] for h in _search(page, base_url, locale, name)]
            assert f"{base_url}{locale}/outlook/mapi/{path}" in hits[:3], (locale, name, hits)
            assert not page.locator(".pagefind-ui__filter-panel").is_visible()
            for hit in dict.fromkeys(hits):
                text = (site_dir / hit[len(base_url):]).read_text(encoding="utf-8")
                assert name.split("::")[-1].lower() in text.lower(), (locale, name, hit)


def test_search_finds_a_localized_word(page, base_url, shot):
    hits = _search(page, base_url, "es-ES", "sesión")
    assert hits and all("/es-ES/" in h for h in hits)
    hits = _search(page, base_url, "ru-RU", "сеанса")
    assert any(h.endswith("ru-RU/" + LOGOFF) for h in hits), hits
    shot(page, "search-localized-word")


def test_the_search_box_of_a_page_searches_its_locale(page, base_url):
    page.goto(base_url + "pt-BR/" + LOGOFF)
    page.fill("#q", "Logoff")
    page.press("#q", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert "/pt-BR/search.html" in page.url


def test_side_by_side_view_aligns_every_locale(page, base_url, shot):
    page.goto(base_url + "de-DE/" + LOGOFF)
    page.locator("a.compare-link").click()
    assert page.url.endswith("compare/" + LOGOFF)
    heads = page.locator("table.compare-table thead th[lang]").all_inner_texts()
    assert len(heads) == 5
    row = page.locator("tr.row-parameter", has=page.locator("th code", has_text="ulUIParam"))
    assert row.locator("td").count() == 5
    shot(page, "compare", full_page=True)


def test_status_page_shows_its_charts(page, base_url, shot):
    page.goto(base_url + "ru-RU/" + LOGOFF)
    page.locator("a.status-link").click()
    assert page.url.endswith("ru-RU/status.html")
    assert page.locator("svg.chart").count() >= 3
    assert page.locator("table.worst tbody tr").count() >= 1
    shot(page, "status", full_page=True)


def test_a_finding_is_shown_next_to_its_parameter(page, base_url, shot):
    # de-DE writes the identifier `Logoff` as bold German words under the flag MAPI_LOGOFF_UI
    # of the parameter ulFlags (RL206): the finding stands in that flag's entry, with the
    # expected text
    page.goto(base_url + "de-DE/" + LOGOFF)
    param = page.locator("#param-ulFlags")
    assert param.is_visible()
    flag = page.locator("#param-ulFlags + dd dl.flags dt", has_text="MAPI_LOGOFF_UI")
    finding = flag.locator("xpath=following-sibling::dd[1]").locator(".finding").first
    assert finding.is_visible()
    assert finding.get_attribute("data-code") == "RL206"
    assert finding.locator(".expected code").inner_text() == "Logoff"
    page.evaluate("el => el.scrollIntoView({block: 'center'})", finding.element_handle())
    shot(page, "finding-beside-parameter")


def test_planted_script_handlers_and_javascript_links_do_not_run(page, base_url, shot):
    page.goto(base_url + "es-ES/outlook/mapi/iplanted-run.html")
    page.wait_for_timeout(300)
    page.locator("b", has_text="texto").hover()
    assert page.evaluate("window.pwned") is None
    assert "pwned" not in page.title()
    assert page.locator("[onerror], [onmouseover], a[href^='javascript']").count() == 0
    sources = page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
    assert all(sources), sources          # no inline script: only the templates' files
    assert page.get_by_text("un enlace").count() == 1   # the text stays, the link does not
    shot(page, "planted")
