"""Immutable edits of the division tree by key, for the operations.

An edit that cannot apply raises AmendmentError; the engine reports it at
the operation's file:line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import chain, compress, count
from operator import is_not

from bocompile.model import Agreement, Change, Division, walk_divisions
from bocompile.model.memo import per_node


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
        raise AmendmentError(
            f"'{key}' does not exist at this point; use the key of a part, section, "
            "article or paragraph in force" + (f" (did you mean {', '.join(map(repr, near))}?)" if near else "")
        )
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
    path = path_to(agreement, key)
    return path[-1] if path else None


def existing(agreement: Agreement, key: str) -> Division:
    """The division `key`, in force or not, which the caller knows is there
    (the provision of an operation that applied)."""
    division = find(agreement, key)
    assert division is not None, f"'{key}' is not in the agreement"
    return division


#: key -> where it was last found: its place among its siblings, and theirs
#: above it. A provision never moves, so it is almost always still there in
#: the next state; the division found there is checked by its key (unique in
#: an agreement), so a stale place (an insertion before it) only costs a search.
_PLACES: dict[str, tuple[int, ...]] = {}


def path_to(agreement: Agreement, key: str) -> tuple[Division, ...]:
    """The divisions from the top part down to `key` (empty if absent)."""
    return _located(agreement, key)[0]


def _located(agreement: Agreement, key: str) -> tuple[tuple[Division, ...], tuple[int, ...]]:
    """The path down to `key` and its place (both empty if absent): where it
    last stood, else down the one branch whose keys hold it, not through the
    whole tree (nor through every part of a long agreement). An insertion
    before it moves it a little further on: each level is searched from
    where it was, onwards first."""
    last = _PLACES.get(key, ())
    path = _at(agreement, last)
    if path and path[-1].key == key:
        return path, last
    divisions = agreement.parts
    trail: tuple[Division, ...] = ()
    place: tuple[int, ...] = ()
    while True:
        was = last[len(place)] if len(place) < len(last) else 0
        for index in chain(range(was, len(divisions)), range(min(was, len(divisions)) - 1, -1, -1)):
            division = divisions[index]
            if division.key == key:
                _PLACES[key] = place = (*place, index)
                return (*trail, division), place
            if division.children and key in keys_under(division):
                divisions, trail, place = division.children, (*trail, division), (*place, index)
                break
        else:
            return (), ()


def learn_places(agreement: Agreement) -> None:
    """Where every division of `agreement` stands, for path_to: one walk
    instead of a search through the parts for each key first asked."""
    _learn(agreement.parts, ())


def _learn(divisions: tuple[Division, ...], above: tuple[int, ...]) -> None:
    """Each division below `above` and its children (a module function: heap.settled)."""
    for index, division in enumerate(divisions):
        _PLACES[division.key] = place = (*above, index)
        _learn(division.children, place)


def _at(agreement: Agreement, place: tuple[int, ...]) -> tuple[Division, ...]:
    """The divisions down `place` (empty if the tree has no such place)."""
    divisions, trail = agreement.parts, []
    for index in place:
        if index >= len(divisions):
            return ()
        trail.append(divisions[index])
        divisions = divisions[index].children
    return tuple(trail)


def position(agreement: Agreement, key: str) -> tuple[int, ...]:
    """Where division `key` stands: its place among its siblings, and theirs
    above it; positions sort in the order of the text."""
    path, place = _located(agreement, key)
    if not path:
        raise KeyError(key)
    return place


@per_node
def keys_under(division: Division) -> frozenset[str]:
    """The keys of `division` and of every division below it."""
    return frozenset((division.key,)).union(*(keys_under(c) if c.children else (c.key,) for c in division.children))


def update(agreement: Agreement, key: str, change: Callable[[Division], Division]) -> Agreement:
    """The agreement with division `key` replaced by `change(division)`; only
    the divisions above it are new, every other one is shared."""
    path = path_to(agreement, key)
    if not path:
        return agreement
    return _rebuilt(agreement, path[:-1], path[-1], (change(path[-1]),))


def insert(agreement: Agreement, new: Division, position: str, anchor: str) -> Agreement:
    """Put `new` after/before `anchor`, or at the end of it ("in")."""
    if position == "in":
        return update(agreement, anchor, lambda d: replace(d, children=d.children + (new,)))
    path = path_to(agreement, anchor)
    if not path:
        return agreement
    return _rebuilt(agreement, path[:-1], path[-1], (new, path[-1]) if position == "before" else (path[-1], new))


def _rebuilt(agreement: Agreement, above: tuple[Division, ...], old: Division, new: tuple[Division, ...]) -> Agreement:
    """`agreement` with `old`, which stands under the divisions `above`, replaced by `new`."""
    for parent in reversed(above):
        new, old = (replace(parent, children=_swap(parent.children, old, new)),), parent
    return Agreement(_swap(agreement.parts, old, new))


def _swap(divisions: tuple[Division, ...], old: Division, new: tuple[Division, ...]) -> tuple[Division, ...]:
    index = next(i for i, d in enumerate(divisions) if d is old)
    return divisions[:index] + new + divisions[index + 1 :]


def touched(before: tuple[Division, ...], after: tuple[Division, ...]) -> tuple[int, int]:
    """The span of `after` an edit made: what lies outside it, at either end,
    is the very same divisions as in `before`."""
    shorter = min(len(before), len(after))  # the agreement's parts are many: compared at C speed
    start = next(compress(count(), map(is_not, before, after)), shorter)
    end = next(compress(count(), map(is_not, reversed(before), reversed(after))), shorter)
    return start, len(after) - min(end, shorter - start)


def fresh(
    before: tuple[Division, ...], after: tuple[Division, ...], parent: Division | None = None
) -> Iterator[tuple[Division | None, Division]]:
    """(parent, division) for every division of `after` that `before` does
    not hold as the same object, in document order: what an edit made, and
    the divisions above it. The rest is shared, so it is not visited."""
    if before is after:
        return
    start, stop = touched(before, after)
    old = {d.key: d for d in before[start : len(before) - (len(after) - stop)]}
    for division in after[start:stop]:
        was = old.get(division.key)
        if was is not division:
            yield parent, division
            yield from fresh(was.children if was is not None else (), division.children, division)
