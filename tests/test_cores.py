"""Work shared with forked workers, and when it is not: a thread a fork
would strand keeps it in this process."""

from __future__ import annotations

import os
import threading

import pytest

from bocompile import cores


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
