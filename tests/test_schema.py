"""The shipped JSON Schema documents `reflingo parse --format json` exactly.

The schema is checked against the draft 2020-12 meta-schema, against the model's dataclasses and
enums (so it cannot drift from the code), and against real output: the project's content/, a few
broken pages, and, when ../shared/corpus is present, a sample of pages of every kind.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from reflingo import findings, model
from reflingo.cli import main
from reflingo.reports.model import SCHEMA_ID, finding_record, schema

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SCHEMA_FILE = ROOT / "src" / "reflingo" / "schema" / "model.schema.json"

#: Every serialised class of the model, by its `$defs` name.
MODEL_CLASSES = [
    model.SourceSpan, model.Text, model.Link, model.Flag, model.Parameter, model.ReturnValue,
    model.SignatureParam, model.Signature, model.TableRow, model.Table, model.Property,
    model.Admonition, model.MfcmapiRow, model.Block, model.Section, model.FrontMatter, model.Page,
    model.Support, model.CanonicalFlag, model.CanonicalParameter, model.CanonicalReturnValue,
    model.CanonicalLink, model.ApiItem, model.VtableEntry, model.InterfaceItem,
    model.CallableItem, model.StructureItem, model.PropertyItem, findings.Finding, findings.Fix,
]
ENUMS = [model.PageKind, model.Direction, findings.Severity, findings.Category]
#: Keys that serialize.item_data adds to the dataclasses' fields.
ADDED = {kind: {"locales"} for kind in ("ApiItem", "InterfaceItem", "CallableItem", "StructureItem",
                                         "PropertyItem")} | {"Page": {"parameter_map"}}

#: Pages of every kind (method, function, structure, property, interface, macro, struct with
#: nested members, conceptual), read in every locale of the shared corpus.
CORPUS_SAMPLE = [
    "imapisession-logoff.md", "mapiallocatebuffer.md", "sproptagarray.md",
    "pidtagdisplayname-canonical-property.md", "imapisessioniunknown.md", "cbnewsproptagarray.md",
    "notification.md", "about-restrictions.md",
]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def parse_json(tmp_path: Path, *paths: Path | str) -> dict:
    out = tmp_path / "model.json"
    code = main(["parse", "--format", "json", "--no-cache", "--no-progress", "-o", str(out),
                 *map(str, paths)])
    assert code in (0, 1), code          # 1: some page had problems; the JSON is still written
    return json.loads(out.read_text(encoding="utf-8"))


def errors(validator: Draft202012Validator, document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path)))]


def serialised_fields(cls) -> list[str]:
    if cls is findings.Finding:   # written flat, as reports.model.finding_record gives it
        return list(finding_record(SAMPLE_FINDING))
    return [f.name for f in dataclasses.fields(cls) if f.metadata.get("serialize", True)]


SAMPLE_FINDING = findings.Finding(code="RL001", category=findings.Category.ENCODING,
                                  severity=findings.Severity.ERROR, locale="es-ES",
                                  span=findings.at("a.md", 1), message="m")


# -- the schema itself ----------------------------------------------------------------------------

def test_schema_is_valid_draft_2020_12():
    loaded = schema()
    Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["$id"] == SCHEMA_ID
    assert loaded == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_schema_matches_the_model():
    defs = schema()["$defs"]
    for cls in MODEL_CLASSES:
        d = defs[cls.__name__]
        expected = serialised_fields(cls) + sorted(ADDED.get(cls.__name__, ()))
        assert list(d["properties"]) == expected, cls.__name__
        assert d["required"] == expected, cls.__name__
        assert d["additionalProperties"] is False, cls.__name__
        assert d.get("description"), cls.__name__
        for name, prop in d["properties"].items():
            assert prop.get("description"), f"{cls.__name__}.{name} has no description"
    assert defs["FrontMatter"]["properties"]["fields"].get("additionalProperties", True) is not False
    for enum in ENUMS:
        assert defs[enum.__name__]["enum"] == [m.value for m in enum], enum.__name__


# -- real output validates -------------------------------------------------------------------------

def test_content_output_validates(tmp_path, validator):
    doc = parse_json(tmp_path, CONTENT)
    assert doc["$schema"] == SCHEMA_ID
    assert doc["items"], "content/ produced no items"
    assert errors(validator, doc) == []


def test_problem_pages_validate(tmp_path, validator):
    """Findings (with columns), empty and missing front matter, YAML dates and nesting."""
    root = tmp_path / "pages" / "es-ES" / "outlook" / "mapi"
    root.mkdir(parents=True)
    (root / "empty.md").write_bytes(b"")
    (root / "binary.md").write_bytes(b"abc\x00\x01\x02\x03\x04\x05def")
    (root / "no-front-matter.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (root / "unclosed.md").write_text("---\ntitle: x\n# T\n", encoding="utf-8")
    (root / "bad-yaml.md").write_text("---\ntitle: [x\nfoo: : :\n---\n# T\n", encoding="utf-8")
    (root / "latin1.md").write_bytes(
        b"---\ntitle: caf\xe9\nms.date: 2020-01-02\n1: one\nnested: {a: [1, 2.5, true, null]}\n---\n"
        b"# IFoo::Bar\n\n```cpp\nHRESULT Bar(\n  ULONG ulFlags\n);\n")
    doc = parse_json(tmp_path, tmp_path / "pages")
    assert len(doc["problems"]) >= 6
    assert any(p["column"] is not None for p in doc["problems"])
    assert errors(validator, doc) == []


# -- the schema rejects what the model cannot produce -------------------------------------------

def _mutations(doc: dict):
    item = doc["items"][0]
    locale, page = next((loc, p) for loc, p in item["pages"].items() if p["parameters"])

    def direction(d):
        d["items"][0]["pages"][locale]["parameters"][0]["direction"] = "sideways"

    def missing(d):
        del d["items"][0]["pages"][locale]["parameters"][0]["name_span"]

    def extra(d):
        d["items"][0]["parameters"][0]["colour"] = "blue"

    def kind(d):
        d["items"][0]["kind"] = "class"

    def span(d):
        d["items"][0]["pages"][locale]["parameters"][0]["span"]["line_start"] = "3"

    def parameter_map(d):
        d["items"][0]["pages"][locale]["parameter_map"] = ["0"]

    def no_locales(d):
        del d["items"][0]["locales"]

    def severity(d):
        d["problems"].append({"code": "RL001", "category": "encoding", "severity": "fatal",
                              "locale": "es-ES", "path": "x.md", "line": 1, "column": None,
                              "item": None, "message": "m", "expected": None, "actual": None,
                              "fix": None, "end_line": None})

    def top_level(d):
        d["generated"] = "today"

    return [direction, missing, extra, kind, span, parameter_map, no_locales, severity, top_level]


def test_invalid_documents_fail(tmp_path, validator):
    doc = parse_json(tmp_path, CONTENT)
    assert errors(validator, doc) == []
    for mutate in _mutations(doc):
        bad = copy.deepcopy(doc)
        mutate(bad)
        assert errors(validator, bad), f"{mutate.__name__}: the mutated document validates"


def test_front_matter_fields_are_free_form(tmp_path, validator):
    doc = parse_json(tmp_path, CONTENT)
    page = next(iter(doc["items"][0]["pages"].values()))
    page["front"]["fields"]["anything"] = {"nested": [1, None, {"x": True}]}
    assert errors(validator, doc) == []


# -- the shared corpus -------------------------------------------------------------------------

@pytest.mark.corpus
def test_corpus_sample_validates(tmp_path, validator):
    if not (CORPUS / "en-US").is_dir():
        pytest.skip("../shared/corpus is not present")
    locales = sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())
    paths = [CORPUS / loc / "docs" / "outlook" / "mapi" / name
             for loc in locales for name in CORPUS_SAMPLE]
    paths = [p for p in paths if p.is_file()]
    assert len(paths) >= len(CORPUS_SAMPLE) * 4, paths
    doc = parse_json(tmp_path, *paths)
    kinds = {item["kind"] for item in doc["items"]}
    assert {"method", "function", "structure", "property", "interface", "macro",
            "conceptual"} <= kinds, kinds
    assert all(item["reference_locale"] == "en-US" for item in doc["items"])
    assert errors(validator, doc) == []
