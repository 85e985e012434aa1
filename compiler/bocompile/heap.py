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

A build of the command line, which ends its process, makes the model
immortal before it forks its workers (`immortal`, CPython 3.12 and newer)
and fills the holes between its objects (`holes_filled`): a worker then
reads the model in the pages it shares with the build's process instead of
copying every page it reads, and makes its own objects in pages of its own.
"""

from __future__ import annotations

import atexit
import ctypes
import datetime as dt
import functools
import gc
import os
import re
import sys
import sysconfig
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from itertools import compress, repeat
from operator import is_, le, rshift, sub

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


#: the reference count of an immortal object (PEP 683): CPython 3.12 and
#: newer leave it as it is when a reference is taken or dropped
_IMMORTAL = 0xFFFFFFFF
#: what an object's reference count is at most while it is mortal
_MORTAL = 0x7FFFFFFF
#: besides bocompile's own objects, the plain values the model is made of
_PLAIN = frozenset({str, bytes, int, float, tuple, list, dict, set, frozenset, Decimal, dt.date, dt.datetime})
#: how many objects `immortal` takes at a time
_BATCH = 1 << 16
#: PyMemoryView_FromMemory's flag for a writable view
_PYBUF_WRITE = 0x200
#: a size class of the small-object allocator in sys._debugmallocstats'
#: table: class, size, pools, blocks in use, free blocks in those pools
_SIZE_CLASS = re.compile(rb"^ *\d+ +(\d+) +\d+ +\d+ +(\d+)$", re.M)


def immortal(*roots: object) -> int:
    """`roots` and all they hold made immortal (PEP 683), through
    bocompile's objects and plain values: how many objects it made so.

    CPython writes the reference count of each object a process reads, and a
    forked worker copies each page it writes to: the worker writing the
    consolidated NL|FR DOCX of 20,000 articles copied 496 MB of the model
    it read. An immortal object's count is never written again, so workers
    read the model in the pages they share with this process. Each
    string's hash is computed here too: CPython keeps it in the string the
    first time it is asked for, a write that copied 40 MB of that worker's
    pages (with `holes_filled`, it copies 8 MB). Immortal objects are
    never freed: only for a run after which the process ends
    (the command line's build). Nothing where the interpreter has no
    immortal objects (before 3.12, a free-threaded build), or reads them
    otherwise than a probe proves. CPython has no call that makes an object
    immortal; its count is the first word of the object (the stable ABI's
    `ob_refcnt`), written here for a whole batch of objects at a time."""
    if not roots or not immortals():
        return 0
    wanted = _Wanted()
    made = 0
    waiting = [list(roots)]
    while waiting:
        found = waiting.pop()
        found = list(compress(found, map(wanted.__getitem__, map(type, found))))
        found = list(compress(found, map(le, map(sys.getrefcount, found), repeat(_MORTAL))))
        batch = list(dict(zip(map(id, found), found, strict=True)).values())  # a subtree many states share, once
        if not batch:
            continue
        _write_immortal(list(map(id, batch)))
        deque(map(hash, compress(batch, map(is_, map(type, batch), repeat(str)))), 0)
        made += len(batch)
        held = gc.get_referents(*batch)
        waiting.extend(held[start : start + _BATCH] for start in range(0, len(held), _BATCH))
    return made


class _Wanted(dict):
    """Whether `immortal` takes an object of each type: bocompile's and the plain values."""

    def __missing__(self, kind: type) -> bool:
        self[kind] = verdict = kind in _PLAIN or kind.__module__.startswith("bocompile.")
        return verdict


def immortals() -> bool:
    """Whether this interpreter keeps an object immortal when its count says
    so: CPython 3.12 or newer, 64 bits, little-endian (the count's low half
    first), not free-threaded; proved on a probe, an empty list that an
    extra reference must leave at the count written."""
    if (
        sys.implementation.name != "cpython"
        or sys.version_info < (3, 12)
        or sys.maxsize < 1 << 32
        or sys.byteorder != "little"
        or sysconfig.get_config_var("Py_GIL_DISABLED")
    ):
        return False
    probe: list = []
    _write_immortal([id(probe)])
    again = probe
    return sys.getrefcount(again) == _IMMORTAL


def _memory(address: int, size: int) -> memoryview:
    """A writable view of `size` bytes at `address` (a ctypes array of that
    size would make a new ctypes type, kept for good, for each size)."""
    return _c_api("PyMemoryView_FromMemory", ctypes.py_object, ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int)(
        address, size, _PYBUF_WRITE
    )


@functools.cache
def _c_api(name: str, result: type, *arguments: type) -> Callable:
    """The interpreter's C function `name`, called with the GIL held (a
    prototype of its own: setting ctypes.pythonapi's would change it for
    every other caller)."""
    return ctypes.PYFUNCTYPE(result, *arguments)((name, ctypes.pythonapi))


def _write_immortal(addresses: list[int]) -> None:
    """The immortal count written into the objects at `addresses`: the low
    half of each one's first word, through one view of the memory they lie
    in (a ctypes call for each of millions of objects took seconds)."""
    low = min(addresses)
    counts = _memory(low, max(addresses) - low + 4).cast("I")
    deque(map(counts.__setitem__, map(rshift, map(sub, addresses, repeat(low)), repeat(2)), repeat(_IMMORTAL)), 0)


def holes_filled() -> int:
    """The free blocks of the small-object allocator's pools in use, taken
    for good before workers are forked: how many bytes.

    Loading and amending leave freed blocks scattered through the pages of
    the model (50 MB at 20,000+2,000). A worker puts its own small objects
    there first, and each copies the page it lands in, 4 KiB for a few
    bytes: the worker writing the consolidated NL|FR DOCX held 62 MB more
    of its own. The objects Python keeps for reuse (its free lists of
    tuples, dicts, lists) are such holes too, scattered the same way: a
    full collection gives them back to the pools first (what lives is
    settled by then, so it walks little). Filled here, the holes leave a
    worker's objects to pools of its own. Never given back, so only for a
    run after which the process ends (as `immortal`). CPython tells a
    pool's free blocks only in the table sys._debugmallocstats prints;
    where there is none to read, nothing."""
    if sys.implementation.name != "cpython" or not hasattr(sys, "_debugmallocstats"):
        return 0
    gc.collect()  # empties Python's free lists of tuples, dicts, lists...: holes too, now in the pools
    malloc = _c_api("PyObject_Malloc", ctypes.c_void_p, ctypes.c_size_t)
    taken = 0
    for size, free in _free_blocks():
        deque(map(malloc, repeat(size, free)), 0)
        taken += size * free
    return taken


def _free_blocks() -> list[tuple[int, int]]:
    """(block size, free blocks) of each size class, from the table that
    sys._debugmallocstats prints on the standard error of the C library."""
    sys.stderr.flush()
    with tempfile.TemporaryFile() as table:
        try:
            error = os.dup(2)
        except OSError:  # no standard error to put back
            return []
        os.dup2(table.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(error, 2)
            os.close(error)
        table.seek(0)
        text = table.read()
    return [(int(size), int(free)) for size, free in _SIZE_CLASS.findall(text)]
