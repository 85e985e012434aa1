"""Command line: `bocompile [-C DIR] [-q|-v] COMMAND [OPTIONS]`, a thin layer over the library.

Each command is a module of this package that defines `command`; it is
imported only when used, so `--version` answers without loading the
compiler. Adding a command is one module and one name in COMMANDS. Without a
command, bocompile builds: release workflows run `bocompile --consolidate`.
Exit codes: 0 ok, 1 the sources are wrong, 2 usage error, 3 internal error.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from bocompile import __version__
from bocompile.cli.common import Settings, global_options
from bocompile.heap import at_exit

#: every command, in the order --help lists them; bocompile.cli.<name> defines it
COMMANDS = ("build", "check", "diff", "status", "xliff", "watch", "init", "templates")
DEFAULT = "build"
INTERNAL_ERROR = 3


class Main(click.Group):
    """The command group: lazy commands, `build` by default, internal errors in one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(f"bocompile.cli.{cmd_name}").command
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """An option where the command should stand starts `build` (`bocompile --consolidate`)."""
        if not args[0].startswith("-"):
            return super().resolve_command(ctx, args)
        build = self.get_command(ctx, DEFAULT)
        assert build is not None
        probe = build.make_context(DEFAULT, list(args), parent=ctx, resilient_parsing=True)
        stray = next((arg for arg in probe.args if arg in COMMANDS), None)
        if stray:
            before = " ".join(args[: args.index(stray)])
            raise click.UsageError(
                f"'{before}' before '{stray}': an option goes after the command it belongs to "
                f"(bocompile {stray} --help lists the options of {stray})",
                ctx,
            )
        return DEFAULT, build, args

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click's own handling, plus: any other exception is an internal error (exit 3)."""
        settings = kwargs.setdefault("obj", Settings())
        at_exit()
        try:
            return super().main(*args, **kwargs)
        except Exception as error:  # click has handled usage errors and exits already
            if settings.verbose:
                import traceback  # here, not above: --version must stay quick

                traceback.print_exception(error)
            what = " ".join(f"{type(error).__name__}: {error}".split())
            click.echo(f"internal error: {what} (please report, with the command)", err=True)
            sys.exit(INTERNAL_ERROR)


@click.group(
    cls=Main,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "ignore_unknown_options": True},
)
@click.version_option(__version__, "--version", prog_name="bocompile")
@global_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Compile a bilingual management agreement into DOCX and Akoma Ntoso.

    Without a command, bocompile builds: `bocompile --consolidate` is
    `bocompile build --consolidate`. Exit codes: 0 ok, 1 the sources are
    wrong, 2 usage error, 3 internal error.
    """
    if ctx.invoked_subcommand is None:
        build = main.get_command(ctx, DEFAULT)
        assert build is not None
        ctx.invoke(build)
