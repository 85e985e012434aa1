"""Images exist inside the project and can be embedded (images.py): a
figure may not read any other file. Each language has its own image."""

from __future__ import annotations

from bocompile.diagnostics import Report, SourceError
from bocompile.images import load_image
from bocompile.model import Division, Figure, query
from bocompile.project import Project


def check_figures(project: Project, lang: str, parts: tuple[Division, ...], report: Report) -> None:
    for figure in query(parts, Figure):
        src = figure.src[lang]
        if src is None:
            continue
        try:
            load_image(project, src, figure.loc[lang])
        except SourceError as error:
            report.extend(error.diagnostics)
