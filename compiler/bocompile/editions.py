"""The editions a build writes: the agreement as signed, each amendment
instrument, and the consolidated text (optionally renumbered).

Each is an Edition: a numbered bilingual model plus the generated text
around it. Everything worded comes from templates/lang.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bocompile.amend.consolidate import consolidate, in_force, steps
from bocompile.amend.instrument import build_instrument
from bocompile.check import Compiled
from bocompile.diagnostics import Loc
from bocompile.edition import Edition
from bocompile.language import Language, load_language
from bocompile.model import Agreement, Cell, Division, Footnote, Heading, Paragraph, Table, Text
from bocompile.number import assign, format_number, number
from bocompile.number.renumber import Move, renumber

GENERATED = Loc("<generated>", 0)


def languages_of(compiled: Compiled) -> dict[str, Language]:
    return {code: load_language(compiled.project.root, code) for code in compiled.config.languages}


def base_edition(compiled: Compiled) -> Edition:
    config = compiled.config
    agreement = assign(compiled.agreement)
    return Edition(
        name="base", kind="base", config=config, agreement=agreement,
        numbering=number(agreement, config.numbering), languages=languages_of(compiled),
        root=compiled.project.root, date=config.signing_date, title=config.title,
        signed=config.signing_date,
    )


def latest(compiled: Compiled) -> dt.date:
    """Default as-of date: the latest entry into force (signing if none)."""
    return max((a.info.in_force for a in compiled.amendments), default=compiled.config.signing_date)


def consolidated_edition(compiled: Compiled, as_of: dt.date | None = None,
                         renumbered: bool = False) -> Edition:
    config, langs = compiled.config, languages_of(compiled)
    as_of = as_of or latest(compiled)
    applied = in_force(compiled.amendments, as_of)
    agreement = consolidate(compiled.agreement, compiled.amendments, as_of)
    closing: tuple = ()
    if renumbered:
        old_numbering = number(agreement, config.numbering)
        agreement, moves = renumber(agreement)
        closing = _concordance(moves, old_numbering.style, langs)
    agreement = _annotate(agreement, langs)
    front = {lang: (langs[lang].render("consolidated.state", date=langs[lang].date(as_of)),
                    *_included(applied, langs[lang]),
                    *((langs[lang].render("consolidated.renumbered"),) if renumbered else ()))
             for lang in langs}
    return Edition(
        name="consolidated", kind="consolidated", config=config, agreement=agreement,
        numbering=number(agreement, config.numbering), languages=langs, root=compiled.project.root,
        date=as_of, title=config.title, signed=None, front=front, closing=closing,
        amendments=applied,
    )


def instrument_editions(compiled: Compiled) -> list[Edition]:
    config, langs = compiled.config, languages_of(compiled)
    out = []
    for step in steps(compiled.agreement, in_force(compiled.amendments)):
        info = step.amendment.info
        instrument = build_instrument(step, langs, config.numbering, config.grouping,
                                      config.title, config.parties)
        out.append(Edition(
            name=f"amendments/{info.id}", kind="amendment", config=config, agreement=instrument.body,
            numbering=instrument.numbering, languages=langs, root=compiled.project.root,
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


def _annotate(agreement: Agreement, langs: dict[str, Language]) -> Agreement:
    """Justel notes: one footnote per change, on the changed provision's title."""
    def visit(division: Division) -> Division:
        notes = {lang: tuple(Footnote(((Text(langs[lang].render(
            f"justel.{c.action}", nr=c.amendment, signed=langs[lang].date(c.signed),
            in_force=langs[lang].date(c.in_force))),),), GENERATED) for c in division.history)
            for lang in langs}
        title = {lang: division.title[lang] + notes[lang] for lang in langs}
        return replace(division, title=title, children=tuple(visit(c) for c in division.children))
    return Agreement(tuple(visit(p) for p in agreement.parts))


def _concordance(moves: tuple[Move, ...], style: str, langs: dict[str, Language]) -> tuple:
    """The closing concordance table, old number -> new number, per language."""
    def cell(texts: dict[str, str]) -> Cell:
        return Cell((Paragraph({lang: (Text(t),) for lang, t in texts.items()}, _locs(langs)),), _locs(langs))

    def label(language: Language, kind: str, n) -> str:
        return language.label(kind, format_number(n, style)) if n else language.render("consolidated.gone")

    header = (cell({lang: langs[lang].render("consolidated.old") for lang in langs}),
              cell({lang: langs[lang].render("consolidated.new") for lang in langs}))
    rows = tuple((cell({lang: label(langs[lang], m.kind, m.old) for lang in langs}),
                  cell({lang: label(langs[lang], m.kind, m.new) for lang in langs})) for m in moves)
    title = Heading(1, {lang: (Text(langs[lang].render("consolidated.concordance")),) for lang in langs},
                    _locs(langs))
    return (title, Table((header,) + rows, _locs(langs)))


def _locs(langs) -> dict[str, Loc]:
    return {lang: GENERATED for lang in langs}
