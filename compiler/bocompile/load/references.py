"""Keys are unique and every `[[key]]` names an existing division."""

from __future__ import annotations

from collections.abc import Iterable

from bocompile.diagnostics import Report
from bocompile.model import Division, Reference, walk_divisions


def check_unique_keys(lang: str, parts: tuple[Division, ...], report: Report) -> None:
    seen: dict[str, Division] = {}
    for division in walk_divisions(parts):
        first = seen.setdefault(division.key, division)
        if first is not division and division.key:
            report.error(
                division.loc[lang],
                f"duplicate key '{division.key}': already used by "
                f"{first.kind} at {first.loc[lang]}; keys must be unique",
            )


def check_references(lang: str, parts: tuple[Division, ...], references: Iterable[Reference], report: Report) -> None:
    """`references`: those in `parts`, in `lang` (the loader finds them in the walk that finds figures)."""
    keys = {d.key for d in walk_divisions(parts)}
    for reference in references:
        if reference.key not in keys and reference.key:
            report.error(
                reference.loc, f"[[{reference.key}]] refers to no part, section or article; use an existing key"
            )
