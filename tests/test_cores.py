"""Work shared with forked workers, and when it is not: a thread a fork
would strand keeps it in this process."""

from __future__ import annotations

import functools
import itertools
import os
import threading
import time

import pytest

import bocompile.load as loading
from bocompile import cores
from bocompile.project import Project
from conftest import REPO


def pids(count: int = 4) -> set[int]:
    """The processes that ran `count` tasks."""
    return set(cores.in_order([os.getpid] * count))


@pytest.fixture
def waiting():
    """A thread that waits until the test ends."""
    done = threading.Event()
    thread = threading.Thread(target=done.wait, daemon=True)
    thread.start()
    yield thread
    done.set()
    thread.join()


@pytest.fixture(autouse=True)
def cores_to_share():
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: nothing is shared")


def test_tasks_run_in_forked_workers_with_their_results_in_order():
    assert pids() - {os.getpid()}
    assert list(cores.in_order([lambda n=n: n * n for n in range(20)])) == [n * n for n in range(20)]


def test_a_thread_running_beside_keeps_the_work_in_this_process(waiting):
    assert pids() == {os.getpid()}


def test_a_thread_declared_fork_safe_lets_the_work_be_shared(waiting):
    cores.fork_safe(waiting)
    assert pids() - {os.getpid()}


def test_a_worker_grown_past_its_limit_hands_over_to_a_fresh_one(monkeypatch):
    tasks = [os.getpid] * 12
    assert len(set(cores.in_order(tasks))) < 12  # workers take task after task
    monkeypatch.setattr(cores, "RETIRE", -1)  # every worker has grown past it after its first task
    assert len(set(cores.in_order(tasks))) == 12


def test_a_worker_that_copied_much_of_what_it_inherited_hands_over_to_a_fresh_one(monkeypatch):
    inherited = [object() for _ in range(1_000_000)]  # 24 MB of objects, each read writes its reference count

    def reads() -> int:
        assert sum(1 for _ in inherited) == len(inherited)
        return os.getpid()

    assert len(set(cores.in_order([reads] * 12))) < 12  # 24 MB is far below RETIRE_OWN
    monkeypatch.setattr(cores, "RETIRE_OWN", 8 << 20)
    assert len(set(cores.in_order([reads] * 12))) == 12  # each copied the pages it read: 24 MB of its own
    assert len(set(cores.in_order([os.getpid] * 12))) < 12  # reading nothing, they copy next to nothing


def test_a_worker_grown_by_a_large_task_hands_over_to_a_fresh_one(monkeypatch):
    tasks = [os.getpid] * 12
    assert len(set(cores.in_order(tasks, large=4))) < 12  # grown by no more than the limits
    monkeypatch.setattr(cores, "RETIRE_LARGE", -1)  # each large task has grown its worker past it
    ran = list(cores.in_order(tasks, large=4))
    assert len(set(ran[:4])) == 4 and not set(ran[:4]) & set(ran[4:])
    assert len(set(ran[4:])) < 8  # the others take task after task


def test_large_tasks_of_a_long_agreement_run_one_at_a_time_while_the_rest_goes_on_beside(monkeypatch):
    def span(seconds: float) -> tuple[float, float]:
        start = time.monotonic()  # CLOCK_MONOTONIC: the same clock in every process
        time.sleep(seconds)
        return start, time.monotonic()

    monkeypatch.setattr(cores, "RETIRE_LARGE", -1)  # each large task grows its worker past it: a long agreement's
    tasks = [functools.partial(span, 0.1)] * 4 + [functools.partial(span, 0.05)] * 40
    spans = list(cores.in_order(tasks, large=4))
    # the first two start together, before one has shown how large they are
    after = sorted(spans[1:4])
    assert all(one[1] <= following[0] for one, following in itertools.pairwise(after))  # then never two at once
    assert any(start < after[-1][1] for start, _ in spans[4:])  # the other core did not wait for them


def test_a_task_that_raises_is_reported_in_its_turn():
    def fails():
        raise ValueError("the fourth")

    results = cores.in_order([lambda n=n: n for n in range(3)] + [fails] + [lambda: 4] * 6)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="the fourth"):
        next(results)


def test_a_worker_that_dies_is_reported_not_waited_for():
    results = cores.in_order([lambda: 0, lambda: os._exit(9), lambda: 2])
    assert next(results) == 0
    with pytest.raises(RuntimeError, match="exit code 9"):
        next(results)


def test_languages_read_side_by_side_give_the_model_read_in_turn(monkeypatch, compiled):
    """A long agreement's second language is read in a worker and comes back
    pickled (model.nodes: each kind's reducer): the same model, every field
    of every node, as the bundled agreement read in this process."""
    monkeypatch.setattr(loading, "PARALLEL_FROM", 0)  # the bundled agreement counts as long
    assert pids() - {os.getpid()}  # and tasks go to workers here
    side_by_side = loading.load(Project.open(REPO))
    assert side_by_side.agreement == compiled.agreement
    assert side_by_side.amendments == compiled.amendments
