"""What changed between two states of the agreement, as data.

The structure is language-neutral like the model: a node is kept, added,
removed or changed; a changed node holds, per field, the changes of its
children or its merged words. Merged words are ordinary inlines in which
`Tracked` wraps what only one side has, so the writers render them with
their usual inline code (footnotes, references and emphasis included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Union

from bocompile.model import Division, Localized
from bocompile.model.nodes import Inlines, nodes


INSERTED, DELETED = "inserted", "deleted"


@dataclass(frozen=True)
class Tracked:
    """Inline words only the new text has (`inserted`) or only the old one
    (`deleted`)."""

    change: str
    children: tuple = nodes()


@dataclass(frozen=True)
class Kept:
    """A node (or table row) the same on both sides; `node` is the new one."""

    node: object


@dataclass(frozen=True)
class Added:
    node: object


@dataclass(frozen=True)
class Removed:
    node: object


@dataclass(frozen=True)
class Changed:
    """A node present on both sides with different content. `parts` maps each
    walked field to its merged words (text fields: Localized inlines with
    Tracked) or the changes of its children (node fields: a tuple of
    Deltas); a table row (a tuple of cells) has the single part "cells"."""

    old: object
    new: object
    parts: Mapping[str, object]

    @property
    def restyled(self) -> bool:
        """A paragraph that became a sub-heading, or a sub-heading of another level."""
        return type(self.old) is not type(self.new) or getattr(self.old, "level", None) != getattr(
            self.new, "level", None)


Delta = Union[Kept, Added, Removed, Changed]

@dataclass(frozen=True)
class DivisionChange:
    """One division on either side (parents before children in
    `comparison.divisions`): its heading, its own blocks, its children."""

    old: Division | None
    new: Division | None
    #: "same"; "words" (its title's words, merged in `title`); "replaced" (its
    #: wording: repealed, reinstated); "added" or "removed" with the division
    heading: str
    title: Localized[Inlines] = field(default_factory=dict)
    blocks: tuple[Delta, ...] = ()
    children: tuple["DivisionChange", ...] = ()

    @property
    def key(self) -> str:
        return (self.new or self.old).key

    @property
    def division(self) -> Division:
        """The division as it stands now (as it stood, if it is gone)."""
        return self.new or self.old

    @property
    def changed(self) -> bool:
        """Whether its own heading or blocks changed (not only its children)."""
        return self.heading != "same" or not all(isinstance(d, Kept) for d in self.blocks)
