"""Plain immutable dataclasses for the agreement's structure and text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterator, Mapping, TypeVar, Union

from bocompile.diagnostics import Loc

T = TypeVar("T")

#: One value per language code ("nl", "fr"). Readers produce one entry;
#: merging the languages (check.parity) unites them.
Localized = Mapping[str, T]


# -- inline content (always inside a Localized: it is per language) --------

@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Link:
    url: str
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Reference:
    """`[[key]]`: renders the current number of the division `key`."""

    key: str
    loc: Loc


@dataclass(frozen=True)
class Footnote:
    """A note anchored where it is referenced; its text is a few paragraphs.

    `mark` is the sign the source gives it ("*", as the signed text prints
    it); without one the writers number the note."""

    paragraphs: tuple[tuple["Inline", ...], ...]
    loc: Loc
    mark: str = ""


Inline = Union[Text, Emphasis, Strong, LineBreak, Link, Reference, Footnote]
Inlines = tuple[Inline, ...]


# -- blocks ------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: Localized[Inlines]
    loc: Localized[Loc]


@dataclass(frozen=True)
class Heading:
    """An unnumbered sub-heading inside an article (level 1 or 2)."""

    level: int
    text: Localized[Inlines]
    loc: Localized[Loc]


@dataclass(frozen=True)
class ListItem:
    blocks: tuple["Block", ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class ListBlock:
    """style: "point" (1°), "letter" (a)), "number" (1.) or "bullet"."""

    style: str
    items: tuple[ListItem, ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class Cell:
    blocks: tuple["Block", ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class Table:
    """A text table; the first row is the header row."""

    rows: tuple[tuple[Cell, ...], ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class DataRow:
    key: str
    label: Localized[Inlines]
    values: tuple[Decimal, ...]
    is_total: bool


@dataclass(frozen=True)
class DataTable:
    """Figures stated once (CSV), labels per language, totals computed."""

    key: str
    stub: Localized[Inlines]
    columns: tuple[str, ...]
    rows: tuple[DataRow, ...]
    loc: Localized[Loc]


@dataclass(frozen=True)
class Figure:
    """An image; `src` None is an explicit placeholder box."""

    src: str | None
    caption: Localized[Inlines]
    loc: Localized[Loc]


Block = Union[Paragraph, Heading, ListBlock, Table, DataTable, Figure]


# -- divisions ---------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One event in a provision's life, for Justel notes and citations.

    action: "inserted", "replaced", "modified", "repealed" or "reinstated".
    """

    action: str
    amendment: int        # the amendment's number (nr. 2)
    signed: "dt.date"
    in_force: "dt.date"


@dataclass(frozen=True)
class Division:
    """A part, section or article, identified by its stable key.

    `number` is empty until the numbering pass fixes it; an amendment then
    keeps it, so inserted provisions get 7/1 instead of moving others.
    """

    kind: str  # "part" | "section" | "article"
    key: str
    title: Localized[Inlines]
    blocks: tuple[Block, ...]
    children: tuple["Division", ...]
    loc: Localized[Loc]
    number: tuple[int, ...] = ()
    repealed: bool = False
    history: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Agreement:
    """The body of the agreement: its parts, in order."""

    parts: tuple[Division, ...]


def plain_text(inlines: Inlines, reference: Callable[[str], str] = lambda key: "") -> str:
    """The words alone (for captions, sizes, formulas): no formatting, no
    notes; a line break is a space and `reference` renders a [[key]]."""
    out = []
    for inline in inlines:
        if isinstance(inline, Text):
            out.append(inline.value)
        elif isinstance(inline, (Emphasis, Strong, Link)):
            out.append(plain_text(inline.children, reference))
        elif isinstance(inline, LineBreak):
            out.append(" ")
        elif isinstance(inline, Reference):
            out.append(reference(inline.key))
    return "".join(out)


def walk_divisions(divisions: tuple[Division, ...]) -> Iterator[Division]:
    """Every division in document order, parents before children."""
    for division in divisions:
        yield division
        yield from walk_divisions(division.children)
