"""What a run keeps: the collector stops walking what loading and composing
leave alive (heap.settled freezes it), so a reference cycle among it would
hold all it refers to until the process ends. A one-core machine read both
languages in its own process, and a nested function calling itself in the
repeat check held every division's content: 180 MB at 20,000 articles.
And what the command line's build keeps for good: its model, made immortal
before it forks, which a worker then reads without copying it, and the
holes among it, filled so that a worker's own objects lie apart."""

from __future__ import annotations

import gc
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic import Agreement

from bocompile.compose import whole_texts
from bocompile.compose.inputs import history_of
from bocompile.heap import immortals, one_run
from bocompile.load import load
from bocompile.model.nodes import Node
from bocompile.project import Project
from bocompile.typography import typeset_editions
from conftest import REPO


@pytest.fixture
def cycles():
    """The objects found only in reference cycles, once a build's process
    has composed the bundled agreement's whole texts (as `build` does, up to
    where it writes)."""
    gc.collect()
    with one_run():
        loaded = load(Project.open(REPO))
        texts = typeset_editions(whole_texts(loaded, True, None, False, states=history_of(loaded)))
        gc.unfreeze()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            found = list(gc.garbage)
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    assert texts, "the agreement has whole texts"
    return found


def test_composing_the_whole_texts_leaves_no_cycle_holding_the_model(cycles):
    nodes = [type(o).__name__ for o in cycles if isinstance(o, Node)]
    ours = [o.__qualname__ for o in cycles if inspect.isfunction(o) and o.__module__.startswith("bocompile")]
    assert not ours, f"functions of bocompile in reference cycles: {ours}"
    assert not nodes, f"{len(nodes)} nodes of the model held only by reference cycles: {sorted(set(nodes))}"


#: put before the scripts below, which measure a worker's copies by what it shares, in kB
SHARED = """
def shared():
    with open("/proc/self/smaps_rollup") as rollup:
        return sum(int(line.split()[1]) for line in rollup if line.startswith("Shared_"))
"""


#: in a process of its own (what it keeps stays to its end): the whole texts
#: of the project at argv[1] composed as a build composes them, then handed
#: to cores.in_order as a build hands them, kept for good (immortal, holes
#: filled) if argv[2] says so; its forked worker writes the consolidated
#: NL|FR DOCX and gives back how many kB of the pages it shares with the
#: build's process it copied meanwhile
WORKER_COPIES = """
import sys
from pathlib import Path
from bocompile.compose import whole_texts
from bocompile.compose.inputs import history_of
from bocompile.cores import in_order
from bocompile.heap import one_run, settled, writing
from bocompile.load import load
from bocompile.project import Project
from bocompile.typography import typeset_editions
from bocompile.write.docx import docx_files

def copied():
    before = shared()
    assert docx_files(texts[1], ("nl", "fr"))["nl-fr.docx"]()
    return before - shared()

with one_run():
    loaded = load(Project.open(Path(sys.argv[1])))
    states = history_of(loaded)
    texts = typeset_editions(whole_texts(loaded, True, None, False, states=states))
    settled()
    lasting = (loaded, states, texts) if sys.argv[2] == "kept" else ()
    print(list(in_order([lambda: 0, copied], setup=writing, lasting=lasting))[1])
"""


@pytest.mark.skipif(not immortals(), reason="needs CPython 3.12 or newer (immortal objects, PEP 683)")
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a build forks its workers only on 2 cores or more")
def test_a_worker_reads_a_kept_model_without_copying_it(tmp_path):
    """The build of the command line keeps its model for good before it
    forks: a worker writing a whole text then copies less than a quarter of
    the pages it copied of a model left as it was (3 MB instead of 17 MB
    here, where most of what is left is the interpreter's own; 8 MB
    instead of 496 MB at 20,000 articles). It reads the model without
    writing its reference counts (immortal) or its strings' hashes
    (computed before), and makes its own objects in pools of its own, not
    in the holes between the model's."""
    Agreement(600, 60).write_project(tmp_path)
    copied = {}
    for kind in ("mortal", "kept"):
        run = subprocess.run(
            [sys.executable, "-c", SHARED + WORKER_COPIES, str(tmp_path), kind],
            capture_output=True,
            text=True,
            check=True,
        )
        copied[kind] = int(run.stdout)
    assert copied["mortal"] > 5_000, f"a worker copies the pages it reads of a mortal model: {copied}"
    assert copied["kept"] < copied["mortal"] / 4, f"kB copied by the worker: {copied}"


#: in a process of its own: the bundled agreement built into argv[2] by the
#: command line (argv[1] "cli") or by the library's `build`; prints how many
#: of the model's nodes still alive after it are immortal, and how many there are
IMMORTAL_NODES = """
import gc, sys
from pathlib import Path
from bocompile.build import build
from bocompile.cli import main
from bocompile.model.nodes import Node
from bocompile.project import Project
from conftest import REPO

if sys.argv[1] == "cli":
    main(["-C", str(REPO), "-q", "build", "-o", sys.argv[2]], standalone_mode=False)
else:
    build(Project.open(REPO), Path(sys.argv[2]))
nodes = [o for o in gc.get_objects() if isinstance(o, Node)]
print(sum(sys.getrefcount(o) == 0xFFFFFFFF for o in nodes), len(nodes))
"""


@pytest.mark.skipif(not immortals(), reason="needs CPython 3.12 or newer (immortal objects, PEP 683)")
def test_only_the_command_line_keeps_its_model_for_good(tmp_path):
    """The command line's build ends its process, so its model may stay
    immortal; a build called as a library (by `watch`, on every save) must
    leave its model to be freed."""
    counted = {}
    for caller in ("cli", "library"):
        run = subprocess.run(
            [sys.executable, "-c", IMMORTAL_NODES, caller, str(tmp_path / caller)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        )
        counted[caller] = tuple(map(int, run.stdout.split()))
    immortal_nodes, alive = counted["cli"]
    assert immortal_nodes > 1_000 and immortal_nodes == alive, f"(immortal, alive) nodes: {counted}"
    assert counted["library"][0] == 0, f"(immortal, alive) nodes after a library build: {counted}"


#: in a process of its own (what it fills stays taken to its end): a million
#: small objects, every other one freed, which leaves a hole in every page;
#: the holes filled if argv[1] says so; then a forked worker makes 400,000
#: of its own and prints how many kB of the pages it shared it copied
WORKER_OBJECTS = """
import os, sys
from bocompile.heap import holes_filled

kept = [(i,) * (i % 5 + 1) for i in range(1_000_000)]
del kept[::2]
if sys.argv[1] == "filled":
    assert holes_filled() > 10_000_000
reading, answer = os.pipe()
if os.fork() == 0:
    before = shared()
    made = [(i,) * (i % 5 + 1) for i in range(400_000)]
    os.write(answer, str(before - shared()).encode())
    os._exit(0)
os.wait()
print(os.read(reading, 64).decode())
"""


def test_a_worker_makes_its_objects_apart_from_the_builds_pages():
    """Before the command line's build forks, the holes that freed objects
    left in its pages are filled: a worker's own objects then go to pages
    of its own, instead of copying a page of the build's process for each
    few bytes it makes (78 MB here with the holes left, 1.6 MB filled)."""
    copied = {}
    for kind in ("holes", "filled"):
        run = subprocess.run(
            [sys.executable, "-c", SHARED + WORKER_OBJECTS, kind], capture_output=True, text=True, check=True
        )
        copied[kind] = int(run.stdout)
    assert copied["holes"] > 20_000, f"a worker's objects fill the holes of the pages it shares: {copied}"
    assert copied["filled"] < copied["holes"] / 10, f"kB copied by the worker: {copied}"
