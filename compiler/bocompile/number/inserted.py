"""Numbers for provisions that appear after signing: 7/1, never a shift.

Per the Raad van State: an article between 7 and 8 is 7/1, the next 7/2,
one between 7/1 and 7/2 is 7/1/1, one before article 1 is 0/1, and one after
the last article takes the next whole number.
"""

from __future__ import annotations

from dataclasses import replace

from bocompile.model import Agreement, Division, walk_divisions
from bocompile.model.hierarchy import THROUGHOUT

Number = tuple[int, ...]


def between(before: Number | None, after: Number | None) -> Number:
    if after is None:
        return ((before[0] if before else 0) + 1,)
    if before is not None:
        for candidate in (before[:-1] + (before[-1] + 1,) if len(before) > 1 else before + (1,),
                          before + (1,)):
            if before < candidate < after:
                return candidate
    return after[:-1] + (after[-1] - 1, 1)


def number_new(agreement: Agreement, known: dict[str, Number]) -> Agreement:
    """Give every unnumbered division a number: its old one if its key had
    one (`known`), else one between its numbered neighbours."""
    numbered = {d.key: d.number or known.get(d.key, ()) for d in walk_divisions(agreement.parts)}

    def scope(division: Division, siblings: list[Division]) -> list[Division]:
        return [d for d in walk_divisions(agreement.parts) if d.kind == division.kind] \
            if division.kind in THROUGHOUT else siblings

    def visit(divisions: tuple[Division, ...]) -> tuple[Division, ...]:
        siblings = [d for d in divisions]
        out = []
        for d in divisions:
            if not numbered[d.key]:
                peers = [p for p in scope(d, siblings) if p.kind == d.kind]
                i = next(n for n, p in enumerate(peers) if p.key == d.key)
                before = next((numbered[p.key] for p in reversed(peers[:i]) if numbered[p.key]), None)
                after = next((numbered[p.key] for p in peers[i + 1:] if numbered[p.key]), None)
                numbered[d.key] = between(before, after)
            out.append(replace(d, number=numbered[d.key], children=visit(d.children)))
        return tuple(out)
    return Agreement(visit(agreement.parts))

