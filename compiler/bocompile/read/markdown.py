"""Markdown source files to model nodes, one language at a time.

Walks markdown-it-py's syntax tree; every node keeps its file and line.
Constructs the format does not define are reported, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bocompile import model
from bocompile.diagnostics import Loc, Report
from bocompile.model.hierarchy import EITHER, a, parents
from bocompile.read.config import KEY
from bocompile.read.data import TOTAL, DataSeries
from bocompile.read.parser import parser
from bocompile.read.syntax import Node, syntax_tree
from bocompile.read.wellformed import faults

#: lists (and table cells) nest at most this deep: Word's nine list levels
MAX_LIST_DEPTH = 9
HEADING_KEY = re.compile(r"\s*\{#([^}]*)\}\s*$")
#: heading level -> the division it opens; paragraphs (§) open with a marker line
DIVISION_LEVELS = {1: "part", 2: "section", 3: "article"}
#: "§ {#key}" alone on a line opens a numbered paragraph; its text may follow on the next line
PARAGRAPH_MARKER = re.compile(r"^§\s*\{#([^}]*)\}[ \t]*(?:\n|$)")
WRITTEN_NUMBER = re.compile(r"^\s*(\d+°|[a-z]\)|\d+[.)]\s)")
WRITTEN_POINT = re.compile(r"^\s*(\d+°|[a-z]\))\s")
#: the optional label naming a data table in formulas (default: its stub)
CAPTION = "caption"
UNDEFINED_NOTE = re.compile(r"\[\^[^\]]+\]")
#: A footnote label of signs only ([^*], [^†]) is the mark printed for the note.
NOTE_MARK = re.compile(r"[^\w\s]+")

NAMES = {
    "blockquote": "block quote",
    "code_block": "indented code block",
    "fence": "code block",
    "hr": "horizontal rule",
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "code_inline": "inline code",
}


@dataclass
class _Open:
    """A division being read; frozen into a Division when the file ends."""

    kind: str
    key: str
    title: tuple
    loc: Loc
    blocks: list = field(default_factory=list)
    children: list = field(default_factory=list)

    def freeze(self, lang: str) -> model.Division:
        return model.Division(
            self.kind,
            self.key,
            {lang: self.title},
            tuple(self.blocks),
            tuple(c.freeze(lang) for c in self.children),
            {lang: self.loc},
        )


class FileReader:
    """Reads one Markdown file of one language."""

    def __init__(self, name: str, lang: str, data: dict[str, DataSeries], report: Report):
        self.name, self.lang, self.data, self.report = name, lang, data, report
        self.notes: dict[int, tuple] = {}
        self.lines: list[str] = []

    def loc(self, node: Node | None, offset: int = 0) -> Loc:
        line = node.map[0] + 1 if node is not None and node.map else 1
        return Loc(self.name, line + offset)

    def error(self, loc: Loc, message: str) -> None:
        self.report.error(loc, message)

    def parse(self, text: str) -> tuple[Node, dict]:
        """The syntax tree and parser environment of `text`; faults markdown-it
        lets pass (read/wellformed.py) are reported."""
        env: dict = {}
        tokens = parser().parse(text, env)
        self.lines = text.split("\n")
        for line, message in faults(tokens, text, env):
            self.error(Loc(self.name, line), message)
        return syntax_tree(tokens), env

    def read(self, text: str) -> tuple[model.Division, ...]:
        if not text.strip():
            self.error(
                Loc(self.name, 1),
                "the file is empty; write its part ('# Title {#key}' and "
                "its text) or remove it from files in agreement.toml",
            )
            return ()
        root, env = self.parse(text)
        for label, ident in env.get("footnotes", {}).get("refs", {}).items():
            if ident == -1:
                label = label.removeprefix(":")
                line = next((n for n, t in enumerate(self.lines, 1) if t.startswith(f"[^{label}]:")), 1)
                self.error(
                    Loc(self.name, line),
                    f"footnote [^{label}] is defined but never referenced; reference it or remove it",
                )
        body = [n for n in root.children if n.type != "footnote_block"]
        for block in root.children:
            if block.type == "footnote_block":
                self._collect_notes(block)
        return self._structure(body)

    # -- divisions ------------------------------------------------------------

    def _structure(self, nodes: list[Node], loose: bool = False) -> tuple[model.Division, ...]:
        """Headings open divisions; `loose` lets any kind stand at the top
        (amendment content: a new article is not inside a part there)."""
        parts: list[_Open] = []
        stack: list[_Open] = []
        for node in nodes:
            level = int(node.tag[1]) if node.type == "heading" else 0
            marker = PARAGRAPH_MARKER.match(node.children[0].content) if node.type == "paragraph" else None
            if level in DIVISION_LEVELS or marker:
                division = (
                    self._division(node, DIVISION_LEVELS[level]) if marker is None else self._paragraph(node, marker)
                )
                holders = parents(division.kind)
                while stack and stack[-1].kind not in holders:
                    stack.pop()
                if None not in holders and not stack and not loose:
                    self.error(
                        division.loc,
                        f"{division.kind} '{division.key}' is not inside "
                        f"{' or '.join(a(k) for k in holders if k)}; put it under the heading of one",
                    )
                    continue
                if stack and stack[-1].kind in EITHER and stack[-1].blocks:
                    self.error(
                        division.loc,
                        f"{stack[-1].kind} '{stack[-1].key}' has text of its own before "
                        f"{division.kind} '{division.key}'; an article has either no paragraphs or "
                        "only paragraphs: put that text after a § {#key} line",
                    )
                    continue
                (stack[-1].children if stack else parts).append(division)
                stack.append(division)
            elif not stack:
                self.error(
                    self.loc(node), "text before the first part heading (# Title {#key}); every text belongs to a part"
                )
            else:
                current = stack[-1]
                if current.children:
                    self.error(
                        self.loc(node),
                        f"text after the last article of {current.kind} "
                        f"'{current.key}' belongs to no article; move it into an article "
                        "or before the first one",
                    )
                    continue
                if level and current.kind not in ("article", "paragraph"):
                    self.error(self.loc(node), "a sub-heading (####) must be inside an article")
                    continue
                block = self.block(node, depth=0)
                if block is not None:
                    current.blocks.append(block)
        self._check_content(parts)
        return tuple(p.freeze(self.lang) for p in parts)

    def _check_content(self, divisions: list[_Open]) -> None:
        """An article (or a numbered paragraph) is its text: a heading alone is
        a fault. (A part or section may be opened empty by an amendment and
        filled by the next operations.)"""
        for division in divisions:
            if division.kind in ("article", "paragraph") and not division.blocks and not division.children:
                opening = "heading" if division.kind == "article" else f"'§ {{#{division.key}}}'"
                self.error(
                    division.loc,
                    f"{division.kind} '{division.key}' has a {opening} but no text; "
                    f"write its text below the {opening} or remove it",
                )
            self._check_content(division.children)

    def _paragraph(self, node: Node, marker: re.Match) -> _Open:
        """A numbered paragraph opened by "§ {#key}"; text on the lines after
        the marker, in the same Markdown paragraph, is its first lid."""
        loc, key = self.loc(node), marker.group(1).strip()
        if not KEY.match(key):
            self.error(loc, f"key {key!r} must be lower-case letters, digits and hyphens")
        division = _Open("paragraph", key, (), loc)
        inlines = self.inlines(node.children[0])
        first = inlines[0] if inlines and isinstance(inlines[0], model.Text) else model.Text("")
        rest = (model.Text(first.value[marker.end() :]),) if first.value[marker.end() :] else ()
        if rest + inlines[1:]:
            division.blocks.append(
                model.Paragraph({self.lang: _join(rest + inlines[1:])}, {self.lang: self.loc(node, 1)})
            )
        return division

    def _division(self, node: Node, kind: str) -> _Open:
        loc = self.loc(node)
        inline = node.children[0]
        title = self.inlines(inline)
        key = ""
        last = title[-1] if title else None
        match = HEADING_KEY.search(last.value) if isinstance(last, model.Text) else None
        if match and isinstance(last, model.Text):
            key = match.group(1)
            rest = last.value[: match.start()].rstrip()
            title = title[:-1] + ((model.Text(rest),) if rest else ())
        if not match:
            self.error(
                loc, f"{kind} heading has no key; end it with {{#key}}, e.g. '### Consolidatie {{#consolidatie}}'"
            )
        elif not KEY.match(key):
            self.error(loc, f"key {key!r} must be lower-case letters, digits and hyphens")
        if (
            title
            and isinstance(title[0], model.Text)
            and re.match(
                r"^\s*(artikel|article|deel|partie|"
                r"afdeling|section)?\s*\d",
                title[0].value,
                re.I,
            )
        ):
            self.error(loc, f"{kind} heading starts with a number; numbers are computed, write only the title")
        return _Open(kind, key, title, loc)

    # -- blocks ---------------------------------------------------------------

    def blocks(self, nodes, depth: int, point_depth: int = 0) -> tuple:
        result = (self.block(n, depth, point_depth) for n in nodes)
        return tuple(b for b in result if b is not None)

    def block(self, node: Node, depth: int, point_depth: int = 0):
        loc = {self.lang: self.loc(node)}
        kind = node.type
        if kind == "paragraph":
            inline = node.children[0]
            image = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
            if len(image) == 1 and image[0].type == "image":
                return self._figure(image[0], inline, loc)
            if WRITTEN_POINT.match(inline.content):
                self.error(
                    loc[self.lang],
                    "paragraph starts with a written point number; write points as a 1) list (see docs/format.md)",
                )
            return model.Paragraph({self.lang: self.inlines(inline)}, loc)
        if kind == "heading":
            level = int(node.tag[1])
            if level > 5 or depth:
                self.error(
                    loc[self.lang],
                    f"heading level {level} is not part of the format; "
                    "use #### or ##### for sub-headings inside an article",
                )
                return None
            return model.Heading(level - 3, {self.lang: self.inlines(node.children[0])}, loc)
        if kind in ("bullet_list", "ordered_list"):
            return self._list(node, depth, point_depth, loc)
        if kind == "container_table":
            return self._table(node, depth, loc)
        if kind == "container_data":
            return self._data_table(node, loc)
        self.error(loc[self.lang], f"{NAMES.get(kind, kind)} is not part of the source format (see docs/format.md)")
        return None

    def _figure(self, image: Node, paragraph: Node, loc) -> model.Figure:
        src = str(image.attrs.get("src", "")).strip() or None
        return model.Figure({self.lang: src}, {self.lang: self.inlines(image, paragraph)}, loc)

    def _list(self, node: Node, depth: int, point_depth: int, loc) -> model.ListBlock | None:
        if depth >= MAX_LIST_DEPTH:
            self.error(
                loc[self.lang],
                f"lists nest at most {MAX_LIST_DEPTH} levels deep (a table cell "
                "counts as a level), as Word numbers them; flatten this list",
            )
            return None
        if node.type == "bullet_list":
            style = "bullet"
        elif node.markup == ")":
            style = "point" if point_depth == 0 else "letter"
            if point_depth >= 2:
                self.error(loc[self.lang], "points nest two levels deep at most (1°, a)); use a bullet list below a)")
        else:
            style = "number"
        if node.type == "ordered_list" and int(node.attrs.get("start", 1)) != 1:
            self.error(loc[self.lang], "a numbered list must start at 1; numbers are computed")
        inner = point_depth + 1 if style in ("point", "letter") else point_depth
        items = []
        for item in node.children:
            first = item.children[0] if item.children else None
            if first is not None and first.type == "paragraph" and WRITTEN_NUMBER.match(first.children[0].content):
                self.error(
                    self.loc(item),
                    "list item starts with a written number; nest an ordered list with 1) instead (see docs/format.md)",
                )
            items.append(model.ListItem(self.blocks(item.children, depth + 1, inner), {self.lang: self.loc(item)}))
        return model.ListBlock(style, tuple(items), loc)

    def _table(self, node: Node, depth: int, loc) -> model.Table | None:
        rows_list = node.children[0] if len(node.children) == 1 else None
        if rows_list is None or rows_list.type != "bullet_list":
            self.error(loc[self.lang], "a ::: table holds one list of rows, each a list of cells (see docs/format.md)")
            return None
        rows = []
        for row in rows_list.children:
            cells_list = row.children[0] if len(row.children) == 1 else None
            if cells_list is None or cells_list.type != "bullet_list":
                self.error(self.loc(row), "each table row must be a list of cells: '- - cell'")
                return None
            rows.append(
                tuple(
                    model.Cell(self.blocks(cell.children, depth + 1), {self.lang: self.loc(cell)})
                    for cell in cells_list.children
                )
            )
        widths = {len(r) for r in rows}
        if len(widths) > 1:
            for row_node, cells in zip(rows_list.children, rows, strict=True):
                if len(cells) != len(rows[0]):
                    self.error(
                        self.loc(row_node), f"table row has {len(cells)} cells, the header row has {len(rows[0])}"
                    )
        return model.Table(tuple(rows), loc)

    def _data_table(self, node: Node, loc) -> model.DataTable | None:
        key = node.info.strip().removeprefix("data").strip()
        series = self.data.get(key)
        if series is None:
            self.error(loc[self.lang], f"data table '{key}' has no file sources/data/{key}.csv")
            return None
        items = node.children[0].children if node.children and node.children[0].type == "bullet_list" else []
        if len(node.children) != 1 or not items:
            self.error(loc[self.lang], "a ::: data block holds one list of labels '- key: label'")
            return None
        labels = {}
        for item in items:
            inlines = self.inlines(item.children[0].children[0]) if item.children else ()
            head = inlines[0].value if inlines and isinstance(inlines[0], model.Text) else ""
            row_key, colon, rest = head.partition(":")
            if not colon:
                self.error(self.loc(item), "a data-table label is written '- key: label'")
                continue
            if row_key.strip() in labels:
                self.error(self.loc(item), f"label for '{row_key.strip()}' given twice")
            labels[row_key.strip()] = ((model.Text(rest.lstrip()),) if rest.strip() else ()) + inlines[1:]
        wanted = ["stub"] + [k for k, _, _ in series.rows] + ([TOTAL] if series.stated_total else [])
        for missing in (k for k in wanted if k not in labels):
            self.error(loc[self.lang], f"data table '{key}' has no label for '{missing}'; add '- {missing}: ...'")
        for unknown in (k for k in labels if k not in wanted and k != CAPTION):
            self.error(loc[self.lang], f"data table '{key}' has no row '{unknown}' in {series.loc.path}")
        rows = tuple(model.DataRow(k, {self.lang: labels.get(k, ())}, v, False) for k, v, _ in series.rows)
        if series.stated_total:
            rows += (model.DataRow(TOTAL, {self.lang: labels.get(TOTAL, ())}, series.computed_total(), True),)
        stub = labels.get("stub", ())
        return model.DataTable(
            key, {self.lang: stub}, {self.lang: labels.get(CAPTION, stub)}, series.columns, rows, loc
        )

    # -- inline ---------------------------------------------------------------

    def _collect_notes(self, block: Node) -> None:
        for note in block.children:
            paragraphs = tuple(self.inlines(p.children[0]) for p in note.children if p.type == "paragraph")
            for other in (p for p in note.children if p.type != "paragraph"):
                self.error(self.loc(other), "a footnote holds paragraphs only")
            self.notes[note.meta["id"]] = (
                paragraphs,
                self.loc(note.children[0]) if note.children else Loc(self.name, 1),
            )

    def inlines(self, node: Node, where: Node | None = None) -> tuple:
        """The inline content of `node`; `where` is the inline node holding
        it in the source (for an image's caption: its paragraph), to locate
        faults at their line and column."""
        where = where or node
        return _join(tuple(self._inline(child, where) for child in node.children))

    def at(self, where: Node, needle: str, offset: int | None = None) -> Loc:
        """The place of `needle` (or of `offset`) in the inline source `where`:
        its line, and its column where the source line shows it."""
        start = where.map[0] if where.map else 0
        content = where.content or ""
        index = content.find(needle) if offset is None else offset
        if index < 0:
            return Loc(self.name, start + 1)
        line = start + content.count("\n", 0, index)
        begin = content.rfind("\n", 0, index) + 1
        end = content.find("\n", index)
        segment = content[begin : end if end >= 0 else len(content)]
        source = self.lines[line] if line < len(self.lines) else ""
        found = source.find(segment)
        return Loc(self.name, line + 1, found + index - begin + 1 if found >= 0 else 0)

    def _inline(self, node: Node, where: Node):
        kind = node.type
        if kind == "text":
            note = UNDEFINED_NOTE.search(node.content)
            if note:
                self.error(
                    self.at(where, note.group()),
                    f"footnote {note.group()} is used but not defined; add '[^label]: text'",
                )
            if "[[" in node.content:
                self.error(self.at(where, "[["), "a reference '[[' is not closed: write [[key]] on one line")
            return model.Text(node.content)
        if kind == "softbreak":
            return model.Text(" ")
        if kind == "hardbreak":
            return model.LineBreak()
        if kind == "em":
            return model.Emphasis(_join(tuple(self._inline(c, where) for c in node.children)))
        if kind == "strong":
            return model.Strong(_join(tuple(self._inline(c, where) for c in node.children)))
        if kind == "link":
            return model.Link(
                str(node.attrs.get("href", "")), _join(tuple(self._inline(c, where) for c in node.children))
            )
        if kind == "xref":
            return self._reference(node, where)
        if kind == "footnote_ref":
            paragraphs, loc = self.notes.get(node.meta["id"], ((), self.at(where, "[^")))
            label = node.meta.get("label", "")
            return model.Footnote(paragraphs, loc, label if NOTE_MARK.fullmatch(label) else "")
        self.error(
            self.at(where, (node.markup or "") + node.content),
            f"{NAMES.get(kind, kind)} is not part of the source format (see docs/format.md)",
        )
        return model.Text(node.content)

    def _reference(self, node: Node, where: Node) -> model.Reference:
        key = node.meta["key"]
        offset = node.meta["offset"] if where.content else None
        loc = self.at(where, f"[[{key}", offset)
        if not KEY.match(key):
            self.error(
                loc,
                f"[[{key}]] is not a key; a reference is written [[key]] with the key of a part, section or article",
            )
        return model.Reference(key, loc)


def _join(inlines: tuple) -> tuple:
    """Merge neighbouring Text nodes so equal text compares equal."""
    out: list = []
    for inline in inlines:
        if isinstance(inline, model.Text) and out and isinstance(out[-1], model.Text):
            out[-1] = model.Text(out[-1].value + inline.value)
        elif not (isinstance(inline, model.Text) and not inline.value):
            out.append(inline)
    return tuple(out)
