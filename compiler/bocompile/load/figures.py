"""Images exist, inside the project: a figure may not read any other file.

Whether an image can be embedded is the DOCX writer's to say; `check`
renders every document, so it reports that too.
"""

from __future__ import annotations

from bocompile.diagnostics import Report, SourceError
from bocompile.model import Division, Figure, query
from bocompile.project import Project


def check_figures(project: Project, lang: str, parts: tuple[Division, ...], report: Report) -> None:
    for figure in query(parts, Figure):
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
