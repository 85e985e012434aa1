"""The structure: <part>, <section>, <article> and what they hold.

Each block of an article is one unnumbered <paragraph> (a "lid") with its
<content>; a sub-heading is a <crossHeading> between them, its level in
@class. A part or section's own text is its <intro> when divisions follow,
its <content> when it has none (Deel 4). A division without title (an
instrument's article) has no <heading> and its <num> reads "Art. 2.". The
Justel notes of a consolidated text are editorial <note>s in <meta>,
referenced by the <noteRef> that closes each bracket (inline.py).

A repealed division keeps its element, ids and <num>, with
status="removed" (the schema's status for abrogated text) and
class="repealed"; its content is the "(Opgeheven)" of the language's
heading.special.repealed template, followed by references to its notes.

The edition's closing blocks (the concordance table of a renumbered text)
follow the last division in an <hcontainer name="concordance">, its first
heading as the container's <heading>.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from bocompile.compose.edition import Edition
from bocompile.model import Block, Division, Heading, JustelNote, Mark, Text
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.write.akn.blocks import BlockWriter
from bocompile.write.akn.ids import ABBREVIATIONS, Scope
from bocompile.write.akn.tree import sub

#: The closing container: its name and (language-neutral) ids.
CLOSING = "concordance"
CLOSING_ID = f"{ABBREVIATIONS['hcontainer']}_1"

#: Stands for the number while reading the repealed template (Unicode private use),
#: and the punctuation between the number and the words that follow it.
_NUMBER = "\ue000"
_LEADING_PUNCTUATION = re.compile(r"^[\s.,:;\u2013\u2014-]+")


class BodyWriter:
    def __init__(self, blocks: BlockWriter):
        self.blocks, self.inlines = blocks, blocks.inlines
        self.edition, self.lang = blocks.edition, blocks.lang

    def body(self, parent: etree._Element) -> etree._Element:
        body = sub(parent, "body")
        for part in self.edition.agreement.parts:
            self._division(body, part)
        if self.edition.closing:
            self._closing(body, self.edition.closing)
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
        if division.kind in SUBDIVISIONS or (division.kind == "article" and not division.children):
            self._lids(element, division, scope, "subparagraph" if division.kind in SUBDIVISIONS else "paragraph")
            return
        if division.kind == "article":  # its paragraphs (§)
            for child in division.children:
                self._division(element, child)
            return
        if division.blocks:
            own = sub(element, "intro" if division.children else "content")
            self.blocks.write_all(own, division.blocks, scope)
        for child in division.children:
            self._division(element, child)

    def _repealed(self, element: etree._Element, division: Division, scope: Scope) -> None:
        """"(Opgeheven)" and a reference to the note of its repeal, then the
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
            return self.edition.text(f"heading.{division.kind}", self.lang,
                                     label=self.edition.label(division, self.lang), title="")
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

    def _closing(self, body: etree._Element, blocks: tuple[Block, ...]) -> None:
        scope = Scope(CLOSING_ID, CLOSING_ID)
        element = sub(body, "hcontainer", **scope.attrs, name=CLOSING)
        if isinstance(blocks[0], Heading):
            self.inlines.write(sub(element, "heading"), blocks[0].text[self.lang], scope)
            blocks = blocks[1:]
        content = sub(element, "content")
        if blocks:
            self.blocks.write_all(content, blocks, scope)
        else:  # the schema wants a block in <content>
            sub(content, "p")


def repealed_word(edition: Edition, division: Division, lang: str) -> str:
    """What stands in place of a repealed provision: "(Opgeheven)".

    The language's heading.special.repealed reads "Art. {{ n }}. (Opgeheven)";
    <num> already holds the label, so only the words after the number are
    kept (the whole text when the template does not use the number).
    """
    marked = edition.repealed(division, lang, n=_NUMBER, label=_NUMBER)
    if _NUMBER in marked:
        after = _LEADING_PUNCTUATION.sub("", marked.rpartition(_NUMBER)[2]).strip()
        if after:
            return after
    return edition.repealed(division, lang)
