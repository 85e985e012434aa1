"""The consolidated edition: the text in force on a date, Justel-annotated,
optionally renumbered with its concordance table."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bocompile.amend.history import History
from bocompile.compose.concordance import concordance
from bocompile.compose.edition import Annex, Edition
from bocompile.compose.inputs import edition_of, history_of, languages_of
from bocompile.compose.instrument import cited_titles
from bocompile.compose.justel import annotate
from bocompile.diagnostics import SourceError
from bocompile.language import Language
from bocompile.load import Loaded
from bocompile.model.facts import AmendmentInfo
from bocompile.number.renumber import renumber


def latest(loaded: Loaded) -> dt.date:
    """Default as-of date: the latest entry into force (signing if none)."""
    return max((a.info.in_force for a in loaded.amendments), default=loaded.config.signing_date)


def consolidated_edition(
    loaded: Loaded, as_of: dt.date | None = None, renumbered: bool = False, *, states: History | None = None
) -> Edition:
    config, langs, states = loaded.config, languages_of(loaded), states or history_of(loaded)
    as_of = as_of or latest(loaded)
    applied = states.applied(as_of)
    agreement = states.at(as_of)
    annexes: tuple[Annex, ...] = ()
    if renumbered and states.dangling(as_of):  # a reference to a number --renumber drops
        raise SourceError([dataclasses.replace(d, severity="error") for d in states.dangling(as_of)])
    if renumbered:
        before = agreement
        agreement = renumber(agreement)
        annexes = (concordance(before, agreement, config.numbering, langs),)
    agreement = annotate(agreement, langs, states.upto(as_of))
    front = {
        lang: (
            langs[lang].render("consolidated.state", date=langs[lang].date(as_of)),
            *_included(applied, langs[lang]),
            *((langs[lang].render("consolidated.renumbered"),) if renumbered else ()),
            langs[lang].render("consolidated.disclaimer"),
        )
        for lang in langs
    }
    header = {
        lang: langs[lang].render("consolidated.header", title=config.title[lang], date=langs[lang].date(as_of))
        for lang in langs
    }
    return edition_of(
        loaded,
        agreement,
        name="consolidated",
        kind="consolidated",
        date=as_of,
        header=header,
        front=front,
        annexes=annexes,
        amendments=applied,
        as_of=as_of,
        renumbered=renumbered,
        cited=cited_titles(applied, langs, config.title),
    )


def _included(applied, language: Language) -> tuple[str, ...]:
    if not applied:
        return (language.render("consolidated.none"),)
    return (
        language.render("consolidated.includes"),
        *(amendment_line(a.info, language) for a in applied),
    )


def amendment_line(info: AmendmentInfo, language: Language) -> str:
    """ "wijziging nr. 2 van <signed> (<subject>), in werking getreden op ...":
    how a title page lists an amendment the text includes, one wording for
    the consolidated text's and a comparison's."""
    return language.render(
        "consolidated.amendment",
        nr=info.number,
        subject=info.title[language.code],
        signed=language.date(info.signed),
        in_force=language.date(info.in_force),
    )
