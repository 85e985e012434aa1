"""Consolidation: the text in force on a date, amendment after amendment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bocompile.amend.apply import AmendmentError, apply
from bocompile.diagnostics import Diagnostic, SourceError
from bocompile.model import Agreement, Change
from bocompile.model.operations import Amendment
from bocompile.number import assign


def in_force(amendments: tuple[Amendment, ...], as_of: dt.date | None = None) -> tuple[Amendment, ...]:
    """Amendments in force on `as_of` (all if None), in order of entry into
    force, then number: the order in which they apply."""
    chosen = [a for a in amendments if as_of is None or a.info.in_force <= as_of]
    return tuple(sorted(chosen, key=lambda a: (a.info.in_force, a.info.number)))


@dataclass(frozen=True)
class Step:
    """The agreement just before and just after one amendment."""

    amendment: Amendment
    before: Agreement
    after: Agreement


def steps(agreement: Agreement, amendments: tuple[Amendment, ...]) -> tuple[Step, ...]:
    """Apply `amendments` in the given order, keeping every intermediate text."""
    current = assign(agreement)
    out = []
    for amendment in amendments:
        before = current
        current = apply_amendment(current, amendment)
        out.append(Step(amendment, before, current))
    return tuple(out)


def consolidate(agreement: Agreement, amendments: tuple[Amendment, ...],
                as_of: dt.date | None = None) -> Agreement:
    result = assign(agreement)
    for amendment in in_force(amendments, as_of):
        result = apply_amendment(result, amendment)
    return result


def apply_amendment(agreement: Agreement, amendment: Amendment) -> Agreement:
    info = amendment.info
    change = Change("", info.number, info.signed, info.in_force)
    for operation in amendment.operations:
        try:
            agreement = apply(agreement, operation, change)
        except AmendmentError as error:
            lang = error.lang or next(iter(operation.loc))
            raise SourceError([Diagnostic(operation.loc[lang],
                                          f"amendment nr. {info.number}: {error}")]) from None
    return agreement
