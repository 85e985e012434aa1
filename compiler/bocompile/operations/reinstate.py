"""`::: reinstate KEY`: new text for a repealed number ("wordt hersteld als volgt")."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bocompile.amend import tree
from bocompile.amend.marks import bracket_division
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.nodes import Division, Localized, localized, nodes
from bocompile.operations.registry import KEY, OperationKind, register


@dataclass(frozen=True)
class Reinstate:
    """content: one Division with the same key."""

    target: str
    content: tuple[Division, ...] = nodes()
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> Reinstate:
    return Reinstate(groups["target"], reader.new_text(node, groups["target"]), loc)


def _apply(agreement, op: Reinstate, change):
    target = tree.find(agreement, op.target)
    if target is None or not target.repealed:
        raise AmendmentError(f"'{op.target}' is not repealed; only a repealed number can be reinstated")
    return tree.update(
        agreement,
        op.target,
        lambda d: replace(
            bracket_division(op.content[0], change),
            number=d.number,
            history=d.history + (replace(change, action="reinstated"),),
        ),
    )


def _word(f, op: Reinstate, family: str):
    repealed = next(
        c.amendment for c in reversed(tree.existing(f.step.before, op.target).history) if c.action == "repealed"
    )
    return (
        f.amending(
            op,
            f.say(family, "reinstate", lambda lang: dict(nr=repealed, **f.cite(lang, op.target))),
            f.quoted(tree.find(f.step.after, op.target)),
        ),
    )


KIND = register(
    OperationKind(
        name="reinstate",
        type=Reinstate,
        noun="reinstate operation",
        syntax=rf"(?P<target>{KEY})",
        usage="reinstate KEY",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: op.target,
        action=lambda op: "reinstated",
        word=_word,
        formulas=("reinstate",),
        textual=lambda f, op: ("substitution", (Destination(f.path(op.target)),)),
    )
)
