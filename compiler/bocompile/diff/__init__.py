"""The diff stage: what changed between two states of the agreement.

Two states from the history (amend/history.py) are compared without their
Justel marks and without renumbering: provisions by key
(diff/divisions.py), blocks by alignment (diff/blocks.py), words by a
word-level diff (diff/words.py). The result (diff/changes.py) is
language-neutral like the model; compose/comparison.py words it and
diff/views.py turns it into model trees that writers render (a redline, a
synoptic table). diff/points.py reads the user's FROM and TO.
"""

from __future__ import annotations

from collections.abc import Iterator

from bocompile.amend.marks import unmarked
from bocompile.diff.changes import DivisionChange
from bocompile.diff.divisions import Shared, compare_divisions
from bocompile.model import Agreement


def compare(old: Agreement, new: Agreement, shared: Shared | None = None) -> tuple[DivisionChange, ...]:
    """The changes from `old` to `new`, their parts first; `shared` carries
    what one comparison learnt of untouched divisions to the next."""
    return compare_divisions(unmarked(old).parts, unmarked(new).parts, shared)


def each(changes: tuple[DivisionChange, ...]) -> Iterator[DivisionChange]:
    """Every division's change in document order, parents before children."""
    for change in changes:
        yield change
        yield from each(change.children)
