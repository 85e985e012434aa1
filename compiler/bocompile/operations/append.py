"""`::: append KEY`: paragraphs added at the end of an article, or points
that continue its last list."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bocompile.amend import tree
from bocompile.amend.marks import bracket
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.nodes import Block, ListBlock, Localized, localized, nodes
from bocompile.operations.registry import KEY, OperationKind, register


@dataclass(frozen=True)
class Append:
    target: str
    content: tuple[Block, ...] = nodes()
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> Append:
    blocks = reader.blocks(node.children, 0)
    if not blocks:
        reader.error(loc[reader.lang], "append needs the paragraph(s) or point(s) to add")
    return Append(groups["target"], blocks, loc)


def _continues(op: Append) -> bool:
    """Whether the addition is points (they continue the article's last list)."""
    return isinstance(op.content[0], ListBlock)


def _joins(blocks: tuple[Block, ...], op: Append) -> bool:
    """Whether the added points continue the provision's last list."""
    last = blocks[-1] if blocks else None
    if not isinstance(last, ListBlock):
        return False
    first = op.content[0]
    return isinstance(first, ListBlock) and last.style == first.style


def _apply(agreement, op: Append, change):
    blocks = tree.live(agreement, op.target).blocks
    if _joins(blocks, op):
        first, *rest = op.content
        last = blocks[-1]
        assert isinstance(first, ListBlock) and isinstance(last, ListBlock), "_joins() says so"
        blocks = blocks[:-1] + (replace(last, items=last.items + bracket(first.items, change)),)
        added = bracket(tuple(rest), change) if rest else ()
    else:
        added = bracket(op.content, change)
    return tree.update(
        agreement, op.target, lambda d: tree.noted(replace(d, blocks=blocks + added), "modified", change)
    )


def _word(f, op: Append, family: str):
    name = "append_point" if _continues(op) else "append"
    formula = f.say(family, name, lambda lang: f.cite(lang, op.target))
    return (f.amending(op, formula, f.quoted_lids(op.content, op.target, _first_lid(f, op))),)


def _first_lid(f, op: Append) -> int:
    """The lid the addition starts in: the last list it continues, or a new lid."""
    blocks = tree.existing(f.around(op)[0], op.target).blocks
    return len(blocks) if _joins(blocks, op) else len(blocks) + 1


def _textual(f, op: Append):
    """At the end of the provision, or of its last list for points that continue it."""
    joins = _joins(tree.existing(f.around(op)[0], op.target).blocks, op)
    return "insertion", (Destination(f.path(op.target), lid=_first_lid(f, op) if joins else None, pos="end"),)


KIND = register(
    OperationKind(
        name="append",
        type=Append,
        noun="append operation",
        syntax=rf"(?P<target>{KEY})",
        usage="append KEY",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: op.target,
        action=lambda op: "modified",
        word=_word,
        formulas=("append", "append_point"),
        textual=_textual,
    )
)
