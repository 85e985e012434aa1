"""The edition of the agreement as signed: no amendment, its own signatures,
and the translation status of its units (the HTML preview marks stale ones)."""

from __future__ import annotations

from bocompile.amend.history import History
from bocompile.compose.edition import Edition
from bocompile.compose.inputs import edition_of, history_of
from bocompile.load import Loaded
from bocompile.translate.status import review


def base_edition(loaded: Loaded, *, states: History | None = None) -> Edition:
    config = loaded.config
    return edition_of(
        loaded,
        (states or history_of(loaded)).signed,
        name="base",
        kind="base",
        date=config.signing_date,
        signing=config.signing,
        as_of=config.signing_date,
        review=review(loaded),
    )
