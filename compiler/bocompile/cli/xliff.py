"""`bocompile xliff export --to LANG [-o FILE]` / `bocompile xliff import FILE`:
the text to and from a CAT tool, as XLIFF 2.1."""

from __future__ import annotations

from pathlib import Path

import click

from bocompile.cli.common import global_options, reported, say, settings
from bocompile.project import Project


@click.group("xliff")
def command() -> None:
    """Exchange the text with CAT tools as XLIFF 2.1."""


@command.command("export")
@click.option("--to", "target", required=True, metavar="LANG", help="The target language.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The XLIFF file (default: output/xliff/<id>.<reference>-<target>.xlf).",
)
@global_options
def export(target: str, output: Path | None) -> None:
    """Write the reference text and the LANG translation as one XLIFF 2.1 file."""
    from bocompile.atomic import write_atomically
    from bocompile.load import load
    from bocompile.translate.xliff.export import export as export_xliff

    with reported():
        project = Project.open(settings().directory)
        loaded = load(project)
        data = export_xliff(loaded, target)
    path = output or project.root / "output" / "xliff" / f"{loaded.config.id}.{loaded.config.languages[0]}-{target}.xlf"
    write_atomically(path, data)
    say(str(path))


@command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@global_options
def import_(file: Path) -> None:
    """Write the translations of FILE into sources/<target>/; only the texts
    that differ change. Nothing is written if anything is wrong."""
    from bocompile.translate.xliff.importer import import_xliff

    with reported():
        done = import_xliff(Project.open(settings().directory), file, str(file))
    for name in done.files:
        say(name)
    say(
        f"{done.texts} text(s) changed in {len(done.files)} file(s); "
        f"{done.aligned} reviewed unit(s) newly recorded as aligned"
    )
