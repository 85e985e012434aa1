"""Inline text back to the source Markdown, for the texts an import changes.

Text is escaped so that it reads back as the same words (a "1." or "-"
after a line break, "*", "[", an entity-like "&amp;" stay text); a footnote
anchor keeps the label of the note it stands for. `normal` gives a text the
form the reader would give it (no spaces at the ends, a line break never
followed by spaces, no empty emphasis), so that what is written is what is
read: the import checks that by reading the result again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bocompile.model import Emphasis, Footnote, Inline, LineBreak, Link, Reference, Strong, Text
from bocompile.translate.xliff.codes import join

#: characters that are Markdown syntax anywhere in a line
_INLINE = re.compile(r"([\\`*_\[\]<{}])|(&(?=#?\w+;))|(!(?=\[))")
#: what would open a block at the start of a line: a heading, quote, list item, rule, fence, table
_LINE_START = re.compile(r"^(\s*)(?:([#>+=~|-])|(\d+)([.)]))")
_URL_NEEDS_BRACKETS = re.compile(r"[\s()<>]")


def markdown(inlines, label: Callable[[Footnote], str]) -> str:
    """`inlines` as source Markdown; a line break starts a new line."""
    return "\n".join(_LINE_START.sub(_escape_start, line) for line in _inline(inlines, label).split("\n"))


def _escape_start(match: re.Match) -> str:
    indent, mark, digits, after = match.groups()
    return indent + ("\\" + mark if mark else digits + "\\" + after)


def _inline(inlines, label: Callable[[Footnote], str]) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(_INLINE.sub(lambda m: "\\" + m.group(0), node.value))
        elif isinstance(node, Emphasis):
            out.append("*" + _inline(node.children, label) + "*")
        elif isinstance(node, Strong):
            out.append("**" + _inline(node.children, label) + "**")
        elif isinstance(node, Link):
            url = f"<{node.url}>" if _URL_NEEDS_BRACKETS.search(node.url) else node.url
            out.append("[" + _inline(node.children, label) + "](" + url + ")")
        elif isinstance(node, Reference):
            out.append(f"[[{node.key}]]")
        elif isinstance(node, Footnote):
            out.append(f"[^{label(node)}]")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
    return "".join(out)


def normal(inlines) -> tuple:
    """`inlines` as the reader would give them back."""
    flat = _spaced(join(_tidy(inlines)))
    return _trim(flat)


def _tidy(inlines) -> list:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Text(re.sub(r"[\t\r\n]", " ", node.value)))
        elif isinstance(node, (Emphasis, Strong, Link)):
            children = _tidy(node.children)
            if isinstance(node, Link) or any(not isinstance(c, Text) or c.value.strip() for c in children):
                lead, body, tail = _edges(join(children))
                out.extend([lead, replace(node, children=body), tail])
            else:
                out.extend(children)
        else:
            out.append(node)
    return out


def _edges(children: tuple) -> tuple:
    """Spaces at the ends of emphasis move outside it: "* a*" is no emphasis."""
    lead = tail = ""
    if children and isinstance(children[0], Text):
        stripped = children[0].value.lstrip(" ")
        lead = children[0].value[: len(children[0].value) - len(stripped)]
        children = ((Text(stripped),) if stripped else ()) + children[1:]
    if children and isinstance(children[-1], Text):
        stripped = children[-1].value.rstrip(" ")
        tail = children[-1].value[len(stripped) :]
        children = children[:-1] + ((Text(stripped),) if stripped else ())
    return Text(lead), children, Text(tail)


def _spaced(inlines: tuple) -> tuple:
    """No spaces right after a line break: the next line's indent is not text."""
    out = list(inlines)
    for index in range(1, len(out)):
        if isinstance(out[index - 1], LineBreak) and isinstance(out[index], Text):
            out[index] = Text(out[index].value.lstrip(" "))
    return join(out)


def _trim(inlines: tuple) -> tuple:
    """No whitespace at the ends of the whole text, nor a line break there."""
    out = list(inlines)
    while out and (isinstance(out[0], LineBreak) or (isinstance(out[0], Text) and not out[0].value.strip())):
        out.pop(0)
    while out and (isinstance(out[-1], LineBreak) or (isinstance(out[-1], Text) and not out[-1].value.strip())):
        out.pop()
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].value.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].value.rstrip())
    return tuple(out)
