"""What the commands share: their inputs, running a task over the item groups, its results."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence

from reflingo.errors import InputError
from reflingo.findings import Finding
from reflingo.run.cache import ResultCache
from reflingo.run.discover import SourceFile, discover, partition
from reflingo.run.pool import Task, TaskFailure, run
from reflingo.run.progress import Progress
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
    found = discover(paths, roots, errors)
    for message in errors:
        print(f"reflingo: error: {message}", file=sys.stderr)
    args.path_errors = len(errors)
    if not found:
        if errors:
            raise InputError(errors[0], reported=True)
        raise InputError("no pages found (looked for *.md files)")
    return found


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
