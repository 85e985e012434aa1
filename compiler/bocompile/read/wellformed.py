"""Markdown faults markdown-it accepts silently, found in its token stream.

- Blocks nested past markdown-it's `maxNesting` make it skip the rest of
  the file without a word; nesting deeper than MAX_LEVEL is reported, so
  that limit (MAX_NESTING in read/parser.py is far above it) is never hit
  unnoticed.
- A `:::` block without its closing line runs to the end of the file (or
  of the list item holding it), swallowing what follows; and since a closing
  line closes the first block it can, one left open takes the next block's
  closing line: a block opening inside another with as many colons shows it.
- A footnote label defined twice keeps only the last definition.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

#: deepest token level accepted: far above what the format's own limits
#: allow (lists 9 deep, in a table cell, in an amendment), far below
#: markdown-it's MAX_NESTING
MAX_LEVEL = 50
_CLOSER = re.compile(r"\s*:{3,}\s*")


def record_definitions(state: StateCore) -> None:
    """Core rule run after block parsing, before the footnote plugin merges
    definitions: remembers each definition's label and line."""
    state.env.setdefault("definitions", []).extend(
        (token.meta["label"], token.map[0] + 1 if token.map else 1)
        for token in state.tokens
        if token.type == "footnote_reference_open"
    )


def faults(tokens: list[Token], text: str, env: dict) -> list[tuple[int, str]]:
    """(line, message) for each fault of the kinds above."""
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    deep = next((t for t in tokens if t.level > MAX_LEVEL and t.map), None)
    if deep is not None:
        found.append(
            (
                _line(deep),
                f"blocks (lists, quotes, tables) nest more than {MAX_LEVEL} "
                "levels deep here; the rest of the file cannot be read: flatten them",
            )
        )
    found.extend(_containers(tokens, lines))
    seen: dict[str, int] = {}
    for label, line in env.get("definitions", ()):
        if label in seen:
            found.append(
                (
                    line,
                    f"footnote [^{label}] is defined twice (first at line {seen[label]}); "
                    "only one definition may stand: rename or remove one",
                )
            )
        seen.setdefault(label, line)
    return found


def _containers(tokens: list[Token], lines: list[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    open_blocks: list[Token] = []
    blamed: set[int] = set()
    for token in tokens:
        if not token.type.startswith("container_"):
            continue
        if token.nesting == -1:
            open_blocks.pop()
            continue
        for outer in open_blocks:
            if len(token.markup) >= len(outer.markup) and id(outer) not in blamed:
                blamed.add(id(outer))
                found.append(
                    (
                        _line(outer),
                        f"'{_opening(outer)}' is not closed before "
                        f"'{_opening(token)}' opens at line {_line(token)}: end it with a line "
                        f"'{outer.markup}' (a ::: block that holds another is opened and closed "
                        "with more colons: '::::')",
                    )
                )
        open_blocks.append(token)
        if id(token) not in blamed and not _closed(token, lines):
            found.append(
                (
                    _line(token),
                    f"'{_opening(token)}' is never closed: end it with a line "
                    f"'{token.markup}'; without it the block takes in everything up to the end of "
                    "the file or list item",
                )
            )
    return found


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _opening(token: Token) -> str:
    return f"{token.markup} {token.info.strip()}".strip()


def _closed(token: Token, lines: list[str]) -> bool:
    """Whether the line ending the block is a closing line, indented at
    least as far as its opening marker."""
    if token.map is None:
        return False
    start, end = token.map
    if end >= len(lines) or not _CLOSER.fullmatch(lines[end]):
        return False
    opening = lines[start]
    return len(lines[end]) - len(lines[end].lstrip()) >= opening.find(token.markup)
