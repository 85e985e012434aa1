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

from bocompile.diff.changes import DivisionChange
from bocompile.diff.divisions import Shared, compare_divisions
from bocompile.model import Agreement
from bocompile.model.hierarchy import SUBDIVISIONS


def compare(old: Agreement, new: Agreement, shared: Shared | None = None) -> tuple[DivisionChange, ...]:
    """The changes from `old` to `new`, their parts first; `shared` carries
    what one comparison learnt of untouched divisions to the next."""
    return compare_divisions(old.parts, new.parts, shared)


def each(changes: tuple[DivisionChange, ...]) -> Iterator[DivisionChange]:
    """Every division's change in document order, parents before children."""
    for change in changes:
        yield change
        yield from each(change.children)


def around_changes(changes: tuple[DivisionChange, ...]) -> tuple[list[DivisionChange], int]:
    """What an instrument's redline shows, in document order: each provision
    that changed, whole (its numbered paragraphs included), under the headings
    of the parts and sections that hold it; and how many provisions it leaves
    out. What both states share by identity is skipped without a look, so the
    cost follows the amendment, not the agreement."""
    shown: list[DivisionChange] = []
    omitted = 0
    for change in changes:
        if not _touched(change):
            omitted += change.provisions
        elif all(child.division.kind in SUBDIVISIONS for child in change.children):
            shown += each((change,))
        else:
            shown.append(change)
            inner, left_out = around_changes(change.children)
            shown += inner
            omitted += left_out
    return shown, omitted


def _touched(change: DivisionChange) -> bool:
    """Whether a division or anything it holds changed."""
    return not change.unchanged and (change.changed or any(map(_touched, change.children)))
