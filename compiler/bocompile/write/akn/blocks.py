"""Blocks as AKN block elements: <p>, <blockList>, <table>, images, and an
instrument's modifications.

These are what <content>, <intro>, list items and table cells hold. Lists
and tables take eIds inside the nearest ancestor that has one. A sub-heading
outside an article (preamble, annex) is a <p> with its level in @class;
inside an article body.py makes it a <crossHeading>. A modification is a
<p><mod> holding its formula, the words it quotes as <quotedText>, and the
new text as a <quotedStructure>; the ids of each are kept (`mods`) for the
instrument's activeModifications (meta.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from bocompile.model import Amending, Block, DataTable, Figure, Heading, ListBlock, Paragraph, Quotation, Table, Text
from bocompile.model.nodes import Inline
from bocompile.write.akn.ids import Scope, cell_id, destination_eid, lid_element
from bocompile.write.akn.inline import InlineWriter
from bocompile.write.akn.tree import keep_inline, sub

#: List style -> number of item n, as written in both languages (None: bullet).
_ITEM_NUMBERS = {
    "point": lambda n: f"{n}°",
    "letter": lambda n: f"{_letters(n)})",
    "number": lambda n: f"{n}.",
    "bullet": lambda n: None,
}


@dataclass
class ModIds:
    """The ids of one written <mod>: itself, its quoted words by role, its new text."""

    mod: str
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


class BlockWriter:
    def __init__(self, inlines: InlineWriter):
        self.inlines = inlines
        self.edition, self.lang = inlines.edition, inlines.lang
        self.mods: dict[int, ModIds] = {}  # Amending.operation -> its ids
        #: writes quoted provisions: (parent, quotation, scope of the <quotedStructure>); body.py sets it
        self.provisions: Callable[[etree._Element, Quotation, Scope], None] | None = None

    def write_all(self, parent: etree._Element, blocks: tuple[Block, ...], scope: Scope) -> etree._Element:
        for block in blocks:
            self.write(parent, block, scope)
        return parent

    def write(self, parent: etree._Element, block: Block, scope: Scope) -> None:
        if isinstance(block, Paragraph):
            self.inlines.write(sub(parent, "p"), block.text[self.lang], scope)
        elif isinstance(block, Heading):
            self.inlines.write(
                sub(parent, "p", **{"class": f"heading level-{block.level}"}), block.text[self.lang], scope
            )
        elif isinstance(block, ListBlock):
            self._list(parent, block, scope)
        elif isinstance(block, Table):
            self._table(parent, block, scope)
        elif isinstance(block, DataTable):
            self._data_table(parent, block, scope)
        elif isinstance(block, Figure):
            self._figure(parent, block, scope)
        elif isinstance(block, Amending):
            self._amending(parent, block, scope)
        elif isinstance(block, Quotation):
            self.write_all(parent, block.blocks, scope)
        else:
            raise TypeError(f"no AKN block form for {type(block).__name__}")

    def _amending(self, parent: etree._Element, block: Amending, scope: Scope) -> None:
        ids = scope.child("mod")
        line = sub(parent, "p")
        mod = sub(line, "mod", **ids.attrs)
        self.inlines.quotes = []
        self.inlines.write(mod, block.text[self.lang], ids)
        written = ModIds(
            ids.eid,
            [e for role, e in self.inlines.quotes if role == "old"],
            [e for role, e in self.inlines.quotes if role == "new"],
        )
        for quotation in block.quotation:
            structure = ids.child("quotedStructure")
            element = sub(mod, "quotedStructure", **structure.attrs)
            written.new.append(structure.eid)
            if quotation.divisions:
                assert self.provisions is not None, "body.py sets it"
                self.provisions(element, quotation, structure)
            else:
                self._lids(element, quotation, structure)
        keep_inline(line)
        self.mods[block.operation] = written

    def _lids(self, parent: etree._Element, quotation: Quotation, scope: Scope) -> None:
        """New lids, with the ids they have in the provision as amended."""
        lid = lid_element(quotation.within[-1][0])
        for position, block in enumerate(quotation.lids, start=quotation.start):
            local = destination_eid(quotation.within, position)
            ids = Scope(f"{scope.eid}__{local}", f"{scope.wid}__{local}")
            self.write(sub(sub(parent, lid, **ids.attrs), "content"), block, ids)

    def _list(self, parent: etree._Element, block: ListBlock, scope: Scope) -> None:
        ids = scope.child("blockList")
        element = sub(parent, "blockList", **ids.attrs, **{"class": block.style})
        for n, item in enumerate(block.items, start=1):
            item_ids = ids.child("item")
            entry = sub(element, "item", **item_ids.attrs)
            number = _ITEM_NUMBERS[block.style](n)
            if number is not None:
                sub(entry, "num", number)
            if item.blocks:
                self.write_all(entry, item.blocks, item_ids)
            else:  # the schema wants at least one block in an item
                sub(entry, "p")

    def _table(self, parent: etree._Element, block: Table, scope: Scope) -> None:
        ids = scope.child("table")
        element = sub(parent, "table", **ids.attrs)
        for index, row in enumerate(block.rows):
            tr = sub(element, "tr")
            for cell in row:
                self.write_all(sub(tr, "th" if index == 0 else "td"), cell.blocks, ids)

    def _data_table(self, parent: etree._Element, block: DataTable, scope: Scope) -> None:
        ids = scope.child("table")
        element = sub(parent, "table", **ids.attrs, **{"class": "data"})
        header = sub(element, "tr")
        self.inlines.write(sub(sub(header, "th"), "p"), block.stub[self.lang], ids)
        for name in block.columns:
            sub(sub(header, "th"), "p", name)
        for number, row in enumerate(block.rows, start=1):
            tr = sub(element, "tr", **{"class": "total" if row.is_total else None})
            self.inlines.write(sub(sub(tr, "td"), "p"), row.label[self.lang], ids)
            marks = row.marks or (None,) * len(row.values)
            for column, (value, mark) in enumerate(zip(row.values, marks, strict=True), start=1):
                figure: tuple[Inline, ...] = (Text(self.edition.figure(value, self.lang)),)
                if mark:  # a figure an amendment set, bracketed
                    figure = (mark, *figure, replace(mark, side="close"))
                cell = sub(tr, "td", eId=f"{ids.eid}__{cell_id(number, column)}", **{"class": "figure"})
                self.inlines.write(sub(cell, "p"), figure, ids)

    def _figure(self, parent: etree._Element, block: Figure, scope: Scope) -> None:
        """The image, then its caption as text; a placeholder (no image) is
        its caption alone, marked as standing for a figure."""
        caption, src = block.caption[self.lang], block.src[self.lang]
        if src is None:
            self.inlines.write(sub(parent, "p", **{"class": "caption figure-placeholder"}), caption, scope)
            return
        image = sub(parent, "p", **{"class": "figure"})
        sub(image, "img", src=src, alt=self.inlines.plain(caption))
        keep_inline(image)
        self.inlines.write(sub(parent, "p", **{"class": "caption"}), caption, scope)


def _letters(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa": sub-point letters."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
