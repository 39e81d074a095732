"""Find the pages, partition them by API item, and run a task on each partition.

The unit of work is an *item group*: all locales' pages of one API item. A task parses the
group, merges it (:func:`reflingo.corpus.merge`) and returns plain data (dicts, lists, strings
or findings), so that results cross process boundaries and the cache cheaply. Results are cached
by the content of the group's files (see :mod:`reflingo.cache`); a run in which nothing changed
only reads and hashes the files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from reflingo.cache import ResultCache
from reflingo.corpus import Corpus, build_corpus, item_groups
from reflingo.findings import Category, Finding, Severity
from reflingo.model import Page
from reflingo.parse import locale_of_path, parse_bytes
from reflingo.parse.source import problem

log = logging.getLogger("reflingo")

_ASSETID = re.compile(rb"^ms\.assetid:\s*['\"]?([0-9A-Za-z\-]+)", re.M)
_CONTENTLOCALE = re.compile(rb"^ms\.contentlocale:\s*['\"]?([A-Za-z]{2,3}-[A-Za-z]{2,4})", re.M)
PAGE_SUFFIXES = (".md", ".markdown")


class InputError(Exception):
    """A path given by the user does not exist or cannot be read."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One input file: its bytes, where it is, and what the user said about its locale."""

    path: str
    data: bytes
    locale: str | None
    rel_path: str
    digest: str

    @property
    def assetid(self) -> str | None:
        m = _ASSETID.search(self.data[:4000])
        return m.group(1).decode().lower() if m else None


def discover(paths: Sequence[str], locale_roots: dict[str, str] | None = None) -> list[SourceFile]:
    """Every page under `paths` (files or folders) and under each `--locale TAG=PATH` root."""
    found: list[tuple[Path, str | None, Path | None]] = []
    for tag, root in (locale_roots or {}).items():
        found.extend((f, tag, Path(root)) for f in _walk(Path(root)))
    for p in paths:
        found.extend((f, None, None) for f in _walk(Path(p)))
    out, seen = [], set()
    for f, tag, root in found:
        key = os.path.normpath(f)
        if key in seen:
            continue
        seen.add(key)
        try:
            data = f.read_bytes()
        except OSError as exc:
            raise InputError(f"{f}: cannot read: {exc.strerror or exc}") from exc
        out.append(_source(f, data, tag, root))
    return out


def _walk(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES and p.is_file())
    else:
        raise InputError(f"{path}: no such file or directory")


def _source(f: Path, data: bytes, tag: str | None, root: Path | None) -> SourceFile:
    if root is not None:
        rel = f.relative_to(root).as_posix() if root.is_dir() else f.name
        rel = rel[5:] if rel.startswith("docs/") else rel
    else:
        path_tag, rel = locale_of_path(str(f))
        if tag is None and path_tag is None:
            m = _CONTENTLOCALE.search(data[:4000])
            tag = m.group(1).decode() if m else None
    return SourceFile(path=str(f), data=data, locale=tag, rel_path=rel,
                      digest=hashlib.blake2b(data, digest_size=16).hexdigest())


def partition(sources: Iterable[SourceFile]) -> list[list[SourceFile]]:
    """Group files of one API item (:func:`reflingo.corpus.item_groups`), in key order."""
    groups = item_groups(sources, lambda s: s.assetid, lambda s: s.rel_path)
    return [groups[k] for k in sorted(groups)]


def parse_group(group: Sequence[SourceFile]) -> list[Page]:
    """Parse every page of a group; a file that cannot be decoded still yields a page."""
    return [parse_bytes(s.data, s.path, locale=s.locale, rel_path=s.rel_path) for s in group]


Task = Callable[[Sequence[SourceFile]], object]


def _run_one(args: tuple[Task, Sequence[SourceFile]]) -> object:
    task, group = args
    try:
        return task(group)
    except Exception as exc:  # a parser bug must not stop the run: report it on the group
        log.debug("task failed", exc_info=True)
        return TaskFailure(paths=[s.path for s in group], message=f"{type(exc).__name__}: {exc}")


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A task raised on a group: reported as an internal error finding, the run goes on."""

    paths: list[str]
    message: str

    def findings(self) -> list[Finding]:
        return [problem("RL009", Category.FORMATTING, Severity.ERROR, p, 1,
                        f"internal error while processing this page: {self.message}")
                for p in self.paths]


def run(task: Task, groups: Sequence[Sequence[SourceFile]], *, task_key: str,
        jobs: int | None = None, cache: ResultCache | None = None,
        progress: Callable[[int], None] | None = None) -> list[object]:
    """Run `task` on every group, in order; cached results are reused, the rest computed in
    `jobs` processes (default: the machine's cores)."""
    results: list[object] = [None] * len(groups)
    todo: list[int] = []
    keys: list[str | None] = [None] * len(groups)
    for i, group in enumerate(groups):
        if cache is not None:
            keys[i] = cache.key(task_key, group)
            hit = cache.get(keys[i])
            if hit is not None:
                results[i] = hit
                if progress:
                    progress(1)
                continue
        todo.append(i)
    jobs = jobs or os.cpu_count() or 1
    if len(todo) < 8 or jobs == 1:
        computed = (_run_one((task, groups[i])) for i in todo)
        _collect(todo, computed, results, keys, cache, progress)
    else:
        failed: list[BaseException] = []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunks = max(1, min(64, len(todo) // (jobs * 8)))
            computed = pool.map(_run_one, ((task, groups[i]) for i in todo), chunksize=chunks)
            done = _collect(todo, _until_failure(computed, failed), results, keys, cache, progress)
        if failed:  # a worker died or a result could not be sent back: finish here, in order
            log.warning("worker processes failed (%s: %s); the remaining %d groups run in this "
                        "process", type(failed[0]).__name__, failed[0], len(todo) - done)
            rest = todo[done:]
            _collect(rest, (_run_one((task, groups[i])) for i in rest), results, keys, cache,
                     progress)
    if cache is not None:
        cache.flush()
    return results


def _until_failure(computed: Iterable[object], failed: list[BaseException]) -> Iterator[object]:
    """The pool's results up to the first one that failed to arrive (recorded in `failed`)."""
    it = iter(computed)
    while True:
        try:
            result = next(it)
        except StopIteration:
            return
        except Exception as exc:  # BrokenProcessPool, a result that cannot be pickled, ...
            failed.append(exc)
            return
        yield result


def _collect(todo, computed, results, keys, cache, progress) -> int:
    done = 0
    for i, result in zip(todo, computed):
        results[i] = result
        done += 1
        if cache is not None and not isinstance(result, TaskFailure):
            cache.put(keys[i], result)
        if progress:
            progress(1)
    return done


def load_corpus(paths: Sequence[str], locale_roots: dict[str, str] | None = None) -> Corpus:
    """Parse and merge everything under `paths` in this process (library use and tests)."""
    pages = [page for group in partition(discover(paths, locale_roots)) for page in parse_group(group)]
    return build_corpus(pages)
