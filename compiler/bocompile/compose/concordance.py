"""The concordance table that closes a renumbered text: old number -> new."""

from __future__ import annotations

from bocompile.compose.justel import GENERATED
from bocompile.diagnostics import Loc
from bocompile.language import Language
from bocompile.model import Cell, Heading, Paragraph, Table, Text
from bocompile.number import format_number
from bocompile.number.renumber import Move


def concordance(moves: tuple[Move, ...], style: str, langs: dict[str, Language]) -> tuple:
    """The closing blocks: a heading, then the table, per language."""
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
