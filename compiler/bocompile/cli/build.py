"""`bocompile build` (also `bocompile` alone): write every output of the project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from bocompile.build import FORMATS, build
from bocompile.cli.common import global_options, output_directory, reported, say, settings
from bocompile.cli.progress import Progress
from bocompile.diagnostics import Diagnostic
from bocompile.project import Project


@click.command("build")
@click.option(
    "--consolidate",
    is_flag=True,
    help="Also write output/consolidated: the text with every amendment in force.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="With --consolidate: the date of the text in force (YYYY-MM-DD; default: the latest).",
)
@click.option("--renumber", is_flag=True, help="With --consolidate: number 1..n again, with a concordance table.")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Only this language (repeatable; default: all). nl-fr.docx needs all.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Only this format (repeatable; default: [output] formats of agreement.toml, else docx and akn). "
    "pdf writes the page-true DOCX beside each PDF.",
)
@output_directory()
@global_options
def command(
    consolidate: bool,
    as_of: dt.datetime | None,
    renumber: bool,
    langs: tuple[str, ...],
    formats: tuple[str, ...],
    output: Path | None,
) -> None:
    """Write output/base and output/amendments/<id> (and output/consolidated).

    A build replaces them only when every file succeeded; the same sources
    give byte-identical files. output/manifest.json lists what was built.
    """
    chosen = settings()
    warnings: list[Diagnostic] = []
    with reported(), Progress(chosen.verbose) as progress:
        project = Project.open(chosen.directory)
        written = build(
            project,
            output or project.root / "output",
            langs,
            formats,
            consolidate,
            as_of.date() if as_of else None,
            renumber,
            warnings,
            progress,
            process_ends=True,
        )
    for warning in warnings:
        click.echo(str(warning), err=True)
    for path in written:
        say(str(path))
