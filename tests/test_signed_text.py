"""The base edition is the agreement as signed: its words are the signed
words (README lists the few that cannot be), its "*" note keeps its mark,
and neither the base nor the consolidated text corrects the signed wording."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs
from lxml import etree

from test_build import latest  # noqa: F401  (the bundled project, built with --consolidate)
from test_check import errors, replace_in, run

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ARTICLE_13 = {
    "nl": "In het kader van de jaarlijkse toetsing van de uitvoering van de wederzijdse verbintenissen opgenomen "
    "in de bestuursovereenkomst en in de context van het sluiten van bestuursovereenkomsten zal de "
    "voogdijminister rekening houden met de weerslag van de maatregelen",
    "fr": "Dans le cadre de l’évaluation annuelle de l’exécution des engagements réciproques repris dans le "
    "contrat d’administration et dans le contexte de la conclusion de contrats d’administration, le "
    "ministre de tutelle tiendra compte de l’incidence des mesures",
}
NOTE = {
    "nl": "* buiten ontvangsten en uitgaven voor de realisatie van informatiecampagnes voor andere federale "
    "organisaties",
    "fr": "* hors recettes et dépenses liées à la réalisation de campagnes d’information pour d’autres "
    "organisations fédérales",
}


def paragraphs(path) -> list[str]:
    with docx2python(path) as document:
        return [" ".join(p.replace("\u00a0", " ").split()) for p in iter_paragraphs(document.body)]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_article_13_reads_as_signed_without_an_added_reference(latest, lang):  # noqa: F811
    for edition in ("base", "consolidated"):
        assert any(p.startswith(ARTICLE_13[lang]) for p in paragraphs(latest / f"{edition}/{lang}.docx"))
    root = etree.parse(str(latest / f"base/{lang}.akn.xml"), SAFE).getroot()
    assert root.findall(".//a:ref", AKN) == []  # the signed text cites no article of its own by number


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_second_budget_table_is_headed_as_signed(latest, lang):  # noqa: F811
    root = etree.parse(str(latest / f"base/{lang}.akn.xml"), SAFE).getroot()
    stubs = [
        " ".join("".join(t.find("a:tr/a:th", AKN).itertext()).split())
        for t in root.iterfind(".//a:table[@class='data']", AKN)
    ]
    assert stubs == [
        {"nl": "Begroting / vastleggingskredieten", "fr": "Budget / crédits d’engagement"}[lang],
        "BUDGET / crédits d’engagement",
    ]


def test_the_consolidated_text_keeps_the_signed_opricht(latest):  # noqa: F811
    for edition in ("base", "consolidated"):
        with docx2python(latest / f"{edition}/nl.docx") as document:
            text = " ".join(document.text.split())
        assert (
            "Verplichting tot administratieve, logistieke, juridische ondersteuning van de diensten opricht "
            "bij de Kanselarij" in text
        )


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_budget_note_keeps_its_star(latest, lang):  # noqa: F811
    data = (latest / f"base/{lang}.docx").read_bytes()
    package = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(package.read("word/document.xml"))
    [reference] = body.iter(f"{W}footnoteReference")
    assert reference.get(f"{W}customMarkFollows") == "1"
    assert "".join(reference.getparent().itertext()) == "*"  # the mark follows in the same run
    notes = etree.fromstring(package.read("word/footnotes.xml"))
    note = notes.find(f"{W}footnote[@{W}id='{reference.get(f'{W}id')}']")
    assert note.find(f".//{W}footnoteRef") is None  # no number inside the note either
    assert " ".join("".join(note.itertext()).split()) == NOTE[lang]
    table = next(
        t
        for t in docx.Document(str(latest / f"base/{lang}.docx")).tables
        if t.cell(0, 0).text in ("Begroting / vastleggingskredieten", "Budget / crédits d’engagement")
    )
    assert [row.cells[0].text for row in table.rows if row.cells[0].text.endswith("(IPC)*")] == [
        {
            "nl": "Internationaal Perscentrum – Résidence Palace (IPC)*",
            "fr": "Centre de presse international – Résidence Palace (IPC)*",
        }[lang]
    ]
    with docx2python(latest / f"base/{lang}.docx") as document:  # an independent reader
        assert NOTE[lang] in document.text


def test_the_star_note_in_akn(latest):  # noqa: F811
    for lang in ("nl", "fr"):
        root = etree.parse(str(latest / f"base/{lang}.akn.xml"), SAFE).getroot()
        [note] = root.iterfind(".//a:authorialNote", AKN)
        assert note.get("marker") == "*"
        assert "* " + " ".join("".join(note.itertext()).split()) == NOTE[lang]


def test_numbered_notes_count_on_without_the_star(project_copy, tmp_path):
    """A numbered note after the "*" note is note 1, in DOCX and AKN alike."""
    for lang, note in (("nl", "Opgericht in 2014."), ("fr", "Créé en 2014.")):
        path = project_copy / f"sources/{lang}/doelstellingen.md"
        text = path.read_text()
        label = next(line for line in text.splitlines() if line.startswith("- ccb: "))
        path.write_text(text.replace(label, label + "[^ccb]") + f"\n[^ccb]: {note}\n")
    assert run("-C", str(project_copy), "--lang", "nl", "-o", str(tmp_path / "out")).returncode == 0
    root = etree.parse(str(tmp_path / "out/base/nl.akn.xml"), SAFE).getroot()
    assert [n.get("marker") for n in root.iterfind(".//a:authorialNote", AKN)] == ["*", "1"]
    body = etree.fromstring(zipfile.ZipFile(tmp_path / "out/base/nl.docx").read("word/document.xml"))
    marks = [
        (r.get(f"{W}customMarkFollows"), "".join(r.getparent().itertext())) for r in body.iter(f"{W}footnoteReference")
    ]
    assert marks == [("1", "*"), (None, "")]  # Word numbers the second note itself: 1


def test_both_languages_must_give_a_note_the_same_mark(project_copy):
    path = project_copy / "sources/fr/doelstellingen.md"
    replace_in(path, "(IPC)[^*]", "(IPC)[^ipc]")
    replace_in(path, "[^*]: hors", "[^ipc]: hors")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    [message] = errors(result)
    assert message.startswith("sources/fr/doelstellingen.md:")
    assert "has different references or footnotes" in message
    assert "nl: a footnote marked * at sources/nl/doelstellingen.md:" in message
    assert "fr: a footnote at sources/fr/doelstellingen.md:" in message
