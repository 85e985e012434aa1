"""`::: set-cell TABLE ROW COLUMN = VALUE`: one figure of a data table;
its totals follow."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from bocompile.amend import tree
from bocompile.amend.marks import marks
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Loc
from bocompile.model.amendment import Destination
from bocompile.model.memo import per_node
from bocompile.model.nodes import Agreement, DataRow, DataTable, Division, Localized, localized
from bocompile.model.walk import plain_text
from bocompile.operations.registry import KEY, OperationKind, register
from bocompile.read.data import figure


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
    value = figure(groups["value"])
    if value is None:
        reader.error(loc[reader.lang], f"{groups['value']!r} is not a number; write it without grouping")
        return None
    return SetCell(groups["table"], groups["row"], groups["column"], value, loc)


def holder(agreement: Agreement, table: str) -> Division | None:
    """The division in force that holds data table `table` (the first, in the
    order of the text), found down the one branch that has it."""
    found = _holders(agreement)
    if table not in found:
        found[table] = _search(agreement, table)
    return found[table]


@per_node
def _holders(agreement: Agreement) -> dict[str, Division | None]:
    """The holders found so far in one state of the agreement, by table. A
    set-cell's operation, its formula and its proof ask for the same ones,
    and each search goes through the parts: 1,800 searches at 2,000+200
    are 600 different ones."""
    return {}


def _search(agreement: Agreement, table: str) -> Division | None:
    divisions = agreement.parts
    while True:
        for division in divisions:
            if not division.repealed and table in _own_tables(division):
                return division
            if division.children and table in _tables_under(division):
                divisions = division.children
                break
        else:
            return None


def _holding(agreement: Agreement, table: str) -> Division:
    """The holder of `table` where the operation applied, so there is one."""
    division = holder(agreement, table)
    assert division is not None, f"no division in force holds data table '{table}'"
    return division


def _own_tables(division: Division) -> set[str]:
    return {b.key for b in division.blocks if isinstance(b, DataTable)}


@per_node
def _tables_under(division: Division) -> frozenset[str]:
    """The keys of the data tables of every division below `division`."""
    return frozenset().union(*(_own_tables(c) | (_tables_under(c) if c.children else set()) for c in division.children))


def _table(division: Division, key: str) -> DataTable:
    return next(b for b in division.blocks if isinstance(b, DataTable) and b.key == key)


def _apply(agreement, op: SetCell, change):
    article = holder(agreement, op.table)
    if article is None:
        raise AmendmentError(f"no article in force holds data table '{op.table}'")
    table = _table(article, op.table)
    if op.column not in table.columns:
        raise AmendmentError(
            f"data table '{op.table}' has no column '{op.column}' (columns: {', '.join(table.columns)})"
        )
    if op.row not in {r.key for r in table.rows if not r.is_total}:
        raise AmendmentError(f"data table '{op.table}' has no row '{op.row}'")
    column = table.columns.index(op.column)
    if next(r for r in table.rows if r.key == op.row).values[column] == op.value:
        raise AmendmentError(
            f"row '{op.row}' of data table '{op.table}' already holds {op.value} in "
            f"{op.column}; state only figures that change"
        )
    mark, _ = marks(change)
    rows = tuple(_set(r, column, op.value, mark) if r.key == op.row else r for r in table.rows)
    figures = [r.values for r in rows if not r.is_total]
    total = sum((values[column] for values in figures), Decimal(0))
    rows = tuple(_set(r, column, total, mark) if r.is_total and r.values[column] != total else r for r in rows)
    new_table = replace(table, rows=rows)
    return tree.update(
        agreement,
        article.key,
        lambda d: tree.noted(
            replace(d, blocks=tuple(new_table if b is table else b for b in d.blocks)), "modified", change
        ),
    )


def _set(row: DataRow, column: int, value: Decimal, mark) -> DataRow:
    """`row` with figure `column` set to `value`, marked as the amendment's."""
    marked = row.marks or (None,) * len(row.values)
    return replace(
        row,
        values=row.values[:column] + (value,) + row.values[column + 1 :],
        marks=marked[:column] + (mark,) + marked[column + 1 :],
    )


def _word(f, op: SetCell, family: str):
    """The figure and every total it changes, named by the table's caption:
    "In de tabel "Begroting" van artikel 29 ... wordt, in de rij "X", het
    bedrag "3.720" voor 2020 vervangen door het bedrag "5.220", en in de rij
    "Totaal" het bedrag ... door het bedrag ..."."""
    before, after = (_table(_holding(state, op.table), op.table) for state in f.around(op))
    column = before.columns.index(op.column)
    changed = [
        (old, new) for old, new in zip(before.rows, after.rows, strict=True) if old.values[column] != new.values[column]
    ]
    article = _holding(f.step.before, op.table).key

    def values(lang):
        def figures(old, new):
            return {
                "row": f.quote(lang, plain_text(old.label[lang])),
                "old": f.quote(lang, f.figure(lang, old.values[column]), "old"),
                "new": f.quote(lang, f.figure(lang, new.values[column]), "new"),
            }

        first, *totals = [figures(old, new) for old, new in changed]
        return dict(
            table=f.quote(lang, plain_text(before.caption[lang])),
            column=op.column,
            totals=totals,
            **first,
            **f.cite(lang, article),
        )

    return (f.amending(op, f.say(family, "set_cell", values)),)


def _textual(f, op: SetCell):
    """The figure and each total it changes: cells of the table, in order."""
    before, after = f.around(op)
    article = _holding(after, op.table)
    lid = next(i for i, b in enumerate(article.blocks, start=1) if isinstance(b, DataTable) and b.key == op.table)
    old, new = _table(_holding(before, op.table), op.table), _table(article, op.table)
    column = new.columns.index(op.column)
    rows = [
        i
        for i, (a, b) in enumerate(zip(old.rows, new.rows, strict=True), start=1)
        if a.values[column] != b.values[column]
    ]
    return "substitution", tuple(Destination(f.path(article.key), lid=lid, cell=(row, column + 1)) for row in rows)


KIND = register(
    OperationKind(
        name="set-cell",
        type=SetCell,
        noun="set-cell operation",
        syntax=rf"(?P<table>{KEY}) (?P<row>{KEY}) (?P<column>\S+) = (?P<value>\S+)",
        usage="set-cell TABLE ROW COLUMN = VALUE",
        read=_read,
        apply=_apply,
        target=lambda op, agreement: _holding(agreement, op.table).key,
        action=lambda op: "modified",
        word=_word,
        formulas=("set_cell",),
        textual=_textual,
    )
)
