"""Justel marks and notes: what each amendment changed, numbered per provision.

The engine left a pair of Marks around every passage an amendment brought.
Here each provision's marks are numbered in order of first appearance, one
number per source (an amendment and the article of its instrument), the
same in every language; the sources follow the provision's text as notes:
"(1)<Wijziging nr. 2 van 15 oktober 2020, art. 2, i.w. 1 november 2020>.".
An article's paragraphs (§) share its numbers; its notes follow its last
paragraph. A repealed provision keeps its number and gets the note of its
repeal.
"""

from __future__ import annotations

from dataclasses import replace

from bocompile.amend.history import Step
from bocompile.compose.plan import article_of
from bocompile.diagnostics import Loc
from bocompile.language import Language
from bocompile.model import Agreement, Division, JustelNote, Mark, Text, query, rewrite
from bocompile.model.hierarchy import SUBDIVISIONS

GENERATED = Loc("<generated>", 0)


def annotate(agreement: Agreement, langs: dict[str, Language], steps: tuple[Step, ...]) -> Agreement:
    articles = {
        (step.amendment.info.number, index): article for step in steps for index, article in article_of(step).items()
    }
    infos = {step.amendment.info.number: step.amendment.info for step in steps}

    def visit(node: object, lang: str | None) -> object:
        if not isinstance(node, Division) or node.kind in SUBDIVISIONS:
            return node
        inner = tuple(_repeal_noted(c) for c in node.children if c.kind in SUBDIVISIONS)
        own = _repeal_noted(replace(node, children=inner))
        sources: list[tuple[int, int]] = []
        events = [(m.amendment, m.operation) for m in query(own, Mark)]
        for amendment, operation in events:
            source = (amendment, articles[amendment, operation])
            if source not in sources:
                sources.append(source)
        if not sources:
            return node
        numbers = {source: n for n, source in enumerate(sources, start=1)}
        numbered = rewrite(
            own,
            lambda item, code: (
                replace(item, number=numbers[item.amendment, articles[item.amendment, item.operation]])
                if isinstance(item, Mark)
                else item
            ),
        )
        notes = tuple(
            JustelNote(
                n,
                {
                    code: (
                        Text(
                            langs[code].render(
                                "justel.source",
                                n=n,
                                nr=nr,
                                article=article,
                                signed=langs[code].date(infos[nr].signed),
                                in_force=langs[code].date(infos[nr].in_force),
                            )
                        ),
                    )
                    for code in langs
                },
                {code: GENERATED for code in langs},
            )
            for (nr, article), n in numbers.items()
        )
        outer = tuple(c for c in node.children if c.kind not in SUBDIVISIONS)
        if numbered.children:  # after the last paragraph
            *before, last = numbered.children
            return replace(numbered, children=(*before, replace(last, blocks=last.blocks + notes)) + outer)
        return replace(numbered, blocks=numbered.blocks + notes, children=outer)

    return rewrite(agreement, visit)


def _repeal_noted(division: Division) -> Division:
    """A repealed provision's title becomes the mark of its repeal's note
    (it shows only "Art. 15. (Opgeheven)" and that note)."""
    if not division.repealed:
        return division
    repeal = next(c for c in reversed(division.history) if c.action == "repealed")
    return replace(
        division, title={code: (Mark("note", repeal.amendment, repeal.operation),) for code in division.title}
    )
