"""`bocompile check`: every validation of the sources; writes nothing."""

from __future__ import annotations

import click

from bocompile.build import render
from bocompile.check import load
from bocompile.cli.common import global_options, reported, settings
from bocompile.project import Project
from bocompile.summary import count_divisions


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Diagnostics as a JSON list on stdout.")
@global_options
def command(as_json: bool) -> None:
    """Run every validation of the sources; write nothing.

    Beyond the sources, every document is rendered in memory (consolidated and
    renumbered included), so a broken template or image fails here too.
    """
    chosen = settings()
    with reported(as_json):
        compiled = load(Project.open(chosen.directory))
        render(compiled, consolidated=True, renumbered=True)
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
