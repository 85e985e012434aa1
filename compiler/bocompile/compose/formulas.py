"""The words of an instrument's formulas, for the operations to use.

Each operation says in the registry which formula words it; this is the
vocabulary it words with: how a provision is cited (with its history),
quoted new text, figures, all from templates/lang, in every language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from bocompile.amend.history import Step
from bocompile.amend.tree import find, path_to
from bocompile.language import Language
from bocompile.model import Amending, Block, Division, Paragraph, Quotation, Quoted, Strong, Text
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.model.walk import edge_text
from bocompile.number import numbered

#: stands for a title's inlines while its heading template is rendered (Unicode private use)
TITLE = "\ue000"
#: stand around the index of a quoted passage while a formula is rendered
QUOTED = re.compile("\ue010(\\d+)\ue011")


class Formulas:
    """Formulas for one step of the history, in every language."""

    def __init__(self, step: Step, languages: dict[str, Language], style: str, grouping: str):
        self.step, self.languages, self.grouping = step, languages, grouping
        self.before = numbered(step.before, style)
        self.after = numbered(step.after, style)
        self.loc = dict(step.amendment.operations[0].loc)
        self._quoted: dict[str, list[tuple[str, str]]] = {lang: [] for lang in languages}

    def t(self, lang: str, template: str, **values) -> str:
        return self.languages[lang].render(template, **values)

    def para(self, texts: dict[str, str]) -> Paragraph:
        return Paragraph({lang: (Text(t),) for lang, t in texts.items()}, self.loc)

    def say(self, family: str, name: str, values: Callable[[str], dict]) -> Paragraph:
        """The formula `family`.`name` ("formula.replace") as a paragraph, in
        every language, with values(lang); words quoted with a role stay
        apart (Quoted) so that AKN can mark them up."""
        text = {}
        for lang in self.languages:
            self._quoted[lang] = []
            pieces = QUOTED.split(self.t(lang, f"{family}.{name}", **values(lang)))
            text[lang] = tuple(
                Quoted(*_words(self._quoted[lang][int(piece)])) if index % 2 else Text(piece)
                for index, piece in enumerate(pieces)
                if index % 2 or piece
            )
        return Paragraph(text, self.loc)

    def amending(self, operation, formula: Paragraph, quotation: Quotation | None = None) -> Amending:
        """`formula` (and what it quotes) as the modification `operation` makes."""
        number = next(i for i, op in enumerate(self.step.amendment.operations) if op is operation) + 1
        return Amending(number, formula.text, (quotation,) if quotation else (), self.loc)

    def path(self, key: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """(kind, number) from the top down to `key`, after this amendment."""
        return tuple((d.kind, self.after[d.key]) for d in path_to(self.step.after, key))

    def around(self, operation) -> tuple:
        """The agreement just before and just after `operation` of this amendment."""
        index = next(i for i, op in enumerate(self.step.amendment.operations) if op is operation)
        return self.step.stages[index], self.step.stages[index + 1]

    def number(self, lang: str, kind: str, key: str) -> str:
        """The number of `key` after this amendment, as read in `lang`."""
        return self.languages[lang].number(kind, self.after.text(key))

    def figure(self, lang: str, value: Decimal) -> str:
        return self.languages[lang].figure(value, self.grouping)

    def cite(self, lang: str, key: str, lid: int | None = None) -> dict:
        """Words for naming `key` (its `lid`-th lid, if given) in a formula,
        with its history before this amendment ("Artikel 29, vervangen bij
        wijziging nr. 1, ..."); a paragraph is named in its article
        ("artikel 5, § 2, tweede lid,")."""
        kind = self.before.kinds[key]
        n = self.languages[lang].number(kind, self.before.text(key))
        division = find(self.step.before, key)
        lid_words = ""
        if lid:
            assert division is not None, "a lid is cited in a provision that is there"
            lid_words = self.t(lang, "cite.lid.name", n=lid, only=len(division.blocks) == 1)
        values = {"n": n, "article": self._article(lang, self.step.before, self.before, key), "lid": lid_words}
        forms = {form: self.t(lang, f"cite.{kind}.{form}", **values) for form in ("the", "The", "in", "In", "e")}
        events = (
            [self.t(lang, f"history.{c.action}", nr=c.amendment, e=forms["e"]) for c in division.history]
            if division is not None
            else []
        )
        forms["history"] = (
            self.t(lang, "history.clause", events=self.t(lang, "history.and").join(events)) if events else ""
        )
        forms["n"] = n
        return forms

    def within(self, lang: str, key: str) -> str:
        """Where new provision `key` is inserted: "In de bestuursovereenkomst",
        or for a paragraph its article ("In artikel 5 van de bestuursovereenkomst")."""
        kind = self.after.kinds[key]
        if kind not in SUBDIVISIONS:
            return self.t(lang, "cite.agreement.within")
        parent = path_to(self.step.after, key)[-2]
        return self.t(
            lang,
            f"cite.{parent.kind}.within",
            n=self.number(lang, parent.kind, parent.key),
            article=self._article(lang, self.step.after, self.after, parent.key),
        )

    def _article(self, lang: str, agreement, numbering, key: str) -> str:
        """The number of the division that holds subdivision `key` ("" for others)."""
        if numbering.kinds[key] not in SUBDIVISIONS:
            return ""
        parent = path_to(agreement, key)[-2]
        return self.languages[lang].number(parent.kind, numbering.text(parent.key))

    def quote(self, lang: str, text: str, role: str | None = None) -> str:
        """`text` between the quotes; with a `role` ("old", "new") it is kept
        apart in the formula (see say)."""
        if role:
            self._quoted[lang].append((role, text))
            text = f"\ue010{len(self._quoted[lang]) - 1}\ue011"
        return self.t(lang, "instrument.quotes.open") + text + self.t(lang, "instrument.quotes.close")

    def quoted(self, division: Division) -> Quotation:
        """The new provision as the instrument quotes it, headed exactly as
        the consolidated text heads it: "Artikel 7/1 – Title ... "."""
        return self.quoted_many([division])

    def quoted_many(self, divisions: list[Division]) -> Quotation:
        """Several new provisions in one quotation."""
        page = self.quote_blocks(tuple(block for division in divisions for block in self._text_of(division)))
        return Quotation(page, tuple(divisions), (), self.path(divisions[0].key)[:-1], loc=self.loc)

    def quoted_lids(self, blocks: tuple[Block, ...], key: str, start: int) -> Quotation:
        """New lids of `key`, the first of them its lid `start`."""
        return Quotation(self.quote_blocks(blocks), (), blocks, self.path(key), start, self.loc)

    def _text_of(self, division: Division) -> tuple[Block, ...]:
        head = {lang: (Strong(self._heading(lang, division)),) for lang in self.languages}
        if division.kind in SUBDIVISIONS and division.blocks and isinstance(division.blocks[0], Paragraph):
            first = division.blocks[0]  # "§ 1/1. Tekst ...": the number starts the first lid
            blocks = (
                replace(first, text={lang: head[lang] + (Text(" "),) + first.text[lang] for lang in self.languages}),
            ) + division.blocks[1:]
        else:
            blocks = (Paragraph(head, self.loc),) + division.blocks
        for child in division.children:
            blocks += self._text_of(child)
        return blocks

    def _heading(self, lang: str, division: Division) -> tuple:
        """heading.<kind> ("{{ label }} – {{ title }}") with the title's own inlines."""
        language = self.languages[lang]
        label = language.label(division.kind, self.after.text(division.key))
        before, _, after = language.render(f"heading.{division.kind}", label=label, title=TITLE).partition(TITLE)
        return tuple(
            x
            for x in (Text(before) if before else None, *division.title[lang], Text(after) if after else None)
            if x is not None
        )

    def quote_blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """`blocks` between the quotes, the closing one followed by the full stop."""
        opened = {lang: self.t(lang, "instrument.quotes.open") for lang in self.languages}
        closing = {
            lang: self.t(lang, "instrument.quotes.close") + self.t(lang, "formula.punctuation.last")
            for lang in self.languages
        }
        return suffix(prefix(blocks, opened), closing)


def prefix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` before the first words of `blocks` (an opening quote)."""
    return edge_text(blocks, lambda inlines, lang: (Text(texts[lang]),) + inlines)


def suffix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` after the last words of `blocks` (a closing quote, a ";")."""
    return edge_text(blocks, lambda inlines, lang: inlines + (Text(texts[lang]),), last=True)


def _words(quoted: tuple[str, str]) -> tuple:
    role, words = quoted
    return role, ((Text(words),) if words else ())
