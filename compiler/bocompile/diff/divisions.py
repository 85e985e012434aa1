"""Diff of the division tree: provisions matched by their stable key.

An amendment never moves a provision, so the keys of two states align in
order; what only one side has was inserted (or is gone). A division's own
heading and blocks are compared, its children recursively.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from bocompile.diff.blocks import align
from bocompile.diff.changes import Added, DivisionChange, Removed, Words
from bocompile.diff.fingerprint import fingerprint
from bocompile.diff.words import merge
from bocompile.model import Division, Localized

#: the change of each division two states share, by id: comparisons of
#: successive states pass one on, so each untouched division is compared once
Shared = dict[int, DivisionChange]


def compare_divisions(
    old: tuple[Division, ...], new: tuple[Division, ...], shared: Shared | None = None
) -> tuple[DivisionChange, ...]:
    matcher = SequenceMatcher(None, [d.key for d in old], [d.key for d in new], autojunk=False)
    out: list[DivisionChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [_compare(o, n, shared) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            out += [_alone(d, added=False) for d in old[i1:i2]] + [_alone(d, added=True) for d in new[j1:j2]]
    return tuple(out)


def _compare(old: Division, new: Division, shared: Shared | None) -> DivisionChange:
    if old is new:
        return _unchanged(new, {} if shared is None else shared)
    return DivisionChange(
        old,
        new,
        _heading(old, new),
        _title(old, new),
        align(old.blocks, new.blocks),
        compare_divisions(old.children, new.children, shared),
    )


def _unchanged(division: Division, shared: Shared) -> DivisionChange:
    """A division both states share (most of the text, after an amendment)."""
    try:
        return shared[id(division)]
    except KeyError:
        children = tuple(_unchanged(child, shared) for child in division.children)
        change = DivisionChange(
            division, division, "same", _title(division, division), align(division.blocks, division.blocks), children
        )
        shared[id(division)] = change
        return change


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
