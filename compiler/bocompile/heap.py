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
before. Where the documents are written (`writing`), the model is settled
and Python's thresholds come back: what is collected is then only what the
writing makes. When the command line exits, `at_exit` leaves what is alive to the
system, which takes the memory back at once.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: the collector's thresholds during a run (Python's default: 700, 10, 10)
COLLECT_EVERY = (100_000, 20, 100)
_PYTHONS = gc.get_threshold()


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
    collector stops walking it. What is garbage in a cycle now stays too, so
    the code that runs before makes no cycle: no nested function that calls
    itself (tests/test_heap.py). Outside a run (a library caller), nothing."""
    if _runs:
        gc.freeze()


def given_back() -> None:
    """Before workers are forked (cores.in_order): the C heap's free pages
    go back to the system. What a run freed (a text's parse, the key sets
    of the history's search) is otherwise still resident, and each worker
    counts it in its own size (25 MB at 20,000 articles). glibc only;
    elsewhere nothing."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc, or no C library to open by that name
        return
    trim(0)


def writing() -> None:
    """Where the documents are written, once the model has settled: the
    collector then walks only what the writing makes, and Python's own
    thresholds collect each document's garbage (python-docx leaves cycles)
    before it piles up; at the run's, a worker kept 0.5 to 1 MB of it for
    each redline it wrote."""
    if _runs and gc.get_freeze_count():
        gc.set_threshold(*_PYTHONS)


def at_exit() -> None:
    """When this process ends, the collector leaves what is alive alone:
    Python's last collections would walk all of it (4 s after a `check` of
    20,000 articles) only for the system to take the memory back anyway."""
    atexit.unregister(gc.freeze)  # once, however many commands ran
    atexit.register(gc.freeze)
