"""`bocompile status` as a translator and a release workflow use it, on a
copy of the bundled project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from test_build import hashes

NL = "sources/nl/verbintenissen.md"
FR = "sources/fr/verbintenissen.md"
LEDGER = "sources/translations.lock"


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", "-C", str(root), *args], capture_output=True, text=True, env={**os.environ}
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


def test_the_bundled_sources_are_aligned():
    result = run(Path(__file__).resolve().parent.parent, "status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["fr: 0 stale, 0 new, 131 aligned"]


@pytest.fixture
def edited(project_copy) -> Path:
    """The copy with one Dutch paragraph reworded (article 5's only lid)."""
    edit(
        project_copy / NL,
        "Beleidscoördinatie en de Beleidscel van de Eerste Minister voorbereid.",
        "Beleidscoördinatie en de Beleidscel van de Eerste Minister zorgvuldig voorbereid.",
    )
    return project_copy


def test_a_changed_dutch_paragraph_makes_exactly_its_french_stale(edited):
    result = run(edited, "status")
    assert result.returncode == 1
    nl, fr = line_of(edited / NL, "Elk voorontwerp van wet"), line_of(edited / FR, "Tout avant-projet de loi")
    assert result.stdout.splitlines() == [
        f"{FR}:{fr}: stale: {NL}:{nl} changed since the French was aligned",
        "fr: 1 stale, 0 new, 130 aligned",
    ]


def test_accept_records_the_present_state_all_or_by_division(edited):
    assert run(edited, "status", "--accept", "beheersprincipes").returncode == 0
    assert run(edited, "status").returncode == 1  # another division accepted: still stale
    assert run(edited, "status", "--accept", "voorafgaand-overleg").returncode == 0
    assert run(edited, "status").returncode == 0
    edit(edited / NL, "zorgvuldig voorbereid.", "voorbereid.")
    assert run(edited, "status").returncode == 1
    accepted = run(edited, "status", "--accept")
    assert accepted.returncode == 0 and accepted.stdout == f"recorded 131 aligned unit(s) in {LEDGER}\n"
    assert run(edited, "status").returncode == 0


def test_the_ledger_is_sorted_and_rewritten_identically(project_copy):
    before = (project_copy / LEDGER).read_bytes()
    assert run(project_copy, "status", "--accept").returncode == 0
    assert (project_copy / LEDGER).read_bytes() == before
    keys = [line.split(" = ")[0] for line in before.decode().splitlines() if " = " in line]
    assert keys.index("beheersprincipes-p2") < keys.index("beheersprincipes-p5") < keys.index("consolidatie")


def test_ids_survive_inserting_a_division_before_others(project_copy):
    for lang, title, text in (("nl", "Nieuw", "Een nieuw artikel."), ("fr", "Nouveau", "Un nouvel article.")):
        path = project_copy / f"sources/{lang}/verbintenissen.md"
        text_before = path.read_text()
        marker = text_before.index("### ", text_before.index("{#verbintenissen}"))
        path.write_text(text_before[:marker] + f"### {title} {{#nieuw}}\n\n{text}\n\n" + text_before[marker:])
    result = run(project_copy, "status")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines[:-1]] == ["new", "new"]  # its title and its lid only
    assert lines[-1] == "fr: 0 stale, 2 new, 131 aligned"


@pytest.mark.parametrize(
    "ledger, line, message",
    [
        ('[fr]\nbeheersprincipes = "abc\n', 2, "the translation ledger is not valid TOML"),
        (
            '[fr]\nbeheersprincipes = "f1a20d24b2abee5e"\nweg-p1 = "f1a20d24b2abee5e"\n',
            3,
            "'weg-p1' is not a title or block of the sources",
        ),
        ('[fr]\nbeheersprincipes = "xyz"\n', 2, "'beheersprincipes' must be a fingerprint of 16 hexadecimal digits"),
        ('[de]\nbeheersprincipes = "f1a20d24b2abee5e"\n', 1, "[de] is not a translated language"),
    ],
)
def test_a_bad_ledger_is_reported_where_it_is_wrong_and_nothing_is_written(project_copy, ledger, line, message):
    (project_copy / LEDGER).write_text(ledger)
    before = hashes(project_copy)
    for args in (("status",), ("--format", "html")):
        result = run(project_copy, *args)
        assert result.returncode == 1
        assert f"{LEDGER}:{line}: error: {message}" in result.stderr
    assert hashes(project_copy) == before


def test_usage_errors(project_copy):
    assert run(project_copy, "status", "--accept", "geen-sleutel").returncode == 2
    assert run(project_copy, "status", "beheersprincipes").returncode == 2


def test_the_preview_marks_the_stale_french_block_visibly(edited, chromium, tmp_path):
    assert run(edited, "--format", "html", "-o", str(tmp_path / "out")).returncode == 0
    chromium.get((tmp_path / "out/base/nl-fr.html").as_uri())
    nl, fr = chromium.find_elements(By.CSS_SELECTOR, "#voorafgaand-overleg-p1 > td")
    assert "stale" in fr.get_attribute("class") and not nl.get_attribute("class")
    badge = fr.find_element(By.CSS_SELECTOR, ".review.stale")
    assert badge.is_displayed() and badge.text.startswith("À revoir")
    assert badge.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert len(chromium.find_elements(By.CSS_SELECTOR, ".review")) == 1
    chromium.save_screenshot(str(tmp_path / "stale.png"))
