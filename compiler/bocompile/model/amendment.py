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
class Modification:
    """What one article of an instrument does to the agreement, for AKN's
    activeModifications: `action` is the Change action ("inserted",
    "replaced", "modified", "repealed", "reinstated")."""

    source: str          # key of the instrument's article
    action: str
    target: str          # key of the provision in the agreement
    path: tuple[tuple[str, tuple[int, ...]], ...]  # (kind, number) from its part down to it,
                                                   # numbers as after the amendment
