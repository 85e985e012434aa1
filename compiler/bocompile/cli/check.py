"""`bocompile check`: every validation of the sources; writes nothing."""

from __future__ import annotations

import click

from bocompile.cli.common import global_options, reported, settings
from bocompile.project import Project
from bocompile.resident import ask


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Diagnostics as a JSON list on stdout.")
@global_options
def command(as_json: bool) -> None:
    """Run every validation of the sources; write nothing.

    Beyond the sources, every amendment is applied and every document rendered
    in memory (consolidated and renumbered included), so a broken template or
    image fails here too; a warning of build is an error here. While
    `bocompile watch` runs in the project, it answers (the same answer, sooner).
    """
    chosen = settings()
    with reported(as_json):
        project = Project.open(chosen.directory)
        line = ask(project.root) or _alone(project)
    if as_json:
        click.echo("[]")
    if not chosen.quiet:
        click.echo(line, err=as_json)


def _alone(project: Project) -> str:
    from bocompile.check import verdict  # the whole compiler: only when no watch answers

    return verdict(project)
