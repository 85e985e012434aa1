"""Where each text of a Markdown file stands, and how to replace it alone.

markdown-it's token maps give the lines of every paragraph and heading;
an inline token's content is the text as written, without the markers
and indentation before it. Replacing a text keeps those markers, the
indentation, whatever follows it on its last line ("{#key}" of a heading,
the "key:" of a data-table label, an image's target), and every other line
of the file as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bocompile.read.markdown import HEADING_KEY
from bocompile.read.parser import parser


@dataclass(frozen=True)
class Span:
    """One inline text: its first line (0-based) and its content as written."""

    line: int
    content: str

    @property
    def lines(self) -> int:
        return self.content.count("\n") + 1


class SourceFile:
    """The texts of one Markdown file, by the line they start on."""

    def __init__(self, text: str):
        self.text = text
        self.spans: dict[int, Span] = {}
        self.labels: dict[int, str] = {}  # a note's first line -> its label
        self.notes: dict[int, list[Span]] = {}  # a note's first line -> its paragraphs
        self.tables: dict[int, range] = {}  # a data table's first line -> its lines
        note: list[Span] | None = None
        label = ""
        for token in parser().parse(text, {}):
            if token.type == "footnote_open":
                note, label = [], token.meta["label"]
            elif token.type == "footnote_close":
                if note:
                    self.notes[note[0].line] = note
                    self.labels[note[0].line] = label
                note = None
            elif token.type == "container_data_open" and token.map:
                self.tables[token.map[0]] = range(token.map[0], token.map[1])
            elif token.type == "inline" and token.map:
                span = Span(token.map[0], token.content)
                self.spans.setdefault(span.line, span)
                if note is not None:
                    note.append(span)

    def label(self, line: int) -> str:
        """The label of the note whose text starts on `line` (1-based)."""
        return self.labels[line - 1]

    def note(self, line: int, index: int) -> Span:
        return self.notes[line - 1][index]

    def text_at(self, line: int) -> Span:
        """The paragraph or heading starting on `line` (1-based)."""
        return self.spans[line - 1]

    def label_in(self, table_line: int, key: str) -> Span | None:
        """The "- key: label" line of the data table starting on `table_line`."""
        for line in self.tables.get(table_line - 1, ()):
            span = self.spans.get(line)
            if span and span.content.partition(":")[0].strip() == key:
                return span
        return None


@dataclass(frozen=True)
class Edit:
    """New content for the text `span`, keeping `keep_before`/`keep_after`
    of its content (a data label's key, a heading's {#key})."""

    span: Span
    text: str
    keep_before: str = ""
    keep_after: str = ""


def title(span: Span, text: str) -> Edit:
    """A division heading keeps its {#key}."""
    match = HEADING_KEY.search(span.content)
    return Edit(span, text, keep_after=span.content[match.start() :] if match else "")


def data_label(span: Span, text: str) -> Edit:
    """A data-table label keeps "key: "."""
    match = re.match(r"[^:]*:\s*", span.content)
    assert match is not None, "the reader requires a data-table label's 'key:'"
    return Edit(span, text, keep_before=match.group(0))


def caption(span: Span, text: str) -> Edit:
    """A figure keeps "![" and "](target)"."""
    cut = span.content.rindex("](")
    return Edit(span, text, keep_before=span.content[: span.content.index("![") + 2], keep_after=span.content[cut:])


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with every edit made; lines no edit touches are kept byte for byte."""
    lines = text.splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: e.span.line, reverse=True):
        span = edit.span
        old = span.content.split("\n")
        first, last = lines[span.line], lines[span.line + len(old) - 1]
        before = first[: first.index(old[0])]
        after = last[last.rindex(old[-1]) + len(old[-1]) :]
        if len(old) > 1:
            match = re.match(r"[ \t]*", lines[span.line + 1])
            assert match is not None, "it matches the empty string"
            indent = match.group(0)
        else:
            indent = " " * len(before)
        new = (edit.keep_before + edit.text + edit.keep_after).split("\n")
        replaced = [before + new[0]] + [indent + line for line in new[1:]]
        replaced[-1] += after
        lines[span.line : span.line + len(old)] = [
            line if line.endswith("\n") else line + "\n" for line in replaced[:-1]
        ] + [replaced[-1]]
    return "".join(lines)
