"""Typography from templates/lang: no-break spaces and one apostrophe per
language, in every text bocompile writes, whatever the author typed."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bocompile.language import load_language
from bocompile.project import Project
from bocompile.typography import typeset

REPO = Path(__file__).resolve().parent.parent
FR = load_language(Project(REPO / "templates"), "fr").typography
NL = load_language(Project(REPO / "templates"), "nl").typography
NBSP = "\u00a0"
#: a plain space where French typography wants a no-break one
FRENCH_BREAKS = re.compile(
    r" [:;!?»]|« |\bn° \d|§ \d|\bart\. \d|\b1er (janvier|février|mars|avril|mai|juin|juillet|"
    r"août|septembre|octobre|novembre|décembre)\b"
)


@pytest.mark.parametrize(
    "typed, typeset_text",
    [
        ("l'article 5 : voir n° 1 ; § 7 !", "l’article 5\u00a0: voir n°\u00a01\u00a0; §\u00a07\u00a0!"),
        ("« oui » ou non ?", "«\u00a0oui\u00a0» ou non\u00a0?"),
        ("le 1er janvier 2019, le 15 JUIN 2020", "le 1er\u00a0janvier 2019, le 15\u00a0JUIN 2020"),
        ("5 % soit 100 EUR", "5\u00a0% soit 100\u00a0EUR"),
        ("art. 7 mais part. 3 et 2015 mars", "art.\u00a07 mais part. 3 et 2015 mars"),
        ("http://example.be 10:30", "http://example.be 10:30"),
    ],
)
def test_french_spaces_that_must_not_break(typed, typeset_text):
    assert typeset(typed, FR) == typeset_text


@pytest.mark.parametrize(
    "typed, typeset_text",
    [
        (
            "op 1 januari 2019: art. 7, § 2 en wijziging nr. 3",
            "op 1\u00a0januari 2019: art.\u00a07, §\u00a02 en wijziging nr.\u00a03",
        ),
        ("auto's en 's avonds", "auto’s en 's avonds"),
    ],
)
def test_dutch_has_its_own_rules(typed, typeset_text):
    assert typeset(typed, NL) == typeset_text


@given(st.text(alphabet=" :;!?«»'’%§°n.artEUR1ejanvierJUIN0", max_size=40))
def test_typesetting_keeps_every_character_and_is_idempotent(text):
    once = typeset(text, FR)
    assert len(once) == len(text) and typeset(once, FR) == once
    for typed, shown in zip(text, once, strict=True):
        assert shown == typed or (typed == " " and shown == NBSP) or (typed in "'’" and shown == "’")


def test_a_wrong_typography_table_names_its_line(project_copy):
    path = project_copy / "templates/lang/fr.toml"
    path.write_text(path.read_text().replace('before = [":"', 'before = [1, ":"'))
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", "check"], cwd=project_copy, capture_output=True, text=True, timeout=120
    )
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("before ="))
    assert result.returncode == 1
    assert (
        f"templates/lang/fr.toml:{line}: error: typography.before must be a list of non-empty strings" in result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("typeset")
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", "-C", str(REPO), "--consolidate", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def xml_texts(path: Path, part: str | None = None) -> str:
    data = zipfile.ZipFile(path).read(part).decode() if part else path.read_text(encoding="utf-8")
    return " ".join(re.findall(r">([^<]+)<", data))


@pytest.mark.parametrize(
    "edition", ["base", "consolidated", "amendments/wijziging-1", "amendments/wijziging-2", "amendments/wijziging-3"]
)
def test_french_outputs_never_break_where_french_typography_forbids(built, edition):
    """Sources and amendments have plain spaces before ':' and in 'n° 1';
    templates write "l'article": the outputs show neither."""
    for text in (
        xml_texts(built / edition / "fr.docx", "word/document.xml"),
        xml_texts(built / edition / "fr.docx", "word/footnotes.xml"),
        xml_texts(built / edition / "fr.akn.xml"),
    ):
        assert not FRENCH_BREAKS.search(text), FRENCH_BREAKS.search(text)
        assert not re.search(r"\w'\w", text)


def test_sources_keep_what_the_author_typed_and_check_accepts_it():
    typed = (REPO / "sources/fr/amendments/wijziging-1.md").read_text(encoding="utf-8")
    assert re.search(r"\w [:;]", typed) and "d'" in typed
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", "-C", str(REPO), "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
