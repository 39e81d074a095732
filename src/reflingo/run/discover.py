"""Find the pages, read them, decide each one's locale, and partition them by API item.

The unit of work is an *item group*: all locales' pages of one API item (see
:func:`reflingo.corpus.item_groups`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from reflingo.corpus import item_groups
from reflingo.errors import InputError
from reflingo.model import Page
from reflingo.parse import locale_of_path, parse_bytes

_ASSETID = re.compile(rb"ms\.assetid:\s*['\"]?([0-9A-Za-z\-]+)")
_CONTENTLOCALE = re.compile(rb"ms\.contentlocale:\s*['\"]?([A-Za-z]{2,3}-[A-Za-z]{2,4})")
HEAD_BYTES = 4000
"""How far into a file its front matter fields are looked for."""
PAGE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One input file: its bytes, where it is, and its locale."""

    path: str
    """The file, as given or found under a folder."""
    data: bytes
    """Its bytes, as read."""
    locale: str | None
    """Its locale: the `--locale` root's tag, else `ms.contentlocale`, else a folder named like
    a tag; None when nothing tells (the page then reads as `und`)."""
    rel_path: str
    """Its path relative to the locale root (`outlook/mapi/imapisession-logoff.md`)."""
    digest: str
    """A hash of `data` (part of the cache key)."""

    @property
    def assetid(self) -> str | None:
        found = front_field(self.data, b"ms.assetid:", _ASSETID)
        return found.lower() if found else None


def discover(paths: Sequence[str], locale_roots: dict[str, str] | None = None,
             errors: list[str] | None = None) -> list[SourceFile]:
    """Every page under `paths` (files or folders) and under each `--locale TAG=PATH` root.

    A path that cannot be read (missing, a FIFO or socket, a symlink loop, no permission)
    raises InputError; with an `errors` list, its message goes there and the rest is read."""
    def fail(message: str) -> None:
        if errors is None:
            raise InputError(message)
        errors.append(message)

    found: list[tuple[str, str | None, str | None]] = []
    for tag, root in (locale_roots or {}).items():
        found.extend((f, tag, root) for f in _walk(str(root), fail))
    for p in paths:
        found.extend((f, None, None) for f in _walk(str(p), fail))
    out, seen = [], set()
    for f, tag, root in found:
        key = os.path.normpath(f)
        if key in seen:
            continue
        seen.add(key)
        try:
            data = read_file(f)
        except OSError as exc:
            fail(f"{shown(f)}: cannot read: {exc.strerror or exc}")
            continue
        out.append(_source(f, data, tag, root))
    return out


def read_file(path: str) -> bytes:
    """The bytes of a file, read with a system call or two: a corpus is thousands of small
    files, and a buffered file object for each costs more than reading it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) != size:       # a short read, or the file grew since: read on to its end
            data += _read_rest(fd)
        return data
    finally:
        os.close(fd)


def _read_rest(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _walk(path: str, fail: Callable[[str], None]) -> Iterator[str]:
    """The page files a path names: itself when it is a file, else the pages below it, in
    the order of their path components."""
    try:
        st = os.stat(path)
    except OSError as exc:
        what = "symbolic link loop" if exc.errno == errno.ELOOP else \
            "no such file or directory" if exc.errno == errno.ENOENT else exc.strerror or str(exc)
        fail(f"{shown(path)}: {what}")
        return
    if stat.S_ISREG(st.st_mode):
        yield path
    elif stat.S_ISDIR(st.st_mode):
        pages = list(_pages_below(path.rstrip(os.sep) or os.sep, {(st.st_dev, st.st_ino)}))
        yield from sorted(pages, key=lambda p: p.split(os.sep))
    else:
        mode = st.st_mode
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else \
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
        fail(f"{shown(path)}: {kind}, not a page or a folder of pages; skipped")


def _pages_below(folder: str, seen: set[tuple[int, int]]) -> Iterator[str]:
    """The page files below a folder (symbolic links followed, each folder read once)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                st = entry.stat()
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    yield from _pages_below(entry.path, seen)
            elif entry.name.lower().endswith(PAGE_SUFFIXES) and entry.is_file():
                yield entry.path
        except OSError:
            continue


def shown(path: str) -> str:
    """A path fit to print: bytes that are not UTF-8 in a file name shown as `\\xNN`."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _source(f: str, data: bytes, tag: str | None, root: str | None) -> SourceFile:
    if root is not None:
        rel = Path(f).relative_to(root).as_posix() if os.path.isdir(root) else os.path.basename(f)
        rel = rel[5:] if rel.startswith("docs/") else rel
    else:
        path_tag, rel = locale_of_path(f)
        tag = tag or contentlocale(data) or path_tag
    return SourceFile(path=f, data=data, locale=tag, rel_path=rel,
                      digest=hashlib.blake2b(data, digest_size=16).hexdigest())


def contentlocale(data: bytes) -> str | None:
    """The `ms.contentlocale` of a page's front matter, read from its first bytes."""
    return front_field(data, b"ms.contentlocale:", _CONTENTLOCALE)


def front_field(data: bytes, key: bytes, pattern: re.Pattern[bytes]) -> str | None:
    """The value `pattern` reads on the first line of the file's head that starts with `key`
    and matches it (a byte search for the key, then one match: no scan of every position)."""
    at = 0 if data.startswith(key) else data.find(b"\n" + key, 0, HEAD_BYTES) + 1 or -1
    while at >= 0:
        m = pattern.match(data, at, HEAD_BYTES)
        if m:
            return m.group(1).decode()
        at = data.find(b"\n" + key, at, HEAD_BYTES) + 1 or -1
    return None


def partition(sources: Iterable[SourceFile]) -> list[list[SourceFile]]:
    """Group files of one API item (:func:`reflingo.corpus.item_groups`), in key order."""
    groups = item_groups(sources, lambda s: s.assetid, lambda s: s.rel_path)
    return [groups[k] for k in sorted(groups)]


def parse_group(group: Sequence[SourceFile]) -> list[Page]:
    """Parse every page of a group; a file that cannot be decoded still yields a page."""
    return [parse_bytes(s.data, s.path, locale=s.locale, rel_path=s.rel_path) for s in group]


TOC_NAMES = ("toc.yml", "toc.yaml")


def find_tocs(paths: Sequence[str], locale_roots: dict[str, str] | None = None
              ) -> list[tuple[str, str, str]]:
    """The tables of contents under `paths` and the `--locale` roots: (locale, file, base), the
    base being the TOC's folder relative to the locale root. A TOC whose locale is unknown is
    left out."""
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    roots = [(Path(root), tag) for tag, root in (locale_roots or {}).items()]
    roots += [(Path(p), None) for p in paths]
    for root, tag in roots:
        if not root.is_dir():
            continue
        tocs = [Path(folder, name) for folder, _dirs, names in os.walk(root) for name in names
                if name.lower() in TOC_NAMES]
        for f in sorted(tocs, key=lambda p: p.parts):
            if not f.is_file() or str(f) in seen:
                continue
            seen.add(str(f))
            if tag is not None:
                rel = f.relative_to(root).as_posix()
                rel = rel[5:] if rel.startswith("docs/") else rel
                locale = tag
            else:
                locale, rel = locale_of_path(str(f))
            if locale:
                found.append((locale, str(f), posixpath.dirname(rel)))
    return found
