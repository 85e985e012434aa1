"""`::: replace KEY`: a whole division replaced, its number kept; or
`::: replace KEY paragraph N`: its N-th block (lid) replaced."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bocompile.amend import tree
from bocompile.amend.marks import bracket, bracket_division
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.hierarchy import a
from bocompile.model.nodes import Localized, localized, nodes
from bocompile.operations.registry import KEY, OperationKind, register


@dataclass(frozen=True)
class Replace:
    """content: one Division with the same key, or the blocks replacing block `paragraph`."""

    target: str
    paragraph: int | None
    content: tuple = nodes()
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> Replace:
    if groups["paragraph"]:
        return Replace(groups["target"], int(groups["paragraph"]), reader.blocks(node.children, 0), loc)
    return Replace(groups["target"], None, reader.new_text(node, groups["target"]), loc)


def _apply(agreement, op: Replace, change):
    target = tree.live(agreement, op.target)
    if op.paragraph is None:
        new = op.content[0]
        if new.kind != target.kind:
            raise AmendmentError(f"'{op.target}' is {a(target.kind)}; its replacement must be one too")
        return tree.update(
            agreement,
            op.target,
            lambda d: replace(
                bracket_division(new, change),
                number=d.number,
                history=d.history + (replace(change, action="replaced"),),
            ),
        )
    if not 1 <= op.paragraph <= len(target.blocks):
        raise AmendmentError(f"'{op.target}' has {len(target.blocks)} lid(s); there is no lid {op.paragraph}")
    index = op.paragraph - 1
    return tree.update(
        agreement,
        op.target,
        lambda d: tree.noted(
            replace(d, blocks=d.blocks[:index] + bracket(op.content, change) + d.blocks[index + 1 :]),
            "modified",
            change,
        ),
    )


def _word(f, op: Replace, family: str):
    if op.paragraph is None:
        return (
            f.amending(
                op,
                f.say(family, "replace", lambda lang: f.cite(lang, op.target)),
                f.quoted(tree.find(f.step.after, op.target)),
            ),
        )
    only = len(tree.existing(f.step.before, op.target).blocks) == 1  # "het enige lid"
    formula = f.say(
        family, "replace_paragraph", lambda lang: dict(paragraph=op.paragraph, only=only, **f.cite(lang, op.target))
    )
    return (f.amending(op, formula, f.quoted_lids(op.content, op.target, op.paragraph)),)


KIND = register(
    OperationKind(
        name="replace",
        type=Replace,
        noun="replace operation",
        syntax=rf"(?P<target>{KEY})(?: (?:paragraph|lid) (?P<paragraph>\d+))?",
        usage="replace KEY [lid N]",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: op.target,
        action=lambda op: "replaced" if op.paragraph is None else "modified",
        word=_word,
        formulas=("replace", "replace_paragraph"),
        textual=lambda f, op: ("substitution", (Destination(f.path(op.target), lid=op.paragraph),)),
    )
)
