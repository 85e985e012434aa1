"""`::: append KEY`: paragraphs added at the end of an article, or points
that continue its last list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from bocompile.amend import tree
from bocompile.amend.marks import bracket
from bocompile.diagnostics import Loc
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


def _apply(agreement, op: Append, change):
    blocks = tree.live(agreement, op.target).blocks
    last, (first, *rest) = (blocks[-1] if blocks else None), op.content
    if isinstance(last, ListBlock) and _continues(op) and last.style == first.style:
        blocks = blocks[:-1] + (replace(last, items=last.items + bracket(first.items, change)),)
        added = bracket(tuple(rest), change) if rest else ()
    else:
        added = bracket(op.content, change)
    return tree.update(agreement, op.target, lambda d: tree.noted(replace(d, blocks=blocks + added), "modified",
                                                                  change))


def _word(f, op: Append, family: str):
    name = "append_point" if _continues(op) else "append"
    return (f.say(family, name, lambda lang: f.cite(lang, op.target)), *f.quoted_blocks(op.content))


KIND = register(OperationKind(
    name="append", type=Append, noun="append operation",
    syntax=rf"(?P<target>{KEY})", usage="append KEY",
    read=_read, apply=_apply, target=lambda op, agreement: op.target,
    action=lambda op: "modified", word=_word, formulas=("append", "append_point"),
))
