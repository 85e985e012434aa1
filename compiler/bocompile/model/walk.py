"""The one walker over the model, in the manner of pandoc's walk and query.

It knows the model only through field metadata (model.nodes: TEXT, NODES,
...), so a new node type or field is walked, queried and rewritten by every
consumer without touching them. Inline text is per language: the walker
hands each inline node over with the language whose text holds it (None for
language-neutral structure).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from bocompile.model.nodes import Division, Footnote, Inlines, LineBreak, Reference, Text

N = TypeVar("N")

#: fn(node, lang) -> the node that takes its place
Rewrite = Callable[[object, "str | None"], object]


@functools.cache
def holds(kind: type) -> tuple[tuple[str, str], ...]:
    """(field name, what it holds) for the walked fields of a node type."""
    if not is_dataclass(kind):
        return ()
    return tuple((f.name, f.metadata["holds"]) for f in fields(kind) if "holds" in f.metadata)


def _flat(value) -> Iterator:
    for item in value:
        if isinstance(item, tuple):
            yield from _flat(item)
        elif item is not None:
            yield item


def children(node, lang: str | None = None) -> Iterator[tuple[object, str | None]]:
    """The direct children of `node` with the language of their text; with
    `lang` inside structure, only that language's text is entered."""
    return iter(_children(node, lang))


def _children(node, lang: str | None) -> list[tuple[object, str | None]]:
    out: list[tuple[object, str | None]] = []
    for name, what in holds(type(node)):  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
        value = getattr(node, name)
        if what == "nodes":
            out += [(child, lang) for child in _flat(value)]
        elif what == "text":
            for code, inlines in value.items():
                if lang is None or code == lang:
                    out += [(inline, code) for inline in inlines]
    return out


def walk(root, lang: str | None = None, prune: tuple[type, ...] = ()) -> Iterator[tuple[object, str | None]]:
    """Every node under `root` (a node or a tuple of them), parents first, in
    document order; the subtrees of `prune` types are not entered."""
    stack = [(node, lang) for node in _flat(root if isinstance(root, tuple) else (root,))]
    stack.reverse()
    while stack:
        node, code = stack.pop()
        yield node, code
        if holds(type(node)) and not isinstance(node, prune):  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
            below = _children(node, code)
            below.reverse()
            stack += below


def query(root, kind: type[N], lang: str | None = None, prune: tuple[type, ...] = ()) -> Iterator[N]:
    """Every node of type `kind` under `root` (in `lang`'s text only, if given)."""
    return (node for node, _ in walk(root, lang, prune) if isinstance(node, kind))


def rewrite(root, fn: Rewrite, lang: str | None = None):
    """`root` rebuilt bottom-up, each node replaced by fn(node, lang); fn
    may return a tuple of nodes to stand in a node's place (inline text).
    What fn leaves as it was stays the very same object, so an unchanged
    subtree is shared, not copied. With `lang` inside structure, only that
    language's text is entered (as in walk); the others stay as they are."""
    if isinstance(root, tuple):
        out: list | None = None
        for index, node in enumerate(root):
            new = rewrite(node, fn, lang)
            if new is node and out is None:
                continue
            if out is None:
                out = list(root[:index])
            if isinstance(new, tuple) and not isinstance(node, tuple):
                out.extend(new)
            else:
                out.append(new)
        return root if out is None else tuple(out)
    if root is None:
        return None
    changes = {}
    for name, what in holds(type(root)):  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
        value = getattr(root, name)
        if what == "nodes":
            new = rewrite(value, fn, lang)
        elif what == "text":
            texts = {
                code: rewrite(inlines, fn, code) if lang is None or code == lang else inlines
                for code, inlines in value.items()
            }
            new = value if all(texts[code] is inlines for code, inlines in value.items()) else texts
        else:
            continue
        if new is not value:
            changes[name] = new
    return fn(replace(root, **changes) if changes else root, lang)


def rewrite_text(root, fn: Callable[[str, str | None], str], lang: str | None = None):
    """`root` with the words of every Text node replaced by fn(words, lang)."""

    def words(node, code):
        if not isinstance(node, Text):
            return node
        value = fn(node.value, code)
        return node if value == node.value else Text(value)

    return rewrite(root, words, lang)


def edge_text(root, fn: Callable[[Inlines, str], Inlines], last: bool = False):
    """`root` with its first (or `last`) text in document order replaced by
    fn(inlines, lang) in every language: where an opening or closing mark
    goes, whatever block the text stands in. Empty texts (a paragraph's
    title) are passed over. Unchanged if it holds no text."""
    return _edge(root, fn, last)[0]


def _edge(value, fn, last: bool) -> tuple[object, bool]:
    if isinstance(value, tuple):
        order = range(len(value) - 1, -1, -1) if last else range(len(value))
        for index in order:
            item, done = _edge(value[index], fn, last)
            if done:
                return value[:index] + (item,) + value[index + 1 :], True
        return value, False
    walked = holds(type(value))  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
    for name, what in reversed(walked) if last else walked:
        field_value = getattr(value, name)
        if what == "text" and any(field_value.values()):
            return replace(value, **{name: {code: fn(inlines, code) for code, inlines in field_value.items()}}), True
        if what == "nodes":
            item, done = _edge(field_value, fn, last)
            if done:
                return replace(value, **{name: item}), True
    return value, False


def texts(root, lang: str) -> Iterator[Inlines]:
    """Every inline text of language `lang` held by a node under `root`."""
    for node, _ in walk(root, lang, prune=(Footnote,)):
        for name, what in holds(type(node)):  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
            if what == "text":
                yield getattr(node, name).get(lang, ())


def plain_text(inlines: Inlines, reference: Callable[[str], str] = lambda key: "") -> str:
    """The words alone (for captions, sizes, formulas): no formatting, no
    notes; a line break is a space and `reference` renders a [[key]]."""
    out = []
    for node, _ in walk(inlines, prune=(Footnote,)):
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, LineBreak):
            out.append(" ")
        elif isinstance(node, Reference):
            out.append(reference(node.key))
    return "".join(out)


def walk_divisions(divisions: tuple[Division, ...]) -> Iterator[Division]:
    """Every division of the tree in document order, parents before children;
    not the divisions an instrument quotes (they stand in its blocks)."""
    for division in divisions:
        yield division
        yield from walk_divisions(division.children)


def block_id(division_key: str, position: int) -> str:
    """The stable id of a division's `position`-th block (from 1): "opvolging-p2".
    It names the block in HTML anchors, XLIFF units and the translation
    ledger; it survives renumbering and changes elsewhere."""
    return f"{division_key}-p{position}"
