"""The side-by-side document: every language in its own column, first language left.

The model holds every language in each node, so the tree is walked once and
each block becomes one table row with its translations beside it; a list
gets a row per item, so long lists stay level too.
"""

from __future__ import annotations

from bocompile.compose.edition import Edition
from bocompile.model import ListBlock, Paragraph, Table, walk_divisions
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.model.nodes import page_blocks
from bocompile.write.docx.blocks import block, list_items
from bocompile.write.docx.context import Context
from bocompile.write.docx.front import contents, title_page
from bocompile.write.docx.headings import LEVELS, annex_entry, annex_heading, entry, heading, run_in
from bocompile.write.docx.ooxml import line, page_break
from bocompile.write.docx.package import Package, language_tag
from bocompile.write.docx.pages import LANGUAGE_SEPARATOR, header_and_footer
from bocompile.write.docx.signature import signature
from bocompile.write.docx.tables import HEADER_FILL, add_cell, add_row, inner_width, new_table

#: the title pages of all languages share the first page
TITLE_SPACING = ({"before": 1134, "after": 240}, {"before": 720, "after": 240})
#: a heading at the top of its cell needs no space above
CELL_TOP = {"before": 0}
#: a text table this wide does not fit half a page: each language then gets
#: the full width, one row after the other
WIDE = 4


def write_parallel(edition: Edition) -> bytes:
    langs = edition.config.languages
    first = edition.languages[langs[0]].locale
    package = Package(edition.root, first)
    package.landscape()
    width = package.text_width()
    widths = [width // len(langs)] * len(langs)
    widths[-1] += width - sum(widths)
    pages = [_context(package, edition, lang, width, first) for lang in langs]
    columns = [_context(package, edition, lang, inner_width(w), first) for lang, w in zip(langs, widths)]
    spans = [_context(package, edition, lang, inner_width(width), first) for lang in langs]
    header_and_footer(package.document.sections[0], pages)
    divisions = list(walk_divisions(edition.agreement.parts))

    cover = [p for index, ctx in enumerate(pages) for p in title_page(ctx, TITLE_SPACING[min(index, 1)])]
    if any(d.title[langs[0]] for d in divisions):  # a cover page, then the contents
        page_break(cover[-1])
        package.append(cover)
        title = LANGUAGE_SEPARATOR.join(ctx.text("contents.heading") for ctx in pages)
        package.append(contents(title, [entry(ctx, d) for d in divisions if d.kind in LEVELS for ctx in columns]
                                + [annex_entry(ctx, a) for a in edition.annexes for ctx in columns]))
        package.append([page_break()])
    else:  # an instrument runs on from its titles
        package.append(cover)

    tbl = new_table(widths)
    row = add_row(tbl, header=True)
    for ctx, w in zip(columns, widths):
        add_cell(row, w, [line("TableHeading", ctx.text("parallel.column"), ctx.run_lang)], fill=HEADER_FILL)

    def add(cells: list[list]) -> None:
        tr = add_row(tbl)
        for content, w in zip(cells, widths):
            add_cell(tr, w, content)

    def add_blocks(items) -> None:
        for item in page_blocks(items):
            if isinstance(item, ListBlock):
                for cells in zip(*(list_items(ctx, item) for ctx in columns)):
                    add(list(cells))
            elif isinstance(item, Table) and len(item.rows[0]) >= WIDE:
                for ctx in spans:
                    add_cell(add_row(tbl), width, block(ctx, item), span=len(langs))
            else:
                add([block(ctx, item) for ctx in columns])

    add_blocks(edition.preamble)
    for division in divisions:
        if division.kind not in SUBDIVISIONS:
            add([[heading(ctx, division, CELL_TOP)] for ctx in columns])
            add_blocks(division.blocks)
        elif division.blocks and isinstance(division.blocks[0], Paragraph):  # "§ 1." starts the first lid
            add([run_in(ctx, division, block(ctx, division.blocks[0])) for ctx in columns])
            add_blocks(division.blocks[1:])
        else:
            add([run_in(ctx, division, []) for ctx in columns])
            add_blocks(division.blocks)
    if edition.signed:
        add([signature(ctx) for ctx in columns])
    for annex in edition.annexes:
        add([[annex_heading(ctx, annex, CELL_TOP)] for ctx in columns])
        add_blocks(annex.blocks)
    package.append([tbl])
    return package.save(LANGUAGE_SEPARATOR.join(edition.title[lang] for lang in langs), first, edition.date)


def _context(package: Package, edition: Edition, lang: str, width: int, first: str) -> Context:
    """Bookmarks per language (both columns hold each heading); runs of the
    other languages carry their own language tag for spelling and hyphenation."""
    locale = edition.languages[lang].locale
    return Context(package, edition, lang, width, package.part, anchor_prefix=f"k_{lang}_",
                   run_lang=None if locale == first else language_tag(locale))
