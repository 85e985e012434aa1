"""Work shared between the machine's cores, results in a fixed order.

A build writes many documents from one immutable model; each is a pure
function of it. Where the platform forks (Linux), worker processes inherit
the model instead of receiving a copy, run the tasks given by index and
send back their results (with no more tasks than cores, this process runs
the first itself); results come back in the order of the tasks, so output is
the same as on one core. Elsewhere, or where it cannot pay (one core, one
task, threads running that a fork would leave stranded), tasks run here in
turn.

A worker that has grown by more than RETIRE, or holds more than RETIRE_OWN
of its own (the pages of the model it copied by reading them count), ends
after its task, and a fresh one takes its place: what the task left behind
in it (caches, garbage not yet collected, memory the allocator keeps rather
than give back, copies) would otherwise add to the peak of every task after
it. A long agreement's documents each get a fresh worker that way; a short
one's share two. The workers are forked here, from the calling thread:
concurrent.futures' process pool forks from a thread of its own, and for
that reason refuses to replace its forked workers (max_tasks_per_child).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import TypeVar

from bocompile.heap import given_back, holes_filled, immortal

T = TypeVar("T")

#: how much more memory than it inherited a worker may hold and still take another task
RETIRE = 128 << 20
#: the same, after one of the large tasks (in_order's `large`)
RETIRE_LARGE = 48 << 20
#: how much memory of its own a worker may hold and still take another
#: task: what it allocated and the pages it copied of what it inherited
#: (CPython writes the reference count of each object it reads, so a worker
#: reading a mortal model copies every page its objects lie on). Since the
#: build's model is shared without copies (heap.py), what a worker holds of
#: its own is what its tasks left: at 256 MiB, two workers' leftovers and
#: the model passed 1 GiB at 20,000 articles (1,104 MiB, 366 s); at 128 MiB,
#: 949 MiB in the same time (370 s; bench/README.md)
RETIRE_OWN = 128 << 20
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


def in_order(
    tasks: Sequence[Callable[[], T]],
    worth_it: bool = True,
    setup: Callable[[], None] | None = None,
    large: int = 0,
    lasting: tuple[object, ...] = (),
) -> Iterator[T]:
    """Each task's result, in the order of `tasks`; an exception a task
    raises is raised here, when its turn comes. `worth_it`: the caller's
    word that the tasks outweigh starting the workers. `setup`: called in
    each process that runs tasks, before the first it runs. `large`: the
    first so many tasks may each reach the peak of the run on their own; a
    worker that grew by RETIRE_LARGE in one hands over (a long agreement's),
    so that what it left does not add to the peak of the next one, while a
    short agreement's go on in the same worker. `lasting`: what the workers
    read and this process keeps to its end, made immortal before they are
    forked (heap.immortal), and only then; the holes among them are filled
    then too (heap.holes_filled), so that what the workers make lies apart."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, len(tasks))
    forks = sys.platform.startswith("linux")  # macOS has fork, but frameworks there may not survive it
    if not worth_it or workers < 2 or not forks or not _alone() or _tasks:
        if setup and tasks:
            setup()
        yield from (task() for task in tasks)
        return
    _tasks[:] = list(tasks)
    # with no more tasks than cores, the first runs here: its result need not
    # travel back (a language's whole tree, when load reads them side by side)
    here = len(tasks) <= workers
    pool = _Workers(range(here, len(tasks)), workers - here, setup, large)
    if lasting:  # kept to this process's end: shared with the workers as they are
        immortal(*lasting)
        holes_filled()
    given_back()  # what this process freed would count in every worker's size
    try:
        pool.fill()
        if here:
            if setup:
                setup()
            yield tasks[0]()
        for index in range(here, len(tasks)):
            yield pool.result(index)  # type: ignore[misc]
    finally:
        pool.stop()
        _tasks.clear()


class _Workers:
    """Forked workers, `count` at a time, each asking for the next task as
    it finishes one, so that the work evens out however long each task is."""

    def __init__(self, indices: range, count: int, setup: Callable[[], None] | None, large: int = 0):
        self.waiting = deque(indices)
        self.count, self.setup, self.large = count, setup, large
        self.heavy = False  # whether a large task has grown its worker past RETIRE_LARGE (a long agreement's)
        self.running: dict[Connection, tuple[multiprocessing.process.BaseProcess, int]] = {}  # pipe -> worker, task
        self.lost: dict[int, int | None] = {}  # task -> the exit code of the worker that ended while running it
        self.done: dict[int, tuple[bool, object]] = {}  # task -> (whether it returned, its value or exception)

    def result(self, index: int) -> object:
        while index not in self.done:
            if index in self.lost:
                raise RuntimeError(f"a worker process ended (exit code {self.lost[index]}) before its task was done")
            self._receive()
        returned, value = self.done.pop(index)
        if not returned:
            raise value  # type: ignore[misc]
        return value

    def stop(self) -> None:
        for pipe, (process, _) in self.running.items():
            process.terminate()
            process.join()
            pipe.close()
        self.running.clear()

    def fill(self) -> None:
        """Fork workers for the waiting tasks, while there is room."""
        context = multiprocessing.get_context("fork")
        while self.waiting and len(self.running) < self.count:
            index = self._next()
            assert index is not None, "a fresh worker takes any task"
            pipe, theirs = context.Pipe()
            process = context.Process(target=_work, args=(index, theirs, self.setup), daemon=True)
            process.start()
            theirs.close()  # the worker holds its own end: when it ends, this end reads the end of the pipe
            self.running[pipe] = (process, index)

    def _next(self, after: int | None = None, grown: int = 0) -> int | None:
        """The task for a worker that has just run task `after` and grown by
        `grown` (None: a fresh worker): the first waiting, unless it is
        large, large tasks are `heavy` and one is running; then the first
        that is not large, so that two large tasks' peaks do not add up
        while the other work goes on beside one (two run at once only when
        nothing else is left). A worker that other tasks have grown by more
        than RETIRE_LARGE takes no large one, as what they left would add to
        its peak: it is given None when only large tasks are left, and a
        fresh worker takes its place."""
        if self.waiting[0] >= self.large:
            return self.waiting.popleft()
        fit = after is None or after < self.large or grown <= RETIRE_LARGE
        running = (index for _, index in self.running.values() if index not in self.done)
        if fit and not (self.heavy and any(index < self.large for index in running)):
            return self.waiting.popleft()
        for position, index in enumerate(self.waiting):
            if index >= self.large:
                del self.waiting[position]
                return index
        return self.waiting.popleft() if fit else None

    def _receive(self) -> None:
        for pipe in wait(list(self.running)):
            assert isinstance(pipe, Connection), "wait was given connections"
            process, index = self.running[pipe]
            try:
                returned, value, grown, full = pipe.recv()
            except EOFError:
                del self.running[pipe]
                process.join()
                pipe.close()
                if index not in self.done:
                    self.lost[index] = process.exitcode
                self.fill()
                continue
            self.done[index] = (returned, value)
            going_on = returned and not full and grown <= (RETIRE_LARGE if index < self.large else RETIRE)
            self.heavy = self.heavy or (index < self.large and grown > RETIRE_LARGE)
            following = self._next(index, grown) if going_on and self.waiting else None
            pipe.send(following)
            if following is not None:
                self.running[pipe] = (process, following)


def _work(index: int | None, pipe: Connection, setup: Callable[[], None] | None) -> None:
    """A worker's life: a task, its result sent back (with how much the
    worker has grown since it was forked, and whether its own memory has
    passed RETIRE_OWN), then the next task it is given, until it is given
    none; a task that raises ends it too."""
    if setup:
        setup()
    inherited, own = _resident(), _Own()
    while index is not None:
        outcome = _on_a_thread(_tasks[index])
        grown, full = _resident() - inherited, own.past(RETIRE_OWN)
        try:
            pipe.send((*outcome, grown, full))
        except Exception as error:  # a value or an exception that does not pickle
            pipe.send((False, RuntimeError(f"a task's result could not be sent back: {error}"), grown, full))
        index = pipe.recv()
    pipe.close()


def _on_a_thread(task: Callable[[], object]) -> tuple[bool, object]:
    """Run `task` on a thread of its own: (whether it returned, its value or
    the exception it raised). glibc gives a thread a malloc arena of its own
    (the same for each task of this worker, once the first thread has ended),
    so what the task allocates outside Python (libxml2's nodes) lies
    together, instead of in the thousands of holes the build's process left
    scattered through the heap this worker inherited: 53 MB in 15,700 holes
    of a 124 MB heap at 20,000 articles, where an NL DOCX was written 15 to
    20 % slower (bench/README.md)."""
    outcome: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            outcome.append((True, task()))
        except BaseException as error:
            outcome.append((False, error))

    thread = threading.Thread(target=run, name="bocompile task")
    thread.start()
    thread.join()
    returned, value = outcome[0]
    if not returned and isinstance(value, BaseException) and not isinstance(value, Exception):
        raise value  # SystemExit and the like end the worker, as they would without the thread
    return returned, value


class _Own:
    """This process's own memory (its private pages), read only when it may
    have passed a limit: reading it walks every page table (19 ms in a
    process of 650 MB, too slow after each of thousands of tasks), while a
    bound is cheap, as each page a process makes its own costs it a minor
    page fault."""

    def __init__(self) -> None:
        self.known, self.faults = 0, _faults()  # just forked: nothing of its own yet

    def past(self, limit: int) -> bool:
        faults = _faults()
        if self.known + (faults - self.faults) * _PAGE <= limit:
            return False
        self.faults = faults
        with open("/proc/self/smaps_rollup") as rollup:
            self.known = sum(int(line.split()[1]) << 10 for line in rollup if line.startswith("Private_"))
        return self.known > limit


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _faults() -> int:
    """The minor page faults of this process so far (imported here: only
    forked workers ask, and `resource` is POSIX's)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _resident() -> int:
    """This process's resident memory, in bytes (Linux: what fork needs)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE
