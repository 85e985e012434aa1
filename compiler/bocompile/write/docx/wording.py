"""Template wording with places for rich content.

A template such as "{{ label }} – {{ title }}" is rendered with a private
marker for `title`; the text around the markers becomes plain runs and each
marker is replaced by the elements its slot builds (the title's emphasis
and notes, a page number field). The legal service may move the slot
anywhere in the sentence.
"""

from __future__ import annotations

import re
from typing import Callable

from bocompile.write.docx.context import Context
from bocompile.write.docx.ooxml import run

_OPEN, _CLOSE = "\ue000", "\ue001"
_SLOT = re.compile(f"{_OPEN}(\\w+){_CLOSE}")


def rich(ctx: Context, name: str, slots: dict[str, Callable[[], list]], **values) -> list:
    """The runs of template `name`, with each slot's elements where it stands."""
    text = ctx.text(name, **{key: f"{_OPEN}{key}{_CLOSE}" for key in slots}, **values)
    out: list = []
    for index, piece in enumerate(_SLOT.split(text)):
        if index % 2:
            out.extend(slots[piece]())
        elif piece:
            out.append(run(piece, lang=ctx.run_lang))
    return out

