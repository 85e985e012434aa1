"""`::: repeal KEY`: the division keeps its place and number, emptied
("Art. 15. (Opgeheven)")."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bocompile.amend import tree
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.model.nodes import Division, Localized, localized
from bocompile.operations.registry import KEY, OperationKind, register


@dataclass(frozen=True)
class Repeal:
    target: str
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> Repeal:
    if node.children:
        reader.error(reader.loc(node), "a repeal has no content; leave the block empty")
    return Repeal(groups["target"], loc)


def _emptied(division: Division) -> Division:
    """Repealed, it keeps its place and number; its subdivisions (§) go with
    its text, its other divisions stay, repealed, with their numbers."""
    return replace(
        division,
        blocks=(),
        repealed=True,
        children=tuple(_emptied(c) for c in division.children if c.kind not in SUBDIVISIONS),
    )


def _apply(agreement, op: Repeal, change):
    tree.live(agreement, op.target)
    return tree.update(agreement, op.target, lambda d: tree.noted(_emptied(d), "repealed", change))


KIND = register(
    OperationKind(
        name="repeal",
        type=Repeal,
        noun="repeal operation",
        syntax=rf"(?P<target>{KEY})",
        usage="repeal KEY",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: op.target,
        action=lambda op: "repealed",
        word=lambda f, op, family: (f.amending(op, f.say(family, "repeal", lambda lang: f.cite(lang, op.target))),),
        textual=lambda f, op: ("repeal", (Destination(f.path(op.target)),)),
        formulas=("repeal",),
    )
)
