"""Immutable edits of the division tree by key, for the operations.

An edit that cannot apply raises AmendmentError; the engine reports it at
the operation's file:line.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Callable

from bocompile.model import Agreement, Change, Division, walk_divisions


class AmendmentError(Exception):
    """An operation that cannot apply; `lang` names the language at fault."""

    def __init__(self, message: str, lang: str | None = None):
        super().__init__(message)
        self.lang = lang


def live(agreement: Agreement, key: str) -> Division:
    """The division `key`, which must exist and be in force."""
    division = find(agreement, key)
    if division is None:
        keys = [d.key for d in walk_divisions(agreement.parts) if not d.repealed]
        near = difflib.get_close_matches(key, keys, n=3)
        raise AmendmentError(f"'{key}' does not exist at this point; use the key of a part, section, "
                             "article or paragraph in force" + (f" (did you mean {', '.join(map(repr, near))}?)"
                                                                if near else ""))
    if division.repealed:
        raise AmendmentError(f"'{key}' is repealed at this point; reinstate it first")
    return division


def noted(division: Division, action: str, change: Change) -> Division:
    """`division` with `change` recorded once per amendment and action (two
    set-cells, one note)."""
    if any((c.action, c.amendment) == (action, change.amendment) for c in division.history):
        return division
    return replace(division, history=division.history + (replace(change, action=action),))


def find(agreement: Agreement, key: str) -> Division | None:
    return next((d for d in walk_divisions(agreement.parts) if d.key == key), None)


def path_to(agreement: Agreement, key: str) -> tuple[Division, ...]:
    """The divisions from the top part down to `key` (empty if absent)."""
    def visit(divisions, trail):
        for d in divisions:
            found = (*trail, d) if d.key == key else visit(d.children, (*trail, d))
            if found:
                return found
        return ()
    return visit(agreement.parts, ())


def update(agreement: Agreement, key: str, change: Callable[[Division], Division]) -> Agreement:
    """The agreement with division `key` replaced by `change(division)`."""
    def visit(divisions: tuple[Division, ...]) -> tuple[Division, ...]:
        return tuple(change(d) if d.key == key else
                     replace(d, children=visit(d.children)) if d.children else d
                     for d in divisions)
    return Agreement(visit(agreement.parts))


def insert(agreement: Agreement, new: Division, position: str, anchor: str) -> Agreement:
    """Put `new` after/before `anchor`, or at the end of it ("in")."""
    if position == "in":
        return update(agreement, anchor, lambda d: replace(d, children=d.children + (new,)))

    def visit(divisions: tuple[Division, ...]) -> tuple[Division, ...]:
        out: list[Division] = []
        for d in divisions:
            if d.key == anchor and position == "before":
                out.append(new)
            out.append(replace(d, children=visit(d.children)) if d.children else d)
            if d.key == anchor and position == "after":
                out.append(new)
        return tuple(out)
    return Agreement(visit(agreement.parts))
