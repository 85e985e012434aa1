"""Numbering: language-neutral numbers computed from document order.

A number is a tuple of integers: (8,) is article 8, (7, 1) an article
inserted after 7 (written 7/1 or 7bis). Languages only decide how a number
reads ("1" or "1er"); that lives in templates/lang, not here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from bocompile.amend.tree import find
from bocompile.model import Agreement, Division, walk_divisions
from bocompile.model.hierarchy import THROUGHOUT

Number = tuple[int, ...]
V = TypeVar("V")

#: Latin adverbs for inserted provisions (numbering = "latin"): 7bis, 7ter, ...
#: 7decies, then units before tens: 7undecies, 7duodecies, ... 7vicies,
#: 7unvicies, ... 7noviesnonagies (the 98th insertion; later ones read 7/99).
_UNITS = ("", "un", "duo", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies")
_TENS = (
    "",
    "decies",
    "vicies",
    "tricies",
    "quadragies",
    "quinquagies",
    "sexagies",
    "septuagies",
    "octogies",
    "nonagies",
)
LATIN = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies") + tuple(
    _UNITS[n % 10] + _TENS[n // 10] for n in range(10, 100)
)


@dataclass(frozen=True)
class Numbering:
    """The number of every division, by key."""

    numbers: Mapping[str, Number]
    kinds: Mapping[str, str]
    style: str = "slash"

    def __getitem__(self, key: str) -> Number:
        return self.numbers[key]

    def text(self, key: str) -> str:
        """The number as written in every language, before language suffixes."""
        return format_number(self.numbers[key], self.style)


def format_number(number: Number, style: str = "slash") -> str:
    """(7,) -> "7"; (7, 1) -> "7/1" (slash) or "7bis" (latin)."""
    head, *rest = number
    if style == "latin" and rest and all(1 <= r <= len(LATIN) for r in rest[:1]):
        return f"{head}{LATIN[rest[0] - 1]}" + "".join(f"/{r}" for r in rest[1:])
    return "/".join(str(n) for n in number)


def assign(agreement: Agreement) -> Agreement:
    """Fix the signed numbering: articles run through the agreement, every
    other kind restarts in its parent (sections in their part, paragraphs in
    their article). Numbers already fixed stay."""
    throughout: Counter = Counter()
    parts = tuple(_assigned(p, i, throughout) for i, p in enumerate(agreement.parts, start=1))
    return agreement if all(new is old for new, old in zip(parts, agreement.parts, strict=True)) else Agreement(parts)


def _assigned(division: Division, position: int, throughout: Counter) -> Division:
    """`division` numbered at `position` among its siblings (or in
    `throughout`), and its children in turn (a module function: heap.settled)."""
    if division.kind in THROUGHOUT:
        throughout[division.kind] += 1
        position = throughout[division.kind]
    siblings: Counter = Counter()
    children = []
    for child in division.children:
        siblings[child.kind] += 1
        children.append(_assigned(child, siblings[child.kind], throughout))
    if division.number and all(new is old for new, old in zip(children, division.children, strict=True)):
        return division  # numbered already: the same object, shared
    return replace(division, number=division.number or (position,), children=tuple(children))


def number(agreement: Agreement, style: str = "slash") -> Numbering:
    """The index of every division's number, fixing unnumbered ones first."""
    divisions = list(walk_divisions(assign(agreement).parts))
    return Numbering({d.key: d.number for d in divisions}, {d.key: d.kind for d in divisions}, style)


def numbered(agreement: Agreement, style: str = "slash") -> Numbering:
    """The numbering of a state of the history, whose divisions all carry
    their number, looked up in the tree key by key: wording a few provisions
    of a long text does not index all of it."""
    return Numbering(_Found[Number](agreement, "number"), _Found[str](agreement, "kind"), style)


class _Found(Mapping[str, V]):
    """key -> one field of the division `key` of an agreement: found down its
    branch key by key (an instrument words a few provisions), then indexed
    all at once when a caller asks more keys than the agreement has parts,
    several times over: a writer going through the whole text asks for
    every one, and each find scans the parts again."""

    #: lookups per part (and lookups in any case) before indexing the whole agreement
    PER_PART, AT_LEAST = 4, 64

    def __init__(self, agreement: Agreement, field: str):
        self.agreement, self.field = agreement, field
        self.limit = self.AT_LEAST + self.PER_PART * len(agreement.parts)
        self.index: dict[str, V] | None = None
        self.found: dict[str, V] = {}  # an instrument asks for the same few numbers again and again

    def __getitem__(self, key: str) -> V:
        if key in self.found:
            return self.found[key]
        if self.index is None and len(self.found) < self.limit:
            division = find(self.agreement, key)
            if division is None:
                raise KeyError(key)
            value = self.found[key] = getattr(division, self.field)
            return value
        if self.index is None:
            self.index = {d.key: getattr(d, self.field) for d in walk_divisions(self.agreement.parts)}
        return self.index[key]

    def __iter__(self) -> Iterator[str]:
        return (division.key for division in walk_divisions(self.agreement.parts))

    def __len__(self) -> int:
        return sum(1 for _ in walk_divisions(self.agreement.parts))


def either(first: Numbering, then: Numbering) -> Numbering:
    """The numbers of `first`, and those of `then` for the keys it lacks (a
    comparison: the new numbers, and the old ones of what is gone)."""
    return Numbering(_Either(first.numbers, then.numbers), _Either(first.kinds, then.kinds), first.style)


class _Either(Mapping[str, V]):
    """collections.ChainMap for read-only mappings (ChainMap's own type asks for mutable ones)."""

    def __init__(self, first: Mapping[str, V], then: Mapping[str, V]):
        self.first, self.then = first, then

    def __getitem__(self, key: str) -> V:
        try:
            return self.first[key]
        except KeyError:
            return self.then[key]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self.first, *self.then]))

    def __len__(self) -> int:
        return sum(1 for _ in self)
