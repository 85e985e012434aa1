"""The amendment instrument: the signing-ready text of one amendment.

From the operations of one amendment and the agreement just before it, it
builds a small agreement of its own: one article per target provision
(several changes to one article become "de volgende wijzigingen: 1° ...;
2° ..."), then an article on entry into force. Every formula is a template
of templates/lang (the wording of docs/drafting.md), never text in code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bocompile.amend.consolidate import Step
from bocompile.amend.tree import find, path_to
from bocompile.language import Language
from bocompile.model import (
    Agreement, Block, DataTable, Division, ListBlock, ListItem, Paragraph, Reference,
    Strong, Text, plain_text, walk_divisions,
)
from bocompile.model.facts import AmendmentInfo
from bocompile.model.transform import map_inlines, map_text
from bocompile.model.operations import (
    Append, Insert, Modification, Operation, Reinstate, Repeal, Replace, ReplaceWords, SetCell,
)
from bocompile.number import Numbering, number

ACTIONS = {Insert: "inserted", Repeal: "repealed", Reinstate: "reinstated"}


@dataclass(frozen=True)
class Instrument:
    title: dict[str, str]
    preamble: tuple[Block, ...]
    body: Agreement          # its articles, numbered 1..n
    numbering: Numbering
    modifications: tuple[Modification, ...]


class _Writer:
    """Formulas for one step, in every language."""

    def __init__(self, step: Step, languages: dict[str, Language], style: str, grouping: str):
        self.step, self.languages, self.style, self.grouping = step, languages, style, grouping
        self.before = number(step.before, style)
        self.after = number(step.after, style)
        self.loc = dict(step.amendment.operations[0].loc)

    def t(self, lang: str, template: str, **values) -> str:
        return self.languages[lang].render(template, **values)

    def para(self, texts: dict[str, tuple]) -> Paragraph:
        return Paragraph({lang: _plain(t) for lang, t in texts.items()}, self.loc)

    # -- citing a provision -------------------------------------------------------

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

    def key_of(self, op: Operation) -> str:
        """The provision an operation changes (a set-cell: the table's article)."""
        if isinstance(op, Insert):
            return op.key
        if isinstance(op, SetCell):
            return next(d.key for d in walk_divisions(self.step.before.parts)
                        if any(isinstance(b, DataTable) and b.key == op.table for b in d.blocks))
        return op.target

    def quote(self, lang: str, text: str) -> str:
        return self.t(lang, "instrument.quote", text=text)

    # -- the operations -------------------------------------------------------------

    def article(self, ops: list[Operation]) -> tuple[Block, ...]:
        """The body of one instrument article for all ops on one target."""
        if len(ops) == 1:
            return self.single(ops[0], "formula")
        target = self.key_of(ops[0])
        intro = self.para({lang: self.t(lang, "formula.several", **self.cite(lang, target))
                           for lang in self.languages})
        items = []
        for index, op in enumerate(ops):
            blocks = self.single(op, "formula.item")
            if len(blocks) == 1:  # a bare formula takes ";" or the final "."
                mark = "last" if index == len(ops) - 1 else "between"
                blocks = _suffix(blocks, {lang: self.t(lang, f"formula.punctuation.{mark}")
                                          for lang in self.languages})
            items.append(ListItem(blocks, self.loc))
        return (intro, ListBlock("point", tuple(items), self.loc))

    def single(self, op: Operation, family: str) -> tuple[Block, ...]:
        langs = self.languages
        if isinstance(op, Insert):
            kind = op.content[0].kind
            n = {lang: langs[lang].number(kind, self.after.text(op.key)) for lang in langs}
            values = {lang: {"kind": self.t(lang, f"cite.{kind}.word"), "n": n[lang]} for lang in langs}
            return (self.para({lang: self.t(lang, f"{family}.insert", **values[lang]) for lang in langs}),
                    *self.quoted(find(self.step.after, op.key)))
        cites = {lang: self.cite(lang, self.key_of(op)) for lang in langs}
        if isinstance(op, Replace) and op.paragraph is None:
            return (self.para({lang: self.t(lang, f"{family}.replace", **cites[lang]) for lang in langs}),
                    *self.quoted(find(self.step.after, op.target)))
        if isinstance(op, Replace):
            return (self.para({lang: self.t(lang, f"{family}.replace_paragraph", paragraph=op.paragraph,
                                           **cites[lang]) for lang in langs}),
                    *self.quoted_blocks(op.content))
        if isinstance(op, Repeal):
            return (self.para({lang: self.t(lang, f"{family}.repeal", **cites[lang]) for lang in langs}),)
        if isinstance(op, Reinstate):
            repealed = next(c.amendment for c in reversed(find(self.step.before, op.target).history)
                            if c.action == "repealed")
            return (self.para({lang: self.t(lang, f"{family}.reinstate", nr=repealed, **cites[lang])
                               for lang in langs}),
                    *self.quoted(find(self.step.after, op.target)))
        if isinstance(op, ReplaceWords):
            return (self.para({lang: self.t(lang, f"{family}.replace_words", old=self.quote(lang, op.old[lang]),
                                           new=self.quote(lang, op.new[lang]), **cites[lang])
                               for lang in langs}),)
        if isinstance(op, Append):
            what = "append_point" if isinstance(op.content[0], ListBlock) else "append"
            return (self.para({lang: self.t(lang, f"{family}.{what}", **cites[lang]) for lang in langs}),
                    *self.quoted_blocks(op.content))
        return (self.para({lang: self.set_cell(lang, op, cites[lang], family) for lang in langs}),)

    def set_cell(self, lang: str, op: SetCell, cite: dict, family: str) -> str:
        table = next(b for d in walk_divisions(self.step.before.parts) for b in d.blocks
                     if isinstance(b, DataTable) and b.key == op.table)
        row = next(r for r in table.rows if r.key == op.row)
        old = row.values[table.columns.index(op.column)]
        figure = self.languages[lang].figure
        return self.t(lang, f"{family}.set_cell", row=self.quote(lang, plain_text(row.label[lang])),
                      column=op.column, old=figure(old, self.grouping),
                      new=figure(op.value, self.grouping), **cite)

    # -- quoted new text --------------------------------------------------------------

    def quoted(self, division: Division) -> tuple[Block, ...]:
        """The new provision as the instrument quotes it: "Art. 7/1. Title ... "."""
        return self.quoted_blocks(self._text_of(division))

    def _text_of(self, division: Division) -> tuple[Block, ...]:
        head = {lang: (Text(self.t(lang, f"instrument.quoted_heading.{division.kind}", n=self.languages[
            lang].number(division.kind, self.after.text(division.key)))), Strong(division.title[lang]))
            for lang in self.languages}
        blocks = (Paragraph(head, self.loc),) + division.blocks
        for child in division.children:
            blocks += self._text_of(child)
        return blocks

    def quoted_blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        opened = {lang: self.t(lang, "instrument.quote_open") for lang in self.languages}
        return self._close(_prefix(blocks, opened))

    def _close(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        closing = {lang: self.t(lang, "instrument.quote_close") for lang in self.languages}
        return _suffix(blocks, closing)


def build_instrument(step: Step, languages: dict[str, Language], style: str, grouping: str,
                     agreement_title: dict[str, str], parties) -> Instrument:
    writer = _Writer(step, languages, style, grouping)
    info = step.amendment.info
    groups: dict[str, list[Operation]] = {}
    for op in step.amendment.operations:
        groups.setdefault(writer.key_of(op), []).append(op)
    bodies = [writer.article(ops) for ops in groups.values()]
    bodies.append((writer.para({lang: writer.t(lang, "instrument.entry_into_force", date=languages[
        lang].date(info.in_force)) for lang in languages}),))
    articles = tuple(
        Division("article", f"{info.id}-art-{i}", {lang: () for lang in languages},
                 _resolve_refs(body, writer.after, languages), (), writer.loc, number=(i,))
        for i, body in enumerate(bodies, start=1))
    numbering = Numbering({d.key: d.number for d in articles}, {d.key: "article" for d in articles}, style)
    modifications = tuple(
        Modification(article.key, _action(op), writer.key_of(op), tuple(
            (d.kind, writer.after[d.key]) for d in path_to(step.after, writer.key_of(op))))
        for article, ops in zip(articles, groups.values()) for op in ops)
    title = {lang: instrument_title(info, languages[lang], agreement_title[lang]) for lang in languages}
    return Instrument(title, _preamble(writer, parties, agreement_title), Agreement(articles), numbering,
                      modifications)


def instrument_title(info: AmendmentInfo, language: Language, agreement_title: str) -> str:
    """"15 OKTOBER 2020. – Wijziging nr. 2 van de bestuursovereenkomst 2019-2021":
    one wording for the instrument and for whatever cites it."""
    return language.render("instrument.title", date=language.date(info.signed, "title"), nr=info.number,
                           agreement=agreement_title, subject=info.title[language.code])


def _preamble(writer: _Writer, parties, agreement_title) -> tuple[Block, ...]:
    langs = writer.languages
    lines = [{lang: writer.t(lang, "instrument.between") for lang in langs}]
    for index, party in enumerate(parties):
        if index:
            lines.append({lang: writer.t(lang, "instrument.and") for lang in langs})
        lines.append({lang: writer.t(lang, "instrument.party", name=party.name[lang], signatories=", ".join(
            writer.t(lang, "instrument.signatory", name=s.name, function=s.function[lang])
            for s in party.signatories)) for lang in langs})
    lines.append({lang: writer.t(lang, "instrument.legal_basis") for lang in langs})
    lines.append({lang: writer.t(lang, "instrument.agreement_basis", agreement=agreement_title[lang])
                  for lang in langs})
    lines.append({lang: writer.t(lang, "instrument.agreed") for lang in langs})
    return tuple(writer.para(line) for line in lines)


# -- helpers ------------------------------------------------------------------------------

def _action(op: Operation) -> str:
    if isinstance(op, Replace) and op.paragraph is None:
        return "replaced"
    return ACTIONS.get(type(op), "modified")


def _plain(value) -> tuple:
    return (Text(value),) if isinstance(value, str) else tuple(value)


def _prefix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` before the first words of the first paragraph (opening quote)."""
    first, *rest = blocks
    if isinstance(first, Paragraph):
        return (replace(first, text={lang: (Text(texts[lang]),) + first.text[lang] for lang in texts}),
                *rest)
    if isinstance(first, ListBlock):
        item = first.items[0]
        return (replace(first, items=(replace(item, blocks=_prefix(item.blocks, texts)),) + first.items[1:]),
                *rest)
    return (Paragraph({lang: (Text(t),) for lang, t in texts.items()}, first.loc), *blocks)


def _suffix(blocks: tuple[Block, ...], texts: dict[str, str]) -> tuple[Block, ...]:
    """Put `texts` after the last words of the last paragraph (closing quote)."""
    *rest, last = blocks
    if isinstance(last, Paragraph):
        return (*rest, replace(last, text={lang: last.text[lang] + (Text(texts[lang]),) for lang in texts}))
    if isinstance(last, ListBlock):
        item = last.items[-1]
        return (*rest, replace(last, items=last.items[:-1] + (replace(item, blocks=_suffix(item.blocks, texts)),)))
    return (*blocks, Paragraph({lang: (Text(t),) for lang, t in texts.items()}, last.loc))


def _resolve_refs(body: tuple[Block, ...], numbering: Numbering, languages) -> tuple[Block, ...]:
    """References in quoted text cite the amended agreement, not this
    instrument: they become plain numbers."""
    def number_of(lang: str):
        return lambda inline: Text(languages[lang].number(numbering.kinds[inline.key], numbering.text(
            inline.key))) if isinstance(inline, Reference) else inline
    return map_text(body, lambda lang, inlines: map_inlines(inlines, number_of(lang)))
