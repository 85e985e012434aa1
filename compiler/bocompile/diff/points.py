"""The two states a diff compares, as the user names them.

A point is a date (the text in force that day), `base` (the text as
signed) or an amendment id (the text with that amendment applied, its
predecessors included). By default a diff shows the latest amendment: from
the text before it to the text after it; with only --to, the amendment that
made that text; with only --from, up to the latest text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bocompile.amend.history import History
from bocompile.diagnostics import UsageProblem

BASE = "base"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Point:
    name: str  # as the output folder names it: "base", "2020-12-31", "wijziging-2"
    applied: int  # how many of the history's steps it includes (0: as signed)
    day: dt.date | None = None  # for a date: the date itself


def span(history: History, signed: dt.date, start: str | None, end: str | None) -> tuple[Point, Point]:
    """The points FROM and TO; UsageProblem names what is valid."""
    if start is None and end is None and not history.steps:
        raise UsageProblem(
            "the agreement has no amendments, so there is nothing to compare by default; " + _valid(history, signed)
        )
    to = point(history, signed, end, "--to") if end is not None else _after(history, len(history.steps))
    since = point(history, signed, start, "--from") if start is not None else _after(history, max(0, to.applied - 1))
    if since.applied > to.applied or (since.day and to.day and since.day > to.day):
        raise UsageProblem(
            f"--from {since.name} comes after --to {to.name}; FROM must be the earlier text: " + _valid(history, signed)
        )
    return since, to


def point(history: History, signed: dt.date, spec: str, option: str) -> Point:
    if spec == BASE:
        return Point(BASE, 0)
    ids = [step.amendment.info.id for step in history.steps]
    if spec in ids:
        return Point(spec, ids.index(spec) + 1)
    if _DATE.fullmatch(spec):
        try:
            day = dt.date.fromisoformat(spec)
        except ValueError:
            raise UsageProblem(f"{option} {spec} is not a date; {_valid(history, signed)}") from None
        if day < signed:
            raise UsageProblem(
                f"{option} {spec} is before the agreement was signed ({signed.isoformat()}); " + _valid(history, signed)
            )
        return Point(spec, len(history.applied(day)), day)
    raise UsageProblem(f"{option} {spec}: no such amendment or date; {_valid(history, signed)}")


def _after(history: History, applied: int) -> Point:
    """The text after the first `applied` amendments, named by the last of them."""
    return Point(history.steps[applied - 1].amendment.info.id if applied else BASE, applied)


def _valid(history: History, signed: dt.date) -> str:
    ids = ", ".join(step.amendment.info.id for step in history.steps) or "none"
    return f"give a date (YYYY-MM-DD) from {signed.isoformat()} on, '{BASE}', or an amendment id ({ids})"
