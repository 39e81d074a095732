"""The browser suite: a small site built from a slice of the shared corpus (the IMAPISession
pages of every locale, their TOC) plus a planted hostile page, served on 127.0.0.1 and driven
by Playwright through Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SLICE = ("imapisession*.md", "ending-a-mapi-session.md", "mfcmapi-as-a-code-sample.md",
         "imslogon-logoff.md")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"

HOSTILE = """---
title: IPlanted::Run
ms.assetid: 0badc0de-0000-4000-8000-00000000beef
ms.contentlocale: es-ES
ms.date: 03/09/2015
---
# IPlanted::Run

**Se aplica a**: Outlook 2016

Ejecuta <script>document.title='pwned-summary';window.pwned=1</script> algo <img src="x" onerror="window.pwned=2">.

## <a name="remarks"></a>Comentarios

Un <b onmouseover="window.pwned=3">texto</b>, [un enlace](javascript:window.pwned=4) y <a href="javascript:window.pwned=5">otro</a>.

<script>window.pwned=6</script>
<img src=x onerror="window.pwned=7">
"""


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, corpus_dir) -> Path:
    from reflingo.cli import main
    from reflingo.render.site import shards
    root = tmp_path_factory.mktemp("slice")
    content = root / "corpus"
    for locale_dir in sorted(corpus_dir.iterdir()):
        docs = locale_dir / "docs"
        target = content / locale_dir.name / "docs"
        (target / "outlook" / "mapi").mkdir(parents=True)
        shutil.copy(docs / "TOC.yml", target / "TOC.yml")
        for pattern in SLICE:
            for f in sorted((docs / "outlook" / "mapi").glob(pattern)):
                shutil.copy(f, target / "outlook" / "mapi" / f.name)
    (content / "es-ES" / "docs" / "outlook" / "mapi" / "iplanted-run.md").write_text(
        HOSTILE, encoding="utf-8")
    out = root / "site"
    # a few pages a search shard, so that every search goes through shards merged in the page
    saved, shards.SHARD_PAGES = shards.SHARD_PAGES, 4
    try:
        assert main(["build", str(content), "--out", str(out), "--cache-dir",
                     str(root / "cache"), "-q"]) == 0
    finally:
        shards.SHARD_PAGES = saved
    assert len(list((out / "pagefind" / "es-ES").iterdir())) > 2
    return out


@pytest.fixture(scope="session")
def base_url(site_dir):
    from reflingo.commands.serve import make_server
    server = make_server(site_dir, 0, live=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Console(list):
    """Console errors and uncaught page errors seen by a page."""


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    pg = context.new_page()
    errors = Console()
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}")
          if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.errors = errors
    yield pg
    context.close()
    assert list(errors) == [], errors


@pytest.fixture()
def shot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, **kw) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), **kw)
        return path
    return take
