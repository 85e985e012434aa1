"""The editions a build writes: the agreement as signed, each amendment
instrument, and the consolidated text (optionally renumbered).

Each is an Edition: a numbered bilingual model plus the generated text
around it. Everything worded comes from templates/lang.
"""

from __future__ import annotations

import datetime as dt

from bocompile.amend.history import History, history
from bocompile.compose.concordance import concordance
from bocompile.compose.edition import Edition
from bocompile.compose.instrument import build_instrument, instrument_title
from bocompile.compose.justel import annotate
from bocompile.language import Language, load_language
from bocompile.load import Loaded
from bocompile.number import number
from bocompile.number.renumber import renumber


def editions_of(loaded: Loaded, consolidated: bool = False, as_of: dt.date | None = None,
                renumbered: bool = False) -> list[Edition]:
    """The agreement as signed and every instrument; with `consolidated`, the
    text in force on `as_of`. The amendments apply once, for all of them."""
    states = history_of(loaded)
    editions = [base_edition(loaded, states=states), *instrument_editions(loaded, states=states)]
    if consolidated:
        editions.append(consolidated_edition(loaded, as_of, renumbered, states=states))
    return editions


def history_of(loaded: Loaded) -> History:
    return history(loaded.agreement, loaded.amendments, loaded.config.languages)


def languages_of(loaded: Loaded) -> dict[str, Language]:
    templates = loaded.project.root / "templates"
    return {code: load_language(templates, code) for code in loaded.config.languages}


def base_edition(loaded: Loaded, *, states: History | None = None) -> Edition:
    config, signed = loaded.config, (states or history_of(loaded)).signed
    return Edition(
        name="base", kind="base", config=config, agreement=signed,
        numbering=number(signed, config.numbering), languages=languages_of(loaded),
        root=loaded.project.root, date=config.signing_date, title=config.title,
        signed=config.signing_date,
    )


def latest(loaded: Loaded) -> dt.date:
    """Default as-of date: the latest entry into force (signing if none)."""
    return max((a.info.in_force for a in loaded.amendments), default=loaded.config.signing_date)


def consolidated_edition(loaded: Loaded, as_of: dt.date | None = None, renumbered: bool = False, *,
                         states: History | None = None) -> Edition:
    config, langs, states = loaded.config, languages_of(loaded), states or history_of(loaded)
    as_of = as_of or latest(loaded)
    applied = states.applied(as_of)
    agreement = states.at(as_of)
    closing: tuple = ()
    if renumbered:
        old_numbering = number(agreement, config.numbering)
        agreement, moves = renumber(agreement)
        closing = concordance(moves, old_numbering.style, langs)
    agreement = annotate(agreement, langs)
    front = {lang: (langs[lang].render("consolidated.state", date=langs[lang].date(as_of)),
                    *_included(applied, langs[lang]),
                    *((langs[lang].render("consolidated.renumbered"),) if renumbered else ()))
             for lang in langs}
    return Edition(
        name="consolidated", kind="consolidated", config=config, agreement=agreement,
        numbering=number(agreement, config.numbering), languages=langs, root=loaded.project.root,
        date=as_of, title=config.title, signed=None, front=front, closing=closing,
        amendments=applied, cited={lang: {a.info.number: instrument_title(a.info, langs[lang], config.title[lang])
                                          for a in applied} for lang in langs},
    )


def instrument_editions(loaded: Loaded, *, states: History | None = None) -> list[Edition]:
    config, langs = loaded.config, languages_of(loaded)
    out = []
    for step in (states or history_of(loaded)).steps:
        info = step.amendment.info
        instrument = build_instrument(step, langs, config.numbering, config.grouping,
                                      config.title, config.parties)
        out.append(Edition(
            name=f"amendments/{info.id}", kind="amendment", config=config, agreement=instrument.body,
            numbering=instrument.numbering, languages=langs, root=loaded.project.root,
            date=info.signed, title=instrument.title, signed=info.signed,
            front={lang: (info.title[lang],) for lang in langs}, preamble=instrument.preamble,
            amendments=(step.amendment,), modifications=instrument.modifications,
        ))
    return out


def _included(applied, language: Language) -> tuple[str, ...]:
    if not applied:
        return (language.render("consolidated.none"),)
    return (language.render("consolidated.includes"), *(
        language.render("consolidated.amendment", nr=a.info.number, subject=a.info.title[language.code],
                        signed=language.date(a.info.signed), in_force=language.date(a.info.in_force))
        for a in applied))
