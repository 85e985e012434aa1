"""Blocks to w:p and w:tbl elements: paragraphs, sub-headings, lists, tables,
data tables, figures."""

from __future__ import annotations

from dataclasses import replace

from bocompile.images import load_image
from bocompile.model import DataTable, Figure, Heading, JustelNote, ListBlock, Paragraph, Table
from bocompile.model.nodes import page_blocks
from bocompile.model.walk import texts
from bocompile.write.docx.context import Context
from bocompile.write.docx.inline import inlines, mark, plain
from bocompile.write.docx.ooxml import paragraph, run, sub
from bocompile.write.docx.tables import (
    HEADER_FILL,
    add_cell,
    add_row,
    column_widths,
    fits,
    inner_width,
    new_table,
    spacer,
)

#: sub-heading level inside an article -> paragraph style
SUBHEADING_STYLES = {1: "Heading4", 2: "Heading5"}
PLACEHOLDER_HEIGHT = 1701  # a placeholder figure box is at least 3 cm high


def blocks(ctx: Context, items) -> list:
    out: list = []
    for item in page_blocks(items):
        out.extend(block(ctx, item))
    return out


def block(ctx: Context, item) -> list:
    if isinstance(item, Paragraph):
        return [text_paragraph(ctx, item)]
    if isinstance(item, Heading):
        p = paragraph(SUBHEADING_STYLES[item.level])
        p.extend(inlines(ctx, item.text[ctx.lang]))
        return [p]
    if isinstance(item, ListBlock):
        return [element for elements in list_items(ctx, item) for element in elements]
    if isinstance(item, Table):
        return [table(ctx, item), spacer()]
    if isinstance(item, DataTable):
        return [data_table(ctx, item), spacer()]
    if isinstance(item, Figure):
        return figure(ctx, item)
    if isinstance(item, JustelNote):
        return [text_paragraph(ctx.but(text_style="JustelNote"), item)]
    raise TypeError(f"unknown block {type(item).__name__}")


def text_paragraph(ctx: Context, item: Paragraph | JustelNote, **properties):
    p = paragraph(ctx.text_style, **properties)
    p.extend(inlines(ctx, item.text[ctx.lang]))
    return p


def list_items(ctx: Context, item: ListBlock) -> list[list]:
    """The elements of each list item. One numbering instance per list, so every
    list restarts at 1°, a), 1.; nested lists go one level (indent) deeper."""
    num = ctx.package.new_list(item.style, ctx.depth, ctx.lang)
    indent = ctx.package.list_indent(item.style, ctx.depth)
    inside = ctx.but(width=ctx.width - indent, indent=indent)
    nested = ctx.but(depth=ctx.depth + 1)
    out = []
    for list_item in item.items:
        first, *rest = page_blocks(list_item.blocks) or (None,)
        numbered = paragraph(ctx.list_style, num=(num, ctx.depth))
        if isinstance(first, Paragraph):
            numbered.extend(inlines(ctx, first.text[ctx.lang]))
        elif first is not None:
            rest = list(page_blocks(list_item.blocks))
        elements = [numbered]
        for child in rest:
            if isinstance(child, Paragraph):
                elements.append(text_paragraph(ctx, child, ind_left=indent))
            elif isinstance(child, ListBlock):
                elements.extend(e for es in list_items(nested, child) for e in es)
            else:
                elements.extend(block(inside, child))
        out.append(elements)
    return out


def table(ctx: Context, item: Table):
    """A text table; the first row is the header, repeated on each page; a
    row shorter than a page never splits."""
    widths = table_widths([ctx], item, ctx.width)
    tbl = new_table(widths, indent=ctx.indent)
    for index, row in enumerate(item.rows):
        tr = add_row(tbl, header=index == 0, keep=row_fits([ctx], row, widths))
        table_cells(tr, ctx, row, widths, header=index == 0)
    return tbl


def table_widths(contexts: list[Context], item: Table, total: int) -> list[int]:
    """Column widths that suit the table's text in the language of every context."""
    return column_widths(
        [[_text(ctx, row[j].blocks) for ctx in contexts for row in item.rows] for j in range(len(item.rows[0]))], total
    )


def row_fits(contexts: list[Context], row, widths: list[int]) -> bool:
    """Whether the row, in the languages of `contexts` one under the other, is shorter than a page."""
    return fits(
        ["\n".join(_text(ctx, cell.blocks) for ctx in contexts) for cell in row],
        widths,
        contexts[0].package.text_height(),
    )


def table_cells(tr, ctx: Context, row, widths: list[int], header: bool = False) -> None:
    """The cells of one row of a text table, in the language of `ctx`."""
    for cell, width in zip(row, widths, strict=True):
        inner = ctx.in_cell(inner_width(width))
        if header:
            inner = inner.but(text_style="TableHeading")
        add_cell(tr, width, blocks(inner, cell.blocks), fill=HEADER_FILL if header else None)


def data_table(ctx: Context, item: DataTable):
    """Figures stated once, formatted per language, right-aligned; totals bold.
    Short enough to keep on one page: every row keeps with the next."""
    widths = data_widths(ctx, item, ctx.width)
    tbl = new_table(widths, indent=ctx.indent)
    data_header_cells(add_row(tbl, header=True), ctx, item, widths)
    for index in range(len(item.rows)):
        data_row_cells(add_row(tbl, keep=True), ctx, item, index, widths)
    return tbl


def data_widths(ctx: Context, item: DataTable, total: int) -> list[int]:
    figures = [[ctx.edition.figure(v, ctx.lang) for v in row.values] for row in item.rows]
    columns = [[plain(ctx, item.stub[ctx.lang])] + [plain(ctx, r.label[ctx.lang]) for r in item.rows]]
    columns += [[key] + [values[j] for values in figures] for j, key in enumerate(item.columns)]
    return column_widths(columns, total)


def data_header_cells(tr, ctx: Context, item: DataTable, widths: list[int]) -> None:
    """The stub's label and the column keys (2019, 2020, ...)."""
    head = ctx.in_cell(inner_width(widths[0])).but(text_style="TableHeading")
    stub = _cell_text(head, inlines(head, item.stub[ctx.lang]), keep=True)
    add_cell(tr, widths[0], [stub], fill=HEADER_FILL)
    for key, width in zip(item.columns, widths[1:], strict=True):
        add_cell(tr, width, [_cell_text(head, [_run(head, key)], jc="right", keep=True)], fill=HEADER_FILL)


def data_row_cells(tr, ctx: Context, item: DataTable, index: int, widths: list[int]) -> None:
    """Row `index`: its label and figures; every row but the last keeps with the next."""
    row = item.rows[index]
    cell = ctx.in_cell(inner_width(widths[0])).but(bold=row.is_total)
    keep = index < len(item.rows) - 1
    add_cell(tr, widths[0], [_cell_text(cell, inlines(cell, row.label[ctx.lang]), keep=keep)])
    for value, marked, width in zip(row.values, row.marks or (None,) * len(row.values), widths[1:], strict=True):
        runs = [_run(cell, ctx.edition.figure(value, ctx.lang))]
        if marked:  # a figure an amendment set: "[1 5.220 ]1"
            runs = mark(cell, marked) + runs + mark(cell, replace(marked, side="close"))
        add_cell(tr, width, [_cell_text(cell, runs, jc="right", keep=keep)])


def figure(ctx: Context, item: Figure) -> list:
    """An image with its caption below; without an image, a framed box holding
    the caption, so the signed text shows where the figure belongs."""
    caption = paragraph("Caption")
    caption.extend(inlines(ctx, item.caption[ctx.lang]))
    src = item.src[ctx.lang]
    if src is None:
        tbl = new_table([ctx.width], indent=ctx.indent)
        tr = add_row(tbl, keep=True, min_height=PLACEHOLDER_HEIGHT)
        add_cell(tr, ctx.width, [caption], center=True)
        return [tbl, spacer()]
    image = load_image(ctx.edition.project, src, item.loc[ctx.lang])
    picture = paragraph(jc="center", keep_next=True, ind_left=ctx.indent or None)
    drawing = sub(sub(picture, "w:r"), "w:drawing")
    drawing.append(ctx.package.picture(image, ctx.width))
    return [picture, caption]


def _cell_text(ctx: Context, runs: list, jc: str | None = None, keep: bool = False):
    p = paragraph(ctx.text_style, jc=jc, keep_next=keep)
    p.extend(runs)
    return p


def _run(ctx: Context, value: str):
    return run(value, bold=ctx.bold, lang=ctx.run_lang)


def _text(ctx: Context, items) -> str:
    """The plain text of blocks, paragraph per line: to size table columns."""
    return "\n".join(plain(ctx, text) for text in texts(items, ctx.lang))
