"""Zip packages and XML parts opened defensively.

reference.docx is a zip of XML parts that the legal service edits in Word;
a damaged, encrypted, oversized or hostile one is refused here, before
python-docx inflates or parses anything. zipfile trusts the sizes the
archive declares and does not check that entries are disjoint (a trick of
zip bombs), so both are checked from the archive's own directory first.
XML is parsed without entities, network or huge-tree mode; a DOCTYPE (which
no Office part has) is refused, so entity expansion cannot happen.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

from lxml import etree

#: limits of a package (docs/format.md, "Limits")
MAX_ENTRIES = 1000
MAX_ENTRY_SIZE = 100 * 2**20
MAX_TOTAL_SIZE = 200 * 2**20
#: an entry larger than RATIO_FLOOR may inflate at most MAX_RATIO times
MAX_RATIO = 100
RATIO_FLOOR = 2**20

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
)
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class Unsafe(Exception):
    """Why a package or XML part is refused (the message follows its name)."""


@functools.lru_cache(maxsize=4)
def check_package(data: bytes) -> None:
    """Refuse a package that is not a sound, self-contained Office zip: every
    XML part must parse safely and no relationship may point outside it
    (remote templates, linked pictures), since outputs would carry them.
    Each package is checked once a process: a build opens the same
    reference.docx for each of thousands of documents (a refusal is not kept,
    so it is raised each time)."""
    with open_zip(data) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            root = parse_xml(read_entry(archive, info), info.filename)
            if info.filename.endswith(".rels"):
                for rel in root.iter(_RELS):
                    if rel.get("TargetMode") == "External":
                        raise Unsafe(
                            f"links to something outside the document ({info.filename}: "
                            f"{rel.get('Target')!r}), such as an attached template or a "
                            "linked picture; remove the link in Word (embed the picture, "
                            "detach the template) and save again"
                        )


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A ZipFile over `data` whose directory was checked against the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise Unsafe("is not a zip archive (a .docx is one): the file is damaged or of another kind") from None
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Unsafe(f"holds {len(infos)} entries; a package may hold at most {MAX_ENTRIES}")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise Unsafe("holds two entries of the same name; the file is damaged")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Unsafe("is encrypted (password-protected); save it without a password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unsafe(
                f"entry {info.filename} uses compression method {info.compress_type}; save the file again in Word"
            )
        total += info.file_size
        if info.file_size > MAX_ENTRY_SIZE or total > MAX_TOTAL_SIZE:
            raise Unsafe(
                f"inflates to more than {MAX_TOTAL_SIZE // 2**20} MB (entry "
                f"{info.filename}); a package that large is refused"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Unsafe(
                f"entry {info.filename} would inflate {info.file_size // max(info.compress_size, 1)} "
                "times (a zip bomb); it is refused"
            )
    _check_disjoint(data, infos, archive.start_dir)
    return archive


def _check_disjoint(data: bytes, infos: list[zipfile.ZipInfo], directory: int) -> None:
    """Each entry's header and data end before the next entry starts."""
    spans = sorted(infos, key=lambda i: i.header_offset)
    for info, following in zip(spans, [*spans[1:], None], strict=True):
        header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise Unsafe(f"entry {info.filename} has no valid header; the file is damaged")
        *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        end = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length + info.compress_size
        limit = following.header_offset if following is not None else directory
        if end > limit:
            raise Unsafe(
                f"entry {info.filename} overlaps "
                f"{following.filename if following else 'the zip directory'}; "
                "the file is damaged or crafted"
            )


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The inflated bytes of one entry, never more than it declares."""
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise Unsafe(f"entry {info.filename} cannot be read; the file is damaged") from None
    if len(data) != info.file_size:
        raise Unsafe(f"entry {info.filename} is not the size it declares; the file is damaged")
    return data


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse an XML part without DTD, entities or network access."""
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as error:
        raise Unsafe(f"part {name} is not well-formed XML ({error.msg}); the file is damaged") from None
    if root.getroottree().docinfo.doctype:
        raise Unsafe(
            f"part {name} declares a DOCTYPE, which an Office document never does "
            "(its entities could expand without end); it is refused"
        )
    return root
