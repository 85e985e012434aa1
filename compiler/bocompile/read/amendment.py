"""Amendment files: `sources/<lang>/amendments/<id>.md`, a list of `:::` operations.

Each operation is a container whose first line names the action and its
keys; replaced or inserted text is ordinary source Markdown inside it. What
each action's line and content mean is the registry's (bocompile.operations).
"""

from __future__ import annotations

from bocompile.diagnostics import Loc, Report
from bocompile.model.amendment import Operation
from bocompile.operations import by_name, names
from bocompile.read.data import DataSeries
from bocompile.read.markdown import FileReader
from bocompile.read.syntax import Node


class AmendmentReader(FileReader):
    """Reads one amendment file of one language into operations."""

    def __init__(self, name: str, lang: str, data: dict[str, DataSeries], report: Report):
        super().__init__(name, lang, data, report)

    def operations(self, text: str) -> tuple[Operation, ...]:
        root, _ = self.parse(text)
        for block in root.children:
            if block.type == "footnote_block":
                self._collect_notes(block)
        ops = []
        for node in root.children:
            if node.type == "footnote_block":
                continue
            kind = by_name(node.type.removeprefix("container_")) if node.type.startswith("container_") else None
            if kind is None:
                self.error(
                    self.loc(node),
                    f"an amendment file holds only operations (::: {' | '.join(names())}); see docs/amendments.md",
                )
                continue
            loc = {self.lang: self.loc(node)}
            groups = kind.opening(node.info.strip())
            if groups is None:
                self.error(loc[self.lang], f"'::: {node.info.strip()}' is not understood; write '::: {kind.usage}'")
                continue
            operation = kind.read(self, node, groups, loc)
            if operation is not None:
                ops.append(operation)
        if not ops:
            self.error(Loc(self.name, 1), "the amendment holds no operation")
        return tuple(ops)

    def new_text(self, node: Node, key: str) -> tuple:
        """The one division an operation's content holds, headed {#key}."""
        content = self._structure(list(node.children), loose=True)
        if len(content) != 1 or content[0].key != key:
            self.error(self.loc(node), f"the new text must be one heading with {{#{key}}} and its content")
        return content
