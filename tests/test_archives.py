"""reference.docx and images that are damaged or hostile are refused with a
diagnostic naming the file, before python-docx inflates or parses them;
nothing of them reaches an output, and the previous output stays."""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
import zlib

import pytest

from hostile import REPO, bocompile, png, refused, use_images

REFERENCE = "templates/docx/reference.docx"
ORIGINAL = (REPO / REFERENCE).read_bytes()
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def package(changes: dict[str, bytes | None] | None = None, extra: list[tuple[str, bytes]] | None = None) -> bytes:
    """reference.docx rewritten: entries replaced (None: left out), others added."""
    changes, extra = changes or {}, extra or []
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = changes.get(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
        for name, data in extra:
            target.writestr(name, data)
    return out.getvalue()


def central_records(data: bytes):
    """Offsets of the central directory records (signature PK\\1\\2)."""
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        yield position
        position = data.find(b"PK\x01\x02", position + 4)


def encrypted() -> bytes:
    data = bytearray(package())
    for record in central_records(bytes(data)):
        flags = struct.unpack_from("<H", data, record + 8)[0]
        struct.pack_into("<H", data, record + 8, flags | 0x1)
    return bytes(data)


def overlapping() -> bytes:
    """The second entry's directory record points at the first entry's data."""
    data = bytearray(package())
    first, second = list(central_records(bytes(data)))[:2]
    struct.pack_into("<L", data, second + 42, struct.unpack_from("<L", data, first + 42)[0])
    return bytes(data)


def with_relationship(target: str) -> bytes:
    rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELS}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'attachedTemplate" Target="{target}" TargetMode="External"/></Relationships>'
    ).encode()
    return package(extra=[("word/_rels/settings.xml.rels", rels)])


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + ']><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:styles>'
)


def duplicated() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as source:
            for info in source.infolist():
                target.writestr(info.filename, source.read(info.filename))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is asked to write
            target.writestr("word/styles.xml", b"<x/>")
    return out.getvalue()


def entry(name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as source:
        return source.read(name).decode()


def unsectioned() -> bytes:
    with zipfile.ZipFile(io.BytesIO(ORIGINAL)) as source:
        document = source.read("word/document.xml").decode()
    start, end = document.index("<w:sectPr"), document.index("</w:sectPr>") + len("</w:sectPr>")
    return package({"word/document.xml": (document[:start] + document[end:]).encode()})


CASES = {
    "not a zip": (
        b"Dit is geen Word-document.\n",
        "is not a zip archive (a .docx is one): the file is damaged or of another kind",
    ),
    "truncated": (ORIGINAL[: len(ORIGINAL) // 2], "is not a zip archive"),
    "encrypted": (encrypted(), "is encrypted (password-protected); save it without a password"),
    "too many entries": (
        package(extra=[(f"customXml/item{n}.xml", b"<a/>") for n in range(1000)]),
        "entries; a package may hold at most 1000",
    ),
    "overlapping entries": (overlapping(), "overlaps"),
    "duplicate entries": (duplicated(), "holds two entries of the same name; the file is damaged"),
    "zip bomb": (package(extra=[("word/media/padding.xml", b"<a>" + b" " * (8 * 2**20) + b"</a>")]), "would inflate"),
    "billion laughs": (package({"word/styles.xml": LAUGHS.encode()}), "part word/styles.xml "),
    "a DOCTYPE": (
        package({"word/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'}),
        "part word/styles.xml declares a DOCTYPE, which an Office document never does",
    ),
    "remote template": (
        with_relationship("https://example.org/evil.dotm"),
        "links to something outside the document (word/_rels/settings.xml.rels: 'https://example.org/evil.dotm')",
    ),
    "linked file": (with_relationship("file:///etc/passwd"), "links to something outside the document"),
    "broken XML": (
        package({"word/document.xml": b"<w:document><w:body>"}),
        "part word/document.xml is not well-formed XML",
    ),
    "a relationship of an unknown type": (
        package(
            {
                "_rels/.rels": entry("_rels/.rels")
                .replace(
                    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"',
                    'Type="urn:unknown:core-properties"',
                )
                .encode()
            }
        ),
        "holds two parts of the same name",
    ),
    "no numbering": (
        package(
            {
                "word/_rels/document.xml.rels": re.sub(
                    r"<Relationship [^>]*numbering[^>]*/>", "", entry("word/_rels/document.xml.rels")
                ).encode()
            }
        ),
        "is not a Word document bocompile can use",
    ),
    "not a Word zip": (
        package({"word/document.xml": None, "[Content_Types].xml": None}),
        "is not a Word document bocompile can use",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_reference_docx_is_refused(built, case):
    data, message = CASES[case]
    (built / REFERENCE).write_bytes(data)
    found = refused(built)
    assert len(found) == 1 and found[0].startswith(f"{REFERENCE}: error: {REFERENCE} "), found
    assert message in found[0]


def test_a_reference_docx_without_page_setup_is_refused(built):
    (built / REFERENCE).write_bytes(unsectioned())
    for command in ((), ("check",)):
        assert refused(built, *command) == [
            f"{REFERENCE}: error: {REFERENCE} has no page size and margins; "
            "set them in Word, or start again from the default "
            "(bocompile templates copy docx/reference.docx --force)"
        ]


def test_a_sound_package_written_by_another_program_is_accepted(built):
    (built / REFERENCE).write_bytes(package())
    assert bocompile("-C", str(built)).returncode == 0


def _png_with_resolution(pixels_per_metre: int) -> bytes:
    data = png(20, 10)
    chunk = struct.pack(">IIB", pixels_per_metre, pixels_per_metre, 1)
    phys = struct.pack(">I", len(chunk)) + b"pHYs" + chunk + struct.pack(">I", zlib.crc32(b"pHYs" + chunk))
    return data[:33] + phys + data[33:]  # after the signature and IHDR


@pytest.mark.parametrize(
    "image, message",
    [
        (png(50_000, 50_000, pixels=False), "has 2,500,000,000 pixels; at most 100,000,000 are embedded"),
        (_png_with_resolution(1), "has no size (no pixels or a resolution of 0 dpi); export it again"),
        (ORIGINAL, "is not a PNG, JPEG, GIF, BMP or TIFF file that can be embedded"),
        (png(20, 10)[:20], "is not a PNG, JPEG, GIF, BMP or TIFF file that can be embedded"),
    ],
)
def test_a_bad_image_is_refused_at_its_figure(built, image, message):
    (built / "sources/images").mkdir()
    (built / "sources/images/chart.png").write_bytes(image)
    lines = use_images(built, {"nl": "images/chart.png", "fr": "images/chart.png"})
    found = refused(built)
    for lang in ("nl", "fr"):
        assert any(
            e.startswith(f"sources/{lang}/doelstellingen.md:{lines[lang]}: error: image 'images/chart.png' {message}")
            for e in found
        ), found
