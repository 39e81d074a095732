"""`reflingo build`: parse, merge and check the pages, render the multilingual site, write it.

Incremental and content-keyed: each item group's pages are rendered by the worker that parses
and checks it, and the result (summaries, findings, the digests of the pages written) is
cached under a key made of the group's bytes, the check context, the site-wide inputs and the
templates. A rebuild renders only the groups whose key changed; when no key changed and the
output still holds what the last build wrote, nothing is done at all. Only files whose bytes
changed are written; files the last build wrote and this one does not make are removed.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from reflingo.commands import EXIT_OK, site_inputs
from reflingo.commands.catalogs import load_catalogs, site_assets_digest
from reflingo.commands.common import sources, vocabulary
from reflingo.commands.search import Indexing, bundles_by_locale, plan
from reflingo.commands.writer import files_under, inside, remove_tree_files, write_tree
from reflingo.config import load_config
from reflingo.findings import Finding
from reflingo.render.site import SiteInputs
from reflingo.run.cache import Plain, ResultCache, fingerprint
from reflingo.run.discover import find_tocs, partition
from reflingo.run.pool import TaskFailure, collector_paused, run as run_pool
from reflingo.run.progress import Progress
from reflingo.selection import Decider

log = logging.getLogger("reflingo")
MANIFEST = ".reflingo-site.json"
"""The file in the output folder that records what the last build wrote."""
DEFAULT_OUT = "site"
STORES = 16
"""The item groups' results are cached in this many stores (`site0` ... `site15`)."""


@dataclass(slots=True)
class BuildReport:
    """What one build did."""

    out: Path
    """The output folder."""
    pages: int = 0
    """Files the site holds."""
    written: list[str] = field(default_factory=list)
    """Files written (new or changed)."""
    removed: int = 0
    """Files of the last build that are gone."""
    rendered: int = 0
    """Item groups rendered (the others came from the cache)."""
    groups: int = 0
    """Item groups in all."""
    seconds: float = 0.0
    """Wall time."""
    searchable: bool = False
    """Whether the search index is there."""


class _GroupResult(NamedTuple):
    """What the site-wide pages and the manifest need of one item group's build."""

    summaries: list | None
    """The items' summaries; None when the group's task failed."""
    findings: list[Finding]
    """Its raw findings and reading problems (or the failure's)."""
    ignores: dict
    """Its pages' inline ignore comments."""
    digests: dict[str, str]
    """Output path -> digest of each file it wrote."""
    summaries_digest: str
    """:func:`reflingo.commands.site_inputs.summaries_digest` of its summaries."""


def _manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build(args: argparse.Namespace, progress: bool = True) -> BuildReport:
    """Build the site from the inputs the command line names into `args.out`.

    The cyclic garbage collector is paused while it runs: a rebuild holds every group's cached
    results (tens of thousands of objects, freed by their reference counts), which each of the
    collector's full passes would walk again for nothing."""
    with collector_paused():
        return _build(args, progress)


def _build(args: argparse.Namespace, progress: bool) -> BuildReport:
    start = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    decider = Decider(load_config(args.config).override(select=args.select, ignore=args.ignore))
    before = _manifest(out)
    paths = list(args.paths) or (["content"] if not args.locale else [])
    found = sources(args)      # a file unchanged since the last run is known without a read
    locales = tuple(sorted({s.locale or "und" for s in found} - {"und"})) or ("und",)
    catalogs = load_catalogs(locales)
    tocs = [(loc, f, base) for loc, f, base in find_tocs(paths, dict(args.locale)) if loc in locales]
    toc_bytes = [_read(f) for _loc, f, _base in tocs]
    whole = _inputs_key(found, tocs, toc_bytes, catalogs, decider)
    report = BuildReport(out=out)
    if not args.no_cache and before.get("inputs") == whole and _intact(out, before):
        return _unchanged(report_for(out, before), start)
    # what the rest needs costs a second to import: a rebuild that changes nothing never does
    from reflingo.checks import all_checks
    from reflingo.run.scan import build_context, context_digest
    codes = tuple(c.code for c in all_checks() if decider.selects(c.code))
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    ctx = build_context(found, decider.config, vocabulary(cache))
    inputs = SiteInputs(
        locales=locales, default_locale="en-US" if "en-US" in locales else locales[0],
        paths={s.rel_path.lower(): s.rel_path for s in sorted(found, key=lambda s: s.rel_path)},
        nav=site_inputs.navigation(paths, dict(args.locale), tocs, toc_bytes, locales, cache),
        catalogs=catalogs)
    digest = inputs.digest()
    task_key = f"site:{context_digest(ctx, codes)}:{digest}:{site_assets_digest()}"
    groups = partition(found)
    report.groups = len(groups)
    # the results are kept in a few stores, so that a rebuild rewrites only the changed ones
    keys = [cache.key(f"site{_store_of(g)}{task_key[4:]}", g) if cache else "" for g in groups]
    results: list = [None] * len(groups)       # a _GroupResult for each group
    old_files = before.get("files", {})
    held = [i for i, key in enumerate(keys) if cache and cache.holds(key)]
    again: list[int] = []                      # held, but the output lost what they wrote
    folders: dict[str, bool] = {}              # the output's folders the writer found inside

    def reuse() -> None:
        """The cached groups' results, read while the workers render the others."""
        present = files_under(out)             # what the last build left, still there
        for i in held:
            hit = cache.get(keys[i])
            cached = _digests_of(hit)
            if cached is not None and all(old_files.get(p) == d and p in present
                                          for p, d in cached[0].items()):
                summaries, rows, marks, _ = hit
                results[i] = _GroupResult(summaries, site_inputs.findings_of(rows),
                                          site_inputs.ignores_of(marks), *cached)
            else:
                again.append(i)

    def absorb(todo: list[int], j: int, result: object) -> _GroupResult:
        """A rendered group's pages written out as they arrive (the workers go on meanwhile);
        only its summaries, findings and digests are kept."""
        if isinstance(result, TaskFailure):
            log.error("%s", result.message)
            return _GroupResult(None, result.findings(), {}, {}, "")
        encoded, summaries, raw, ignores = result
        pages = sorted(encoded.items())
        report.written += write_tree(out, pages, folders)
        digests = {p: hashlib.blake2b(data, digest_size=12).hexdigest() for p, data in pages}
        told = site_inputs.summaries_digest(summaries)
        if cache:
            cache.put(keys[todo[j]], (summaries, site_inputs.finding_rows(raw),
                                      site_inputs.ignore_rows(ignores), Plain([digests, told])))
        return _GroupResult(summaries, raw, ignores, digests, told)

    def render(todo: list[int], meanwhile=None) -> None:
        hidden = not progress or args.quiet or args.no_progress
        with Progress(len(todo), f"site ({sum(len(groups[i]) for i in todo)} pages)",
                      enabled=False if hidden else None) as bar:
            rendered = _render(args, [groups[i] for i in todo], task_key, ctx, codes, decider,
                               inputs, digest, bar, functools.partial(absorb, todo), meanwhile)
        for i, result in zip(todo, rendered):
            results[i] = result
        report.rendered += len(todo)

    kept = set(held)
    render([i for i in range(len(groups)) if i not in kept], reuse if held else None)
    if again:
        render(again)
    if cache:
        cache.flush()
    _finish(args, out, results, found, decider, inputs, before, whole, report, task_key)
    report.seconds = time.perf_counter() - start
    return report


def _render(args, groups, task_key, ctx, codes, decider, inputs, digest, bar, absorb,
            meanwhile=None) -> list:
    from reflingo.run.tasks import site_task
    task = functools.partial(site_task, ctx=ctx, codes=codes, decider=decider, inputs=inputs,
                             digest=digest)
    return run_pool(task, groups, task_key=task_key, jobs=args.jobs, cache=None, progress=bar,
                    absorb=absorb, meanwhile=meanwhile)


def _finish(args, out: Path, results: list[_GroupResult], found, decider, inputs: SiteInputs,
            before: dict, whole: str, report: BuildReport, task_key: str) -> None:
    """The site-wide pages, the manifest, the search index."""
    summaries, raw, ignores, files = [], [], {}, {}
    for r in results:
        raw.extend(r.findings)
        if r.summaries is not None:
            summaries.extend(r.summaries)
            ignores.update(r.ignores)
            files.update(r.digests)
    # The search index reads only the item pages, written by now: Pagefind indexes the changed
    # shards in its own processes while the site-wide pages are drawn here. Which shards
    # changed is worked out first, and their pages staged, here (`Indexing`): in the indexing
    # threads that work would share this process with the drawing, and Pagefind would start
    # later.
    search = before.get("search") if isinstance(before.get("search"), dict) else {}
    indexing = None
    planned = plan(out, files, inputs.locales, search,
                   sorted({t for s in summaries for t in s["terms"]}))
    if not args.no_search:
        indexing = Indexing(out, planned, args.jobs)
    from reflingo.run.scan import source_locale
    pages = {}
    for s in found:
        pages[source_locale(s)] = pages.get(source_locale(s), 0) + 1
    decided: list[Finding] = decider.decide(raw, ignores, pages)
    from reflingo.render.site.sitewide import render_site
    keys = site_inputs.page_keys([r.summaries_digest for r in results], decided,
                                 inputs.locales, task_key)
    old_keys, old_files = before.get("pages", {}), before.get("files", {})
    same = {p for p, k in keys.items()
            if old_keys.get(p) == k and p in old_files and (out / p).is_file()}
    site = {p: t.encode("utf-8", "surrogatepass")
            for p, t in render_site(summaries, decided, inputs, skip=same,
                                    search=bundles_by_locale(planned[0])).items()}
    report.written += write_tree(out, sorted(site.items()))
    for p, data in site.items():
        files[p] = hashlib.blake2b(data, digest_size=12).hexdigest()
    files.update({p: old_files[p] for p in same})
    if indexing is not None:
        search = indexing.result()
    report.removed = remove_tree_files(out, sorted(set(old_files) - set(files)))
    report.searchable = bool(search)
    report.pages = len(files)
    sample = sorted(files)[:: max(1, len(files) // 50)]
    manifest = {"inputs": whole, "files": dict(sorted(files.items())),
                "sample": sample,
                "search": search or {}, "groups": report.groups, "pages": keys}
    write_tree(out, [(MANIFEST, _manifest_bytes(manifest))])


def _digests_of(hit: object) -> tuple[dict[str, str], str] | None:
    """(the page digests, the summaries' digest) of a group's cached result (kept as plain
    JSON data: a store of many groups reads back fast), or None when the entry is not a result
    of this shape."""
    if isinstance(hit, tuple) and len(hit) == 4 and isinstance(hit[3], list) \
            and len(hit[3]) == 2 and isinstance(hit[3][0], dict) and isinstance(hit[3][1], str):
        return hit[3][0], hit[3][1]
    return None


def _store_of(group) -> int:
    """The store of a group's result: stable for the group, whatever else is added or removed."""
    return zlib.crc32(min(s.path for s in group).encode("utf-8", "surrogatepass")) % STORES


def report_for(out: Path, manifest: dict) -> BuildReport:
    """The report of a build that found the last one's output still right."""
    return BuildReport(out=out, pages=len(manifest.get("files", {})), groups=manifest.get("groups", 0),
                       searchable=bool(manifest.get("search")))


def _unchanged(report: BuildReport, start: float) -> BuildReport:
    report.seconds = time.perf_counter() - start
    return report


def _intact(out: Path, manifest: dict) -> bool:
    """Whether the output still holds (a sample of) what the manifest says was written."""
    return bool(manifest.get("files")) and all((out / p).is_file() for p in manifest.get("sample", []))


def _manifest_bytes(manifest: dict) -> bytes:
    return json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _inputs_key(found, tocs, toc_bytes, catalogs, decider) -> str:
    """A hash of everything a build reads: reflingo itself and its templates, the
    configuration, every page's bytes, the tables of contents, the UI catalogs."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{fingerprint()}|{site_assets_digest()}|{decider.config!r}".encode())
    for s in sorted(found, key=lambda s: s.path):
        h.update(f"|{s.path}|{s.locale}|{s.rel_path}|{s.digest}".encode("utf-8", "surrogatepass"))
    for (loc, f, base), data in zip(tocs, toc_bytes):
        h.update(f"|{loc}|{f}|{base}|".encode("utf-8", "surrogatepass"))
        h.update(data)
    h.update(json.dumps(catalogs, sort_keys=True).encode())
    return h.hexdigest()


def run(args: argparse.Namespace) -> int:
    """Build the site; say where it is."""
    report = build(args)
    if not args.quiet:
        index = inside(report.out, "index.html")
        print(f"site: {report.pages} files in {report.out}/ ({len(report.written)} written, "
              f"{report.removed} removed, {report.rendered} of {report.groups} item groups "
              f"rendered, {report.seconds:.2f} s); open {index}"
              + ("" if report.searchable or args.no_search else
                 " (no search index: pagefind is not installed)"),
              file=sys.stderr)
    return EXIT_OK
