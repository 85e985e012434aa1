"""The cyclic garbage collector, told how the model lives.

A run loads the model, applies the amendments, then composes and writes.
The model and its states are millions of small immutable objects without
cycles, alive to the end of the run; with Python's defaults the collector
walks young objects every 700 allocations and walks all of them again at
each full collection: a third of `check` on 2,000 articles, and a share
that grows with the agreement (bench/README.md). Within `one_run`,
collections come less often, and what `settled` finds alive is left to
reference counting alone (gc.freeze); at the end, the collector gets both
back, so a long-lived process (`bocompile watch`, the tests) collects as
before. When the command line exits, `at_exit` leaves what is alive to the
system, which takes the memory back at once.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: the collector's thresholds during a run (Python's default: 700, 10, 10)
COLLECT_EVERY = (100_000, 20, 100)
#: seconds of CPU after which a task is tidied (tidied)
LONG_TASK = 0.5


_runs: list[None] = []  # one entry per `one_run` under way


@contextmanager
def one_run() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*COLLECT_EVERY)
    _runs.append(None)
    try:
        yield
    finally:
        _runs.pop()
        gc.unfreeze()
        gc.set_threshold(*before)


def settled() -> None:
    """What is alive now (each file's divisions as they are read, the loaded
    model, the states of its history) lives to the end of the run: the
    collector stops walking it. Outside a run (a library caller), nothing."""
    if _runs:
        gc.freeze()


def tidied(task: Callable[[], T]) -> Callable[[], T]:
    """`task`, then, if it ran long, the cyclic garbage it left collected and
    what it freed given back to the system. A document written leaves its
    python-docx package and parts pointing at each other, 0.4 GiB for the
    NL|FR text of 20,000 articles, which the run's rare collections would
    keep while the next document is written; and glibc keeps memory freed
    in the middle of its heap, so a worker would start each document as
    large as the largest before it. A short task (an instrument, a redline)
    leaves too little to be worth a collection: thousands of them cost more
    than they give back, and the run's own collections take their garbage."""

    def run() -> T:
        if not _runs:
            return task()
        start = time.process_time()
        try:
            return task()
        finally:
            if time.process_time() - start >= LONG_TASK:
                gc.collect()
                gc.freeze()  # what outlives it (caches of the worker) is not walked again
                _trim(0)

    return run


def _trimmer() -> Callable[[int], int]:
    """glibc's malloc_trim, or nothing where the C library has none (macOS, musl)."""
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda pad: 0


_trim = _trimmer()


def at_exit() -> None:
    """When this process ends, the collector leaves what is alive alone:
    Python's last collections would walk all of it (4 s after a `check` of
    20,000 articles) only for the system to take the memory back anyway."""
    atexit.unregister(gc.freeze)  # once, however many commands ran
    atexit.register(gc.freeze)
