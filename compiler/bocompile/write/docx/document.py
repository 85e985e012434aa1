"""One language, one document: title page, contents, the edition's preamble,
the agreement, the signatures, the annexes."""

from __future__ import annotations

from itertools import chain

from docx.oxml.ns import qn

from bocompile.compose.edition import Edition
from bocompile.model import walk_divisions
from bocompile.write.docx.blocks import blocks
from bocompile.write.docx.context import Context
from bocompile.write.docx.front import contents, title_page
from bocompile.write.docx.headings import LEVELS, annex_entry, annex_heading, division_elements, entry
from bocompile.write.docx.ooxml import keep_with_next, page_break
from bocompile.write.docx.package import Package
from bocompile.write.docx.pages import header_and_footer
from bocompile.write.docx.signature import signature


def write_document(edition: Edition, lang: str, heading_pages: dict[str, int] | None = None) -> bytes:
    """`heading_pages`: the page of each heading's bookmark, for the table of contents."""
    locale = edition.languages[lang].locale
    package = Package(edition.project, locale)
    ctx = Context(package, edition, lang, package.text_width(), package.part)
    header_and_footer(package.document.sections[0], [ctx])
    divisions = list(walk_divisions(edition.agreement.parts))
    cover = title_page(ctx)
    if any(d.title[lang] for d in divisions):  # a cover page, then the contents
        page_break(cover[-1])
        package.append(cover)
        package.pour(
            contents(
                ctx,
                ctx.text("contents.heading"),
                chain(
                    (entry(ctx, d) for d in divisions if d.kind in LEVELS),
                    (annex_entry(ctx, a) for a in edition.annexes),
                ),
                heading_pages,
            )
        )
    else:  # an instrument runs on from its title
        package.append(cover)
    last = None  # the body's last element: it stays with the signatures
    for elements in chain([blocks(ctx, edition.preamble)], (division_elements(ctx, d) for d in divisions)):
        package.append(elements)
        package.spill(keep=1)
        last = elements[-1] if elements else last
    if edition.signed:
        if last is not None and last.tag == qn("w:p"):  # the last lines of text stay with the signatures
            keep_with_next(last)
        package.append(signature(ctx))
    for annex in edition.annexes:
        package.append([annex_heading(ctx, annex), *blocks(ctx, annex.blocks)])
    return package.save(edition.title[lang], locale, edition.date)
