"""Amendment operations as functions from model to model.

Each function takes the agreement as it stands when the amendment enters
into force and returns the amended one, recording a Change on the provision
it touched. A target that does not exist (or is repealed) at that point is
an AmendmentError, reported at the operation's file:line.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from bocompile.amend import tree
from bocompile.model import Agreement, Change, DataRow, DataTable, Division, ListBlock, Text, walk_divisions
from bocompile.model.transform import map_inlines, map_text
from bocompile.model.operations import (
    Append, Insert, Operation, Reinstate, Repeal, Replace, ReplaceWords, SetCell,
)
from bocompile.number.inserted import number_new


class AmendmentError(Exception):
    """An operation that cannot apply; `lang` names the language at fault."""

    def __init__(self, message: str, lang: str | None = None):
        super().__init__(message)
        self.lang = lang


def apply(agreement: Agreement, operation: Operation, change: Change) -> Agreement:
    before = {d.key: d.number for d in walk_divisions(agreement.parts) if d.number}
    result = _APPLY[type(operation)](agreement, operation, change)
    return number_new(result, before)


def _live(agreement: Agreement, key: str) -> Division:
    division = tree.find(agreement, key)
    if division is None:
        raise AmendmentError(f"'{key}' does not exist at this point; use the key of a part, "
                             "section or article in force")
    if division.repealed:
        raise AmendmentError(f"'{key}' is repealed at this point; reinstate it first")
    return division


def _noted(division: Division, action: str, change: Change) -> Division:
    """Record `change` once per amendment and action (two set-cells, one note)."""
    event = replace(change, action=action)
    if event in division.history:
        return division
    return replace(division, history=division.history + (event,))


def _replace(agreement: Agreement, op: Replace, change: Change) -> Agreement:
    target = _live(agreement, op.target)
    if op.paragraph is None:
        new = op.content[0]
        if new.kind != target.kind:
            raise AmendmentError(f"'{op.target}' is a {target.kind}; its replacement must be one too")
        return tree.update(agreement, op.target, lambda d: replace(
            new, number=d.number, history=d.history + (replace(change, action="replaced"),)))
    if not 1 <= op.paragraph <= len(target.blocks):
        raise AmendmentError(f"'{op.target}' has {len(target.blocks)} blocks; "
                             f"there is no paragraph {op.paragraph}")
    index = op.paragraph - 1
    return tree.update(agreement, op.target, lambda d: _noted(replace(
        d, blocks=d.blocks[:index] + op.content + d.blocks[index + 1:]), "modified", change))


def _insert(agreement: Agreement, op: Insert, change: Change) -> Agreement:
    if tree.find(agreement, op.key) is not None:
        raise AmendmentError(f"key '{op.key}' is already used; a new provision needs a new key")
    anchor = _live(agreement, op.anchor)
    new = _noted(op.content[0], "inserted", change)
    if op.position == "in" and anchor.kind == "article":
        raise AmendmentError(f"'{op.anchor}' is an article; insert after or before it")
    return tree.insert(agreement, new, op.position, op.anchor)


def _repeal(agreement: Agreement, op: Repeal, change: Change) -> Agreement:
    _live(agreement, op.target)

    def emptied(division: Division) -> Division:
        return replace(division, blocks=(), repealed=True,
                       children=tuple(emptied(c) for c in division.children))
    return tree.update(agreement, op.target, lambda d: _noted(emptied(d), "repealed", change))


def _reinstate(agreement: Agreement, op: Reinstate, change: Change) -> Agreement:
    target = tree.find(agreement, op.target)
    if target is None or not target.repealed:
        raise AmendmentError(f"'{op.target}' is not repealed; only a repealed number can be reinstated")
    return tree.update(agreement, op.target, lambda d: replace(
        op.content[0], number=d.number, history=d.history + (replace(change, action="reinstated"),)))


def _append(agreement: Agreement, op: Append, change: Change) -> Agreement:
    target = _live(agreement, op.target)
    blocks = target.blocks
    last, (first, *rest) = (blocks[-1] if blocks else None), op.content
    if isinstance(last, ListBlock) and isinstance(first, ListBlock) and last.style == first.style:
        blocks = blocks[:-1] + (replace(last, items=last.items + first.items),)
        added = tuple(rest)
    else:
        added = op.content
    return tree.update(agreement, op.target,
                       lambda d: _noted(replace(d, blocks=blocks + added), "modified", change))


def _replace_words(agreement: Agreement, op: ReplaceWords, change: Change) -> Agreement:
    target = _live(agreement, op.target)
    blocks = target.blocks
    for lang, old in op.old.items():
        found = 0

        def swap(inline):
            nonlocal found
            if not isinstance(inline, Text):
                return inline
            found += inline.value.count(old)
            return Text(inline.value.replace(old, op.new[lang]))

        # applied at once, in this iteration: the closures see this language
        blocks = map_text(blocks, lambda code, inlines: map_inlines(inlines, swap) if code == lang else inlines)
        if found == 0:
            raise AmendmentError(f"the words \"{old}\" do not occur in '{op.target}' in {lang}", lang)
        if op.count is not None and found != op.count:
            raise AmendmentError(f"the words \"{old}\" occur {found} times in '{op.target}' in "
                                 f"{lang}, not {op.count}", lang)
    return tree.update(agreement, op.target,
                       lambda d: _noted(replace(d, blocks=blocks), "modified", change))


def _set_cell(agreement: Agreement, op: SetCell, change: Change) -> Agreement:
    holder = next((d for d in walk_divisions(agreement.parts) if not d.repealed and
                   any(isinstance(b, DataTable) and b.key == op.table for b in d.blocks)), None)
    if holder is None:
        raise AmendmentError(f"no article in force holds data table '{op.table}'")
    table = next(b for b in holder.blocks if isinstance(b, DataTable) and b.key == op.table)
    if op.column not in table.columns:
        raise AmendmentError(f"data table '{op.table}' has no column '{op.column}' "
                             f"(columns: {', '.join(table.columns)})")
    if op.row not in {r.key for r in table.rows if not r.is_total}:
        raise AmendmentError(f"data table '{op.table}' has no row '{op.row}'")
    column = table.columns.index(op.column)
    rows = tuple(replace(r, values=r.values[:column] + (op.value,) + r.values[column + 1:])
                 if r.key == op.row else r for r in table.rows)
    rows = _retotal(rows)
    new_table = replace(table, rows=rows)
    return tree.update(agreement, holder.key, lambda d: _noted(replace(
        d, blocks=tuple(new_table if b is table else b for b in d.blocks)), "modified", change))


def _retotal(rows: tuple[DataRow, ...]) -> tuple[DataRow, ...]:
    figures = [r.values for r in rows if not r.is_total]
    total = tuple(sum(column, Decimal(0)) for column in zip(*figures))
    return tuple(replace(r, values=total) if r.is_total else r for r in rows)


_APPLY = {
    Replace: _replace, Insert: _insert, Repeal: _repeal, Reinstate: _reinstate,
    Append: _append, ReplaceWords: _replace_words, SetCell: _set_cell,
}
