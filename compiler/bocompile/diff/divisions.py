"""Diff of the division tree: provisions matched by their stable key.

An amendment never moves a provision, so the keys of two states align in
order; what only one side has was inserted (or is gone). A division's own
heading and blocks are compared, its children recursively.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from bocompile.diff.blocks import align
from bocompile.diff.changes import Added, DivisionChange, Removed
from bocompile.diff.fingerprint import fingerprint
from bocompile.diff.words import merge
from bocompile.model import Division


def compare_divisions(old: tuple[Division, ...], new: tuple[Division, ...]) -> tuple[DivisionChange, ...]:
    matcher = SequenceMatcher(None, [d.key for d in old], [d.key for d in new], autojunk=False)
    out: list[DivisionChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [_compare(o, n) for o, n in zip(old[i1:i2], new[j1:j2])]
        else:
            out += [_alone(d, None) for d in old[i1:i2]] + [_alone(None, d) for d in new[j1:j2]]
    return tuple(out)


def _compare(old: Division, new: Division) -> DivisionChange:
    return DivisionChange(old, new, _heading(old, new), _title(old, new), align(old.blocks, new.blocks),
                          compare_divisions(old.children, new.children))


def _heading(old: Division, new: Division) -> str:
    """"same", "words" (the title's words differ), or "replaced": its wording
    is another (repealed, reinstated, another number)."""
    if (old.repealed, bool(old.title), old.number) != (new.repealed, bool(new.title), new.number):
        return "replaced"
    return "same" if fingerprint(old.title) == fingerprint(new.title) else "words"


def _title(old: Division, new: Division):
    return {lang: merge(old.title.get(lang, ()), inlines) for lang, inlines in new.title.items()}


def _alone(old: Division | None, new: Division | None) -> DivisionChange:
    """A division only one side has, with all it holds."""
    division = new or old
    delta = Added if new else Removed
    children = tuple(_alone(c if old else None, c if new else None) for c in division.children)
    return DivisionChange(old, new, "added" if new else "removed", {}, tuple(delta(b) for b in division.blocks),
                          children)
