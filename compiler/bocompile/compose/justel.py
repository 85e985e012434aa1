"""Justel notes: each change a provision went through, as a note on its title."""

from __future__ import annotations

from dataclasses import replace

from bocompile.diagnostics import Loc
from bocompile.language import Language
from bocompile.model import Agreement, Division, Footnote, Text, rewrite

GENERATED = Loc("<generated>", 0)


def annotate(agreement: Agreement, langs: dict[str, Language]) -> Agreement:
    """One footnote per change, on the changed provision's title."""
    def visit(node, lang):
        if not isinstance(node, Division):
            return node
        notes = {code: tuple(Footnote(((Text(langs[code].render(
            f"justel.{c.action}", nr=c.amendment, signed=langs[code].date(c.signed),
            in_force=langs[code].date(c.in_force))),),), GENERATED) for c in node.history)
            for code in langs}
        return replace(node, title={code: node.title[code] + notes[code] for code in langs})
    return rewrite(agreement, visit)
