"""Apply the safe fixes that findings carry and show them as a diff (pure: no file I/O).

A fix replaces the exact text `old` at a 1-based line and column (columns as the parser read
the line: no byte order mark, no line ending). Fixes are applied right to left on each line,
so applying one never moves the columns of those still to apply; a fix whose `old` text is
no longer at its column (another fix changed it) is skipped and reported.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from reflingo.findings import Finding
from reflingo.parse.source import UTF8_BOM

_LINE = re.compile(r"(\r\n|\r|\n)")


class CannotFix(Exception):
    """The file cannot be fixed safely (not UTF-8, changed since it was read)."""


@dataclass(frozen=True, slots=True)
class FileFix:
    """The outcome of fixing one file."""

    path: str
    before: bytes
    after: bytes
    applied: tuple[Finding, ...]
    skipped: tuple[tuple[Finding, str], ...]
    """Findings whose fix was not applied, with the reason."""

    @property
    def changed(self) -> bool:
        return self.after != self.before


def fix_file(path: str, data: bytes, findings: Iterable[Finding]) -> FileFix:
    """Apply the fixes of `findings` (all on the file `path`, read as `data`)."""
    findings = [f for f in findings if f.fix is not None]
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise CannotFix("not UTF-8 (UTF-16); fixes are not applied")
    bom = UTF8_BOM if data.startswith(UTF8_BOM) else b""
    try:
        text = data[len(bom):].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CannotFix("not valid UTF-8; fixes are not applied") from exc
    new_text, applied, skipped = apply_fixes(text, findings)
    return FileFix(path=path, before=data, after=bom + new_text.encode("utf-8"),
                   applied=tuple(applied), skipped=tuple(skipped))


def apply_fixes(text: str, findings: Sequence[Finding]) -> tuple[str, list[Finding], list[tuple[Finding, str]]]:
    """`text` with the findings' fixes applied; the findings applied and those skipped."""
    parts = _LINE.split(text)  # line, ending, line, ending, ..., last line
    applied: list[Finding] = []
    skipped: list[tuple[Finding, str]] = []
    done: set[tuple[int, int, str, str]] = set()
    # A fix of several pieces is applied all or none: each piece is checked on the text as read.
    whole = [f for f in findings if not f.fix.also or
             all(_problem(parts, piece) is None for piece in f.fix.pieces())]
    skipped.extend((f, "the page changed where this fix applies") for f in findings
                   if f.fix.also and f not in whole)
    pieces = sorted(((piece, f) for f in whole for piece in f.fix.pieces()),
                    key=lambda pf: (pf[0].line, -pf[0].column))
    failed: set[int] = set()
    for fx, f in pieces:
        if id(f) in failed:
            continue
        key = (fx.line, fx.column, fx.old, fx.new)
        if key in done:  # the same replacement asked twice: already made
            continue
        problem = _problem(parts, fx)
        if problem is not None:
            failed.add(id(f))
            skipped.append((f, problem))
            continue
        index, start = 2 * (fx.line - 1), fx.column - 1
        line = parts[index]
        parts[index] = line[:start] + fx.new + line[start + len(fx.old):]
        done.add(key)
    applied.extend(f for f in whole if id(f) not in failed)
    return "".join(parts), applied, skipped


def _problem(parts: list[str], fx) -> str | None:
    """Why a replacement cannot be made on the split text, or None when it can."""
    index = 2 * (fx.line - 1)
    if not 0 <= index < len(parts) or fx.column < 1 or "\n" in fx.old or "\r" in fx.old:
        return f"line {fx.line}, column {fx.column} is not in the file"
    start = fx.column - 1
    if parts[index][start:start + len(fx.old)] != fx.old:
        return (f"{_short(fx.old)!r} is no longer at line {fx.line}, column {fx.column} "
                f"(another fix changed it)")
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A `diff -u` of the change, with git's a/ b/ prefixes."""
    name = Path(path).as_posix().lstrip("/")
    old, new = _diff_lines(before), _diff_lines(after)
    return "".join(difflib.unified_diff(old, new, fromfile=f"a/{name}", tofile=f"b/{name}"))


def _diff_lines(data: bytes) -> list[str]:
    parts = _LINE.split(data.decode("utf-8", "replace"))
    lines = [a + b for a, b in zip(parts[::2], parts[1::2] + [""])]
    if lines and not lines[-1]:
        lines.pop()
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
