"""Diff of the division tree: provisions matched by their stable key.

An amendment never moves a provision, so the keys of two states align in
order; what only one side has was inserted (or is gone). A division's own
heading and blocks are compared, its children recursively. The states are
compared with their Justel marks, which an amendment only adds where it
changes something; a division is unmarked when it is looked at, so what two
states share by identity costs nothing until a whole text is shown.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cached_property

from bocompile.amend.marks import unmarked_division, unmarked_own
from bocompile.diff.blocks import align
from bocompile.diff.changes import Added, Delta, DivisionChange, Removed, Words, provisions
from bocompile.diff.fingerprint import fingerprint
from bocompile.diff.words import merge
from bocompile.model import Division, Localized

#: the change of each division two states share, by id: comparisons of
#: successive states pass one on, so each untouched division is compared once
Shared = dict[int, DivisionChange]


def compare_divisions(
    old: tuple[Division, ...], new: tuple[Division, ...], shared: Shared | None = None
) -> tuple[DivisionChange, ...]:
    """The changes from divisions `old` to `new`, both still marked."""
    matcher = SequenceMatcher(None, [d.key for d in old], [d.key for d in new], autojunk=False)
    out: list[DivisionChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [_compare(o, n, shared) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            out += [_alone(unmarked_division(d), added=False) for d in old[i1:i2]]
            out += [_alone(unmarked_division(d), added=True) for d in new[j1:j2]]
    return tuple(out)


def _compare(marked_old: Division, marked_new: Division, shared: Shared | None) -> DivisionChange:
    if marked_old is marked_new:
        return _unchanged(marked_new, {} if shared is None else shared)
    old, new = unmarked_own(marked_old), unmarked_own(marked_new)  # their children are compared below
    return DivisionChange(
        old,
        new,
        _heading(old, new),
        _title(old, new),
        align(old.blocks, new.blocks),
        compare_divisions(marked_old.children, marked_new.children, shared),
    )


def _unchanged(marked: Division, shared: Shared) -> DivisionChange:
    """A division both states share (most of the text, after an amendment)."""
    try:
        return shared[id(marked)]
    except KeyError:
        change = shared[id(marked)] = Unchanged(marked, shared)
        return change


class Unchanged(DivisionChange):
    """A division both states share, compared with itself only when a
    whole text is shown: an instrument's redline passes over it, and a
    fresh worker would otherwise unmark and compare the whole agreement
    for its first one."""

    heading = "same"
    unchanged = True
    marked: Division
    shared: Shared

    def __init__(self, marked: Division, shared: Shared):  # its fields are worked out when read
        self.__dict__.update(marked=marked, shared=shared)

    @cached_property
    def old(self) -> Division:
        return unmarked_division(self.marked)

    @cached_property
    def new(self) -> Division:
        return self.old

    @cached_property
    def title(self) -> Localized[Words]:
        return _title(self.new, self.new)

    @cached_property
    def blocks(self) -> tuple[Delta, ...]:
        return align(self.new.blocks, self.new.blocks)

    @cached_property
    def children(self) -> tuple[DivisionChange, ...]:
        return tuple(_unchanged(child, self.shared) for child in self.marked.children)

    @property
    def provisions(self) -> int:
        return provisions(self.marked)


def _heading(old: Division, new: Division) -> str:
    """How its heading changed: "same", "words" (its title's words), or
    "replaced": its wording is another (repealed, reinstated, another number)."""
    if (old.repealed, any(old.title.values()), old.number) != (new.repealed, any(new.title.values()), new.number):
        return "replaced"
    return "same" if fingerprint(old.title) == fingerprint(new.title) else "words"


def _title(old: Division, new: Division) -> Localized[Words]:
    return {lang: merge(old.title.get(lang, ()), inlines) for lang, inlines in new.title.items()}


def _alone(division: Division, added: bool) -> DivisionChange:
    """A division only one side has (`added`: the new one), with all it holds."""
    delta: type[Added] | type[Removed] = Added if added else Removed
    old, new = (None, division) if added else (division, None)
    children = tuple(_alone(child, added) for child in division.children)
    blocks = tuple(delta(block) for block in division.blocks)
    return DivisionChange(old, new, "added" if added else "removed", {}, blocks, children)
