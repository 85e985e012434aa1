"""The registry of amendment operations, in the manner of markdown-it's rule tables.

One `OperationKind` declares everything about one operation: how its
opening line reads (`::: replace-words KEY count=N`), how its content is
read, how it applies to the model, which provision it changes, which event
it records (and so how AKN types it), and which formula words it in an
instrument. Readers, the engine, the language merge, the instrument and the
AKN writer look operations up here; none switches on their types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bocompile.model import Agreement, Block, Change
from bocompile.model.amendment import Destination, Operation

if TYPE_CHECKING:
    from bocompile.compose.formulas import Formulas
    from bocompile.read.amendment import AmendmentReader
    from bocompile.read.syntax import Node

#: A key in an opening line's syntax.
KEY = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class OperationKind:
    name: str  # the action word: `::: <name> ...`
    type: type  # the frozen dataclass of its values (fields with model metadata)
    noun: str  # what messages call it: "replace-words operation"
    syntax: str  # the opening line after the name, a regex with named groups
    usage: str  # the opening line as the user writes it, for errors
    #: read(reader, container node, groups of the opening line, loc) -> operation or None
    read: Callable[[AmendmentReader, Node, dict, dict], Operation | None]
    #: apply(agreement in force, operation, change to record) -> amended agreement
    apply: Callable[[Agreement, Operation, Change], Agreement]
    #: target(operation, agreement before it) -> key of the provision it changes
    target: Callable[[Operation, Agreement], str]
    #: action(operation) -> the Change action it records ("inserted", "modified", ...)
    action: Callable[[Operation], str]
    #: word(formulas, operation, family) -> the instrument's blocks for it (an Amending)
    word: Callable[[Formulas, Operation, str], tuple[Block, ...]]
    #: textual(formulas, operation) -> its AKN textualMod type and destinations
    textual: Callable[[Formulas, Operation], tuple[str, tuple[Destination, ...]]]
    #: the templates it words with, under formula.<name> and formula.item.<name>
    formulas: tuple[str, ...]
    #: word_run(formulas, operations, family) -> one article for consecutive new
    #: provisions ("de artikelen 30 tot 32"); None: each operation has its own
    word_run: Callable[[Formulas, tuple[Operation, ...], str], tuple[Block, ...]] | None = None

    def opening(self, line: str) -> dict | None:
        """The named groups of an opening line, or None if it does not read."""
        match = re.fullmatch(f"{re.escape(self.name)} {self.syntax}", " ".join(line.split()))
        return match.groupdict() if match else None


_KINDS: dict[str, OperationKind] = {}


def register(kind: OperationKind) -> OperationKind:
    """Make an operation known to every stage; returns it (usable as a decorator value)."""
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"operation '{kind.name}' is already registered")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


def kinds() -> Iterator[OperationKind]:
    return iter(tuple(_KINDS.values()))


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def by_name(name: str) -> OperationKind | None:
    return _KINDS.get(name)


def kind_of(operation: Operation) -> OperationKind:
    for kind in _KINDS.values():
        if type(operation) is kind.type:
            return kind
    raise LookupError(f"{type(operation).__name__} is not a registered operation")
