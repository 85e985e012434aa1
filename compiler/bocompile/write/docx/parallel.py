"""The side-by-side document: every language in its own column, first language left.

The model holds every language in each node, so the tree is walked once and
each block becomes one table row with its translations beside it; a list
gets a row per item, so long lists stay level too.

Text and data tables stand level row by row, in top-level tables of their
own so that their header rows repeat on every page: a narrow table puts
each row's cells in every language side by side; a wide one (WIDE columns
or more) puts the row in each language one under the other, inside one row
of a frame table that does not split. LibreOffice keeps no table row with
the next one, so a division's heading shares the row of what follows it (or
the repeated header of a table that follows it), and the signatures share
the row of the last lines of text.
"""

from __future__ import annotations

from itertools import chain

from docx.oxml.ns import qn

from bocompile.compose.edition import Edition
from bocompile.model import DataTable, ListBlock, Paragraph, Table, walk_divisions
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.model.nodes import page_blocks
from bocompile.write.docx.blocks import (
    block,
    data_header_cells,
    data_row_cells,
    data_widths,
    list_items,
    row_fits,
    table_cells,
    table_widths,
)
from bocompile.write.docx.context import Context
from bocompile.write.docx.front import contents, title_page
from bocompile.write.docx.headings import LEVELS, annex_entry, annex_heading, entry, heading, run_in
from bocompile.write.docx.ooxml import line
from bocompile.write.docx.package import Package, language_tag
from bocompile.write.docx.pages import LANGUAGE_SEPARATOR, header_and_footer
from bocompile.write.docx.signature import signature
from bocompile.write.docx.tables import HEADER_FILL, add_cell, add_row, fits, hairline, inner_width, new_table, spacer

#: a heading at the top of its cell needs no space above
CELL_TOP = {"before": 0}
#: the title pages stand side by side at the top of a landscape page, which
#: is short: the consolidated text's amendments and disclaimer must fit
TITLE_SPACING = {"before": 240, "after": 240}
#: a text table this wide does not fit half a page: its rows then stand one
#: language under the other, at the full width
WIDE = 4


def write_parallel(edition: Edition, heading_pages: dict[str, int] | None = None) -> bytes:
    """`heading_pages`: the page of each heading's bookmark, for the table of contents."""
    langs = edition.config.languages
    first = edition.languages[langs[0]].locale
    package = Package(edition.project, first)
    package.landscape()
    width = package.text_width()
    widths = [width // len(langs)] * len(langs)
    widths[-1] += width - sum(widths)
    pages = [_context(package, edition, lang, width, first) for lang in langs]
    columns = [_context(package, edition, lang, inner_width(w), first) for lang, w in zip(langs, widths, strict=True)]
    header_and_footer(package.document.sections[0], pages)
    divisions = list(walk_divisions(edition.agreement.parts))

    cover = new_table(widths, style="TableNormal")
    tr = add_row(cover)
    for ctx, w in zip(columns, widths, strict=True):
        add_cell(tr, w, title_page(ctx, TITLE_SPACING))
    package.append([cover, spacer()])
    if any(d.title[langs[0]] for d in divisions):  # the contents on a page of their own
        title = LANGUAGE_SEPARATOR.join(ctx.text("contents.heading") for ctx in pages)
        package.pour(
            contents(
                pages[0],
                title,
                chain(
                    (entry(ctx, d) for d in divisions if d.kind in LEVELS for ctx in columns),
                    (annex_entry(ctx, a) for a in edition.annexes for ctx in columns),
                ),
                heading_pages,
                width,
                new_page=True,
            )
        )

    body = _Body(package, columns, widths)
    body.blocks(edition.preamble)
    for division in divisions:
        if division.kind not in SUBDIVISIONS:
            body.heading([[heading(ctx, division, CELL_TOP)] for ctx in columns])
            body.blocks(division.blocks)
        elif division.blocks and isinstance(division.blocks[0], Paragraph):  # "§ 1." starts the first lid
            body.row([run_in(ctx, division, block(ctx, division.blocks[0])) for ctx in columns])
            body.blocks(division.blocks[1:])
        else:
            body.heading([run_in(ctx, division, []) for ctx in columns])
            body.blocks(division.blocks)
    if edition.signed:
        body.signature([signature(ctx) for ctx in columns])
    for annex in edition.annexes:
        body.heading([[annex_heading(ctx, annex, CELL_TOP)] for ctx in columns])
        body.blocks(annex.blocks)
    body.finish()
    return package.save(LANGUAGE_SEPARATOR.join(edition.title[lang] for lang in langs), first, edition.date)


class _Body:
    """The body as a run of top-level tables: two-column rows of text, and
    the text and data tables of the agreement, each level in every language."""

    def __init__(self, package: Package, columns: list[Context], widths: list[int]):
        self.package, self.columns, self.widths = package, columns, widths
        self.width = sum(widths)
        self.text = None  # the open table of text rows
        self.last: list | None = None  # its last row's cells, not yet added
        self.keep = False  # whether that row must not split
        self.pending: list | None = None  # a heading's paragraphs per language, for the next row

    def heading(self, cells: list[list]) -> None:
        self.pending = cells if self.pending is None else [a + b for a, b in zip(self.pending, cells, strict=True)]

    def blocks(self, items) -> None:
        for item in page_blocks(items):
            if isinstance(item, ListBlock):
                for cells in zip(*(list_items(ctx, item) for ctx in self.columns), strict=True):
                    self.row(list(cells))
            elif isinstance(item, Table):
                self._table(item)
            elif isinstance(item, DataTable):
                self._data(item)
            else:
                self.row([block(ctx, item) for ctx in self.columns])

    def row(self, cells: list[list]) -> None:
        """A row of text, the pending heading on top."""
        self._flush()
        if self.text is None:
            self.text = new_table(self.widths)
            self.package.body.open(self.text)  # written out a row at a time
            tr = add_row(self.text, header=True)
            for ctx, w in zip(self.columns, self.widths, strict=True):
                add_cell(tr, w, [line("TableHeading", ctx.text("parallel.column"), ctx.run_lang)], fill=HEADER_FILL)
        self.last, self.keep = self._with_heading(cells), False

    def signature(self, cells: list[list]) -> None:
        """The signatures join the row of the last lines of text, which then
        does not split (unless taller than a page)."""
        if self.last is None or self.pending is not None:
            self.row(cells)
        else:
            self.last = [a + b for a, b in zip(self.last, cells, strict=True)]
        assert self.last is not None, "row() leaves the cells as the last row"
        self.keep = fits([_words(content) for content in self.last], self.widths, self.package.text_height())

    def finish(self) -> None:
        if self.pending is not None:
            self.row([[] for _ in self.columns])
        self._close()

    def _flush(self) -> None:
        if self.last is not None:
            tr = add_row(self.text, keep=self.keep)
            for content, w in zip(self.last, self.widths, strict=True):
                add_cell(tr, w, content)
            self.last = None
            self.package.spill()

    def _close(self) -> None:
        self._flush()
        if self.text is not None:
            self.package.pour([spacer()])
            self.text = None

    def _with_heading(self, cells: list[list]) -> list[list]:
        pending, self.pending = self.pending, None
        return cells if pending is None else [h + c for h, c in zip(pending, cells, strict=True)]

    def _table(self, item: Table) -> None:
        self._close()
        if len(item.rows[0]) >= WIDE:
            self._wide(item)
            return
        sides = [table_widths([ctx], item, w) for ctx, w in zip(self.columns, self.widths, strict=True)]
        tbl = new_table([w for side in sides for w in side])
        self._heading_row(tbl, [len(item.rows[0])] * len(sides))
        for index, row in enumerate(item.rows):
            keep = all(row_fits([ctx], row, side) for ctx, side in zip(self.columns, sides, strict=True))
            tr = add_row(tbl, header=index == 0, keep=keep)
            for ctx, side in zip(self.columns, sides, strict=True):
                table_cells(tr, ctx, row, side, header=index == 0)
        self.package.pour([tbl, spacer()])

    def _wide(self, item: Table) -> None:
        """Each row in every language, one under the other, in a frame row that
        does not split; the pending heading tops the header, which repeats."""
        inner = table_widths(self.columns, item, self.width)
        frame = new_table([self.width], frame=True)
        for index, row in enumerate(item.rows):
            nested = new_table(inner)
            if index == 0 and self.pending is not None:
                headings = [p for cell in self._with_heading([[] for _ in self.columns]) for p in cell]
                add_cell(add_row(nested), self.width, headings, span=len(inner))
            for ctx in self.columns:
                table_cells(add_row(nested, keep=True), ctx, row, inner, header=index == 0)
            tr = add_row(frame, header=index == 0, keep=row_fits(self.columns, row, inner))
            add_cell(tr, self.width, [nested], closing=hairline())
        self.package.pour([frame, spacer()])

    def _data(self, item: DataTable) -> None:
        """Label and figures in every language side by side: one row each, so
        the languages never drift, and the header repeats on both sides."""
        self._close()
        sides = [data_widths(ctx, item, w) for ctx, w in zip(self.columns, self.widths, strict=True)]
        tbl = new_table([w for side in sides for w in side])
        self._heading_row(tbl, [len(side) for side in sides])
        tr = add_row(tbl, header=True)
        for ctx, side in zip(self.columns, sides, strict=True):
            data_header_cells(tr, ctx, item, side)
        for index in range(len(item.rows)):
            tr = add_row(tbl, keep=True)
            for ctx, side in zip(self.columns, sides, strict=True):
                data_row_cells(tr, ctx, item, index, side)
        self.package.pour([tbl, spacer()])

    def _heading_row(self, tbl, spans: list[int]) -> None:
        """The pending heading as the table's first header row, one cell per language."""
        if self.pending is not None:
            tr = add_row(tbl, header=True)
            for content, w, span in zip(
                self._with_heading([[] for _ in self.columns]), self.widths, spans, strict=True
            ):
                add_cell(tr, w, content, span=span)


def _words(elements: list) -> str:
    """The text of rendered elements, a line per paragraph: to estimate a row's height."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for e in elements for p in e.iter(qn("w:p")))


def _context(package: Package, edition: Edition, lang: str, width: int, first: str) -> Context:
    """Bookmarks per language (both columns hold each heading); runs of the
    other languages carry their own language tag for spelling and hyphenation."""
    locale = edition.languages[lang].locale
    return Context(
        package,
        edition,
        lang,
        width,
        package.part,
        anchor_prefix=f"k_{lang}_",
        run_lang=None if locale == first else language_tag(locale),
    )
