"""The words of an instrument's formulas, for the operations to use.

Each operation says in the registry which formula words it; this is the
vocabulary it words with: how a provision is cited (with its history),
quoted new text, figures, all from templates/lang, in every language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from bocompile.amend.history import Step
from bocompile.amend.tree import find
from bocompile.language import Language
from bocompile.model import Block, Division, Paragraph, Strong, Text
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

    def cite(self, lang: str, key: str) -> dict:
        """Words for naming `key` in a formula, with its history before this
        amendment ("Artikel 29, vervangen bij wijziging nr. 1, ...")."""
        kind = self.before.kinds[key]
        n = self.languages[lang].number(kind, self.before.text(key))
        forms = {form: self.t(lang, f"cite.{kind}.{form}", n=n) for form in ("the", "The", "in", "In", "e")}
        division = find(self.step.before, key)
        events = [self.t(lang, f"history.{c.action}", nr=c.amendment, e=forms["e"]) for c in division.history] \
            if division is not None else []
        forms["history"] = self.t(lang, "history.clause", events=self.t(lang, "history.and").join(events)) \
            if events else ""
        forms["n"] = n
        return forms

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
