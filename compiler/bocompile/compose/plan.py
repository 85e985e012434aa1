"""Which articles an instrument has, and in what order.

One article per provision changed, in the order of the agreement's text
(not the order the operations were written in); several changes to one
provision share its article ("de volgende wijzigingen"); consecutive new
provisions of one kind share one ("de artikelen 30 tot 32"). The
consolidated text cites the same article numbers in its Justel notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from bocompile.amend.history import Step
from bocompile.amend.tree import path_to, position
from bocompile.model import Agreement
from bocompile.model.amendment import Operation
from bocompile.operations import kind_of


@dataclass(frozen=True)
class Planned:
    """One article of an instrument: the provisions it changes and how."""

    targets: tuple[str, ...]  # in the order of the agreement's text
    operations: tuple[Operation, ...]

    @property
    def run(self) -> bool:
        """Several new provisions, worded as one insertion."""
        return len(self.targets) > 1


def plan(step: Step) -> tuple[Planned, ...]:
    groups: dict[str, list[Operation]] = {}
    for op in step.amendment.operations:
        groups.setdefault(kind_of(op).target(op, step.before), []).append(op)
    following = {key: _next_sibling(step.after, key) for key in groups}
    articles: list[Planned] = []
    for target, ops in sorted(groups.items(), key=lambda item: position(step.after, item[0])):
        last = articles[-1] if articles else None
        if last and _runs_on(last, target, ops, following):
            articles[-1] = Planned(last.targets + (target,), last.operations + tuple(ops))
        else:
            articles.append(Planned((target,), tuple(ops)))
    return tuple(articles)


def article_of(step: Step) -> dict[int, int]:
    """Index of each operation of the amendment -> number of its article."""
    positions = {id(op): index for index, op in enumerate(step.amendment.operations)}
    return {
        positions[id(op)]: number for number, article in enumerate(plan(step), start=1) for op in article.operations
    }


def _runs_on(last: Planned, target: str, ops: list[Operation], following: dict[str, str | None]) -> bool:
    """Whether a lone operation on `target` continues `last`'s run of new provisions."""
    kind = kind_of(ops[0])
    return (
        len(ops) == 1
        and kind.word_run is not None
        and len(last.operations) == len(last.targets)
        and all(kind_of(op) is kind for op in last.operations)
        and following.get(last.targets[-1]) == target
    )


def _next_sibling(agreement: Agreement, key: str) -> str | None:
    """The key of the next division of the same kind beside division `key`, if any."""
    path = path_to(agreement, key)
    siblings = path[-2].children if len(path) > 1 else agreement.parts
    index = next(i for i, d in enumerate(siblings) if d is path[-1])
    return siblings[index + 1].key if index + 1 < len(siblings) and siblings[index + 1].kind == path[-1].kind else None
