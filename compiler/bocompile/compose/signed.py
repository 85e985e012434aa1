"""The edition of the agreement as signed: no amendment, its own signatures,
and the translation status of its units (the HTML preview marks stale ones)."""

from __future__ import annotations

from bocompile.amend.history import History
from bocompile.compose.edition import Edition
from bocompile.compose.inputs import history_of, languages_of, running_headers
from bocompile.load import Loaded
from bocompile.number import number
from bocompile.translate.status import review


def base_edition(loaded: Loaded, *, states: History | None = None) -> Edition:
    config, signed, langs = loaded.config, (states or history_of(loaded)).signed, languages_of(loaded)
    return Edition(
        name="base",
        kind="base",
        config=config,
        agreement=signed,
        numbering=number(signed, config.numbering),
        languages=langs,
        project=loaded.project,
        date=config.signing_date,
        title=config.title,
        header=running_headers(langs, config.title),
        signing=config.signing,
        as_of=config.signing_date,
        review=review(loaded),
    )
