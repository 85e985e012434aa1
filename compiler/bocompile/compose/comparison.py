"""A comparison: two states of the agreement and what changed, worded.

It is what the redline and the synoptic table render: the changes
(diff/), an Edition for the wording and numbers of both texts (the new
numbers, and the old ones of what is gone), the lines naming the two
texts, and for each provision the amendment credited with its changes:
the author and date of its tracked changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bocompile.amend.history import History
from bocompile.compose.consolidated import amendment_line
from bocompile.compose.edition import Edition
from bocompile.compose.inputs import edition_of, history_of, languages_of
from bocompile.compose.instrument import cited_titles
from bocompile.diff import compare
from bocompile.diff.changes import DivisionChange
from bocompile.diff.divisions import Shared
from bocompile.diff.points import Point, span
from bocompile.language import Language
from bocompile.load import Loaded
from bocompile.model import Agreement
from bocompile.model.amendment import Amendment
from bocompile.model.facts import AmendmentInfo
from bocompile.number import Numbering, either, numbered


@dataclass(frozen=True)
class Comparison:
    name: str  # output folder: "diff/base_wijziging-2", "amendments/<id>"
    edition: Edition  # wording, numbers of both texts, title page lines
    divisions: tuple[DivisionChange, ...]  # the parts' changes (each holds its children's)
    credits: dict[str, AmendmentInfo]  # division key -> the amendment that changed it

    def author(self, key: str, lang: str) -> str:
        """The author of a provision's tracked changes: "Wijziging nr. 2 – <subject>"."""
        info = self.credits[key]
        return self.edition.text("diff.author", lang, nr=info.number, subject=info.title[lang])


def comparison(
    loaded: Loaded, start: str | None = None, end: str | None = None, *, states: History | None = None
) -> Comparison:
    """`bocompile diff --from start --to end`; UsageProblem for bad points."""
    states = states or history_of(loaded)
    since, to = span(states, loaded.config.signing_date, start, end)
    return _compose(loaded, states, since, to, f"diff/{since.name}_{to.name}")


def amendment_comparisons(loaded: Loaded, *, states: History | None = None) -> list[Comparison]:
    """For each amendment, the text before it against the text after it."""
    states = states or history_of(loaded)
    shared: Shared = {}
    return [amendment_comparison(loaded, states, index, shared) for index in range(len(states.steps))]


def amendment_comparison(loaded: Loaded, states: History, index: int, shared: Shared | None = None) -> Comparison:
    """The text before the `index`-th amendment in force against the text
    after it. `shared`: the comparisons of the divisions the states share,
    kept from one amendment to the next (each would compare the whole
    agreement again)."""
    name = f"amendments/{states.steps[index].amendment.info.id}"
    return _compose(loaded, states, Point("", index), Point("", index + 1), name, shared)


def _compose(
    loaded: Loaded, states: History, since: Point, to: Point, name: str, shared: Shared | None = None
) -> Comparison:
    config, langs = loaded.config, languages_of(loaded)
    old, new = _state(states, since), _state(states, to)
    changes = compare(old, new, shared)
    applied = tuple(step.amendment for step in states.steps[since.applied : to.applied])
    edition = edition_of(
        loaded,
        new,
        numbering=_numbers(old, new, config.numbering),
        name=name,
        kind="comparison",
        date=_date(states, to, config.signing_date),
        front={lang: front_lines(states, since, to, applied, langs[lang], config.signing_date) for lang in langs},
        amendments=applied,
        cited=cited_titles(applied, langs, config.title),
    )
    return Comparison(name, edition, changes, _credits(changes, tuple(a.info for a in applied)))


def _state(states: History, at: Point) -> Agreement:
    return states.steps[at.applied - 1].after if at.applied else states.signed


def _numbers(old: Agreement, new: Agreement, style: str) -> Numbering:
    """The new numbers, and the old ones of provisions the new text lacks,
    looked up as the writer asks: an instrument's redline words a few."""
    return either(numbered(new, style), numbered(old, style))


def _date(states: History, to: Point, signed: dt.date) -> dt.date:
    """The new text's date: the day asked for, else the latest entry into force it includes."""
    if to.day:
        return to.day
    return states.steps[to.applied - 1].amendment.info.in_force if to.applied else signed


def front_lines(
    states: History, since: Point, to: Point, applied: tuple[Amendment, ...], language: Language, signed: dt.date
) -> tuple[str, ...]:
    """The title page lines: the current text, the new text, then the amendments between them
    (`check` words them without comparing the texts)."""
    lines = [
        language.render("diff.from", text=_text(states, since, language, signed)),
        language.render("diff.to", text=_text(states, to, language, signed)),
    ]
    if applied:
        lines.append(language.render("diff.includes"))
        lines += [amendment_line(a.info, language) for a in applied]
    return tuple(lines)


def _text(states: History, at: Point, language: Language, signed: dt.date) -> str:
    """How the title page names a state: as signed, on a date, after an amendment."""
    if at.day:
        return language.render("diff.state.date", date=language.date(at.day))
    if not at.applied:
        return language.render("diff.state.base", date=language.date(signed))
    info = states.steps[at.applied - 1].amendment.info
    return language.render(
        "diff.state.amendment", nr=info.number, subject=info.title[language.code], signed=language.date(info.signed)
    )


def _credits(changes: tuple[DivisionChange, ...], applied: tuple[AmendmentInfo, ...]) -> dict[str, AmendmentInfo]:
    """Per provision, the last amendment between the two texts that changed
    it (its history says which); else what its parent is credited with, else
    the last amendment between them. No amendment between them: no change."""
    infos = {info.number: info for info in applied}
    credits: dict[str, AmendmentInfo] = {}

    def visit(items: tuple[DivisionChange, ...], inherited: AmendmentInfo) -> None:
        for change in items:
            if change.unchanged:  # both texts share it: nothing in it changed
                continue
            own = [c.amendment for c in change.division.history if c.amendment in infos]
            credits[change.key] = infos[own[-1]] if own else inherited
            visit(change.children, credits[change.key])

    if applied:
        visit(changes, applied[-1])
    return credits
