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
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from reflingo.corpus import item_groups
from reflingo.errors import InputError
from reflingo.model import Page
from reflingo.parse import locale_of_path, parse_bytes

_ASSETID = re.compile(rb"ms\.assetid:\s*['\"]?([0-9A-Za-z\-]+)")
_CONTENTLOCALE = re.compile(rb"ms\.contentlocale:\s*['\"]?([A-Za-z]{2,3}-[A-Za-z]{2,4})")
HEAD_BYTES = 4000
"""How far into a file its front matter fields are looked for."""
PAGE_SUFFIXES = (".md", ".markdown")


class SourceFile:
    """One input file: where it is, its locale, a hash of its bytes, and the bytes.

    A file found unchanged since an earlier run (see :func:`discover`'s `known`) is not read
    when found: its bytes are read when first asked for, and must still hash to
    :attr:`digest` (else :class:`~reflingo.errors.InputError`: the file changed during the
    run). Values: equal when their fields and bytes are; they cannot be changed."""

    __slots__ = ("path", "locale", "rel_path", "digest", "assetid", "_data")
    path: str
    """The file, as given or found under a folder."""
    locale: str | None
    """Its locale: the `--locale` root's tag, else `ms.contentlocale`, else a folder named like
    a tag; None when nothing tells (the page then reads as `und`)."""
    rel_path: str
    """Its path relative to the locale root (`outlook/mapi/imapisession-logoff.md`)."""
    digest: str
    """A hash of its bytes (part of the cache key)."""
    assetid: str | None
    """Its `ms.assetid` in lower case, or None."""

    def __init__(self, path: str, data: bytes | None, locale: str | None, rel_path: str,
                 digest: str, assetid: str | None | object = ...) -> None:
        if data is None and assetid is ...:
            raise ValueError("a file not read needs its assetid")
        if assetid is ...:
            found = front_field(data, b"ms.assetid:", _ASSETID)
            assetid = found.lower() if found else None
        for name, value in (("path", path), ("locale", locale), ("rel_path", rel_path),
                            ("digest", digest), ("assetid", assetid), ("_data", data)):
            object.__setattr__(self, name, value)

    @property
    def data(self) -> bytes:
        """Its bytes, as read."""
        data = self._data
        if data is None:
            try:
                data = read_file(self.path)
            except OSError as exc:
                raise InputError(f"{shown(self.path)}: cannot read: {exc.strerror or exc}") from exc
            if digest_of(data) != self.digest:
                raise InputError(f"{shown(self.path)}: changed while reflingo was reading the "
                                 f"inputs; run it again")
            object.__setattr__(self, "_data", data)
        return data

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a SourceFile cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a SourceFile cannot be changed ({name})")

    def _fields(self) -> tuple:
        return (self.path, self.locale, self.rel_path, self.digest, self.assetid)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return self._fields() == other._fields() and self.data == other.data

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"SourceFile(path={self.path!r}, locale={self.locale!r}, "
                f"rel_path={self.rel_path!r}, digest={self.digest!r})")

    def __reduce__(self) -> tuple:
        # The bytes travel when they were read; else the receiving process reads them.
        return (SourceFile, (self.path, self._data, self.locale, self.rel_path, self.digest,
                             self.assetid))


def digest_of(data: bytes) -> str:
    """The hash of a file's bytes that keys its results."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


RACY_SECONDS = 2
"""A file modified this recently when it is found is not remembered as unchanged: a change in
the same instant would not change its modification time."""


def discover(paths: Sequence[str], locale_roots: dict[str, str] | None = None,
             errors: list[str] | None = None, known: Mapping[str, list] | None = None,
             seen: dict[str, list] | None = None) -> list[SourceFile]:
    """Every page under `paths` (files or folders) and under each `--locale TAG=PATH` root.

    A path that cannot be read (missing, a FIFO or socket, a symlink loop, no permission)
    raises InputError; with an `errors` list, its message goes there and the rest is read.

    `known` holds what an earlier run found of each file (path -> :func:`file_facts`): a file
    whose size, modification and change times and inode are still those is not read now (its
    bytes are read if asked for). `seen` receives the facts of every file found this time,
    but for those modified in the last :data:`RACY_SECONDS`."""
    def fail(message: str) -> None:
        if errors is None:
            raise InputError(message)
        errors.append(message)

    found: list[tuple[str, str | None, str | None]] = []
    for tag, root in (locale_roots or {}).items():
        found.extend((f, tag, root) for f in _walk(str(root), fail))
    for p in paths:
        found.extend((f, None, None) for f in _walk(str(p), fail))
    out, seen_paths = [], set()
    racy = time.time_ns() - RACY_SECONDS * 10**9
    for f, tag, root in found:
        key = os.path.normpath(f)
        if key in seen_paths:
            continue
        seen_paths.add(key)
        signature: list[int] | None = None
        try:
            if known is not None or seen is not None:
                st = os.stat(f)
                signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
            entry = known.get(f) if known is not None else None
            facts = _facts(entry) if type(entry) is list and entry[:5] == signature else None
            if facts is not None:
                data = None
                digest, assetid, page_locale = facts
            else:
                data = read_file(f)
                digest, assetid, page_locale = digest_of(data), ..., contentlocale(data)
        except OSError as exc:
            fail(f"{shown(f)}: cannot read: {exc.strerror or exc}")
            continue
        source = _source(f, data, tag, root, digest, assetid, page_locale)
        out.append(source)
        if seen is not None and signature is not None and signature[1] < racy:
            seen[f] = signature + [digest, source.assetid, page_locale]
    return out


def _facts(entry: list) -> tuple[str, str | None, str | None] | None:
    """(digest, assetid, contentlocale) of a remembered file whose signature (its first five
    values) is the file's, or None when the entry is not of that shape."""
    if len(entry) != 8:
        return None
    digest, assetid, page_locale = entry[5:]
    if type(digest) is not str or not (assetid is None or type(assetid) is str) \
            or not (page_locale is None or type(page_locale) is str):
        return None
    return digest, assetid, page_locale


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


def _source(f: str, data: bytes | None, tag: str | None, root: str | None, digest: str,
            assetid: str | None | object, page_locale: str | None) -> SourceFile:
    if root is not None:
        rel = Path(f).relative_to(root).as_posix() if os.path.isdir(root) else os.path.basename(f)
        rel = rel[5:] if rel.startswith("docs/") else rel
    else:
        path_tag, rel = locale_of_path(f)
        tag = tag or page_locale or path_tag
    return SourceFile(path=f, data=data, locale=tag, rel_path=rel, digest=digest, assetid=assetid)


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
