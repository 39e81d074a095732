"""The one place that writes: reports to a file or stdout, and fixed pages atomically."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path


def write_output(text: str, output: str | None) -> None:
    """`text` and a newline to the file `output` (atomically), or to stdout."""
    if output:
        write_atomic(output, (text + "\n").encode("utf-8"), create=True)
    else:
        sys.stdout.write(text + "\n")


def write_atomic(path: str, data: bytes, *, create: bool = False) -> None:
    """Replace the file's content: write a temporary file next to it, keep the file's mode,
    then rename it over the file. On any failure the file is untouched and no temporary file
    is left behind. With `create`, a missing file is created (mode 0644 less the umask)."""
    target = Path(path)
    if target.exists() and not target.is_file():   # /dev/stdout, a FIFO: write straight into it
        with open(target, "wb") as fh:
            fh.write(data)
        return
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        if not create:
            raise
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
