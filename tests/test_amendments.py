"""Amendments: the checker's errors (with the amendment file:line) and the
engine's results on the bundled sample amendments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from bocompile.amend.consolidate import consolidate, in_force
from bocompile.model import DataTable, walk_divisions
from bocompile.number import number
from bocompile.number.renumber import renumber
from test_check import errors, replace_in, run


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_bundled_sources_with_amendments_check_clean(compiled):
    assert [a.info.number for a in compiled.amendments] == [1, 2, 3]
    assert run("check").returncode == 0


def test_missing_target_names_the_amendment_line(project_copy):
    for lang in ("nl", "fr"):
        replace_in(project_copy / f"sources/{lang}/amendments/wijziging-3.md",
                   "::: append rapportering", "::: append rapporten")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    [message] = errors(result)
    assert message.startswith("sources/nl/amendments/wijziging-3.md:4: error: amendment nr. 3: "
                              "'rapporten' does not exist at this point")


def test_target_already_repealed(project_copy):
    for lang in ("nl", "fr"):
        path = project_copy / f"sources/{lang}/amendments/wijziging-3.md"
        path.write_text(path.read_text() + "\n::: repeal herinvestering\n:::\n")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    line = len((project_copy / "sources/nl/amendments/wijziging-3.md").read_text().splitlines()) - 1
    assert errors(result) == [f"sources/nl/amendments/wijziging-3.md:{line}: error: amendment nr. 3: "
                              "'herinvestering' is repealed at this point; reinstate it first"]


def test_words_not_found_in_one_language_names_that_language_file(project_copy):
    path = project_copy / "sources/fr/amendments/wijziging-2.md"
    replace_in(path, "old: suivre attentivement", "old: suivre attentivment")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    line = line_of(path, "::: replace-words opvolging")
    assert errors(result) == [f"sources/fr/amendments/wijziging-2.md:{line}: error: amendment nr. 2: the "
                              "words \"suivre attentivment\" do not occur in 'opvolging' in fr"]


def test_stated_count_must_match(project_copy):
    for lang in ("nl", "fr"):
        replace_in(project_copy / f"sources/{lang}/amendments/wijziging-2.md",
                   "::: replace-words opvolging", "::: replace-words opvolging count=2")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "occur 1 times in 'opvolging' in nl, not 2" in result.stderr


def test_operations_that_differ_between_languages(project_copy):
    path = project_copy / "sources/fr/amendments/wijziging-3.md"
    replace_in(path, "::: repeal herinvestering", "::: repeal financiering")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    [message] = errors(result)
    assert message.startswith("sources/fr/amendments/wijziging-3.md:1: error: repeal operation: target differs")
    assert "nl: herinvestering at sources/nl/amendments/wijziging-3.md:1" in message
    assert "fr: financiering at sources/fr/amendments/wijziging-3.md:1" in message


def test_operation_kinds_that_differ_between_languages(project_copy):
    path = project_copy / "sources/fr/amendments/wijziging-3.md"
    path.write_text(path.read_text().replace("::: repeal herinvestering\n:::",
                                             "::: append herinvestering\nTexte.\n:::"))
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "item 1 differs (nl: repeal operation" in result.stderr
    assert "fr: append operation" in result.stderr


def test_new_key_must_be_unique(project_copy):
    for lang in ("nl", "fr"):
        path = project_copy / f"sources/{lang}/amendments/wijziging-2.md"
        path.write_text(path.read_text().replace("dienstverlening-regeringsleden", "consolidatie"))
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "key 'consolidatie' is already used" in result.stderr


def test_syntax_error_in_operation_line(project_copy):
    replace_in(project_copy / "sources/nl/amendments/wijziging-3.md", "::: repeal herinvestering",
               "::: repeal herinvestering now")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "sources/nl/amendments/wijziging-3.md:1: error: '::: repeal herinvestering now' is not " \
           "understood; write '::: repeal KEY'" in result.stderr


def test_amendment_file_missing_in_one_language(project_copy):
    (project_copy / "sources/fr/amendments/wijziging-3.md").unlink()
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "amendment 'wijziging-3' has no file sources/fr/amendments/wijziging-3.md" in result.stderr


def divisions(agreement):
    return {d.key: d for d in walk_divisions(agreement.parts)}


def test_consolidation_applies_amendments_in_force(compiled):
    until = in_force(compiled.amendments, dt.date(2020, 12, 31))
    assert [a.info.number for a in until] == [1, 2]
    text = consolidate(compiled.agreement, compiled.amendments, dt.date(2020, 12, 31))
    numbering = number(text)
    assert numbering.text("dienstverlening-regeringsleden") == "7/1"
    assert [numbering.text(k) for k in ("digitalisering", "diversiteit", "duurzaamheid")] == ["30", "31", "32"]
    assert not divisions(text)["herinvestering"].repealed
    final = divisions(consolidate(compiled.agreement, compiled.amendments))
    assert final["herinvestering"].repealed and final["herinvestering"].number == (15,)
    budget = next(b for b in final["middelen"].blocks if isinstance(b, DataTable) and b.key == "budget-fod")
    assert budget.rows[-1].values == (Decimal(206746), Decimal(109668), Decimal(110701))
    assert [c.action for c in final["middelen"].history] == ["modified"]


def test_renumbering_gives_1_to_n_and_7_1_becomes_8(compiled):
    text, moves = renumber(consolidate(compiled.agreement, compiled.amendments))
    articles = [d for d in walk_divisions(text.parts) if d.kind == "article"]
    assert [d.number for d in articles] == [(n,) for n in range(1, len(articles) + 1)]
    assert divisions(text)["dienstverlening-regeringsleden"].number == (8,)
    assert "herinvestering" not in divisions(text)
    moved = {m.key: (m.old, m.new) for m in moves}
    assert moved["herinvestering"] == ((15,), None)
    assert moved["consolidatie"] == ((8,), (9,))


@pytest.mark.parametrize("position, anchor, expected", [
    ("after", "kader", "2/1"), ("before", "draagwijdte", "0/1"), ("after", "middelen", "30"),
])
def test_inserted_numbers_follow_the_raad_van_state(compiled, position, anchor, expected):
    from bocompile.amend.apply import apply
    from bocompile.model import Change
    from bocompile.model.operations import Insert
    from bocompile.number import assign

    new = next(d for d in walk_divisions(compiled.agreement.parts) if d.key == "consolidatie")
    from dataclasses import replace
    op = Insert("nieuw", position, anchor, (replace(new, key="nieuw"),), new.loc)
    text = apply(assign(compiled.agreement), op, Change("", 9, dt.date(2020, 1, 1), dt.date(2020, 1, 1)))
    assert number(text).text("nieuw") == expected


MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini_built(tmp_path_factory) -> Path:
    """The mini fixture (every operation the bundled samples lack) built
    with the bundled templates."""
    import shutil

    root = tmp_path_factory.mktemp("mini") / "project"
    shutil.copytree(MINI / "sources", root / "sources")
    shutil.copytree(Path(__file__).parent.parent / "templates", root / "templates")
    result = run("-C", str(root), "--consolidate", "--as-of", "2020-05-01", "-o", str(root / "may"))
    assert result.returncode == 0, result.stderr
    assert run("-C", str(root), "--consolidate", "--format", "docx").returncode == 0
    return root


def docx_text(path: Path) -> str:
    from docx2python import docx2python

    with docx2python(path) as document:
        return document.text.replace("\u00a0", " ").replace("’", "'")


def test_repealed_then_reinstated_keeps_its_number_with_both_notes(mini_built):
    may = docx_text(mini_built / "may/consolidated/nl.docx")
    assert "Art. 2. (Opgeheven)" in may  # the repealed article keeps its place and number
    assert "Artikel 0/1 – Nieuw" in may  # inserted before article 1
    july = docx_text(mini_built / "output/consolidated/fr.docx")
    assert "Article 2 – Tableaux" in july
    assert "Abrogé par la modification n° 1 du 1er mars 2020" in july
    assert "Rétabli par la modification n° 2 du 1er juin 2020, en vigueur le 1er juillet 2020" in july


def test_reinstate_formula_cites_the_repealing_amendment(mini_built):
    nl = docx_text(mini_built / "output/amendments/w2/nl.docx")
    fr = docx_text(mini_built / "output/amendments/w2/fr.docx")
    assert "Artikel 2 van de bestuursovereenkomst, opgeheven bij wijziging nr. 1, wordt hersteld als volgt:" in nl
    assert "L'article 2 du contrat d'administration, abrogé par la modification n° 1, est rétabli comme suit :" in fr
    assert "In de bestuursovereenkomst wordt een artikel 0/1 ingevoegd, luidende:" in docx_text(
        mini_built / "output/amendments/w1/nl.docx")


def test_latin_numbering_option_gives_7bis_in_both_languages(compiled):
    from dataclasses import replace as with_

    from bocompile.editions import consolidated_edition

    latin = with_(compiled, config=with_(compiled.config, numbering="latin"))
    edition = consolidated_edition(latin)
    article = divisions(edition.agreement)["dienstverlening-regeringsleden"]
    assert edition.label(article, "nl") == "Artikel 7bis"
    assert edition.label(article, "fr") == "Article 7bis"
