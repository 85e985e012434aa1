"""A node's content as a hashable value, without its source locations.

Two versions of a paragraph are the same when they say the same thing in
every language, even if one was read from the agreement and the other from
an amendment (another file and line).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING

from bocompile.diagnostics import Loc
from bocompile.model.memo import per_node

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def fingerprint(value: object) -> object:
    if isinstance(value, Loc):
        return None
    if is_dataclass(value) and not isinstance(value, type):
        return _node(value)
    if isinstance(value, Mapping):
        return tuple(sorted((key, fingerprint(item)) for key, item in value.items()))
    if isinstance(value, tuple):
        return tuple(fingerprint(item) for item in value)
    return value


@per_node
def _node(value: DataclassInstance) -> object:
    """A node's fingerprint, once per node: the states of the history share
    every node an amendment left alone, so each comparison after the first
    finds them done. Without its per-language locations ("localized" fields)."""
    return (
        type(value).__name__,
        *(fingerprint(getattr(value, f.name)) for f in fields(value) if f.metadata.get("holds") != "localized"),
    )
