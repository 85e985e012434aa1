"""`bocompile check`: every validation of the sources; writes nothing."""

from __future__ import annotations

import click

from bocompile.check import check
from bocompile.cli.common import global_options, reported, settings
from bocompile.project import Project
from bocompile.summary import count_divisions


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Diagnostics as a JSON list on stdout.")
@global_options
def command(as_json: bool) -> None:
    """Run every validation of the sources; write nothing.

    Beyond the sources, every amendment is applied and every document rendered
    in memory (consolidated and renumbered included), so a broken template or
    image fails here too; a warning of build is an error here.
    """
    chosen = settings()
    with reported(as_json):
        compiled = check(Project.open(chosen.directory))
    if as_json:
        click.echo("[]")
    if chosen.quiet:
        return
    counts = count_divisions(compiled.agreement)
    click.echo(
        f"ok: {counts['part']} parts, {counts['section']} sections, {counts['article']} articles in "
        f"{', '.join(compiled.config.languages)}; {len(compiled.amendments)} amendment(s)",
        err=as_json,
    )
