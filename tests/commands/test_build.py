"""`reflingo build`: the site written through the one writer, content-keyed rebuilds, hostile
pages, paths that try to leave the output folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from reflingo.cli import main
from reflingo.commands.writer import UnsafePathError, files_under, inside, write_tree

HOSTILE = """---
title: IEvil::Run
ms.assetid: 0badc0de-0000-4000-8000-000000000001
ms.contentlocale: es-ES
---
# IEvil::Run

**Se aplica a**: Outlook 2016

Ejecuta <script>document.title='pwned-summary'</script> algo <img src="x" onerror="document.title='pwned-img'">.

```cpp
HRESULT Run(ULONG ulFlags);
```

## <a name="parameters"></a>Parámetros

 _ulFlags_

> [entrada] Marcas <script>document.title='pwned-param'</script> y [un enlace](javascript:document.title='pwned-link').

## <a name="remarks"></a>Comentarios

Texto <b onmouseover="document.title='pwned-b'">negrita</b> y <a href="javascript:alert(1)">otro</a> y [roto](no-existe.md).

<script>document.title='pwned-block'</script>
"""


@pytest.fixture()
def content(tmp_path, content_dir) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir, root)
    evil = root / "es-ES" / "outlook" / "mapi" / "ievil-run.md"
    evil.write_text(HOSTILE, encoding="utf-8")
    return root


def build(content: Path, tmp_path: Path, *extra: str) -> tuple[int, Path]:
    out = tmp_path / "out"
    code = main(["build", str(content), "--out", str(out), "--cache-dir", str(tmp_path / "cache"),
                 "-q", *extra])
    return code, out


def manifest(out: Path) -> dict:
    return json.loads((out / ".reflingo-site.json").read_text(encoding="utf-8"))


def test_build_writes_every_locale_and_the_site_pages(content, tmp_path):
    code, out = build(content, tmp_path)
    assert code == 0
    for loc in ("de-DE", "es-ES", "pt-BR", "ru-RU"):
        assert (out / loc / "outlook" / "mapi" / "imapisession-logoff.html").is_file()
        assert (out / loc / "index.html").is_file() and (out / loc / "status.html").is_file()
    assert (out / "index.html").is_file() and (out / "_static" / "site.css").is_file()
    assert set(manifest(out)["files"]) == {p.relative_to(out).as_posix() for p in out.rglob("*")
                                           if p.is_file() and "pagefind" not in p.parts
                                           and p.name != ".reflingo-site.json"}


def test_hostile_markup_does_not_survive(content, tmp_path):
    _, out = build(content, tmp_path)
    html = (out / "es-ES" / "outlook" / "mapi" / "ievil-run.html").read_text(encoding="utf-8")
    assert "pwned" not in html and "onerror" not in html and "onmouseover" not in html
    assert "javascript:" not in html
    assert 'class="xref-missing" data-target="no-existe.md" data-line="24"' in html
    assert "Marcas" in html and "negrita" in html    # the text itself is kept


def test_a_rebuild_with_nothing_changed_does_nothing(content, tmp_path):
    build(content, tmp_path)
    out = tmp_path / "out"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    code, _ = build(content, tmp_path)
    assert code == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == before


def test_one_changed_page_rerenders_its_item_only(content, tmp_path, capsys):
    build(content, tmp_path)
    out = tmp_path / "out"
    other = out / "ru-RU" / "outlook" / "mapi" / "imslogon-logoff.html"
    stamp = other.stat().st_mtime_ns
    page = content / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Encerra", "Termina"), encoding="utf-8")
    code = main(["build", str(content), "--out", str(out), "--cache-dir", str(tmp_path / "cache")])
    assert code == 0
    said = capsys.readouterr().err
    assert "1 of 3 item groups rendered" in said
    assert "Termina" in (out / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.html").read_text()
    assert other.stat().st_mtime_ns == stamp


def test_an_output_page_deleted_by_hand_is_drawn_again_with_its_group_only(content, tmp_path,
                                                                            capsys):
    build(content, tmp_path)
    out = tmp_path / "out"
    gone = out / "de-DE" / "outlook" / "mapi" / "imapisession-logoff.html"
    kept = gone.read_bytes()
    gone.unlink()
    code = main(["build", str(content), "--out", str(out), "--cache-dir", str(tmp_path / "cache")])
    assert code == 0
    assert "1 of 3 item groups rendered" in capsys.readouterr().err
    assert gone.read_bytes() == kept


def test_files_under_lists_regular_files_and_links_to_files_only(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "top.html").write_text("x")
    (tmp_path / "a" / "b" / "deep.html").write_text("x")
    (tmp_path / "a" / "link.html").symlink_to(tmp_path / "top.html")
    (tmp_path / "a" / "broken.html").symlink_to(tmp_path / "nowhere.html")
    (tmp_path / "a" / "folder-link").symlink_to(tmp_path / "a" / "b")
    assert files_under(tmp_path) == {"top.html", "a/b/deep.html", "a/link.html"}
    assert files_under(tmp_path / "missing") == set()


def test_a_removed_page_is_removed_from_the_site(content, tmp_path):
    build(content, tmp_path)
    (content / "es-ES" / "outlook" / "mapi" / "ievil-run.md").unlink()
    _, out = build(content, tmp_path)
    assert not list(out.rglob("ievil-run.html"))


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b.html", "", "a//b",
                                 "C:/x.html", "a/./b"])
def test_the_writer_refuses_paths_that_leave_the_output(tmp_path, bad):
    with pytest.raises(UnsafePathError):
        write_tree(tmp_path / "out", [(bad, b"x")])
    assert not (tmp_path / "escape.html").exists()


def test_the_writer_refuses_a_symbolic_link_out_of_the_output(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "es-ES").symlink_to(elsewhere)
    with pytest.raises(UnsafePathError):
        inside(out, "es-ES/page.html")
    assert write_tree(out, [("ok/page.html", b"<p>")]) == ["ok/page.html"]


def test_a_touched_page_with_the_same_bytes_rewrites_nothing(content, tmp_path):
    build(content, tmp_path)
    out = tmp_path / "out"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    page = content / "es-ES" / "outlook" / "mapi" / "imslogon-logoff.md"
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    assert build(content, tmp_path)[0] == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == before


def test_two_cold_builds_write_the_same_bytes(content, tmp_path):
    trees = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert main(["build", str(content), "--out", str(out), "--cache-dir",
                     str(tmp_path / f"cache{n}"), "-q", "--no-search"]) == 0
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                      if p.is_file()})
    assert trees[0] == trees[1]


def test_pages_drawn_from_cached_results_are_those_of_a_cold_build(content, tmp_path):
    _, out = build(content, tmp_path)
    cold = {p: (out / p).read_bytes() for p in ("es-ES/status.html", "pt-BR/status.html",
                                                 "es-ES/index.html")}
    page = content / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Encerra", "Termina"), encoding="utf-8")
    build(content, tmp_path)
    page.write_text(text, encoding="utf-8")
    build(content, tmp_path)          # every group but one from the cache
    assert {p: (out / p).read_bytes() for p in cold} == cold


def test_the_index_is_drawn_again_when_an_item_summary_changes_not_for_other_text(content,
                                                                                 tmp_path):
    def cold_index() -> bytes:
        fresh = tmp_path / "cold"
        shutil.rmtree(fresh, ignore_errors=True)
        main(["build", str(content), "--out", str(fresh), "--no-cache", "--no-search", "-q"])
        return (fresh / "pt-BR" / "index.html").read_bytes()

    _, out = build(content, tmp_path)
    keys = manifest(out)["pages"]
    page = content / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Encerrando uma", "Terminando uma"), encoding="utf-8")  # see also
    build(content, tmp_path)
    assert "Terminando" in (out / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.html"
                            ).read_text(encoding="utf-8")
    assert manifest(out)["pages"]["pt-BR/index.html"] == keys["pt-BR/index.html"]
    title = 'e6c2c-103">IMAPISession::Logoff<'
    assert title in text
    page.write_text(text.replace(title, 'e6c2c-103">IMAPISession::Logout<'),   # the title
                    encoding="utf-8")
    build(content, tmp_path)
    assert manifest(out)["pages"]["pt-BR/index.html"] != keys["pt-BR/index.html"]
    assert (out / "pt-BR" / "index.html").read_bytes() == cold_index()
