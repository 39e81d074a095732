"""The one place that writes: reports to a file or stdout, and fixed pages atomically.

How a page is replaced (`fix --write`):

- a regular file: a temporary file beside it (`.<name>.<random>.tmp`) gets the new content, the
  file's mode, then is renamed over it: readers see the old or the new page, never half of one;
- a symbolic link: the link is kept and its target is replaced as above;
- a file with several hard links: rewritten in place, so that every name keeps seeing the same
  file (not atomic: a crash mid-write can leave it truncated, so the content is flushed first);
- on any error or interruption the temporary file is removed; one left by a killed run is
  removed by the next write to the same page once it is a minute old.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, TextIO

STALE_TEMP_SECONDS = 60


def write_output(text: str, output: str | None) -> None:
    """`text` and a newline to the file `output` (atomically), or to stdout."""
    write_chunks((text,), output)


def write_chunks(chunks: Iterable[str] | Iterable[bytes], output: str | None) -> None:
    """Pieces of text (str, or bytes in UTF-8), then a newline, to the file `output`
    (atomically, written as they come, never joined into one string), or to stdout.

    A report is not flushed to the disk before it replaces the file (a page is, by
    :func:`write_atomic`): a crash leaves the old report or the new one, and the command that
    made it can make it again."""
    if not output:
        _mixed(chunks, sys.stdout, sys.stdout.buffer)
        sys.stdout.write("\n")
        return
    target = Path(os.path.realpath(output))

    def fill(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", errors="backslashreplace")
        _mixed(chunks, text, fh)
        text.write("\n")
        text.flush()
        text.detach()

    try:
        info = os.stat(output)        # through links: /dev/stdout is the pipe or the terminal
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):      # /dev/stdout, a FIFO
        with open(output, "wb") as fh:
            fill(fh)
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    _replace(target, fill, mode, durable=False)


def _mixed(chunks: Iterable[str] | Iterable[bytes], text: TextIO, raw: BinaryIO) -> None:
    """Each chunk to `text` (a str) or to `raw`, the binary stream beneath it (bytes), in order."""
    pending = False
    for chunk in chunks:
        if isinstance(chunk, bytes):
            if pending:
                text.flush()
                pending = False
            raw.write(chunk)
        else:
            text.write(chunk)
            pending = True
    if pending:
        text.flush()


def write_atomic(path: str, data: bytes, *, create: bool = False) -> None:
    """Replace the file's content, keeping its mode, its links and its name (see the module's
    docstring). With `create`, a missing file is created (mode 0666 less the umask)."""
    target = Path(os.path.realpath(path))   # through a symbolic link to the file it names
    try:
        info = target.stat()
    except FileNotFoundError:
        if not create:
            raise
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):   # /dev/stdout, a FIFO
        with open(target, "wb") as fh:
            fh.write(data)
        return
    if info is not None and info.st_nlink > 1:
        _rewrite_in_place(target, data)
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    _remove_stale_temps(target)
    _replace(target, lambda fh: fh.write(data), mode)


def _replace(target: Path, fill: Callable[[BinaryIO], object], mode: int | None, *,
             durable: bool = True, opened: tuple[int, str] | None = None) -> None:
    """Write a temporary file beside `target` with `fill`, give it `mode`, rename it over
    `target`; on any failure (or interruption) remove the temporary file. `durable` flushes
    the content to disk first (a page rewritten in place; not the site's thousands of files,
    which a rebuild makes again). `opened` is a temporary file already created (descriptor,
    path); `mode` None leaves the mode it was created with."""
    fd, tmp = opened or tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _rewrite_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_stale_temps(target: Path) -> None:
    """Temporary files of this page left by a run that was killed (SIGKILL) before cleanup."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for stray in target.parent.glob(f".{target.name}.*.tmp"):
        try:
            if stray.is_file() and not stray.is_symlink() and stray.stat().st_mtime < cutoff:
                stray.unlink()
        except OSError:
            pass


class UnsafePathError(ValueError):
    """An output path that would leave the output folder."""


def inside(root: str | os.PathLike[str], relative: str,
           checked: dict[str, bool] | None = None) -> Path:
    """The file `relative` names under `root`, refused (UnsafePathError) when it is absolute,
    climbs with `..`, or passes through a symbolic link that leads out of `root`. `checked`
    remembers the folders already found inside (many files share a folder)."""
    return Path(_inside(os.path.realpath(root), relative, checked))


def _inside(base: str, relative: str, checked: dict[str, bool] | None) -> str:
    """:func:`inside` below `base`, a real path (no symbolic link, `.` or `..` in it)."""
    parts = relative.replace("\\", "/").split("/")
    if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts) \
            or ":" in parts[0] or "\x00" in relative:
        raise UnsafePathError(f"output path {relative!r} is not a plain relative path")
    target = os.path.join(base, *parts)
    folder = os.path.dirname(target)
    if checked is not None and checked.get(folder):
        real = os.path.realpath(target) if os.path.islink(target) else target
    else:
        real = os.path.realpath(target)
    if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
        raise UnsafePathError(f"output path {relative!r} leads out of {base}")
    if checked is not None and os.path.isdir(folder):
        checked[folder] = True
    return target


def write_tree(root: str | os.PathLike[str], files: Iterable[tuple[str, bytes]],
               checked: dict[str, bool] | None = None) -> list[str]:
    """Write each (relative path, bytes) under `root`, each file replaced atomically (readers of
    a served site see the old page or the new one; a file that is not there yet is written in
    place, see :func:`_create`); paths are checked with :func:`inside`. Files whose content is
    already that are left alone. Returns the paths written.

    `checked` remembers the folders found inside `root` from one call to the next (a build
    writes its pages in many calls, and they share a few folders)."""
    written = []
    checked = {} if checked is None else checked
    base = os.path.realpath(root)
    mode = 0o666 & ~_umask()
    for relative, data in files:
        target = _inside(base, relative, checked)
        try:
            there = os.stat(target).st_size
        except OSError:
            there = None
        if there == len(data) and Path(target).read_bytes() == data:
            continue
        folder = os.path.dirname(target)
        if not checked.get(folder):
            os.makedirs(folder, exist_ok=True)
            checked[folder] = True
        if os.path.islink(target):
            os.unlink(target)
        (_put if there is not None else _create)(target, data, mode)
        written.append(relative)
    return written


def _create(target: str, data: bytes, mode: int) -> None:
    """A file that is not there yet, written in place (half the file system's work of a
    temporary and a rename): no reader has an old page to keep, a failed write removes the
    file, and one left short by a crash differs from what the next build makes, which rewrites
    it. Where the file turns out to be there after all, it is replaced as usual."""
    fd = _create_new(target, mode)
    if fd is None:
        _put(target, data, mode)
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def _put(target: str, data: bytes, mode: int) -> None:
    """`data` into a temporary file beside `target`, renamed over it. The temporary is named
    after this process and created with `mode` (the umask's share of 0666): no random name, no
    chmod. Where that name is taken (by a run that was killed), a free one is picked."""
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    fd = _create_new(tmp, mode)
    _replace(Path(target), lambda fh: fh.write(data), mode if fd is None else None,
             durable=False, opened=None if fd is None else (fd, tmp))


def _create_new(path: str, mode: int) -> int | None:
    """A descriptor open for writing on `path`, created here with `mode`; None when the path
    is already taken."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                       mode)
    except FileExistsError:
        return None


def files_under(root: str | os.PathLike[str]) -> set[str]:
    """The regular files below `root`, as relative paths with `/`: one read of each folder,
    no call per file (symbolic links are not followed, and count only when they lead to a
    file)."""
    found: set[str] = set()
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    found.add(prefix + entry.name)
            except OSError:
                continue
    return found


def remove_tree_files(root: str | os.PathLike[str], relatives: Iterable[str]) -> int:
    """Remove files a previous build wrote that this one no longer makes (only those)."""
    removed = 0
    for relative in relatives:
        try:
            inside(root, relative).unlink()
            removed += 1
        except (OSError, UnsafePathError):
            pass
    return removed
