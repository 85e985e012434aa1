"""DOCX writer: signing-ready Word documents, one per language and side by side.

`write_docx(edition, langs)` returns {"nl.docx": ..., "fr.docx": ...} for the
selected languages, plus "nl-fr.docx" (the configured languages joined, first
language left) when every configured language is selected. Styles, numbering
formats and page setup come from templates/docx/reference.docx; all wording
that is not source text from templates/lang/<lang>.toml.

Modules: package (reference, footnotes part, saving), ooxml (element
builders), context (where content renders), inline, blocks, tables,
headings, wording (templates with rich slots), front (title page, contents),
signature, pages (header, footer), document (one language), parallel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from bocompile.compose.edition import Edition
from bocompile.write.docx.document import write_document
from bocompile.write.docx.parallel import write_parallel

Pages = dict[str, int]


def write_docx(edition: Edition, langs: tuple[str, ...]) -> dict[str, bytes]:
    """Each file with a table of contents without page numbers (no layout yet)."""
    return {name: write() for name, write in docx_files(edition, langs).items()}


def docx_files(edition: Edition, langs: tuple[str, ...]) -> dict[str, Callable[[], bytes]]:
    """File name -> the function that writes it: a build writes each file apart."""
    return {name: partial(write, None) for name, write in docx_writers(edition, langs).items()}


def docx_writers(edition: Edition, langs: tuple[str, ...]) -> dict[str, Callable[[Pages | None], bytes]]:
    """File name -> function(pages) -> bytes, where `pages` gives the page of
    each heading's bookmark (from a layout of the file) for the table of contents."""
    writers: dict[str, Callable[[Pages | None], bytes]] = {
        f"{lang}.docx": partial(write_document, edition, lang) for lang in langs
    }
    configured = edition.config.languages
    if len(configured) > 1 and set(configured) <= set(langs):
        writers["-".join(configured) + ".docx"] = partial(write_parallel, edition)
    return writers
