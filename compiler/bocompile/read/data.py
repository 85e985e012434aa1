"""Data tables: figures stated once, in `sources/data/<key>.csv`."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.project import Project
from bocompile.read.config import KEY

TOTAL = "total"


@dataclass(frozen=True)
class DataSeries:
    """One CSV: row keys with their figures, and the stated total if any."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Decimal, ...], Loc], ...]
    stated_total: tuple[tuple[Decimal, ...], Loc] | None
    loc: Loc

    def computed_total(self) -> tuple[Decimal, ...]:
        return tuple(sum(column, Decimal(0)) for column in zip(*(v for _, v, _ in self.rows)))


def read_data_tables(project: Project, report: Report) -> dict[str, DataSeries]:
    folder = project.root / "sources" / "data"
    tables = {}
    if project.kind(folder) != "a directory":
        return tables
    for path in project.files(folder, ".csv", Loc("sources/data", 0)):
        try:
            text = project.read_text(path)
        except SourceError as error:
            report.extend(error.diagnostics)
            continue
        series = _read_csv(project.rel(path), text, report)
        if series:
            tables[series.key] = series
    return tables


def _read_csv(name: str, text: str, report: Report) -> DataSeries | None:
    key = name.rsplit("/", 1)[-1].removesuffix(".csv")
    if not KEY.match(key):
        report.error(Loc(name, 1), f"data table name {key!r} must be lower-case letters, digits and hyphens")
        return None
    reader = csv.reader(io.StringIO(text))
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
    return DataSeries(key, columns, tuple(rows), total, Loc(name, 1))


def _number(field: str, loc: Loc, report: Report) -> Decimal:
    text = field.strip()
    try:
        if not text or "," in text or text.count(".") > 1:
            raise InvalidOperation
        return Decimal(text)
    except InvalidOperation:
        report.error(loc, f"{field!r} is not a number; write figures without grouping, "
                     "with a dot for decimals (4435, 106.22)")
        return Decimal(0)
