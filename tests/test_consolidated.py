"""What a consolidated text says about itself: on every page that it is a
consolidation and of which date, on its title page that it is unofficial and
which amendments it includes; renumbered, its concordance table is an annex."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs

from test_build import end_2020, latest  # noqa: F401  (built with --consolidate [--as-of 2020-12-31])

HEADER = {
    "nl": "Geconsolideerde versie – toestand op 1 maart 2021",
    "fr": "Version consolidée – situation au 1er mars 2021",
}
DISCLAIMER = {
    "nl": "Deze coördinatie is niet officieel: alleen de ondertekende teksten van de bestuursovereenkomst en "
          "van haar wijzigingen zijn authentiek.",
    "fr": "La présente coordination n'a pas de valeur officielle : seuls les textes signés du contrat "
          "d'administration et de ses modifications font foi.",
}
CONTENTS = {"nl": "Inhoud", "fr": "Table des matières"}


def header(path: Path) -> str:
    section = docx.Document(str(path)).sections[0]
    return " ".join(p.text for p in section.header.paragraphs).replace("\u00a0", " ")


def title_page(path: Path, contents: str) -> list[str]:
    """The paragraphs before the table of contents."""
    with docx2python(path) as document:
        lines = [" ".join(p.replace("\u00a0", " ").split()) for p in iter_paragraphs(document.body)]
    return lines[:lines.index(contents)]


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
        "15 OCTOBRE 2020. – Modification n° 2 du contrat d'administration 2019-2021")


@pytest.mark.parametrize("lang, second", [
    ("nl", "wijziging nr. 2 van 15 oktober 2020 (Crisiscommunicatie, middelen en opvolging), in werking "
           "getreden op 1 november 2020"),
    ("fr", "modification n° 2 du 15 octobre 2020 (Communication de crise, moyens et suivi), entrée en "
           "vigueur le 1er novembre 2020"),
])
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


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice (soffice) and pdftotext (poppler-utils) are needed")
def test_libreoffice_prints_the_state_on_every_page_but_the_title_page(latest, tmp_path):  # noqa: F811
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(latest / "consolidated/nl.docx")],
                   capture_output=True, check=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / "nl.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 10
    assert all(HEADER["nl"] in " ".join(page.split()) for page in pages[1:])
