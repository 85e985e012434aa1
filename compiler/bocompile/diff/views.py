"""Model trees a writer renders from the changes, with Tracked words inside.

- `merged`: both texts in one (a redline): kept nodes, added and removed
  ones with all their words tracked, changed ones with their merged words;
- `side`: one text (a column of the synoptic table): the old text with
  its deleted words tracked, or the new text with its inserted words.

Writers render these with their usual block and inline code and only
decide what a Tracked word looks like (<ins>, w:del, struck through).
"""

from __future__ import annotations

from dataclasses import replace

from bocompile.diff.changes import DELETED, INSERTED, Added, Changed, Delta, Kept, Removed, Tracked
from bocompile.model.walk import holds

OLD, NEW = "old", "new"
#: the change each side shows; the other side's words are left out
SHOWS = {OLD: DELETED, NEW: INSERTED}


def tracked(node, change: str):
    """`node` (or a table row) with every text in it wrapped as `change`."""
    if isinstance(node, tuple):
        return tuple(tracked(item, change) for item in node)
    fields = {}
    for name, what in holds(type(node)):
        value = getattr(node, name)
        if what == "text":
            fields[name] = {lang: (Tracked(change, inlines),) if inlines else ()
                            for lang, inlines in value.items()}
        elif what == "nodes":
            fields[name] = tuple(tracked(item, change) for item in value)
    return replace(node, **fields) if fields else node


def merged(delta: Delta) -> tuple:
    """The nodes a redline shows for `delta` (one, or none)."""
    if isinstance(delta, Kept):
        return (delta.node,)
    if isinstance(delta, Added):
        return (tracked(delta.node, INSERTED),)
    if isinstance(delta, Removed):
        return (tracked(delta.node, DELETED),)
    return (_rebuilt(delta.new, delta, merged, lambda inlines: inlines),)


def side(delta: Delta, which: str) -> tuple:
    """The nodes the `which` text shows for `delta` (one, or none)."""
    if isinstance(delta, Kept):
        return (delta.node,)
    if isinstance(delta, (Added, Removed)):
        own = Added if which == NEW else Removed
        return (tracked(delta.node, SHOWS[which]),) if isinstance(delta, own) else ()
    base = delta.new if which == NEW else delta.old
    return (_rebuilt(base, delta, lambda d: side(d, which), lambda inlines: only(inlines, SHOWS[which])),)


def only(inlines, change: str) -> tuple:
    """Merged words reduced to one side: the other side's Tracked dropped."""
    out = []
    for item in inlines:
        if isinstance(item, Tracked):
            if item.change == change:
                out.append(item)
        else:
            out.append(item)
    return tuple(out)


def _rebuilt(base, delta: Changed, children, words):
    """`base` with its fields taken from the change: words by `words`,
    children by `children` (a table row: its cells)."""
    if isinstance(base, tuple):
        return tuple(node for cell in delta.parts["cells"] for node in children(cell))
    fields = {}
    for name, what in holds(type(base)):
        if name not in delta.parts:
            continue
        if what == "text":
            fields[name] = {lang: words(inlines) for lang, inlines in delta.parts[name].items()}
        else:
            fields[name] = tuple(node for item in delta.parts[name] for node in children(item))
    return replace(base, **fields)
