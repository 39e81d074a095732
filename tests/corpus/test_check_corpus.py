"""`reflingo check` over the whole shared reference: one finding per place and code, no two
fixes overlapping, the reference page never fixed, and the en-US errors are the reviewed
defects of the English source."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from reflingo.cli import main

pytestmark = pytest.mark.corpus

#: Errors on the en-US pages (checked against their own signatures), by code: defects of the
#: source, each read by hand (the README's "Findings on the shared corpus" lists them).
EN_US_ERRORS = {"RL403": 21, "RL204": 12, "RL400": 4, "RL401": 4, "RL203": 2, "RL703": 1}


@pytest.fixture(scope="module")
def findings(corpus_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("check") / "findings.json"
    code = main(["check", "--no-progress", "--no-cache", "--format", "json", "-o", str(out),
                 str(corpus_dir)])
    assert code == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_one_finding_per_place_and_code(findings):
    places = Counter((f["file"], f["line"], f["column"], f["code"]) for f in findings)
    assert [k for k, n in places.items() if n > 1] == []


def test_no_two_fixes_overlap(findings):
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for f in findings:
        if f["fix"]:
            fx = f["fix"]
            spans.setdefault((f["file"], fx["line"]), []).append(
                (fx["column"], fx["column"] + max(len(fx["old"]), 1)))
    for key, ranges in spans.items():
        ranges.sort()
        assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:])), key


def test_nothing_on_the_english_source_is_fixed(findings):
    assert [f for f in findings if f["locale"] == "en-US" and f["fix"]] == []


def test_the_english_errors_are_the_reviewed_source_defects(findings):
    errors = Counter(f["code"] for f in findings if f["locale"] == "en-US" and f["severity"] == "error")
    assert dict(errors) == EN_US_ERRORS
