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
from bocompile.amend.tree import find
from bocompile.language import Language
from bocompile.model import Block, Division, ListBlock, Paragraph, Strong, Text
from bocompile.number import number


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
        events = [self.t(lang, f"history.{c.action}", nr=c.amendment) for c in division.history] \
            if division is not None else []
        forms["history"] = self.t(lang, "history.clause", events=self.t(lang, "history.and").join(events)) \
            if events else ""
        forms["n"] = n
        return forms

    def quote(self, lang: str, text: str) -> str:
        return self.t(lang, "instrument.quote", text=text)

    def quoted(self, division: Division) -> tuple[Block, ...]:
        """The new provision as the instrument quotes it: "Art. 7/1. Title ... "."""
        return self.quoted_blocks(self._text_of(division))

    def _text_of(self, division: Division) -> tuple[Block, ...]:
        head = {lang: (Text(self.t(lang, f"instrument.quoted_heading.{division.kind}",
                                   n=self.number(lang, division.kind, division.key))),
                       Strong(division.title[lang]))
                for lang in self.languages}
        blocks = (Paragraph(head, self.loc),) + division.blocks
        for child in division.children:
            blocks += self._text_of(child)
        return blocks

    def quoted_blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        opened = {lang: self.t(lang, "instrument.quote_open") for lang in self.languages}
        closing = {lang: self.t(lang, "instrument.quote_close") for lang in self.languages}
        return suffix(prefix(blocks, opened), closing)


def prefix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` before the first words of the first paragraph (opening quote)."""
    first, *rest = blocks
    if isinstance(first, Paragraph):
        return (replace(first, text={lang: (Text(texts[lang]),) + first.text[lang] for lang in texts}),
                *rest)
    if isinstance(first, ListBlock):
        item = first.items[0]
        return (replace(first, items=(replace(item, blocks=prefix(item.blocks, texts)),) + first.items[1:]),
                *rest)
    return (Paragraph({lang: (Text(t),) for lang, t in texts.items()}, first.loc), *blocks)


def suffix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` after the last words of the last paragraph (closing quote)."""
    *rest, last = blocks
    if isinstance(last, Paragraph):
        return (*rest, replace(last, text={lang: last.text[lang] + (Text(texts[lang]),) for lang in texts}))
    if isinstance(last, ListBlock):
        item = last.items[-1]
        return (*rest, replace(last, items=last.items[:-1] + (replace(item, blocks=suffix(item.blocks, texts)),)))
    return (*blocks, Paragraph({lang: (Text(t),) for lang, t in texts.items()}, last.loc))
