"""What the two review documents of a comparison (the redline, the synoptic
table) share: they begin alike, with the comparison's title page."""

from __future__ import annotations

from dataclasses import replace

from bocompile.compose.comparison import Comparison
from bocompile.write.docx.context import Context
from bocompile.write.docx.front import title_page
from bocompile.write.docx.ooxml import page_break
from bocompile.write.docx.package import Package
from bocompile.write.docx.pages import header_and_footer


def begin_review(comparison: Comparison, lang: str, name: str, *, landscape: bool = False) -> Context:
    """A review document of `comparison` in `lang`, up to its body: the
    package (turned for the synoptic table's two columns), the running
    header and footer, and the title page on a page of its own, its first
    line the template `name` ("diff.redline", "diff.synoptic") saying which
    document it is. Returns the page's context: its package to append the
    body to, and its edition, whose title page has that line."""
    edition = comparison.edition
    edition = replace(edition, front={**edition.front, lang: (edition.text(name, lang), *edition.front[lang])})
    package = Package(edition.project, edition.languages[lang].locale)
    if landscape:
        package.landscape()
    page = Context(package, edition, lang, package.text_width(), package.part)
    header_and_footer(package.document.sections[0], [page])
    cover = title_page(page)
    page_break(cover[-1])
    package.append(cover)
    return page
