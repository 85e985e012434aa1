"""Blocks as AKN block elements: <p>, <blockList>, <table>, images.

These are what <content>, <intro>, list items and table cells hold. Lists
and tables take eIds inside the nearest ancestor that has one. A sub-heading
outside an article (preamble, closing) is a <p> with its level in @class;
inside an article body.py makes it a <crossHeading>.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from bocompile.model import Block, DataTable, Figure, Heading, ListBlock, Paragraph, Table, Text
from bocompile.write.akn.ids import Scope
from bocompile.write.akn.inline import InlineWriter
from bocompile.write.akn.tree import keep_inline, sub

#: List style -> number of item n, as written in both languages (None: bullet).
_ITEM_NUMBERS = {
    "point": lambda n: f"{n}°",
    "letter": lambda n: f"{_letters(n)})",
    "number": lambda n: f"{n}.",
    "bullet": lambda n: None,
}


class BlockWriter:
    def __init__(self, inlines: InlineWriter):
        self.inlines = inlines
        self.edition, self.lang = inlines.edition, inlines.lang

    def write_all(self, parent: etree._Element, blocks: tuple[Block, ...], scope: Scope) -> etree._Element:
        for block in blocks:
            self.write(parent, block, scope)
        return parent

    def write(self, parent: etree._Element, block: Block, scope: Scope) -> None:
        if isinstance(block, Paragraph):
            self.inlines.write(sub(parent, "p"), block.text[self.lang], scope)
        elif isinstance(block, Heading):
            self.inlines.write(sub(parent, "p", **{"class": f"heading level-{block.level}"}),
                               block.text[self.lang], scope)
        elif isinstance(block, ListBlock):
            self._list(parent, block, scope)
        elif isinstance(block, Table):
            self._table(parent, block, scope)
        elif isinstance(block, DataTable):
            self._data_table(parent, block, scope)
        elif isinstance(block, Figure):
            self._figure(parent, block, scope)
        else:
            raise TypeError(f"no AKN block form for {type(block).__name__}")

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
        for column in block.columns:
            sub(sub(header, "th"), "p", column)
        for row in block.rows:
            tr = sub(element, "tr", **{"class": "total" if row.is_total else None})
            self.inlines.write(sub(sub(tr, "td"), "p"), row.label[self.lang], ids)
            for value, mark in zip(row.values, row.marks or (None,) * len(row.values)):
                figure = (Text(self.edition.figure(value, self.lang)),)
                if mark:  # a figure an amendment set, bracketed
                    figure = (mark, *figure, replace(mark, side="close"))
                self.inlines.write(sub(sub(tr, "td", **{"class": "figure"}), "p"), figure, ids)

    def _figure(self, parent: etree._Element, block: Figure, scope: Scope) -> None:
        """The image (an empty src for a placeholder), then its caption as text."""
        caption = block.caption[self.lang]
        image = sub(parent, "p", **{"class": "figure" if block.src else "figure placeholder"})
        sub(image, "img", src=block.src or "", alt=self.inlines.plain(caption))
        keep_inline(image)
        self.inlines.write(sub(parent, "p", **{"class": "caption"}), caption, scope)


def _letters(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa": sub-point letters."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
