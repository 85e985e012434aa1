"""`bocompile watch`: the HTML preview, rebuilt on every saved change."""

from __future__ import annotations

from pathlib import Path

import click

from bocompile.cli.common import global_options, output_directory, reported, settings
from bocompile.project import Project


@click.command("watch")
@output_directory()
@global_options
def command(output: Path | None) -> None:
    """Rebuild the HTML preview (only) on every saved change of sources/ or
    templates/, one line per result; Ctrl-C stops."""
    from bocompile.watch import watch

    with reported():
        project = Project.open(settings().directory)
        try:
            watch(project, output or project.root / "output", click.echo)
        except KeyboardInterrupt:
            pass
    click.echo("stopped")
