"""The whole shared corpus: nothing raises, bodies map into the model, merges hold together.

Skipped when ../shared/corpus is absent (CI has it).
"""

from __future__ import annotations

from collections import Counter

import pytest

from reflingo.run.discover import discover, partition
from reflingo.run.pool import TaskFailure, run
from reflingo.model import PageKind
from reflingo.run.tasks import stats_task

pytestmark = pytest.mark.corpus

#: en-US pages whose documented parameters really differ from their signature, each read by
#: hand against the page: the parser must list exactly these, no parser misses among them.
REVIEWED_MISMATCHES = {
    "cbadrlist.md": "heading `_lpadrlist_` renders as *lpadrlist*; the macro's argument is `_lpadrlist`",
    "hraddcolumnsex.md": "the callback's own argument `ptaga` is documented as a parameter",
    "hrdoabdetailswithexchangecontext.md": "the signature declares lpEntryID twice",
    "hrgetgalfromemsmdbuid.md": "signature says lpAdrBook, heading says pAddrBook",
    "hropenabentrywithexchangecontext.md": "code block shows another function; lpInterface undocumented",
    "hropenabentrywithprovideruid.md": "signature says pEmsabpUID, heading says pEmsmdbUID",
    "iattachmentsecurity-isattachmentblocked.md": "missing comma after pwszFileName in the signature",
    "imapiformmgr-isinconflict.md": "missing comma after szMessageClass in the signature",
    "imapioffline-getcapabilities.md": "typo pulCapablities in the heading",
    "imapisupport-subscribe.md": "fnev* flags written as parameter headings",
    "imapisyncprogresscallback-progress.md": "typo pwczsProgress in the heading",
    "imsgstore-advise.md": "fnev* flags written as parameter headings",
    "nstserviceentry.md": "parameters not documented (refers to MSGSERVICEENTRY)",
    "openimsgonistg.md": "signature says lpmalloc, heading says lpMalloc",
    "preprocessmessage.md": "signature says AllocateBuffer, headings say lpAllocateBuffer",
    "wrapcompressedrtfstream.md": "signature says ulflags, heading says ulFlags",
}


@pytest.fixture(scope="module")
def corpus_rows(corpus_dir):
    groups = partition(discover([str(corpus_dir)]))
    results = run(stats_task, groups, task_key="stats")
    failures = [r for r in results if isinstance(r, TaskFailure)]
    rows = [row for r in results if not isinstance(r, TaskFailure) for row in r[0]]
    problems = [p for r in results if not isinstance(r, TaskFailure) for p in r[1]]
    return rows, failures, problems


def test_no_page_raises_and_all_five_locales_are_read(corpus_rows):
    rows, failures, problems = corpus_rows
    assert failures == []
    per_locale = Counter(r.locale for r in rows)
    assert set(per_locale) == {"en-US", "es-ES", "ru-RU", "pt-BR", "de-DE"}
    assert all(n > 2200 for n in per_locale.values())
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("kind", [PageKind.METHOD, PageKind.FUNCTION, PageKind.STRUCTURE,
                                  PageKind.PROPERTY])
def test_api_page_bodies_map_into_the_model(corpus_rows, kind):
    rows = [r for r in corpus_rows[0] if r.kind == kind.value]
    mapped = sum(r.mapped for r in rows)
    other = sum(r.other for r in rows)
    assert len(rows) > 100
    assert mapped / (mapped + other) > 0.95


def test_signature_mismatches_are_the_reviewed_ones(corpus_rows):
    listed = {r.path.rsplit("/", 1)[-1]: r.mismatch for r in corpus_rows[0] if r.mismatch}
    assert set(listed) == set(REVIEWED_MISMATCHES), listed


def test_russian_transliterated_parameter_maps_on_the_real_page(corpus_dir):
    from reflingo.run import load_corpus
    root = corpus_dir
    hits = [p for p in (root / "ru-RU").rglob("*.md") if "_центрис_" in p.read_text(encoding="utf-8")]
    assert hits, "the ru-RU corpus has a transliterated `_центрис_` heading"
    rel = hits[0].relative_to(root / "ru-RU")
    corpus = load_corpus([str(root / "en-US" / rel), str(hits[0])])
    item = corpus.items[0]
    # The page writes ` _ _центрис_` for `__centries_`: damaged emphasis and a transliteration.
    assert [p.name for p in item.parameters] == ["_centries"]
    assert dict(item.parameters[0].aliases) == {"ru-RU": "_центрис"}
    assert item.parameter_maps["ru-RU"] == (0,)
