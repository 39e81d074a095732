"""Applying fixes: right to left on a line, overlaps skipped, encodings and line ends kept,
files replaced atomically."""

from __future__ import annotations


import pytest

from reflingo.findings import Category, Finding, Fix, Severity, at
from reflingo.fixes import CannotFix, apply_fixes, fix_file, unified_diff


def fx(line: int, column: int, old: str, new: str, code: str = "RL201") -> Finding:
    return Finding(code=code, category=Category.IDENTIFIER, severity=Severity.ERROR,
                   locale="es-ES", span=at("p.md", line), column=column, message="m",
                   fix=Fix(line=line, column=column, old=old, new=new))


def test_fixes_on_one_line_apply_right_to_left():
    text, applied, skipped = apply_fixes("> a Foo:: Bar and Baz:: Qux\n",
                                         [fx(1, 3, "a", "[in]"), fx(1, 5, "Foo:: Bar", "Foo::Bar"),
                                          fx(1, 19, "Baz:: Qux", "Baz::Qux")])
    assert text == "> [in] Foo::Bar and Baz::Qux\n"
    assert (len(applied), skipped) == (3, [])


def test_overlapping_fix_is_skipped():
    wide, narrow = fx(1, 1, "IMAPISession:: Logoff", "IMAPISession::Logoff"), fx(1, 13, ":: L", "::L")
    text, applied, skipped = apply_fixes("IMAPISession:: Logoff\n", [wide, narrow])
    assert text == "IMAPISession::Logoff\n"
    assert applied == [narrow]
    assert skipped == [(wide, "'IMAPISession:: Logoff' is no longer at line 1, column 1 "
                              "(another fix changed it)")]


def test_same_fix_twice_is_made_once():
    text, applied, skipped = apply_fixes("a b\n", [fx(1, 1, "a", "[in]"), fx(1, 1, "a", "[in]")])
    assert (text, len(applied), skipped) == ("[in] b\n", 2, [])


def test_fix_whose_text_is_not_there_is_skipped():
    stale, outside = fx(2, 1, "x", "y"), fx(9, 1, "a", "b")
    text, applied, skipped = apply_fixes("a\nb\n", [stale, outside])
    assert text == "a\nb\n" and applied == []
    assert [reason for _, reason in skipped] == [
        "'x' is no longer at line 2, column 1 (another fix changed it)",
        "line 9, column 1 is not in the file"]


def test_line_endings_and_byte_order_mark_are_kept():
    data = "\ufeffa x\r\nb x\r\nc".encode("utf-8")
    result = fix_file("p.md", data, [fx(1, 3, "x", "y"), fx(3, 1, "c", "z")])
    assert result.after == "\ufeffa y\r\nb x\r\nz".encode("utf-8")
    assert result.changed


def test_file_not_in_utf8_is_not_fixed():
    with pytest.raises(CannotFix, match="not valid UTF-8"):
        fix_file("p.md", "Rückgabewert".encode("cp1252"), [fx(1, 1, "R", "r")])
    with pytest.raises(CannotFix, match="UTF-16"):
        fix_file("p.md", "x".encode("utf-16"), [fx(1, 1, "x", "y")])


def test_unified_diff_has_git_prefixes():
    diff = unified_diff("content/es-ES/p.md", b"a\nb\n", b"a\nc\n")
    assert diff == ("--- a/content/es-ES/p.md\n+++ b/content/es-ES/p.md\n@@ -1,2 +1,2 @@\n"
                    " a\n-b\n+c\n")


def test_unified_diff_marks_a_missing_final_newline():
    assert unified_diff("p.md", b"a", b"b").endswith(
        "-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n")
