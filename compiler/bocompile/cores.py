"""Work shared between the machine's cores, results in a fixed order.

A build writes many documents from one immutable model; each is a pure
function of it. Where the platform forks (Linux), worker processes inherit
the model instead of receiving a copy, run the tasks given by index and
send back their results (with no more tasks than cores, this process runs
the first itself); results come back in the order of the tasks, so output is
the same as on one core. Elsewhere, or where it cannot pay (one core, one
task, threads running that a fork would leave stranded), tasks run here in
turn.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

#: the tasks of the running map, inherited by the forked workers
_tasks: list[Callable[[], object]] = []
#: threads a fork may leave behind (fork_safe)
_fork_safe: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def fork_safe(thread: threading.Thread) -> None:
    """Let work be shared with forked workers while `thread` runs: it waits
    in system calls or on a lock the forking thread holds, and holds nothing
    a worker would need (the thread with which `watch` answers `check`)."""
    _fork_safe.add(thread)


def _alone() -> bool:
    """Whether no thread runs but this one and those a fork may leave behind."""
    here = threading.current_thread()
    return all(thread is here or thread in _fork_safe for thread in threading.enumerate())


def _run(index: int) -> object:
    return _tasks[index]()


def in_order(tasks: Sequence[Callable[[], T]], worth_it: bool = True) -> Iterator[T]:
    """Each task's result, in the order of `tasks`; an exception a task
    raises is raised here, when its turn comes. `worth_it`: the caller's
    word that the tasks outweigh starting the workers."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, len(tasks))
    forks = sys.platform.startswith("linux")  # macOS has fork, but frameworks there may not survive it
    if not worth_it or workers < 2 or not forks or not _alone() or _tasks:
        yield from (task() for task in tasks)
        return
    _tasks[:] = list(tasks)
    # with no more tasks than cores, the first runs here: its result need not
    # travel back (a language's whole tree, when load reads them side by side)
    here = len(tasks) <= workers
    try:
        with ProcessPoolExecutor(workers - here, mp_context=multiprocessing.get_context("fork")) as pool:
            rest = pool.map(_run, range(here, len(tasks)))
            if here:
                yield tasks[0]()
            yield from rest  # type: ignore[misc]
    finally:
        _tasks.clear()
