"""The words of an instrument's formulas, for the operations to use.

Each operation says in the registry which formula words it; this is the
vocabulary it words with: how a provision is cited (with its history),
quoted new text, figures, all from templates/lang, in every language.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable

from bocompile.amend.history import Step
from bocompile.amend.tree import find, path_to
from bocompile.language import Language
from bocompile.model import Block, Division, Paragraph, Strong, Text
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.model.walk import edge_text
from bocompile.number import number

#: stands for a title's inlines while its heading template is rendered (Unicode private use)
TITLE = "\ue000"


class Formulas:
    """Formulas for one step of the history, in every language."""

    def __init__(self, step: Step, languages: dict[str, Language], style: str, grouping: str):
        self.step, self.languages, self.grouping = step, languages, grouping
        self.before = number(step.before, style)
        self.after = number(step.after, style)
        self.loc = dict(step.amendment.operations[0].loc)

    def t(self, lang: str, template: str, **values) -> str:
        return self.languages[lang].render(template, **values)

    def para(self, texts: dict[str, str]) -> Paragraph:
        return Paragraph({lang: (Text(t),) for lang, t in texts.items()}, self.loc)

    def say(self, family: str, name: str, values: Callable[[str], dict]) -> Paragraph:
        """The formula `family`.`name` ("formula.replace") as a paragraph, in
        every language, with values(lang)."""
        return self.para({lang: self.t(lang, f"{family}.{name}", **values(lang)) for lang in self.languages})

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
        lid_words = self.t(lang, "cite.lid.name", n=lid, only=len(division.blocks) == 1) if lid else ""
        values = {"n": n, "article": self._article(lang, self.step.before, self.before, key), "lid": lid_words}
        forms = {form: self.t(lang, f"cite.{kind}.{form}", **values) for form in ("the", "The", "in", "In", "e")}
        events = [self.t(lang, f"history.{c.action}", nr=c.amendment, e=forms["e"]) for c in division.history] \
            if division is not None else []
        forms["history"] = self.t(lang, "history.clause", events=self.t(lang, "history.and").join(events)) \
            if events else ""
        forms["n"] = n
        return forms

    def within(self, lang: str, key: str) -> str:
        """Where new provision `key` is inserted: "In de bestuursovereenkomst",
        or for a paragraph its article ("In artikel 5 van de bestuursovereenkomst")."""
        kind = self.after.kinds[key]
        if kind not in SUBDIVISIONS:
            return self.t(lang, "cite.agreement.within")
        parent = path_to(self.step.after, key)[-2]
        return self.t(lang, f"cite.{parent.kind}.within", n=self.number(lang, parent.kind, parent.key),
                      article=self._article(lang, self.step.after, self.after, parent.key))

    def _article(self, lang: str, agreement, numbering, key: str) -> str:
        """The number of the division that holds subdivision `key` ("" for others)."""
        if numbering.kinds[key] not in SUBDIVISIONS:
            return ""
        parent = path_to(agreement, key)[-2]
        return self.languages[lang].number(parent.kind, numbering.text(parent.key))

    def quote(self, lang: str, text: str) -> str:
        return self.t(lang, "instrument.quotes.open") + text + self.t(lang, "instrument.quotes.close")

    def quoted(self, division: Division) -> tuple[Block, ...]:
        """The new provision as the instrument quotes it, headed exactly as
        the consolidated text heads it: "Artikel 7/1 – Title ... "."""
        return self.quoted_many([division])

    def quoted_many(self, divisions: list[Division]) -> tuple[Block, ...]:
        """Several new provisions in one quotation."""
        return self.quoted_blocks(tuple(block for division in divisions for block in self._text_of(division)))

    def _text_of(self, division: Division) -> tuple[Block, ...]:
        head = {lang: (Strong(self._heading(lang, division)),) for lang in self.languages}
        if division.kind in SUBDIVISIONS and division.blocks and isinstance(division.blocks[0], Paragraph):
            first = division.blocks[0]  # "§ 1/1. Tekst ...": the number starts the first lid
            blocks = (replace(first, text={lang: head[lang] + (Text(" "),) + first.text[lang]
                                           for lang in self.languages}),) + division.blocks[1:]
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
        return tuple(x for x in (Text(before) if before else None, *division.title[lang],
                                 Text(after) if after else None) if x is not None)

    def quoted_blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """`blocks` between the quotes, the closing one followed by the full stop."""
        opened = {lang: self.t(lang, "instrument.quotes.open") for lang in self.languages}
        closing = {lang: self.t(lang, "instrument.quotes.close") + self.t(lang, "formula.punctuation.last")
                   for lang in self.languages}
        return suffix(prefix(blocks, opened), closing)


def prefix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` before the first words of `blocks` (an opening quote)."""
    return edge_text(blocks, lambda inlines, lang: (Text(texts[lang]),) + inlines)


def suffix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` after the last words of `blocks` (a closing quote, a ";")."""
    return edge_text(blocks, lambda inlines, lang: inlines + (Text(texts[lang]),), last=True)
