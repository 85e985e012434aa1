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
from bocompile.amend.tree import AmendmentError, fresh, keys_under, learn_places, position
from bocompile.diagnostics import Diagnostic, Report, SourceError
from bocompile.heap import settled
from bocompile.model import Agreement, Change, Division, Reference, query, walk_divisions
from bocompile.model.amendment import Amendment
from bocompile.model.hierarchy import a
from bocompile.model.memo import forget
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
    signed: Agreement  # as signed, numbered
    steps: tuple[Step, ...]  # in the order the amendments apply

    def upto(self, as_of: dt.date | None = None) -> tuple[Step, ...]:
        """The steps of the amendments in force on `as_of` (all if None)."""
        return tuple(s for s in self.steps if as_of is None or s.amendment.info.in_force <= as_of)

    def at(self, as_of: dt.date | None = None) -> Agreement:
        """The text in force on `as_of` (the latest state if None)."""
        chosen = self.upto(as_of)
        return chosen[-1].after if chosen else self.signed

    def applied(self, as_of: dt.date | None = None) -> tuple[Amendment, ...]:
        return tuple(s.amendment for s in self.upto(as_of))

    def dangling(self, as_of: dt.date | None = None) -> tuple[Diagnostic, ...]:
        """References to repealed provisions in the text in force on `as_of`."""
        chosen = self.upto(as_of)
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
    learn_places(current)
    signed, steps = current, []
    references: _References | None = None  # indexed once there is an amendment to follow
    try:
        for amendment in in_force(amendments):
            if references is None:
                references = _References(current, languages)
            stages = _stages(current, amendment)
            after = stages[-1]
            steps.append(Step(amendment, stages[0], after, stages, references.follow(current, after, report)))
            current = after
    except SourceError as error:
        report.extend(error.diagnostics)
    report.raise_if_errors()
    forget(keys_under)  # a key set for each part each amendment rebuilt: 80 MB at 20,000 articles
    settled()  # the states live to the end of the run
    return History(signed, tuple(steps))


class _References:
    """Every reference of the current state, by the division that holds it and
    by the key it names, kept up to date from one state to the next: an
    amendment touches a few provisions, so only theirs are read again."""

    def __init__(self, agreement: Agreement, languages: tuple[str, ...]):
        self.languages = languages
        self.present: dict[str, Division] = {}
        self.held: dict[str, list[tuple[int, Reference]]] = {}  # holder -> (language index, reference)
        self.to: dict[str, dict[str, None]] = {}  # key named -> the holders naming it (in insertion order)
        self.repealed: set[str] = set()
        #: the references to a repealed provision last found, and whether an
        #: amendment since then added or took away one (most do neither)
        self.dangling: tuple[Diagnostic, ...] = ()
        self.stale = True
        for division in walk_divisions(agreement.parts):
            self._add(division)

    def follow(self, before: Agreement, after: Agreement, report: Report) -> tuple[Diagnostic, ...]:
        """Move from `before` to `after`: report references to no provision;
        return those to a repealed one, in the order of the text."""
        gone = [division for _, division in fresh(after.parts, before.parts)]
        made = [division for _, division in fresh(before.parts, after.parts)]
        for division in gone:
            self._remove(division)
        for division in made:
            self._add(division)
        lost = {d.key for d in gone if d.key not in self.present}  # not set - keys(): that walks all keys
        named = [r for d in made for _, r in self.held[d.key]] + [
            r for key in lost for holder in self.to.get(key, ()) for _, r in self.held[holder] if r.key == key
        ]
        for reference in named:
            if reference.key not in self.present:
                report.error(
                    reference.loc, f"[[{reference.key}]] refers to no part, section or article; use an existing key"
                )
        if self.stale:
            self.dangling, self.stale = self._dangling(after), False
        return self.dangling

    def _dangling(self, agreement: Agreement) -> tuple[Diagnostic, ...]:
        """The references to a repealed provision, in the order of the text."""
        found = [
            (self._place(agreement, holder, index, lang), reference, self.present[key])
            for key in self.repealed
            for holder in self.to.get(key, ())
            for index, (lang, reference) in enumerate(self.held[holder])
            if reference.key == key
        ]
        return tuple(
            _repealed_reference(reference, target) for _, reference, target in sorted(found, key=lambda item: item[0])
        )

    def _add(self, division: Division) -> None:
        self.present[division.key] = division
        if division.repealed:
            self.repealed.add(division.key)
        own = [
            (index, reference)
            for index, lang in enumerate(self.languages)
            for reference in (*query(division.title.get(lang, ()), Reference), *query(division.blocks, Reference, lang))
        ]
        self.held[division.key] = own
        for _, reference in own:
            self.to.setdefault(reference.key, {})[division.key] = None
        self._touch(division)

    def _remove(self, division: Division) -> None:
        if self.present.get(division.key) is not division:
            return
        self._touch(division)
        del self.present[division.key]
        self.repealed.discard(division.key)
        for key in {reference.key for _, reference in self.held.pop(division.key)}:
            holders = self.to[key]
            del holders[division.key]
            if not holders:
                del self.to[key]

    def _touch(self, division: Division) -> None:
        """Note whether `division`, coming or going, changes the references
        to a repealed provision: it is one, or it holds one."""
        if division.repealed or any(r.key in self.repealed for _, r in self.held[division.key]):
            self.stale = True

    @staticmethod
    def _place(agreement: Agreement, holder: str, index: int, lang: int) -> tuple:
        """Where a reference stands in the order `query` gives: by language,
        then its division in the order of the text, then its place in it."""
        return lang, position(agreement, holder), index


def _repealed_reference(reference: Reference, target: Division) -> Diagnostic:
    by = next(c.amendment for c in reversed(target.history) if c.action == "repealed")
    return Diagnostic(
        reference.loc,
        f"[[{reference.key}]] refers to {a(target.kind)} repealed by amendment "
        f"nr. {by}: it keeps its number, but --renumber drops it; update the reference in that "
        "amendment",
        "warning",
    )


def consolidate(agreement: Agreement, amendments: tuple[Amendment, ...], as_of: dt.date | None = None) -> Agreement:
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
            raise SourceError([Diagnostic(operation.loc[lang], f"amendment nr. {info.number}: {error}")]) from None
    return tuple(stages)
