"""Command line: a thin layer over the library (check, build, diff)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bocompile import __version__
from bocompile.build import FORMATS, build
from bocompile.check import check as check_project
from bocompile.diagnostics import SourceError, UsageProblem
from bocompile.project import Project
from bocompile.review import review
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
@click.option("--lang", "langs", multiple=True, metavar="LANG",
              help="Only this language (repeatable; default: all). nl-fr.docx needs all.")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Only this format (repeatable; default: docx and akn).")
@click.option("--consolidate", is_flag=True,
              help="Also write output/consolidated: the text with every amendment in force.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="With --consolidate: the date of the text in force (YYYY-MM-DD).")
@click.option("--renumber", is_flag=True,
              help="With --consolidate: number 1..n again, with a concordance table.")
@click.option("-o", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Output directory (default: PROJECT_DIR/output).")
@click.pass_context
def main(ctx: click.Context, project_dir: str, langs: tuple[str, ...], formats: tuple[str, ...],
         consolidate: bool, as_of, renumber: bool, out_dir: str | None) -> None:
    """Compile a bilingual management agreement into DOCX and Akoma Ntoso.

    Without a command: build output/base and output/amendments (and
    output/consolidated with --consolidate). `bocompile check` validates only.
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = project_dir  # `bocompile -C DIR check` works like `bocompile check -C DIR`
        return
    try:
        project = Project.open(project_dir)
        out = Path(out_dir) if out_dir else project.root / "output"
        warnings: list = []
        written = build(project, out, langs, formats, consolidate,
                        as_of.date() if as_of else None, renumber, warnings)
    except SourceError as error:
        _fail(error)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    for warning in warnings:
        click.echo(str(warning), err=True)
    for path in written:
        click.echo(str(path))


@main.command()
@click.option("-C", "project_dir", default=None, metavar="PROJECT_DIR",
              type=click.Path(file_okay=False), help="Project directory (default: here).")
@click.option("--json", "as_json", is_flag=True, help="Diagnostics as a JSON list on stdout.")
@click.pass_context
def check(ctx: click.Context, project_dir: str | None, as_json: bool) -> None:
    """Run every validation of the sources; write nothing.

    Beyond the sources, every document is rendered in memory (consolidated and
    renumbered included), so a broken template or image fails here too.
    """
    try:
        compiled = check_project(Project.open(project_dir or ctx.obj or "."))
    except SourceError as error:
        _fail(error, as_json)
    if as_json:
        click.echo("[]")
    counts = count_divisions(compiled.agreement)
    click.echo(f"ok: {counts['part']} parts, {counts['section']} sections, {counts['article']} "
               f"articles in {', '.join(compiled.config.languages)}; "
               f"{len(compiled.amendments)} amendment(s)", err=as_json)


@main.command()
@click.option("-C", "project_dir", default=None, metavar="PROJECT_DIR",
              type=click.Path(file_okay=False), help="Project directory (default: here).")
@click.option("--from", "start", default=None, metavar="FROM",
              help="The current text: a date (YYYY-MM-DD), base, or an amendment id "
                   "(default: before the latest amendment).")
@click.option("--to", "end", default=None, metavar="TO",
              help="The new text, named the same way (default: after the latest amendment).")
@click.option("-o", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Output directory (default: PROJECT_DIR/output); files go to diff/FROM_TO/.")
@click.pass_context
def diff(ctx: click.Context, project_dir: str | None, start: str | None, end: str | None,
         out_dir: str | None) -> None:
    """Compare two texts of the agreement for review: a redline (tracked
    changes) and a synoptic table per language, in output/diff/FROM_TO/."""
    try:
        project = Project.open(project_dir or ctx.obj or ".")
        written = review(project, Path(out_dir) if out_dir else project.root / "output", start, end)
    except SourceError as error:
        _fail(error)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    for path, changes in written:
        click.echo(str(path) if changes is None else f"{path} ({changes} tracked changes)")
