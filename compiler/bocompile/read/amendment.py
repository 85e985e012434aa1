"""Amendment files: `sources/<lang>/amendments/<id>.md`, a list of `:::` operations.

Each operation is a container whose first line names the action and its
keys; replaced or inserted text is ordinary source Markdown inside it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from markdown_it.tree import SyntaxTreeNode

from bocompile.diagnostics import Loc, Report
from bocompile.model.operations import (
    Append, Insert, Operation, Reinstate, Repeal, Replace, ReplaceWords, SetCell,
)
from bocompile.read.data import DataSeries
from bocompile.read.markdown import FileReader
from bocompile.read.parser import AMENDMENT_ACTIONS, parser

K = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SYNTAX = {
    "replace": (rf"replace (?P<target>{K})(?: paragraph (?P<paragraph>\d+))?", "replace KEY [paragraph N]"),
    "insert": (rf"insert (?P<key>{K}) (?P<position>after|before|in) (?P<anchor>{K})",
               "insert NEWKEY after|before|in KEY"),
    "repeal": (rf"repeal (?P<target>{K})", "repeal KEY"),
    "replace-words": (rf"replace-words (?P<target>{K})(?: count=(?P<count>\d+))?",
                      "replace-words KEY [count=N]"),
    "append": (rf"append (?P<target>{K})", "append KEY"),
    "set-cell": (rf"set-cell (?P<table>{K}) (?P<row>{K}) (?P<column>\S+) = (?P<value>\S+)",
                 "set-cell TABLE ROW COLUMN = VALUE"),
    "reinstate": (rf"reinstate (?P<target>{K})", "reinstate KEY"),
}
WORDS = re.compile(r"^(old|new):\s?(.*)$")


class AmendmentReader(FileReader):
    """Reads one amendment file of one language into operations."""

    def __init__(self, name: str, lang: str, data: dict[str, DataSeries], report: Report):
        super().__init__(name, lang, data, report)

    def operations(self, text: str) -> tuple[Operation, ...]:
        env: dict = {}
        root = SyntaxTreeNode(parser().parse(text, env))
        for block in root.children:
            if block.type == "footnote_block":
                self._collect_notes(block)
        ops = []
        for node in root.children:
            if node.type == "footnote_block":
                continue
            action = node.type.removeprefix("container_")
            if not node.type.startswith("container_") or action not in AMENDMENT_ACTIONS:
                self.error(self.loc(node), "an amendment file holds only operations "
                           f"(::: {' | '.join(AMENDMENT_ACTIONS)}); see docs/amendments.md")
                continue
            operation = self._operation(action, node)
            if operation is not None:
                ops.append(operation)
        if not ops:
            self.error(Loc(self.name, 1), "the amendment holds no operation")
        return tuple(ops)

    def _operation(self, action: str, node: SyntaxTreeNode) -> Operation | None:
        pattern, usage = SYNTAX[action]
        match = re.fullmatch(pattern, " ".join(node.info.split()))
        loc = {self.lang: self.loc(node)}
        if not match:
            self.error(loc[self.lang], f"'::: {node.info.strip()}' is not understood; write '::: {usage}'")
            return None
        f = match.groupdict()
        if action == "replace" and f["paragraph"]:
            return Replace(f["target"], int(f["paragraph"]), self.blocks(node.children, 0), loc)
        if action in ("replace", "reinstate"):
            content = self._new_text(node, f["target"])
            return (Replace(f["target"], None, content, loc) if action == "replace"
                    else Reinstate(f["target"], content, loc))
        if action == "insert":
            content = self._new_text(node, f["key"])
            return Insert(f["key"], f["position"], f["anchor"], content, loc)
        if action == "repeal":
            if node.children:
                self.error(loc[self.lang], "a repeal has no content; leave the block empty")
            return Repeal(f["target"], loc)
        if action == "append":
            blocks = self.blocks(node.children, 0)
            if not blocks:
                self.error(loc[self.lang], "append needs the paragraph(s) or point(s) to add")
            return Append(f["target"], blocks, loc)
        if action == "replace-words":
            return self._words(node, f, loc)
        return self._cell(node, f, loc)

    def _new_text(self, node: SyntaxTreeNode, key: str) -> tuple:
        content = self._structure(list(node.children), loose=True)
        if len(content) != 1 or content[0].key != key:
            self.error(self.loc(node), f"the new text must be one heading with {{#{key}}} and "
                       "its content")
        return content

    def _words(self, node: SyntaxTreeNode, f: dict, loc) -> ReplaceWords | None:
        lines = node.children[0].children[0].content.splitlines() \
            if len(node.children) == 1 and node.children[0].type == "paragraph" else []
        pairs = dict(m.groups() for m in map(WORDS.match, lines) if m)
        if len(lines) != 2 or set(pairs) != {"old", "new"} or not pairs["old"]:
            self.error(loc[self.lang], "replace-words holds two lines: 'old: <words>' and "
                       "'new: <words>'")
            return None
        count = int(f["count"]) if f["count"] else None
        return ReplaceWords(f["target"], {self.lang: pairs["old"]}, {self.lang: pairs["new"]}, count, loc)

    def _cell(self, node: SyntaxTreeNode, f: dict, loc) -> SetCell | None:
        if node.children:
            self.error(loc[self.lang], "set-cell has no content; leave the block empty")
        try:
            value = Decimal(f["value"])
        except InvalidOperation:
            self.error(loc[self.lang], f"{f['value']!r} is not a number; write it without grouping")
            return None
        return SetCell(f["table"], f["row"], f["column"], value, loc)
