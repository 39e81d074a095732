"""Fixtures of the stub tests: packages rendered from the fixture pages, from content/, and from
a slice of the shared corpus (interfaces a mail client uses, with their methods, and some
functions, structures and properties) in three locales; each written once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
GOLDEN = HERE / "golden"
CONSTANTS = HERE.parents[2].parent / "shared" / "data" / "mapi-constants.json"

#: The fixture pages' constants table (invented names, as the pages are).
FIXTURE_TABLE = {"WIDGET_READONLY": 0x1, "WIDGET_SHARED": 0x2, "MAPI_E_NOT_FOUND": 0x8004010F,
                 "S_OK": 0, "PR_WIDGET_LABEL_A": 0x6A01001E, "PR_WIDGET_LABEL": 0x6A01001E}

#: The slice of the corpus: file name patterns, read in each of SLICE_LOCALES.
SLICE = ("imapisession*.md", "imapitable*.md", "imapifolder*.md", "imapicontainer*.md",
         "imapiprop*.md", "imessage*.md", "imsgstore*.md", "mapilogonex.md", "mapiinitialize.md",
         "mapiuninitialize.md", "mapifreebuffer.md", "srow.md", "srowset.md", "spropvalue.md",
         "sproptagarray.md", "srestriction.md", "mapiuid.md", "entryid.md", "mapierror.md",
         "ssortorder*.md", "notification.md", "mapinameid.md", "filetime.md", "sbinary.md",
         "pidtagsubject-canonical-property.md", "pidtagdisplayname-canonical-property.md",
         "pidtagentryid-canonical-property.md", "pidtagmessageclass-canonical-property.md",
         "pidlidallattendeesstring-canonical-property.md",
         "pidtag7bitdisplayname-canonical-property.md")
SLICE_LOCALES = ("en-US", "es-ES", "ru-RU")


def write_package(files: dict[str, str], root: Path) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def fixture_package():
    from reflingo.render.stubs import render_stubs
    from reflingo.run import load_corpus
    return render_stubs(load_corpus([str(PAGES)]), FIXTURE_TABLE)


@pytest.fixture(scope="session")
def table() -> dict[str, int]:
    if not CONSTANTS.is_file():
        pytest.skip("../shared/data/mapi-constants.json is not present")
    data = json.loads(CONSTANTS.read_text(encoding="utf-8"))
    return {name: entry["value"] for name, entry in data.items()}


@pytest.fixture(scope="session")
def slice_corpus(corpus_dir):
    from reflingo.run import load_corpus
    files = sorted({str(f) for loc in SLICE_LOCALES for pattern in SLICE
                    for f in (corpus_dir / loc / "docs" / "outlook" / "mapi").glob(pattern)})
    return load_corpus(files)


@pytest.fixture(scope="session")
def slice_packages(slice_corpus, table):
    from reflingo.render.stubs import StubOptions, render_stubs
    return {loc: render_stubs(slice_corpus, table, StubOptions(locale=loc))
            for loc in SLICE_LOCALES}


@pytest.fixture(scope="session")
def slice_dir(slice_packages, tmp_path_factory) -> Path:
    return write_package(dict(slice_packages["es-ES"].files), tmp_path_factory.mktemp("slice"))


@pytest.fixture(scope="session")
def seeds_package(seeds_corpus, table, tmp_path_factory):
    from reflingo.render.stubs import StubOptions, render_stubs
    package = render_stubs(seeds_corpus, table, StubOptions(locale="es-ES"))
    return package, write_package(dict(package.files), tmp_path_factory.mktemp("seeds"))
