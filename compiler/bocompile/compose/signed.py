"""The edition of the agreement as signed: no amendment, its own signatures."""

from __future__ import annotations

from bocompile.amend.history import History
from bocompile.compose.edition import Edition
from bocompile.compose.inputs import history_of, languages_of
from bocompile.load import Loaded
from bocompile.number import number


def base_edition(loaded: Loaded, *, states: History | None = None) -> Edition:
    config, signed = loaded.config, (states or history_of(loaded)).signed
    return Edition(
        name="base", kind="base", config=config, agreement=signed,
        numbering=number(signed, config.numbering), languages=languages_of(loaded),
        root=loaded.project.root, date=config.signing_date, title=config.title,
        signed=config.signing_date,
    )
