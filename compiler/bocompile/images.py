"""Images a figure may embed: a file inside the project, of bounded size,
that python-docx can read (PNG, JPEG, GIF, BMP, TIFF), of a sane pixel count.

The checker and the DOCX writer both take an image's bytes from here, so
what was checked is what is embedded.
"""

from __future__ import annotations

from docx.image.image import Image

from bocompile.diagnostics import Diagnostic, Loc, SourceError
from bocompile.project import BINARY_LIMIT, Project

#: more pixels than this is refused: a small file that decodes to gigabytes
#: (a decompression bomb) would hang Word, LibreOffice or a PDF converter
MAX_PIXELS = 100_000_000


def load_image(project: Project, src: str, loc: Loc) -> bytes:
    """The bytes of the image `src` (relative to sources/); SourceError at `loc`."""
    path = project.inside(f"sources/{src}", loc)
    if project.kind(path) is None:
        raise SourceError(
            [
                Diagnostic(
                    loc,
                    f"image '{src}' not found: put it under sources/ "
                    "(e.g. sources/images/) or use () for a placeholder",
                )
            ]
        )
    data = project.read_bytes(path, BINARY_LIMIT, loc)
    problem = _problem(data)
    if problem:
        raise SourceError([Diagnostic(loc, f"image '{src}' {problem}")])
    return data


def _problem(data: bytes) -> str | None:
    try:
        image = Image.from_blob(data)
    except Exception:  # python-docx raises several unrelated types for bad images
        return "is not a PNG, JPEG, GIF, BMP or TIFF file that can be embedded; export it again in one of these formats"
    pixels = image.px_width * image.px_height
    if pixels > MAX_PIXELS:
        return (
            f"has {pixels:,} pixels; at most {MAX_PIXELS:,} are embedded (a picture that "
            "large would hang the programs that open the document); export it smaller"
        )
    try:  # the size on the page divides by the resolution the header states
        empty = pixels < 1 or image.width < 1 or image.height < 1
    except ZeroDivisionError:
        empty = True
    return "has no size (no pixels or a resolution of 0 dpi); export it again" if empty else None
