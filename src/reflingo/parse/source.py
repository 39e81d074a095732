"""Read a page's bytes into text, turning every decoding problem into a finding.

Only an unreadable file (missing, a directory, no permission) raises; everything else is
decoded as well as possible and reported.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass

from reflingo.findings import Category, Finding, Severity
from reflingo.parse.problems import problem

LARGE_PAGE_BYTES = 1_000_000
"""Pages above this size are parsed but reported: reference pages are a few kB."""
MAX_PAGE_BYTES = 10_000_000
"""Pages above this size are reported and not parsed (as a binary file is not): parsing takes
memory and time in proportion to the page, many times its size. The largest page of the shared
corpus has 153 kB."""

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class SourceText:
    """A page's text and what went wrong reading it."""

    text: str
    problems: tuple[Finding, ...]
    binary: bool = False


def decode(data: bytes, path: str) -> SourceText:
    """Decode a page's bytes; report a BOM-less non-UTF-8 file, a binary file, an empty one, a
    very large one (one over :data:`MAX_PAGE_BYTES` is not decoded)."""
    if len(data) > MAX_PAGE_BYTES:
        return SourceText("", (problem(
            "RL007", Category.FORMATTING, Severity.WARNING, path, 1,
            f"very large page ({len(data) / 1e6:.1f} MB); over the {MAX_PAGE_BYTES / 1e6:.0f} MB "
            "limit, skipped"),))
    problems: list[Finding] = []
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if not data.strip():
        problems.append(problem("RL003", Category.FORMATTING, Severity.ERROR, path, 1,
                                "empty file: no front matter and no content"))
        return SourceText("", tuple(problems))
    utf16 = _utf16(data)
    if utf16 is not None:
        text, enc = utf16
        problems.append(problem(
            "RL001", Category.ENCODING, Severity.ERROR, path, 1,
            f"not UTF-8: the file is {enc} (byte order mark); decoded as {enc}, "
            "re-save the file as UTF-8", column=1))
    elif b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        nul = data.find(b"\x00", 0, 8192)
        line = data.count(b"\n", 0, nul) + 1 if nul >= 0 else 1
        where = f"NUL byte on line {line}" if nul >= 0 else "control bytes"
        problems.append(problem("RL002", Category.ENCODING, Severity.ERROR, path, line,
                                f"binary file: not a Markdown page ({where}); skipped"))
        return SourceText("", tuple(problems), binary=True)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text, message = _decode_mixed(data, exc)
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            problems.append(problem("RL001", Category.ENCODING, Severity.ERROR, path, line,
                                    message, column=col))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(data) > LARGE_PAGE_BYTES:
        problems.append(problem("RL007", Category.FORMATTING, Severity.WARNING, path, 1,
                                f"very large page ({len(data) / 1e6:.1f} MB); parsed in full"))
    return SourceText(text, tuple(problems))


def _utf16(data: bytes) -> tuple[str, str] | None:
    """A file saved as "Unicode" by Windows tools: UTF-16 with a byte order mark."""
    for bom, enc in ((b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE")):
        if data.startswith(bom) and len(data) % 2 == 0:
            try:
                return data[2:].decode(enc.lower().replace("utf-", "utf_")), enc
            except UnicodeDecodeError:
                return None
    return None


# Each byte as cp1252 reads it; the five bytes cp1252 leaves undefined as latin-1 reads them.
_CP1252 = tuple(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))
_BAD = threading.local()


def _cp1252_errors(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - only used for decoding
        raise exc
    _BAD.count = getattr(_BAD, "count", 0) + (exc.end - exc.start)
    return "".join(_CP1252[b] for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("reflingo.cp1252", _cp1252_errors)


def _decode_mixed(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str]:
    """Decode valid UTF-8 as UTF-8 and every invalid byte as cp1252: a cp1252 file reads as
    cp1252, and a UTF-8 file with a few stray bytes keeps all its other characters."""
    _BAD.count = 0
    text = data.decode("utf-8", "reflingo.cp1252")
    bad = _BAD.count
    non_ascii = sum(1 for c in text if ord(c) > 127)
    how = "decoded as cp1252" if bad >= non_ascii else \
        "decoded as UTF-8 with the invalid bytes read as cp1252"
    more = f" ({bad} invalid bytes in all)" if bad > 1 else ""
    return text, (f"not valid UTF-8: byte 0x{data[exc.start]:02x} ({_CP1252[data[exc.start]]!r} in "
                  f"cp1252) is the first invalid byte{more}; {how}, re-save the file as UTF-8")


def _looks_binary(head: bytes) -> bool:
    """Control bytes other than tab/newline/CR/FF in more than 1% of the head."""
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls > max(2, len(head) // 100)


#: Control bytes other than tab, newline, form feed and carriage return.
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
