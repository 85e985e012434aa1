"""Amendment operations: what an amendment does, as docs/format.md ("Amendments") lists them.

Read per language and merged like the agreement, so both languages of an
amendment are proven to hold the same operations on the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Union

from bocompile.diagnostics import Loc
from bocompile.model.facts import AmendmentInfo
from bocompile.model.nodes import Block, Division, Localized


@dataclass(frozen=True)
class Replace:
    """A whole division (content: one Division with the same key), or its
    `paragraph`-th block (content: blocks)."""

    target: str
    paragraph: int | None
    content: tuple
    loc: Localized[Loc]


@dataclass(frozen=True)
class Insert:
    """A new division after/before `anchor`, or at the end ("in") of it."""

    key: str
    position: str  # "after" | "before" | "in"
    anchor: str
    content: tuple[Division, ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class Repeal:
    target: str
    loc: Localized[Loc]


@dataclass(frozen=True)
class ReplaceWords:
    target: str
    old: Localized[str]
    new: Localized[str]
    count: int | None  # None: every occurrence, at least one
    loc: Localized[Loc]


@dataclass(frozen=True)
class Append:
    """Blocks added at the end of an article; a list continues its last list."""

    target: str
    content: tuple[Block, ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class SetCell:
    table: str
    row: str
    column: str
    value: Decimal
    loc: Localized[Loc]


@dataclass(frozen=True)
class Reinstate:
    """New content for a repealed number (content: one Division, same key)."""

    target: str
    content: tuple[Division, ...]
    loc: Localized[Loc]


Operation = Union[Replace, Insert, Repeal, ReplaceWords, Append, SetCell, Reinstate]

ACTIONS = {
    "replace": Replace, "insert": Insert, "repeal": Repeal, "replace-words": ReplaceWords,
    "append": Append, "set-cell": SetCell, "reinstate": Reinstate,
}


def target_of(operation: Operation) -> str:
    """The key an operation works on (the table key for set-cell)."""
    return getattr(operation, "target", None) or getattr(operation, "anchor", None) or operation.table


@dataclass(frozen=True)
class Amendment:
    """One signed amendment: its facts (agreement.toml) and its operations."""

    info: AmendmentInfo
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Modification:
    """What one article of an instrument does to the agreement, for AKN's
    activeModifications: `action` is the Change action ("inserted",
    "replaced", "modified", "repealed", "reinstated")."""

    source: str          # key of the instrument's article
    action: str
    target: str          # key of the provision in the agreement
    path: tuple[tuple[str, tuple[int, ...]], ...]  # (kind, number) from its part down to it,
                                                   # numbers as after the amendment
