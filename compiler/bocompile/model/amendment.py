"""An amendment as the model holds it: its facts and its operations.

The operations themselves are defined, one module each, in the registry
(bocompile.operations); the model only carries them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bocompile.model.facts import AmendmentInfo

#: One operation of an amendment: a frozen dataclass registered in
#: bocompile.operations, with a per-language `loc`.
Operation = Any


@dataclass(frozen=True)
class Amendment:
    """One signed amendment: its facts (agreement.toml) and its operations."""

    info: AmendmentInfo
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Destination:
    """Where a modification applies, in the agreement as amended."""

    path: tuple[tuple[str, tuple[int, ...]], ...]  # (kind, number) from its part down to the provision
    lid: int | None = None  # one of its lids (from 1)
    cell: tuple[int, int] | None = None  # in that lid's data table: (row, column) of a figure, from 1
    pos: str | None = None  # "before" | "after" | "end": where an insertion goes


@dataclass(frozen=True)
class Modification:
    """What one modification (<mod>) of an instrument does to the agreement,
    for AKN's activeModifications."""

    source: int  # the Amending block that words it (its number in the instrument)
    type: str  # "insertion" | "substitution" | "repeal"
    destinations: tuple[Destination, ...]
