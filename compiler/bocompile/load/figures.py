"""Images exist inside the project and can be embedded (images.py): a
figure may not read any other file. Each language has its own image."""

from __future__ import annotations

from collections.abc import Iterable

from bocompile.diagnostics import Report, SourceError
from bocompile.images import load_image
from bocompile.model import Figure
from bocompile.project import Project


def check_figures(project: Project, lang: str, figures: Iterable[Figure], report: Report) -> None:
    """`figures`: those of one language's text (the loader finds them in the walk that finds references)."""
    for figure in figures:
        src = figure.src[lang]
        if src is None:
            continue
        try:
            load_image(project, src, figure.loc[lang])
        except SourceError as error:
            report.extend(error.diagnostics)
