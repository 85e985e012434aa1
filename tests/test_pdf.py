"""PDF output, checked as a reader would: poppler (pdftotext) for text and
pages, pikepdf for the archival metadata, python-docx for the DOCX beside
each PDF, LibreOffice itself to reopen a DOCX. The bundled agreement is
built twice per session (with --format pdf) and every test reads those builds."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from lxml import etree

from soffice import SOFFICE, convert_to_pdf
from test_build import hashes

REPO = Path(__file__).resolve().parent.parent
PDFTOTEXT = shutil.which("pdftotext") or ""
pytestmark = [
    pytest.mark.skipif(
        not SOFFICE,
        reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui "
        "python3-uno); .ci/run installs it",
    ),
    pytest.mark.skipif(not PDFTOTEXT, reason="pdftotext is not installed (apt-get install poppler-utils)"),
]
EDITIONS = ("base", "amendments/wijziging-1", "amendments/wijziging-2", "amendments/wijziging-3", "consolidated")
NAMES = ("nl", "fr", "nl-fr")
ALL_PDFS = [f"{edition}/{name}.pdf" for edition in EDITIONS for name in NAMES]
CONTENTS = {"nl": "Inhoud", "fr": "Table des matières", "nl-fr": "Inhoud / Table des matières"}
FOOTER = re.compile(r"^p\. \d+ / \d+$")
TOC_LINE = re.compile(r"^(.*?)\s*\.{4,}\s*(\d+)$")


def bocompile(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def build(out: Path) -> Path:
    result = bocompile("--consolidate", "--format", "docx", "--format", "akn", "--format", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("pdf-build"))


@pytest.fixture(scope="session")
def built_again(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("pdf-build-again"))


@functools.cache
def pages_of(pdf: Path, layout: bool = True) -> tuple[str, ...]:
    """The text of each page, as pdftotext lays it out (or in reading order)."""
    text = subprocess.run(
        [PDFTOTEXT, *(["-layout"] if layout else []), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return tuple(text.split("\f")[:-1])


def page_text(pdf: Path, number: int) -> str:
    return subprocess.run(
        [PDFTOTEXT, "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeeze(text: str) -> str:
    """Text without spaces, hyphens, soft breaks and Justel marks ("[1 ...]1"):
    compares across line breaks, hyphenation and the marks of changed text."""
    return re.sub(r"[\s\-\u00ad\u2011]|[\[\]]\d+", "", text)


def contents_of_pdf(pdf: Path) -> list[tuple[str, int]]:
    """(heading, page) per line of the table of contents; wrapped lines joined."""
    entries, pending = [], ""
    for page in pages_of(pdf)[1:]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if not lines or not any(TOC_LINE.match(line) for line in lines):
            break
        for line in lines[1:]:
            match = TOC_LINE.match(line)
            if match:
                entries.append((" ".join(f"{pending} {match.group(1)}".split()), int(match.group(2))))
                pending = ""
            elif not FOOTER.match(line) and line not in CONTENTS.values():
                pending = f"{pending} {line}"
    return entries


def contents_of_docx(path: Path) -> list[tuple[str, int]]:
    document = docx.Document(str(path))
    lines = [
        p.text for p in document.paragraphs if p.style is not None and p.style.style_id in ("TOC1", "TOC2", "TOC3")
    ]
    return [(" ".join(text.split("\t")[0].split()), int(text.split("\t")[1])) for text in lines]


# -- files --------------------------------------------------------------------------------


def test_every_edition_gets_its_pdfs_beside_its_docx_and_in_the_manifest(built):
    manifest = json.loads((built / "manifest.json").read_text())["files"]
    for name in ALL_PDFS:
        data = (built / name).read_bytes()
        assert data.startswith(b"%PDF-") and (built / name).with_suffix(".docx").is_file()
        assert manifest[name] == hashlib.sha256(data).hexdigest()


def test_two_builds_give_byte_identical_files(built, built_again):
    assert hashes(built) == hashes(built_again)  # every file a user sees, by path and sha256


@pytest.mark.parametrize("name", ALL_PDFS)
def test_pdf_is_pdfa_2b_with_title_language_and_embedded_fonts(built, name):
    lang = "nl" if name.endswith(("/nl.pdf", "nl-fr.pdf")) else "fr"
    title = docx.Document(str((built / name).with_suffix(".docx"))).core_properties.title
    edition = json.loads((built / "manifest.json").read_text())["editions"][name.rsplit("/", 1)[0]]
    with pikepdf.open(built / name) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == title and str(pdf.docinfo["/Title"]) == title
        assert str(pdf.Root.Lang) == f"{lang}-BE"
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts and all(
            "/FontFile2" in font.FontDescriptor
            or "/FontFile" in font.FontDescriptor
            or "/FontFile3" in font.FontDescriptor
            for font in fonts
        )
        # the edition's date, not the clock's
        assert str(pdf.docinfo["/CreationDate"]) == "D:" + edition["date"].replace("-", "") + "000000Z"


# -- table of contents --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["base/nl.pdf", "base/fr.pdf", "base/nl-fr.pdf", "consolidated/fr.pdf"])
def test_each_contents_line_ends_with_the_page_its_heading_stands_on(built, name):
    pdf = built / name
    entries = contents_of_pdf(pdf)
    headings = [
        p
        for p in docx.Document(str(pdf.with_suffix(".docx"))).element.body.iter(qn("w:pStyle"))
        if p.get(qn("w:val")) in ("Heading1", "Heading2", "Heading3")
    ]
    assert len(entries) == len(headings) > 20
    pages = [squeeze(page) for page in pages_of(pdf, layout=False)]  # page N: pdftotext -f N -l N
    for heading, page in entries:
        assert squeeze(heading) in pages[page - 1], (heading, page)
        for earlier in range(entries[0][1], page):  # nowhere in the body before that page
            assert squeeze(heading) not in pages[earlier - 1], (heading, page, earlier)


@pytest.mark.parametrize("name", ["base/nl", "base/fr", "base/nl-fr", "consolidated/nl"])
def test_docx_contents_state_the_same_pages_and_never_ask_to_update(built, name):
    path = built / f"{name}.docx"
    assert [(squeeze(h), p) for h, p in contents_of_docx(path)] == [
        (squeeze(h), p) for h, p in contents_of_pdf(built / f"{name}.pdf")
    ]
    package = zipfile.ZipFile(path)
    assert "updateFields" not in package.read("word/settings.xml").decode()
    assert "w:dirty" not in package.read("word/document.xml").decode()


def test_libreoffice_reopening_the_docx_alone_puts_headings_on_the_pages_it_states(built, tmp_path):
    """The DOCX is page-true by itself, not only through the PDF made with it."""
    convert_to_pdf([built / "base/nl.docx"], tmp_path)
    pages = [squeeze(page) for page in pages_of(tmp_path / "nl.pdf", layout=False)]
    for heading, page in contents_of_docx(built / "base/nl.docx"):
        assert squeeze(heading) in pages[page - 1], (heading, page)


# -- pagination -----------------------------------------------------------------------------


def blocks_of(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, the text blocks pdftotext finds: (text, xMin, yMin, xMax, yMax)."""
    xhtml = subprocess.run([PDFTOTEXT, "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter("{*}page"):
        pages.append(
            [
                (
                    " ".join(w.text or "" for w in block.iter("{*}word")),
                    float(block.get("xMin")),
                    float(block.get("yMin")),
                    float(block.get("xMax")),
                    float(block.get("yMax")),
                )
                for block in page.iter("{*}block")
            ]
        )
    return pages


def styled_texts(path: Path, styles: tuple[str, ...]) -> set[str]:
    body = docx.Document(str(path)).element.body
    return {
        squeeze("".join(t.text or "" for t in p.iter(qn("w:t"))))
        for p in body.iter(qn("w:p"))
        if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None and s.get(qn("w:val")) in styles
    }


@pytest.mark.parametrize("name", ALL_PDFS)
def test_no_page_ends_with_a_heading_or_a_caption(built, name):
    """Nothing of the body stands below a heading or caption in its column of the page."""
    stranded = {
        t
        for t in styled_texts(
            (built / name).with_suffix(".docx"), ("Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Caption")
        )
        if len(t) > 3
    }
    for number, blocks in enumerate(blocks_of(built / name), start=1):
        body = [b for b in blocks[1:] if not FOOTER.match(b[0].strip())]  # below the running header
        for text, x0, _, x1, y1 in body:
            if any(squeeze(text).endswith(s) for s in stranded):
                below = [b for b in body if b[2] >= y1 - 1 and b[1] < x1 and b[3] > x0 and b[0] != text]
                assert below, f"{name}: page {number} ends with {text!r}"


@pytest.mark.parametrize("name", [f"{e}/{n}.pdf" for e in ("base", "consolidated") for n in NAMES])
def test_title_page_never_overflows(built, name):
    """Page 2 starts with the table of contents (after the running header)."""
    lines = [line.strip() for line in page_text(built / name, 2).splitlines() if line.strip()]
    assert lines[1] == CONTENTS[name.rsplit("/", 1)[1].removesuffix(".pdf")]


@pytest.mark.parametrize("name", [f"{e}/{n}.pdf" for e in EDITIONS[:-1] for n in NAMES])
def test_signatures_stand_together_with_the_last_lines_of_text(built, name):
    pages = [" ".join(page.split()) for page in pages_of(built / name, layout=False)]
    signing = [i for i, page in enumerate(pages) if "Opgemaakt te Brussel" in page or "Fait à Bruxelles" in page]
    page = pages[signing[-1]]
    signatories = {s for s in styled_texts((built / name).with_suffix(".docx"), ("SignatureName",)) if s}
    assert signatories and all(s in squeeze(page) for s in signatories)
    before = page.split("Opgemaakt te" if "Opgemaakt te" in page else "Fait à")[0]
    assert len(before.split()) > 12, f"{name}: the signatures stand alone on page {signing[-1] + 1}"


def test_table_rows_never_split_and_headers_repeat(built):
    """Article 25 runs over pages: every row stands whole on one page, and
    every page the table reaches starts with its header row."""
    path = built / "base/nl.pdf"
    table = next(
        t for t in docx.Document(str(path.with_suffix(".docx"))).tables if t.cell(0, 0).text == "Kernprocessen"
    )

    def words(text: str) -> list[str]:
        return [re.sub(r"\W", "", w) for w in re.sub(r"-\n", "", text).split()]

    pages = [set(words(page)) for page in pages_of(path, layout=False)]
    counts = Counter(
        words(
            " ".join(t.text or "" for t in docx.Document(str(path.with_suffix(".docx"))).element.body.iter(qn("w:t")))
        )
    )
    holding, checked = set(), 0
    for row in table.rows[1:]:
        # words found nowhere else in the document: on one page only, unless the row splits
        own = {w for c in row.cells for w in words(c.text) if len(w) > 4 and counts[w] == 1}
        if len(own) > 2:
            where = {number for number, page in enumerate(pages) for w in own if w in page}
            assert len(where) == 1, f"row {row.cells[0].text[:30]!r} stands on pages {where}"
            holding |= where
            checked += 1
    assert checked > len(table.rows) - 5
    assert len(holding) > 1
    for index in holding:
        first = [line.split() for line in pages_of(path)[index].splitlines() if "Kernprocessen" in line]
        assert first and first[-1][:2] == ["Kernprocessen", "Aanleiding/IN"], index + 1


def test_libreoffice_hyphenates_both_languages(built):
    for lang in ("nl", "fr"):
        lines = [line.strip() for page in pages_of(built / f"base/{lang}.pdf") for line in page.splitlines()]
        broken = [(a, b) for a, b in pairwise(lines) if re.search(r"[a-zà-ÿ]{2}-$", a) and b[:1].islower()]
        assert len(broken) > 10, lang


@pytest.mark.parametrize("edition", EDITIONS)
def test_french_lines_never_break_where_a_no_break_space_stands(built, edition):
    """The PDF draws the no-break space with the space's glyph, so what shows
    is where lines break: never before : ; ! ? », after «, n°, §, art."""
    lines = [
        line.strip() for page in pages_of(built / f"{edition}/fr.pdf") for line in page.splitlines() if line.strip()
    ]
    assert not [line for line in lines if re.match(r"^[:;!?»%]", line)]
    assert not [line for line in lines if re.search(r"(«|\bn°|§|\bart\.)$", line)]


# -- failures -------------------------------------------------------------------------------


def test_without_libreoffice_the_build_says_what_to_install_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python3").symlink_to(sys.executable)
    result = bocompile("--format", "pdf", "-o", str(out), env={"PATH": str(bare)})
    assert result.returncode == 1
    assert result.stderr.startswith("--format pdf: error: LibreOffice (soffice) was not found")
    assert "libreoffice-writer-nogui python3-uno" in result.stderr and "Windows" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_conversion_past_the_timeout_is_an_error_not_a_hang(project_copy, tmp_path):
    config = project_copy / "sources/agreement.toml"
    config.write_text(config.read_text().replace("[period]", "[output]\npdf_timeout = 0.05\n\n[period]", 1))
    private = tmp_path / "tmp"  # LibreOffice's profile goes here: its processes are this test's
    private.mkdir()
    result = bocompile("--format", "pdf", "-o", str(tmp_path / "out"), cwd=project_copy, env={"TMPDIR": str(private)})
    assert result.returncode == 1
    assert "error: LibreOffice took more than 0.05 s" in result.stderr
    assert not (tmp_path / "out/base").exists()
    left = subprocess.run(["pgrep", "-f", str(private)], capture_output=True, text=True).stdout
    assert left == "" and not any(private.iterdir())  # stopped, and its profile removed


def test_agreement_toml_puts_pdf_in_the_default_formats(tmp_path):
    project = tmp_path / "mini"  # small: a fixture project with the bundled templates
    shutil.copytree(REPO / "tests/fixtures/mini/sources", project / "sources")
    shutil.copytree(REPO / "templates", project / "templates")
    config = project / "sources/agreement.toml"
    config.write_text(config.read_text().replace("[period]", '[output]\nformats = ["docx", "pdf"]\n\n[period]', 1))
    assert bocompile("-o", str(tmp_path / "out"), cwd=project).returncode == 0
    written = {p.name for p in (tmp_path / "out/base").iterdir()}
    assert written == {"nl.docx", "fr.docx", "nl-fr.docx", "nl.pdf", "fr.pdf", "nl-fr.pdf"}


def test_a_wrong_default_format_names_its_line(project_copy):
    config = project_copy / "sources/agreement.toml"
    config.write_text(config.read_text().replace("[period]", '[output]\nformats = ["docx", "odt"]\n\n[period]', 1))
    line = config.read_text().splitlines().index('formats = ["docx", "odt"]') + 1
    result = bocompile("check", cwd=project_copy)
    assert result.returncode == 1
    assert (
        f"sources/agreement.toml:{line}: error: output.formats lists 'odt'; choose from docx, akn, pdf" in result.stderr
    )
