"""Word-level diff of one language's inline text.

The text is cut into tokens (words, spaces, punctuation; a reference, a
footnote or a line break is one token), each remembering the emphasis,
strong or link around it, and difflib's SequenceMatcher aligns the two
token sequences. An equality stranded between two changes and less than
half as long as each is absorbed into them (diff-match-patch's semantic
cleanup, more sparing), so that a reader sees "old phrase / new phrase"
rather than a comb of one-word changes.
The result is the new text's inlines with `Tracked` around what differs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from bocompile.diff.changes import DELETED, INSERTED, Tracked, Words
from bocompile.diff.fingerprint import fingerprint
from bocompile.model import Emphasis, Inline, Link, Quoted, Strong, Text
from bocompile.model.nodes import Inlines

_PIECES = re.compile(r"\w+|\s+|[^\w\s]")


#: an inline that holds others (emphasis, strong, link), without them
Wrapper = Emphasis | Strong | Link | Quoted
#: one run of the diff: a stretch of tokens the same on both sides, or a change
#: (same, i1, i2, j1, j2): a[i1:i2] on the old side, b[j1:j2] on the new
Run = tuple[bool, int, int, int, int]


@dataclass(frozen=True)
class Token:
    key: tuple[object, ...]  # what is compared: the wrappers and the word or atom
    path: tuple[Wrapper, ...]  # the wrappers around it, outermost first, without children
    node: Inline  # Text(word) or the atomic inline itself
    size: int  # characters, for the cleanup (an atom counts 1)


def tokens(inlines: Inlines, path: tuple[Wrapper, ...] = ()) -> list[Token]:
    out: list[Token] = []
    for item in inlines:
        if isinstance(item, Text):
            out += [Token((path, piece), path, Text(piece), len(piece)) for piece in _PIECES.findall(item.value)]
        elif isinstance(item, Wrapper):
            out += tokens(item.children, (*path, replace(item, children=())))
        else:
            out.append(Token((path, fingerprint(item)), path, item, 1))
    return out


def rebuild(items: list[Token]) -> Inlines:
    """The inlines the tokens came from: wrappers regrouped, words joined."""
    out: list[Inline] = []
    index = 0
    while index < len(items):
        token = items[index]
        if not token.path:
            if isinstance(token.node, Text) and out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].value + token.node.value)
            else:
                out.append(token.node)
            index += 1
            continue
        end = index
        while end < len(items) and items[end].path[:1] == token.path[:1]:
            end += 1
        inner = [replace(t, path=t.path[1:]) for t in items[index:end]]
        out.append(replace(token.path[0], children=rebuild(inner)))
        index = end
    return tuple(out)


def merge(old: Inlines, new: Inlines) -> Words:
    """`new` with the words only `old` has as Tracked deleted, and those only
    `new` has as Tracked inserted, each change's deletion first."""
    if old is new:  # a title both states share: every word kept, nothing to match
        return rebuild(tokens(new))
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(
        lambda key: isinstance(key[1], str) and key[1].isspace(), [t.key for t in a], [t.key for t in b], autojunk=False
    )
    out: list[Inline | Tracked] = []
    for same, i1, i2, j1, j2 in _cleanup(matcher.get_opcodes(), a, b):
        if same:
            out += rebuild(b[j1:j2])
            continue
        if i1 < i2:
            out.append(Tracked(DELETED, rebuild(a[i1:i2])))
        if j1 < j2:
            out.append(Tracked(INSERTED, rebuild(b[j1:j2])))
    return tuple(out)


def _cleanup(opcodes: Sequence[tuple[str, int, int, int, int]], a: list[Token], b: list[Token]) -> list[Run]:
    """(same, i1, i2, j1, j2) runs: consecutive changes joined, and an
    equality at most half as long as the changes on both sides absorbed."""
    runs = _joined([(tag == "equal", i1, i2, j1, j2) for tag, i1, i2, j1, j2 in opcodes])
    absorbed = True
    while absorbed:
        absorbed = False
        for index in range(1, len(runs) - 1):
            same, i1, i2, j1, j2 = runs[index]
            if same and 2 * _size(b[j1:j2]) <= min(_change(runs[index - 1], a, b), _change(runs[index + 1], a, b)):
                runs[index] = (False, i1, i2, j1, j2)
                runs = _joined(runs)
                absorbed = True
                break
    return runs


def _joined(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and not run[0] and not out[-1][0]:
            out[-1] = (False, out[-1][1], run[2], out[-1][3], run[4])
        else:
            out.append(run)
    return out


def _size(items: list[Token]) -> int:
    return sum(t.size for t in items)


def _change(run: Run, a: list[Token], b: list[Token]) -> int:
    """The larger side of a change (0 for an equality: nothing to absorb into)."""
    same, i1, i2, j1, j2 = run
    return 0 if same else max(_size(a[i1:i2]), _size(b[j1:j2]))
