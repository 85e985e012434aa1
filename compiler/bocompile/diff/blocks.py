"""Diff of blocks and everything inside them, driven by the model's field
metadata (model.nodes), so a new kind of block is compared without code here.

A sequence (an article's blocks, a list's items, a table's rows) is aligned
with difflib's SequenceMatcher on the nodes' fingerprints. Where a stretch
differs, the most similar comparable pair is matched first and the rest on
either side of it recursively (difflib.Differ's way with similar lines);
matched nodes are compared field by field: words by the word diff, children
as sequences again. Data tables compare cell by cell: same rows, other
figures.
"""

from __future__ import annotations

from dataclasses import fields
from difflib import SequenceMatcher

from bocompile.diff.changes import Added, Changed, Delta, Kept, Node, Removed, Words
from bocompile.diff.fields import walked
from bocompile.diff.fingerprint import fingerprint
from bocompile.diff.words import merge
from bocompile.model import Footnote, Heading, Localized, Paragraph
from bocompile.model.walk import plain_text, walk

#: two nodes of these types are versions of one text: a paragraph may become a sub-heading
TEXT_BLOCKS = (Paragraph, Heading)
#: language-neutral fields that may differ between two versions of one node
VARIABLE = {"level", "values"}
#: how alike (difflib ratio of their words) two nodes must be to pair them
#: when a stretch holds several candidates
CUTOFF = 0.5


def compare(old: Node, new: Node) -> Delta:
    """One node (or table row) against its new version."""
    if fingerprint(old) == fingerprint(new):
        return Kept(new)
    if isinstance(new, tuple):  # a table row: cell by cell
        return Changed(old, new, {}, {"cells": tuple(compare(o, n) for o, n in zip(old, new, strict=True))})
    names = {name for name, _ in walked(old)}
    words: dict[str, Localized[Words]] = {}
    children: dict[str, tuple[Delta, ...]] = {}
    for name, what in walked(new):
        if name not in names:
            continue
        if what == "text":
            before = getattr(old, name)
            words[name] = {lang: merge(before.get(lang, ()), inlines) for lang, inlines in getattr(new, name).items()}
        elif what == "nodes":
            children[name] = align(getattr(old, name), getattr(new, name))
    return Changed(old, new, words, children)


def align(old: tuple[Node, ...], new: tuple[Node, ...]) -> tuple[Delta, ...]:
    """The changes that turn sequence `old` into `new`."""
    if old is new:  # shared by the two states: nothing to align
        return tuple(Kept(node) for node in new)
    matcher = SequenceMatcher(None, [fingerprint(n) for n in old], [fingerprint(n) for n in new], autojunk=False)
    out: list[Delta] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [Kept(node) for node in new[j1:j2]]
        else:
            out += _pair(old[i1:i2], new[j1:j2])
    return tuple(out)


def comparable(old: Node, new: Node) -> bool:
    """Whether `new` can be shown as a changed `old` rather than another node."""
    if isinstance(old, tuple) or isinstance(new, tuple):
        return isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new)
    if type(old) is not type(new):
        return isinstance(old, TEXT_BLOCKS) and isinstance(new, TEXT_BLOCKS)
    return all(
        getattr(old, f.name) == getattr(new, f.name)
        for f in fields(old)
        if "holds" not in f.metadata and f.name not in VARIABLE and f.name != "loc"
    )


def _pair(old: tuple[Node, ...], new: tuple[Node, ...]) -> list[Delta]:
    """A differing stretch: the best pair first, then both sides of it; with
    no pair alike enough, the first two if comparable (a list item keeps its
    numbered first paragraph)."""
    if not old or not new:
        return _apart(old, new)
    best, where = CUTOFF, None
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            if comparable(o, n):
                ratio = _likeness(o, n)
                if ratio > best or (where is None and ratio >= best):
                    best, where = ratio, (i, j)
    if where is None and comparable(old[0], new[0]):
        where = (0, 0)
    if where is None:
        return _apart(old, new)
    i, j = where
    return _pair(old[:i], new[:j]) + [compare(old[i], new[j])] + _pair(old[i + 1 :], new[j + 1 :])


def _apart(old: tuple[Node, ...], new: tuple[Node, ...]) -> list[Delta]:
    """Nodes that pair with none: the old ones removed, then the new ones added."""
    return [*(Removed(node) for node in old), *(Added(node) for node in new)]


def _likeness(old: Node, new: Node) -> float:
    matcher = SequenceMatcher(None, _words(old), _words(new), autojunk=False)
    return matcher.ratio()


def _words(node: Node) -> list[str]:
    """Every word of `node` in every language, in order (notes left out)."""
    out: list[str] = []
    for item, _ in walk(node, prune=(Footnote,)):
        for name, what in walked(item):
            if what == "text":
                for _, inlines in sorted(getattr(item, name).items()):
                    out += plain_text(inlines).split()
    return out
