"""Command line: a thin layer over the library (check, build)."""

from __future__ import annotations

import json
import sys

import click

from bocompile import __version__
from bocompile.check import load
from bocompile.diagnostics import SourceError
from bocompile.project import Project
from bocompile.summary import count_divisions

PROJECT = click.option("-C", "project_dir", default=".", metavar="PROJECT_DIR",
                       type=click.Path(file_okay=False), help="Project directory (default: here).")


def _fail(error: SourceError, as_json: bool = False) -> None:
    if as_json:
        click.echo(json.dumps([d.as_json() for d in error.diagnostics], ensure_ascii=False, indent=2))
    for diagnostic in error.diagnostics:
        click.echo(str(diagnostic), err=True)
    click.echo(f"{len(error.diagnostics)} error(s); nothing was written.", err=True)
    sys.exit(1)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bocompile")
@PROJECT
@click.pass_context
def main(ctx: click.Context, project_dir: str) -> None:
    """Compile a bilingual management agreement.

    Without a command: check the sources (the writers come next).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(check, project_dir=project_dir, as_json=False)


@main.command()
@PROJECT
@click.option("--json", "as_json", is_flag=True, help="Diagnostics as a JSON list on stdout.")
def check(project_dir: str, as_json: bool) -> None:
    """Run every validation of the sources; write nothing."""
    try:
        compiled = load(Project.open(project_dir))
    except SourceError as error:
        _fail(error, as_json)
    if as_json:
        click.echo("[]")
    counts = count_divisions(compiled.agreement)
    click.echo(f"ok: {counts['part']} parts, {counts['section']} sections, {counts['article']} "
               f"articles in {', '.join(compiled.config.languages)}", err=as_json)
