"""`bocompile init DIR`: start a new agreement that `bocompile check` accepts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from bocompile.cli.common import global_options, reported, say, settings
from bocompile.read.config import KEY
from bocompile.scaffold import NewAgreement, create, slug


def _period(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{4})-(\d{4})", value)
    if not found or int(found.group(1)) > int(found.group(2)):
        raise click.BadParameter(f"{value!r} is not a period such as 2025-2027 (first year, last year)")
    return int(found.group(1)), int(found.group(2))


def _ident(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not KEY.match(value):
        raise click.BadParameter(f"{value!r}: use lower-case letters, digits and hyphens, e.g. bosa-2025-2027")
    return value


def _line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (not value.strip() or any(ord(c) < 32 or ord(c) == 127 for c in value)):
        raise click.BadParameter("give one line of text")
    return value


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@click.option("--id", "ident", callback=_ident, help="The agreement's id (default: DIR's name as a slug).")
@click.option(
    "--period",
    default=lambda: f"{dt.date.today().year}-{dt.date.today().year + 2}",
    show_default="this year and the next two",
    callback=_period,
    metavar="YYYY-YYYY",
    help="First and last calendar year of the agreement.",
)
@click.option("--title-nl", callback=_line, help='Dutch title (default: "Bestuursovereenkomst PERIOD").')
@click.option("--title-fr", callback=_line, help='French title (default: "Contrat d\'administration PERIOD").')
@click.option("--service-nl", callback=_line, help="The service's Dutch name (default: a placeholder).")
@click.option("--service-fr", callback=_line, help="The service's French name (default: a placeholder).")
@click.option("--force", is_flag=True, help="Write into DIR even if it is not empty, replacing files of the same name.")
@global_options
def command(
    directory: Path,
    ident: str | None,
    period: tuple[int, int],
    title_nl: str | None,
    title_fr: str | None,
    service_nl: str | None,
    service_fr: str | None,
    force: bool,
) -> None:
    """Create DIR holding a new agreement: agreement.toml, one file per standard
    part in Dutch and French, a README and a .gitignore for output/.

    Nothing is asked: the flags fill in what they name, placeholders the rest.
    """
    target = settings().directory / directory
    start, end = period
    agreement = NewAgreement(
        id=ident or slug(target.resolve().name),
        start=start,
        end=end,
        title={
            "nl": title_nl or f"Bestuursovereenkomst {start}-{end}",
            "fr": title_fr or f"Contrat d'administration {start}-{end}",
        },
        service={
            "nl": service_nl or "[naam van de federale overheidsdienst]",
            "fr": service_fr or "[nom du service public fédéral]",
        },
    )
    with reported():
        written = create(target, agreement, force)
    for path in written:
        say(str(path))
    if not settings().quiet:
        click.echo(f"next: bocompile -C {target} check", err=True)
