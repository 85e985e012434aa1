"""The redline and the synoptic table, read back with lxml and python-docx.

Accepting or rejecting every tracked change is done here as Word does it:
a w:del disappears and a w:ins is unwrapped (or the reverse), a paragraph
whose mark goes away runs on into the next one, a row that goes away is
removed, a w:pPrChange gives back the old paragraph properties. The result
must read, paragraph by paragraph, as the consolidated text after (or
before) the change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bocompile.amend.history import in_force
from bocompile.compose.comparison import amendment_comparisons, comparison
from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.inputs import history_of
from bocompile.diagnostics import SourceError
from bocompile.diff import each
from bocompile.load import Loaded, load
from bocompile.model import walk_divisions
from bocompile.project import Project
from bocompile.write.docx import write_docx
from bocompile.write.docx.redline import write_redline
from bocompile.write.docx.synoptic import write_synoptic
from bocompile.write.docx.tracked import count
from test_properties import scenarios

REPO = Path(__file__).resolve().parent.parent
LANGS = ("nl", "fr")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: a Justel bracket once its superscript number is replaced by \x00: "[1 " and "]1"
JUSTEL = re.compile(r"\[\x00 |\]\x00")

#: an amendment that touches words in a list, a table cell, a data table
#: label with a footnote and a paragraph between references, turns a
#: paragraph into a sub-heading (with the same words, then with others),
#: adds a bullet, retitles an article and reinstates a repealed one
FOURTH = {
    "nl": """::: replace-words missie-visie-waarden
old: vergaderingen van de Ministerraad
new: vergaderingen van de Ministerraad en zijn comités
:::

::: replace-words kernprocessen
old: Specifieke ICT-support
new: Specifieke ICT-ondersteuning
:::

::: replace-words rapportering
old: ter voorbereiding van de jaarlijkse toetsing
new: met het oog op de jaarlijkse toetsing
:::

::: replace jaarlijkse-toetsing paragraph 2
#### Verslag over de resultaten
:::

::: replace prioriteiten-minister paragraph 1
#### Algemene beleidsnota van 25 oktober 2018 - DOC KAMER 54 3296/017
:::

::: replace-words middelen
old: Résidence Palace
new: Résidence Palace en Egmontpaleis
:::

::: append stakeholders
- de burgers
:::

::: replace niet-naleving
### Niet-naleving van de verbintenissen {#niet-naleving}

Wanneer één van de partijen de aangegane verbintenissen niet volledig of slechts gedeeltelijk kan naleven,
zal deze partij de andere partij hiervan onmiddellijk op de hoogte brengen en zal ze met de andere partij
overleg plegen om maatregelen af te spreken om die situatie te verhelpen of op te vangen.
:::

::: reinstate herinvestering
### Herinvestering van efficiëntiewinsten {#herinvestering}

De efficiëntiewinsten worden geherinvesteerd in de digitale dienstverlening.
:::
""",
    "fr": """::: replace-words missie-visie-waarden
old: réunions du Conseil des ministres
new: réunions du Conseil des ministres et de ses comités
:::

::: replace-words kernprocessen
old: Support ICT spécifique
new: Soutien ICT spécifique
:::

::: replace-words rapportering
old: en vue de l'évaluation annuelle
new: pour préparer l'évaluation annuelle
:::

::: replace jaarlijkse-toetsing paragraph 2
#### Rapport sur les résultats
:::

::: replace prioriteiten-minister paragraph 1
#### Note de politique générale du 25 octobre 2018 - DOC CHAMBRE 54 3296/017
:::

::: replace-words middelen
old: Résidence Palace
new: Résidence Palace et Palais d'Egmont
:::

::: append stakeholders
- les citoyens
:::

::: replace niet-naleving
### Non-respect des engagements {#niet-naleving}

Lorsque l'une des parties ne peut respecter les engagements pris que partiellement ou pas entièrement,
elle en informera immédiatement l'autre partie et se concertera avec celle-ci afin de convenir de mesures
permettant de remédier à cette situation ou d'y pallier.
:::

::: reinstate herinvestering
### Réinvestissement des gains d'efficience {#herinvestering}

Les gains d'efficience sont réinvestis dans les services numériques.
:::
""",
}
FOURTH_INFO = """
[[amendments]]
id = "wijziging-4"
number = 4
signed = 2021-06-01
in_force = 2021-07-01
title = { nl = "Toetsing en stakeholders", fr = "Évaluation et parties prenantes" }
place = { nl = "Brussel", fr = "Bruxelles" }

[[amendments.parties]]
key = "fod"

[[amendments.parties.signatories]]
name = "Françoise Audag-Dechamps"
title = { nl = "mevrouw", fr = "Mme" }
function = { nl = "Voorzitster van het Directiecomité a.i.", fr = "Présidente a.i. du Comité de direction" }

[[amendments.parties]]
key = "regering"

[[amendments.parties.signatories]]
name = "Alexander De Croo"
title = { nl = "de heer", fr = "M." }
function = { nl = "Eerste Minister, voogdijminister", fr = "Premier Ministre, ministre de tutelle" }
"""


# -- reading a document back ---------------------------------------------------------


def body(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body")


def paragraphs(root) -> list[tuple[str, str]]:
    """(style, text) of every paragraph in document order, table cells included;
    a superscript run (a Justel number) reads \\x00."""
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(
            "\x00" if r.find(f"{W}rPr/{W}vertAlign") is not None else "".join(t.text or "" for t in r.iter(f"{W}t"))
            for r in p.iter(f"{W}r")
        )
        out.append((style.get(f"{W}val") if style is not None else "", plain(text)))
    return out


def plain(text: str) -> str:
    """Text as these tests compare it: the typography's no-break spaces read as spaces."""
    return text.replace("\u00a0", " ")


def text_body(pairs) -> list[str]:
    """The agreement's text: from the first part's heading on, empty paragraphs left out."""
    start = next(i for i, (style, _) in enumerate(pairs) if style == "Heading1")
    return [text for _, text in pairs[start:] if text]


def resolved(data: bytes, accept: bool) -> list[tuple[str, str]]:
    """The paragraphs once every tracked change is accepted (or rejected)."""
    root = body(data)
    keep, drop = (f"{W}ins", f"{W}del") if accept else (f"{W}del", f"{W}ins")
    for tr in list(root.iter(f"{W}tr")):
        if tr.find(f"{W}trPr/{drop}") is not None:
            tr.getparent().remove(tr)
    for change in list(root.iter(f"{W}pPrChange")):
        ppr = change.getparent()
        if not accept:
            for child in [c for c in ppr if c.tag not in (f"{W}rPr", f"{W}pPrChange")]:
                ppr.remove(child)
            for index, child in enumerate(change.find(f"{W}pPr")):
                ppr.insert(index, child)
        ppr.remove(change)
    for p in list(root.iter(f"{W}p")):
        if p.find(f"{W}pPr/{W}rPr/{drop}") is not None:  # its mark goes: it runs on
            following = p.getnext()
            content = [c for c in p if c.tag != f"{W}pPr"]
            if following is not None and following.tag == f"{W}p":
                at = 1 if following.find(f"{W}pPr") is not None else 0
                for offset, child in enumerate(content):
                    following.insert(at + offset, child)
            p.getparent().remove(p)
    for wrapper in list(root.iter(drop)):
        if wrapper.getparent().tag != f"{W}rPr":
            wrapper.getparent().remove(wrapper)
    for wrapper in list(root.iter(keep)):
        parent = wrapper.getparent()
        if parent.tag == f"{W}rPr":
            parent.remove(wrapper)
            continue
        for offset, child in enumerate(list(wrapper)):
            parent.insert(parent.index(wrapper) + offset, child)
        parent.remove(wrapper)
    for deleted in root.iter(f"{W}delText"):
        deleted.tag = f"{W}t"
    return paragraphs(root)


def consolidated_text(loaded: Loaded, day: dt.date, lang: str) -> list[str]:
    """The consolidated DOCX in force on `day`, without its Justel brackets and notes."""
    data = write_docx(consolidated_edition(loaded, day), (lang,))[f"{lang}.docx"]
    kept = [p for p in paragraphs(body(data)) if p[0] != "JustelNote"]
    return [JUSTEL.sub("", text) for text in text_body(kept)]


def tracked_changes(data: bytes) -> list[tuple[str, str, str]]:
    """(change, author, words) of each w:ins / w:del around runs."""
    return [
        (
            c.tag[len(W) :],
            plain(c.get(f"{W}author")),
            plain("".join(t.text or "" for t in c.iter(f"{W}t", f"{W}delText"))),
        )
        for c in body(data).iter(f"{W}ins", f"{W}del")
        if c.getparent().tag != f"{W}rPr"
    ]


# -- the bundled amendments ----------------------------------------------------------


def amendment_info(compiled, number: int):
    """The facts of amendment nr. `number` of the bundled agreement."""
    return next(a.info for a in compiled.amendments if a.info.number == number)


@pytest.fixture(scope="module")
def comparisons(compiled):
    return {c.name.split("/")[-1]: c for c in amendment_comparisons(compiled)}


@pytest.fixture(scope="module")
def redlines(comparisons) -> dict[tuple[str, str], bytes]:
    return {(name, lang): write_redline(c, lang) for name, c in comparisons.items() for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_accepting_every_change_gives_the_text_after_the_amendment_and_rejecting_the_text_before(
    compiled, redlines, number, lang
):
    info = amendment_info(compiled, number)
    data = redlines[info.id, lang]
    assert text_body(resolved(data, accept=True)) == consolidated_text(compiled, info.in_force, lang)
    assert text_body(resolved(data, accept=False)) == consolidated_text(
        compiled, info.in_force - dt.timedelta(days=1), lang
    )
    assert count(data) > 0


def test_a_redline_over_several_amendments_credits_each_change_to_its_amendment(compiled):
    compared = comparison(compiled, "base", "2021-12-31")
    for lang in LANGS:
        data = write_redline(compared, lang)
        assert text_body(resolved(data, accept=True)) == consolidated_text(compiled, dt.date(2021, 12, 31), lang)
        assert text_body(resolved(data, accept=False)) == consolidated_text(compiled, dt.date(2019, 2, 28), lang)
    changes = tracked_changes(write_redline(compared, "nl"))
    assert {author.split(" – ")[0] for _, author, _ in changes} == {
        "Wijziging nr. 1",
        "Wijziging nr. 2",
        "Wijziging nr. 3",
    }
    by = {
        nr: " ".join(words for _, author, words in changes if author.startswith(f"Wijziging nr. {nr} "))
        for nr in (1, 2, 3)
    }
    assert "Digitale overheid" in by[1] and "meetbare indicatoren" in by[2] and "Herinvestering" in by[3]


def test_author_is_the_amendment_and_date_its_signing(redlines):
    root = body(redlines["wijziging-2", "fr"])
    changes = list(root.iter(f"{W}ins", f"{W}del"))
    assert changes
    assert {plain(c.get(f"{W}author")) for c in changes} == {
        "Modification n° 2 – Communication de crise, moyens et suivi"
    }
    assert {c.get(f"{W}date") for c in changes} == {"2020-10-15T00:00:00Z"}
    ids = [c.get(f"{W}id") for c in changes] + [b.get(f"{W}id") for b in root.iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))


def test_words_figures_and_whole_provisions_are_tracked(redlines):
    changes = tracked_changes(redlines["wijziging-2", "nl"])
    words = [(change, text) for change, _, text in changes]
    assert ("ins", "en aan de hand van meetbare indicatoren ") in words
    assert ("del", "zal") in words and ("ins", "organiseert") in words
    assert [text for change, text in words if change == "del" and re.fullmatch(r"[\d.]+", text)] == [
        "3.720",
        "3.720",
        "108.168",
        "109.201",
    ]
    assert ("ins", "Artikel 7/1 – Ondersteuning van de regeringsleden bij crisiscommunicatie") in words
    new = [
        p
        for p in body(redlines["wijziging-2", "nl"]).iter(f"{W}p")
        if "Ondersteuning van de regeringsleden" in "".join(t.text or "" for t in p.iter(f"{W}t"))
    ]
    assert new[0].find(f"{W}pPr/{W}rPr/{W}ins") is not None  # a new heading: its paragraph mark too


def test_a_repealed_article_shows_its_deleted_text_under_its_new_heading(redlines):
    pairs = resolved(redlines["wijziging-3", "nl"], accept=False)
    assert ("Heading3", "Artikel 15 – Herinvestering efficiëntiewinsten") in pairs
    words = [(change, text) for change, _, text in tracked_changes(redlines["wijziging-3", "nl"])]
    assert ("del", "Artikel 15 – Herinvestering efficiëntiewinsten") in words
    assert ("ins", "Art. 15. (Opgeheven)") in words


def test_every_change_of_the_diff_is_in_the_redline_and_nothing_else(comparisons, redlines):
    """Unchanged provisions carry no tracked change at all."""
    for name, compared in comparisons.items():
        unchanged = {c.key for c in each(compared.divisions) if not c.changed}
        document = docx.Document(io.BytesIO(redlines[name, "nl"]))
        current = None
        for p in document.element.body.iter(qn("w:p")):
            start = p.find(qn("w:bookmarkStart"))
            if start is not None and start.get(qn("w:name")).startswith("k_"):
                current = next((k for k in unchanged if start.get(qn("w:name")) == f"k_{k.replace('-', '_')}"), None)
            if current:
                assert p.find(f".//{qn('w:ins')}") is None and p.find(f".//{qn('w:del')}") is None, current


# -- each instrument's own redline: the provisions it changes ------------------------


@pytest.fixture(scope="module")
def instrument_redlines(comparisons) -> dict[tuple[str, str], bytes]:
    """What the build writes as amendments/<id>/redline-<lang>.docx."""
    return {(name, lang): write_redline(c, lang, whole=False) for name, c in comparisons.items() for lang in LANGS}


def by_heading(pairs) -> dict[str, list[str]]:
    """Each heading of a part, section or article -> the paragraphs up to the
    next one (sub-headings included), Justel brackets and notes left out."""
    out: dict[str, list[str]] = {}
    current = None
    for style, text in pairs:
        if style in ("Heading1", "Heading2", "Heading3"):
            current = JUSTEL.sub("", text)
            out[current] = []
        elif current is not None and text and style != "JustelNote":
            out[current].append(JUSTEL.sub("", text))
    return out


def consolidated_by_heading(loaded: Loaded, day: dt.date, lang: str) -> dict[str, list[str]]:
    data = write_docx(consolidated_edition(loaded, day), (lang,))[f"{lang}.docx"]
    return by_heading(paragraphs(body(data)))


@pytest.mark.parametrize(
    "lang, shown",
    [
        ("nl", ["Deel 2.", "Artikel 7/1 ", "Artikel 9 ", "Artikel 10 ", "Deel 3.", "Afdeling 3 ", "Artikel 29 "]),
        ("fr", ["Partie 2.", "Article 7/1 ", "Article 9 ", "Article 10 ", "Partie 3.", "Section 3 ", "Article 29 "]),
    ],
)
def test_the_redline_of_amendment_2_shows_the_articles_it_changes_under_their_headings(
    compiled, instrument_redlines, lang, shown
):
    headings = list(by_heading(resolved(instrument_redlines["wijziging-2", lang], accept=True)))
    assert [h[: len(s)] for h, s in zip(headings, shown, strict=True)] == shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_an_instruments_redline_accepts_to_the_new_text_and_rejects_to_the_old_of_what_it_shows(
    compiled, instrument_redlines, number, lang
):
    info = amendment_info(compiled, number)
    data = instrument_redlines[info.id, lang]
    after = consolidated_by_heading(compiled, info.in_force, lang)
    before = consolidated_by_heading(compiled, info.in_force - dt.timedelta(days=1), lang)
    accepted, rejected = by_heading(resolved(data, accept=True)), by_heading(resolved(data, accept=False))
    assert accepted and all(accepted[h] == after[h] for h in accepted if h.split()[0] in ("Artikel", "Article"))
    assert all(rejected[h] == before[h] for h in rejected if h.split()[0] in ("Artikel", "Article"))
    assert set(accepted) < set(after)
    omitted = next(t for s, t in paragraphs(body(data)) if s == "BodyText")
    assert omitted.startswith(f"{len(after) - len(accepted)} "), omitted
    assert count(data) == count(redlines_whole(compiled, info.id, lang))


def redlines_whole(compiled: Loaded, name: str, lang: str) -> bytes:
    compared = {c.name.split("/")[-1]: c for c in amendment_comparisons(compiled)}[name]
    return write_redline(compared, lang)


# -- a project whose amendment touches everything ------------------------------------


@pytest.fixture(scope="module")
def fourth(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fourth")
    for folder in ("sources", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    for lang, text in FOURTH.items():
        (root / "sources" / lang / "amendments" / "wijziging-4.md").write_text(text)
    with open(root / "sources" / "agreement.toml", "a") as config:
        config.write(FOURTH_INFO)
    return root


@pytest.fixture(scope="module")
def fourth_loaded(fourth) -> Loaded:
    return load(Project.open(fourth))


@pytest.fixture(scope="module")
def fourth_redlines(fourth_loaded) -> dict[str, bytes]:
    compared = {c.name: c for c in amendment_comparisons(fourth_loaded)}["amendments/wijziging-4"]
    return {lang: write_redline(compared, lang) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_changes_in_lists_tables_labels_and_styles_accept_and_reject_exactly(fourth_loaded, fourth_redlines, lang):
    data = fourth_redlines[lang]
    assert text_body(resolved(data, accept=True)) == consolidated_text(fourth_loaded, dt.date(2021, 7, 1), lang)
    assert text_body(resolved(data, accept=False)) == consolidated_text(fourth_loaded, dt.date(2021, 6, 30), lang)


def test_a_paragraph_that_becomes_a_sub_heading_records_its_old_style(fourth_redlines):
    root = body(fourth_redlines["nl"])
    (change,) = root.iter(f"{W}pPrChange")
    p = change.getparent().getparent()
    assert "".join(t.text for t in p.iter(f"{W}t")).startswith("Algemene beleidsnota van 25 oktober 2018")
    assert p.find(f"{W}ins") is None and p.find(f"{W}del") is None
    assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading4"
    assert change.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "BodyText"
    assert plain(change.get(f"{W}author")) == "Wijziging nr. 4 – Toetsing en stakeholders"


def test_a_paragraph_that_becomes_a_sub_heading_with_other_words_is_replaced(fourth_redlines):
    accepted, rejected = (resolved(fourth_redlines["nl"], accept) for accept in (True, False))
    assert ("Heading4", "Verslag over de resultaten") in accepted
    assert not any(text.startswith("Over de resultaten van dit overleg") for _, text in accepted)
    assert [style for style, text in rejected if text.startswith("Over de resultaten van dit overleg")] == ["BodyText"]
    assert ("Heading4", "Verslag over de resultaten") not in rejected


def test_references_and_footnotes_stay_in_changed_text(fourth_redlines):
    root = body(fourth_redlines["nl"])
    paragraph = next(
        p
        for p in root.iter(f"{W}p")
        if "De FOD bezorgt de voogdijminister elk kwartaal" in "".join(t.text or "" for t in p.iter(f"{W}t"))
    )
    assert [(link.get(f"{W}anchor"), "".join(link.itertext())) for link in paragraph.iter(f"{W}hyperlink")] == [
        ("k_projecten", "28"),
        ("k_jaarlijkse_toetsing", "11"),
    ]
    assert [("".join(c.itertext()), c.tag[len(W) :]) for c in paragraph.iter(f"{W}ins", f"{W}del")] == [
        ("ter voorbereiding van", "del"),
        ("met het oog op", "ins"),
    ]
    label = next(p for p in root.iter(f"{W}p") if "Egmontpaleis" in "".join(p.itertext()))
    assert label.find(f".//{W}footnoteReference") is not None
    assert label.find(f"{W}ins") is not None


def test_a_new_bullet_is_an_inserted_numbered_paragraph(fourth_redlines):
    root = body(fourth_redlines["fr"])
    *_, bullet = (p for p in root.iter(f"{W}p") if "".join(p.itertext()) == "les citoyens")
    assert bullet.find(f"{W}pPr/{W}numPr") is not None
    assert bullet.find(f"{W}pPr/{W}rPr/{W}ins") is not None and bullet.find(f"{W}ins") is not None


def test_a_new_title_changes_the_words_of_the_heading_and_a_reinstatement_its_wording(fourth_redlines):
    root = body(fourth_redlines["nl"])
    headings = {
        "".join(t.text or "" for t in p.iter(f"{W}t")): p
        for p in root.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='Heading3']") is not None
    }
    retitled = headings["Artikel 17 – Niet-naleving van de verbintenissen"]
    assert [(plain("".join(c.itertext())), c.tag[len(W) :]) for c in retitled.iter(f"{W}ins", f"{W}del")] == [
        ("aangegane ", "del")
    ]
    reinstated = headings["Artikel 15 – Herinvestering van efficiëntiewinsten"]
    assert [(plain("".join(c.itertext())), c.tag[len(W) :]) for c in reinstated.iter(f"{W}ins", f"{W}del")] == [
        ("Art. 15. (Opgeheven)", "del"),
        ("Artikel 15 – Herinvestering van efficiëntiewinsten", "ins"),
    ]
    assert reinstated.find(f"{W}bookmarkStart").get(f"{W}name") == "k_herinvestering"


def test_a_changed_table_cell_is_tracked_in_its_cell(fourth_redlines):
    root = body(fourth_redlines["fr"])
    cell = next(tc for tc in root.iter(f"{W}tc") if "ICT spécifique" in "".join(tc.itertext()))
    assert [(c.tag[len(W) :], "".join(c.itertext())) for c in cell.iter(f"{W}ins", f"{W}del")] == [
        ("del", "Support"),
        ("ins", "Soutien"),
    ]


# -- generated agreements and amendments ---------------------------------------------


def applicable(compiled: Loaded, agreement, amendments) -> Loaded:
    """A project with the generated agreement and those of the generated
    amendments that apply in turn (an invalid one is the engine's business:
    test_properties)."""

    def project(chosen: list) -> Loaded:
        return Loaded(
            compiled.project,
            dataclasses.replace(compiled.config, amendments=tuple(a.info for a in chosen)),
            agreement,
            tuple(chosen),
        )

    kept: list = []
    for amendment in in_force(amendments):
        try:
            history_of(project(kept + [amendment]))
        except SourceError:
            continue
        kept.append(amendment)
    return project(kept)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(scenarios(), st.data())
def test_generated_amendments_redline_to_their_consolidated_texts(compiled, scenario, data):
    agreement, amendments, _ = scenario
    loaded = applicable(compiled, agreement, amendments)
    days = sorted({compiled.config.signing_date} | {a.info.in_force for a in loaded.amendments})
    since = data.draw(st.sampled_from(days))
    to = data.draw(st.sampled_from([d for d in days if d >= since]))
    lang = data.draw(st.sampled_from(LANGS))
    redline = write_redline(comparison(loaded, since.isoformat(), to.isoformat()), lang)
    assert text_body(resolved(redline, accept=True)) == consolidated_text(loaded, to, lang)
    assert text_body(resolved(redline, accept=False)) == consolidated_text(loaded, since, lang)


# -- the synoptic table --------------------------------------------------------------


@pytest.fixture(scope="module")
def synoptic_files(comparisons) -> dict[tuple[str, str], bytes]:
    return {(name, lang): write_synoptic(c, lang) for name, c in comparisons.items() for lang in LANGS}


@pytest.fixture(scope="module")
def synoptic(synoptic_files):
    return {key: docx.Document(io.BytesIO(data)) for key, data in synoptic_files.items()}


def rows(document) -> list[tuple[str, str]]:
    table = document.tables[0]
    return [(left.text, right.text) for left, right in (r.cells for r in table.rows[1:])]


def runs(cell, **formatting) -> list[str]:
    """The words of a cell's runs with all the given formatting (nested tables included)."""
    out = []
    for r in cell._tc.iter(qn("w:r")):
        properties = r.find(qn("w:rPr"))
        has = {
            "strike": properties is not None and properties.find(qn("w:strike")) is not None,
            "bold": properties is not None and properties.find(qn("w:b")) is not None,
            "underline": properties is not None and properties.find(qn("w:u")) is not None,
        }
        if all(has[name] == wanted for name, wanted in formatting.items()):
            out.append("".join(t.text or "" for t in r.iter(qn("w:t"))))
    return out


@pytest.mark.parametrize(
    "lang, head, new, headings",
    [
        (
            "nl",
            ("Huidige tekst", "Nieuwe tekst"),
            "(nieuwe bepaling)",
            [
                "Artikel 7/1 – Ondersteuning",
                "Artikel 9 – Opvolging",
                "Artikel 10 – Periodiek overleg",
                "Artikel 29 – Schema van middelen",
            ],
        ),
        (
            "fr",
            ("Texte actuel", "Texte nouveau"),
            "(nouvelle disposition)",
            [
                "Article 7/1 – Appui aux membres",
                "Article 9 – Suivi",
                "Article 10 – Concertation périodique",
                "Article 29 – Tableau des moyens",
            ],
        ),
    ],
)
def test_synoptic_table_of_amendment_2_has_one_row_per_changed_article(compiled, synoptic, lang, head, new, headings):
    document = synoptic["wijziging-2", lang]
    table = document.tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == head
    shown = rows(document)
    assert [right.split("\n")[0][: len(h)] for (_, right), h in zip(shown, headings, strict=True)] == headings
    assert len(shown) == 4
    assert shown[0][0] == new
    provisions = [d for d in walk_divisions(history_of(compiled).steps[1].after.parts) if d.kind != "paragraph"]
    omitted = document.paragraphs[-1].text
    assert omitted.startswith(str(len(provisions) - 4) + " ")


def test_synoptic_strikes_deleted_words_and_underlines_inserted_ones(synoptic):
    table = synoptic["wijziging-2", "nl"].tables[0]
    article_9, article_10, article_29 = (table.rows[i].cells for i in (2, 3, 4))
    assert runs(article_9[1], bold=True, underline=True) == ["en aan de hand van meetbare indicatoren "]
    assert runs(article_9[0], strike=True) == []
    assert runs(article_10[0], strike=True) == ["zal", "organiseren "]
    assert runs(article_10[1], bold=True, underline=True) == ["organiseert", "minstens tweemaal per jaar "]
    assert runs(article_29[0], strike=True) == ["3.720", "3.720", "108.168", "109.201"]
    assert runs(article_29[1], underline=True) == ["5.220", "5.220", "109.668", "110.701"]
    new = table.rows[1].cells[1]
    assert runs(new, bold=True, underline=False) == []  # all of a new provision is inserted


def test_synoptic_of_a_repeal_strikes_the_old_text_and_underlines_the_new_heading(synoptic):
    table = synoptic["wijziging-3", "fr"].tables[0]
    left, right = next(r.cells for r in table.rows[1:] if "Art. 15. (Abrogé)" in plain(r.cells[1].text))
    assert [plain(run) for run in runs(right, underline=True)] == ["Art. 15. (Abrogé)"]
    assert "".join(runs(left, strike=True)).startswith("Article 15 – Réinvestissement")
    assert runs(left, strike=False) == []


# -- LibreOffice -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seen(libreoffice, compiled, redlines, instrument_redlines, fourth_redlines, synoptic_files, tmp_path_factory):
    """Every bundled redline (whole, and as the build writes it for its
    instrument) and synoptic table, the redline of the fourth amendment and
    one over all amendments, as LibreOffice sees them."""
    files = {f"redline-{name}-{lang}.docx": data for (name, lang), data in redlines.items()}
    files |= {f"redline-own-{name}-{lang}.docx": data for (name, lang), data in instrument_redlines.items()}
    files |= {f"redline-wijziging-4-{lang}.docx": data for lang, data in fourth_redlines.items()}
    files |= {
        f"redline-base-latest-{lang}.docx": write_redline(comparison(compiled, "base", "2021-12-31"), lang)
        for lang in LANGS
    }
    files |= {f"synoptic-{name}-{lang}.docx": data for (name, lang), data in synoptic_files.items()}
    folder = tmp_path_factory.mktemp("review")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files, libreoffice(sorted(folder / name for name in files))


def test_libreoffice_sees_as_many_tracked_changes_as_the_diff_reports(seen):
    files, result = seen
    reported = {name: count(data) for name, data in files.items() if name.startswith("redline")}
    assert {name: result[name]["redlines"] for name in reported} == reported
    assert all(reported.values())
    assert "ParagraphFormat" in result["redline-wijziging-4-nl.docx"]["types"]


def test_libreoffice_accepts_every_change_as_word_does(seen):
    files, result = seen
    for name, data in files.items():
        if name.startswith("redline"):
            assert result[name]["left"] == 0
            accepted = Path(result[name]["accepted"]).read_bytes()
            by_libreoffice = [t for _, t in paragraphs(body(accepted)) if t]
            assert by_libreoffice == [t for _, t in resolved(data, True) if t], name


def test_libreoffice_converts_every_redline_and_synoptic_table_to_pdf(seen):
    files, result = seen
    for name in files:
        pdf = Path(result[name]["pdf"])
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert ("Artikel" if name.endswith("-nl.docx") else "Article") in text, name


def test_word_would_open_every_redline_and_synoptic_table_without_repair(
    redlines, instrument_redlines, fourth_redlines, synoptic_files, tmp_path
):
    audit = pytest.importorskip("openxml_audit", reason="openxml-audit (PyPI) is not installed")
    documents = {f"redline-{a}-{lang}.docx": data for (a, lang), data in redlines.items()}
    documents |= {f"redline-own-{a}-{lang}.docx": data for (a, lang), data in instrument_redlines.items()}
    documents |= {f"redline-wijziging-4-{lang}.docx": data for lang, data in fourth_redlines.items()}
    documents |= {f"synoptic-{a}-{lang}.docx": data for (a, lang), data in synoptic_files.items()}
    for name, data in documents.items():
        (tmp_path / name).write_bytes(data)
        result = audit.OpenXmlValidator(file_format=audit.FileFormat.MICROSOFT_365).validate(str(tmp_path / name))
        assert result.is_valid, (name, [str(e) for e in result.errors][:5])
