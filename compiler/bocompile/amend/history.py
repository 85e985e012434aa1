"""The agreement's history: the text as signed, then after each amendment.

Amendments apply in order of entry into force, then number. Each state is
computed once and shared: the consolidated text on a date is the state
after the last amendment in force on that date, an instrument is worded
from the states just before and after it. Every state is proven: each
operation applies, and every reference still names a provision in force.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bocompile.amend.apply import apply
from bocompile.amend.tree import AmendmentError
from bocompile.diagnostics import Diagnostic, Report, SourceError
from bocompile.model import Agreement, Change, Reference, query, walk_divisions
from bocompile.model.amendment import Amendment
from bocompile.model.hierarchy import a
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
    stages: tuple[Agreement, ...] = ()  # before each operation, then after the last
    #: references in `after` to a repealed provision: they keep its number, but
    #: --renumber drops it (warnings for a build, errors for --renumber)
    dangling: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class History:
    signed: Agreement            # as signed, numbered
    steps: tuple[Step, ...]      # in the order the amendments apply

    def at(self, as_of: dt.date | None = None) -> Agreement:
        """The text in force on `as_of` (the latest state if None)."""
        chosen = [s for s in self.steps if as_of is None or s.amendment.info.in_force <= as_of]
        return chosen[-1].after if chosen else self.signed

    def applied(self, as_of: dt.date | None = None) -> tuple[Amendment, ...]:
        return tuple(s.amendment for s in self.steps if as_of is None or s.amendment.info.in_force <= as_of)

    def dangling(self, as_of: dt.date | None = None) -> tuple[Diagnostic, ...]:
        """References to repealed provisions in the text in force on `as_of`."""
        chosen = [s for s in self.steps if as_of is None or s.amendment.info.in_force <= as_of]
        return chosen[-1].dangling if chosen else ()

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Every dangling reference of every state, once."""
        return tuple(dict.fromkeys(d for step in self.steps for d in step.dangling))


def history(agreement: Agreement, amendments: tuple[Amendment, ...], languages: tuple[str, ...]) -> History:
    """Every amendment applied in turn; a SourceError names each fault at the
    amendment's file:line."""
    report = Report()
    current = assign(agreement)
    signed, steps = current, []
    try:
        for amendment in in_force(amendments):
            stages = _stages(current, amendment)
            current = stages[-1]
            steps.append(Step(amendment, stages[0], current, stages, _references(current, languages, report)))
    except SourceError as error:
        report.extend(error.diagnostics)
    report.raise_if_errors()
    return History(signed, tuple(steps))


def _references(agreement: Agreement, languages, report: Report) -> tuple[Diagnostic, ...]:
    """Report references to no provision; return those to a repealed one."""
    divisions = {d.key: d for d in walk_divisions(agreement.parts)}
    dangling = []
    for lang in languages:
        for reference in query(agreement.parts, Reference, lang):
            target = divisions.get(reference.key)
            if target is None:
                report.error(reference.loc, f"[[{reference.key}]] refers to no part, section or article; "
                             "use an existing key")
            elif target.repealed:
                by = next(c.amendment for c in reversed(target.history) if c.action == "repealed")
                dangling.append(Diagnostic(reference.loc, f"[[{reference.key}]] refers to {a(target.kind)} "
                                           f"repealed by amendment nr. {by}: it keeps its number, but "
                                           "--renumber drops it; update the reference in that amendment",
                                           "warning"))
    return tuple(dangling)


def consolidate(agreement: Agreement, amendments: tuple[Amendment, ...],
                as_of: dt.date | None = None) -> Agreement:
    """The text in force on `as_of`, from the signed text and the amendments."""
    result = assign(agreement)
    for amendment in in_force(amendments, as_of):
        result = apply_amendment(result, amendment)
    return result


def apply_amendment(agreement: Agreement, amendment: Amendment) -> Agreement:
    return _stages(agreement, amendment)[-1]


def _stages(agreement: Agreement, amendment: Amendment) -> tuple[Agreement, ...]:
    """The agreement before each operation of `amendment`, then after the last."""
    info = amendment.info
    stages = [agreement]
    for index, operation in enumerate(amendment.operations):
        try:
            stages.append(apply(stages[-1], operation, Change("", info.number, info.signed, info.in_force, index)))
        except AmendmentError as error:
            lang = error.lang or next(iter(operation.loc))
            raise SourceError([Diagnostic(operation.loc[lang],
                                          f"amendment nr. {info.number}: {error}")]) from None
    return tuple(stages)
