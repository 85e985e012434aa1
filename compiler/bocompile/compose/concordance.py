"""The concordance annex of a renumbered text: old number -> new."""

from __future__ import annotations

from bocompile.compose.edition import Annex
from bocompile.compose.justel import GENERATED
from bocompile.diagnostics import Loc
from bocompile.language import Language
from bocompile.model import Agreement, Cell, Paragraph, Table, Text, walk_divisions
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.number import number

#: The key of the concordance annex (its AKN hcontainer name).
CONCORDANCE = "concordance"


def concordance(before: Agreement, after: Agreement, style: str, langs: dict[str, Language]) -> Annex:
    """Every article, old number -> new number ("(opgeheven)" for a repealed
    one), and every part or section that moved; headed "Bijlage –
    Concordantietabel", per language."""
    old, new = number(before, style), number(after, style)

    def cell(texts: dict[str, str]) -> Cell:
        return Cell((Paragraph({lang: (Text(t),) for lang, t in texts.items()}, _locs(langs)),), _locs(langs))

    def label(language: Language, numbering, key: str, parent: str | None) -> str:
        """ "Artikel 8", or for a paragraph "Artikel 8, § 2"; "(opgeheven)" when gone."""
        if key not in numbering.numbers:
            return language.render("consolidated.gone")
        own = language.label(numbering.kinds[key], numbering.text(key))
        if parent is None:
            return own
        return language.render("consolidated.within", parent=label(language, numbering, parent, None), label=own)

    header = (
        cell({lang: langs[lang].render("consolidated.old") for lang in langs}),
        cell({lang: langs[lang].render("consolidated.new") for lang in langs}),
    )
    parents = {c.key: d.key for d in walk_divisions(before.parts) for c in d.children if c.kind in SUBDIVISIONS}
    listed = [d for d in walk_divisions(before.parts) if d.kind == "article" or new.numbers.get(d.key) != old[d.key]]
    rows = tuple(
        (
            cell({lang: label(langs[lang], old, d.key, parents.get(d.key)) for lang in langs}),
            cell({lang: label(langs[lang], new, d.key, parents.get(d.key)) for lang in langs}),
        )
        for d in listed
    )
    return Annex(
        CONCORDANCE,
        {lang: langs[lang].render("consolidated.concordance") for lang in langs},
        (Table((header,) + rows, _locs(langs)),),
    )


def _locs(langs) -> dict[str, Loc]:
    return {lang: GENERATED for lang in langs}
