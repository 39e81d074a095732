"""The search index: each locale's item pages in shards, a rebuild re-indexing only the shards
whose pages changed, and the search interface kept in a locale's first shard only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reflingo.commands import search
from reflingo.render.site import shards

LOCALES = ("en-US", "es-ES")
WORDS = {"en-US": "logoff session", "es-ES": "sesión finaliza"}


def page(locale: str, n: int, extra: str = "") -> bytes:
    return (f'<!doctype html><html lang="{locale}"><head><title>Item{n}</title></head><body>'
            f'<main data-pagefind-body><h1>IItem{n}::Run</h1><p>{WORDS[locale]} '
            f'word{n} {extra}</p></main></body></html>').encode()


def site(out: Path, pages: int = 12, **per_locale: int) -> dict[str, str]:
    """A site of `pages` item pages a locale (or as many as `per_locale` says, by locale with
    `_` for `-`), with each locale's own pages; path -> digest."""
    files = {}
    for loc in LOCALES:
        for n in range(per_locale.get(loc.replace("-", "_"), pages)):
            files[f"{loc}/outlook/mapi/item{n}.html"] = page(loc, n)
        for name in search.SITE_PAGES:
            files[f"{loc}/{name}"] = page(loc, 999, name)
    files["compare/outlook/mapi/item0.html"] = page("en-US", 0, "compare")
    files["_static/site.css"] = b"body{}"
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    return {p: hashlib.blake2b(d, digest_size=12).hexdigest() for p, d in files.items()}


def made(out: Path, wanted: dict) -> dict[str, str]:
    """The shards' folders as an earlier indexing left them (the search interface in each
    locale's first shard); shard -> digest."""
    for bundle in wanted:
        (out / bundle).mkdir(parents=True)
    for bundles in search.bundles_by_locale(wanted).values():
        (out / bundles[0] / search.UI_FILES[0]).write_text("")
    return {b: digest for b, (digest, _) in wanted.items()}


@pytest.fixture()
def small_shards(monkeypatch):
    monkeypatch.setattr(shards, "SHARD_PAGES", 3)


def test_every_item_page_is_in_one_shard_of_its_locale_and_nothing_else_is(tmp_path,
                                                                            small_shards):
    files = site(tmp_path)
    wanted = search.shards(files, LOCALES)
    members = [p for _, paths in wanted.values() for p in paths]
    assert sorted(members) == sorted(p for p in files if "/outlook/" in p
                                     and not p.startswith("compare/"))
    for bundle, (_, paths) in wanted.items():
        assert paths and all(p.startswith(bundle.split("/")[1] + "/") for p in paths)
    by_locale = search.bundles_by_locale(wanted)
    assert sorted(by_locale) == list(LOCALES)
    assert all(2 <= len(b) <= 4 for b in by_locale.values())     # 12 pages, 3 a shard


def test_a_locale_with_few_pages_has_few_shards(tmp_path, small_shards):
    wanted = search.shards(site(tmp_path, 12, es_ES=2), LOCALES)
    assert search.bundles_by_locale(wanted)["es-ES"] == ["pagefind/es-ES/0"]
    assert len(wanted["pagefind/es-ES/0"][1]) == 2


def test_a_changed_page_plans_its_own_shard_only(tmp_path, small_shards):
    files = site(tmp_path)
    first = search.shards(files, LOCALES)
    previous = made(tmp_path, first)
    assert search.plan(tmp_path, files, LOCALES, previous)[1] == []
    changed = dict(files, **{"es-ES/outlook/mapi/item5.html": "another digest"})
    todo = search.plan(tmp_path, changed, LOCALES, previous)[1]
    assert [paths for _, paths in todo] == [
        next(paths for _, paths in first.values() if "es-ES/outlook/mapi/item5.html" in paths)]
    # a bundle gone from the output is indexed again, whatever its digest says
    gone = search.bundles_by_locale(first)["en-US"][-1]
    (tmp_path / gone).rmdir()
    assert [b for b, _ in search.plan(tmp_path, files, LOCALES, previous)[1]] == [gone]


def test_a_first_shard_without_the_search_interface_is_indexed_again(tmp_path, small_shards):
    files = site(tmp_path)
    wanted = search.shards(files, LOCALES)
    previous = made(tmp_path, wanted)                # the interface where it belongs ...
    assert search.plan(tmp_path, files, LOCALES, previous)[1] == []
    first = search.bundles_by_locale(wanted)["es-ES"][0]   # ... but in a shard first now
    (tmp_path / first / search.UI_FILES[0]).unlink()
    assert [b for b, _ in search.plan(tmp_path, files, LOCALES, previous)[1]] == [first]


@pytest.mark.skipif(search.pagefind_binary() is None, reason="pagefind is not installed")
def test_the_shards_are_indexed_and_only_the_first_keeps_the_search_interface(tmp_path,
                                                                              small_shards):
    files = site(tmp_path)
    planned = search.plan(tmp_path, files, LOCALES, {})
    done = search.index_site(tmp_path, planned, 2)
    assert done is not None and set(done) == set(planned[0])
    for bundle in done:
        folder = tmp_path / bundle
        assert (folder / "pagefind-entry.json").is_file(), bundle
        assert list(folder.glob("wasm.*.pagefind")), bundle
        ui = [name for name in search.UI_FILES if (folder / name).exists()]
        first = search.bundles_by_locale(done)[bundle.split("/")[1]][0]
        assert ui == (list(search.UI_FILES) if bundle == first else []), bundle
    assert not list(tmp_path.glob(".stage-*")) and not list(tmp_path.glob("pagefind/*/*.new"))

    # one page changed: its shard alone is indexed again, the others stay as they were
    path = "es-ES/outlook/mapi/item5.html"
    (tmp_path / path).write_bytes(page("es-ES", 5, "cambiado"))
    changed = dict(files, **{path: "changed"})
    before = {b: (tmp_path / b / "pagefind-entry.json").stat().st_ino for b in done}
    again = search.plan(tmp_path, changed, LOCALES, done)
    assert len(again[1]) == 1
    after = search.index_site(tmp_path, again, 2)
    assert after is not None
    moved = {b for b in after if (tmp_path / b / "pagefind-entry.json").stat().st_ino != before[b]}
    assert moved == {again[1][0][0]}


def test_pagefind_reads_the_indexed_element_and_the_language_only():
    page = ('<!doctype html>\n<html lang="ru-RU">\n<head><title>T</title></head><body>'
            '<header><nav class="languages">Deutsch English</nav></header>'
            '<nav class="sidebar">IMAPISession OpenMsgStore</nav><main>'
            '<article data-pagefind-body lang="en-US"><h1 id="title">IX::Run</h1>'
            '<p>текст &lt;/article&gt; <code>a</code></p>'
            '<section data-pagefind-ignore>См. также</section></article>'
            '<footer>built</footer></main></body></html>').encode()
    part = search.indexed_part(page)
    assert part == (b'<!doctype html><html lang="ru-RU"><head><meta charset="utf-8"></head><body>'
                    b'<article data-pagefind-body lang="en-US"><h1 id="title">IX::Run</h1>'
                    b'<p>\xd1\x82\xd0\xb5\xd0\xba\xd1\x81\xd1\x82 &lt;/article&gt; <code>a</code>'
                    b'</p><section data-pagefind-ignore>\xd0\xa1\xd0\xbc. \xd1\x82\xd0\xb0\xd0\xba'
                    b'\xd0\xb6\xd0\xb5</section></article></body></html>')
    # the attribute's name as text (a title in the sidebar) is not the element
    named = page.replace(b"IMAPISession OpenMsgStore", b"data-pagefind-body &lt;/nav&gt;")
    assert search.indexed_part(named) == part
    assert search.indexed_part(page.replace(b" data-pagefind-body", b"")) is None
    assert search.indexed_part(page.replace(b"</article>", b"")) is None
    assert search.indexed_part(page.replace(b' lang="ru-RU"', b"")) is None


def test_the_api_names_are_part_of_every_shards_digest(tmp_path, small_shards):
    files = site(tmp_path)
    plain = search.shards(files, LOCALES)
    named = search.shards(files, LOCALES, ["IItem1::Run", "MAPI_UNICODE"])
    assert plain.keys() == named.keys()
    assert all(plain[b][0] != named[b][0] and plain[b][1] == named[b][1] for b in plain)
    previous = made(tmp_path, named)
    assert search.plan(tmp_path, files, LOCALES, previous, ["IItem1::Run", "MAPI_UNICODE"]).todo == []
    assert len(search.plan(tmp_path, files, LOCALES, previous, ["IItem1::Run"]).todo) == len(named)


def test_the_page_of_api_names_is_escaped_and_carries_no_filter():
    page = search.terms_page("es-ES", ["IItem::Run", "<b>x</b>", "PR_A&B"]).decode()
    assert '<html lang="es-ES">' in page and "<article data-pagefind-body>" in page
    assert "IItem::Run &lt;b&gt;x&lt;/b&gt; PR_A&amp;B" in page
    assert "data-pagefind-filter" not in page


@pytest.mark.skipif(search.pagefind_binary() is None, reason="pagefind is not installed")
def test_every_shard_indexes_the_page_of_api_names_beside_its_pages(tmp_path, small_shards):
    files = site(tmp_path)
    planned = search.plan(tmp_path, files, LOCALES, {}, ["IItem1::Run", "Zyx"])
    assert search.index_site(tmp_path, planned, 2) is not None
    for bundle, (_, paths) in planned.shards.items():
        fragments = list((tmp_path / bundle / "fragment").iterdir())
        assert len(fragments) == len(paths) + 1, bundle


FAKE = """#!/bin/sh
# a Pagefind that writes down what it was given: --site S --output-path O --silent
mkdir -p "$4"
(cd "$2" && find . -type f | sort) > "$4/staged.txt"
cat "$2/_terms/index.html" > "$4/terms.html"
[ -n "$FAIL" ] && exit 3
exit 0
"""


@pytest.fixture()
def fake_pagefind(tmp_path, monkeypatch):
    binary = tmp_path / "fake-pagefind"
    binary.write_text(FAKE)
    binary.chmod(0o755)
    monkeypatch.setenv("REFLINGO_PAGEFIND", str(binary))
    out = tmp_path / "site"
    out.mkdir()
    return out


def test_each_shard_is_given_its_pages_indexed_parts_and_the_names(fake_pagefind, small_shards):
    out = fake_pagefind
    files = site(out)
    planned = search.plan(out, files, LOCALES, {}, ["IItem1::Run"])
    done = search.index_site(out, planned, 2)
    assert done is not None and set(done) == set(planned.shards)
    for bundle, paths in planned.todo:
        staged = (out / bundle / "staged.txt").read_text().split()
        assert staged == sorted(["./" + p for p in paths] + ["./_terms/index.html"])
        assert "IItem1::Run" in (out / bundle / "terms.html").read_text()
    assert not list(out.glob(".stage-*")) and not list(out.glob("pagefind/*/*.new"))


def test_a_failing_pagefind_leaves_no_staging_folder_and_no_half_bundle(fake_pagefind,
                                                                        small_shards,
                                                                        monkeypatch):
    monkeypatch.setenv("FAIL", "1")
    out = fake_pagefind
    planned = search.plan(out, site(out), LOCALES, {}, ["IItem1::Run"])
    assert search.index_site(out, planned, 2) is None
    assert not list(out.glob(".stage-*"))
    assert not (out / "pagefind").exists() or not list((out / "pagefind").rglob("*.new"))
    assert not any((out / b).exists() for b in planned.shards)


def test_a_page_gone_from_the_output_is_left_out_with_a_warning(fake_pagefind, small_shards,
                                                               caplog):
    out = fake_pagefind
    files = site(out)
    planned = search.plan(out, files, LOCALES, {}, ["IItem1::Run"])
    bundle, paths = planned.todo[0]
    (out / paths[0]).unlink()
    assert search.index_site(out, planned, 2) is not None
    staged = (out / bundle / "staged.txt").read_text().split()
    assert "./" + paths[0] not in staged and "./" + paths[1] in staged
    assert f"{paths[0]}: not indexed for search" in caplog.text
