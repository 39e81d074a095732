"""`reflingo check`, `reflingo checks` and `reflingo fix` end to end, and the check context.

The checks used here are registered by the test (codes RL99x) so that the results do not
depend on the check families; `--select RL99` keeps the families' findings out.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from reflingo import cli
from reflingo.checks import REGISTRY, CheckContext, check, finding
from reflingo.checks.runner import check_corpus
from reflingo.run.scan import build_context, context_digest, repair_vocabulary
from reflingo.config import Config
from reflingo.findings import Category, Fix, Severity
from reflingo.run import load_corpus
from reflingo.run.discover import discover
from reflingo.run.tasks import TASKS, check_task

CONTENT = Path(__file__).resolve().parents[2] / "content"
SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "data" / "sarif-schema-2.1.0.json"
ES = "content/es-ES/outlook/mapi/imapisession-logoff.md"
DE = "content/de-DE/outlook/mapi/imapisession-logoff.md"
ES_LINE = "> a Identificador de la ventana primaria"   # line 42 of the es-ES page
DE_LINE = "\nMAPI-Sitzung beendet."                     # line 28 of the de-DE page


# -- test-only checks ------------------------------------------------------------------------

def marker_error(item, locale, ctx):
    """Test only: the word FIXME990 stands on the page.

    Bad:  FIXME990
    Good: DONE990
    """
    page = item.pages[locale]
    for n, line in enumerate(page.lines, start=1):
        for m in re.finditer("FIXME990", line):
            yield finding("RL990", page, n, "marker FIXME990", item=item, column=m.start() + 1,
                          expected="DONE990", actual="FIXME990",
                          fix=Fix(line=n, column=m.start() + 1, old="FIXME990", new="DONE990"))


def marker_warning(item, locale, ctx):
    """Test only: the word WARN991 stands on the page (no fix).

    Bad:  WARN991
    Good: anything else
    """
    page = item.pages[locale]
    for n, line in enumerate(page.lines, start=1):
        if "WARN991" in line:
            yield finding("RL991", page, n, "marker WARN991", item=item)


def setting_note(item, locale, ctx):
    """Test only: the locale's configured `test-marker` text stands on the page.

    Bad:  the configured text
    Good: anything else
    """
    page = item.pages[locale]
    marker = ctx.settings.get(locale, {}).get("test-marker")
    for n, line in enumerate(page.lines, start=1):
        if marker and marker in line:
            known = page.rel_path in ctx.existing.get(locale, ())
            yield finding("RL992", page, n, f"marker {marker}; page known: {known}", item=item)


TEST_CHECKS = {"RL990": (Severity.ERROR, marker_error), "RL991": (Severity.WARNING, marker_warning),
               "RL992": (Severity.NOTE, setting_note)}


@pytest.fixture(autouse=True)
def test_checks(monkeypatch):
    for code, (severity, fn) in TEST_CHECKS.items():
        check(code, Category.FORMATTING, severity)(fn)
    yield
    for code in TEST_CHECKS:
        REGISTRY.pop(code, None)


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """A copy of content/ in a fresh current folder (paths in reports start with content/)."""
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def edit(rel: str, old: str, new: str) -> None:
    path = Path(rel)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def main(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_check(capsys, *args: str, select: str | None = "RL99") -> tuple[int, str, str]:
    extra = ["--select", select] if select else []
    return main(capsys, "check", "content", "--no-cache", "--no-progress", "-j", "1", *extra, *args)


def codes(out: str) -> list[str]:
    return [f["code"] for f in json.loads(out)]


# -- check: exit codes and output -------------------------------------------------------------

def test_check_reports_error_and_exits_1(content, capsys):
    edit(ES, ES_LINE, "> a FIXME990 Identificador de la ventana primaria")
    status, out, err = run_check(capsys)
    assert status == 1
    assert out.splitlines()[0] == f"{ES}  (es-ES)"
    assert "  42:5  error    RL990  [formatting] marker FIXME990 (expected 'DONE990', got 'FIXME990')" in out
    assert "1 finding in 1 file (5 pages checked): 1 error, 0 warnings, 0 notes" in out


def test_check_clean_exits_0(content, capsys):
    status, out, _ = run_check(capsys)
    assert (status, out.strip()) == (0, "No findings (5 pages checked).")


def test_fail_on_decides_the_exit_code(content, capsys):
    edit(DE, DE_LINE, DE_LINE + " WARN991")
    assert run_check(capsys)[0] == 0
    assert run_check(capsys, "--fail-on", "warning")[0] == 1
    assert run_check(capsys, "--fail-on", "note")[0] == 1


def test_fail_on_from_the_configuration(content, capsys):
    edit(DE, DE_LINE, DE_LINE + " WARN991")
    Path("reflingo.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert run_check(capsys)[0] == 1
    assert run_check(capsys, "--fail-on", "error")[0] == 0


def test_check_without_selection_runs_the_families_and_reports_reading_problems(content, capsys):
    Path("content/es-ES/outlook/mapi/broken.md").write_text("# No front matter\n", encoding="utf-8")
    status, out, _ = run_check(capsys, "--format", "json", select=None)
    data = json.loads(out)
    assert status == 1
    assert {"code": "RL004", "file": "content/es-ES/outlook/mapi/broken.md", "line": 1}.items() <= \
        next(f for f in data if f["code"] == "RL004").items()
    status, out, _ = run_check(capsys, "--format", "json", select="RL0")
    assert codes(out) == ["RL004"]


def test_json_output(content, capsys):
    edit(ES, ES_LINE, "> a FIXME990 Identificador de la ventana primaria")
    edit(DE, DE_LINE, DE_LINE + " WARN991")
    status, out, _ = run_check(capsys, "--format", "json")
    data = json.loads(out)
    assert [f["code"] for f in data] == ["RL991", "RL990"]   # sorted by file: de-DE first
    assert data[1] == {
        "code": "RL990", "category": "formatting", "severity": "error", "locale": "es-ES",
        "file": ES, "line": 42, "column": 5, "item": "IMAPISession::Logoff",
        "message": "marker FIXME990", "expected": "DONE990", "actual": "FIXME990",
        "fix": {"line": 42, "column": 5, "old": "FIXME990", "new": "DONE990"}}
    assert data[0]["fix"] is None and data[0]["column"] is None


def test_output_file(content, capsys):
    edit(ES, ES_LINE, "> a FIXME990 Identificador de la ventana primaria")
    status, out, _ = run_check(capsys, "--format", "json", "-o", "report.json")
    assert (status, out) == (1, "")
    assert codes(Path("report.json").read_text(encoding="utf-8")) == ["RL990"]


def test_sarif_output_validates(content, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/data/sarif-schema-2.1.0.json is not present")
    edit(ES, ES_LINE, "> a FIXME990 Identificador de la ventana primaria")
    status, out, _ = run_check(capsys, "--format", "sarif")
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    run = log["runs"][0]
    (result,) = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "RL990"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == ES
    assert location["region"] == {"startLine": 42, "startColumn": 5}
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == \
        {"text": "DONE990"}


# -- selection, configuration, suppression ------------------------------------------------------

@pytest.fixture
def two_markers(content):
    edit(ES, ES_LINE, "> a FIXME990 Identificador de la ventana primaria")
    edit(DE, DE_LINE, DE_LINE + " WARN991 FIXME990")
    return content


def test_select_and_ignore_on_the_command_line(two_markers, capsys):
    assert codes(run_check(capsys, "--format", "json")[1]) == ["RL991", "RL990", "RL990"]
    assert codes(run_check(capsys, "--format", "json", "--ignore", "RL990")[1]) == ["RL991"]
    assert codes(run_check(capsys, "--format", "json", select="RL991")[1]) == ["RL991"]
    assert codes(run_check(capsys, "--format", "json", select="RL990,RL991")[1]) == \
        ["RL991", "RL990", "RL990"]


def test_a_longer_select_beats_a_shorter_ignore(two_markers, capsys):
    out = run_check(capsys, "--format", "json", "--ignore", "RL9", select="RL991")[1]
    assert codes(out) == ["RL991"]


def test_bad_code_on_the_command_line_is_a_usage_error(content, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "content", "--select", "E501"])
    assert exc.value.code == 2 and "'E501' is not a code" in capsys.readouterr().err


def test_configuration_select_ignore_and_command_line_override(two_markers, capsys):
    Path("pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reflingo]\n'
                                      'select = ["RL99"]\nignore = ["RL990"]\n', encoding="utf-8")
    assert codes(run_check(capsys, "--format", "json", select=None)[1]) == ["RL991"]
    assert codes(run_check(capsys, "--format", "json", "--ignore", "RL991", select=None)[1]) == \
        ["RL990", "RL990"]


def test_explicit_config_file(two_markers, capsys, tmp_path):
    Path("elsewhere.toml").write_text('[tool.reflingo]\nselect = ["RL991"]\n', encoding="utf-8")
    out = run_check(capsys, "--format", "json", "--config", "elsewhere.toml", select=None)[1]
    assert codes(out) == ["RL991"]


def test_per_path_ignores(two_markers, capsys):
    Path("reflingo.toml").write_text('select = ["RL99"]\n[per-path-ignores]\n'
                                     '"content/de-DE/**" = ["RL990"]\n', encoding="utf-8")
    data = json.loads(run_check(capsys, "--format", "json", select=None)[1])
    assert [(f["code"], f["locale"]) for f in data] == [("RL991", "de-DE"), ("RL990", "es-ES")]


def test_inline_suppression(two_markers, capsys):
    edit(ES, "> a FIXME990", "<!-- reflingo-ignore RL990 -->\n> a FIXME990")
    edit(DE, DE_LINE, DE_LINE + " <!-- reflingo-ignore RL991, RL5 -->")
    data = json.loads(run_check(capsys, "--format", "json")[1])
    assert [(f["code"], f["locale"]) for f in data] == [("RL990", "de-DE")]


def test_inline_suppression_by_prefix_and_without_codes(two_markers, capsys):
    edit(ES, "> a FIXME990", "<!-- reflingo-ignore -->\n> a FIXME990")
    edit(DE, DE_LINE, DE_LINE + " <!-- reflingo-ignore RL99 -->")
    assert codes(run_check(capsys, "--format", "json")[1]) == []


def test_configuration_error_exits_2_with_file_and_line(content, capsys):
    Path("pyproject.toml").write_text('[tool.reflingo]\nselect = ["RL1"]\nfail-on = "fatal"\n',
                                      encoding="utf-8")
    status, _, err = run_check(capsys)
    assert status == 2 and "pyproject.toml:3: fail-on must be one of" in err
    Path("pyproject.toml").write_text('[tool.reflingo]\nselect = ["RL1"\nignore = []\n',
                                      encoding="utf-8")
    status, _, err = run_check(capsys)
    assert status == 2 and re.search(r"pyproject\.toml:3:\d+: invalid TOML", err)


def test_locale_settings_reach_the_checks(content, capsys):
    edit(ES, ES_LINE, ES_LINE + " XYZZY")
    edit(DE, DE_LINE, DE_LINE + " XYZZY")
    Path("reflingo.toml").write_text('[locales.es-ES]\ntest-marker = "XYZZY"\n', encoding="utf-8")
    data = json.loads(run_check(capsys, "--format", "json")[1])
    assert [(f["code"], f["locale"], f["message"]) for f in data] == \
        [("RL992", "es-ES", "marker XYZZY; page known: True")]


def test_cached_results_follow_the_selection_and_the_settings(content, capsys):
    edit(ES, ES_LINE, ES_LINE + " XYZZY FIXME990")
    cached = ["check", "content", "--no-progress", "-j", "1", "--format", "json",
              "--cache-dir", "cache"]
    assert codes(main(capsys, *cached, "--select", "RL99")[1]) == ["RL990"]
    assert codes(main(capsys, *cached, "--select", "RL99")[1]) == ["RL990"]
    assert codes(main(capsys, *cached, "--select", "RL991")[1]) == []
    Path("reflingo.toml").write_text('[locales.es-ES]\ntest-marker = "XYZZY"\n', encoding="utf-8")
    assert codes(main(capsys, *cached, "--select", "RL99")[1]) == ["RL992", "RL990"]


def test_worker_processes_get_the_context(content, capsys):
    page = Path(ES).read_text(encoding="utf-8")
    for i in range(9):  # enough items for the process pool
        text = page.replace("93e38f6c-4b67-4f2d-bc94-631efec86852", f"00000000-0000-0000-0000-{i:012}")
        Path(f"content/es-ES/outlook/mapi/copy{i}.md").write_text(text + " XYZZY\n", encoding="utf-8")
    Path("reflingo.toml").write_text('[locales.es-ES]\ntest-marker = "XYZZY"\n', encoding="utf-8")
    status, out, _ = main(capsys, "check", "content", "--no-cache", "--no-progress", "-j", "2",
                          "--select", "RL992", "--format", "json")
    data = json.loads(out)
    assert len(data) == 9 and {f["message"] for f in data} == {"marker XYZZY; page known: True"}


# -- checks -------------------------------------------------------------------------------

def test_checks_lists_the_registry(capsys):
    status, out, _ = main(capsys, "checks")
    assert status == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("RL990"))
    assert line.split() [:3] == ["RL990", "formatting", "error"]
    assert line.endswith("Test only: the word FIXME990 stands on the page.")
    assert any(ln.startswith("RL004") and ln.endswith("(reading)") for ln in out.splitlines())
    listed = [ln.split()[0] for ln in out.splitlines()]
    assert set(REGISTRY) <= set(listed) and listed == sorted(listed)


def test_checks_json(capsys):
    data = json.loads(main(capsys, "checks", "--format", "json")[1])
    rl990 = next(r for r in data if r["code"] == "RL990")
    assert rl990["severity"] == "error" and rl990["kind"] == "check"
    assert rl990["doc"].startswith("Test only: the word FIXME990 stands on the page.\n\nBad:")


# -- fix ----------------------------------------------------------------------------------

def run_fix(capsys, *args: str) -> tuple[int, str, str]:
    return main(capsys, "fix", "content", "--no-cache", "--no-progress", "-j", "1",
                "--select", "RL99", *args)


@pytest.fixture
def fixable(content):
    edit(ES, ES_LINE, "> a FIXME990 Identificador FIXME990 de la ventana primaria WARN991")
    edit(DE, DE_LINE, DE_LINE.replace("beendet", "FIXME990 beendet"))
    return content


def test_fix_dry_run_prints_a_diff_and_changes_nothing(fixable, capsys):
    before = Path(ES).read_bytes()
    status, out, err = run_fix(capsys)
    assert status == 0
    assert f"--- a/{ES}\n+++ b/{ES}\n" in out and f"--- a/{DE}\n" in out
    assert "-> a FIXME990 Identificador FIXME990 de la ventana primaria WARN991" in out
    assert "+> a DONE990 Identificador DONE990 de la ventana primaria WARN991" in out
    assert "would fix 3 findings; 1 finding needs a human" in err
    assert Path(ES).read_bytes() == before


def test_fix_write_then_nothing_left(fixable, capsys):
    mode = 0o640
    os.chmod(ES, mode)
    status, out, err = run_fix(capsys, "--write")
    assert status == 0
    assert out.splitlines() == [f"fixed 1 finding in {DE}", f"fixed 2 findings in {ES}"]
    text = Path(ES).read_text(encoding="utf-8")
    assert "> a DONE990 Identificador DONE990 de la ventana primaria WARN991" in text
    assert os.stat(ES).st_mode & 0o777 == mode
    status, out, err = run_fix(capsys, "--write")
    assert (status, out) == (0, "")
    assert "fixed 0 findings; 1 finding needs a human" in err
    assert run_fix(capsys)[1] == ""


def test_interrupted_write_leaves_the_file_intact(fixable, capsys, monkeypatch):
    before = Path(ES).read_bytes()
    listing = sorted(os.listdir(Path(ES).parent))

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    status, out, err = run_fix(capsys, "--write")
    assert status == 2
    assert f"{ES}: cannot write: No space left on device; the file is unchanged" in err
    assert Path(ES).read_bytes() == before
    assert sorted(os.listdir(Path(ES).parent)) == listing


# -- the context ----------------------------------------------------------------------------

def test_context_lists_pages_per_locale():
    ctx = build_context(discover([str(CONTENT)]))
    assert ctx.existing["es-ES"] == frozenset({"outlook/mapi/imapisession-logoff.md",
                                                "outlook/mapi/imslogon-logoff.md"})
    assert ctx.existing["ru-RU"] == frozenset({"outlook/mapi/imapisession-logoff.md"})


def test_context_vocabulary_repairs_only_unique_spellings(tmp_path):
    de = tmp_path / "de-DE"
    de.mkdir()
    (de / "a.md").write_text("Letzte \ufffdnderung: 9. M\ufffdrz 2015, f\ufffd\ufffdr, Z\ufffdhler\n",
                             encoding="utf-8")
    (de / "b.md").write_text("Änderung im März für Zähler und Zahler; Zöhler\n", encoding="utf-8")
    ctx = build_context(discover([str(tmp_path)]))
    assert ctx.vocabulary == {"de-DE": {"\ufffdnderung": "Änderung", "M\ufffdrz": "März",
                                        "f\ufffd\ufffdr": "für"}}   # Zähler/Zöhler: ambiguous


def test_context_vocabulary_empty_without_replacement_characters():
    assert repair_vocabulary(s for s in discover([str(CONTENT / "es-ES")])) == {}


def test_context_carries_the_locale_settings():
    ctx = build_context(discover([str(CONTENT)]), Config(locales={"es-ES": {"x": 1}}))
    assert ctx.settings == {"es-ES": {"x": 1}}


def test_context_digest_changes_with_codes_settings_and_pages():
    sources = discover([str(CONTENT)])
    ctx = build_context(sources)
    digest = context_digest(ctx, ["RL990"])
    assert digest == context_digest(build_context(sources), ["RL990"])
    assert digest != context_digest(ctx, ["RL990", "RL991"])
    assert digest != context_digest(build_context(sources, Config(locales={"es-ES": {"x": 1}})),
                                    ["RL990"])
    assert digest != context_digest(build_context(sources[1:]), ["RL990"])


def test_check_task_is_picklable_and_runs_in_this_process():
    sources = discover([str(CONTENT)])
    task = functools.partial(check_task, ctx=build_context(sources), codes=("RL990",))
    task = pickle.loads(pickle.dumps(task))
    assert TASKS["check"] is check_task
    assert task(sources[:1]) == ([], [], {})


def test_latest_commit_per_item_and_failing_check_is_reported(monkeypatch):
    corpus = load_corpus([str(CONTENT)])

    def broken(item, locale, ctx):
        """Test only: always fails."""
        assert ctx.latest["93e38f6c-4b67-4f2d-bc94-631efec86852"] == \
            "8fe462c32b91c87911942c188f3445e85a54137c"
        raise RuntimeError("boom")

    check("RL993", Category.FORMATTING, Severity.ERROR)(broken)
    try:
        found, problems = check_corpus(corpus, CheckContext(), ("RL993",))
    finally:
        REGISTRY.pop("RL993")
    assert {f.code for f in found} == {"RL009"}
    assert len(found) == 5 and "internal error in check RL993: RuntimeError: boom" in found[0].message


@pytest.mark.corpus
def test_context_on_the_corpus(corpus_dir):
    ctx = build_context(discover([str(corpus_dir / "de-DE"), str(corpus_dir / "es-ES")]))
    assert ctx.vocabulary["de-DE"]["f\ufffdr"] == "für"
    assert ctx.vocabulary["de-DE"]["R\ufffdckgabewert"] == "Rückgabewert"
    assert ctx.vocabulary["es-ES"]["c\ufffddigo"] == "código"
    assert len(ctx.existing["de-DE"]) > 2000
