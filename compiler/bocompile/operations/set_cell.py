"""`::: set-cell TABLE ROW COLUMN = VALUE`: one figure of a data table;
its totals follow."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from bocompile.amend import tree
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Loc
from bocompile.model.nodes import Agreement, DataRow, DataTable, Division, Localized, localized
from bocompile.model.walk import plain_text, walk_divisions
from bocompile.operations.registry import KEY, OperationKind, register


@dataclass(frozen=True)
class SetCell:
    table: str
    row: str
    column: str
    value: Decimal
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc) -> SetCell | None:
    if node.children:
        reader.error(loc[reader.lang], "set-cell has no content; leave the block empty")
    try:
        value = Decimal(groups["value"])
    except InvalidOperation:
        reader.error(loc[reader.lang], f"{groups['value']!r} is not a number; write it without grouping")
        return None
    return SetCell(groups["table"], groups["row"], groups["column"], value, loc)


def holder(agreement: Agreement, table: str) -> Division | None:
    """The division in force that holds data table `table`."""
    return next((d for d in walk_divisions(agreement.parts) if not d.repealed and
                 any(isinstance(b, DataTable) and b.key == table for b in d.blocks)), None)


def _table(division: Division, key: str) -> DataTable:
    return next(b for b in division.blocks if isinstance(b, DataTable) and b.key == key)


def _apply(agreement, op: SetCell, change):
    article = holder(agreement, op.table)
    if article is None:
        raise AmendmentError(f"no article in force holds data table '{op.table}'")
    table = _table(article, op.table)
    if op.column not in table.columns:
        raise AmendmentError(f"data table '{op.table}' has no column '{op.column}' "
                             f"(columns: {', '.join(table.columns)})")
    if op.row not in {r.key for r in table.rows if not r.is_total}:
        raise AmendmentError(f"data table '{op.table}' has no row '{op.row}'")
    column = table.columns.index(op.column)
    rows = tuple(replace(r, values=r.values[:column] + (op.value,) + r.values[column + 1:])
                 if r.key == op.row else r for r in table.rows)
    new_table = replace(table, rows=_retotal(rows))
    return tree.update(agreement, article.key, lambda d: tree.noted(replace(
        d, blocks=tuple(new_table if b is table else b for b in d.blocks)), "modified", change))


def _retotal(rows: tuple[DataRow, ...]) -> tuple[DataRow, ...]:
    figures = [r.values for r in rows if not r.is_total]
    total = tuple(sum(column, Decimal(0)) for column in zip(*figures))
    return tuple(replace(r, values=total) if r.is_total else r for r in rows)


def _word(f, op: SetCell, family: str):
    table = _table(holder(f.step.before, op.table), op.table)
    row = next(r for r in table.rows if r.key == op.row)
    old = row.values[table.columns.index(op.column)]
    return (f.say(family, "set_cell", lambda lang: dict(
        row=f.quote(lang, plain_text(row.label[lang])), column=op.column, old=f.figure(lang, old),
        new=f.figure(lang, op.value), **f.cite(lang, holder(f.step.before, op.table).key))),)


KIND = register(OperationKind(
    name="set-cell", type=SetCell, noun="set-cell operation",
    syntax=rf"(?P<table>{KEY}) (?P<row>{KEY}) (?P<column>\S+) = (?P<value>\S+)",
    usage="set-cell TABLE ROW COLUMN = VALUE",
    read=_read, apply=_apply, target=lambda op, agreement: holder(agreement, op.table).key,
    action=lambda op: "modified", word=_word, formulas=("set_cell",),
))
