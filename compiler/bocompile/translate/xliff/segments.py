"""What an XLIFF file holds for one reference -> target pair, in memory.

Export serialises it; import compares a translator's file with it. Per
unit (translate.units), one segment per text of the title or block: a
paragraph, each paragraph of a list item or table cell, a figure's
caption, a data table's labels. Each footnote becomes a unit of its own
("opvolging-p2-n1", a sub-flow of its anchor), one segment per paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bocompile.compose.inputs import languages_of
from bocompile.load import Loaded
from bocompile.model import Footnote, query
from bocompile.model.walk import holds, walk
from bocompile.number import number
from bocompile.translate.units import Unit, units
from bocompile.translate.xliff.codes import Encoder


@dataclass(frozen=True)
class Segment:
    node: object  # the node holding the text (a paragraph, a data row, a footnote ...)
    field: str | int  # its text field, or the paragraph index of a footnote
    source: tuple  # the reference language's inlines
    target: tuple  # the target language's inlines

    def loc(self, lang: str):
        """Where the text starts: its node's line (a note's first paragraph); None
        for a node without a line of its own (a data row: its table's)."""
        if isinstance(self.node, Footnote):
            return self.node.loc
        return self.node.loc[lang] if hasattr(self.node, "loc") else None


@dataclass
class XUnit:
    id: str
    unit: Unit  # the title or block it belongs to (for a note: its anchor's)
    file: str  # the Markdown file name (the same in every language)
    note: str  # where it stands, for the translator: "Artikel 4"
    segments: list[Segment]
    source: Encoder = field(repr=False)  # numbers the reference's codes, remembers their meaning
    target: Encoder = field(repr=False)  # the same for the target language


def exchange(loaded: Loaded, target: str) -> list[XUnit]:
    """Every unit of the agreement for `target`, notes after their anchor's unit, in document order."""
    reference = loaded.config.languages[0]
    languages = languages_of(loaded)
    numbering = number(loaded.agreement, loaded.config.numbering)

    def reads(lang: str):
        return lambda key: languages[lang].number(numbering.kinds[key], numbering.text(key))

    out: list[XUnit] = []
    for unit in units(loaded.agreement):
        division = unit.division
        label = languages[reference].label(division.kind, numbering.text(division.key))
        file = unit.loc(reference).path.rsplit("/", 1)[-1]
        segments = [
            Segment(node, name, getattr(node, name)[reference], getattr(node, name)[target])
            for node, name in _texts(unit, reference)
        ]
        xunit = XUnit(
            unit.id, unit, file, label, segments, Encoder(unit.id, reads(reference)), Encoder(unit.id, reads(target))
        )
        out.append(xunit)
        sources = list(query(tuple(s.source for s in segments), Footnote, prune=(Footnote,)))
        targets = list(query(tuple(s.target for s in segments), Footnote, prune=(Footnote,)))
        for index, (note, translated) in enumerate(zip(sources, targets, strict=True), start=1):
            note_id = xunit.source.note_unit(f"n{index}")
            out.append(
                XUnit(
                    note_id,
                    unit,
                    file,
                    label,
                    [
                        Segment(translated, k, paragraph, translated.paragraphs[k])
                        for k, paragraph in enumerate(note.paragraphs)
                    ],
                    Encoder(note_id, reads(reference)),
                    Encoder(note_id, reads(target)),
                )
            )
    return out


def _texts(unit: Unit, reference: str) -> list[tuple[object, str]]:
    """(node, text field) of every text of the unit, in document order. A
    field equal to an earlier one of its node is that one's default (a data
    table's caption is its stub unless given): it is not text of its own."""
    if unit.is_title:
        return [(unit.division, "title")]
    out = []
    for node, _ in walk(unit.node, prune=(Footnote,)):
        seen: list = []
        for name, what in holds(type(node)):  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
            if what == "text":
                value = getattr(node, name)[reference]
                if value not in seen:
                    out.append((node, name))
                seen.append(value)
    return out
