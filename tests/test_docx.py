"""DOCX writer, checked through real readers: python-docx, docx2python, LibreOffice."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs

from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.instrument import instrument_editions
from bocompile.diagnostics import Loc
from bocompile.model import Division, Emphasis, Footnote, LineBreak, Link, Paragraph, Strong, Text, walk_divisions
from bocompile.project import Project
from bocompile.write.docx import package as package_module
from bocompile.write.docx import spill as spill_module
from bocompile.write.docx import write_docx
from soffice import SOFFICE, convert_to_pdf

REPO = Path(__file__).resolve().parent.parent
LANGS = ("nl", "fr")
SIGNED = {  # as typeset: a no-break space between day and month
    "nl": "Opgemaakt te Brussel op 28\u00a0februari 2019 in twee exemplaren.",
    "fr": "Fait à Bruxelles, le 28\u00a0février 2019, en deux exemplaires.",
}
IPC_NOTE = {
    "nl": "buiten ontvangsten en uitgaven voor de realisatie van informatiecampagnes",
    "fr": "hors recettes et dépenses liées à la réalisation de campagnes d'information",
}


@pytest.fixture(scope="module")
def files(edition) -> dict[str, bytes]:
    return write_docx(edition, LANGS)


@pytest.fixture(scope="module")
def folder(files, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    for name, data in files.items():
        (out / name).write_bytes(data)
    return out


def open_docx(folder: Path, name: str):
    return docx.Document(str(folder / name))


def styled(document, style_id: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.style_id == style_id]


def body_paragraphs(path: Path) -> list[str]:
    with docx2python(path) as read:
        return list(iter_paragraphs(read.body))


def divisions(edition) -> dict[str, Division]:
    return {d.key: d for d in walk_divisions(edition.agreement.parts)}


def plain(inlines) -> str:
    return "".join(i.value for i in inlines if isinstance(i, Text))


def texts(element) -> str:
    """The w:t text inside an element (python-docx's classes change itertext)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def part_xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


# -- files -------------------------------------------------------------------


def test_one_file_per_language_and_the_side_by_side_version(files, edition):
    assert set(files) == {"nl.docx", "fr.docx", "nl-fr.docx"}
    assert set(write_docx(edition, ("fr",))) == {"fr.docx"}


# -- headings ------------------------------------------------------------------


def test_article_headings_with_their_labels(folder):
    nl = styled(open_docx(folder, "nl.docx"), "Heading3")
    fr = styled(open_docx(folder, "fr.docx"), "Heading3")
    assert len(nl) == len(fr) == 29
    assert nl[0] == "Artikel 1 – Draagwijdte van deze bestuursovereenkomst"
    assert nl[7] == "Artikel 8 – Consolidatie van de verbintenissen"
    assert fr[0].startswith("Article 1er – ")
    assert fr[7] == "Article 8 – Consolidation des engagements"
    for number, (n, f) in enumerate(zip(nl, fr, strict=True), start=1):
        assert n.startswith(f"Artikel {number} – ")
        assert f.startswith(f"Article {number}{'er' if number == 1 else ''} – ")


def test_part_and_section_headings(folder):
    nl, fr = open_docx(folder, "nl.docx"), open_docx(folder, "fr.docx")
    assert styled(nl, "Heading1")[0] == "Deel 1. Definities en draagwijdte van de bestuursovereenkomst"
    assert styled(fr, "Heading1")[3].startswith("Partie 4. ")
    assert styled(nl, "Heading2")[2].startswith("Afdeling 3 – ")
    assert styled(fr, "Heading2")[2].startswith("Section 3 – ")


def test_an_independent_reader_sees_the_headings(folder):
    nl = body_paragraphs(folder / "nl.docx")
    fr = body_paragraphs(folder / "fr.docx")
    assert "Artikel 25 – Kernprocessen" in nl
    assert "Deel 4. Invulling van de transversale doelstellingen voor alle FOD’s" in nl
    assert any(p.startswith("Article 1er – ") for p in fr)
    assert any(p.startswith("Partie 4. ") for p in fr)


# -- front matter, header, footer ---------------------------------------------------


def test_title_page_names_the_parties_and_the_period(folder):
    paragraphs = [p.strip() for p in body_paragraphs(folder / "fr.docx")]
    start = paragraphs.index("Contrat d'administration 2019-2021")
    cover = paragraphs[start : start + 8]
    assert "Service public fédéral Chancellerie du Premier Ministre" in cover
    assert "Le Gouvernement fédéral" in cover
    assert "pour la période du 1er\u00a0janvier 2019 au 31\u00a0décembre 2021" in cover


def test_table_of_contents_field_never_asks_to_update(files):
    """Without a layout (no pdf step) the contents list the headings as links,
    without page numbers; nothing makes Word ask to update fields."""
    for name, heading in (("nl.docx", "Inhoud"), ("fr.docx", "Table des matières")):
        body = part_xml(files[name], "word/document.xml")
        assert 'TOC \\o "1-3" \\h \\z \\u' in body
        assert "w:dirty" not in body
        assert f">{heading}<" in body
        assert "updateFields" not in part_xml(files[name], "word/settings.xml")
        toc = [p for p in docx.Document(io.BytesIO(files[name])).paragraphs if p.style.style_id == "TOC3"]
        assert toc and not any("\t" in p.text or p.text[-1:].isdigit() for p in toc)


def test_header_has_the_title_and_footer_the_page_numbers(folder):
    section = open_docx(folder, "fr.docx").sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Contrat d’administration 2019-2021"  # typeset
    footer = section.footer.paragraphs[0]._p
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("p. ")


# -- inline content ---------------------------------------------------------------


def test_footnote_lives_in_the_footnotes_part(files, folder):
    for lang in LANGS:
        data = files[f"{lang}.docx"]
        assert IPC_NOTE[lang] in part_xml(data, "word/footnotes.xml")
        body = part_xml(data, "word/document.xml")
        assert IPC_NOTE[lang] not in body
        assert "<w:footnoteReference " in body
        assert "footnotes+xml" in part_xml(data, "[Content_Types].xml")
        with docx2python(folder / f"{lang}.docx") as read:
            notes = "\n".join(iter_paragraphs(read.footnotes))
            body_text = "\n".join(iter_paragraphs(read.body))
        assert IPC_NOTE[lang] in notes
        assert IPC_NOTE[lang] not in body_text


def test_cross_reference_is_a_link_to_the_bookmarked_heading(compiled, tmp_path):
    """Amendment nr. 3 completes article 12 with a reference to article 11 (the
    signed text itself holds none)."""
    files = write_docx(consolidated_edition(compiled), LANGS)
    for lang, label in (("nl", "Artikel 11 – "), ("fr", "Article 11 – ")):
        (tmp_path / f"{lang}.docx").write_bytes(files[f"{lang}.docx"])
        document = open_docx(tmp_path, f"{lang}.docx")
        marks = {b.get(qn("w:name")): b.getparent() for b in document.element.body.iter(qn("w:bookmarkStart"))}
        article_12 = next(
            p
            for p in document.paragraphs
            if p.style.style_id == "Heading3" and p.text.startswith(label.replace("11", "12"))
        )
        appended = article_12._p.getnext().getnext()
        links = [h for h in appended.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
        assert [texts(link) for link in links] == ["28", "11"]
        target = marks[links[1].get(qn("w:anchor"))]
        assert texts(target).startswith(label)


def test_lists_are_numbered_and_restart(folder):
    paragraphs = body_paragraphs(folder / "nl.docx")
    mission = paragraphs.index(next(p for p in paragraphs if p.startswith("15 mei 2001.")))
    assert paragraphs[mission + 1].startswith("1)\tde administratieve en logistieke taken")
    assert paragraphs[mission + 6].startswith("6)\tde administratieve en logistieke ondersteuning")
    challenges = next(
        i
        for i, p in enumerate(paragraphs)
        if p.endswith("door de kwaliteit en de continuïteit van de diensten die we aanbieden")
    )
    assert paragraphs[challenges].startswith("1)\t")
    welfare = paragraphs.index("7)\tWelzijn en motivatie van het personeel")
    assert paragraphs[welfare + 1] == "\t--\tdoor werkinstrumenten en -processen te verbeteren"  # one level in


def test_reference_docx_is_what_its_script_makes():
    spec = importlib.util.spec_from_file_location("make_reference_docx", REPO / "tools" / "make_reference_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (REPO / "templates" / "docx" / "reference.docx").read_bytes()


def test_list_formats_come_from_the_reference(files):
    numbering = part_xml(files["nl.docx"], "word/numbering.xml")
    assert 'w:lvlText w:val="%1°"' in numbering
    assert 'w:lvlText w:val="%2)"' in numbering
    assert "<w:startOverride " in numbering


# -- tables ---------------------------------------------------------------------


def table_starting_with(document, text: str):
    return next(t for t in document.tables if t.cell(0, 0).text == text)


def test_text_table_repeats_its_header_row_and_keeps_multi_paragraph_cells(folder):
    table = table_starting_with(open_docx(folder, "nl.docx"), "Kernprocessen")
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert len(table.rows) == 17 and len(table.columns) == 5
    assert len(table.cell(1, 3).paragraphs) == 4
    assert table.cell(1, 3).paragraphs[1].text == "Specifieke ICT-support"
    assert table._tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == "TableGrid"


@pytest.mark.parametrize(
    "lang, stub, total",
    [("nl", "Begroting / vastleggingskredieten", "Totaal"), ("fr", "Budget / crédits d'engagement", "Total")],
)
def test_budget_figures_formatted_and_totals_bold(folder, lang, stub, total):
    document = open_docx(folder, f"{lang}.docx")
    fod = table_starting_with(document, stub)
    services = table_starting_with(document, "BUDGET / crédits d’engagement")  # as signed, in both languages
    assert [c.text for c in fod.rows[0].cells] == [stub, "2019", "2020", "2021"]
    assert [c.text for c in fod.rows[-1].cells] == [total, "206.746", "108.168", "109.201"]
    assert services.rows[-1].cells[1].text == "81.714"
    for cell in fod.rows[-1].cells:
        assert all(run.bold for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in fod.rows[1].cells[1].paragraphs[0].runs)
    assert fod.rows[1].cells[1].paragraphs[0].alignment == 2  # right
    assert fod.rows[1].cells[1].text == "4.435"


def test_placeholder_figure_is_a_framed_box_with_its_caption(folder):
    table = table_starting_with(
        open_docx(folder, "nl.docx"),
        "Organogram van de FOD Kanselarij van de Eerste Minister (niet opgenomen in deze versie)",
    )
    assert len(table.rows) == len(table.columns) == 1
    assert table.cell(0, 0).paragraphs[0].style.style_id == "Caption"


def test_figure_with_an_image_is_embedded_above_its_caption(edition, tmp_path):
    root = tmp_path / "project"
    (root / "sources" / "images").mkdir(parents=True)
    (root / "sources" / "images" / "chart.png").write_bytes(_png(40, 20))
    shutil.copytree(REPO / "templates", root / "templates")
    figure = divisions(edition)["structuur"].blocks[0]
    changed = dataclasses.replace(
        replace_blocks(
            edition,
            "structuur",
            (dataclasses.replace(figure, src={"nl": "images/chart.png", "fr": "images/chart.png"}),),
        ),
        project=Project(root),
    )
    data = write_docx(changed, ("nl",))["nl.docx"]
    assert "word/media/image1.png" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    (tmp_path / "nl.docx").write_bytes(data)
    document = open_docx(tmp_path, "nl.docx")
    assert len(document.inline_shapes) == 1
    picture = next(p for p in document.paragraphs if p._p.find(f".//{qn('w:drawing')}") is not None)
    caption = picture._p.getnext()
    assert texts(caption).startswith("Organogram van de FOD")


def test_emphasis_strong_breaks_and_links(edition, tmp_path):
    here = Loc("test.md", 1)
    note = Footnote(((Text("Zie "), Link("https://kanselarij.belgium.be", (Text("de site"),))),), here)
    text = (
        Text("Een "),
        Emphasis((Text("nadrukkelijk"),)),
        Text(" en "),
        Strong((Text("sterk"),)),
        Text(" woord"),
        LineBreak(),
        Link("https://www.belgium.be", (Text("belgium.be"),)),
        note,
    )
    paragraph = Paragraph({"nl": text, "fr": text}, {"nl": here, "fr": here})
    data = write_docx(replace_blocks(edition, "consolidatie", (paragraph,)), ("nl",))["nl.docx"]
    (tmp_path / "nl.docx").write_bytes(data)
    document = open_docx(tmp_path, "nl.docx")
    p = next(p for p in document.paragraphs if p.text.startswith("Een nadrukkelijk"))
    runs = {r.text: r for r in p.runs}
    assert runs["nadrukkelijk"].italic and not runs["nadrukkelijk"].bold
    assert runs["sterk"].bold and not runs["sterk"].italic
    assert p._p.find(f".//{qn('w:br')}") is not None
    link = next(h for h in p._p.iter(qn("w:hyperlink")))
    assert texts(link) == "belgium.be"
    assert document.part.rels[link.get(qn("r:id"))].target_ref == "https://www.belgium.be"
    notes = document.part.part_related_by(RT.FOOTNOTES)
    assert 'r:id="' in part_xml(data, "word/footnotes.xml")
    assert "https://kanselarij.belgium.be" in [r.target_ref for r in notes.rels.values()]


def replace_blocks(edition, key: str, blocks: tuple):
    """The edition with the blocks of division `key` replaced."""

    def visit(division: Division) -> Division:
        return dataclasses.replace(
            division,
            blocks=blocks if division.key == key else division.blocks,
            children=tuple(visit(c) for c in division.children),
        )

    agreement = dataclasses.replace(edition.agreement, parts=tuple(map(visit, edition.agreement.parts)))
    return dataclasses.replace(edition, agreement=agreement)


def _png(width: int, height: int) -> bytes:
    """A small grey PNG, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# -- signature ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, names",
    [
        ("nl", ["Mevrouw Françoise Audag-Dechamps", "De heer Charles Michel"]),
        ("fr", ["Mme Françoise Audag-Dechamps", "M. Charles Michel"]),
    ],
)
def test_signature_block_names_every_signatory(folder, edition, lang, names):
    paragraphs = body_paragraphs(folder / f"{lang}.docx")
    signed = paragraphs.index(SIGNED[lang])
    block = paragraphs[signed:]
    assert [p for p in block if p in names] == names  # with their honorifics, under the space to sign
    for party in edition.config.parties:
        assert party.name[lang] in block
        for signatory in party.signatories:
            assert signatory.function[lang] in block


# -- side by side ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def parallel(folder):
    """The side-by-side document and the rows of its text tables (NL cell, FR cell)."""
    document = open_docx(folder, "nl-fr.docx")
    runs = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["Nederlands", "Français"]]
    return document, [(row.cells[0].text, row.cells[1].text) for t in runs for row in t.rows[1:]]


def test_side_by_side_text_stands_in_tables_with_a_repeated_language_header(parallel):
    document, rows = parallel
    runs = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["Nederlands", "Français"]]
    assert len(runs) > 1  # text tables and data tables of the agreement interrupt the run
    assert all(t.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for t in runs)
    assert document.sections[0].page_width > document.sections[0].page_height
    cover = document.tables[0]
    assert [cell.paragraphs[0].text for cell in cover.rows[0].cells] == [
        "Bestuursovereenkomst 2019-2021",
        "Contrat d'administration 2019-2021",
    ]  # title pages side by side


def test_side_by_side_headings_share_the_row_of_what_follows(parallel, edition):
    _, rows = parallel
    assert any(
        nl.startswith("Artikel 8 – Consolidatie van de verbintenissen\n")
        and fr.startswith("Article 8 – Consolidation des engagements\n")
        for nl, fr in rows
    )
    assert any(nl.startswith("Deel 4. ") and fr.startswith("Partie 4. ") for nl, fr in rows)
    by_key = divisions(edition)
    for key in ("consolidatie", "kader", "beheersprincipes"):
        for paragraph in by_key[key].blocks:
            assert any(plain(paragraph.text["nl"]) in nl and plain(paragraph.text["fr"]) in fr for nl, fr in rows)
    last_nl, last_fr = rows[-1]  # the signatures share the row of the last lines of text
    assert SIGNED["nl"] in last_nl and SIGNED["fr"] in last_fr and not last_nl.startswith(SIGNED["nl"])


def test_side_by_side_lists_and_notes(parallel, files):
    _, rows = parallel
    assert (
        "de administratieve en logistieke taken met betrekking tot de voorbereiding en de follow-up van "
        "de vergaderingen van de Ministerraad;",
        "les tâches administratives et logistiques relatives à la préparation et au suivi des réunions "
        "du Conseil des ministres\xa0;",
    ) in rows
    notes = part_xml(files["nl-fr.docx"], "word/footnotes.xml")
    assert IPC_NOTE["nl"] in notes and IPC_NOTE["fr"] in notes


def test_side_by_side_data_table_is_one_row_per_figure_row_with_headers_on_both_sides(parallel):
    document, _ = parallel
    budget = table_starting_with(document, "Begroting / vastleggingskredieten")
    assert [c.text for c in budget.rows[0].cells] == [
        "Begroting / vastleggingskredieten",
        "2019",
        "2020",
        "2021",
        "Budget / crédits d'engagement",
        "2019",
        "2020",
        "2021",
    ]
    assert budget.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(len(row.cells) == 8 for row in budget.rows)
    total = [c.text for c in budget.rows[-1].cells]
    assert total[0] == "Totaal" and total[4] == "Total" and total[1] == total[5] == "206.746"


# -- other editions: consolidated text, amendment instrument -------------------------------


def test_consolidated_text_has_its_state_notes_and_concordance(compiled, tmp_path):
    edition = consolidated_edition(compiled, None, True)
    data = write_docx(edition, ("nl",))["nl.docx"]
    (tmp_path / "nl.docx").write_bytes(data)
    document = open_docx(tmp_path, "nl.docx")
    titles = [p.text for p in document.paragraphs[:4]]
    assert titles[0] == edition.title["nl"]
    assert titles[1] == edition.front["nl"][0]
    justel = [p for p in document.paragraphs if p.style.style_id == "JustelNote"]
    assert "(1)<Wijziging nr.\u00a01 van 10\u00a0december 2019, art.\u00a02, i.w. 1\u00a0januari 2020>." in [
        p.text for p in justel
    ]
    heading = next(
        p for p in document.paragraphs if p.style.style_id == "Heading3" and p.text.startswith("Artikel 30 – ")
    )
    assert [(r.text, r.font.superscript) for r in heading.runs[:4]] == [
        ("Artikel 30 – ", None),
        ("[", None),
        ("1", True),
        (" ", None),
    ]  # "[1 " opens the inserted text
    concordance = table_starting_with(document, "Oude nummering")
    assert len(concordance.rows) > 1
    assert not any(p.style.style_id == "SignatureParty" for p in document.paragraphs)  # not signed


def test_amendment_instrument_is_signed_on_its_own_date(compiled, tmp_path):
    edition = instrument_editions(compiled)[0]
    data = write_docx(edition, ("nl", "fr"))
    (tmp_path / "fr.docx").write_bytes(data["fr.docx"])
    document = open_docx(tmp_path, "fr.docx")
    assert document.paragraphs[0].text == edition.title["fr"]
    assert [p.text for p in document.paragraphs if p.style.style_id == "Heading3"][0] == "Article 1er."
    assert "TOC \\o" not in part_xml(data["fr.docx"], "word/document.xml")  # nothing to list
    signed = edition.date_text(edition.signed, "fr")
    assert any(p.text.startswith(f"Fait à Bruxelles, le {signed}") for p in document.paragraphs)


# -- determinism ------------------------------------------------------------------


def test_same_edition_same_bytes(files, edition):
    assert write_docx(edition, LANGS) == files


def test_zip_entries_have_fixed_timestamps_and_order(files):
    entries = zipfile.ZipFile(io.BytesIO(files["nl.docx"])).infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties_come_from_the_edition(folder, edition):
    core = open_docx(folder, "nl.docx").core_properties
    assert core.created.date() == core.modified.date() == edition.date
    assert core.title == "Bestuursovereenkomst 2019-2021"
    assert core.revision == 1


def test_same_bytes_in_another_time_zone_hash_seed_and_locale(files):
    script = (
        "import hashlib, json\n"
        "from pathlib import Path\n"
        "from bocompile.compose.signed import base_edition\n"
        "from bocompile.load import load\n"
        "from bocompile.project import Project\n"
        "from bocompile.write.docx import write_docx\n"
        f"files = write_docx(base_edition(load(Project.open(Path({str(REPO)!r})))), ('nl', 'fr'))\n"
        "print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in files.items()}))\n"
    )
    env = dict(os.environ, TZ="Pacific/Kiritimati", PYTHONHASHSEED="12345", LC_ALL="C", LANG="C")
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, cwd="/"
    )
    expected = {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}
    assert json.loads(result.stdout) == expected


# -- schema ---------------------------------------------------------------------------


def test_word_would_open_every_file_without_repair(folder, compiled, tmp_path):
    audit = pytest.importorskip("openxml_audit", reason="openxml-audit (PyPI) is not installed")
    consolidated = write_docx(consolidated_edition(compiled, None, True), LANGS)
    for name, data in consolidated.items():
        (tmp_path / name).write_bytes(data)
    for path in [folder / name for name in ("nl.docx", "fr.docx", "nl-fr.docx")] + sorted(tmp_path.iterdir()):
        # a fresh validator per file: one instance carries footnote ids from
        # one package over to the next and reports them missing (0.8.0)
        validator = audit.OpenXmlValidator(file_format=audit.FileFormat.MICROSOFT_365)
        result = validator.validate(str(path))
        assert result.is_valid, (path.name, [str(e) for e in result.errors])


# -- LibreOffice --------------------------------------------------------------------

PDFTOTEXT = shutil.which("pdftotext") or ""


@pytest.fixture(scope="module")
def pdfs(folder, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    convert_to_pdf([folder / name for name in ("nl.docx", "fr.docx", "nl-fr.docx")], out)
    return out


@pytest.mark.skipif(
    not SOFFICE, reason="LibreOffice (soffice) is not on PATH; install the Debian package libreoffice-writer-nogui"
)
@pytest.mark.skipif(not PDFTOTEXT, reason="pdftotext is not on PATH; install poppler-utils")
@pytest.mark.parametrize(
    "name, headings",
    [
        ("nl", ["Artikel 1 – Draagwijdte", "Artikel 25 – Kernprocessen", "Artikel 29 – Schema van middelen"]),
        ("fr", ["Article 1er – ", "Article 25 – ", "Article 29 – "]),
        ("nl-fr", ["Artikel 8 – Consolidatie", "Article 8 – Consolidation", "Artikel 29 – "]),
    ],
)
def test_libreoffice_converts_to_pdf(pdfs, name, headings):
    pdf = pdfs / f"{name}.pdf"
    assert pdf.is_file()
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) > 5
    body = " ".join(" ".join(pages[2:]).split())
    for heading in headings:
        assert heading in body
    assert "206.746" in body


@pytest.mark.skipif(not SOFFICE or not PDFTOTEXT, reason="LibreOffice and pdftotext are needed")
def test_libreoffice_prints_the_signed_star_of_the_budget_note(pdfs):
    text = subprocess.run([PDFTOTEXT, str(pdfs / "nl.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "Internationaal Perscentrum – Résidence Palace (IPC)*" in text
    assert re.search(r"\*\s+buiten ontvangsten en uitgaven voor de realisatie van informatiecampagnes", text)


def test_side_by_side_wide_table_stands_nl_row_above_fr_row_in_rows_that_do_not_split(files):
    body = docx.Document(io.BytesIO(files["nl-fr.docx"])).element.body
    frame = next(
        t
        for t in body.iter(qn("w:tbl"))
        if t.find(f".//{qn('w:tbl')}") is not None and "Kernprocessen" in texts(t) and t.getparent() is body
    )
    rows = frame.findall(qn("w:tr"))
    nested = [
        [texts(tr.find(qn("w:tc"))) for tr in row.find(f"{qn('w:tc')}/{qn('w:tbl')}").findall(qn("w:tr"))]
        for row in rows
    ]
    # article 25: its heading, then the header row in NL above FR, all in one repeated frame row
    assert nested[0] == ["Artikel 25 – KernprocessenArticle 25 – Processus clés", "Kernprocessen", "Processus clés"]
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert len(rows) == 17 and all(len(pair) == 2 for pair in nested[1:])
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows[1:])


def test_a_document_written_out_as_it_goes_is_byte_for_byte_the_one_held_whole(files, edition, monkeypatch):
    """A long document writes its first elements out as XML and lets them go
    (Package.spill), the side-by-side text a row at a time; here after every
    element and every row, on the bundled agreement."""
    monkeypatch.setattr(spill_module, "KEPT", 1)
    held: list[int] = []
    written: dict[int, int] = {}
    spill = package_module.Package.spill

    def counted(self, keep=0):
        spill(self, keep)
        held.append(len(self.section.getparent()))
        written[id(self)] = len(self.body.written)

    monkeypatch.setattr(package_module.Package, "spill", counted)
    spilled = write_docx(edition, LANGS)
    assert held and max(held) <= 2  # after each spill: at most the element kept and the sectPr
    assert spilled == files
    body = docx.Document(io.BytesIO(files["nl-fr.docx"])).element.body
    assert max(written.values()) > len(body)  # more pieces than elements: the NL|FR text went out row by row


def test_the_contents_are_written_out_a_line_at_a_time(files, edition, monkeypatch):
    """The table of contents has a line per article: a 20,000-article
    agreement's took 140 MB held whole while its NL|FR document was written.
    Its lines now go out as they are made, like the body, and the document
    is the same."""
    monkeypatch.setattr(spill_module, "KEPT", 1)
    held: dict[int, list[int]] = {}  # body -> its size after each line of the contents is added
    append = spill_module.Outflow.append

    def counted(self, elements):
        elements = list(elements)
        append(self, elements)
        if any(_style(e).startswith("TOC") for e in elements):
            held.setdefault(id(self), []).append(len(self.container))

    monkeypatch.setattr(spill_module.Outflow, "append", counted)
    assert write_docx(edition, LANGS) == files
    for name, sizes in zip(files, held.values(), strict=True):
        body = docx.Document(io.BytesIO(files[name])).element.body
        lines = [p for p in body.iterchildren(qn("w:p")) if _style(p).startswith("TOC")]
        assert len(lines) > 30, name
        assert len(sizes) == len(lines), name  # added one by one
        assert max(sizes[1:]) == 2, name  # a line and the w:sectPr: the line before it went out


def _style(element) -> str:
    """A paragraph's style, "" for any other element."""
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if style is None else style.get(qn("w:val"))


def test_table_columns_break_no_word_and_give_the_room_to_the_text_that_needs_it():
    """A budget-like table: labels, three columns of figures, a column of
    explanations. Every column is at least as wide as its longest word, the
    explanations get the room, and the table comes out shorter than with
    equal columns (in the writer's estimate of lines)."""
    from bocompile.write.docx.tables import CELL_MARGIN, CHAR_WIDTH, _lines, column_widths

    explanation = (
        "De kredieten voor het personeel omvatten de bezoldigingen van het statutaire en het "
        "contractuele personeel, met inbegrip van de sociale lasten en de werkgeversbijdragen."
    )
    columns = [
        ["Personeelskredieten", "Werkingskosten", "Investeringen", "Totaal"],
        *[["12.345", "1.234", "456", "14.035"] for _ in range(3)],
        [explanation, explanation + "\n" + explanation, "Zie artikel 29.", ""],
    ]
    total = 9638

    def lines(widths):
        return sum(
            max(_lines(text, w) for text, w in zip(row, widths, strict=True)) for row in zip(*columns, strict=True)
        )

    widths = column_widths(columns, total)
    assert sum(widths) == total
    for width, column in zip(widths, columns, strict=True):
        assert width >= CHAR_WIDTH * max(len(word) for text in column for word in text.split()) + 2 * CELL_MARGIN
    assert widths[-1] == max(widths) > 3 * widths[1]
    assert lines(widths) < lines([total // len(columns)] * len(columns))
