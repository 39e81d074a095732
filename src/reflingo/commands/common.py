"""What the commands share: their inputs, running a task over the item groups, its results."""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import Iterable, Sequence

from reflingo.errors import InputError
from reflingo.findings import Finding
from reflingo.run.cache import Plain, ResultCache, fingerprint
from reflingo.run.discover import SourceFile, discover, partition
from reflingo.run.pool import Task, TaskFailure, run
from reflingo.run.progress import Progress
from reflingo.run.scan import repair_vocabulary, updated_vocabulary
from reflingo.run.tasks import TASKS

log = logging.getLogger("reflingo")
DEFAULT_CONTENT = "content"


def sources(args: argparse.Namespace) -> list[SourceFile]:
    """The pages the command line names (default: ./content/)."""
    paths = list(args.paths)
    roots = dict(args.locale)
    if not paths and not roots:
        if not Path(DEFAULT_CONTENT).is_dir():
            raise InputError(f"no paths given and no ./{DEFAULT_CONTENT}/ folder here")
        paths = [DEFAULT_CONTENT]
    errors: list[str] = []
    cache = None if getattr(args, "no_cache", True) else ResultCache(args.cache_dir)
    key = content_key("files", [repr((paths, sorted(roots.items()))).encode(
        "utf-8", "surrogatepass")])
    known = _one_mapping(cache.get(key) if cache else None)
    seen: dict[str, list] | None = {} if cache else None
    found = discover(paths, roots, errors, known, seen)
    if cache is not None and seen != known:
        cache.put(key, Plain([seen]))    # what each file was, so that the next run reads only
        cache.flush()                    # the files that changed since
    for message in errors:
        print(f"reflingo: error: {message}", file=sys.stderr)
    args.path_errors = len(errors)
    if not found:
        if errors:
            raise InputError(errors[0], reported=True)
        raise InputError("no pages found (looked for *.md files)")
    return found


def content_key(kind: str, parts: Iterable[bytes]) -> str:
    """A cache key of kind `kind` for these bytes (and this version of reflingo)."""
    h = hashlib.blake2b(fingerprint().encode(), digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return f"{kind}:{h.hexdigest()}"


def _one_mapping(hit: object) -> dict | None:
    """The mapping a cache entry of the shape `Plain([mapping])` holds, else None."""
    if isinstance(hit, list) and len(hit) == 1 and isinstance(hit[0], dict):
        return hit[0]
    return None


def vocabulary(cache: ResultCache | None):
    """A `vocabulary_of(locale, files)` for :func:`reflingo.run.scan.build_context` that
    remembers each locale's repairs by its files' digests (the files are then not read), and
    what each file holds for them, so that after a change only the changed files are read
    (:func:`reflingo.run.scan.updated_vocabulary`)."""
    def of(locale: str, files: list[SourceFile]) -> dict[str, str]:
        if cache is None:
            return repair_vocabulary(files)
        ordered = sorted(files, key=lambda s: s.path)
        key = content_key("vocab", [locale.encode(), *(f"{s.path}|{s.digest}".encode(
            "utf-8", "surrogatepass") for s in ordered)])
        hit = _one_mapping(cache.get(key))
        if hit is not None:
            return dict(hit)
        # the state is kept per locale and folder: a change of one file keeps the folder
        folder = os.path.commonpath([os.path.dirname(os.path.abspath(s.path)) for s in ordered]) \
            if ordered else ""
        state_key = content_key("vocabstate", [locale.encode(),
                                               folder.encode("utf-8", "surrogatepass")])
        repairs, state = updated_vocabulary(ordered, _one_mapping(cache.get(state_key)))
        cache.put(key, Plain([repairs]))
        cache.put(state_key, Plain([state]))
        return repairs
    return of


def run_task(args: argparse.Namespace, task_key: str, task: Task | None = None,
             found: Sequence[SourceFile] | None = None) -> list[object]:
    """Run a task on every item group of the inputs (or of `found`), results in order. The task
    is TASKS[task_key] unless given; a task_key `name:variant` caches under `name`."""
    groups = partition(sources(args) if found is None else found)
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    total = sum(len(g) for g in groups)
    with Progress(len(groups), f"{task_key.split(':')[0]} ({total} pages)",
                  enabled=False if args.no_progress else None) as bar:
        results = run(task or TASKS[task_key], groups, task_key=task_key, jobs=args.jobs,
                      cache=cache, progress=bar)
    if cache is not None:
        log.info("cache: %d reused, %d computed", cache.hits, cache.misses)
    return results


def split(results: Sequence[object]) -> tuple[list, list[Finding]]:
    """The tasks' data, and the findings of the groups whose task failed plus the problems
    every other group reported (a task returns `(data, problems, ...)`)."""
    data: list = []
    problems: list[Finding] = []
    for r in results:
        if isinstance(r, TaskFailure):
            problems.extend(r.findings())
        else:
            data.extend(r[0])
            problems.extend(r[1])
    return data, problems
