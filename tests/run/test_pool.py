"""The worker pool's run of a task on each group."""

from __future__ import annotations

import gc
import pytest

from reflingo.run.discover import SourceFile
from reflingo.run.pool import MIN_PARALLEL, TaskFailure, collector_paused, run


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_in_the_block_and_let_run_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused(collector_on):
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def _group(n: int) -> list[SourceFile]:
    return [SourceFile(path=f"p{n}.md", locale="en-US", rel_path=f"p{n}.md", data=b"x",
                       digest=str(n))]


def _collector_state(group):
    if group[0].path == "p3.md":
        raise RuntimeError("broken group")
    return gc.isenabled()


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_task_runs_with_the_collector_paused_and_a_failure_is_reported(collector_on, jobs):
    groups = [_group(n) for n in range(MIN_PARALLEL + 2)]
    results = run(_collector_state, groups, task_key="t", jobs=jobs)  # here, or in 2 processes
    assert [r for r in results if not isinstance(r, TaskFailure)] == [False] * (len(groups) - 1)
    failure = results[3]
    assert isinstance(failure, TaskFailure) and failure.paths == ["p3.md"]
    assert "RuntimeError: broken group" in failure.message
    assert gc.isenabled()


def _path_of(group):
    return group[0].path


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_result_is_absorbed_in_order_as_it_arrives_and_its_return_kept(jobs):
    groups = [_group(n) for n in range(MIN_PARALLEL + 3)]
    seen = []

    def absorb(i, result):
        seen.append((i, result))
        return f"kept {result}"

    results = run(_path_of, groups, task_key="t", jobs=jobs, absorb=absorb)
    assert seen == [(i, f"p{i}.md") for i in range(len(groups))]
    assert results == [f"kept p{i}.md" for i in range(len(groups))]


def _pid_and_lock_state(group, lock):
    import os
    return os.getpid(), lock.locked()


def test_forked_workers_inherit_the_task_its_bound_arguments_are_not_pickled():
    import functools
    import os
    import threading

    lock = threading.Lock()            # cannot be pickled: sent with the groups, it would fail
    task = functools.partial(_pid_and_lock_state, lock=lock)
    groups = [_group(n) for n in range(MIN_PARALLEL + 2)]
    results = run(task, groups, task_key="t", jobs=2)
    assert all(not isinstance(r, TaskFailure) for r in results)
    assert {pid for pid, _ in results} - {os.getpid()}      # computed in the workers
    assert [locked for _, locked in results] == [False] * len(groups)


def test_meanwhile_runs_here_while_the_workers_compute_even_one_group():
    import os
    order = []

    def absorb(i, result):
        order.append(("absorbed", i))
        return result

    results = run(_pid_of_worker, [_group(0)], task_key="t", jobs=2, absorb=absorb,
                  meanwhile=lambda: order.append(("meanwhile", os.getpid())))
    assert order == [("meanwhile", os.getpid()), ("absorbed", 0)]
    assert results[0] != os.getpid()                         # a worker computed the group


def test_meanwhile_is_called_once_when_nothing_is_left_to_compute():
    calls = []
    assert run(_path_of, [], task_key="t", jobs=2, meanwhile=lambda: calls.append(1)) == []
    assert calls == [1]


def _pid_of_worker(group):
    import os
    return os.getpid()
