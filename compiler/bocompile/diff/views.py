"""Model trees a writer renders from the changes, with Tracked words inside.

- `merged`: both texts in one (a redline): kept nodes, added and removed
  ones with all their words tracked, changed ones with their merged words;
- `side`: one text (a column of the synoptic table): the old text with
  its deleted words tracked, or the new text with its inserted words.

Writers render these with their usual block and inline code and only
decide what a Tracked word looks like (<ins>, w:del, struck through).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import cast

from bocompile.diff.changes import (
    DELETED,
    INSERTED,
    Added,
    Changed,
    Delta,
    DivisionChange,
    Kept,
    Node,
    Removed,
    Tracked,
    Words,
)
from bocompile.diff.fields import walked
from bocompile.model import DataTable, Division, Localized
from bocompile.model.nodes import Inlines

OLD, NEW = "old", "new"
#: the change each side shows; the other side's words are left out
SHOWS = {OLD: DELETED, NEW: INSERTED}


def tracked(node: Node, change: str) -> Node:
    """`node` (or a table row) with every text in it wrapped as `change`."""
    if isinstance(node, tuple):
        return tuple(tracked(item, change) for item in node)
    fields: dict[str, object] = {}
    for name, what in walked(node):
        value = getattr(node, name)
        if what == "text":
            fields[name] = {lang: (Tracked(change, inlines),) if inlines else () for lang, inlines in value.items()}
        elif what == "nodes":
            fields[name] = tuple(tracked(item, change) for item in value)
    return replace(node, **fields) if fields else node


def merged(delta: Delta) -> tuple[Node, ...]:
    """The nodes a redline shows for `delta` (one, or none)."""
    if isinstance(delta, Kept):
        return (delta.node,)
    if isinstance(delta, Added):
        return (tracked(delta.node, INSERTED),)
    if isinstance(delta, Removed):
        return (tracked(delta.node, DELETED),)
    return (_rebuilt(delta.new, delta, merged, lambda inlines: inlines),)


def side(delta: Delta, which: str) -> tuple[Node, ...]:
    """The nodes the `which` text shows for `delta` (one, or none)."""
    if isinstance(delta, Kept):
        return (delta.node,)
    if isinstance(delta, Added):
        return (tracked(delta.node, INSERTED),) if which == NEW else ()
    if isinstance(delta, Removed):
        return (tracked(delta.node, DELETED),) if which == OLD else ()
    base = delta.new if which == NEW else delta.old
    return (_rebuilt(base, delta, lambda d: side(d, which), lambda inlines: only(inlines, SHOWS[which])),)


def titled(division: Division, title: Localized[Words]) -> Division:
    """`division` headed by merged words (writers render Tracked like any inline)."""
    return replace(division, title=cast(Localized[Inlines], title))


def only(inlines: Words, change: str) -> Words:
    """Merged words reduced to one side: the other side's Tracked dropped."""
    return tuple(item for item in inlines if not isinstance(item, Tracked) or item.change == change)


def _rebuilt(
    base: Node,
    delta: Changed,
    children: Callable[[Delta], tuple[Node, ...]],
    words: Callable[[Words], Words],
) -> Node:
    """`base` with its fields taken from the change: words by `words`,
    children by `children` (a table row: its cells)."""
    if isinstance(base, tuple):
        return tuple(node for cell in delta.children["cells"] for node in children(cell))
    fields: dict[str, object] = {}
    for name, localized in delta.words.items():
        fields[name] = {lang: words(inlines) for lang, inlines in localized.items()}
    for name, deltas in delta.children.items():
        fields[name] = tuple(node for item in deltas for node in children(item))
    return replace(base, **fields)


def merged_tree(changes: tuple[DivisionChange, ...]) -> tuple[Division, ...]:
    """Both texts as one tree of divisions, for a writer that renders a whole
    agreement (the HTML of a diff): a new or gone provision with all its
    words tracked, a changed one with its merged words; a data table's
    changed figures as the old row deleted and the new row inserted."""
    return tuple(_merged_division(change) for change in changes)


def _merged_division(change: DivisionChange) -> Division:
    if change.heading == "added":
        return cast(Division, tracked(change.new, INSERTED))
    if change.heading == "removed":
        return cast(Division, tracked(change.old, DELETED))
    division = change.division
    title = titled(division, change.title).title if change.heading == "words" else division.title
    blocks = tuple(node for delta in change.blocks for node in _rows_whole(delta))
    return replace(division, title=title, blocks=blocks, children=merged_tree(change.children))


def _rows_whole(delta: Delta) -> tuple[Node, ...]:
    if isinstance(delta, Changed) and isinstance(delta.new, DataTable):
        rows: list[Node] = []
        for row in delta.children["rows"]:
            if isinstance(row, Changed) and row.old.values != row.new.values:
                rows += [tracked(row.old, DELETED), tracked(row.new, INSERTED)]
            else:
                rows += merged(row)
        return (replace(merged(delta)[0], rows=tuple(rows)),)
    return merged(delta)
