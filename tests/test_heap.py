"""What a run keeps: the collector stops walking what loading and composing
leave alive (heap.settled freezes it), so a reference cycle among it would
hold all it refers to until the process ends. A one-core machine read both
languages in its own process, and a nested function calling itself in the
repeat check held every division's content: 180 MB at 20,000 articles."""

from __future__ import annotations

import gc
import inspect

import pytest

from bocompile.compose import whole_texts
from bocompile.compose.inputs import history_of
from bocompile.heap import one_run
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
