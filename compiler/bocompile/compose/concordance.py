"""The concordance annex of a renumbered text: old number -> new."""

from __future__ import annotations

from bocompile.compose.edition import Annex
from bocompile.compose.justel import GENERATED
from bocompile.diagnostics import Loc
from bocompile.language import Language
from bocompile.model import Agreement, Cell, Paragraph, Table, Text, walk_divisions
from bocompile.number import format_number, number

#: The key of the concordance annex (its AKN hcontainer name).
CONCORDANCE = "concordance"


def concordance(before: Agreement, after: Agreement, style: str, langs: dict[str, Language]) -> Annex:
    """Every article, old number -> new number ("(opgeheven)" for a repealed
    one), and every part or section that moved; headed "Bijlage –
    Concordantietabel", per language."""
    old, new = number(before, style), number(after, style)

    def cell(texts: dict[str, str]) -> Cell:
        return Cell((Paragraph({lang: (Text(t),) for lang, t in texts.items()}, _locs(langs)),), _locs(langs))

    def label(language: Language, kind: str, n) -> str:
        return language.label(kind, format_number(n, style)) if n else language.render("consolidated.gone")

    header = (cell({lang: langs[lang].render("consolidated.old") for lang in langs}),
              cell({lang: langs[lang].render("consolidated.new") for lang in langs}))
    listed = [d for d in walk_divisions(before.parts)
              if d.kind == "article" or new.numbers.get(d.key) != old[d.key]]
    rows = tuple((cell({lang: label(langs[lang], d.kind, old[d.key]) for lang in langs}),
                  cell({lang: label(langs[lang], d.kind, new.numbers.get(d.key)) for lang in langs}))
                 for d in listed)
    return Annex(CONCORDANCE, {lang: langs[lang].render("consolidated.concordance") for lang in langs},
                 (Table((header,) + rows, _locs(langs)),))


def _locs(langs) -> dict[str, Loc]:
    return {lang: GENERATED for lang in langs}
