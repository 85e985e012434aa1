"""Who signs: the agreement by its own signatories, each amendment instrument
by the office holders of its own date (agreement.toml states them per
amendment), in the preamble and the signature block, DOCX and AKN alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs
from lxml import etree

from test_check import errors, replace_in, run

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

#: The rest of an [[amendments]] entry of 2021 appended to agreement.toml by a
#: test: where it is signed and by whom (the office holders of that year).
SIGNED_IN_2021 = """place = { nl = "Brussel", fr = "Bruxelles" }

[[amendments.parties]]
key = "fod"

[[amendments.parties.signatories]]
name = "Françoise Audag-Dechamps"
function = { nl = "Voorzitster van het Directiecomité a.i.", fr = "Présidente a.i. du Comité de direction" }

[[amendments.parties]]
key = "regering"

[[amendments.parties.signatories]]
name = "Alexander De Croo"
function = { nl = "Eerste Minister, voogdijminister", fr = "Premier Ministre, ministre de tutelle" }
"""
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)

#: amendment -> language -> (preamble line of the government, signing line, names under the signatures)
SIGNED_BY = {
    "wijziging-1": {
        "nl": (
            "De federale Regering, vertegenwoordigd door mevrouw Sophie Wilmès, Eerste Minister, voogdijminister,",
            "Opgemaakt te Brussel op 10 december 2019 in twee exemplaren.",
            ["Mevrouw Françoise Audag-Dechamps", "Mevrouw Sophie Wilmès"],
        ),
        "fr": (
            "Le Gouvernement fédéral, représenté par Mme Sophie Wilmès, Première Ministre, ministre de tutelle,",
            "Fait à Bruxelles, le 10 décembre 2019, en deux exemplaires.",
            ["Mme Françoise Audag-Dechamps", "Mme Sophie Wilmès"],
        ),
    },
    "wijziging-2": {
        "nl": (
            "De federale Regering, vertegenwoordigd door de heer Alexander De Croo, Eerste Minister, voogdijminister,",
            "Opgemaakt te Brussel op 15 oktober 2020 in twee exemplaren.",
            ["Mevrouw Françoise Audag-Dechamps", "De heer Alexander De Croo"],
        ),
        "fr": (
            "Le Gouvernement fédéral, représenté par M. Alexander De Croo, Premier Ministre, ministre de tutelle,",
            "Fait à Bruxelles, le 15 octobre 2020, en deux exemplaires.",
            ["Mme Françoise Audag-Dechamps", "M. Alexander De Croo"],
        ),
    },
    "wijziging-3": {
        "nl": (
            "De federale Regering, vertegenwoordigd door de heer Alexander De Croo, Eerste Minister, voogdijminister,",
            "Opgemaakt te Brussel op 15 februari 2021 in twee exemplaren.",
            ["Mevrouw Françoise Audag-Dechamps", "De heer Alexander De Croo"],
        ),
        "fr": (
            "Le Gouvernement fédéral, représenté par M. Alexander De Croo, Premier Ministre, ministre de tutelle,",
            "Fait à Bruxelles, le 15 février 2021, en deux exemplaires.",
            ["Mme Françoise Audag-Dechamps", "M. Alexander De Croo"],
        ),
    },
}

PEOPLE = {
    "wijziging-1": ["Françoise Audag-Dechamps", "Sophie Wilmès"],
    "wijziging-2": ["Françoise Audag-Dechamps", "Alexander De Croo"],
    "wijziging-3": ["Françoise Audag-Dechamps", "Alexander De Croo"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("signing")
    result = run("-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def paragraphs(path: Path) -> list[str]:
    with docx2python(path) as document:
        return [" ".join(p.replace("\u00a0", " ").split()) for p in iter_paragraphs(document.body)]


def signature_block(lines: list[str], done: str) -> list[str]:
    """The non-empty lines from the place-and-date sentence to the end."""
    return [line for line in lines[lines.index(done) :] if line]


@pytest.mark.parametrize("amendment", sorted(SIGNED_BY))
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_instrument_docx_is_signed_by_the_office_holders_of_its_date(built, amendment, lang):
    party, done, names = SIGNED_BY[amendment][lang]
    lines = paragraphs(built / f"amendments/{amendment}/{lang}.docx")
    assert party in lines
    block = signature_block(lines, done)
    assert [line for line in block if line in names] == names
    assert not any("Charles Michel" in line for line in lines)


def test_no_instrument_names_the_prime_minister_of_february_2019(built):
    for amendment in SIGNED_BY:
        for name in ("nl.docx", "fr.docx", "nl-fr.docx"):
            with docx2python(built / f"amendments/{amendment}/{name}") as document:
                assert "Michel" not in document.text
        for lang in ("nl", "fr"):
            assert b"Michel" not in (built / f"amendments/{amendment}/{lang}.akn.xml").read_bytes()


@pytest.mark.parametrize("amendment", sorted(SIGNED_BY))
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_instrument_akn_preamble_conclusions_and_references_name_its_signatories(built, amendment, lang):
    party, _, names = SIGNED_BY[amendment][lang]
    root = etree.parse(str(built / f"amendments/{amendment}/{lang}.akn.xml"), SAFE).getroot()
    preamble = [" ".join("".join(p.itertext()).split()) for p in root.iterfind(".//a:preamble/a:p", AKN)]
    assert party in preamble
    lines = [
        " ".join(
            (
                (s.find("a:br", AKN).tail or "")
                + s.findtext("a:person", namespaces=AKN)
                + (s.find("a:person", AKN).tail or "")
            ).split()
        )
        for s in root.findall(".//a:conclusions//a:signature", AKN)
    ]
    assert lines == names  # the words between the party and the function
    assert root.xpath("//a:TLCPerson/@showAs", namespaces=AKN) == PEOPLE[amendment]
    date = root.find(".//a:conclusions//a:date", AKN).get("date")
    assert date == {"wijziging-1": "2019-12-10", "wijziging-2": "2020-10-15", "wijziging-3": "2021-02-15"}[amendment]


@pytest.mark.parametrize(
    "lang, names",
    [
        ("nl", ["Mevrouw Françoise Audag-Dechamps", "De heer Charles Michel"]),
        ("fr", ["Mme Françoise Audag-Dechamps", "M. Charles Michel"]),
    ],
)
def test_the_agreement_keeps_its_own_signatories(built, lang, names):
    done = {
        "nl": "Opgemaakt te Brussel op 28 februari 2019 in twee exemplaren.",
        "fr": "Fait à Bruxelles, le 28 février 2019, en deux exemplaires.",
    }[lang]
    block = signature_block(paragraphs(built / f"base/{lang}.docx"), done)
    assert [line for line in block if line in names] == names


def amendment_line(config: Path, amendment: str) -> int:
    lines = config.read_text().splitlines()
    at = lines.index(f'id = "{amendment}"')
    return max(n for n in range(at) if lines[n] == "[[amendments]]") + 1


def test_an_amendment_without_signatories_for_a_party_is_an_error_at_its_line(project_copy):
    config = project_copy / "sources/agreement.toml"
    replace_in(
        config,
        """[[amendments.parties]]
key = "regering"

[[amendments.parties.signatories]]
name = "Alexander De Croo"
title = { nl = "de heer", fr = "M." }
function = { nl = "Eerste Minister, voogdijminister", fr = "Premier Ministre, ministre de tutelle" }
""",
        "",
    )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert errors(result) == [
        f"sources/agreement.toml:{amendment_line(config, 'wijziging-2')}: error: amendment nr. 2 names no "
        "signatory for party 'regering'; add [[amendments.parties]] with key = \"regering\" and its "
        "[[amendments.parties.signatories]]: who signs for it on the amendment's date"
    ]


def test_an_unknown_party_of_an_amendment_is_an_error_at_its_key(project_copy):
    config = project_copy / "sources/agreement.toml"
    text = config.read_text()
    at = text.index('id = "wijziging-3"')
    config.write_text(text[:at] + text[at:].replace('key = "fod"', 'key = "fod-kanselarij"', 1))
    line = next(n for n, t in enumerate(config.read_text().splitlines(), 1) if t == 'key = "fod-kanselarij"')
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert (
        f"sources/agreement.toml:{line}: error: amendment nr. 3: 'fod-kanselarij' is not a party of the "
        "agreement; use the key of one of its [[parties]]: fod, regering" in errors(result)
    )
