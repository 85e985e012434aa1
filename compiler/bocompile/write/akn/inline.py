"""Inline content of one language: text, emphasis, links, references, notes.

Footnotes become <authorialNote> where they are referenced, numbered
through the document (marker 1, 2, ...) as in the DOCX, or marked with the
source's own sign ("*"), which takes no number; references become
<ref href="#eId"> to the division's language-neutral eId. A Justel bracket
opens with its number in <sup> and closes with a <noteRef> to its source,
an editorial <note> in the metadata (meta.py).
"""

from __future__ import annotations

import itertools

from lxml import etree

from bocompile.compose.edition import Edition
from bocompile.model import Emphasis, Footnote, Inline, LineBreak, Link, Mark, Quoted, Reference, Strong, Text
from bocompile.write.akn.ids import Scope, justel_note_id
from bocompile.write.akn.tree import append_text, keep_inline, sub

#: Model node -> AKN element holding its children.
_WRAPPERS = {Emphasis: "i", Strong: "b"}


class InlineWriter:
    """Writes inlines of `lang`; one per document, for the note markers."""

    def __init__(self, edition: Edition, lang: str, divisions: dict[str, Scope]):
        self.edition, self.lang, self.divisions = edition, lang, divisions
        self._markers = itertools.count(1)
        self.division: Scope | None = None  # the division being written: its Justel notes
        self.quotes: list[tuple[str, str]] = []  # (role, eId) of the <quotedText>s of the <mod> being written

    def write(self, parent: etree._Element, inlines: tuple[Inline, ...], scope: Scope) -> etree._Element:
        """Append `inlines` to `parent`; notes take their eId inside `scope`."""
        for inline in inlines:
            self._inline(parent, inline, scope)
        return keep_inline(parent)

    def _inline(self, parent: etree._Element, inline: Inline, scope: Scope) -> None:
        if isinstance(inline, Text):
            append_text(parent, inline.value)
        elif isinstance(inline, (Emphasis, Strong)):
            self.write(sub(parent, _WRAPPERS[type(inline)]), inline.children, scope)
        elif isinstance(inline, LineBreak):
            sub(parent, "br")
        elif isinstance(inline, Link):
            self.write(sub(parent, "a", href=inline.url), inline.children, scope)
        elif isinstance(inline, Reference):
            sub(parent, "ref", self.edition.reference(inline.key, self.lang), href=f"#{self.divisions[inline.key].eid}")
        elif isinstance(inline, Footnote):
            note = scope.child("authorialNote")
            element = sub(
                parent,
                "authorialNote",
                **note.attrs,
                marker=inline.mark or str(next(self._markers)),
                placement="bottom",
            )
            for paragraph in inline.paragraphs:
                self.write(sub(element, "p"), paragraph, note)
        elif isinstance(inline, Mark):
            self.mark(parent, inline)
        elif isinstance(inline, Quoted):
            ids = scope.child("quotedText")
            self.quotes.append((inline.role, ids.eid))
            self.write(sub(parent, "quotedText", **ids.attrs), inline.children, scope)
        else:
            raise TypeError(f"no AKN form for inline {inline!r}")

    def mark(self, parent: etree._Element, mark: Mark) -> None:
        """ "[" and the number in <sup>, or "]" and a <noteRef> to the number's source."""
        if mark.side == "note":
            self.note_ref(parent, mark.number)
            return
        bracket = sub(parent, "span", **{"class": f"justel-{mark.side}"})  # editorial, not the text
        for kind, piece in self.edition.slotted(f"justel.{mark.side}", self.lang, ("n",)):
            if kind == "text":
                append_text(bracket, piece)
            elif mark.side == "open":
                sub(bracket, "sup", str(mark.number))
            else:
                self.note_ref(bracket, mark.number)

    def note_ref(self, parent: etree._Element, number: int) -> None:
        assert self.division is not None, "Justel marks stand in a division"
        sub(
            parent,
            "noteRef",
            marker=str(number),
            placement="inline",
            href=f"#{justel_note_id(self.division.eid, number)}",
        )

    def plain(self, inlines: tuple[Inline, ...]) -> str:
        """The text alone, for attributes (an image's alt); notes are left out."""
        return self.edition.plain(inlines, self.lang)
