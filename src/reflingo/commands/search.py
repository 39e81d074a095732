"""The site's search index: Pagefind (the `pagefind[bin]` package ships its binary) indexes the
built pages, one index per `<html lang>` with that language's stemming, into `pagefind/`."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger("reflingo")
BUNDLE = "pagefind"
"""The folder of the search bundle in the site."""


def pagefind_binary() -> str | None:
    """The Pagefind executable: $REFLINGO_PAGEFIND, the one `pagefind_bin` ships, else on PATH."""
    env = os.environ.get("REFLINGO_PAGEFIND")
    if env:
        return env
    spec = importlib.util.find_spec("pagefind_bin")
    if spec and spec.origin:
        shipped = Path(spec.origin).with_name("pagefind")
        if shipped.is_file():
            return str(shipped)
    return shutil.which("pagefind")


def index_site(out: Path, quiet: bool = False) -> bool:
    """Index the site in `out`; False (with a warning) when Pagefind is missing or fails."""
    binary = pagefind_binary()
    if binary is None:
        log.warning("pagefind is not installed (pip install 'pagefind[bin]'): the site has no search")
        return False
    done = subprocess.run([binary, "--site", str(out), "--output-subdir", BUNDLE, "--silent"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        log.warning("pagefind failed (exit %d): %s", done.returncode, done.stderr.strip()[-2000:])
        return False
    return True
