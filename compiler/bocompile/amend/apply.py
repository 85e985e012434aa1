"""The engine: one operation applied to the model, whatever the operation.

The registry says how each operation changes the agreement; the engine
numbers what it inserted (7/1, never a shift) and proves the result is
still a well-formed agreement (model.hierarchy).
"""

from __future__ import annotations

from bocompile.amend.tree import AmendmentError
from bocompile.model import Agreement, Change, walk_divisions
from bocompile.model.amendment import Operation
from bocompile.model.hierarchy import misplaced
from bocompile.number.inserted import number_new
from bocompile.operations import kind_of


def apply(agreement: Agreement, operation: Operation, change: Change) -> Agreement:
    before = {d.key: d.number for d in walk_divisions(agreement.parts) if d.number}
    result = kind_of(operation).apply(agreement, operation, change)
    problem = misplaced(result)
    if problem:
        raise AmendmentError(problem)
    return number_new(result, before)
