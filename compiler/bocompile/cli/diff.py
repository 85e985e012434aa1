"""`bocompile diff`: a redline and a synoptic table between two texts, for review."""

from __future__ import annotations

from pathlib import Path

import click

from bocompile.cli.common import global_options, output_directory, reported, say, settings
from bocompile.project import Project
from bocompile.review import review


@click.command("diff")
@click.option(
    "--from",
    "start",
    metavar="FROM",
    help="The current text: a date (YYYY-MM-DD), base, or an amendment id (default: before the latest amendment).",
)
@click.option(
    "--to",
    "end",
    metavar="TO",
    help="The new text, named the same way (default: after the latest amendment).",
)
@output_directory("; the files go to diff/FROM_TO/")
@global_options
def command(start: str | None, end: str | None, output: Path | None) -> None:
    """Compare two texts of the agreement for review: a redline (tracked
    changes) and a synoptic table per language, in output/diff/FROM_TO/."""
    with reported():
        project = Project.open(settings().directory)
        written = review(project, output or project.root / "output", start, end)
    for path, changes in written:
        say(str(path) if changes is None else f"{path} ({changes} tracked changes)")
