"""The site built from the whole shared corpus, crawled: every internal link and asset leads to
a file of the site, every unresolved cross-link is reported as a link finding where it stands,
and every page of a locale has valid, reciprocal `hreflang` alternates."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest

from reflingo.cli import main

pytestmark = pytest.mark.corpus
LOCALES = ("de-DE", "en-US", "es-ES", "pt-BR", "ru-RU")
_URL = re.compile(r'<(?:a|link)\b[^>]*?\bhref="([^"]*)"|<script\b[^>]*?\bsrc="([^"]*)"')
_ALT = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">')
_LANG = re.compile(r'<html lang="([^"]+)">')
_MARK = re.compile(r'<span class="xref-missing" data-target="([^"]*)" data-line="(\d+)"')
_FINDING = re.compile(r'<li class="finding sev-\w+" data-code="(RL\d+)" data-line="(\d+)">')


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory, corpus_dir) -> Path:
    root = tmp_path_factory.mktemp("corpus-site")
    out = root / "site"
    assert main(["build", str(corpus_dir), "--out", str(out), "--cache-dir", str(root / "cache"),
                 "-q"]) == 0
    return out


@pytest.fixture(scope="session")
def pages(corpus_site) -> dict[str, str]:
    return {p.relative_to(corpus_site).as_posix(): p.read_text(encoding="utf-8")
            for p in corpus_site.rglob("*.html") if "pagefind" not in p.parts}


def target_of(page: str, url: str) -> str | None:
    """The site file a relative URL leads to (None for web links and fragments)."""
    if re.match(r"^[a-z][\w+.-]*:|^//", url, re.I) or url.startswith("#") or not url:
        return None
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return joined + "index.html" if path.endswith("/") else joined


def test_every_item_has_a_page_in_every_locale(pages):
    per_locale = Counter(p.split("/", 1)[0] for p in pages)
    compare = per_locale.pop("compare")
    assert compare > 2000
    for loc in LOCALES:
        assert per_locale[loc] >= compare + 3, loc   # + index, status, search


def test_no_internal_link_is_broken(corpus_site, pages):
    files = {p.relative_to(corpus_site).as_posix() for p in corpus_site.rglob("*") if p.is_file()}
    broken = []
    for page, html in pages.items():
        for m in _URL.finditer(html):
            target = target_of(page, m.group(1) or m.group(2))
            if target is not None and target not in files:
                broken.append((page, m.group(1) or m.group(2)))
    assert broken == []


def test_every_unresolved_cross_link_is_a_link_finding_where_it_stands(pages):
    marked = unreported = 0
    for page, html in pages.items():
        marks = _MARK.findall(html)
        if not marks:
            continue
        if "banner-fallback" in html:   # the reference's text: its findings are on its page
            source = target_of(page, dict(_ALT.findall(html))["x-default"])
            html = pages[source]
        found = {(code, line) for code, line in _FINDING.findall(html)}
        for target, line in marks:
            marked += 1
            if not ({("RL504", line), ("RL506", line)} & found):
                unreported += 1
                print(page, target, line)
    assert marked > 0 and unreported == 0


def test_every_locale_page_has_valid_reciprocal_hreflang_alternates(pages):
    for page, html in pages.items():
        locale = page.split("/", 1)[0]
        if locale not in LOCALES:
            continue
        assert _LANG.search(html).group(1) == locale, page
        alternates = dict(_ALT.findall(html))
        assert sorted(alternates) == sorted(LOCALES + ("x-default",)), page
        assert target_of(page, alternates[locale]) == page, page
        assert alternates["x-default"] == alternates["en-US"], page
        for loc in LOCALES:
            other = target_of(page, alternates[loc])
            assert other in pages, (page, loc)
            back = dict(_ALT.findall(pages[other]))
            assert target_of(other, back[locale]) == page, (page, loc)
