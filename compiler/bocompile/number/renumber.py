"""Renumbering for a coordinated version: 1..n again, repealed ones gone.

Only `--renumber` does this; ordinary amendments never move a number.
References are by key, so they follow by themselves; the concordance says
what moved, for the reader who knows the old numbers.
"""

from __future__ import annotations

from dataclasses import replace

from bocompile.model import Agreement, Division
from bocompile.number import assign


def renumber(agreement: Agreement) -> Agreement:
    """`agreement` numbered 1..n again (paragraphs 1..n in their article),
    without its repealed provisions."""

    def kept(divisions: tuple[Division, ...]) -> tuple[Division, ...]:
        return tuple(replace(d, number=(), children=kept(d.children)) for d in divisions if not d.repealed)

    return assign(Agreement(kept(agreement.parts)))
