"""The French documents: official names used one way, and fr-BE as their
language in every part of the file (Word's spelling, hyphenation and theme
fonts follow it), in DOCX and AKN alike."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx2python import docx2python
from lxml import etree

from test_build import latest  # noqa: F401  (the bundled project, built with --consolidate)

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
EDITIONS = ["base", "consolidated", "amendments/wijziging-1"]


def languages(data: bytes) -> dict[str, set[str]]:
    """Every language tag named anywhere in the package, by part."""
    package = zipfile.ZipFile(io.BytesIO(data))
    found = {}
    for name in package.namelist():
        if name.endswith((".xml", ".rels")):
            tags = set(re.findall(r"\b[a-z]{2}-[A-Z]{2}\b", package.read(name).decode()))
            if tags:
                found[name] = tags
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_fr_docx_says_fr_be_everywhere_and_nl_be_nowhere(latest, edition):  # noqa: F811
    data = (latest / f"{edition}/fr.docx").read_bytes()
    found = languages(data)
    assert not any("nl-BE" in tags for tags in found.values()), found
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert '<w:themeFontLang w:val="fr-BE"/>' in settings
    assert {"fr-BE"} <= found["word/styles.xml"] and found["docProps/core.xml"] == {"fr-BE"}


def test_nl_docx_says_nl_be(latest):  # noqa: F811
    found = languages((latest / "base/nl.docx").read_bytes())
    assert not any("fr-BE" in tags for tags in found.values())
    assert found["word/settings.xml"] == {"nl-BE"} and found["docProps/core.xml"] == {"nl-BE"}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang, tag, code", [("fr", "fr-BE", "fra"), ("nl", "nl-BE", "nld")])
def test_akn_text_carries_its_language_with_region(latest, edition, lang, tag, code):  # noqa: F811
    data = (latest / f"{edition}/{lang}.akn.xml").read_bytes()
    root = etree.fromstring(data, SAFE)
    act = root.find("a:act", AKN)
    texts = [part for part in act if not part.tag.endswith("}meta")]
    assert texts and {part.get("{http://www.w3.org/XML/1998/namespace}lang") for part in texts} == {tag}
    assert act.find("a:meta//a:FRBRlanguage", AKN).get("language") == code
    assert (b"nl-BE" if lang == "fr" else b"fr-BE") not in data


@pytest.fixture(scope="module")
def french(latest) -> str:  # noqa: F811
    with docx2python(latest / "consolidated/fr.docx") as document:
        return " ".join(document.text.replace("\u00a0", " ").split())


def test_the_federal_internal_audit_service_has_its_official_name(french):
    assert (
        "à la suite d’une analyse des risques réalisée par le Service fédéral d’Audit interne (FAI), les "
        "principaux risques stratégiques suivants ont été identifiés :" in french
    )
    assert "Service fédéral d’Audit interne (FAI) 5.436" in french  # the budget of article 29
    assert "audit interne fédéral" not in french


def test_one_form_of_premier_ministre(french):
    assert "Premier ministre" not in french
    assert "Soutenir le Premier Ministre et le gouvernement fédéral en assurant le bon déroulement" in french


def test_one_name_for_the_commnet_core_unit_in_articles_25_and_28(french):
    assert "Noyau COMMnet" not in french
    assert "la coprésidence du COMMnetkern (CNK), le réseau des directeurs" in french  # article 28
    assert french.count("COMMnetkern (CNK)") == 2  # and in the table of article 25


def test_names_in_running_text_take_mme_and_m(french):
    assert (
        "Les parties contractantes, à savoir Mme Françoise Audag-Dechamps, Présidente a.i. du Comité de "
        "direction du SPF Chancellerie du Premier Ministre, et M. Charles Michel, Premier Ministre, "
        "ministre de tutelle de ce SPF," in french
    )
    assert "Madame" not in french and "Monsieur" not in french
