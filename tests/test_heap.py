"""What a build's writing leaves behind: a long task's cyclic garbage (a
python-docx document's package and parts point at each other) is collected
when it returns, so the next document is not written beside it."""

from __future__ import annotations

import weakref

from bocompile import heap


class _Part:
    """Stands for a python-docx part: it and its package point at each other."""


def _written():
    part, package = _Part(), _Part()
    part.package, package.part = package, part
    return weakref.ref(part)


def test_a_long_task_leaves_no_garbage_and_a_short_one_leaves_it_to_the_run(monkeypatch):
    with heap.one_run():
        monkeypatch.setattr(heap, "LONG_TASK", 0.0)
        assert heap.tidied(_written)()() is None
        monkeypatch.setattr(heap, "LONG_TASK", 60.0)
        assert heap.tidied(_written)()() is not None
