"""Checking: everything a build would hit, with any option, proven without
writing a file.

`check` loads the sources, applies every amendment (each state proven) and
renders every document in memory (the HTML preview too), consolidated and
renumbered included (and each amendment's synoptic table, as `bocompile
diff` makes them), so a broken template or image fails here as it would in
the build. A reference
to a repealed provision, only a warning for a build, is an error here:
`--renumber` would fail on it.
"""

from __future__ import annotations

import dataclasses

from bocompile.build import render
from bocompile.compose.comparison import amendment_comparisons
from bocompile.compose.inputs import history_of
from bocompile.diagnostics import SourceError
from bocompile.load import Loaded, load
from bocompile.project import Project
from bocompile.write.docx.synoptic import write_synoptic


def check(project: Project) -> Loaded:
    """The loaded project when everything holds; SourceError otherwise."""
    loaded = load(project)
    states = history_of(loaded)
    if states.warnings:
        raise SourceError([dataclasses.replace(d, severity="error") for d in states.warnings])
    render(loaded, formats=("docx", "akn", "html"), consolidated=True, renumbered=True, states=states)  # no LibreOffice
    for compared in amendment_comparisons(loaded, states=states):  # what `bocompile diff` adds
        for lang in loaded.config.languages:
            write_synoptic(compared, lang)
    return loaded
