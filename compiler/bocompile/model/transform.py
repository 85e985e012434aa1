"""Rewriting the text of a model, whatever nodes hold it.

Amendments replace words and instruments resolve references; both change
inline text in every block, cell, label and note without caring which node
type holds it, so the walk lives here once.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Callable

from bocompile.model.nodes import Emphasis, Footnote, Inline, Inlines, Link, Reference, Strong, Text


def map_text(node, fn: Callable[[str, Inlines], Inlines]):
    """`node` (a node or a tuple of them) with every language's inline text
    replaced by fn(lang, inlines); locations stay."""
    if isinstance(node, tuple):
        return tuple(map_text(n, fn) for n in node)
    if not is_dataclass(node) or isinstance(node, (Text, Reference)):
        return node
    changes = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, dict) and f.name != "loc":
            changes[f.name] = {lang: fn(lang, inlines) for lang, inlines in value.items()}
        elif isinstance(value, tuple) and value and (is_dataclass(value[0]) or isinstance(value[0], tuple)):
            changes[f.name] = map_text(value, fn)
    return replace(node, **changes)


def map_inlines(inlines: Inlines, fn: Callable[[Inline], Inline]) -> Inlines:
    """`inlines` with each leaf (text, reference, break) replaced by fn(leaf),
    inside emphasis, links and footnotes too."""
    out = []
    for inline in inlines:
        if isinstance(inline, (Emphasis, Strong, Link)):
            out.append(replace(inline, children=map_inlines(inline.children, fn)))
        elif isinstance(inline, Footnote):
            out.append(replace(inline, paragraphs=tuple(map_inlines(p, fn) for p in inline.paragraphs)))
        else:
            out.append(fn(inline))
    return tuple(out)
