"""`bocompile diff` as the legal service runs it, and the redline every build
writes beside each amendment instrument."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pytest

from bocompile.write.docx.tracked import count
from test_build import bocompile, hashes

AMENDMENTS = ("wijziging-1", "wijziging-2", "wijziging-3")


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_by_default_the_diff_shows_the_latest_amendment(tmp_path):
    result = bocompile("diff", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "diff" / "wijziging-2_wijziging-3"
    assert files(folder) == ["fr.docx", "fr.html", "nl.docx", "nl.html", "synoptic-fr.docx", "synoptic-nl.docx"]
    assert files(tmp_path) == ["diff"]
    for lang in ("nl", "fr"):
        changes = count((folder / f"{lang}.docx").read_bytes())
        assert f"{folder / f'{lang}.docx'} ({changes} tracked changes)" in result.stdout.splitlines()
        assert changes > 0
    assert f"{folder / 'synoptic-nl.docx'}" in result.stdout.splitlines()


def test_from_and_to_are_dates_base_or_amendment_ids(tmp_path):
    assert bocompile("diff", "--from", "base", "--to", "2020-12-31", "-o", str(tmp_path)).returncode == 0
    assert bocompile("-C", ".", "diff", "--to", "wijziging-2", "-o", str(tmp_path)).returncode == 0
    assert files(tmp_path / "diff") == ["base_2020-12-31", "wijziging-1_wijziging-2"]
    title = docx.Document(str(tmp_path / "diff" / "base_2020-12-31" / "nl.docx")).paragraphs
    lines = [p.text.replace("\u00a0", " ") for p in title[:6]]
    assert "Huidige tekst: de tekst zoals ondertekend op 28 februari 2019" in lines
    assert "Nieuwe tekst: de tekst van kracht op 31 december 2020" in lines


def test_the_same_sources_give_the_same_bytes(tmp_path):
    assert bocompile("diff", "--from", "base", "-o", str(tmp_path / "a")).returncode == 0
    env = {"PYTHONHASHSEED": "7", "TZ": "Asia/Tokyo", "LC_ALL": "C", "SOURCE_DATE_EPOCH": "0"}
    assert bocompile("diff", "--from", "base", "-o", str(tmp_path / "b"), env=env).returncode == 0
    assert hashes(tmp_path / "a") == hashes(tmp_path / "b")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "wijziging-3", "--to", "wijziging-1"], "--from wijziging-3 comes after --to wijziging-1"),
        (["--from", "2018-12-31"], "--from 2018-12-31 is before the agreement was signed (2019-02-28)"),
        (["--to", "wijziging-9"], "--to wijziging-9: no such amendment or date"),
        (["--from", "31/12/2020"], "--from 31/12/2020: no such amendment or date"),
    ],
)
def test_bad_points_are_usage_errors_that_write_nothing(tmp_path, args, message):
    result = bocompile("diff", *args, "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "an amendment id (wijziging-1, wijziging-2, wijziging-3)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_broken_sources_exit_1_and_leave_the_earlier_diff(project_copy):
    assert bocompile("-C", str(project_copy), "diff").returncode == 0
    before = hashes(project_copy / "output")
    source = project_copy / "sources/fr/amendments/wijziging-3.md"
    source.write_text(source.read_text().replace("::: repeal herinvestering", "::: repeal nergens"))
    result = bocompile("-C", str(project_copy), "diff")
    assert result.returncode == 1
    assert "sources/fr/amendments/wijziging-3.md:1: error:" in result.stderr
    assert "nothing was written" in result.stderr
    assert hashes(project_copy / "output") == before


def test_a_build_keeps_the_diffs_and_a_diff_keeps_the_build(project_copy):
    out = project_copy / "output"
    assert bocompile("-C", str(project_copy), "diff").returncode == 0
    assert bocompile("-C", str(project_copy)).returncode == 0
    built = hashes(out)
    assert any(name.startswith("diff/wijziging-2_wijziging-3/") for name in built)
    assert bocompile("-C", str(project_copy), "diff", "--from", "base").returncode == 0
    assert {k: v for k, v in hashes(out).items() if not k.startswith("diff/")} == {
        k: v for k, v in built.items() if not k.startswith("diff/")
    }


def test_each_instrument_has_its_redline_listed_in_the_manifest(tmp_path):
    assert bocompile("-o", str(tmp_path)).returncode == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for amendment in AMENDMENTS:
        for lang in ("nl", "fr"):
            name = f"amendments/{amendment}/redline-{lang}.docx"
            data = (tmp_path / name).read_bytes()
            assert manifest["files"][name] == hashlib.sha256(data).hexdigest()
            assert count(data) > 0
    assert not (tmp_path / "base" / "redline-nl.docx").exists()


def test_redlines_follow_the_language_and_format_chosen(tmp_path):
    assert bocompile("--lang", "fr", "--format", "docx", "-o", str(tmp_path)).returncode == 0
    assert [n for n in files(tmp_path / "amendments" / "wijziging-1") if n.startswith("redline")] == ["redline-fr.docx"]
    assert bocompile("--format", "akn", "-o", str(tmp_path)).returncode == 0
    assert [n for n in files(tmp_path / "amendments" / "wijziging-1") if n.startswith("redline")] == []


def test_a_broken_wording_of_the_review_documents_fails_check_and_diff(project_copy):
    template = project_copy / "templates/lang/nl.toml"
    text = template.read_text()
    template.write_text(text.replace('omitted = "{{ n }} ongewijzigde', 'omitted = "{{ m }} ongewijzigde'))
    line = next(n for n, value in enumerate(template.read_text().splitlines(), 1) if value.startswith("omitted = "))
    for command in (["check"], ["diff"]):
        result = bocompile("-C", str(project_copy), *command)
        assert result.returncode == 1
        assert result.stderr.startswith(
            f"templates/lang/nl.toml:{line}: error: template 'diff.omitted' cannot be rendered:"
        )
    assert not (project_copy / "output").exists()


def test_the_html_of_a_diff_marks_inserted_and_deleted_words_and_figures(tmp_path):
    """Amendment nr. 2 as a page: its words in <ins>/<del>, its new article
    inserted whole, each changed figure's row struck out and its new row added."""
    from lxml import html

    assert bocompile("diff", "--from", "wijziging-1", "--to", "wijziging-2", "-o", str(tmp_path)).returncode == 0
    page = html.fromstring((tmp_path / "diff" / "wijziging-1_wijziging-2" / "nl.html").read_bytes())
    words = [(e.tag, " ".join(e.text_content().split())) for e in page.iter("ins", "del")]
    assert ("ins", "en aan de hand van meetbare indicatoren") in words
    assert ("del", "zal") in words and ("ins", "organiseert") in words
    assert any(tag == "ins" and text.startswith("De FOD staat in voor de coördinatie") for tag, text in words)
    struck = [row for row in page.xpath('//table[@class="data"]//tr') if row.xpath("th/del")]
    added = [row for row in page.xpath('//table[@class="data"]//tr') if row.xpath("th/ins")]
    assert [[td.text_content() for td in row.xpath("td")][1] for row in struck] == ["3.720", "108.168"]
    assert [[td.text_content() for td in row.xpath("td")][1] for row in added] == ["5.220", "109.668"]
