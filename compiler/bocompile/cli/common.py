"""What every command shares: the global options and how outcomes become exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from bocompile.diagnostics import SourceError, UsageProblem

SOURCE_ERRORS = 1
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    """The global options, whether given before the command or after it."""

    directory: Path = Path(".")
    quiet: bool = False
    verbose: bool = False


def settings() -> Settings:
    return click.get_current_context().find_object(Settings) or Settings()


def _setter(field: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def store(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is None or value is False:  # not given here
            return
        chosen = ctx.ensure_object(Settings)
        setattr(chosen, field, value)
        if chosen.quiet and chosen.verbose:
            raise click.UsageError("-q/--quiet and -v/--verbose exclude each other", ctx)

    return store


def _flag(short: str, field: str, help: str) -> Callable[[F], F]:
    """The global flag `short`/--`field`: when given, before the command or
    after it, it sets Settings.`field`. -q and -v are made alike."""
    return click.option(
        short, f"--{field}", is_flag=True, default=None, expose_value=False, callback=_setter(field), help=help
    )


def global_options(command: F) -> F:
    """-C/--directory, -q/--quiet and -v/--verbose, accepted before the command and after it."""
    options = (
        click.option(
            "-C",
            "--directory",
            "project_dir",
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            expose_value=False,
            callback=_setter("directory"),
            help="Work in this project directory instead of the current one.",
        ),
        _flag("-q", "quiet", "Print only errors."),
        _flag("-v", "verbose", "Print each build step, and the traceback of an internal error."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def output_directory(note: str = "") -> Callable[[F], F]:
    """-o/--output DIRECTORY: where a command writes, output/ in the project
    unless given; the commands that write a folder take it alike. `note` ends
    the help (where in it the files go)."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Output directory (default: output/ in the project){note}.",
    )


def say(text: str) -> None:
    """Normal output on stdout, silenced by --quiet."""
    if not settings().quiet:
        click.echo(text)


@contextmanager
def reported(as_json: bool = False) -> Iterator[None]:
    """Wrong sources: every diagnostic, nothing written, exit 1; usage problems exit 2."""
    try:
        yield
    except SourceError as error:
        if as_json:
            click.echo(json.dumps([d.as_json() for d in error.diagnostics], ensure_ascii=False, indent=2))
        for diagnostic in error.diagnostics:
            click.echo(str(diagnostic), err=True)
        click.echo(f"{len(error.diagnostics)} error(s); nothing was written.", err=True)
        click.get_current_context().exit(SOURCE_ERRORS)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
