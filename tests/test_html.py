"""The HTML preview as a reader sees it: built by the real `bocompile`,
opened in a real headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html
from selenium.webdriver.common.by import By

from bocompile.model import walk_divisions
from test_build import bocompile, hashes

EDITIONS = ["base", "consolidated"] + [f"amendments/wijziging-{n}" for n in (1, 2, 3)]


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preview")
    result = bocompile("--consolidate", "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def page(path: Path):
    return html.fromstring(path.read_bytes())


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_every_edition_has_a_page_per_language_and_side_by_side(preview):
    names = set(hashes(preview))
    for edition in EDITIONS:
        assert {f"{edition}/{name}" for name in ("nl.html", "fr.html", "nl-fr.html")} <= names
    assert not any(name.endswith((".docx", ".xml")) for name in names)  # only what was asked


def test_same_sources_give_identical_html_whatever_the_environment(preview, tmp_path):
    env = {"PYTHONHASHSEED": "7", "TZ": "Asia/Tokyo", "LC_ALL": "C", "SOURCE_DATE_EPOCH": "0"}
    assert bocompile("--consolidate", "--format", "html", "-o", str(tmp_path), env=env).returncode == 0
    assert hashes(tmp_path) == hashes(preview)


def test_a_language_page_is_semantic_html_with_anchors_numbers_and_notes(preview, compiled):
    nl, fr = page(preview / "base/nl.html"), page(preview / "base/fr.html")
    assert nl.get("lang") == "nl-BE" and fr.get("lang") == "fr-BE"
    for division in walk_divisions(compiled.agreement.parts):
        assert len(nl.xpath(f'//*[@id="{division.key}"]')) == 1
        for position in range(1, len(division.blocks) + 1):
            assert nl.xpath(f'//*[@id="{division.key}-p{position}"]'), f"{division.key}-p{position}"
    assert (
        words(fr.get_element_by_id("draagwijdte").find("h4"))
        == "Article 1er – Portée du présent contrat d’administration"
    )
    assert nl.get_element_by_id("consolidatie").tag == "article"
    assert nl.get_element_by_id("verbintenissen").tag == "section"
    # the table of contents links every division
    links = nl.xpath('//nav[@class="contents"]//a/@href')
    assert links == [f"#{d.key}" for d in walk_divisions(compiled.agreement.parts)]
    # a [[key]] reference is the number, linked to its article (article 12 as amendment nr. 3 completed it)
    ref = page(preview / "consolidated/nl.html").xpath('//*[@id="rapportering"]//a[@class="ref"]')[-1]
    assert ref.get("href") == "#jaarlijkse-toetsing" and ref.text == "11"
    # text tables and data tables: header cells with a scope, figures formatted per language
    assert nl.xpath('//table[@class="text"]//th[@scope="col"]')
    budget = fr.xpath('//table[@class="data"]')[0]
    assert budget.xpath('.//th[@scope="row"]') and budget.xpath('.//tr[@class="total"]')
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", budget.xpath('.//tr[@class="total"]/td')[0].text)
    # footnotes: a numbered anchor in the text, the note after its block
    ref = nl.xpath('//sup[@class="noteref"]/a')[0]
    note = nl.get_element_by_id(ref.get("href")[1:])
    assert note.tag == "li" and words(note)
    # the organisation chart is an explicit placeholder with its caption
    assert nl.xpath('//figure[@class="placeholder"]/figcaption')
    # lists keep the legal numbering
    assert nl.xpath('//ol[@class="point"]/li/span[@class="marker"]')[0].text == "1°"
    # title page and signatures
    assert words(nl.xpath("//h1")[0]) == "Bestuursovereenkomst 2019-2021"
    assert "Opgemaakt te Brussel op 28 februari 2019" in words(nl.xpath('//footer[@class="signature"]')[0])


def test_consolidated_page_shows_justel_marks_notes_and_repealed_provisions(preview):
    nl = page(preview / "consolidated/nl.html")
    inserted = nl.get_element_by_id("dienstverlening-regeringsleden")
    assert words(inserted.find("h4")).startswith("Artikel 7/1 – [1 ")
    assert inserted.xpath('.//span[@class="justel"]/sup')[0].text == "1"
    assert "(1)<Wijziging nr. 2 van 15 oktober 2020, art. 1, i.w. 1 november 2020>." in words(inserted)
    repealed = nl.get_element_by_id("herinvestering")
    assert "repealed" in repealed.get("class") and words(repealed.find("h4")) == "Art. 15. (Opgeheven)"
    # a figure set by an amendment carries its mark in the data table
    assert nl.xpath('//table[@class="data"]//td[@class="figure"]/span[@class="justel"]')


def test_an_instrument_page_has_untitled_articles_and_its_preamble(preview):
    nl = page(preview / "amendments/wijziging-2/nl.html")
    headings = [words(h) for h in nl.xpath("//article/h4")]
    assert headings[:2] == ["Artikel 1.", "Art. 2."]
    assert "Gelet op het koninklijk besluit van 29 oktober 2001" in words(nl.xpath('//div[@class="preamble"]')[0])


def test_side_by_side_in_chromium_every_article_level_in_both_columns(preview, compiled, chromium, tmp_path):
    target = preview / "base/nl-fr.html"
    chromium.get(target.as_uri())
    chromium.save_screenshot(str(tmp_path / "nl-fr.png"))
    assert (tmp_path / "nl-fr.png").stat().st_size > 10_000
    articles = [d.key for d in walk_divisions(compiled.agreement.parts) if d.kind == "article"]
    assert len(articles) == 29
    for key in articles:
        row = chromium.find_element(By.ID, key)
        assert row.tag_name == "tr"
        cells = {cell.get_attribute("lang"): cell for cell in row.find_elements(By.XPATH, "./td")}
        assert set(cells) == {"nl-BE", "fr-BE"}
        nl, fr = cells["nl-BE"].find_element(By.TAG_NAME, "h4"), cells["fr-BE"].find_element(By.TAG_NAME, "h4")
        assert nl.text.startswith("Artikel ") and fr.text.startswith("Article ")
        assert nl.is_displayed() and fr.is_displayed()
        assert nl.rect["y"] == fr.rect["y"], key  # level: the same row
        assert nl.rect["x"] < fr.rect["x"]  # Dutch left
    # blocks too: a block's versions share a row
    nl, fr = chromium.find_elements(By.CSS_SELECTOR, "#opvolging-p1 > td")
    assert nl.rect["y"] == fr.rect["y"] and nl.rect["height"] == fr.rect["height"]


def test_nothing_but_the_file_itself_is_requested(preview, chromium):
    target = preview / "base/nl-fr.html"
    chromium.get_log("performance")  # drop what earlier tests loaded
    chromium.get(target.as_uri())
    requested = [json.loads(entry["message"])["message"] for entry in chromium.get_log("performance")]
    urls = {m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"}
    assert urls == {target.as_uri()}
    assert chromium.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert chromium.execute_script("return document.scripts.length") == 0


@pytest.mark.parametrize(
    "broken, line, message",
    [
        ("{% if %}", 5, "template error: Expected an expression"),
        ("{{ h.nothing() }}", 11, "template error: 'bocompile.write.html.page.Page object' has no attribute 'nothing'"),
    ],
)
def test_a_broken_html_template_is_reported_by_check_and_build(project_copy, broken, line, message):
    from test_status import run

    macros = project_copy / "templates/html/macros.html"
    lines = macros.read_text().splitlines(keepends=True)
    lines.insert(line - 1, broken + "\n")
    macros.write_text("".join(lines))
    for args in (("check",), ("--format", "html")):
        result = run(project_copy, *args)
        assert result.returncode == 1
        assert result.stderr.startswith(f"templates/html/macros.html:{line}: error: {message}"), result.stderr
