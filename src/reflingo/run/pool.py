"""Run a task on every item group: cached results reused, the rest computed by an executor.

A task parses a group, merges it and returns plain data (lists, dicts, strings, findings), so
that results cross process boundaries and the cache cheaply. The executor is a seam: anything
with the :class:`concurrent.futures.Executor` interface (`submit`/`map`) will do; by default a
local process pool with one worker per core. A task that raises on a group becomes a
:class:`TaskFailure` for that group, and the run goes on.
"""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from reflingo.findings import Category, Finding, Severity
from reflingo.parse.problems import problem
from reflingo.run.cache import ResultCache
from reflingo.run.discover import SourceFile

log = logging.getLogger("reflingo")

Task = Callable[[Sequence[SourceFile]], object]
ExecutorFactory = Callable[[int], Executor]
"""Makes the executor for a run, given the number of workers wanted."""

#: Below this many groups to compute, the run stays in this process.
MIN_PARALLEL = 8


def local_pool(jobs: int) -> Executor:
    """The default executor: a local process pool."""
    return ProcessPoolExecutor(max_workers=jobs)


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A task raised on a group: reported as an internal error finding, the run goes on."""

    paths: list[str]
    """The files of the group."""
    message: str
    """The exception, as `Type: text`."""

    def findings(self) -> list[Finding]:
        return [problem("RL009", Category.FORMATTING, Severity.ERROR, p, 1,
                        f"internal error while processing this page: {self.message}")
                for p in self.paths]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off for the block (one group's task), then let run.

    A task allocates hundreds of thousands of small objects (tokens, blocks, findings) that
    live to its end and are freed by their reference counts; the collector's passes over them
    while the task runs find next to nothing and cost about a tenth of the task. A cycle made
    in the block is collected by the first pass after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_INHERITED: dict[int, Task] = {}
"""Tasks of the runs under way, by number: a worker forked during a run finds its task here
(the task's bound arguments, a corpus-wide context of megabytes, are not pickled and sent
with every chunk of groups)."""
_numbers = itertools.count()


def _inherits(executor: ExecutorFactory) -> bool:
    """Whether the executor's workers are forked from this process (and so hold what it held
    when they started)."""
    return executor is local_pool and multiprocessing.get_start_method() == "fork"


def _run_inherited(args: tuple[int, Sequence[SourceFile]]) -> object:
    number, group = args
    return _run_one((_INHERITED[number], group))


def _run_one(args: tuple[Task, Sequence[SourceFile]]) -> object:
    task, group = args
    try:
        with collector_paused():
            return task(group)
    except Exception as exc:  # a parser bug must not stop the run: report it on the group
        log.debug("task failed", exc_info=True)
        return TaskFailure(paths=[s.path for s in group], message=f"{type(exc).__name__}: {exc}")


def run(task: Task, groups: Sequence[Sequence[SourceFile]], *, task_key: str,
        jobs: int | None = None, cache: ResultCache | None = None,
        progress: Callable[[int], None] | None = None,
        executor: ExecutorFactory = local_pool,
        absorb: Callable[[int, object], object] | None = None,
        meanwhile: Callable[[], None] | None = None) -> list[object]:
    """Run `task` on every group, in order; cached results are reused, the rest computed by
    `executor(jobs)` (default: a process pool with one worker per core).

    `absorb(i, result)`, when given, is called in this process as each computed result of
    group i arrives, in order, while the workers go on with the next groups; what it returns
    is kept in its place (a caller that writes a result out keeps only what it needs of it).

    `meanwhile()`, when given, is called in this process once the groups are handed to the
    workers and before their results are collected: work of the caller's that the workers'
    results do not need is done while they compute. The workers are then used however few the
    groups are (a single group too), unless `jobs` is 1; without workers it is called first."""
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
    if jobs == 1 or not todo or (len(todo) < MIN_PARALLEL and meanwhile is None):
        if meanwhile is not None:
            meanwhile()
        computed = (_run_one((task, groups[i])) for i in todo)
        _collect(todo, computed, results, keys, cache, progress, absorb)
    else:
        failed: list[BaseException] = []
        number = next(_numbers)
        inherited = _inherits(executor)
        if inherited:
            _INHERITED[number] = task       # before the first submission forks the workers
        try:
            with executor(min(jobs, len(todo))) as pool:
                chunks = max(1, min(64, len(todo) // (jobs * 8)))
                computed = pool.map(_run_inherited, ((number, groups[i]) for i in todo),
                                    chunksize=chunks) if inherited else \
                    pool.map(_run_one, ((task, groups[i]) for i in todo), chunksize=chunks)
                if meanwhile is not None:
                    meanwhile()
                done = _collect(todo, _until_failure(computed, failed), results, keys, cache,
                                progress, absorb)
        finally:
            _INHERITED.pop(number, None)
        if failed:  # a worker died or a result could not be sent back: finish here, in order
            log.warning("worker processes failed (%s: %s); the remaining %d groups run in this "
                        "process", type(failed[0]).__name__, failed[0], len(todo) - done)
            rest = todo[done:]
            _collect(rest, (_run_one((task, groups[i])) for i in rest), results, keys, cache,
                     progress, absorb)
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


def _collect(todo, computed, results, keys, cache, progress, absorb=None) -> int:
    done = 0
    for i, result in zip(todo, computed):
        if cache is not None and not isinstance(result, TaskFailure):
            cache.put(keys[i], result)
        results[i] = absorb(i, result) if absorb is not None else result
        done += 1
        if progress:
            progress(1)
    return done
