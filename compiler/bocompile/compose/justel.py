"""Justel marks and notes: what each amendment changed, numbered per provision.

The engine left a pair of Marks around every passage an amendment brought.
Here each provision's marks are numbered in order of first appearance, one
number per source (an amendment and the article of its instrument), the
same in every language; the sources follow the provision's text as notes:
"(1)<Wijziging nr. 2 van 15 oktober 2020, art. 2, i.w. 1 november 2020>.".
A repealed provision keeps its number and gets the note of its repeal.
"""

from __future__ import annotations

from dataclasses import replace

from bocompile.amend.history import Step
from bocompile.compose.plan import article_of
from bocompile.diagnostics import Loc
from bocompile.language import Language
from bocompile.model import Agreement, Division, JustelNote, Mark, Text, query, rewrite

GENERATED = Loc("<generated>", 0)


def annotate(agreement: Agreement, langs: dict[str, Language], steps: tuple[Step, ...]) -> Agreement:
    articles = {(step.amendment.info.number, index): article
                for step in steps for index, article in article_of(step).items()}
    infos = {step.amendment.info.number: step.amendment.info for step in steps}

    def visit(node, lang):
        if not isinstance(node, Division):
            return node
        own = replace(node, children=())
        sources: list[tuple[int, int]] = []
        events = [(m.amendment, m.operation) for m in query(own, Mark)]
        events += [(c.amendment, c.operation) for c in node.history if c.action == "repealed" and node.repealed]
        for amendment, operation in events:
            source = (amendment, articles[amendment, operation])
            if source not in sources:
                sources.append(source)
        if not sources:
            return node
        numbers = {source: n for n, source in enumerate(sources, start=1)}
        numbered = rewrite(own, lambda item, code: replace(item, number=numbers[
            item.amendment, articles[item.amendment, item.operation]]) if isinstance(item, Mark) else item)
        notes = tuple(JustelNote(n, {code: (Text(langs[code].render(
            "justel.source", n=n, nr=nr, article=article, signed=langs[code].date(infos[nr].signed),
            in_force=langs[code].date(infos[nr].in_force))),) for code in langs},
            {code: GENERATED for code in langs}) for (nr, article), n in numbers.items())
        return replace(numbered, blocks=numbered.blocks + notes, children=node.children)
    return rewrite(agreement, visit)
