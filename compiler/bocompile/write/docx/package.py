"""The DOCX package: reference.docx loaded, the parts the body needs, saved.

One `Package` per output file. It owns everything that must be unique or
counted across the whole document (footnote ids, list instances, bookmark
and drawing ids, hyperlink relationships) so that the same edition always
gives the same ids, and it saves deterministically: core properties from
the edition, zip entries with a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from copy import deepcopy

import docx
import docx.document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.numbering import CT_Num
from docx.oxml.shape import CT_Inline
from docx.shared import Emu, Length

from bocompile.archive import Unsafe, check_package
from bocompile.diagnostics import Diagnostic, Loc, SourceError
from bocompile.project import BINARY_LIMIT, Project
from bocompile.template_files import Template, find
from bocompile.write.docx.ooxml import make, sub
from bocompile.write.docx.spill import Outflow

REFERENCE = "docx/reference.docx"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_AFRESH = f"start again from the default (bocompile templates copy {REFERENCE} --force)"

#: settings.xml children that must come after w:footnotePr.
_AFTER_FOOTNOTE_PR = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)

_SEPARATORS = f"""<w:footnotes {nsdecls("w", "r")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


class Package:
    """A document being written, started from reference.docx (the project's or the default)."""

    def __init__(self, project: Project, locale: str):
        reference = find(project.root, REFERENCE)
        self.reference = reference.shown(project.root)
        self.document = _reference(project, reference, self.reference)
        self.part = self.document.part
        body = self.document.element.body
        self.section = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not self.section:
                body.remove(child)
        self._set_language(locale)
        self._numbering = self.part.numbering_part.element
        self._formats = {
            str(a.find(qn("w:name")).get(qn("w:val"))): a
            for a in self._numbering.findall(qn("w:abstractNum"))
            if a.find(qn("w:name")) is not None
        }
        self._owners: dict[str, str] = {}
        self._copies: dict[tuple[str, str], object] = {}
        self._num_ids = {int(n) for n in self._numbering.xpath("./w:num/@w:numId")}
        self._free_num_id = 1  # every numId below it is used
        #: what a new w:num goes before, as python-docx's _insert_num places it
        #: (which looks for it among all the w:num each time)
        self._after_nums = self._numbering.find(qn("w:numIdMacAtCleanup"))
        self.footnotes_part = self._footnotes_part()
        self.notes = Outflow(self.footnotes_part.element)  # written out as they go
        self._settings()
        self._footnote_id = 0
        self._bookmark_id = 0
        self.body = Outflow(body, self.section)  # written out as it goes
        self._drawing_id = 0

    # -- layout facts read from the reference ------------------------------

    def text_width(self) -> int:
        """The width between the margins, in twips."""
        size, margins = self.section.find(qn("w:pgSz")), self.section.find(qn("w:pgMar"))
        return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))

    def text_height(self) -> int:
        """The height between the margins, in twips: what one page holds."""
        size, margins = self.section.find(qn("w:pgSz")), self.section.find(qn("w:pgMar"))
        return int(size.get(qn("w:h"))) - int(margins.get(qn("w:top"))) - int(margins.get(qn("w:bottom")))

    def tab_stops(self, style_id: str) -> list[int]:
        """The tab stop positions a paragraph style sets (twips)."""
        for style in self.document.styles.element.findall(qn("w:style")):
            if style.get(qn("w:styleId")) == style_id:
                return [int(tab.get(qn("w:pos"))) for tab in style.iter(qn("w:tab"))]
        return []

    def landscape(self) -> None:
        """Turn the page: the side-by-side version needs the width."""
        size = self.section.find(qn("w:pgSz"))
        width, height = sorted((int(size.get(qn("w:w"))), int(size.get(qn("w:h")))), reverse=True)
        size.set(qn("w:w"), str(width))
        size.set(qn("w:h"), str(height))
        size.set(qn("w:orient"), "landscape")

    # -- body ----------------------------------------------------------------

    def append(self, elements) -> None:
        self.body.append(elements)

    def spill(self, keep: int = 0) -> None:
        """See spill.Outflow.spill: a document's memory then follows the part being written."""
        self.body.spill(keep)

    def pour(self, elements: Iterable) -> None:
        """Append elements as they are made, written out as they go: a long
        run of them (the contents of a long agreement) is never held whole."""
        for element in elements:
            self.body.append([element])
            self.body.spill()

    # -- numbered things ---------------------------------------------------------

    def new_list(self, style: str, level: int, family: str) -> int:
        """A fresh w:num of list format `style`, restarting at 1 on `level`.

        Lists of different families (the languages of the side-by-side
        document) use separate copies of the format: LibreOffice counts all
        lists of one abstractNum together when they interleave."""
        abstract = int(self._format(style, family).get(qn("w:abstractNumId")))
        num = CT_Num.new(self._next_num_id(), abstract)
        if self._after_nums is None:
            self._numbering.append(num)
        else:
            self._after_nums.addprevious(num)
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
        return int(num.numId)

    def _next_num_id(self) -> int:
        """The first numId no w:num uses, as python-docx's add_num picks it,
        but from a set kept here: add_num searches a list of every id for each
        candidate, which grew with the cube of a long agreement's lists (46 s
        for the Dutch DOCX of 20,000 articles)."""
        while self._free_num_id in self._num_ids:
            self._free_num_id += 1
        self._num_ids.add(self._free_num_id)
        return self._free_num_id

    def list_indent(self, style: str, level: int) -> int:
        """The left indent of `level` in list format `style` (for continuation paragraphs)."""
        for lvl in self._format(style).findall(qn("w:lvl")):
            if lvl.get(qn("w:ilvl")) == str(level):
                ind = lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}")
                left = ind.get(qn("w:left"), "") if ind is not None else ""
                return int(left) if left.isdigit() else 0
        return 0

    def _format(self, style: str, family: str | None = None):
        """The abstractNum of `style`; the first family uses the reference's own,
        later families a copy of it."""
        if style not in self._formats:
            raise SourceError(
                [
                    Diagnostic(
                        Loc(self.reference, 1),
                        f"reference.docx has no list format "
                        f"named '{style}'; start again from the default "
                        f"(bocompile templates copy {REFERENCE} --force)",
                    )
                ]
            )
        if family is None or self._owners.setdefault(style, family) == family:
            return self._formats[style]
        if (style, family) not in self._copies:
            abstracts = self._numbering.findall(qn("w:abstractNum"))
            copy = deepcopy(self._formats[style])
            number = 1 + max(int(a.get(qn("w:abstractNumId"))) for a in abstracts)
            copy.set(qn("w:abstractNumId"), str(number))
            if copy.find(qn("w:nsid")) is None:  # optional in the schema, first when present
                copy.insert(0, make("w:nsid"))
            copy.find(qn("w:nsid")).set(qn("w:val"), f"{0xB0C10000 + number:08X}")
            abstracts[-1].addnext(copy)
            self._copies[(style, family)] = copy
        return self._copies[(style, family)]

    def add_footnote(self, paragraphs: list) -> int:
        """Store a note's paragraphs in word/footnotes.xml; returns its id."""
        self._footnote_id += 1
        note = make("w:footnote", id=self._footnote_id)
        for p in paragraphs:
            note.append(p)
        self.notes.append([note])
        self.notes.spill(keep=1)  # an empty w:footnotes would be written as one closed tag
        return self._footnote_id

    def bookmark_id(self) -> int:
        self._bookmark_id += 1
        return self._bookmark_id

    def hyperlink(self, part, url: str) -> str:
        """The relationship id of an external link from `part` (document or footnotes)."""
        return part.relate_to(url, RT.HYPERLINK, is_external=True)

    def picture(self, data: bytes, max_width: int):
        """A wp:inline for the image `data`, scaled down to `max_width` twips."""
        rId, image = self.part.get_or_add_image(io.BytesIO(data))
        limit = Emu(max_width * 635)
        cx: Length = image.width
        cy: Length = image.height
        if cx > limit:
            cx, cy = limit, Emu(int(cy * limit / cx))
        self._drawing_id += 1
        return CT_Inline.new_pic_inline(self._drawing_id, rId, image.filename, cx, cy)

    # -- saving ------------------------------------------------------------------

    def save(self, title: str, locale: str, date: dt.date) -> bytes:
        core = self.document.core_properties
        core.title = title
        core.author = "bocompile"
        core.last_modified_by = core.subject = core.keywords = core.comments = ""
        core.language = language_tag(locale)
        core.revision = 1
        core.created = core.modified = dt.datetime(date.year, date.month, date.day)
        return saved(self.document, {self.part.partname: self.body, self.footnotes_part.partname: self.notes})

    # -- set-up ------------------------------------------------------------------

    def _set_language(self, locale: str) -> None:
        """The document's default language: spelling and hyphenation follow it.
        The theme's font language (settings.xml) follows too, so that no part
        of a French document still says the reference's nl-BE."""
        rpr = self.document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = sub(rpr, "w:lang")
            lang.set(qn("w:val"), language_tag(locale))
        theme = self.document.settings.element.find(qn("w:themeFontLang"))
        if theme is not None:
            theme.set(qn("w:val"), language_tag(locale))

    def _footnotes_part(self) -> XmlPart:
        """A fresh word/footnotes.xml with the two separator notes Word expects."""
        for rId, rel in list(self.part.rels.items()):
            if rel.reltype == RT.FOOTNOTES:
                self.part.drop_rel(rId)
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_SEPARATORS), self.part.package)
        self.part.relate_to(part, RT.FOOTNOTES)
        return part

    def _settings(self) -> None:
        """Declare the separator notes. No w:updateFields: the table of
        contents carries its page numbers, and Word would ask on every opening."""
        settings = self.document.settings.element
        for name in ("updateFields", "footnotePr"):
            old = settings.find(qn(f"w:{name}"))
            if old is not None:
                settings.remove(old)
        notes = make("w:footnotePr")
        sub(notes, "w:footnote", id=-1)
        sub(notes, "w:footnote", id=0)
        later = [c for c in settings if c.tag in {qn(f"w:{n}") for n in _AFTER_FOOTNOTE_PR}]
        if later:
            later[0].addprevious(notes)
        else:
            settings.append(notes)


def _reference(project: Project, reference: Template, name: str) -> docx.document.Document:
    """reference.docx, the project's (through the project's door) or the
    default, checked as a package (archive.check_package) before python-docx
    opens it."""
    file = reference.own or reference.default
    if file is None:
        raise SourceError(
            [Diagnostic(Loc(name, 0), f"no {REFERENCE} in the project nor in bocompile; reinstall bocompile")]
        )
    data = project.read_template(file, BINARY_LIMIT)
    try:
        check_package(data)
        document = docx.Document(io.BytesIO(data))
        _check_usable(document)
        return document
    except Unsafe as refusal:
        message = f"{name} {refusal}"
    except Exception as error:  # python-docx raises many unrelated types for a package it cannot use
        message = (
            f"{name} is not a Word document bocompile can use ({error}); save it from Word as a .docx "
            f"document, or {_AFRESH}"
        )
    raise SourceError([Diagnostic(Loc(name, 0), message)])


def _check_usable(document: docx.document.Document) -> None:
    """What Package relies on in the reference, proven before writing starts:
    python-docx adds a missing part on first use, or fails, here rather than
    in the middle of a document."""
    numbering = document.part.numbering_part.element
    for getter in ("core_properties", "settings", "styles"):
        getattr(document, getter)
    names = [str(part.partname) for part in document.part.package.iter_parts()]
    if len(set(names)) != len(names):
        raise Unsafe(
            f"holds two parts of the same name (a relationship of an unknown type?); save it "
            f"again in Word, or {_AFRESH}"
        )
    if not _page_setup(document.element.body.find(qn("w:sectPr"))):
        raise Unsafe(f"has no page size and margins; set them in Word, or {_AFRESH}")
    if not all((a.get(qn("w:abstractNumId")) or "").isdigit() for a in numbering.findall(qn("w:abstractNum"))):
        raise Unsafe(f"has a list format without its number (w:abstractNumId); {_AFRESH}")


def _page_setup(section) -> bool:
    """Whether the section states the page size and side margins as numbers."""
    if section is None:
        return False
    size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    values = (
        []
        if size is None or margins is None
        else [size.get(qn("w:w")), size.get(qn("w:h")), margins.get(qn("w:left")), margins.get(qn("w:right"))]
    )
    return len(values) == 4 and all(v is not None and v.isdigit() for v in values)


def saved(document: docx.document.Document, outflows: dict[str, Outflow] | None = None) -> bytes:
    """The DOCX file of `document`: python-docx's own save (its entries, in its
    order), each entry compressed once and stamped with a fixed time, so the
    same sources give the same bytes; `outflows`: by part name, the part's
    element that wrote some of what it held out (Package.spill)."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = _Entries(archive, outflows or {})
        PackageWriter._write_content_types_stream(entries, package.parts)
        PackageWriter._write_pkg_rels(entries, package.rels)
        PackageWriter._write_parts(entries, package.parts)  # type: ignore[arg-type]  # a writer in all but name
    return buffer.getvalue()


class _Entries:
    """The physical writer python-docx's PackageWriter writes through: a
    fixed timestamp and attributes on each entry."""

    def __init__(self, archive: zipfile.ZipFile, outflows: dict[str, Outflow]):
        self.archive, self.outflows = archive, outflows

    def write(self, uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(uri.membername, date_time=FIXED_ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        with self.archive.open(entry, "w") as stream:  # writestr's own way, a piece at a time
            for piece in self.outflows[uri].pieces(blob) if uri in self.outflows else [blob]:
                stream.write(piece)


def language_tag(locale: str) -> str:
    """Babel's nl_BE as a BCP 47 tag: nl-BE."""
    return locale.replace("_", "-")
