"""`bocompile status [--accept [KEY ...]]`: which translations are stale or new."""

from __future__ import annotations

import sys

import click

from bocompile.cli.common import global_options, reported, say, settings
from bocompile.project import Project


@click.command("status")
@click.option("--accept", is_flag=True, help="Record the present state as aligned.")
@click.argument("keys", nargs=-1, metavar="[KEY ...]")
@global_options
def command(accept: bool, keys: tuple[str, ...]) -> None:
    """Translation status: every translated title or block whose reference
    text changed since it was aligned (stale) or that never was (new); exit 1
    if there is one. With --accept, record the present state (of every unit,
    or of the divisions KEY ...) in sources/translations.lock."""
    from bocompile.load import load
    from bocompile.translate.ledger import LEDGER
    from bocompile.translate.status import accept as accept_status
    from bocompile.translate.status import status

    if keys and not accept:
        raise click.UsageError("KEY ... goes with --accept")
    with reported():
        loaded = load(Project.open(settings().directory))
        if accept:
            say(f"recorded {accept_status(loaded, keys)} aligned unit(s) in {LEDGER}")
            return
        found = status(loaded)
    for finding in found.findings:
        click.echo(str(finding))
    say(found.summary())
    sys.exit(1 if found.findings else 0)
