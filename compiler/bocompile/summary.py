"""Counts of what a project holds, for `check` output and tests."""

from __future__ import annotations

from collections import Counter

from bocompile.model import Agreement, walk_divisions


def count_divisions(agreement: Agreement) -> dict[str, int]:
    counts = Counter(d.kind for d in walk_divisions(agreement.parts))
    return {kind: counts.get(kind, 0) for kind in ("part", "section", "article")}
