"""Front matter: the title page and the table of contents (left out when no
division has a title to list, as in an amendment instrument)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from docx.oxml.ns import qn

from bocompile.write.docx.context import Context
from bocompile.write.docx.headings import Entry
from bocompile.write.docx.ooxml import break_before, field_runs, line, make, page_break, paragraph, run, sub

TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'


def title_page(ctx: Context, spacing: dict | None = None) -> list:
    """The edition's title and its own lines (the state of a consolidated text
    and the amendments it includes, an amendment's subject), then the parties
    and the period of the agreement: what it is, between whom, for when. An
    edition with a preamble (an instrument) names the parties there instead.
    `spacing` overrides the title's (several languages on one page)."""
    config, edition, lang = ctx.edition.config, ctx.edition, ctx.run_lang
    title = paragraph("Title", spacing=spacing)
    title.append(run(edition.title[ctx.lang], lang=lang))
    out = [title] + [
        line("TitlePageDetail" if index else "Subtitle", text, lang)
        for index, text in enumerate(edition.front.get(ctx.lang, ()))
    ]
    if edition.preamble:  # an instrument: its preamble names the parties
        return out
    last = len(config.parties) - 1
    for index, party in enumerate(config.parties):
        if index == 0:
            out.append(line("TitlePageLine", ctx.text("titlepage.between"), lang))
        elif index == last:
            out.append(line("TitlePageLine", ctx.text("titlepage.and"), lang))
        out.append(line("Subtitle", party.name[ctx.lang], lang))
    period = ctx.text(
        "titlepage.period",
        start=edition.date_text(config.period_start, ctx.lang),
        end=edition.date_text(config.period_end, ctx.lang),
    )
    out.append(line("TitlePageLine", period, lang))
    return out


def contents(
    ctx: Context,
    title: str,
    entries: Iterable[Entry],
    pages: dict[str, int] | None,
    width: int | None = None,
    new_page: bool = False,
) -> Iterator:
    """The contents on a page of their own, a paragraph at a time: a long
    agreement's (20,000 articles) took 140 MB held whole. Its heading
    starts a page when `new_page` (after a cover that cannot end with a
    break, a table), and its last line ends one.

    A TOC field whose cached result lists every heading as a link, with
    the page it stands on when `pages` (bookmark -> page, from a layout of
    this very document) is given, without page numbers otherwise. Word and
    LibreOffice show the cached result as it is: nothing asks to update
    fields on opening (Word rebuilds the field only when the user asks).

    A page number is plain text after a tab (LibreOffice drops PAGEREF
    fields nested in a TOC result), inside a bookmark named like the
    heading's with "p" for "k", so that the PDF step can write the pages
    into the laid-out document. `width` moves the tab stop to the right
    margin of a page wider than the reference's."""
    heading = line("TOCHeading", title)
    yield break_before(heading) if new_page else heading
    *opening, end = field_runs(TOC_FIELD)
    lines = (_line(ctx, item, pages, width) for item in entries)
    held = next(lines, None)  # each line goes out once the next is made: the last gets the field's end
    if held is None:  # no entries: the field alone
        held = paragraph("TOC1")
    start = 1 if held.find(qn("w:pPr")) is not None else 0
    for offset, r in enumerate(opening):
        held.insert(start + offset, r)
    for following in lines:
        yield held
        held = following
    held.append(end)
    yield page_break(held)


def _line(ctx: Context, item: Entry, pages: dict[str, int] | None, width: int | None):
    """One heading's line: a link to it, and its page when known."""
    style = f"TOC{item.level}"
    tabs = (
        [("clear", pos, "none") for pos in ctx.package.tab_stops(style)] + [("right", width, "dot")] if width else None
    )
    p = paragraph(style, tabs=tabs)
    link = sub(p, "w:hyperlink", anchor=item.anchor, history=1)
    link.append(run(item.text))
    if pages is not None:
        tab = make("w:r")
        sub(tab, "w:tab")
        mark = ctx.package.bookmark_id()
        link.append(tab)
        sub(link, "w:bookmarkStart", id=mark, name=page_mark(item.anchor))
        link.append(run(str(pages.get(item.anchor, 0))))
        sub(link, "w:bookmarkEnd", id=mark)
    return p


def page_mark(anchor: str) -> str:
    """The bookmark on the page number of a heading's contents line."""
    return "p" + anchor[1:]
