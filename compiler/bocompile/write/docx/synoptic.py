"""The synoptic table (synoptische tabel, tableau synoptique): the current
text beside the new one, one row per changed provision.

The left column shows a provision as it stands, its deleted words struck
through; the right one as it will read, its inserted words bold and
underlined. Provisions that do not change are left out, and a line under
the table says how many. Both columns render the diff's side views with
the writer's own headings and blocks.
"""

from __future__ import annotations

from dataclasses import replace

from docx.enum.text import WD_UNDERLINE
from docx.oxml.ns import qn

from bocompile.compose.comparison import Comparison
from bocompile.diff import each
from bocompile.diff.changes import DELETED, Added, Changed, DivisionChange, Kept, Removed
from bocompile.diff.views import NEW, OLD, SHOWS, only, side
from bocompile.model import DataTable
from bocompile.write.docx.blocks import block
from bocompile.write.docx.context import Context
from bocompile.write.docx.front import title_page
from bocompile.write.docx.headings import heading
from bocompile.write.docx.ooxml import line, page_break
from bocompile.write.docx.package import Package
from bocompile.write.docx.pages import header_and_footer
from bocompile.write.docx.parallel import CELL_TOP
from bocompile.write.docx.tables import HEADER_FILL, add_cell, add_row, inner_width, new_table
from bocompile.write.docx.tracked import CHANGES, in_place

R = qn("w:r")


def write_synoptic(comparison: Comparison, lang: str) -> bytes:
    edition = comparison.edition
    edition = replace(edition, front={**edition.front, lang: (edition.text("diff.synoptic", lang),
                                                              *edition.front[lang])})
    locale = edition.languages[lang].locale
    package = Package(edition.root, locale)
    package.landscape()
    width = package.text_width()
    page = Context(package, edition, lang, width, package.part)
    header_and_footer(package.document.sections[0], [page])
    cover = title_page(page)
    page_break(cover[-1])
    package.append(cover)

    widths = [width // 2, width - width // 2]
    columns = {which: Context(package, edition, lang, inner_width(w), package.part, anchor_prefix=f"k_{which}_")
               for which, w in zip((OLD, NEW), widths)}
    tbl = new_table(widths)
    head = add_row(tbl, header=True)
    for which, w in zip((OLD, NEW), widths):
        add_cell(head, w, [line("TableHeading", page.text(f"diff.{which}"))], fill=HEADER_FILL)
    changes = list(each(comparison.divisions))
    for change in (c for c in changes if c.changed):
        row = add_row(tbl)
        for which, w in zip((OLD, NEW), widths):
            add_cell(row, w, _column(columns[which], change, which))
    omitted = sum(not c.changed for c in changes)
    package.append([tbl, line(page.text_style, page.text("diff.omitted", n=omitted))])
    return package.save(edition.title[lang], locale, edition.date)


def _column(ctx: Context, change: DivisionChange, which: str) -> list:
    """A provision as one side shows it: its heading, then its blocks."""
    division = change.old if which == OLD else change.new
    if division is None:  # a new provision has no current text
        return [line(ctx.text_style, ctx.text("diff.added"))]
    if change.heading == "words":
        division = replace(division, title={lang: only(inlines, SHOWS[which])
                                            for lang, inlines in change.title.items()})
    title = heading(ctx, division, CELL_TOP)
    title.get_or_add_pPr().keepNext_val = False  # its text is in its cell; kept with the next row,
                                                 # a row would leave pages half empty
    out = [title] if change.heading in ("same", "words") else _emphasized([title], SHOWS[which])
    for delta in change.blocks:
        out += _block(ctx, delta, which)
    return out


def _block(ctx: Context, delta, which: str) -> list:
    if isinstance(delta, Kept):
        return block(ctx, delta.node)
    if isinstance(delta, (Added, Removed)):
        shown = side(delta, which)
        return _emphasized(block(ctx, delta.node), SHOWS[which]) if shown else []
    if not in_place(delta):
        return _block(ctx, Removed(delta.old), which) + _block(ctx, Added(delta.new), which)
    elements = _unwrapped(block(ctx, side(delta, which)[0]))
    if isinstance(delta.new, DataTable):
        _figures(elements[0], delta, SHOWS[which])
    return elements


def _figures(table, delta: Changed, change: str) -> None:
    """Each changed figure of a data table shown as its words are."""
    for tr, row in zip(table.findall(qn("w:tr"))[1:], delta.parts["rows"]):
        if isinstance(row, Changed):
            for tc, old, new in zip(tr.findall(qn("w:tc"))[1:], row.old.values, row.new.values):
                if old != new:
                    _emphasized([tc], change)


def _unwrapped(elements: list) -> list:
    """Tracked words (w:ins, w:del around runs) as formatted runs instead."""
    for element in elements:
        for wrapper in list(element.iter(*CHANGES)):
            change = CHANGES[wrapper.tag]
            for run in list(wrapper):
                for text in run.iter(qn("w:delText")):
                    text.tag = qn("w:t")
                _format(run, change)
                wrapper.addprevious(run)
            wrapper.getparent().remove(wrapper)
    return elements


def _emphasized(elements: list, change: str) -> list:
    """Every run of `elements` formatted as `change`d words."""
    for element in elements:
        for run in element.iter(R):
            _format(run, change)
    return elements


def _format(run, change: str) -> None:
    """Deleted words struck through; inserted ones bold and underlined."""
    properties = run.get_or_add_rPr()
    if change == DELETED:
        properties.get_or_add_strike()
    else:
        properties.get_or_add_b()
        properties.get_or_add_u().val = WD_UNDERLINE.SINGLE
