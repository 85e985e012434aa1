"""The walked fields of any node (model.walk.holds), for the diff's generic code."""

from __future__ import annotations

from bocompile.diff.changes import Node
from bocompile.model.walk import holds


def walked(node: Node) -> tuple[tuple[str, str], ...]:
    """(field name, what it holds) of `node`'s fields the walker enters."""
    kind: type = type(node)
    return holds(kind)
