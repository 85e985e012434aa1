"""The redline: the new text with Word tracked changes against the old one.

Every provision of both texts in document order, rendered with the
writer's own headings and blocks from the diff's merged view; what changed
is a w:ins or w:del (words, paragraphs, rows, whole provisions) or a
w:pPrChange (a paragraph that became a sub-heading), by the amendment that
made it, on the day it was signed. Accepting every change gives the new
text, rejecting every change the old one. Renumbering does not apply.

An amendment instrument's own redline shows only the provisions it
changes, under their parts' and sections' headings, with a line saying
how many it leaves out: an agreement of 2,000 articles amended 200 times
would otherwise write 200 copies of the whole text. `bocompile diff`
shows every provision.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace

from docx.oxml.ns import qn

from bocompile.compose.comparison import Comparison
from bocompile.diff import around_changes, each
from bocompile.diff.changes import DELETED, INSERTED, Added, Changed, Delta, DivisionChange, Kept, Node, Removed
from bocompile.diff.views import merged, titled
from bocompile.model import DataTable
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.write.docx.blocks import block, blocks
from bocompile.write.docx.context import Context
from bocompile.write.docx.headings import heading, run_in
from bocompile.write.docx.ooxml import line, make, paragraph
from bocompile.write.docx.package import Package
from bocompile.write.docx.review import begin_review
from bocompile.write.docx.tables import column_widths
from bocompile.write.docx.tracked import Element, derive, in_place, restyle, stamp, track_all, wrap

#: settings.xml children that come before w:trackRevisions (CT_Settings)
_BEFORE_TRACKING = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
)
#: what a heading paragraph holds besides its words
_FRAME = (qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd"))


def write_redline(comparison: Comparison, lang: str, *, whole: bool = True) -> bytes:
    """The redline of `comparison`; not `whole`: only the provisions that changed."""
    ctx = begin_review(comparison, lang, "diff.redline")
    package, edition = ctx.package, ctx.edition
    if whole:
        shown = list(each(comparison.divisions))
    else:
        shown, omitted = around_changes(comparison.divisions)
        package.append([line(ctx.text_style, ctx.text("diff.omitted", n=omitted))])
    for change in shown:
        elements = _division(ctx, change)
        if change.changed:
            info = comparison.credits[change.key]
            stamp(elements, comparison.author(change.key, lang), info.signed, package.bookmark_id)
        package.append(elements)
    package.append([paragraph()])  # the body's last paragraph mark cannot be tracked
    _keep_tracking(package)
    return package.save(edition.title[lang], edition.languages[lang].locale, edition.date)


def _division(ctx: Context, change: DivisionChange) -> list[Element]:
    """A division's heading and blocks; a numbered paragraph (§) has its
    number run in its first lid instead of a heading."""
    if change.division.kind not in SUBDIVISIONS:
        return [_heading(ctx, change)] + [e for delta in change.blocks for e in _block(ctx, delta)[1]]
    if change.heading in ("same", "words"):
        shown = [_block(ctx, delta) for delta in change.blocks]
        nodes = tuple(node for nodes, _ in shown for node in nodes)
        return run_in(ctx, replace(change.sides[1], blocks=nodes), [e for _, elements in shown for e in elements])
    # new, gone, or its wording changed (repealed, reinstated): all of the old one deleted, all of the new inserted
    old = track_all(run_in(ctx, change.old, blocks(ctx, change.old.blocks)), DELETED) if change.old else []
    for bookmark in (b for e in old for b in e.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
        bookmark.getparent().remove(bookmark)  # the new one holds the bookmark
    new = track_all(run_in(ctx, change.new, blocks(ctx, change.new.blocks)), INSERTED) if change.new else []
    return old + new


def _heading(ctx: Context, change: DivisionChange) -> Element:
    if change.heading == "same":
        return heading(ctx, change.division)
    if change.heading == "words":
        return heading(ctx, titled(change.division, change.title))
    if change.heading in ("added", "removed"):
        return track_all([heading(ctx, change.division)], INSERTED if change.new else DELETED)[0]
    # its wording changed ("Art. 15. (Opgeheven)"): the old wording deleted, the new inserted
    before, after = change.sides
    p, old = heading(ctx, after), heading(ctx, before)
    words = [child for child in p if child.tag not in _FRAME]
    for child in words:
        p.remove(child)
    end = p.find(qn("w:bookmarkEnd"))
    for element in wrap(DELETED, [c for c in old if c.tag not in _FRAME]) + wrap(INSERTED, words):
        end.addprevious(element)
    return p


def _block(ctx: Context, delta: Delta) -> tuple[list[Node], list[Element]]:
    """The nodes a block's change shows (for the numbered paragraph around
    it) and their elements."""
    if isinstance(delta, Kept):
        return [delta.node], block(ctx, delta.node)
    if isinstance(delta, Added):
        return [delta.node], track_all(block(ctx, delta.node), INSERTED)
    if isinstance(delta, Removed):
        return [delta.node], track_all(block(ctx, delta.node), DELETED)
    if not in_place(delta):
        (old, before), (new, after) = _block(ctx, Removed(delta.old)), _block(ctx, Added(delta.new))
        return old + new, before + after
    elements = derive(block(ctx, merged(delta)[0]))
    if delta.restyled:
        restyle(elements[0], block(ctx, delta.old)[0])
    if isinstance(delta.new, DataTable):
        _figures(ctx, elements[0], delta)
    return [delta.new], elements


def _figures(ctx: Context, table: Element, delta: Changed) -> None:
    """Each changed figure of a data table: the old one deleted, the new one
    inserted, in its cell; the columns widened to hold both on one line."""
    for tr, row in zip(table.findall(qn("w:tr"))[1:], delta.children["rows"], strict=True):
        if not isinstance(row, Changed):
            continue
        for tc, old, new in zip(tr.findall(qn("w:tc"))[1:], row.old.values, row.new.values, strict=True):
            if old != new:
                p = tc.find(qn("w:p"))
                run = p.find(qn("w:r"))
                index = p.index(run)
                before = deepcopy(run)
                before.find(qn("w:t")).text = ctx.edition.figure(old, ctx.lang)
                p.remove(run)
                for offset, element in enumerate(wrap(DELETED, [before]) + wrap(INSERTED, [run])):
                    p.insert(index + offset, element)
    _refit(table)


def _refit(table: Element) -> None:
    """Share the table's width again among its columns, for what they now hold."""
    rows = [tr.findall(qn("w:tc")) for tr in table.findall(qn("w:tr"))]
    columns = [
        ["".join(t.text or "" for t in row[j].iter(qn("w:t"), qn("w:delText"))) for row in rows]
        for j in range(len(rows[0]))
    ]
    grid = table.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    widths = column_widths(columns, sum(int(col.get(qn("w:w"))) for col in grid))
    for col, width in zip(grid, widths, strict=True):
        col.set(qn("w:w"), str(width))
    for row in rows:
        for tc, width in zip(row, widths, strict=True):
            tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").set(qn("w:w"), str(width))


def _keep_tracking(package: Package) -> None:
    """Word goes on tracking the reviewers' own edits: w:trackRevisions, after
    the settings the schema puts before it."""
    settings = package.document.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        before = [child for child in settings if child.tag in {qn(f"w:{name}") for name in _BEFORE_TRACKING}]
        if before:
            before[-1].addnext(make("w:trackRevisions"))
        else:
            settings.insert(0, make("w:trackRevisions"))
