"""Reports: text, JSON and SARIF renderings of the same findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflingo import __version__
from reflingo.checks import Check
from reflingo.findings import Category, Finding, Fix, Severity, at
from reflingo.reports import READING_RULES, render, rules
from reflingo.reports.sarif import document

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sarif-schema-2.1.0.json"
ES = "content/es-ES/outlook/mapi/imapisession-logoff.md"
RU = "content/ru-RU/outlook/mapi/imapisession-logoff.md"


def direction_tag(item, locale, ctx):
    """A parameter's direction tag does not mean the same as the canonical one.

    Bad:  `> a Identificador ...`
    Good: `> [in] Identificador ...`
    """
    return iter(())


CHECK = Check(code="RL301", category=Category.DIRECTION, severity=Severity.ERROR,
              fn=direction_tag, name="direction-tag")

DIRECTION = Finding(code="RL301", category=Category.DIRECTION, severity=Severity.ERROR,
                    locale="es-ES", span=at(ES, 42), column=3, item="IMAPISession::Logoff",
                    message="direction tag 'a' of 'ulUIParam' is damaged", expected="[in]",
                    actual="a", fix=Fix(line=42, column=3, old="a", new="[in]"))
NAME = Finding(code="RL201", category=Category.IDENTIFIER, severity=Severity.WARNING,
               locale="ru-RU", span=at(RU, 40, 41), column=None, item="IMAPISession::Logoff",
               message="parameter name is transliterated", expected="ulUIParam",
               actual="улуипарам")
READING = Finding(code="RL004", category=Category.METADATA, severity=Severity.ERROR,
                  locale="es-ES", span=at(ES, 1), message="no front matter")
FINDINGS = [NAME, DIRECTION, READING]


# -- text ---------------------------------------------------------------------------------

def test_text_groups_by_page_then_summarises():
    assert render("text", FINDINGS, pages=5).splitlines() == [
        f"{ES}  (es-ES)",
        "     1  error    RL004  [metadata] no front matter",
        "  42:3  error    RL301  [direction] direction tag 'a' of 'ulUIParam' is damaged "
        "(expected '[in]', got 'a')",
        "",
        f"{RU}  (ru-RU)",
        "  40  warning  RL201  [identifier] parameter name is transliterated "
        "(expected 'ulUIParam', got 'улуипарам')",
        "",
        "3 findings in 2 files (5 pages checked): 2 errors, 1 warning, 0 notes",
        "  category      error  warning     note",
        "  direction         1        0        0",
        "  identifier        0        1        0",
        "  metadata          1        0        0",
    ]


def test_text_without_findings():
    assert render("text", [], pages=1) == "No findings (1 page checked)."


# -- json ---------------------------------------------------------------------------------

def test_json_lists_findings_in_file_and_line_order():
    data = json.loads(render("json", FINDINGS))
    assert [(f["code"], f["line"]) for f in data] == [("RL004", 1), ("RL301", 42), ("RL201", 40)]
    assert data[1] == {
        "code": "RL301", "category": "direction", "severity": "error", "locale": "es-ES",
        "file": ES, "line": 42, "column": 3, "item": "IMAPISession::Logoff",
        "message": "direction tag 'a' of 'ulUIParam' is damaged", "expected": "[in]",
        "actual": "a", "fix": {"line": 42, "column": 3, "old": "a", "new": "[in]"}}
    assert data[2]["fix"] is None and data[2]["actual"] == "улуипарам"


# -- sarif --------------------------------------------------------------------------------

@pytest.fixture
def sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return json.loads(render("sarif", FINDINGS, rules=rules([CHECK])))


def test_sarif_driver_and_rules(sarif):
    driver = sarif["runs"][0]["tool"]["driver"]
    assert (sarif["version"], driver["name"], driver["version"]) == ("2.1.0", "reflingo", __version__)
    ids = [r["id"] for r in driver["rules"]]
    # RL201 has no registered check here: it gets a rule made from its finding, at the end
    assert ids == sorted([r.code for r in READING_RULES] + ["RL301"]) + ["RL201"]
    rule = driver["rules"][ids.index("RL301")]
    assert rule == {
        "id": "RL301", "name": "direction-tag",
        "shortDescription": {"text": "A parameter's direction tag does not mean the same as the "
                                     "canonical one."},
        "fullDescription": {"text": direction_tag.__doc__.split("\n")[0] + "\n\nBad:  `> a "
                                    "Identificador ...`\nGood: `> [in] Identificador ...`"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "direction", "kind": "check"}}


def test_sarif_results(sarif):
    rules_ = sarif["runs"][0]["tool"]["driver"]["rules"]
    results = sarif["runs"][0]["results"]
    assert [rules_[r["ruleIndex"]]["id"] for r in results] == [r["ruleId"] for r in results] == \
        ["RL004", "RL301", "RL201"]
    direction = results[1]
    assert direction["level"] == "error"
    assert direction["message"] == {"text": "direction tag 'a' of 'ulUIParam' is damaged"}
    assert direction["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": ES, "uriBaseId": "SRCROOT"},
        "region": {"startLine": 42, "startColumn": 3}}
    assert direction["properties"] == {"locale": "es-ES", "category": "direction",
                                       "item": "IMAPISession::Logoff", "expected": "[in]",
                                       "actual": "a"}
    (change,) = direction["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 42, "startColumn": 3, "endLine": 42, "endColumn": 4},
        "insertedContent": {"text": "[in]"}}]
    name = results[2]
    assert name["locations"][0]["physicalLocation"]["region"] == {"startLine": 40, "endLine": 41}
    assert name["level"] == "warning" and "fixes" not in name


def test_sarif_uri_outside_the_base_is_absolute(tmp_path):
    outside = Finding(code="RL004", category=Category.METADATA, severity=Severity.ERROR,
                      locale="en-US", span=at("/elsewhere/a b.md", 1), message="x")
    (result,) = document([outside], rules(), base=str(tmp_path))["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file:///elsewhere/a%20b.md"


def test_sarif_unknown_code_gets_a_rule():
    odd = Finding(code="RL999", category=Category.LINK, severity=Severity.NOTE, locale="de-DE",
                  span=at("x.md", 3), message="odd")
    run = document([odd], rules())["runs"][0]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "RL999"


def test_sarif_validates_against_the_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/data/sarif-schema-2.1.0.json is not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-07/")
    jsonschema.Draft7Validator(schema).validate(sarif)


def test_json_report_text_is_what_json_dumps_writes_with_indent_2():
    """The report's writer gives `json.dumps(data, ensure_ascii=False, indent=2)`'s text, on
    random values of every JSON kind (non-ASCII, controls, lone surrogates, nesting)."""
    import random

    from reflingo.reports.json import indented
    rnd = random.Random(7)

    def value(depth=0):
        r = rnd.random()
        if depth > 4 or r < 0.3:
            return rnd.choice([None, True, False, rnd.randint(-10**9, 10**9), rnd.random() * 1e6,
                               "".join(chr(rnd.choice([rnd.randint(0, 0x7F),
                                                       rnd.randint(0x80, 0xFFFF)]))
                                       for _ in range(rnd.randint(0, 8)))])
        if r < 0.65:
            return [value(depth + 1) for _ in range(rnd.randint(0, 4))]
        return {"".join(chr(rnd.randint(0, 0x3000)) for _ in range(rnd.randint(0, 5))):
                value(depth + 1) for _ in range(rnd.randint(0, 4))}

    for _ in range(5000):
        v = value()
        assert indented(v) == json.dumps(v, ensure_ascii=False, indent=2)
    odd_keys = {1: 2, True: 3, None: 4, 1.5: [(), {}]}
    assert indented(odd_keys) == json.dumps(odd_keys, ensure_ascii=False, indent=2)
