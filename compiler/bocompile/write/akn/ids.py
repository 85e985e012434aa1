"""eIds and wIds, after the Akoma Ntoso naming convention.

eId: the identity of a provision in THIS version, built only from
language-neutral numbers (`Numbering`), so the same provision has the same
eId in every language expression:

    part_3                 part 3
    part_3__sec_2          section 2 of part 3 (sections restart per part)
    art_8                  article 8; articles run through the whole
                           agreement, so their eId carries no part/section
                           prefix (the convention allows dropping it)
    art_7-1                article 7/1 (or 7bis): the number (7, 1), joined by "-"
    art_18__para_3         the 3rd block of article 18 (blocks are unnumbered
                           paragraphs, counted by position)
    art_18__crossHeading_1 its first sub-heading
    art_18__para_3__list_1__item_2, art_25__para_1__table_1,
    art_29__para_4__table_1__authorialNote_1

Below a division, an element's eId is the eId of its nearest ancestor that
has one, "__", its abbreviation and its position among that ancestor's
elements of the same kind. Outside the divisions:

    hcontainer_1           the first annex after the last division
                           (a renumbered text's concordance table)
    hcontainer_1__table_1  its table
    preamble__table_1      a list, table or note in the preamble (the
                           <preamble> itself carries no eId)

wId: the same construction with each division's number replaced by its
stable source key (`art_consolidatie__para_1`), so it survives renumbering.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bocompile.model import Agreement, Division
from bocompile.model.hierarchy import SUBDIVISIONS, THROUGHOUT
from bocompile.number import Numbering

#: Element name -> abbreviation used in ids (the convention's table).
ABBREVIATIONS = {
    "part": "part",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "subparagraph": "subpara",
    "blockList": "list",
    "item": "item",
    "table": "table",
    "crossHeading": "crossHeading",
    "authorialNote": "authorialNote",
    "hcontainer": "hcontainer",
    "note": "note",
    "mod": "mod",
    "quotedText": "qtext",
    "quotedStructure": "qstr",
}


def justel_note_id(division: str, number: int) -> str:
    """The editorial note of Justel number `number` of a division: "art_9__note_1"."""
    return f"{division}__{ABBREVIATIONS['note']}_{number}"


@dataclass
class Scope:
    """An element that has ids; it numbers its descendants of each kind."""

    eid: str
    wid: str
    _counts: Counter = field(default_factory=Counter, repr=False)

    def child(self, element: str) -> Scope:
        """The ids of the next `element` inside this one, counted by position."""
        abbreviation = ABBREVIATIONS[element]
        self._counts[abbreviation] += 1
        suffix = f"__{abbreviation}_{self._counts[abbreviation]}"
        return Scope(self.eid + suffix, self.wid + suffix)

    @property
    def attrs(self) -> dict[str, str]:
        return {"eId": self.eid, "wId": self.wid}


def number_id(number: tuple[int, ...]) -> str:
    """(8,) -> "8"; (7, 1) -> "7-1": no language-specific "/", "bis" or "er"."""
    return "-".join(str(n) for n in number)


def division_eid(path: tuple[tuple[str, tuple[int, ...]], ...]) -> str:
    """The eId of a division from the (kind, number) path down to it: an
    article's number alone ("art_7-1"), a section's with its part's
    ("part_3__sec_2", sections restart in each part), a paragraph's with
    its article's ("art_5__para_2")."""
    articles = [i for i, (kind, _) in enumerate(path) if kind in THROUGHOUT]
    path = path[articles[-1] :] if articles else path
    return "__".join(f"{ABBREVIATIONS[kind]}_{number_id(number)}" for kind, number in path)


def lid_element(holder: str) -> str:
    """A lid is a <paragraph> of an article, a <subparagraph> of a § ."""
    return "subparagraph" if holder in SUBDIVISIONS else "paragraph"


def destination_eid(
    path: tuple[tuple[str, tuple[int, ...]], ...], lid: int | None = None, cell: tuple[int, int] | None = None
) -> str:
    """The eId of a provision, of one of its lids, or of a figure of that lid's data table."""
    eid = division_eid(path)
    if lid is not None:
        eid += f"__{ABBREVIATIONS[lid_element(path[-1][0])]}_{lid}"
    if cell is not None:
        eid += f"__{ABBREVIATIONS['table']}_1__{cell_id(*cell)}"
    return eid


def cell_id(row: int, column: int) -> str:
    """A figure of a data table: its row and column, from 1 ("cell_5-2")."""
    return f"cell_{row}-{column}"


def quoted_scopes(divisions, within: tuple[tuple[str, tuple[int, ...]], ...], prefix: Scope) -> dict[str, Scope]:
    """The ids of provisions an instrument quotes: their ids in the agreement
    as amended, under the id of the <quotedStructure> that holds them."""
    scopes: dict[str, Scope] = {}

    def visit(division, path) -> None:
        path = path + ((division.kind, division.number),)
        local = division_eid(path)
        scopes[division.key] = Scope(f"{prefix.eid}__{local}", f"{prefix.wid}__{local}")
        for child in division.children:
            visit(child, path)

    for division in divisions:
        visit(division, within)
    return scopes


def division_scopes(agreement: Agreement, numbering: Numbering) -> dict[str, Scope]:
    """The ids of every part, section and article, by key.

    Make them afresh for each document: a scope counts the ids it hands out.
    """
    scopes: dict[str, Scope] = {}

    def visit(division: Division, parent: Scope | None) -> None:
        abbreviation = ABBREVIATIONS[division.kind]
        eid = f"{abbreviation}_{number_id(numbering[division.key])}"
        wid = f"{abbreviation}_{division.key}"
        if parent is not None and division.kind != "article":
            eid, wid = f"{parent.eid}__{eid}", f"{parent.wid}__{wid}"
        scopes[division.key] = scope = Scope(eid, wid)
        for child in division.children:
            visit(child, scope)

    for part in agreement.parts:
        visit(part, None)
    return scopes
