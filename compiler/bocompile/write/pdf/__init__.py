"""PDF writer: each DOCX laid out by LibreOffice, with a page-true table of
contents, exported as PDF/A-2b.

A PDF and the DOCX beside it always agree. The DOCX is written with a
placeholder page number ("0") in each line of its table of contents;
LibreOffice lays it out, reads the page of every heading, writes those
pages in place of the placeholders, lays out again until the pages hold
still, and exports that layout as PDF. The DOCX writer then writes the same
pages into the DOCX, which differs from the laid-out one only in those
digits. The PDF's clock dates become the edition's (archive.py).

Modules: office (one LibreOffice per build, over UNO), uno_worker (runs
inside LibreOffice's Python), archive (reproducible PDF/A).
"""

from __future__ import annotations

from bocompile.edition import Edition
from bocompile.write.docx import docx_writers
from bocompile.write.pdf.archive import reproducible
from bocompile.write.pdf.office import Office, OfficeError


def write_pdf(editions: list[Edition], langs: tuple[str, ...], timeout: float) -> dict[str, bytes]:
    """{"<edition>/<name>.docx": page-true DOCX, "<edition>/<name>.pdf": its PDF}
    for every DOCX of every edition, with one LibreOffice."""
    files: dict[str, bytes] = {}
    with Office(timeout) as office:
        for edition in editions:
            for name, write in docx_writers(edition, langs).items():
                try:
                    pages, pdf = office.lay_out(write({}))
                except OfficeError as error:
                    raise OfficeError(f"{edition.name}/{name}: {error}") from None
                files[f"{edition.name}/{name}"] = write(pages)
                files[f"{edition.name}/{name.removesuffix('.docx')}.pdf"] = reproducible(pdf, edition.date)
    return files
