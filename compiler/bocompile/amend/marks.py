"""Justel marks: where an amendment changed the text, in the model.

Operations bracket what they bring (new words, a new lid, a whole new
provision) between an opening and a closing Mark that name the amendment
and the operation. The consolidated edition numbers them per provision
("[1 ... ]1") and lists their sources; other editions drop them.
"""

from __future__ import annotations

from dataclasses import replace

from bocompile.model import Change, DataRow, Division, Mark, Text
from bocompile.model.memo import per_node
from bocompile.model.walk import edge_text, rewrite


def marks(change: Change) -> tuple[Mark, Mark]:
    return (Mark("open", change.amendment, change.operation), Mark("close", change.amendment, change.operation))


def bracket(node, change: Change):
    """`node` (blocks, list items, inlines) with its first text opened and its
    last text closed by `change`'s marks."""
    opened, closed = marks(change)
    node = edge_text(node, lambda inlines, lang: (opened,) + inlines)
    return edge_text(node, lambda inlines, lang: inlines + (closed,), last=True)


def bracket_division(division: Division, change: Change) -> Division:
    """A new provision, each of its divisions bracketed on its own (heading
    and own text), as Justel brackets every article of an inserted chapter."""
    own = bracket(replace(division, children=()), change)
    return replace(own, children=tuple(bracket_division(child, change) for child in division.children))


def bracket_words(text: str, old: str, new: str, change: Change) -> tuple:
    """The inlines of `text` with every `old` replaced by `new` between marks."""
    opened, closed = marks(change)
    first, *rest = text.split(old)
    out: list = [Text(first)] if first else []
    for piece in rest:
        out += [opened, *([Text(new)] if new else []), closed, *([Text(piece)] if piece else [])]
    return tuple(out)


def unmarked(node):
    """`node` without Justel marks: the text as an instrument quotes it."""
    return rewrite(node, _drop)


@per_node
def unmarked_division(division: Division) -> Division:
    """A division without Justel marks, made once per division object: two
    states that share a division share its unmarked copy, so comparing them
    passes over it by identity however many marks it carries."""
    return replace(unmarked_own(division), children=tuple(map(unmarked_division, division.children)))


def unmarked_own(division: Division) -> Division:
    """`division` with its own heading and blocks without Justel marks, its
    children as they are: what a comparison reads of a division whose
    children it compares one by one. Unmarking all it holds, a fresh worker
    unmarked a whole part of a long agreement for the first change in it."""
    return replace(unmarked(replace(division, children=())), children=division.children)


def _drop(item, lang):
    if isinstance(item, Mark):
        return ()
    return replace(item, marks=()) if isinstance(item, DataRow) and item.marks else item
