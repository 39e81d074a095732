"""Bad input: every damaged page gives a finding with its file and line, the page is still
produced with what could be read, the run goes on, and the exit code says so.

Each case runs through the library (`parse_bytes` / `parse_file`) and end to end through the
command line (`reflingo parse`), next to a good page that must still be printed.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from reflingo import cli
from reflingo.run import pool, tasks
from reflingo.run import discover as loader
from reflingo.findings import Severity
from reflingo.model import PageKind
from reflingo.parse import parse_bytes, parse_file
from reflingo.parse.source import LARGE_PAGE_BYTES

# --------------------------------------------------------------------------------------------
# Fixture pages, written for the tests. Line numbers used below:
#   1 ---            10 ---             18 ```cpp
#   2 title          12 # IFoo::Bar     25 ## Parameters
#   3 description    14 **Applies to**  27  _ulUIParam_
#   9 ms.assetid     16 Opens a café    35 MAPI_LOGOFF_UI

FRONT = """\
---
title: "IFooBar"
description: "Describes the syntax and parameters of IFoo::Bar."
ms.date: 03/09/2015
api_name:
- IFoo.Bar
api_type:
- COM
ms.assetid: {assetid}
---
"""

BODY = """
# IFoo::Bar

**Applies to**: Outlook 2013 | Outlook 2016

Opens a café — quickly.

```cpp
HRESULT Bar(
  ULONG_PTR ulUIParam,
  ULONG ulFlags
);
```

## Parameters

 _ulUIParam_

> [in] A handle to the parent window.

 _ulFlags_

> [in] A bitmask of flags. The following flags can be set:

MAPI_LOGOFF_UI

> **Bar** can display a dialog box.

## Return value

S_OK

> The call succeeded.

## Remarks

Call **IFoo::Bar** once per session.
"""

BAD_ID = "11111111-2222-3333-4444-555555555555"
GOOD_ID = "99999999-8888-7777-6666-555555555555"
PAGE = FRONT.format(assetid=BAD_ID) + BODY

GOOD_PAGE = """\
---
title: "IGoodLogoff"
ms.assetid: {id}
---

# IGood::Logoff

**Applies to**: Outlook 2013

Ends a session.

```cpp
HRESULT Logoff(
  ULONG ulFlags
);
```

## Parameters

 _ulFlags_

> [in] Reserved; must be zero.

## Return value

S_OK

> The call succeeded.
""".format(id=GOOD_ID)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + b"\x00" * 200


def line_of(text: str, start: str) -> int:
    """1-based line of the first line starting with `start` (keeps the fixtures honest)."""
    return next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith(start))


def codes(page) -> list[tuple[str, Severity, int]]:
    return [(p.code, p.severity, p.line) for p in page.problems]


def assert_body_kept(page, text: str = PAGE) -> None:
    """What a damaged page must keep: the title, the summary, the signature, the parameters,
    each at its line in `text`."""
    assert page.name == "IFoo::Bar"
    assert page.kind is PageKind.METHOD
    assert page.summary is not None and page.summary.text == "Opens a café — quickly."
    assert page.signature is not None and page.signature.name == "Bar"
    assert [p.name for p in page.parameters] == ["ulUIParam", "ulFlags"]
    assert [f.name for f in page.parameters[1].flags] == ["MAPI_LOGOFF_UI"]
    assert [v.name for v in page.return_values] == ["S_OK"]
    assert page.parameters[0].name_span.line_start == line_of(text, " _ulUIParam_")
    assert page.signature.span.line_start == line_of(text, "```cpp")
    assert page.title.span.line_start == line_of(text, "# IFoo::Bar")


def test_the_fixture_page_is_clean():
    page = parse_bytes(PAGE.encode(), "t.md")
    assert page.problems == ()
    assert_body_kept(page)
    assert page.front.title == "IFooBar"
    assert [line_of(PAGE, s) for s in ("```cpp", "Opens a café", "## Parameters", " _ulUIParam_",
                                       "MAPI_LOGOFF_UI")] == [18, 16, 25, 27, 35]


# --------------------------------------------------------------------------------------------
# Encoding

def test_cp1252_page_is_decoded_and_reported_at_the_first_bad_byte():
    data = PAGE.encode("cp1252")
    page = parse_bytes(data, "cp.md")
    [p] = page.problems
    assert (p.code, p.severity, p.line, p.column) == ("RL001", Severity.ERROR, 16, 12)
    assert p.path == "cp.md"
    assert "0xe9" in p.message and "cp1252" in p.message and "UTF-8" in p.message
    assert "2 invalid bytes" in p.message  # é and —
    # The text comes through with the right characters, and nothing else is lost.
    assert_body_kept(page)
    assert page.front.title == "IFooBar" and page.front.assetid == BAD_ID


def test_stray_byte_in_a_utf8_page_keeps_the_other_characters():
    ru = PAGE.replace("Opens a café — quickly.", "Открывает кафе.").replace(
        "Call **IFoo::Bar** once per session.", "Вызывайте **IFoo::Bar** один раз.")
    data = ru.encode().replace("один".encode(), "од".encode() + b"\x96" + "ин".encode())
    page = parse_bytes(data, "ru.md")
    [p] = page.problems
    assert (p.code, p.line) == ("RL001", line_of(ru, "Вызывайте"))
    assert "0x96" in p.message and "UTF-8 with the invalid bytes read as cp1252" in p.message
    assert page.summary.text == "Открывает кафе."  # not mojibake
    assert page.remarks[0].text == "Вызывайте IFoo::Bar од–ин раз."
    assert [x.name for x in page.parameters] == ["ulUIParam", "ulFlags"]


def test_utf16_page_with_a_bom_is_decoded_and_reported():
    page = parse_bytes(PAGE.encode("utf-16"), "u16.md")
    assert codes(page) == [("RL001", Severity.ERROR, 1)]
    assert "UTF-16" in page.problems[0].message
    assert_body_kept(page)


def test_utf8_bom_is_fine():
    plain, bom = parse_bytes(PAGE.encode(), "a.md"), parse_bytes(b"\xef\xbb\xbf" + PAGE.encode(), "a.md")
    assert bom.problems == ()
    assert_body_kept(bom)
    assert bom.front.title == "IFooBar"
    assert bom.front.lines == plain.front.lines
    assert [s.span for s in bom.sections] == [s.span for s in plain.sections]


def test_crlf_line_endings_are_fine_and_lines_still_right():
    plain = parse_bytes(PAGE.encode(), "a.md")
    crlf = parse_bytes(PAGE.replace("\n", "\r\n").encode(), "a.md")
    assert crlf.problems == ()
    assert_body_kept(crlf)
    assert crlf.front.lines == plain.front.lines
    assert [s.span for s in crlf.sections] == [s.span for s in plain.sections]
    assert "\r" not in crlf.parameters[0].description.text


def test_crlf_lines_right_in_findings_too():
    bad = PAGE.replace('description: "Describes the syntax and parameters of IFoo::Bar."',
                       "title: [unclosed").replace("\n```\n\n## Parameters", "\n\n## Parameters")
    page = parse_bytes(bad.replace("\n", "\r\n").encode("cp1252"), "a.md")
    assert codes(page) == [("RL001", Severity.ERROR, 16), ("RL005", Severity.ERROR, 3),
                           ("RL006", Severity.ERROR, 18)]


# --------------------------------------------------------------------------------------------
# Binary, empty

def test_binary_file_is_reported_and_skipped():
    page = parse_bytes(PNG, "logo.md")
    # The first NUL byte is on line 3 (the PNG signature holds "\r\n" and "\n").
    assert codes(page) == [("RL002", Severity.ERROR, 3)]
    assert "binary" in page.problems[0].message
    assert page.path == "logo.md" and page.title is None and page.parameters == ()


def test_control_bytes_without_nul_are_binary_too():
    page = parse_bytes(bytes(range(1, 9)) * 200, "ctl.md")
    assert codes(page) == [("RL002", Severity.ERROR, 1)]


@pytest.mark.parametrize("data", [b"", b"  \n\n\t\n", b"\r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n \n"],
                         ids=["empty", "whitespace", "crlf-blank", "bom-only", "bom-whitespace"])
def test_empty_file_is_one_finding(data, tmp_path):
    f = tmp_path / "empty.md"
    f.write_bytes(data)
    page = parse_file(f)
    assert codes(page) == [("RL003", Severity.ERROR, 1)]  # no extra "no front matter"
    assert page.path == str(f) and page.title is None and page.parameters == ()


# --------------------------------------------------------------------------------------------
# Front matter

def test_no_front_matter_reported_at_the_first_line_and_body_kept():
    text = "\n" + BODY.lstrip("\n")
    page = parse_bytes(text.encode(), "nofm.md")
    assert codes(page) == [("RL004", Severity.ERROR, 2)]
    assert "front matter" in page.problems[0].message
    assert_body_kept(page, text)


def test_unclosed_front_matter_keeps_its_fields_and_the_body():
    text = PAGE.replace(f"ms.assetid: {BAD_ID}\n---\n", f"ms.assetid: {BAD_ID}\n")
    page = parse_bytes(text.encode(), "open.md")
    assert codes(page) == [("RL005", Severity.ERROR, 1)]
    assert "not closed" in page.problems[0].message and "lines 2-9" in page.problems[0].message
    assert page.front.title == "IFooBar" and page.front.assetid == BAD_ID
    assert page.front.api_name == ("IFoo.Bar",)
    assert page.front.lines["ms.assetid"] == 9
    assert_body_kept(page, text)
    assert page.sections[0].span.line_start == line_of(text, "# IFoo::Bar")


def test_unclosed_front_matter_without_fields_reads_the_page_as_body():
    text = "---" + BODY
    page = parse_bytes(text.encode(), "hr.md")
    assert codes(page) == [("RL005", Severity.ERROR, 1)]
    assert "read as body" in page.problems[0].message
    assert_body_kept(page, text)


def test_invalid_yaml_is_reported_on_its_line_and_other_fields_kept():
    text = PAGE.replace('description: "Describes the syntax and parameters of IFoo::Bar."',
                        "title: [unclosed")
    page = parse_bytes(text.encode(), "yaml.md")
    assert codes(page) == [("RL005", Severity.ERROR, 3)]
    assert text.split("\n")[2] == "title: [unclosed"
    assert "malformed front matter" in page.problems[0].message
    assert "'title'" in page.problems[0].message
    # Only the broken field is dropped: the earlier `title` line and the rest are read.
    assert page.front.title == "IFooBar"
    assert page.front.assetid == BAD_ID and page.front.date == "03/09/2015"
    assert page.front.api_name == ("IFoo.Bar",)
    assert_body_kept(page, text)


def test_unterminated_quote_in_front_matter_points_at_the_quote():
    text = PAGE.replace('description: "Describes the syntax and parameters of IFoo::Bar."',
                        'description: "Describes the syntax\n  and never ends')
    page = parse_bytes(text.encode(), "quote.md")
    assert codes(page) == [("RL005", Severity.ERROR, 3)]
    assert page.front.description is None and page.front.assetid == BAD_ID
    assert_body_kept(page, text)


def test_bad_tagged_value_in_front_matter_is_a_finding_not_a_crash():
    text = PAGE.replace("ms.date: 03/09/2015", "ms.date: !!int March")
    page = parse_bytes(text.encode(), "tag.md")
    assert codes(page) == [("RL005", Severity.ERROR, 4)]
    assert "'ms.date' ignored" in page.problems[0].message
    assert page.front.date is None and page.front.title == "IFooBar"
    assert_body_kept(page, text)


def test_front_matter_that_is_not_a_mapping():
    text = "---\n- just\n- a list\n---\n" + BODY
    page = parse_bytes(text.encode(), "list.md")
    assert codes(page) == [("RL005", Severity.ERROR, 2)]
    assert_body_kept(page, text)


def test_tab_indented_front_matter_line_is_reported_on_that_line():
    text = PAGE.replace("ms.date: 03/09/2015", "\tms.date: 03/09/2015")
    page = parse_bytes(text.encode(), "tab.md")
    assert codes(page) == [("RL005", Severity.ERROR, 4)]
    assert page.front.title == "IFooBar" and page.front.assetid == BAD_ID
    assert_body_kept(page, text)


# --------------------------------------------------------------------------------------------
# Code fences

def test_unterminated_code_fence_is_reported_at_the_opening_fence():
    text = PAGE.replace("\n```\n\n## Parameters", "\n\n## Parameters")
    page = parse_bytes(text.encode(), "fence.md")
    assert codes(page) == [("RL006", Severity.ERROR, 18)]
    assert text.split("\n")[17] == "```cpp"
    assert "never closed" in page.problems[0].message
    # Everything before the fence is read as usual, and the rest is kept (as code) in the model.
    assert page.front.title == "IFooBar"
    assert page.name == "IFoo::Bar" and page.summary.text == "Opens a café — quickly."
    fence = next(b for s in page.sections for b in s.blocks if b.kind == "fence")
    assert fence.span.line_start == 18 and fence.span.line_end >= line_of(text, "Call **IFoo")
    assert "## Parameters" in fence.text and "MAPI_LOGOFF_UI" in fence.text


def test_unterminated_fence_later_in_the_page():
    text = PAGE + "\n## Example\n\n```cpp\nlpSession->Bar(0, 0);\n"
    page = parse_bytes(text.encode(), "late.md")
    assert codes(page) == [("RL006", Severity.ERROR, line_of(text, "## Example") + 2)]
    assert_body_kept(page, text)


# --------------------------------------------------------------------------------------------
# A 5 MB page

@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    head, rest = PAGE.split("## Parameters", 1)
    chunk = "## Parameters" + rest + "\n"
    n = 5_000_000 // len(chunk.encode()) + 1
    f = tmp_path_factory.mktemp("big") / "big.md"
    f.write_text(head + chunk * n, encoding="utf-8")
    assert f.stat().st_size > 5_000_000 > LARGE_PAGE_BYTES
    return f


def test_5mb_page_parses_with_only_a_warning(big_page):
    page = parse_file(big_page)
    assert codes(page) == [("RL007", Severity.WARNING, 1)]
    assert "5.0 MB" in page.problems[0].message
    assert page.name == "IFoo::Bar" and page.signature.name == "Bar"
    assert page.front.assetid == BAD_ID
    assert page.parameters[:2] and [p.name for p in page.parameters[:2]] == ["ulUIParam", "ulFlags"]
    assert not [p for p in page.problems if p.severity == Severity.ERROR]


# --------------------------------------------------------------------------------------------
# The command line: file:line messages, the run goes on, exit codes, no traceback

def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["parse", *args, "--no-cache", "--no-progress"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out and "Traceback" not in err
    return code, out, err


def problem_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln and not ln.startswith("reflingo:")]


def unclosed_fence(s: str) -> str:
    return s.replace("\n```\n\n## Parameters", "\n\n## Parameters")


def bad_yaml(s: str) -> str:
    return s.replace('description: "Describes the syntax and parameters of IFoo::Bar."',
                     "title: [unclosed")


def unclosed_front(s: str) -> str:
    return s.replace(f"ms.assetid: {BAD_ID}\n---\n", f"ms.assetid: {BAD_ID}\n")


BAD_CASES = {
    # name: (bytes of the bad page, code, line, whether the bad page still yields IFoo::Bar)
    "cp1252": (PAGE.encode("cp1252"), "RL001", 16, True),
    "binary": (PNG, "RL002", 3, False),
    "empty": (b"", "RL003", 1, False),
    "whitespace": (b"\n   \n", "RL003", 1, False),
    "no-front-matter": (BODY.encode(), "RL004", 2, True),
    "unclosed-front-matter": (unclosed_front(PAGE).encode(), "RL005", 1, True),
    "invalid-yaml": (bad_yaml(PAGE).encode(), "RL005", 3, True),
    "unclosed-fence": (unclosed_fence(PAGE).encode(), "RL006", 18, True),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_cli_reports_file_and_line_and_the_run_goes_on(case, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data, code, line, named = BAD_CASES[case]
    (tmp_path / "pages").mkdir()
    bad = tmp_path / "pages" / "a-bad.md"
    bad.write_bytes(data)
    (tmp_path / "pages" / "z-good.md").write_text(GOOD_PAGE, encoding="utf-8")
    status, out, err = run_cli(capsys, "pages")
    assert status == 1
    [msg] = problem_lines(err)
    where = f"pages/a-bad.md:{line}: error {code} "  # the path as the user gave it
    assert msg.startswith(where)
    assert len(msg) > len(where) + 10  # says what is wrong
    # The good page is still printed, and so is what could be read of the bad one.
    assert "IGood::Logoff  [method]" in out and "param ulFlags: ULONG [in]" in out
    assert ("IFoo::Bar  [method]" in out) is named
    if named and code != "RL006":  # past an unclosed fence the parameters are code
        assert "param ulUIParam: ULONG_PTR [in]" in out


def test_cli_json_output_lists_the_problems(tmp_path, capsys):
    (tmp_path / "bad.md").write_bytes(bad_yaml(PAGE).encode())
    (tmp_path / "good.md").write_text(GOOD_PAGE, encoding="utf-8")
    status, out, err = run_cli(capsys, str(tmp_path), "--format", "json")
    assert status == 1
    doc = json.loads(out)
    assert f"{tmp_path / 'bad.md'}:3: error RL005 " in err
    assert "RL005" in json.dumps(doc)


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_cli_bom_and_crlf_pages_are_clean(variant, tmp_path, capsys):
    data = PAGE.replace("\n", "\r\n").encode() if "crlf" in variant else PAGE.encode()
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    (tmp_path / "p.md").write_bytes(data)
    status, out, err = run_cli(capsys, str(tmp_path / "p.md"))
    assert status == 0
    assert problem_lines(err) == []
    assert "IFoo::Bar  [method]" in out and "param ulFlags: ULONG [in]" in out


def test_cli_5mb_page_is_a_warning_not_an_error(big_page, capsys):
    status, out, err = run_cli(capsys, str(big_page))
    assert status == 0
    assert problem_lines(err) == [f"{big_page}:1: warning RL007 very large page (5.0 MB); parsed in full"]
    assert "IFoo::Bar  [method]" in out


def test_cli_every_bad_page_in_one_run(tmp_path, capsys):
    for name, (data, *_rest) in BAD_CASES.items():
        (tmp_path / f"{name}.md").write_bytes(data.replace(BAD_ID.encode(), name.encode()))
    (tmp_path / "good.md").write_text(GOOD_PAGE, encoding="utf-8")
    status, out, err = run_cli(capsys, str(tmp_path))
    assert status == 1
    got = sorted(problem_lines(err))
    want = sorted(f"{tmp_path / name}.md:{line}: error {code}"
                  for name, (_, code, line, _named) in BAD_CASES.items())
    assert [g.split(" ", 3)[:3] for g in got] == [w.split(" ") for w in want]
    assert "IGood::Logoff  [method]" in out


def test_cli_nonexistent_path_is_a_usage_error(tmp_path, capsys):
    status, out, err = run_cli(capsys, str(tmp_path / "missing.md"))
    assert status == 2
    assert err.strip() == f"reflingo: error: {tmp_path / 'missing.md'}: no such file or directory"


def test_cli_nonexistent_path_next_to_a_good_one(tmp_path, capsys):
    (tmp_path / "good.md").write_text(GOOD_PAGE, encoding="utf-8")
    status, _, err = run_cli(capsys, str(tmp_path / "good.md"), str(tmp_path / "nope"))
    assert status == 2
    assert "nope: no such file or directory" in err


def test_cli_folder_without_pages_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    status, out, err = run_cli(capsys, str(tmp_path))
    assert status == 2
    assert err.strip() == "reflingo: error: no pages found (looked for *.md files)"


def test_cli_output_into_a_missing_folder_is_an_io_error(tmp_path, capsys):
    (tmp_path / "good.md").write_text(GOOD_PAGE, encoding="utf-8")
    status, _, err = run_cli(capsys, str(tmp_path / "good.md"), "-o", str(tmp_path / "no" / "out.txt"))
    assert status == 2
    assert err.startswith("reflingo: error: ") and "out.txt" in err


# --------------------------------------------------------------------------------------------
# An internal error while processing one group

def test_internal_error_in_one_group_is_reported_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    (tmp_path / "boom.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD_PAGE, encoding="utf-8")
    real = tasks.parse_group

    def parse_group(group):
        if any(s.path.endswith("boom.md") for s in group):
            raise ValueError("simulated parser bug")
        return real(group)

    monkeypatch.setattr(tasks, "parse_group", parse_group)
    status, out, err = run_cli(capsys, str(tmp_path), "-j", "1")
    assert status == 1
    assert problem_lines(err) == [f"{tmp_path / 'boom.md'}:1: error RL009 internal error while processing "
                                  "this page: ValueError: simulated parser bug"]
    assert "IGood::Logoff  [method]" in out and "IFoo::Bar" not in out


def _sources(tmp_path: Path, n: int) -> list[list[loader.SourceFile]]:
    for i in range(n):
        (tmp_path / f"p{i}.md").write_text(GOOD_PAGE.replace(GOOD_ID, f"id-{i}"), encoding="utf-8")
    groups = loader.partition(loader.discover([str(tmp_path)]))
    assert len(groups) == n
    return groups


def _fails_on_p3(group):
    if group[0].path.endswith("p3.md"):
        raise RuntimeError("bad group")
    return len(group)


def test_run_turns_a_task_exception_into_a_task_failure(tmp_path):
    groups = _sources(tmp_path, 5)
    results = pool.run(_fails_on_p3, groups, task_key="t", jobs=1)
    assert results[:3] == [1, 1, 1] and results[4] == 1
    failure = results[3]
    assert isinstance(failure, pool.TaskFailure)
    [f] = failure.findings()
    assert (f.code, f.severity, f.line) == ("RL009", Severity.ERROR, 1)
    assert f.path.endswith("p3.md") and "RuntimeError: bad group" in f.message


def _unpicklable_on_p3(group):
    if group[0].path.endswith("p3.md"):
        return lambda: None  # cannot be sent back from a worker process
    return len(group)


def test_run_finishes_in_process_when_a_worker_result_cannot_be_sent_back(tmp_path, caplog):
    groups = _sources(tmp_path, 10)  # 8 or more groups and 2 jobs: a process pool is used
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(_unpicklable_on_p3(groups[3]))
    with caplog.at_level("WARNING", logger="reflingo"):
        results = pool.run(_unpicklable_on_p3, groups, task_key="t", jobs=2)
    assert [r for i, r in enumerate(results) if i != 3] == [1] * 9
    assert callable(results[3])
    assert "worker processes failed" in caplog.text


def test_parse_file_raises_only_for_an_unreadable_file(tmp_path):
    with pytest.raises(OSError):
        parse_file(tmp_path / "missing.md")
    with pytest.raises(OSError):
        parse_file(tmp_path)
