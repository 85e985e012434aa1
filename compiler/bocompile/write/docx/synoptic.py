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
from bocompile.diff.changes import DELETED, Added, Changed, Delta, DivisionChange, Kept, Node, Removed
from bocompile.diff.views import NEW, OLD, SHOWS, only, side, titled
from bocompile.model import DataTable
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.write.docx.blocks import block
from bocompile.write.docx.context import Context
from bocompile.write.docx.headings import heading, run_in
from bocompile.write.docx.ooxml import line
from bocompile.write.docx.parallel import CELL_TOP
from bocompile.write.docx.review import begin_review
from bocompile.write.docx.tables import HEADER_FILL, add_cell, add_row, inner_width, new_table
from bocompile.write.docx.tracked import CHANGES, Element, in_place

R = qn("w:r")


def write_synoptic(comparison: Comparison, lang: str) -> bytes:
    page = begin_review(comparison, lang, "diff.synoptic", landscape=True)
    package, edition, width = page.package, page.edition, page.width

    widths = [width // 2, width - width // 2]
    columns = {
        which: Context(package, edition, lang, inner_width(w), package.part, anchor_prefix=f"k_{which}_")
        for which, w in zip((OLD, NEW), widths, strict=True)
    }
    tbl = new_table(widths)
    head = add_row(tbl, header=True)
    for which, w in zip((OLD, NEW), widths, strict=True):
        add_cell(head, w, [line("TableHeading", page.text(f"diff.{which}"))], fill=HEADER_FILL)
    provisions = [c for c in each(comparison.divisions) if c.division.kind not in SUBDIVISIONS]
    for change in filter(_changed, provisions):
        row = add_row(tbl)
        for which, w in zip((OLD, NEW), widths, strict=True):
            add_cell(row, w, _column(columns[which], change, which))
    omitted = sum(not _changed(c) for c in provisions)
    package.append([tbl, line(page.text_style, page.text("diff.omitted", n=omitted))])
    return package.save(edition.title[lang], edition.languages[lang].locale, edition.date)


def _changed(change: DivisionChange) -> bool:
    """Whether a provision changed: its heading, its blocks or its numbered paragraphs (§)."""
    return change.changed or any(c.changed for c in _subdivisions(change))


def _subdivisions(change: DivisionChange) -> list[DivisionChange]:
    return [c for c in change.children if c.division.kind in SUBDIVISIONS]


def _column(ctx: Context, change: DivisionChange, which: str) -> list[Element]:
    """A provision as one side shows it: its heading, its blocks, its numbered paragraphs."""
    division = change.old if which == OLD else change.new
    if division is None:  # a new provision has no current text
        return [line(ctx.text_style, ctx.text("diff.added"))]
    if change.heading == "words":
        division = titled(division, {lang: only(words, SHOWS[which]) for lang, words in change.title.items()})
    title = heading(ctx, division, CELL_TOP)
    title.get_or_add_pPr().keepNext_val = False  # its text is in its cell: kept with the next row, a row
    # would leave pages half empty
    out = [title] if change.heading in ("same", "words") else _emphasized([title], SHOWS[which])
    out += [e for delta in change.blocks for e in _block(ctx, delta, which)[1]]
    for paragraph in _subdivisions(change):
        out += _subdivision(ctx, paragraph, which)
    return out


def _subdivision(ctx: Context, change: DivisionChange, which: str) -> list[Element]:
    """A numbered paragraph (§) as one side shows it, its number run in."""
    division = change.old if which == OLD else change.new
    if division is None:
        return []
    shown = [_block(ctx, delta, which) for delta in change.blocks]
    nodes = tuple(node for nodes, _ in shown for node in nodes)
    elements = run_in(ctx, replace(division, blocks=nodes), [e for _, elements in shown for e in elements])
    return elements if change.heading in ("same", "words") else _emphasized(elements, SHOWS[which])


def _block(ctx: Context, delta: Delta, which: str) -> tuple[list[Node], list[Element]]:
    """The nodes one side shows of a block's change, and their elements."""
    if isinstance(delta, Kept):
        return [delta.node], block(ctx, delta.node)
    if isinstance(delta, (Added, Removed)):
        shown = side(delta, which)
        return ([delta.node], _emphasized(block(ctx, delta.node), SHOWS[which])) if shown else ([], [])
    if not in_place(delta):
        (old, before), (new, after) = _block(ctx, Removed(delta.old), which), _block(ctx, Added(delta.new), which)
        return old + new, before + after
    (node,) = side(delta, which)
    elements = _unwrapped(block(ctx, node))
    if isinstance(delta.new, DataTable):
        _figures(elements[0], delta, SHOWS[which])
    return [node], elements


def _figures(table: Element, delta: Changed, change: str) -> None:
    """Each changed figure of a data table shown as its words are."""
    for tr, row in zip(table.findall(qn("w:tr"))[1:], delta.children["rows"], strict=True):
        if isinstance(row, Changed):
            for tc, old, new in zip(tr.findall(qn("w:tc"))[1:], row.old.values, row.new.values, strict=True):
                if old != new:
                    _emphasized([tc], change)


def _unwrapped(elements: list[Element]) -> list[Element]:
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


def _emphasized(elements: list[Element], change: str) -> list[Element]:
    """Every run of `elements` formatted as `change`d words."""
    for element in elements:
        for run in element.iter(R):
            _format(run, change)
    return elements


def _format(run: Element, change: str) -> None:
    """Deleted words struck through; inserted ones bold and underlined."""
    properties = run.get_or_add_rPr()
    if change == DELETED:
        properties.get_or_add_strike()
    else:
        properties.get_or_add_b()
        properties.get_or_add_u().val = WD_UNDERLINE.SINGLE
