"""What a consolidated text says about itself: on every page that it is a
consolidation and of which date, on its title page that it is unofficial and
which amendments it includes; renumbered, its concordance table is an annex."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs

from soffice import convert_to_pdf
from test_build import end_2020, latest, renumbered  # noqa: F401  (built with --consolidate [...])

HEADER = {
    "nl": "Geconsolideerde versie – toestand op 1 maart 2021",
    "fr": "Version consolidée – situation au 1er mars 2021",
}
DISCLAIMER = {
    "nl": "Deze coördinatie is niet officieel: alleen de ondertekende teksten van de bestuursovereenkomst en "
    "van haar wijzigingen zijn authentiek.",
    "fr": "La présente coordination n’a pas de valeur officielle : seuls les textes signés du contrat "
    "d’administration et de ses modifications font foi.",
}
CONTENTS = {"nl": "Inhoud", "fr": "Table des matières"}


def header(path: Path) -> str:
    section = docx.Document(str(path)).sections[0]
    return " ".join(p.text for p in section.header.paragraphs).replace("\u00a0", " ")


def title_page(path: Path, contents: str) -> list[str]:
    """The paragraphs before the table of contents."""
    with docx2python(path) as document:
        lines = [" ".join(p.replace("\u00a0", " ").split()) for p in iter_paragraphs(document.body)]
    return lines[: lines.index(contents)]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_page_of_a_consolidated_text_says_it_is_one_and_its_date(latest, lang):  # noqa: F811
    assert header(latest / f"consolidated/{lang}.docx") == HEADER[lang]
    with docx2python(latest / f"consolidated/{lang}.docx") as document:  # an independent reader
        assert HEADER[lang] in document.text.replace("\u00a0", " ")


def test_side_by_side_header_says_it_in_both_languages(latest):  # noqa: F811
    assert header(latest / "consolidated/nl-fr.docx") == f"{HEADER['nl']} / {HEADER['fr']}"


def test_the_header_follows_the_as_of_date(end_2020):  # noqa: F811
    assert header(end_2020 / "consolidated/nl.docx") == "Geconsolideerde versie – toestand op 31 december 2020"
    assert header(end_2020 / "consolidated/fr.docx") == "Version consolidée – situation au 31 décembre 2020"


def test_the_signed_texts_keep_their_title_as_header(latest):  # noqa: F811
    assert header(latest / "base/nl.docx") == "Bestuursovereenkomst 2019-2021"
    assert header(latest / "amendments/wijziging-2/fr.docx") == (
        "15 OCTOBRE 2020. – Modification n° 2 du contrat d’administration 2019-2021"
    )


@pytest.mark.parametrize(
    "lang, second",
    [
        (
            "nl",
            "wijziging nr. 2 van 15 oktober 2020 (Crisiscommunicatie, middelen en opvolging), in werking "
            "getreden op 1 november 2020",
        ),
        (
            "fr",
            "modification n° 2 du 15 octobre 2020 (Communication de crise, moyens et suivi), entrée en "
            "vigueur le 1er novembre 2020",
        ),
    ],
)
def test_title_page_says_the_coordination_is_unofficial_and_lists_the_amendments(latest, lang, second):  # noqa: F811
    cover = title_page(latest / f"consolidated/{lang}.docx", CONTENTS[lang])
    assert DISCLAIMER[lang] in cover
    assert HEADER[lang] in cover
    listed = [line for line in cover if line.startswith(("wijziging nr.", "modification n°"))]
    assert len(listed) == 3 and listed[1] == second


def test_side_by_side_title_page_has_the_disclaimer_in_both_languages(latest):  # noqa: F811
    cover = title_page(latest / "consolidated/nl-fr.docx", "Inhoud / Table des matières")
    assert DISCLAIMER["nl"] in cover and DISCLAIMER["fr"] in cover


def test_the_signed_texts_carry_no_disclaimer(latest):  # noqa: F811
    with docx2python(latest / "base/nl.docx") as document:
        assert "niet officieel" not in document.text


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"),
    reason="LibreOffice (soffice) and pdftotext (poppler-utils) are needed",
)
def test_libreoffice_prints_the_state_on_every_page_but_the_title_page(latest, tmp_path):  # noqa: F811
    convert_to_pdf([latest / "consolidated/nl.docx"], tmp_path)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "nl.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 10
    assert all(HEADER["nl"] in " ".join(page.split()) for page in pages[1:])


ANNEX = {"nl": "Bijlage – Concordantietabel", "fr": "Annexe – Table de concordance"}


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_concordance_is_an_annex_listed_in_the_table_of_contents(renumbered, lang):  # noqa: F811
    document = docx.Document(str(renumbered / f"consolidated/{lang}.docx"))
    toc = [p for p in document.paragraphs if p.style.style_id == "TOC1"]
    entry = next(p for p in toc if p.text == ANNEX[lang])
    anchor = entry._p.find(qn("w:hyperlink")).get(qn("w:anchor"))
    [heading] = [p for p in document.paragraphs if p.text == ANNEX[lang] and p.style.style_id == "Heading1"]
    assert [b.get(qn("w:name")) for b in heading._p.iter(qn("w:bookmarkStart"))] == [anchor]
    assert toc[-1] is entry  # after the last part


@pytest.mark.parametrize(
    "lang, rows",
    [
        (
            "nl",
            [
                ["Artikel 1", "Artikel 1"],
                ["Artikel 7/1", "Artikel 8"],
                ["Artikel 8", "Artikel 9"],
                ["Artikel 15", "(opgeheven)"],
                ["Artikel 16", "Artikel 16"],
                ["Artikel 32", "Artikel 32"],
            ],
        ),
        (
            "fr",
            [
                ["Article 1er", "Article 1er"],
                ["Article 7/1", "Article 8"],
                ["Article 8", "Article 9"],
                ["Article 15", "(abrogé)"],
                ["Article 16", "Article 16"],
                ["Article 32", "Article 32"],
            ],
        ),
    ],
)
def test_the_concordance_lists_every_article_old_to_new(renumbered, lang, rows):  # noqa: F811
    document = docx.Document(str(renumbered / f"consolidated/{lang}.docx"))
    table = next(t for t in document.tables if t.cell(0, 0).text in ("Oude nummering", "Ancienne numérotation"))
    lines = [[c.text for c in row.cells] for row in table.rows[1:]]
    articles = [line for line in lines if line[0].startswith(("Artikel", "Article")) and "§" not in line[0]]
    assert len(articles) == 29 + 1 + 3  # the signed articles, 7/1 and 30 to 32
    assert [line for line in articles if line in rows] == rows
    # paragraphs that moved are named in their article: § 1/1 of article 7/1 is now § 2 of article 8
    assert ["Artikel 7/1, §\u00a01/1", "Artikel 8, §\u00a02"] in lines or [
        "Article 7/1, §\u00a01/1",
        "Article 8, §\u00a02",
    ] in lines  # typeset: § keeps its number


def test_the_side_by_side_table_of_contents_lists_the_annex_in_both_languages(renumbered):  # noqa: F811
    document = docx.Document(str(renumbered / "consolidated/nl-fr.docx"))
    toc = [p.text for p in document.paragraphs if p.style.style_id == "TOC1"]
    assert toc[-2:] == [ANNEX["nl"], ANNEX["fr"]]


def test_the_manifest_says_which_edition_is_renumbered_and_as_of_when(renumbered, end_2020):  # noqa: F811
    editions = json.loads((renumbered / "manifest.json").read_text())["editions"]
    assert (editions["consolidated"]["renumbered"], editions["consolidated"]["as_of"]) == (True, "2021-03-01")
    assert (editions["base"]["renumbered"], editions["base"]["as_of"]) == (False, "2019-02-28")
    assert (editions["amendments/wijziging-1"]["renumbered"], editions["amendments/wijziging-1"]["as_of"]) == (
        False,
        None,
    )
    earlier = json.loads((end_2020 / "manifest.json").read_text())["editions"]["consolidated"]
    assert (earlier["renumbered"], earlier["as_of"]) == (False, "2020-12-31")
