"""Checking: everything a build would hit, proven without writing a file.

`check` loads the sources, applies every amendment (each state proven) and
renders every document in memory, consolidated and renumbered included, so
a broken template or image fails here as it would in the build.
"""

from __future__ import annotations

from bocompile.build import render
from bocompile.load import Loaded, load
from bocompile.project import Project


def check(project: Project) -> Loaded:
    """The loaded project when everything holds; SourceError otherwise."""
    loaded = load(project)
    render(loaded, consolidated=True, renumbered=True)
    return loaded
