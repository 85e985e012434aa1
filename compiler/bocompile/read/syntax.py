"""The syntax tree of a Markdown file: markdown-it-py's tokens, nested.

markdown-it-py's own tree (markdown_it.tree.SyntaxTreeNode) links each node
to its parent, which makes every file's tree cyclic garbage: only Python's
cycle collector frees it, and a run that freezes what it has read (heap.py)
never does (a check of 20,000 articles kept 0.36 GiB of them). It also copies
the tokens of each level to nest them, a quarter of reading a file. This
tree answers the same questions (type, tag, map, content, info, markup,
meta, attrs, children) from the same tokens, built in one pass, parents not
linked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it.token import Token


class Node:
    """A token with the nodes nested in it: a container's opening token and
    what stands between it and its closing one, or a leaf (an inline token
    holds its inline children)."""

    __slots__ = ("token", "children")

    def __init__(self, token: Token | None):
        self.token = token  # None: the root
        self.children: list[Node] = []

    @property
    def type(self) -> str:
        if self.token is None:
            return "root"
        return self.token.type.removesuffix("_open") if self.token.nesting == 1 else self.token.type

    @property
    def tag(self) -> str:
        return self._token.tag

    @property
    def map(self) -> tuple[int, int] | None:
        found = self._token.map
        return (found[0], found[1]) if found else None

    @property
    def content(self) -> str:
        return self._token.content

    @property
    def info(self) -> str:
        return self._token.info

    @property
    def markup(self) -> str:
        return self._token.markup

    @property
    def meta(self) -> dict[Any, Any]:
        return self._token.meta

    @property
    def attrs(self) -> dict[str, str | int | float]:
        return self._token.attrs

    @property
    def _token(self) -> Token:
        if self.token is None:
            raise AttributeError("the root has no token")
        return self.token

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.type})"


def syntax_tree(tokens: Sequence[Token]) -> Node:
    """The root of `tokens`, as markdown-it-py's parser gives them."""
    root = Node(None)
    _nest(root, tokens)
    return root


def _nest(root: Node, tokens: Sequence[Token]) -> None:
    open_ = [root]
    for token in tokens:
        if token.nesting == -1:
            if len(open_) == 1:
                raise ValueError(f"{token.type} closes nothing")
            open_.pop()
            continue
        node = Node(token)
        open_[-1].children.append(node)
        if token.nesting == 1:
            open_.append(node)
        elif token.children:
            _nest(node, token.children)
    if len(open_) > 1:
        raise ValueError(f"{open_[-1].type} is not closed")
