"""Data tables: figures stated once, in `sources/data/<key>.csv`."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.project import Project
from bocompile.read.config import KEY

TOTAL = "total"
#: a figure: digits, a dot for decimals, no grouping, no exponent
FIGURE = re.compile(r"-?\d{1,15}(\.\d{1,6})?")


@dataclass(frozen=True)
class DataSeries:
    """One CSV: row keys with their figures, and the stated total if any."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Decimal, ...], Loc], ...]
    stated_total: tuple[tuple[Decimal, ...], Loc] | None
    loc: Loc

    def computed_total(self) -> tuple[Decimal, ...]:
        return tuple(sum(column, Decimal(0)) for column in zip(*(v for _, v, _ in self.rows), strict=True))


def read_data_tables(project: Project, report: Report, unread: list[str] | None = None) -> dict[str, DataSeries]:
    """The tables of sources/data; a file that cannot be read or is no table
    is reported and named in `unread`."""
    folder = project.root / "sources" / "data"
    tables: dict[str, DataSeries] = {}
    if project.kind(folder) != "a directory":
        return tables
    for path in project.files(folder, ".csv", Loc("sources/data", 0)):
        try:
            series = _read_csv(project.rel(path), project.read_text(path), report)
        except SourceError as error:
            report.extend(error.diagnostics)
            series = None
        if series:
            tables[series.key] = series
        elif unread is not None:
            unread.append(project.rel(path))
    return tables


def _read_csv(name: str, text: str, report: Report) -> DataSeries | None:
    key = name.rsplit("/", 1)[-1].removesuffix(".csv")
    if not KEY.match(key):
        report.error(Loc(name, 1), f"data table name {key!r} must be lower-case letters, digits and hyphens")
        return None
    reader = csv.reader(io.StringIO(text))
    try:
        return _read_rows(name, key, reader, report)
    except csv.Error as error:  # a field past csv's size limit, a stray quote at the end
        report.error(
            Loc(name, max(reader.line_num, 1)),
            f"not a CSV table: {error}; write one row per line, fields separated by commas",
        )
        return None


def _read_rows(name: str, key: str, reader, report: Report) -> DataSeries | None:
    header = next(reader, None)
    if not header or header[0] != "key" or len(header) < 2:
        report.error(Loc(name, 1), "the first line must be the header: key,<column>,<column>...")
        return None
    columns = tuple(c.strip() for c in header[1:])
    rows, total, seen = [], None, set()
    for record in reader:
        loc = Loc(name, reader.line_num)
        if not record:
            continue
        if len(record) != len(header):
            report.error(loc, f"row has {len(record)} fields, the header has {len(header)}")
            continue
        row_key = record[0].strip()
        if not KEY.match(row_key):
            report.error(loc, f"row key {row_key!r} must be lower-case letters, digits and hyphens")
        if row_key in seen:
            report.error(loc, f"row key {row_key!r} appears twice")
        seen.add(row_key)
        values = tuple(_number(field, loc, report) for field in record[1:])
        if row_key == TOTAL:
            total = (values, loc)
        elif total is not None:
            report.error(loc, "the total row must be the last row")
        else:
            rows.append((row_key, values, loc))
    if not rows:
        report.error(Loc(name, 1), "the table has no rows of figures; add one row per line under the header")
        return None
    return DataSeries(key, columns, tuple(rows), total, Loc(name, 1))


def _number(field: str, loc: Loc, report: Report) -> Decimal:
    value = figure(field.strip())
    if value is None:
        report.error(
            loc, f"{field!r} is not a number; write figures without grouping, with a dot for decimals (4435, 106.22)"
        )
        return Decimal(0)
    return value


def figure(text: str) -> Decimal | None:
    """A figure as docs/format.md writes it (4435, -12, 106.22), or None:
    Decimal alone would take "NaN", "Infinity" or "1e999999", which cannot be
    printed in a signed text."""
    return Decimal(text) if FIGURE.fullmatch(text) else None
