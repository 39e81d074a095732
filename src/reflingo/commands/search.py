"""The site's search index: Pagefind (the `pagefind[bin]` package ships its binary), one index
per `<html lang>` with that language's stemming.

Each locale's pages are indexed in a few shards (`pagefind/<locale>/<n>/`, the shard of a page
chosen by a hash of its path) that the search page merges: a rebuild re-indexes only the shards
whose pages changed. A shard is indexed from a staging folder that holds the part of each of its
pages that Pagefind indexes (same relative paths, so the URLs in the index are the site's),
written beside the old bundle and swapped in by renaming.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from reflingo.commands.writer import inside
from reflingo.render.site import PAGEFIND, bundle_locale, search_bundle, shard_count, shard_of

log = logging.getLogger("reflingo")
SITE_PAGES = ("index.html", "status.html", "search.html")
"""A locale's own pages, which the index leaves out (it holds the item pages)."""
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
            "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
            "pagefind-highlight.js")
"""The search interfaces Pagefind writes into every bundle (the first is the one the search page
loads): the page loads them from a locale's first shard only (the others are merged into it
through their index, metadata and wasm), so they are removed from the other shards (about
0.4 MB a shard)."""


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


def shards(files: Mapping[str, str], locales: Sequence[str], terms: Sequence[str] = ()
           ) -> dict[str, tuple[str, list[str]]]:
    """Shard folder -> (digest of its pages' contents and of the `terms`, its pages), for the
    shards that hold pages, by locale and shard number. A locale has as many shards as its own
    count of item pages calls for (:func:`reflingo.render.site.shard_count`): a locale with few
    translated pages has few shards, none of them empty."""
    pages: dict[str, list[str]] = {loc: [] for loc in locales}
    for path in sorted(files):
        loc, _, rest = path.partition("/")
        if loc in pages and path.endswith(".html") and rest not in SITE_PAGES:
            pages[loc].append(path)
    known = hashlib.blake2b("\n".join(terms).encode("utf-8", "surrogatepass"), digest_size=12)
    out = {}
    for loc, paths in pages.items():
        count = shard_count(len(paths))
        members: list[list[str]] = [[] for _ in range(count)]
        for path in paths:
            members[shard_of(path, count)].append(path)
        for n, shard in enumerate(members):
            if shard:
                h = known.copy()
                for p in shard:
                    h.update(f"{p}\t{files[p]}\n".encode("utf-8", "surrogatepass"))
                out[search_bundle(loc, n)] = (h.hexdigest(), shard)
    return out


def bundles_by_locale(wanted: Mapping[str, object]) -> dict[str, list[str]]:
    """Locale -> its shards' folders, in order (:func:`shards` gives them so): the search page
    loads the first and merges the others into it."""
    out: dict[str, list[str]] = {}
    for bundle in wanted:
        out.setdefault(bundle_locale(bundle), []).append(bundle)
    return out


def first_shards(wanted: Mapping[str, object]) -> set[str]:
    """Each locale's first shard, the one whose search interface the search page loads."""
    return {bundles[0] for bundles in bundles_by_locale(wanted).values()}


class Plan(NamedTuple):
    """What :func:`index_site` indexes."""

    shards: dict[str, tuple[str, list[str]]]
    """Every shard -> (digest, its pages)."""
    todo: list[tuple[str, list[str]]]
    """The (shard, pages) to index."""
    terms: Sequence[str] = ()
    """The identifiers every shard knows (:data:`TERMS`)."""


def plan(out: Path, files: Mapping[str, str], locales: Sequence[str],
         previous: Mapping[str, str], terms: Sequence[str] = ()) -> Plan:
    """The shards, and those to index: whose pages or `terms` changed since `previous` (shard
    -> digest), whose bundle is missing, or a locale's first shard without the search interface
    (the shard that was first before it held no page)."""
    wanted = shards(files, locales, terms)
    first = first_shards(wanted)
    todo = [(bundle, paths) for bundle, (digest, paths) in wanted.items()
            if previous.get(bundle) != digest or not (out / bundle).is_dir()
            or (bundle in first and not (out / bundle / UI_FILES[0]).is_file())]
    return Plan(wanted, todo, tuple(terms))


TERMS = "_terms"
"""The folder, in a shard's staging folder only, of the page that holds every API name of the
site. Pagefind answers a word that its index lacks with the words that start with a shorter
part of it (`GetProviderTable` with every `get...`), and each shard answers so where the
shard holding the word's pages ranks them: a search for an API name would list unrelated pages
first. With every name in every shard's index, a shard without the item's pages matches only
this page, which the search page leaves out (the site's pages carry the filter
:data:`reflingo.render.site.shards.LISTED` that the search page selects; this one does not)."""


def terms_page(locale: str, terms: Sequence[str]) -> bytes:
    """The page of :data:`TERMS` for a shard of `locale`."""
    words = " ".join(html.escape(t) for t in terms)
    return (f'<!doctype html><html lang="{html.escape(locale)}"><head><meta charset="utf-8">'
            f"</head><body><article data-pagefind-body><p>{words}</p></article></body></html>"
            ).encode("utf-8", "surrogatepass")


_LANG = re.compile(rb'<html lang="([^"<>]*)"')
_BODY = re.compile(rb"<([a-z][a-z0-9]*)\s[^<>]*?\bdata-pagefind-body\b")
"""The tag of the indexed element (page text cannot make one: it reaches the page escaped, or
through the allow-list, which has no `data-pagefind-body`)."""


def indexed_part(page: bytes) -> bytes | None:
    """The page as Pagefind reads it: its `<html lang>` and the one element it indexes (the
    element with `data-pagefind-body`, the item's article), without the frame around it (the
    sidebar, the header, the language switcher), which Pagefind would parse only to leave out.
    None when the page has no such element (it is then indexed as it is)."""
    body = _BODY.search(page)
    lang = _LANG.search(page, 0, body.start()) if body else None
    if body is None or lang is None:
        return None
    close = b"</" + body.group(1) + b">"
    end = page.rfind(close)
    if end < body.end():
        return None
    return (b'<!doctype html><html lang="' + lang.group(1) + b'"><head><meta charset="utf-8">'
            b"</head><body>" + page[body.start():end + len(close)] + b"</body></html>")


class Indexing:
    """The shards `planned` (:func:`plan`) names being indexed: each shard's pages are staged
    by the thread that starts the indexing, then Pagefind runs on them in a pool of threads
    while the next shard is staged and, once all are, while that thread goes on (it draws the
    site-wide pages). The staging is not left to the pool's threads: they would wait on the
    drawing for the interpreter's lock between any two files they read or write (a shard's 150
    pages took 0.2 to 0.3 s so, 20 ms here)."""

    def __init__(self, out: Path, planned: Plan, jobs: int | None = None) -> None:
        self.out, self.planned = out, planned
        self.binary = pagefind_binary()
        self.runs: list = []
        if self.binary is None:
            log.warning("pagefind is not installed (pip install 'pagefind[bin]'): the site has "
                        "no search")
            return
        first = first_shards(planned.shards)
        self.pool = ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1)
        try:
            for bundle, paths in planned.todo:
                folder = stage(out, paths, planned.terms, bundle_locale(bundle))
                self.runs.append(self.pool.submit(_index, self.binary, out, bundle, folder,
                                                  bundle in first))
        finally:
            self.pool.shutdown(wait=False)      # the submitted runs still go to their end

    def result(self) -> dict[str, str] | None:
        """The new shard -> digest once every run has ended, or None (with a warning) when
        Pagefind is missing or failed."""
        if self.binary is None or not all([run.result() for run in self.runs]):
            return None
        out, wanted = self.out, self.planned.shards
        for stale in sorted((out / PAGEFIND).glob("*/*")) if (out / PAGEFIND).is_dir() else ():
            if stale.relative_to(out).as_posix() not in wanted:
                shutil.rmtree(stale, ignore_errors=True)
        return {bundle: digest for bundle, (digest, _paths) in wanted.items()}


def index_site(out: Path, planned: Plan, jobs: int | None = None) -> dict[str, str] | None:
    """Index the shards `planned` (:func:`plan`) names (:class:`Indexing`) and wait for them."""
    return Indexing(out, planned, jobs).result()


def stage(out: Path, paths: Sequence[str], terms: Sequence[str] = (), locale: str = "") -> Path:
    """A staging folder inside `out` with the part of each of the pages (paths in `out`) that
    Pagefind reads, and the page of `terms` in `locale` when there are terms."""
    folder = Path(tempfile.mkdtemp(prefix=".stage-", dir=out))
    try:
        made: set[Path] = set()
        for p in paths:
            copy = folder / p
            if copy.parent not in made:
                copy.parent.mkdir(parents=True, exist_ok=True)
                made.add(copy.parent)
            try:
                page = inside(out, p).read_bytes()
            except OSError as exc:    # gone from the output since it was written: not indexed
                log.warning("%s: not indexed for search: %s", p, exc.strerror or exc)
                continue
            copy.write_bytes(indexed_part(page) or page)
        if terms:
            (folder / TERMS).mkdir()
            (folder / TERMS / "index.html").write_bytes(terms_page(locale, terms))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _index(binary: str, out: Path, bundle: str, staged: Path, interface: bool) -> bool:
    """Index one shard's staging folder into its bundle; `interface`: keep the search
    interface's files (the locale's first shard)."""
    target = inside(out, bundle)
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(target.name + ".new")
    try:
        shutil.rmtree(fresh, ignore_errors=True)
        done = subprocess.run([binary, "--site", str(staged), "--output-path", str(fresh),
                               "--silent"], capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            log.warning("pagefind failed on %s (exit %d): %s", bundle, done.returncode,
                        done.stderr.strip()[-2000:])
            return False
        if not interface:
            for name in UI_FILES:
                (fresh / name).unlink(missing_ok=True)
        old = target.with_name(target.name + ".old")
        if target.exists():
            os.replace(target, old)
        os.replace(fresh, target)
        shutil.rmtree(old, ignore_errors=True)
        return True
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)
