"""Blocks to w:p and w:tbl elements: paragraphs, sub-headings, lists, tables,
data tables, figures."""

from __future__ import annotations

from dataclasses import replace

from bocompile.diagnostics import Diagnostic, SourceError
from bocompile.model import DataTable, Figure, Heading, JustelNote, ListBlock, Paragraph, Table
from bocompile.model.nodes import page_blocks
from bocompile.model.walk import texts
from bocompile.write.docx.context import Context
from bocompile.write.docx.inline import inlines, mark, plain
from bocompile.write.docx.ooxml import paragraph, run, sub
from bocompile.write.docx.tables import (HEADER_FILL, add_cell, add_row, column_widths, inner_width,
                                         new_table, spacer)

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


def text_paragraph(ctx: Context, item: Paragraph, **properties):
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
    """A text table; the first row is the header, repeated on each page."""
    columns = [[_text(ctx, row[j].blocks) for row in item.rows] for j in range(len(item.rows[0]))]
    widths = column_widths(columns, ctx.width)
    tbl = new_table(widths, indent=ctx.indent)
    for index, row in enumerate(item.rows):
        header = index == 0
        tr = add_row(tbl, header=header)
        for cell, width in zip(row, widths):
            inner = ctx.in_cell(inner_width(width))
            if header:
                inner = inner.but(text_style="TableHeading")
            add_cell(tr, width, blocks(inner, cell.blocks), fill=HEADER_FILL if header else None)
    return tbl


def data_table(ctx: Context, item: DataTable):
    """Figures stated once, formatted per language, right-aligned; totals bold.
    Short enough to keep on one page: every row keeps with the next."""
    figures = [[ctx.edition.figure(v, ctx.lang) for v in row.values] for row in item.rows]
    columns = [[plain(ctx, item.stub[ctx.lang])] + [plain(ctx, r.label[ctx.lang]) for r in item.rows]]
    columns += [[key] + [values[j] for values in figures] for j, key in enumerate(item.columns)]
    widths = column_widths(columns, ctx.width)
    tbl = new_table(widths, indent=ctx.indent)
    tr = add_row(tbl, header=True)
    head = ctx.in_cell(inner_width(widths[0])).but(text_style="TableHeading")
    stub = _cell_text(head, inlines(head, item.stub[ctx.lang]), keep=True)
    add_cell(tr, widths[0], [stub], fill=HEADER_FILL)
    for key, width in zip(item.columns, widths[1:]):
        add_cell(tr, width, [_cell_text(head, [_run(head, key)], jc="right", keep=True)], fill=HEADER_FILL)
    for index, (row, values) in enumerate(zip(item.rows, figures), start=1):
        tr = add_row(tbl, keep=True)
        cell = ctx.in_cell(inner_width(widths[0])).but(bold=row.is_total)
        keep = index < len(item.rows)
        add_cell(tr, widths[0], [_cell_text(cell, inlines(cell, row.label[ctx.lang]), keep=keep)])
        for value, marked, width in zip(values, row.marks or (None,) * len(values), widths[1:]):
            runs = [_run(cell, value)]
            if marked:  # a figure an amendment set: "[1 5.220 ]1"
                runs = mark(cell, marked) + runs + mark(cell, replace(marked, side="close"))
            add_cell(tr, width, [_cell_text(cell, runs, jc="right", keep=keep)])
    return tbl


def figure(ctx: Context, item: Figure) -> list:
    """An image with its caption below; without an image, a framed box holding
    the caption, so the signed text shows where the figure belongs."""
    caption = paragraph("Caption")
    caption.extend(inlines(ctx, item.caption[ctx.lang]))
    if item.src is None:
        tbl = new_table([ctx.width], indent=ctx.indent)
        tr = add_row(tbl, keep=True, min_height=PLACEHOLDER_HEIGHT)
        add_cell(tr, ctx.width, [caption], center=True)
        return [tbl, spacer()]
    path = ctx.edition.root / "sources" / item.src
    if not path.is_file():
        raise SourceError([Diagnostic(item.loc[ctx.lang], f"image '{item.src}' not found under sources/")])
    picture = paragraph(jc="center", keep_next=True, ind_left=ctx.indent or None)
    drawing = sub(sub(picture, "w:r"), "w:drawing")
    drawing.append(ctx.package.picture(path, ctx.width, item.loc[ctx.lang]))
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
