"""What changed between two states of the agreement, as data.

The structure is language-neutral like the model: a node is kept, added,
removed or changed; a changed node holds, per field, its merged words or
the changes of its children. Merged words are ordinary inlines in which
`Tracked` wraps what only one side has, so the writers render them with
their usual inline code (footnotes, references and emphasis included).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bocompile.model import Division, Inline, Localized
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.model.memo import per_node
from bocompile.model.nodes import Inlines, nodes

INSERTED, DELETED = "inserted", "deleted"
#: a node of the model (a block, a list item, a table cell, a data row) or a
#: table row (a tuple of cells): what the model's walker walks
Node = Any


@dataclass(frozen=True)
class Tracked:
    """Inline words only the new text has (`inserted`) or only the old one
    (`deleted`)."""

    change: str
    children: Inlines = nodes()


#: merged words: one language's inlines, Tracked around what one side only has
Words = tuple[Inline | Tracked, ...]


@dataclass(frozen=True)
class Kept:
    """A node (or table row) the same on both sides; `node` is the new one."""

    node: Node


@dataclass(frozen=True)
class Added:
    node: Node


@dataclass(frozen=True)
class Removed:
    node: Node


@dataclass(frozen=True)
class Changed:
    """A node present on both sides with different content: per walked field,
    its merged words (a text field: inlines with Tracked, per language) or
    the changes of its children (a node field); a table row (a tuple of
    cells) has the children "cells"."""

    old: Node
    new: Node
    words: Mapping[str, Localized[Words]]
    children: Mapping[str, tuple[Delta, ...]]

    @property
    def restyled(self) -> bool:
        """A paragraph that became a sub-heading, or a sub-heading of another level."""
        return type(self.old) is not type(self.new) or getattr(self.old, "level", None) != getattr(
            self.new, "level", None
        )


Delta = Kept | Added | Removed | Changed


@dataclass(frozen=True)
class DivisionChange:
    """One division on either side (parents before children in
    `comparison.divisions`): its heading, its own blocks, its children."""

    old: Division | None
    new: Division | None
    #: "same"; "words" (its title's words, merged in `title`); "replaced" (its
    #: wording: repealed, reinstated); "added" or "removed" with the division
    heading: str
    title: Localized[Words] = field(default_factory=dict)
    blocks: tuple[Delta, ...] = ()
    children: tuple[DivisionChange, ...] = ()

    @property
    def key(self) -> str:
        return self.division.key

    @property
    def division(self) -> Division:
        """The division as it stands now (as it stood, if it is gone)."""
        division = self.new or self.old
        assert division is not None, "a change has at least one side"
        return division

    @property
    def sides(self) -> tuple[Division, Division]:
        """The old and the new division, of a division both texts have."""
        assert self.old is not None and self.new is not None, f"'{self.key}' is in one text only"
        return self.old, self.new

    @property
    def unchanged(self) -> bool:
        """Whether both texts share it, so nothing in it changed."""
        return self.old is self.new

    @property
    def provisions(self) -> int:
        """How many parts, sections and articles it is, itself included."""
        return provisions(self.division)

    @property
    def changed(self) -> bool:
        """Whether its own heading or blocks changed (not only its children)."""
        return self.heading != "same" or not all(isinstance(d, Kept) for d in self.blocks)


@per_node
def provisions(division: Division) -> int:
    """The parts, sections and articles of `division`, itself included; counted
    once per division however many states share it."""
    return (division.kind not in SUBDIVISIONS) + sum(map(provisions, division.children))
