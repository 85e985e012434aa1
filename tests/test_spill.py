"""A document written out as it goes (write/docx/spill.py) is byte for byte
the document held whole, however the writing is cut: whole elements, rows
of a table still being filled, one table partly out when the next opens."""

from __future__ import annotations

import pytest
from lxml import etree

from bocompile.write.docx import spill as spill_module
from bocompile.write.docx.ooxml import make, sub, text
from bocompile.write.docx.spill import Outflow

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document():
    document = etree.Element(f"{{{W}}}document", nsmap={"w": W})
    body = etree.SubElement(document, f"{{{W}}}body")
    return document, body, etree.SubElement(body, f"{{{W}}}sectPr")


def _paragraph(words: str):
    p = make("w:p")
    text(sub(p, "w:r"), words)
    return p


def _table(style: str):
    tbl = make("w:tbl")
    sub(sub(tbl, "w:tblPr"), "w:tblStyle", val=style)
    sub(tbl, "w:tblGrid")
    return tbl


def _write(document, body, flow: Outflow | None) -> bytes:
    """Two tables filled a row at a time, with paragraphs between: the way
    the side-by-side document writes its text and its data tables."""

    def add(elements):
        if flow is None:
            for element in elements:
                body[-1].addprevious(element)
        else:
            flow.append(elements)
            flow.spill()

    def fill(style: str, rows: int):
        tbl = _table(style)
        if flow is None:
            body[-1].addprevious(tbl)
        else:
            flow.open(tbl)
        for n in range(rows):
            tc = sub(sub(tbl, "w:tr"), "w:tc")
            tc.append(_paragraph(f"{style} row {n}"))
            if flow is not None:
                flow.spill()

    add([_paragraph("title"), _paragraph("contents")])
    fill("TableGrid", 7)
    add([_paragraph("between")])
    fill("TableNormal", 5)  # another head: the first table may still be partly out
    add([_paragraph("after")])
    part = etree.tostring(document, encoding="UTF-8", standalone=True)
    return part if flow is None else b"".join(flow.pieces(part))


@pytest.mark.parametrize("kept", [1, 2, 3, 4, 6, 9])
@pytest.mark.parametrize("pack_from", [spill_module.PACK_FROM, 0, 300])  # nothing packed, all, the rest of it
def test_written_out_in_any_cut_it_is_the_document_held_whole(monkeypatch, kept, pack_from):
    document, body, _ = _document()
    whole = _write(document, body, None)
    monkeypatch.setattr(spill_module, "KEPT", kept)
    monkeypatch.setattr(spill_module, "PACK_FROM", pack_from)
    document, body, section = _document()
    flow = Outflow(body, section)
    assert _write(document, body, flow) == whole
    assert len(flow.written) + len(flow.packed) > 1
    assert bool(flow.packed) == (pack_from < len(whole))
