"""PDF writer: each DOCX laid out by LibreOffice, with a page-true table of
contents, exported as PDF/A-2b.

A PDF and the DOCX beside it always agree. The DOCX is written with a
placeholder page number ("0") in each line of its table of contents;
LibreOffice lays it out, reads the page of every heading, writes those
pages in place of the placeholders, lays out again until the pages hold
still, and exports that layout as PDF. The DOCX writer then writes the same
pages into the DOCX, which differs from the laid-out one only in those
digits. The PDF's clock dates become the edition's (archive.py).

LibreOffice lays out one document at a time; a build starts it once per
processor core (at most OFFICES) and shares the documents among them,
largest first.

Modules: office (one LibreOffice, over UNO), uno_worker (runs inside
LibreOffice's Python), archive (reproducible PDF/A).
"""

from __future__ import annotations

import os
import queue
from concurrent.futures import ThreadPoolExecutor

from bocompile.compose.edition import Edition
from bocompile.write.docx import docx_writers
from bocompile.write.pdf.office import Office, OfficeError

#: LibreOffice processes a build may run side by side (each lays out one document at a time)
OFFICES = 2


def write_pdf(
    editions: list[Edition], langs: tuple[str, ...], timeout: float, offices: int | None = None
) -> dict[str, bytes]:
    """{"<edition>/<name>.docx": page-true DOCX, "<edition>/<name>.pdf": its PDF}
    for every DOCX of every edition. `offices`: how many LibreOffice processes
    (default: one per core, at most OFFICES)."""
    from bocompile.write.pdf.archive import reproducible  # pikepdf: only when PDFs are made

    writers = [(edition, name, write) for edition in editions for name, write in docx_writers(edition, langs).items()]
    count = max(1, min(offices or os.cpu_count() or 1, OFFICES, len(writers)))
    idle: queue.Queue = queue.Queue()

    def lay_out(draft: bytes):
        office = idle.get()
        try:
            return office.lay_out(draft)
        finally:
            idle.put(office)

    with ThreadPoolExecutor(count) as pool:
        starts = [pool.submit(Office, timeout) for _ in range(count)]
        layouts = {}
        try:  # the drafts are written while LibreOffice starts
            jobs = [(edition, name, write, write({})) for edition, name, write in writers]
            for start in starts:
                idle.put(start.result())
            largest_first = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][3]))
            layouts = {i: pool.submit(lay_out, jobs[i][3]) for i in largest_first}
            files: dict[str, bytes] = {}
            for index, (edition, name, write, _) in enumerate(jobs):
                try:
                    pages, pdf = layouts[index].result()
                except OfficeError as error:
                    raise OfficeError(f"{edition.name}/{name}: {error}") from None
                files[f"{edition.name}/{name}"] = write(pages)
                files[f"{edition.name}/{name.removesuffix('.docx')}.pdf"] = reproducible(pdf, edition.date)
            return files
        finally:
            for layout in layouts.values():
                layout.cancel()
            for start in starts:
                if start.exception() is None:
                    start.result().close()
