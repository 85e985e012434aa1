"""Renumbering for a coordinated version: 1..n again, repealed ones gone.

Only `--renumber` does this; ordinary amendments never move a number.
References are by key, so they follow by themselves; the concordance says
what moved, for the reader who knows the old numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bocompile.model import Agreement, Division, walk_divisions
from bocompile.number import Number, assign


@dataclass(frozen=True)
class Move:
    """One line of the concordance table; `new` is None when repealed."""

    kind: str
    key: str
    old: Number
    new: Number | None


def renumber(agreement: Agreement) -> tuple[Agreement, tuple[Move, ...]]:
    old = {d.key: d for d in walk_divisions(agreement.parts)}

    def kept(divisions: tuple[Division, ...]) -> tuple[Division, ...]:
        return tuple(replace(d, number=(), children=kept(d.children))
                     for d in divisions if not d.repealed)

    fresh = assign(Agreement(kept(agreement.parts)))
    new = {d.key: d.number for d in walk_divisions(fresh.parts)}
    moves = tuple(Move(d.kind, d.key, d.number, new.get(d.key)) for d in old.values()
                  if new.get(d.key) != d.number)
    return fresh, moves
