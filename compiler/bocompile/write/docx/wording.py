"""Template wording with places for rich content.

A template such as "{{ label }} – {{ title }}" is rendered with a private
marker for `title`; the text around the markers becomes plain runs and each
marker is replaced by the elements its slot builds (the title's emphasis
and notes, a page number field). The legal service may move the slot
anywhere in the sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from bocompile.write.docx.context import Context
from bocompile.write.docx.ooxml import run


def rich(ctx: Context, name: str, slots: dict[str, Callable[[], list]], **values) -> list:
    """The runs of template `name`, with each slot's elements where it stands."""
    out: list = []
    for kind, piece in ctx.edition.slotted(name, ctx.lang, tuple(slots), **values):
        if kind == "slot":
            out.extend(slots[piece]())
        else:
            out.append(run(piece, lang=ctx.run_lang))
    return out
