"""French ordinals of the first division, as French legislative practice
writes them: "Partie 1re", "Section 1re" (feminine), "Article 1er"
(masculine), alike in headings, references and formulas."""

from __future__ import annotations

import docx
import pytest
from lxml import etree

from test_amendments import docx_text, mini_built  # noqa: F401  (the mini project, built)
from test_build import latest  # noqa: F401  (the bundled project, built with --consolidate)
from test_check import run

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


def headings(path, style: str) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style is not None and p.style.style_id == style]


@pytest.mark.parametrize("edition", ["base", "consolidated"])
def test_french_headings_read_partie_1re_section_1re_article_1er(latest, edition):  # noqa: F811
    fr = latest / f"{edition}/fr.docx"
    assert headings(fr, "Heading1")[0] == "Partie 1re. Définitions et portée du contrat d’administration"
    assert headings(fr, "Heading1")[1].startswith("Partie 2. ")
    assert headings(fr, "Heading2")[:2] == [
        "Section 1re – Situation du SPF",
        "Section 2 – Priorités du ou des ministres",
    ]
    assert headings(fr, "Heading3")[0].startswith("Article 1er – ")
    nl = latest / f"{edition}/nl.docx"
    assert headings(nl, "Heading1")[0] == "Deel 1. Definities en draagwijdte van de bestuursovereenkomst"
    assert headings(nl, "Heading2")[0] == "Afdeling 1 – Situering van de FOD"


def test_french_akn_numbers_carry_the_ordinal(latest):  # noqa: F811
    root = etree.parse(str(latest / "base/fr.akn.xml"), SAFE).getroot()
    assert root.xpath("//a:part[@eId='part_1']/a:num/text()", namespaces=AKN) == ["Partie 1re"]
    assert root.xpath("//a:section[@eId='part_3__sec_1']/a:num/text()", namespaces=AKN) == ["Section 1re"]
    assert root.xpath("//a:article[@eId='art_1']/a:num/text()", namespaces=AKN) == ["Article 1er"]
    nl = etree.parse(str(latest / "base/nl.akn.xml"), SAFE).getroot()
    assert nl.xpath("//a:section[@eId='part_3__sec_1']/a:num/text()", namespaces=AKN) == ["Afdeling 1"]


def test_a_reference_to_the_first_part_reads_1re(mini_built):  # noqa: F811
    assert "Voir l'article 3 et la partie 1re." in docx_text(mini_built / "output/base/fr.docx")
    assert "Zie artikel 3 en deel 1." in docx_text(mini_built / "output/base/nl.docx")
    root = etree.parse(str(mini_built / "may/base/fr.akn.xml"), SAFE).getroot()
    assert [r.text for r in root.iterfind(".//a:ref", AKN)] == ["3", "1re"]


def test_a_formula_citing_the_first_part_or_section_reads_1re(project_copy, tmp_path):
    operations = {
        "nl": "::: append definities\nDit deel geldt voor de hele overeenkomst.\n:::\n\n"
        "::: append situering\nDeze afdeling beschrijft de FOD.\n:::\n",
        "fr": "::: append definities\nLa présente partie s'applique à l'ensemble du contrat.\n:::\n\n"
        "::: append situering\nLa présente section décrit le SPF.\n:::\n",
    }
    for lang, text in operations.items():
        path = project_copy / f"sources/{lang}/amendments/wijziging-3.md"
        path.write_text(path.read_text() + "\n" + text)
    result = run("-C", str(project_copy), "--format", "docx", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    fr = " ".join(docx_text(tmp_path / "out/amendments/wijziging-3/fr.docx").split())
    nl = " ".join(docx_text(tmp_path / "out/amendments/wijziging-3/nl.docx").split())
    assert "La partie 1re du contrat d'administration est complétée par un alinéa" in fr
    assert "La section 1re du contrat d'administration est complétée par un alinéa" in fr
    assert "Deel 1 van de bestuursovereenkomst wordt aangevuld met een lid" in nl
