"""The same division written twice: a part file copied under a new name, an
article pasted into a second place with a new key.

Two divisions of the same kind repeat each other when their title and all
their content (text, lists, tables, figures, sub-divisions) are the same in
one language, keys and places aside. Only the outermost repeat is reported.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import fields, is_dataclass

from bocompile.diagnostics import Report
from bocompile.model import Division


def check_repeats(lang: str, parts: tuple[Division, ...], report: Report) -> None:
    shapes: dict[object, int] = {}  # a division's content -> a number naming it
    shape: dict[int, int] = {}  # id of a division -> the number of its content
    for part in parts:
        _measure(part, lang, shapes, shape)
    seen: dict[int, Division] = {}  # the number of a content -> the first division with it
    for part in parts:
        _visit(part, lang, shape, seen, report)


def _measure(division: Division, lang: str, shapes: dict[object, int], shape: dict[int, int]) -> int:
    """Bottom up, so each division's content holds its children's numbers,
    not their whole text: linear in the size of the agreement. A module
    function, as the walks below are (heap.settled): nested, it held `shapes`
    in a cycle to the end of the run, 180 MB at 20,000 articles."""
    children = tuple(_measure(child, lang, shapes, shape) for child in division.children)
    content = (division.kind, _content(division.title, lang), _content(division.blocks, lang), children)
    number = shape[id(division)] = shapes.setdefault(content, len(shapes))
    return number


def _visit(division: Division, lang: str, shape: dict[int, int], seen: dict[int, Division], report: Report) -> None:
    first = seen.setdefault(shape[id(division)], division)
    if first is not division:
        report.error(
            division.loc[lang],
            f"{division.kind} '{division.key}' repeats {first.kind} "
            f"'{first.key}' ({first.loc[lang]}) word for word; remove one of them or "
            "make them differ",
        )
        return
    for child in division.children:
        _visit(child, lang, shape, seen, report)


def _content(node: object, lang: str) -> object:
    """A hashable value of what `node` says in `lang`: its text and shape,
    not its place (loc) nor, for a division, its key. This walks every node
    of the text, the kinds it meets most tested first."""
    if isinstance(node, tuple):
        return tuple([_content(item, lang) for item in node])
    if isinstance(node, str):
        return node
    if isinstance(node, dict):  # a Localized value, as readers make them (a Mapping's test is slower)
        return _content(node.get(lang), lang)
    if isinstance(node, Division):
        return (node.kind, _content(node.title, lang), _content(node.blocks, lang), _content(node.children, lang))
    kind = type(node)
    said = _said(kind)  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
    if said is not None:
        return (kind.__name__, *[_content(getattr(node, name), lang) for name in said])
    if isinstance(node, Mapping):  # a Localized value of another kind
        return _content(node.get(lang), lang)
    return node


@functools.cache
def _said(kind: type) -> tuple[str, ...] | None:
    """The fields of a node type that hold what it says (all but its place);
    None for what is not a node."""
    return tuple(f.name for f in fields(kind) if f.name != "loc") if is_dataclass(kind) else None
