"""The site's search index: Pagefind (the `pagefind[bin]` package ships its binary), one index
per `<html lang>` with that language's stemming.

Each locale's pages are indexed in a few shards (`pagefind/<locale>/<n>/`, the shard of a page
chosen by a hash of its path) that the search page merges: a rebuild re-indexes only the shards
whose pages changed. A shard is indexed from a staging folder of hard links to its pages (same
relative paths, so the URLs in the index are the site's), written beside the old bundle and
swapped in by renaming.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Mapping, Sequence

from reflingo.commands.writer import inside
from reflingo.render.site import search_bundle, shard_count, shard_of

log = logging.getLogger("reflingo")
SITE_PAGES = ("index.html", "status.html", "search.html")
"""A locale's own pages, which the index leaves out (it holds the item pages)."""


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


def shards(files: Mapping[str, str], locales: Sequence[str], items: int
           ) -> dict[str, tuple[str, list[str]]]:
    """Shard folder -> (digest of its pages' contents, its pages), for every locale."""
    count = shard_count(items)
    members: dict[str, list[str]] = {search_bundle(loc, n): [] for loc in locales
                                      for n in range(count)}
    for path in sorted(files):
        loc, _, rest = path.partition("/")
        if loc in locales and path.endswith(".html") and rest not in SITE_PAGES:
            members[search_bundle(loc, shard_of(path, count))].append(path)
    out = {}
    for bundle, paths in members.items():
        h = hashlib.blake2b(digest_size=12)
        for p in paths:
            h.update(f"{p}\t{files[p]}\n".encode("utf-8", "surrogatepass"))
        out[bundle] = (h.hexdigest(), paths)
    return out


Plan = tuple[dict[str, tuple[str, list[str]]], list[tuple[str, list[str]]]]
"""Every shard -> (digest, its pages), and the (shard, pages) to index."""


def plan(out: Path, files: Mapping[str, str], locales: Sequence[str], items: int,
         previous: Mapping[str, str]) -> Plan:
    """The shards, and those to index: whose pages changed since `previous` (shard -> digest)
    or whose bundle is missing."""
    wanted = shards(files, locales, items)
    todo = [(bundle, paths) for bundle, (digest, paths) in wanted.items()
            if paths and (previous.get(bundle) != digest or not (out / bundle).is_dir())]
    return wanted, todo


def index_site(out: Path, planned: Plan, jobs: int | None = None) -> dict[str, str] | None:
    """Index the shards `planned` (:func:`plan`) names; return the new shard -> digest, or None
    (with a warning) when Pagefind is missing or fails."""
    binary = pagefind_binary()
    if binary is None:
        log.warning("pagefind is not installed (pip install 'pagefind[bin]'): the site has no search")
        return None
    wanted, todo = planned
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        failed = [b for b, ok in zip(todo, pool.map(lambda t: _index(binary, out, *t), todo))
                  if not ok]
    if failed:
        return None
    for stale in sorted((out / "pagefind").glob("*/*")) if (out / "pagefind").is_dir() else ():
        if stale.relative_to(out).as_posix() not in wanted:
            shutil.rmtree(stale, ignore_errors=True)
    return {bundle: digest for bundle, (digest, paths) in wanted.items() if paths}


def _index(binary: str, out: Path, bundle: str, paths: list[str]) -> bool:
    target = inside(out, bundle)
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=out))
    fresh = target.with_name(target.name + ".new")
    try:
        for p in paths:
            link = stage / p
            link.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(inside(out, p), link)
            except OSError:
                shutil.copyfile(inside(out, p), link)
        shutil.rmtree(fresh, ignore_errors=True)
        done = subprocess.run([binary, "--site", str(stage), "--output-path", str(fresh),
                               "--silent"], capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            log.warning("pagefind failed on %s (exit %d): %s", bundle, done.returncode,
                        done.stderr.strip()[-2000:])
            return False
        old = target.with_name(target.name + ".old")
        if target.exists():
            os.replace(target, old)
        os.replace(fresh, target)
        shutil.rmtree(old, ignore_errors=True)
        return True
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)
