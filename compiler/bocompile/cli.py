"""Command line: a thin layer over the library (check, build, status, xliff, watch)."""

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
from bocompile.load import load
from bocompile.summary import count_divisions
from bocompile.translate.ledger import LEDGER
from bocompile.translate.status import accept as accept_status, status as translation_status
from bocompile.translate.xliff.export import export as export_xliff
from bocompile.translate.xliff.importer import import_xliff
from bocompile.atomic import write_atomically
from bocompile.watch import watch as watch_preview

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
              help="Only this format (repeatable; default: docx and akn; html: the preview).")
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


def _project(ctx: click.Context, project_dir: str | None) -> Project:
    return Project.open(project_dir or ctx.obj or ".")


@main.command()
@click.option("-C", "project_dir", default=None, metavar="PROJECT_DIR",
              type=click.Path(file_okay=False), help="Project directory (default: here).")
@click.option("--accept", is_flag=True, help="Record the present state as aligned.")
@click.argument("keys", nargs=-1, metavar="[KEY ...]")
@click.pass_context
def status(ctx: click.Context, project_dir: str | None, accept: bool, keys: tuple[str, ...]) -> None:
    """Translation status: every translated title or block whose reference
    text changed since it was aligned (stale) or that never was (new); exit 1
    if there is one. With --accept, record the present state (of every unit,
    or of the divisions KEY ...) in sources/translations.lock."""
    if keys and not accept:
        raise click.UsageError("KEY ... goes with --accept")
    try:
        loaded = load(_project(ctx, project_dir))
        if accept:
            written = accept_status(loaded, keys)
            click.echo(f"recorded {written} aligned unit(s) in {LEDGER}")
            return
        found = translation_status(loaded)
    except SourceError as error:
        _fail(error)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    for finding in found.findings:
        click.echo(str(finding))
    click.echo(found.summary())
    sys.exit(1 if found.findings else 0)


@main.group()
def xliff() -> None:
    """Exchange the text with CAT tools as XLIFF 2.1."""


@xliff.command("export")
@click.option("-C", "project_dir", default=None, metavar="PROJECT_DIR",
              type=click.Path(file_okay=False), help="Project directory (default: here).")
@click.option("--to", "target", required=True, metavar="LANG", help="The target language.")
@click.option("-o", "out_file", default=None, type=click.Path(dir_okay=False),
              help="The XLIFF file (default: output/xliff/<id>.<reference>-<target>.xlf).")
@click.pass_context
def xliff_export(ctx: click.Context, project_dir: str | None, target: str, out_file: str | None) -> None:
    """Write the reference text and the LANG translation as one XLIFF 2.1 file."""
    try:
        project = _project(ctx, project_dir)
        loaded = load(project)
        data = export_xliff(loaded, target)
    except SourceError as error:
        _fail(error)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    path = Path(out_file) if out_file else project.root / "output" / "xliff" / \
        f"{loaded.config.id}.{loaded.config.languages[0]}-{target}.xlf"
    write_atomically(path, data)
    click.echo(str(path))


@xliff.command("import")
@click.option("-C", "project_dir", default=None, metavar="PROJECT_DIR",
              type=click.Path(file_okay=False), help="Project directory (default: here).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def xliff_import(ctx: click.Context, project_dir: str | None, file: str) -> None:
    """Write the translations of FILE into sources/<target>/; only the texts
    that differ change. Nothing is written if anything is wrong."""
    try:
        done = import_xliff(_project(ctx, project_dir), Path(file), file)
    except SourceError as error:
        _fail(error)
    for name in done.files:
        click.echo(name)
    click.echo(f"{done.texts} text(s) changed in {len(done.files)} file(s); "
               f"{done.aligned} reviewed unit(s) newly recorded as aligned")


@main.command("watch")
@click.option("-C", "project_dir", default=None, metavar="PROJECT_DIR",
              type=click.Path(file_okay=False), help="Project directory (default: here).")
@click.option("-o", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Output directory (default: PROJECT_DIR/output).")
@click.pass_context
def watch_command(ctx: click.Context, project_dir: str | None, out_dir: str | None) -> None:
    """Rebuild the HTML preview (only) on every saved change of sources/ or
    templates/, one line per result; Ctrl-C stops."""
    try:
        project = _project(ctx, project_dir)
        watch_preview(project, Path(out_dir) if out_dir else project.root / "output", click.echo)
    except SourceError as error:
        _fail(error)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    except KeyboardInterrupt:
        pass
    click.echo("stopped")
