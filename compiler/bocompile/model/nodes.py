"""Plain immutable dataclasses for the agreement's structure and text.

Every node has slots (a 20,000-article agreement holds millions of them: a
dict each would be a third of check's memory) and a weak-reference slot
(model.memo forgets a node's values when it goes).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import TypeVar

from bocompile.diagnostics import Loc

T = TypeVar("T")

#: One value per language code ("nl", "fr"). Readers produce one entry;
#: merging the languages (load.merge) unites them.
Localized = Mapping[str, T]

# What a field holds, for the one walker (model.walk) and the language merge.
# Fields without such metadata are plain language-neutral values.

#: per-language inline text (Localized[Inlines])
TEXT = {"holds": "text"}
#: per-language plain values (locations, words), merged but not walked
LOCALIZED = {"holds": "localized"}
#: child nodes: a tuple of nodes (or of tuples of nodes, as table rows)
NODES = {"holds": "nodes"}
#: child nodes aligned across languages by shape (an article's blocks)
BLOCKS = {"holds": "nodes", "align": "shape"}
#: child divisions aligned across languages by key
DIVISIONS = {"holds": "nodes", "align": "key"}


# mypy takes a call of these helpers for a default value: a field that fields
# without default follow calls field() itself, so that mypy sees it has none.


def text() -> Localized:
    return field(metadata=TEXT)


def localized(**default) -> Localized:
    return field(metadata=LOCALIZED, **default)


def nodes(metadata: dict = NODES, **default):
    return field(metadata=metadata, **default)


class Node:
    """What every node shares: it pickles as the call that makes it. The
    languages are read side by side and their trees sent back whole; that is
    three times faster than dataclasses' field-by-field state."""

    __slots__ = ()

    def __reduce__(self):
        """The first node of a kind to be pickled gives its kind a reducer of
        its own, which pickles the others: the French tree is pickled while
        the build waits for it (bench/README.md)."""
        reduce = type(self).__reduce__ = _reducer(type(self))
        return reduce(self)


def _reducer(kind: type) -> Callable[[object], tuple]:
    """A node of `kind` as its constructor and its fields, in the order the
    constructor takes them."""
    names = [f.name for f in fields(kind)]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        one = operator.attrgetter(names[0])
        return lambda node: (kind, (one(node),))
    every = operator.attrgetter(*names) if names else lambda node: ()
    return lambda node: (kind, every(node))


# -- inline content (always inside a Localized: it is per language) --------


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Text(Node):
    value: str


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Emphasis(Node):
    children: tuple[Inline, ...] = nodes()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Strong(Node):
    children: tuple[Inline, ...] = nodes()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class LineBreak(Node):
    pass


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Link(Node):
    url: str
    children: tuple[Inline, ...] = nodes()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Reference(Node):
    """`[[key]]`: renders the current number of the division `key`."""

    key: str
    loc: Loc


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Footnote(Node):
    """A note anchored where it is referenced; its text is a few paragraphs.

    `mark` is the sign the source gives it ("*", as the signed text prints
    it); without one the writers number the note."""

    paragraphs: tuple[tuple[Inline, ...], ...] = field(metadata=NODES)
    loc: Loc
    mark: str = ""


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Mark(Node):
    """A Justel bracket around text an amendment changed: "[1" opens, "]1"
    closes. The engine places it (which amendment, which of its operations);
    the consolidated edition numbers it per provision (`number`)."""

    side: str  # "open" | "close"; "note": no bracket, only the number's note (a repealed provision)
    amendment: int
    operation: int
    number: int = 0


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Quoted(Node):
    """Words an instrument quotes as they stand before ("old") or after ("new")
    it: AKN's <quotedText>; on the page, the words between their quotes."""

    role: str  # "old" | "new"
    children: tuple[Inline, ...] = nodes()


Inline = Text | Emphasis | Strong | LineBreak | Link | Reference | Footnote | Mark | Quoted
Inlines = tuple[Inline, ...]


# -- blocks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Paragraph(Node):
    """A lid / alinéa: one run of inline text."""

    text: Localized[Inlines] = text()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Heading(Node):
    """An unnumbered sub-heading inside an article (level 1 or 2)."""

    level: int
    text: Localized[Inlines] = text()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class ListItem(Node):
    """A point (1°), sub-point (a)), numbered item or bullet. Its first
    paragraph carries the number; further blocks (nested lists, paragraphs)
    stand indented under it."""

    blocks: tuple[Block, ...] = nodes(BLOCKS)
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class ListBlock(Node):
    """style: "point" (1°), "letter" (a)), "number" (1.) or "bullet"."""

    style: str
    items: tuple[ListItem, ...] = nodes()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Cell(Node):
    """A cell of a text table: any blocks (several paragraphs, lists)."""

    blocks: tuple[Block, ...] = nodes(BLOCKS)
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Table(Node):
    """A text table; the first row is the header row."""

    rows: tuple[tuple[Cell, ...], ...] = nodes()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class DataRow(Node):
    """One row of a data table: its label per language, its figures once."""

    key: str
    label: Localized[Inlines] = field(metadata=TEXT)
    values: tuple[Decimal, ...]
    is_total: bool
    #: per figure, the Justel mark of the amendment that set it (None: as signed)
    marks: tuple[Mark | None, ...] = nodes(default=())


@dataclass(frozen=True, slots=True, weakref_slot=True)
class DataTable(Node):
    """Figures stated once (CSV), labels per language, totals computed."""

    key: str
    stub: Localized[Inlines] = field(metadata=TEXT)
    caption: Localized[Inlines] = field(metadata=TEXT)  # names the table in formulas (default: the stub)
    columns: tuple[str, ...]
    rows: tuple[DataRow, ...] = nodes()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Figure(Node):
    """An image per language (a chart's labels are in its language); a `src`
    of None is an explicit placeholder box."""

    src: Localized[str | None] = localized()
    caption: Localized[Inlines] = text()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class JustelNote(Node):
    """After the text of a changed provision, the source of its Justel
    number: "(1)<Wijziging nr. 2 van 15 oktober 2020, art. 2, i.w. ...>."."""

    number: int
    text: Localized[Inlines] = text()
    loc: Localized[Loc] = localized()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Quotation(Node):
    """New text an instrument quotes, as it will stand in the agreement.

    `blocks` is what the page shows (headed as the consolidated text heads
    it, between quotes); the structure (AKN's <quotedStructure>) is either
    `divisions`, whole provisions numbered as after the amendment, or
    `lids`, lids of the provision at `within`, the first its lid `start`.
    """

    blocks: tuple[Block, ...] = nodes(BLOCKS)
    divisions: tuple[Division, ...] = nodes()
    lids: tuple[Block, ...] = nodes()
    within: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (kind, number) path to the holding division
    start: int = 1
    loc: Localized[Loc] = localized(default_factory=dict)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Amending(Node):
    """One modification an instrument makes: its formula and what it quotes
    (AKN's <mod>). `operation` numbers it in the instrument (its textualMod)."""

    operation: int
    text: Localized[Inlines] = text()
    quotation: tuple[Quotation, ...] = nodes()
    loc: Localized[Loc] = localized()


Block = Paragraph | Heading | ListBlock | Table | DataTable | Figure | JustelNote | Quotation | Amending


# -- divisions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Change(Node):
    """One event in a provision's life, for Justel notes and citations.

    action: "inserted", "replaced", "modified", "repealed" or "reinstated".
    """

    action: str
    amendment: int  # the amendment's number (nr. 2)
    signed: dt.date
    in_force: dt.date
    operation: int = 0  # which of the amendment's operations (from 0)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Division(Node):
    """A part, section or article, identified by its stable key.

    `number` is empty until the numbering pass fixes it; an amendment then
    keeps it, so inserted provisions get 7/1 instead of moving others.
    """

    kind: str  # "part" | "section" | "article"
    key: str
    title: Localized[Inlines] = text()
    blocks: tuple[Block, ...] = nodes(BLOCKS)
    children: tuple[Division, ...] = nodes(DIVISIONS)
    loc: Localized[Loc] = localized()
    number: tuple[int, ...] = ()
    repealed: bool = False
    history: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Agreement(Node):
    """The body of the agreement: its parts, in order."""

    parts: tuple[Division, ...] = nodes(DIVISIONS)


#: what each block-level node is called in messages
NOUNS = {
    Paragraph: "paragraph",
    Heading: "sub-heading",
    ListItem: "list item",
    ListBlock: "list",
    Cell: "table cell",
    Table: "table",
    DataRow: "data row",
    DataTable: "data table",
    Figure: "figure",
    JustelNote: "Justel note",
    Quotation: "quotation",
    Amending: "modification",
}


def page_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Blocks as a page shows them: a modification is its formula followed by
    the quoted text (writers of print formats render these; AKN keeps the
    structure)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Amending):
            out += [Paragraph(block.text, block.loc), *page_blocks(block.quotation)]
        elif isinstance(block, Quotation):
            out += block.blocks
        else:
            out.append(block)
    return tuple(out)
