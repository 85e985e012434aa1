"""Images exist, inside the project: a figure may not read any other file."""

from __future__ import annotations

from docx.image.image import Image

from bocompile.diagnostics import Report, SourceError
from bocompile.model import Division, Figure, walk_divisions
from bocompile.project import Project


def check_figures(project: Project, lang: str, parts: tuple[Division, ...], report: Report) -> None:
    for division in walk_divisions(parts):
        for figure in _figures(division.blocks):
            if figure.src is None:
                continue
            loc = figure.loc[lang]
            try:
                path = project.inside(f"sources/{figure.src}", loc)
            except SourceError as error:
                report.extend(error.diagnostics)
                continue
            if not path.is_file():
                report.error(loc, f"image '{figure.src}' not found: put it under sources/ "
                             "(e.g. sources/images/) or use () for a placeholder")
            elif not _readable(path):
                report.error(loc, f"image '{figure.src}' is not a PNG, JPEG, GIF, BMP or TIFF "
                             "file that can be embedded; export it again in one of these formats")


def _readable(path) -> bool:
    """Whether python-docx, which embeds the image, can read its header."""
    try:
        Image.from_file(str(path))
    except Exception:  # python-docx raises several unrelated types for bad images
        return False
    return True


def _figures(blocks):
    for block in blocks:
        if isinstance(block, Figure):
            yield block
        for item in getattr(block, "items", ()):
            yield from _figures(item.blocks)
        for row in getattr(block, "rows", ()):
            for cell in row if isinstance(row, tuple) else ():
                yield from _figures(cell.blocks)
