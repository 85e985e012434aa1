"""Tracked changes in WordprocessingML, for the redline.

Words are tracked where they are rendered: the inline renderer puts the
runs of a diff's Tracked words in a w:ins or w:del (inside a hyperlink,
since w:ins may not hold one). What follows from the words is derived from
the runs: a paragraph all of whose runs are inserted is a new paragraph
(its mark is inserted too), a row all of whose paragraphs are is a new row.
A whole new or gone block or heading is tracked as such, whatever it holds
(figures, drawings). Ids, authors and dates are stamped per provision.
`count` says how many changes Word and LibreOffice list.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from copy import deepcopy
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from bocompile.diff.changes import DELETED, INSERTED, Added, Changed, Delta, Kept, Node, Removed, Tracked
from bocompile.model import Cell, DataTable, Heading, ListBlock, ListItem, Paragraph, Table
from bocompile.write.docx.ooxml import make

NAMES = {INSERTED: "w:ins", DELETED: "w:del"}
TAGS = {change: qn(name) for change, name in NAMES.items()}
#: an lxml element of WordprocessingML (lxml ships no type information)
Element = Any
#: who made a change: the w:ins or w:del, its author and its date
Identity = tuple[str, str, str]
CHANGES = {tag: change for change, tag in TAGS.items()}
P, R, TR, TC, TBL, PPR, RPR, TRPR = (qn(f"w:{name}") for name in ("p", "r", "tr", "tc", "tbl", "pPr", "rPr", "trPr"))
HYPERLINK, PPR_CHANGE = qn("w:hyperlink"), qn("w:pPrChange")
#: paragraph properties that may follow w:rPr (the paragraph mark's properties)
_AFTER_RPR = (qn("w:sectPr"), PPR_CHANGE)
#: text of a run that a deletion turns into deleted text
_DELETED_TEXT = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}


def wrap(change: str, elements: list[Element]) -> list[Element]:
    """Runs and hyperlinks (what the inline renderer returns) with their runs
    inside a w:ins or w:del; consecutive runs share one."""
    out: list[Element] = []
    for element in elements:
        if element.tag == HYPERLINK:
            runs = list(element)
            for run in runs:
                element.remove(run)
            element.extend(wrap(change, runs))
            out.append(element)
        elif out and out[-1].tag == TAGS[change]:
            out[-1].append(_as(change, element))
        else:
            wrapper = make(NAMES[change])
            wrapper.append(_as(change, element))
            out.append(wrapper)
    return out


def track_all(elements: list[Element], change: str) -> list[Element]:
    """Whole blocks or a heading, new or gone: every run, paragraph mark and row."""
    for element in elements:
        for p in element.iter(P):
            for group in _untracked(p):
                group[0].addprevious(make(NAMES[change]))
                wrapper = group[0].getprevious()
                for run in group:
                    wrapper.append(_as(change, run))
            mark(p, change)
        for tr in element.iter(TR):
            _mark_row(tr, change)
    return elements


def derive(elements: list[Element]) -> list[Element]:
    """The paragraph marks and rows a changed block's tracked words imply; an
    empty paragraph goes with its row, or with the table it follows."""
    for element in elements:
        for p in element.iter(P):
            state = _state(p)
            if state:
                mark(p, state)
        for tr in element.iter(TR):
            state = _one({_state(p) for p in tr.iter(P) if _runs(p)})
            if state:
                _mark_row(tr, state)
                for p in tr.iter(P):
                    if not _runs(p):
                        mark(p, state)
        for tbl in element.iter(TBL):
            state, after = _one({_row_state(tr) for tr in tbl.findall(TR)}), tbl.getnext()
            if state and after is not None and after.tag == P and not _runs(after):
                mark(after, state)
    return elements


def mark(p: Element, change: str) -> None:
    """Track paragraph `p`'s mark: it was inserted or deleted with its text."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = make("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = make("w:rPr")
        later = [child for child in ppr if child.tag in _AFTER_RPR]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    if rpr.find(TAGS[change]) is None:
        rpr.insert(0, make(NAMES[change]))


def restyle(p: Element, old: Element) -> None:
    """Record in `p` that its paragraph properties were those of paragraph `old`."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = make("w:pPr")
        p.insert(0, ppr)
    change = make("w:pPrChange")
    before = make("w:pPr")
    old_ppr = old.find(PPR)
    for child in old_ppr if old_ppr is not None else ():
        if child.tag not in (RPR, *_AFTER_RPR):
            before.append(deepcopy(child))
    change.append(before)
    ppr.append(change)


def stamp(elements: list[Element], author: str, date: dt.date, next_id: Callable[[], int]) -> None:
    """Give every change in `elements` not yet stamped its id, author and date."""
    when = f"{date.isoformat()}T00:00:00Z"
    for element in elements:
        for change in element.iter(*TAGS.values(), PPR_CHANGE):
            if change.get(qn("w:id")) is None:
                change.set(qn("w:id"), str(next_id()))
                change.set(qn("w:author"), author)
                change.set(qn("w:date"), when)


def in_place(delta: Delta, top: bool = True) -> bool:
    """Whether a changed block can be shown with its changes inside it. Its
    new and gone parts must be words, lists or text tables (their runs carry
    the change); a changed data table's figures and a paragraph that became
    a sub-heading with the same words (w:pPrChange: LibreOffice splits one
    around changed words) are shown only for the provision's own blocks
    (`top`). Otherwise the old block is shown deleted and the new one inserted."""
    if isinstance(delta, Kept):
        return True
    if isinstance(delta, (Added, Removed)):
        return _textual(delta.node)
    if isinstance(delta.new, DataTable):
        return top and all(isinstance(row, (Kept, Changed)) for row in delta.children["rows"])
    if delta.restyled:
        return top and not any(isinstance(item, Tracked) for words in delta.words["text"].values() for item in words)
    return all(in_place(item, top=False) for items in delta.children.values() for item in items)


def count(docx: bytes) -> int:
    """How many tracked changes LibreOffice lists in a document: adjacent
    runs and paragraph marks of one change, author and date are one; a table
    cell or a table ends it; each changed paragraph style is one."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).find(qn("w:body"))
    return _count(body, cell=False)


def _count(container: Element, cell: bool) -> int:
    total, last = 0, None
    paragraphs = container.findall(P)
    for child in container:
        if child.tag == TBL:
            last = None
            total += sum(_count(tc, cell=True) for tc in child.iter(TC) if tc.getparent().getparent() is child)
            continue
        if child.tag != P:
            continue
        atoms = [_change_of(run) for run in _runs(child)]
        ppr = child.find(PPR)
        rpr = ppr.find(RPR) if ppr is not None else None
        changed = [c for c in rpr if c.tag in CHANGES] if rpr is not None else []
        if changed:
            atoms.append(_identity(changed[0]))
        elif not (atoms and atoms[-1] and atoms[-1][0] == TAGS[INSERTED]):
            atoms.append(None)  # an unchanged mark ends a change, but LibreOffice runs an
            # insertion that ends a paragraph on into the next one
        if cell and child is paragraphs[-1]:
            atoms = atoms[: len(_runs(child))]  # the last mark of a cell is never tracked
        for atom in atoms:
            if atom is not None and atom != last:
                total += 1
            last = atom
        if ppr is not None and ppr.find(PPR_CHANGE) is not None:
            total += 1
    return total


def _identity(change: Element) -> Identity:
    return (change.tag, change.get(qn("w:author")), change.get(qn("w:date")))


def _change_of(run: Element) -> Identity | None:
    """The w:ins or w:del a run stands in (its identity), or None."""
    parent = run.getparent()
    while parent is not None and parent.tag != P:
        if parent.tag in CHANGES:
            return _identity(parent)
        parent = parent.getparent()
    return None


def _runs(p: Element) -> list[Element]:
    """The runs of paragraph `p` that hold something (text, a break, a note, a drawing)."""
    return [run for run in p.iter(R) if any(child.tag != RPR for child in run)]


def _state(p: Element) -> str | None:
    """INSERTED or DELETED if every run of `p` is; else None."""
    return _one({CHANGES[found[0]] if found else None for found in map(_change_of, _runs(p))})


def _one(states: set[str | None]) -> str | None:
    """The change all of them share, if they share one."""
    return states.pop() if len(states) == 1 else None


def _row_state(tr: Element) -> str | None:
    trpr = tr.find(TRPR)
    found = [child.tag for child in trpr if child.tag in CHANGES] if trpr is not None else []
    return CHANGES[found[0]] if found else None


def _mark_row(tr: Element, change: str) -> None:
    trpr = tr.find(TRPR)
    if trpr is None:
        trpr = make("w:trPr")
        tr.insert(1 if tr[0].tag == qn("w:tblPrEx") else 0, trpr)
    if trpr.find(TAGS[change]) is None:
        trpr.append(make(NAMES[change]))


def _untracked(p: Element) -> list[list[Element]]:
    """Groups of consecutive runs of `p` (or of one of its hyperlinks) that
    are in no w:ins or w:del yet."""
    groups: list[list] = []
    for parent in [p, *p.findall(HYPERLINK)]:
        group: list = []
        for child in parent:
            if child.tag == R:
                group.append(child)
            elif group:
                groups.append(group)
                group = []
        if group:
            groups.append(group)
    return groups


def _as(change: str, run: Element) -> Element:
    """A run as it stands in a deletion: its text is deleted text."""
    if change == DELETED:
        for element in run.iter(*_DELETED_TEXT):
            element.tag = _DELETED_TEXT[element.tag]
    return run


def _textual(node: Node) -> bool:
    """Whether every paragraph `node` renders is made of its words (no figure,
    no generated figures), so its runs say it was inserted or deleted."""
    if isinstance(node, tuple):  # a table row
        return all(_textual(cell) for cell in node)
    if isinstance(node, (Paragraph, Heading)):
        return True
    if isinstance(node, ListBlock):
        return all(_textual(item) for item in node.items)
    if isinstance(node, ListItem):
        return bool(node.blocks) and isinstance(node.blocks[0], Paragraph) and all(map(_textual, node.blocks))
    if isinstance(node, Table):
        return all(_textual(row) for row in node.rows)
    if isinstance(node, Cell):
        return all(map(_textual, node.blocks))
    return False
