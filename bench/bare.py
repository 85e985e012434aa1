"""The floor: the Dutch text of a synthetic agreement as a DOCX, with lxml and
zipfile and nothing else.

Headings, lids, points, tables and footnotes, each paragraph with its style
and runs: what a writer cannot do without. No styles part, numbering or
bookmarks, so Word shows it in its defaults; bocompile's writer is measured
against it (bench/run.py).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from synthetic import LABEL, YEARS, Agreement, Block

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
#: the content types of WordprocessingML parts
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{WML}.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="{WML}.footnotes+xml"/>
</Types>""".encode()
PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>
</Relationships>""".encode()
DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{R}/footnotes" Target="footnotes.xml"/>
</Relationships>""".encode()


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class _Writer:
    def __init__(self, lang: str):
        self.lang = lang
        self.document = etree.Element(_w("document"), nsmap=NS)
        self.body = etree.SubElement(self.document, _w("body"))
        self.notes = etree.Element(_w("footnotes"), nsmap=NS)
        self.note_id = 0

    def paragraph(self, parent, style: str, runs: list):
        p = etree.SubElement(parent, _w("p"))
        etree.SubElement(etree.SubElement(p, _w("pPr")), _w("pStyle")).set(_w("val"), style)
        for run in runs:
            p.append(run)
        return p

    def run(self, text: str):
        r = etree.Element(_w("r"))
        t = etree.SubElement(r, _w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    def note(self, text: str):
        self.note_id += 1
        note = etree.SubElement(self.notes, _w("footnote"))
        note.set(_w("id"), str(self.note_id))
        self.paragraph(note, "FootnoteText", [self.run(text)])
        r = etree.Element(_w("r"))
        etree.SubElement(r, _w("footnoteReference")).set(_w("id"), str(self.note_id))
        return r

    def inlines(self, inlines: list) -> list:
        out = []
        for kind, value in inlines:
            if kind == "text":
                out.append(self.run(value))
            elif kind == "ref":
                out.append(self.run(value.removeprefix("art-")))
            else:
                out.append(self.note(value))
        return out

    def block(self, block: Block, agreement: Agreement, lead: str = "") -> None:
        text = block.text[self.lang]
        if lead and block.kind != "p":  # a numbered paragraph (§) that opens with a list or table
            self.paragraph(self.body, "BodyText", [self.run(lead)])
        if block.kind == "p":
            self.paragraph(self.body, "BodyText", ([self.run(lead)] if lead else []) + self.inlines(text))
        elif block.kind == "points":
            for n, point in enumerate(text, start=1):
                self.paragraph(self.body, "ListParagraph", [self.run(f"{n}° {point}")])
        elif block.kind == "table":
            self.table(text)
        else:
            (key,) = text
            rows = agreement.data[key]
            totals = [sum(v[j] for _, v in rows) for j in range(len(YEARS))]
            self.table(
                [["Begroting", *YEARS]]
                + [[f"Rij {r + 1}", *map(str, v)] for r, (_, v) in enumerate(rows)]
                + [["Totaal", *map(str, totals)]]
            )

    def table(self, rows: list[list[str]]) -> None:
        tbl = etree.SubElement(self.body, _w("tbl"))
        grid = etree.SubElement(tbl, _w("tblGrid"))
        for _ in rows[0]:
            etree.SubElement(grid, _w("gridCol")).set(_w("w"), "2000")
        for row in rows:
            tr = etree.SubElement(tbl, _w("tr"))
            for cell in row:
                self.paragraph(etree.SubElement(tr, _w("tc")), "TableText", [self.run(cell)])
        etree.SubElement(self.body, _w("p"))


def write(agreement: Agreement, lang: str = "nl") -> bytes:
    """The agreement's text in `lang` as a DOCX."""
    out = _Writer(lang)
    part_word, section_word, article_word = LABEL[lang]

    def article(a) -> None:
        out.paragraph(out.body, "Heading3", [out.run(f"{article_word} {a.number} – {a.title[lang]}")])
        for block in a.blocks:
            out.block(block, agreement)
        for n, (_, lids) in enumerate(a.paragraphs, start=1):
            for index, block in enumerate(lids):
                out.block(block, agreement, f"§ {n}. " if index == 0 else "")

    for p, part in enumerate(agreement.parts, start=1):
        out.paragraph(out.body, "Heading1", [out.run(f"{part_word} {p}. {part.title[lang]}")])
        for a in part.articles:
            article(a)
        for s, section in enumerate(part.sections, start=1):
            out.paragraph(out.body, "Heading2", [out.run(f"{section_word} {s} – {section.title[lang]}")])
            for a in section.articles:
                article(a)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr(
            "word/document.xml", etree.tostring(out.document, xml_declaration=True, encoding="UTF-8", standalone=True)
        )
        archive.writestr(
            "word/footnotes.xml", etree.tostring(out.notes, xml_declaration=True, encoding="UTF-8", standalone=True)
        )
    return buffer.getvalue()
