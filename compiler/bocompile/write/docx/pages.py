"""Running header and footer: what the document is above, "p. X / Y" below.

The title page carries neither (a different first page). The edition
decides its header (the title; "Geconsolideerde versie – toestand op ..."
for a consolidated text); the footer's wording is templates/lang
page.footer, whose {{ page }} and {{ pages }} become PAGE and NUMPAGES fields.
"""

from __future__ import annotations

from docx.section import Section

from bocompile.write.docx.context import Context
from bocompile.write.docx.ooxml import paragraph, run, simple_field
from bocompile.write.docx.wording import rich

#: joins the languages' headers in the side-by-side document
LANGUAGE_SEPARATOR = " / "


def header_and_footer(section: Section, contexts: list[Context]) -> None:
    """`contexts`: one per language shown (the first language's footer wording)."""
    section.different_first_page_header_footer = True
    header = paragraph("Header")
    for index, ctx in enumerate(contexts):
        if index:
            header.append(run(LANGUAGE_SEPARATOR))
        header.append(run(ctx.edition.header[ctx.lang], lang=ctx.run_lang))
    footer = paragraph("Footer")
    footer.extend(
        rich(
            contexts[0],
            "page.footer",
            {"page": lambda: [simple_field("PAGE", "1")], "pages": lambda: [simple_field("NUMPAGES", "1")]},
        )
    )
    _fill(section.header, header)
    _fill(section.footer, footer)
    _fill(section.first_page_header, paragraph())
    _fill(section.first_page_footer, paragraph())


def _fill(story, p) -> None:
    story.is_linked_to_previous = False
    element = story.part.element
    for child in list(element):
        element.remove(child)
    element.append(p)
