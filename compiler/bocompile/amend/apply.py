"""The engine: one operation applied to the model, whatever the operation.

The registry says how each operation changes the agreement; the engine
numbers what it inserted (7/1, never a shift) and proves the result is
still a well-formed agreement (model.hierarchy).
"""

from __future__ import annotations

from bocompile.amend.tree import AmendmentError, fresh, touched
from bocompile.model import Agreement, Change
from bocompile.model.amendment import Operation
from bocompile.model.hierarchy import first_problem
from bocompile.number.inserted import number_new
from bocompile.operations import kind_of


def apply(agreement: Agreement, operation: Operation, change: Change) -> Agreement:
    """The agreement after `operation`. The agreement before it was proven, and
    what the operation did not touch is shared with it: only the divisions it
    made (and those above them) are proven and numbered again."""
    result = kind_of(operation).apply(agreement, operation, change)
    made = [division for _, division in fresh(agreement.parts, result.parts)]
    top = []
    if result.parts is not agreement.parts:  # the parts it made, between their neighbours: the rest stood before
        start, stop = touched(agreement.parts, result.parts)
        top = [(None, result.parts[max(start - 1, 0) : stop + 1])]
    problem = first_problem(top + [(division, division.children) for division in made])
    if problem:
        raise AmendmentError(problem)
    return number_new(result, agreement, made)
