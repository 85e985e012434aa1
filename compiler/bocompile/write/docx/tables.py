"""Table primitives: fixed column widths, header rows, cells that end well."""

from __future__ import annotations

import functools
import math
import re

from docx.oxml.ns import qn

from bocompile.write.docx.ooxml import make, paragraph, sub

CELL_MARGIN = 85  # left and right cell margin, twips; set on every table
CELL_MARGIN_V = 40  # top and bottom
CHAR_WIDTH = 90  # rough width of one character of table text, twips
LINE_HEIGHT = 240  # rough height of one line of table text with its spacing, twips
HEADER_FILL = "E7ECF4"  # light shading of header rows

_WORD_BREAKS = re.compile(r"[\s/-]+")  # where a line may break


def new_table(
    widths: list[int], *, style: str = "TableGrid", indent: int = 0, flush: bool = False, frame: bool = False
):
    """A w:tbl with a fixed layout: Word and LibreOffice then agree on the widths.
    A `flush` table (no borders) has no left cell margin, so its text lines up
    with the paragraphs around it. A `frame` table has neither borders nor
    cell margins: it only holds tables, which then line up with the page."""
    if frame:
        style = "TableNormal"
    tbl = make("w:tbl")
    pr = sub(tbl, "w:tblPr")
    sub(pr, "w:tblStyle", val=style)
    sub(pr, "w:tblW", w=sum(widths), type="dxa")
    if indent:
        sub(pr, "w:tblInd", w=indent, type="dxa")
    sub(pr, "w:tblLayout", type="fixed")
    margins = sub(pr, "w:tblCellMar")
    for side, value in (
        ("top", CELL_MARGIN_V),
        ("left", 0 if flush else CELL_MARGIN),
        ("bottom", CELL_MARGIN_V),
        ("right", 2 * CELL_MARGIN if flush else CELL_MARGIN),
    ):
        sub(margins, f"w:{side}", w=0 if frame else value, type="dxa")
    sub(pr, "w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0, noHBand=0, noVBand=1)
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", w=width)
    return tbl


def add_row(tbl, *, header: bool = False, keep: bool = False, min_height: int | None = None):
    """A w:tr; a header row repeats on every page, a kept row never splits
    (keep only rows shorter than a page: see `fits`)."""
    tr = sub(tbl, "w:tr")
    if header or keep or min_height:
        pr = sub(tr, "w:trPr")
        if keep or header:
            sub(pr, "w:cantSplit")
        if min_height:
            sub(pr, "w:trHeight", val=min_height, hRule="atLeast")
        if header:
            sub(pr, "w:tblHeader")
    return tr


def add_cell(
    tr, width: int, content: list, *, fill: str | None = None, center: bool = False, span: int = 1, closing=None
):
    """A w:tc holding `content` (over `span` grid columns); it always ends with
    a paragraph, as Word requires: `closing` (default: a spacer) after a table."""
    tc = sub(tr, "w:tc")
    pr = sub(tc, "w:tcPr")
    sub(pr, "w:tcW", w=width, type="dxa")
    if span > 1:
        sub(pr, "w:gridSpan", val=span)
    if fill:
        sub(pr, "w:shd", val="clear", color="auto", fill=fill)
    if center:
        sub(pr, "w:vAlign", val="center")
    tc.extend(content)
    if not content or content[-1].tag == qn("w:tbl"):
        tc.append(spacer() if closing is None else closing)
    return tc


def spacer():
    """A small empty paragraph: after a table, so text does not touch it and two
    tables never merge; at the end of a cell that ends with a table."""
    return paragraph(spacing={"before": 0, "after": 0, "line": 120, "lineRule": "exact"})


def hairline():
    """The paragraph Word requires after a table in a cell, as thin as it gets:
    tables stacked in a frame then read as one."""
    p = paragraph(spacing={"before": 0, "after": 0, "line": 20, "lineRule": "exact"})
    sub(sub(p.find(qn("w:pPr")), "w:rPr"), "w:sz", val=2)
    return p


def inner_width(width: int) -> int:
    """The room for text inside a cell of `width`."""
    return width - 2 * CELL_MARGIN


def column_widths(columns: list[list[str]], total: int) -> list[int]:
    """Share `total` twips among columns so that the table comes out short.

    `columns` holds each column's cell texts (paragraphs separated by a
    newline). Every column starts at its longest word, so that words are not
    broken; then width goes, step by step, where it saves the most estimated
    lines per twip; what is left is shared in proportion. A step tried on
    one column counts again only that column's lines: the others' stay as
    they are (counting the whole table for each step tried was a fifth of
    the bundled build's profile)."""
    widths = [
        CHAR_WIDTH * max((len(w) for t in col for w in _WORD_BREAKS.split(t)), default=1) + 2 * CELL_MARGIN
        for col in columns
    ]
    if sum(widths) > total:
        widths = [w * total // sum(widths) for w in widths]
    lines = [[_lines(text, width) for text in column] for column, width in zip(columns, widths, strict=True)]
    lengths = [frozenset(len(p) for text in column for p in text.split("\n")) for column in columns]
    cells = sum(map(sum, lines))
    current = _height(lines, cells)
    while True:
        room = total - sum(widths)
        best = None
        fullest = [_two_fullest(row) for row in zip(*lines, strict=True)]
        for j, column in enumerate(columns):
            others = [second if own == first else first for own, (first, second) in zip(lines[j], fullest, strict=True)]
            for delta in _steps(lengths[j], widths[j], room):
                trial = [_lines(text, widths[j] + delta) for text in column]
                height = _height([others, trial], cells - sum(lines[j]) + sum(trial))
                gain = (current - height) / delta
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, j, delta, trial, height)
        if best is None:
            break
        _, j, delta, lines[j], current = best
        widths[j] += delta
        cells = sum(map(sum, lines))
    room = total - sum(widths)
    shares = [w + room * w // sum(widths) for w in widths]
    shares[-1] += total - sum(shares)
    return shares


def fits(cells: list[str], widths: list[int], height: int) -> bool:
    """Whether a row of these cell texts (paragraphs separated by a newline)
    is, by estimate, shorter than `height` twips: only such a row is kept
    from splitting across pages."""
    return max(_lines(text, width) for text, width in zip(cells, widths, strict=True)) * LINE_HEIGHT < height


@functools.lru_cache(maxsize=65536)  # column_widths asks the same question many times
def _lines(text: str, width: int) -> int:
    return sum(_paragraph_lines(len(p), width) for p in text.split("\n"))


def _paragraph_lines(length: int, width: int) -> int:
    """The estimated lines of a paragraph of `length` characters in a cell of `width`."""
    return max(1, math.ceil(length * CHAR_WIDTH / max(CHAR_WIDTH, width - 2 * CELL_MARGIN)))


def _two_fullest(row: tuple[int, ...]) -> tuple[int, int]:
    """The most lines of a row's cells, and the most once one cell holding
    that many is left out (0 for a row of one cell)."""
    first, second = 0, 0
    for lines in row:
        if lines > first:
            first, second = lines, first
        elif lines > second:
            second = lines
    return first, second


def _height(lines: list[list[int]], cells: int) -> float:
    """Estimated lines of the table, from each column's lines per row: each
    row as high as its fullest cell; the lines of all `cells` break ties, so
    widening one of two full cells counts."""
    return sum(map(max, zip(*lines, strict=True))) + cells / 1000


def _steps(lengths: frozenset[int], width: int, room: int, first: int = 3) -> list[int]:
    """The smallest widenings of a column (at most `room`) that take a line off
    one of its paragraphs, by the lengths its paragraphs have."""
    inner = width - 2 * CELL_MARGIN
    steps = set()
    for length in lengths:
        lines = _paragraph_lines(length, width)
        if lines > 1:
            needed = math.ceil(length * CHAR_WIDTH / (lines - 1)) - inner
            if 0 < needed <= room:
                steps.add(needed)
    return sorted(steps)[:first]
