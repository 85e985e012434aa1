"""Keys are unique and every `[[key]]` names an existing division."""

from __future__ import annotations

from typing import Iterator

from bocompile.diagnostics import Report
from bocompile.model import Division, Reference, walk_divisions
from bocompile.model.nodes import Emphasis, Footnote, Link, Strong


def check_unique_keys(lang: str, parts: tuple[Division, ...], report: Report) -> None:
    seen: dict[str, Division] = {}
    for division in walk_divisions(parts):
        first = seen.setdefault(division.key, division)
        if first is not division and division.key:
            report.error(division.loc[lang], f"duplicate key '{division.key}': already used by "
                         f"{first.kind} at {first.loc[lang]}; keys must be unique")


def check_references(lang: str, parts: tuple[Division, ...], report: Report) -> None:
    keys = {d.key for d in walk_divisions(parts)}
    for reference in references(lang, parts):
        if reference.key not in keys and reference.key:
            report.error(reference.loc, f"[[{reference.key}]] refers to no part, section or article; "
                         "use an existing key")


def references(lang: str, nodes) -> Iterator[Reference]:
    """Every Reference in `nodes`, in the text of language `lang`."""
    for node in nodes if isinstance(nodes, tuple) else (nodes,):
        yield from _in_node(lang, node)


def _in_node(lang: str, node) -> Iterator[Reference]:
    if isinstance(node, Reference):
        yield node
    elif isinstance(node, (Emphasis, Strong, Link)):
        for child in node.children:
            yield from _in_node(lang, child)
    elif isinstance(node, Footnote):
        for paragraph in node.paragraphs:
            for inline in paragraph:
                yield from _in_node(lang, inline)
    elif isinstance(node, tuple):
        for item in node:
            yield from _in_node(lang, item)
    elif hasattr(node, "__dataclass_fields__"):
        for name in node.__dataclass_fields__:
            value = getattr(node, name)
            if isinstance(value, dict) and name != "loc":
                yield from _in_node(lang, value.get(lang, ()))
            elif isinstance(value, tuple):
                yield from _in_node(lang, value)


