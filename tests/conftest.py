"""Shared fixtures: the project's content/ and, when present, the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return CONTENT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "en-US").is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def seeds_corpus():
    from reflingo.run import load_corpus
    return load_corpus([str(CONTENT)])
