"""Composing: what writers render, worded from templates/lang.

From the loaded sources and the amendments' history, the compose stage
makes each Edition (the agreement as signed, each amendment instrument, the
consolidated text) with every generated word in it: instrument formulas,
Justel notes, the concordance table, title-page lines. Writers only render.
"""

from __future__ import annotations

import datetime as dt

from bocompile.amend.history import History
from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.edition import Edition
from bocompile.compose.inputs import history_of
from bocompile.compose.instrument import instrument_editions
from bocompile.compose.signed import base_edition
from bocompile.load import Loaded


def editions_of(
    loaded: Loaded,
    consolidated: bool = False,
    as_of: dt.date | None = None,
    renumbered: bool = False,
    *,
    states: History | None = None,
) -> list[Edition]:
    """The agreement as signed and every instrument; with `consolidated`, the
    text in force on `as_of`. The amendments apply once, for all of them."""
    states = states or history_of(loaded)
    signed, *rest = whole_texts(loaded, consolidated, as_of, renumbered, states=states)
    return [signed, *instrument_editions(loaded, states=states), *rest]


def whole_texts(
    loaded: Loaded, consolidated: bool, as_of: dt.date | None, renumbered: bool, *, states: History
) -> list[Edition]:
    """The editions of the agreement's whole text: as signed and, with
    `consolidated`, in force on `as_of`. A build composes these once for
    all their files, and each instrument where its files are written."""
    texts = [base_edition(loaded, states=states)]
    if consolidated:
        texts.append(consolidated_edition(loaded, as_of, renumbered, states=states))
    return texts
