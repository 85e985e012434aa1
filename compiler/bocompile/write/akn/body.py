"""The structure: <part>, <section>, <article> and what they hold.

Each block of a division's own text is one unnumbered <paragraph> (a
"lid") with its <content>, before the division's children (a part's text
before its articles, Deel 4); a numbered paragraph (§) is a <paragraph>
with its <num>, its lids <subparagraph>s. A sub-heading is a
<crossHeading> between lids, its level in @class. A division without title (an
instrument's article) has no <heading> and its <num> reads "Art. 2.". The
Justel notes of a consolidated text are editorial <note>s in <meta>,
referenced by the <noteRef> that closes each bracket (inline.py).

A repealed division keeps its element, ids and <num>, with
status="removed" (the schema's status for abrogated text) and
class="repealed"; its content is the "(Opgeheven)" of the language's
heading.special.repealed template, followed by references to its notes.

The edition's annexes (the concordance table of a renumbered text) follow
the last division, each an <hcontainer> named by the annex's key
(name="concordance") with the annex's heading.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from bocompile.compose.edition import Annex, Edition
from bocompile.model import Division, Heading, JustelNote, Mark, Quotation, Text
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.write.akn.blocks import BlockWriter
from bocompile.write.akn.ids import ABBREVIATIONS, Scope, lid_element, quoted_scopes
from bocompile.write.akn.outflow import Outflow
from bocompile.write.akn.tree import sub

#: The punctuation between the number and the words that follow it.
_LEADING_PUNCTUATION = re.compile(r"^[\s.,:;\u2013\u2014-]+")


class BodyWriter:
    def __init__(self, blocks: BlockWriter):
        self.blocks, self.inlines = blocks, blocks.inlines
        self.edition, self.lang = blocks.edition, blocks.lang
        blocks.provisions = self.quoted

    def quoted(self, parent: etree._Element, quotation: Quotation, scope: Scope) -> None:
        """Provisions an instrument quotes, in its <quotedStructure>, with the
        ids they have in the agreement as amended (under the structure's id)."""
        saved = self.inlines.divisions, self.inlines.division
        self.inlines.divisions = {**saved[0], **quoted_scopes(quotation.divisions, quotation.within, scope)}
        for division in quotation.divisions:
            self._division(parent, division)
        self.inlines.divisions, self.inlines.division = saved

    def body(self, parent: etree._Element, flow: Outflow | None = None) -> etree._Element:
        body = sub(parent, "body")
        for part in self.edition.agreement.parts:
            self._division(flow.holder(body) if flow else body, part)
            if flow:
                flow.spill(body)
        for position, annex in enumerate(self.edition.annexes, start=1):
            self._annex(body, annex, position)
        return body

    def _division(self, parent: etree._Element, division: Division) -> None:
        scope = self.inlines.divisions[division.key]
        if division.kind not in SUBDIVISIONS:  # a paragraph's Justel notes are its article's
            self.inlines.division = scope
        # Justel notes are written in <meta> (meta.py)
        division = replace(division, blocks=tuple(b for b in division.blocks if not isinstance(b, JustelNote)))
        marks = {"status": "removed", "class": "repealed"} if division.repealed else {}
        element = sub(parent, division.kind, **scope.attrs, **marks)
        sub(element, "num", self._number(division))
        if division.repealed:
            self._repealed(element, division, scope)
            return
        if division.title[self.lang]:
            self.inlines.write(sub(element, "heading"), division.title[self.lang], scope)
        self._lids(element, division, scope, lid_element(division.kind))
        for child in division.children:
            self._division(element, child)

    def _repealed(self, element: etree._Element, division: Division, scope: Scope) -> None:
        """ "(Opgeheven)" and a reference to the note of its repeal, then the
        repealed children, if any."""
        own = sub(element, "intro" if division.children else "content")
        words = sub(own, "p", **{"class": "repealed"})
        notes = tuple(i for i in division.title[self.lang] if isinstance(i, Mark))
        self.inlines.write(words, (Text(repealed_word(self.edition, division, self.lang)),) + notes, scope)
        for child in division.children:
            self._division(element, child)

    def _number(self, division: Division) -> str:
        """<num>: "Artikel 8", a paragraph's "§ 2.", an instrument's "Art. 2."."""
        if division.kind in SUBDIVISIONS:
            return self.edition.text(
                f"heading.{division.kind}", self.lang, label=self.edition.label(division, self.lang), title=""
            )
        if division.title[self.lang]:
            return self.edition.label(division, self.lang)
        return self.edition.untitled(division, self.lang)

    def _lids(self, element: etree._Element, article: Division, scope: Scope, lid: str) -> None:
        """Each block a lid (<paragraph> in an article, <subparagraph> in a §)."""
        for block in article.blocks:
            if isinstance(block, Heading):
                ids = scope.child("crossHeading")
                heading = sub(element, "crossHeading", **ids.attrs, **{"class": f"level-{block.level}"})
                self.inlines.write(heading, block.text[self.lang], ids)
            else:
                ids = scope.child(lid)
                content = sub(sub(element, lid, **ids.attrs), "content")
                self.blocks.write(content, block, ids)

    def _annex(self, body: etree._Element, annex: Annex, position: int) -> None:
        eid = f"{ABBREVIATIONS['hcontainer']}_{position}"
        scope = Scope(eid, eid)
        element = sub(body, "hcontainer", **scope.attrs, name=annex.key)
        sub(element, "heading", annex.title[self.lang])
        content = sub(element, "content")
        if annex.blocks:
            self.blocks.write_all(content, annex.blocks, scope)
        else:  # the schema wants a block in <content>
            sub(content, "p")


def repealed_word(edition: Edition, division: Division, lang: str) -> str:
    """What stands in place of a repealed provision: "(Opgeheven)".

    The language's heading.special.repealed reads "Art. {{ n }}. (Opgeheven)";
    <num> already holds the label, so only the words after the number are
    kept (the whole text when the template does not use the number).
    """
    pieces = edition.slotted("heading.special.repealed", lang, ("n", "label"), kind=division.kind)
    slots = [index for index, (kind, _) in enumerate(pieces) if kind == "slot"]
    if slots:
        after = _LEADING_PUNCTUATION.sub("", "".join(piece for _, piece in pieces[slots[-1] + 1 :])).strip()
        if after:
            return after
    return edition.repealed(division, lang)
