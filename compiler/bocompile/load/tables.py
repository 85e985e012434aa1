"""Stated totals of data tables equal the sum of their rows."""

from __future__ import annotations

from bocompile.diagnostics import Report
from bocompile.read.data import DataSeries


def check_totals(tables: dict[str, DataSeries], report: Report) -> None:
    for series in tables.values():
        if series.stated_total is None:
            continue
        stated, loc = series.stated_total
        for column, want, have in zip(series.columns, stated, series.computed_total(), strict=True):
            if want != have:
                report.error(
                    loc,
                    f"total of column {column} is stated as {want} but the rows "
                    f"of {series.key} add up to {have}; correct the figures or the total",
                )
