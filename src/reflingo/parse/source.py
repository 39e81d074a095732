"""Read a page's bytes into text, turning every decoding problem into a finding.

Only an unreadable file (missing, a directory, no permission) raises; everything else is
decoded as well as possible and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from reflingo.findings import Category, Finding, Severity

LARGE_PAGE_BYTES = 1_000_000
"""Pages above this size are parsed but reported: reference pages are a few kB."""

_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A page's text and what went wrong reading it."""

    text: str
    problems: tuple[Finding, ...]
    binary: bool = False


def problem(code: str, category: Category, severity: Severity, path: str, line: int,
            message: str, *, locale: str = "", column: int | None = None) -> Finding:
    """A finding raised while reading or parsing a page (item and fix unknown)."""
    return Finding(code=code, category=category, severity=severity, locale=locale, path=path,
                   line=line, column=column, message=message)


def decode(data: bytes, path: str) -> SourceText:
    """Decode a page's bytes; report a BOM-less non-UTF-8 file, a binary file, an empty one."""
    problems: list[Finding] = []
    if not data.strip():
        problems.append(problem("RL003", Category.FORMATTING, Severity.ERROR, path, 1,
                                "empty file: no front matter and no content"))
        return SourceText(data.decode("utf-8", "replace"), tuple(problems))
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        nul = data.find(b"\x00")
        line = data.count(b"\n", 0, nul) + 1 if nul >= 0 else 1
        problems.append(problem("RL002", Category.ENCODING, Severity.ERROR, path, line,
                                "binary file: not a Markdown page (NUL or control bytes); skipped"))
        return SourceText("", tuple(problems), binary=True)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        text, used = _decode_fallback(data)
        problems.append(problem(
            "RL001", Category.ENCODING, Severity.ERROR, path, line,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); decoded as {used}, "
            "re-save the file as UTF-8", column=col))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(data) > LARGE_PAGE_BYTES:
        problems.append(problem("RL007", Category.FORMATTING, Severity.WARNING, path, 1,
                                f"very large page ({len(data) / 1e6:.1f} MB); parsed in full"))
    return SourceText(text, tuple(problems))


def _decode_fallback(data: bytes) -> tuple[str, str]:
    for enc in _FALLBACK_ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace"), "utf-8 with replacement"  # pragma: no cover


def _looks_binary(head: bytes) -> bool:
    """Control bytes other than tab/newline/CR/FF in more than 1% of the head."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(head) // 100)
