"""Numbers for provisions that appear after signing: 7/1, never a shift.

Per the Raad van State: an article between 7 and 8 is 7/1, the next 7/2,
one between 7/1 and 7/2 is 7/1/1, one before article 1 is 0/1, and one after
the last article takes the next whole number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from bocompile.amend.tree import find, path_to, update
from bocompile.model import Agreement, Division, walk_divisions
from bocompile.model.hierarchy import THROUGHOUT

Number = tuple[int, ...]


def between(before: Number | None, after: Number | None) -> Number:
    if after is None:
        return ((before[0] if before else 0) + 1,)
    if before is not None:
        for candidate in (before[:-1] + (before[-1] + 1,) if len(before) > 1 else before + (1,), before + (1,)):
            if before < candidate < after:
                return candidate
    return after[:-1] + (after[-1] - 1, 1)


def number_new(agreement: Agreement, before: Agreement, made: list[Division]) -> Agreement:
    """Give every unnumbered division of `made` (the divisions an edit of
    `before` made, in document order; all others are numbered) a number: its
    number in `before` if its key had one, else one between its numbered
    neighbours."""
    numbers: dict[str, Number] = {}

    def known(division: Division) -> Number:
        if division.number or division.key in numbers:
            return division.number or numbers[division.key]
        old = find(before, division.key)
        return old.number if old is not None else ()

    for division in made:
        if division.number:
            continue
        numbers[division.key] = known(division) or _between_neighbours(agreement, division, known)
    for key, number in numbers.items():
        agreement = update(agreement, key, partial(replace, number=number))
    return agreement


def _between_neighbours(agreement: Agreement, division: Division, known) -> Number:
    """A number between the nearest numbered divisions of its kind before and
    after it: in the whole agreement for kinds numbered throughout, else among
    its siblings."""
    path = path_to(agreement, division.key)
    if division.kind in THROUGHOUT:
        earlier, later = _preceding(agreement, path), _following(agreement, path)
    else:
        siblings = path[-2].children if len(path) > 1 else agreement.parts
        index = next(i for i, d in enumerate(siblings) if d is division)
        earlier, later = reversed(siblings[:index]), iter(siblings[index + 1 :])
    before = next((n for d in earlier if d.kind == division.kind and (n := known(d))), None)
    after = next((n for d in later if d.kind == division.kind and (n := known(d))), None)
    return between(before, after)


def _preceding(agreement: Agreement, path: tuple[Division, ...]) -> Iterator[Division]:
    """The divisions before path[-1] in document order, nearest first."""
    for depth in range(len(path) - 1, -1, -1):
        siblings = path[depth - 1].children if depth else agreement.parts
        index = next(i for i, d in enumerate(siblings) if d is path[depth])
        for sibling in reversed(siblings[:index]):
            yield from _backwards(sibling)
        if depth:
            yield path[depth - 1]


def _backwards(division: Division) -> Iterator[Division]:
    for child in reversed(division.children):
        yield from _backwards(child)
    yield division


def _following(agreement: Agreement, path: tuple[Division, ...]) -> Iterator[Division]:
    """The divisions after path[-1] in document order, nearest first."""
    yield from walk_divisions(path[-1].children)
    for depth in range(len(path) - 1, -1, -1):
        siblings = path[depth - 1].children if depth else agreement.parts
        index = next(i for i, d in enumerate(siblings) if d is path[depth])
        yield from walk_divisions(siblings[index + 1 :])
