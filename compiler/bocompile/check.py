"""Checking: everything a build would hit, with any option, proven without
writing a file.

`check` loads the sources, applies every amendment (each state proven) and
composes every edition a build makes, consolidated and renumbered included;
what the writers would take from the templates and images, it proves
without rendering a document (proof.py): every wording with the values a
build gives it, every other template key once, the project's own
reference.docx and HTML templates, every image. A broken template or image
fails here as it would in the build, at its file and line. A reference to a
repealed provision, only a warning for a build, is an error here:
`--renumber` would fail on it.
"""

from __future__ import annotations

import dataclasses

from bocompile.compose import editions_of
from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.inputs import history_of
from bocompile.diagnostics import SourceError
from bocompile.heap import one_run, settled
from bocompile.load import Loaded, load
from bocompile.project import Project
from bocompile.proof import prove
from bocompile.summary import count_divisions
from bocompile.typography import typeset_editions


def check(project: Project) -> Loaded:
    """The loaded project when everything holds; SourceError otherwise."""
    with one_run():
        loaded = load(project)
        states = history_of(loaded)
        if states.warnings:
            raise SourceError([dataclasses.replace(d, severity="error") for d in states.warnings])
        editions = editions_of(loaded, consolidated=True, states=states)
        editions.append(consolidated_edition(loaded, renumbered=True, states=states))
        settled()
        prove(loaded, states, typeset_editions(editions, blocks=False))
        return loaded


def verdict(project: Project) -> str:
    """`check`, and the line that says what holds (the command's answer, from
    this process or from a running watch)."""
    loaded = check(project)
    counts = count_divisions(loaded.agreement)
    return (
        f"ok: {counts['part']} parts, {counts['section']} sections, {counts['article']} articles in "
        f"{', '.join(loaded.config.languages)}; {len(loaded.amendments)} amendment(s)"
    )
