"""Amendments: the checker's errors (with the amendment file:line) and the
engine's results on the bundled sample amendments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from bocompile.amend.history import consolidate, in_force
from bocompile.model import DataTable, walk_divisions
from bocompile.number import number
from bocompile.number.renumber import renumber
from test_check import errors, replace_in, run
from test_signing import SIGNED_IN_2021


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_bundled_sources_with_amendments_check_clean(compiled):
    assert [a.info.number for a in compiled.amendments] == [1, 2, 3]
    assert run("check").returncode == 0


def test_missing_target_names_the_amendment_line(project_copy):
    for lang in ("nl", "fr"):
        replace_in(
            project_copy / f"sources/{lang}/amendments/wijziging-3.md",
            "::: append rapportering",
            "::: append rapporten",
        )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    [message] = errors(result)
    assert message.startswith(
        "sources/nl/amendments/wijziging-3.md:4: error: amendment nr. 3: 'rapporten' does not exist at this point"
    )


def test_target_already_repealed(project_copy):
    for lang in ("nl", "fr"):
        path = project_copy / f"sources/{lang}/amendments/wijziging-3.md"
        path.write_text(path.read_text() + "\n::: repeal herinvestering\n:::\n")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    line = len((project_copy / "sources/nl/amendments/wijziging-3.md").read_text().splitlines()) - 1
    assert errors(result) == [
        f"sources/nl/amendments/wijziging-3.md:{line}: error: amendment nr. 3: "
        "'herinvestering' is repealed at this point; reinstate it first"
    ]


def test_words_not_found_in_one_language_names_that_language_file(project_copy):
    path = project_copy / "sources/fr/amendments/wijziging-2.md"
    replace_in(path, "old: suivre attentivement", "old: suivre attentivment")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    line = line_of(path, "::: replace-words opvolging")
    assert errors(result) == [
        f"sources/fr/amendments/wijziging-2.md:{line}: error: amendment nr. 2: the "
        "words \"suivre attentivment\" do not occur in 'opvolging' in fr"
    ]


def test_stated_count_must_match(project_copy):
    for lang in ("nl", "fr"):
        replace_in(
            project_copy / f"sources/{lang}/amendments/wijziging-2.md",
            "::: replace-words opvolging",
            "::: replace-words opvolging count=2",
        )
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
    path.write_text(
        path.read_text().replace("::: repeal herinvestering\n:::", "::: append herinvestering\nTexte.\n:::")
    )
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
    replace_in(
        project_copy / "sources/nl/amendments/wijziging-3.md",
        "::: repeal herinvestering",
        "::: repeal herinvestering now",
    )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert (
        "sources/nl/amendments/wijziging-3.md:1: error: '::: repeal herinvestering now' is not "
        "understood; write '::: repeal KEY'" in result.stderr
    )


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
    before = consolidate(compiled.agreement, compiled.amendments)
    text = renumber(before)
    articles = [d for d in walk_divisions(text.parts) if d.kind == "article"]
    assert [d.number for d in articles] == [(n,) for n in range(1, len(articles) + 1)]
    assert divisions(text)["dienstverlening-regeringsleden"].number == (8,)
    assert "herinvestering" not in divisions(text)
    assert (divisions(before)["consolidatie"].number, divisions(text)["consolidatie"].number) == ((8,), (9,))


@pytest.mark.parametrize(
    "position, anchor, expected",
    [
        ("after", "kader", "2/1"),
        ("before", "draagwijdte", "0/1"),
        ("after", "middelen", "30"),
    ],
)
def test_inserted_numbers_follow_the_raad_van_state(compiled, position, anchor, expected):
    from bocompile.amend.apply import apply
    from bocompile.model import Change
    from bocompile.number import assign
    from bocompile.operations.insert import Insert

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


def test_repealed_then_reinstated_keeps_its_number_with_its_notes(mini_built):
    may = " ".join(docx_text(mini_built / "may/consolidated/nl.docx").split())
    # the repealed article keeps its place and number, with the source of its repeal: the
    # second article of amendment 1 (its first inserts article 0/1, which comes first in the text)
    assert "Art. 2. (Opgeheven) (1)<Wijziging nr. 1 van 1 maart 2020, art. 2, i.w. 1 april 2020>." in may
    assert "Artikel 0/1 – [1 Nieuw Een ingevoegd artikel.]1 (1)<Wijziging nr. 1 van 1 maart 2020, art. 1" in may
    july = " ".join(docx_text(mini_built / "output/consolidated/fr.docx").split())
    assert (
        "Article 2 – [1 Tableaux Les tableaux sont mis à jour chaque année.]1 "
        "(1)<Modification n° 2 du 1er juin 2020, art. 1, EV 1er juillet 2020>."
    ) in july


def test_reinstate_formula_cites_the_repealing_amendment(mini_built):
    nl = docx_text(mini_built / "output/amendments/w2/nl.docx")
    fr = docx_text(mini_built / "output/amendments/w2/fr.docx")
    assert "Artikel 2 van de bestuursovereenkomst, opgeheven bij wijziging nr. 1, wordt hersteld als volgt:" in nl
    assert "L'article 2 du contrat d'administration, abrogé par la modification n° 1, est rétabli comme suit :" in fr
    assert "In de bestuursovereenkomst wordt een artikel 0/1 ingevoegd, luidende:" in docx_text(
        mini_built / "output/amendments/w1/nl.docx"
    )


def test_latin_numbering_option_gives_7bis_in_both_languages(compiled):
    from dataclasses import replace as with_

    from bocompile.compose.consolidated import consolidated_edition

    latin = with_(compiled, config=with_(compiled.config, numbering="latin"))
    edition = consolidated_edition(latin)
    article = divisions(edition.agreement)["dienstverlening-regeringsleden"]
    assert edition.label(article, "nl") == "Artikel 7bis"
    assert edition.label(article, "fr") == "Article 7bis"


@pytest.mark.parametrize(
    "operation, fault",
    [
        (
            "::: insert nieuwe-afdeling after kader\n## Nieuwe afdeling {#nieuwe-afdeling}\n:::\n",
            "article 'bestuursplan' cannot follow section 'nieuwe-afdeling' in part 'definities': its articles "
            "come before its sections; place the section after the last article",
        ),
        (
            "::: insert deel-in-deel in definities\n# Nieuw deel {#deel-in-deel}\n:::\n",
            "a part cannot stand in part 'definities'; insert it after or before a provision of its kind",
        ),
        ("::: replace kader\n# Kader {#kader}\n:::\n", "'kader' is an article; its replacement must be one too"),
    ],
)
def test_an_amendment_cannot_build_what_the_format_forbids(project_copy, operation, fault):
    """Hierarchy rules hold for amendments as for sources: a section among
    articles, a part inside a part, a kind changed by a replacement."""
    for lang in ("nl", "fr"):
        path = project_copy / f"sources/{lang}/amendments/wijziging-3.md"
        path.write_text(path.read_text() + "\n" + operation)
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    line = line_of(project_copy / "sources/nl/amendments/wijziging-3.md", operation.splitlines()[0])
    assert errors(result) == [f"sources/nl/amendments/wijziging-3.md:{line}: error: amendment nr. 3: {fault}"]


def test_each_language_states_its_own_count(project_copy):
    """A translation need not repeat words as often: `count` belongs to each language."""
    operation = {
        "nl": "::: replace-words voorafgaand-overleg count=2\nold: de FOD\nnew: de Kanselarij\n:::\n",
        "fr": "::: replace-words voorafgaand-overleg count=1\nold: le SPF\nnew: la Chancellerie\n:::\n",
    }
    for lang, text in operation.items():
        path = project_copy / f"sources/{lang}/amendments/wijziging-3.md"
        path.write_text(path.read_text() + "\n" + text)
    assert run("check", "-C", str(project_copy)).returncode == 0
    replace_in(project_copy / "sources/fr/amendments/wijziging-3.md", "count=1", "count=2")
    result = run("check", "-C", str(project_copy))
    line = line_of(project_copy / "sources/fr/amendments/wijziging-3.md", "count=2")
    assert errors(result) == [
        f"sources/fr/amendments/wijziging-3.md:{line}: error: amendment nr. 3: the words "
        "\"le SPF\" occur 1 times in 'voorafgaand-overleg' in fr, not 2"
    ]


@pytest.fixture
def dangling(project_copy) -> tuple[Path, str]:
    """The base text refers to article 15, which amendment nr. 3 repeals;
    returns the project and the reference's line:column."""
    replace_in(
        project_copy / "sources/nl/verbintenissen.md",
        "De federale regering verbindt zich ertoe aan de FOD",
        "De federale regering verbindt zich ertoe, rekening houdend met artikel [[herinvestering]], aan de FOD",
    )
    replace_in(
        project_copy / "sources/fr/verbintenissen.md",
        "Le Gouvernement fédéral s'engage à communiquer",
        "Le Gouvernement fédéral s'engage, compte tenu de l'article [[herinvestering]], à communiquer",
    )
    line = line_of(project_copy / "sources/nl/verbintenissen.md", "[[herinvestering]]")
    text = (project_copy / "sources/nl/verbintenissen.md").read_text().splitlines()[line - 1]
    return project_copy, f"{line}:{text.index('[[herinvestering]]') + 1}"


def test_a_reference_to_a_later_repealed_provision_builds_with_a_warning(dangling, tmp_path):
    project, line = dangling
    result = run("-C", str(project), "--consolidate", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (
        f"sources/nl/verbintenissen.md:{line}: warning: [[herinvestering]] refers to an article repealed "
        "by amendment nr. 3: it keeps its number, but --renumber drops it; update the reference in that "
        "amendment"
    ) in result.stderr.splitlines()
    body = docx_text(tmp_path / "out/consolidated/nl.docx")
    assert "rekening houdend met artikel 15, aan de FOD" in body and "Art. 15. (Opgeheven)" in body


def test_only_renumbering_rejects_a_reference_to_a_repealed_provision(dangling, tmp_path):
    project, line = dangling
    expected = (
        f"sources/nl/verbintenissen.md:{line}: error: [[herinvestering]] refers to an article repealed "
        "by amendment nr. 3"
    )
    renumbered = run("-C", str(project), "--consolidate", "--renumber", "-o", str(tmp_path / "out"))
    assert renumbered.returncode == 1 and errors(renumbered)[0].startswith(expected)
    assert not (tmp_path / "out").exists()
    before_repeal = run(
        "-C", str(project), "--consolidate", "--renumber", "--as-of", "2020-12-31", "-o", str(tmp_path / "out")
    )
    assert before_repeal.returncode == 0, before_repeal.stderr
    checked = run("check", "-C", str(project))  # check proves every option, --renumber included
    assert checked.returncode == 1 and any(e.startswith(expected) for e in errors(checked))


def fourth_amendment(project: Path, text: dict[str, str], title: str) -> None:
    """Amendment nr. 4, in force on 1 June 2021: its `text` per language, and its entry."""
    for lang, content in text.items():
        (project / f"sources/{lang}/amendments/wijziging-4.md").write_text(content)
    with (project / "sources/agreement.toml").open("a") as config:
        config.write(
            '\n[[amendments]]\nid = "wijziging-4"\nnumber = 4\nsigned = 2021-05-10\n'
            f"in_force = 2021-06-01\n{title}\n" + SIGNED_IN_2021
        )


def test_a_reference_stops_dangling_once_its_provision_is_reinstated(dangling, tmp_path):
    """Amendment nr. 3 repeals article 15, nr. 4 reinstates it: a renumbered
    text is refused between the two, and allowed after the second."""
    project, line = dangling
    text = {
        "nl": "::: reinstate herinvestering\n### Herinvestering {#herinvestering}\n\nDe winsten blijven.\n:::\n",
        "fr": "::: reinstate herinvestering\n### Réinvestissement {#herinvestering}\n\nLes gains restent.\n:::\n",
    }
    fourth_amendment(project, text, 'title = { nl = "Herinvestering", fr = "Réinvestissement" }')
    between = run(
        "-C", str(project), "--consolidate", "--renumber", "--as-of", "2021-05-31", "-o", str(tmp_path / "between")
    )
    assert between.returncode == 1
    assert errors(between)[0].startswith(
        f"sources/nl/verbintenissen.md:{line}: error: [[herinvestering]] refers to an article repealed "
        "by amendment nr. 3"
    )
    after = run("-C", str(project), "--consolidate", "--renumber", "-o", str(tmp_path / "after"))
    assert after.returncode == 0, after.stderr
    body = " ".join(docx_text(tmp_path / "after/consolidated/nl.docx").split())
    assert "Herinvestering" in body and "(Opgeheven)" not in body


def test_insertion_beside_a_repealed_provision_takes_the_next_free_number(project_copy, tmp_path):
    """Article 7/1 repealed, then a new article after it: 7/2, never 7/1 again."""
    text = {
        "nl": "::: repeal dienstverlening-regeringsleden\n:::\n\n::: insert opvolger after "
        "dienstverlening-regeringsleden\n### Crisiscel {#opvolger}\n\nDe FOD richt een crisiscel op.\n:::\n",
        "fr": "::: repeal dienstverlening-regeringsleden\n:::\n\n::: insert opvolger after "
        "dienstverlening-regeringsleden\n### Cellule de crise {#opvolger}\n\nLe SPF crée une cellule.\n:::\n",
    }
    fourth_amendment(project_copy, text, 'title = { nl = "Crisiscel", fr = "Cellule de crise" }')
    result = run("-C", str(project_copy), "--consolidate", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    body = " ".join(docx_text(tmp_path / "out/consolidated/nl.docx").split())
    assert "Art. 7/1. (Opgeheven)" in body and "Artikel 7/2 – [1 Crisiscel" in body
    instrument = " ".join(docx_text(tmp_path / "out/amendments/wijziging-4/nl.docx").split())
    assert (
        "Artikel 1. Artikel 7/1 van de bestuursovereenkomst, ingevoegd bij wijziging nr. 2, wordt opgeheven."
        in instrument
    )
    assert "Art. 2. In de bestuursovereenkomst wordt een artikel 7/2 ingevoegd, luidende:" in instrument


def test_a_signatory_without_honorific_is_named_without_one(mini_built):
    """w2 is signed by Bea Test, not by the agreement's Anna Test; agreement.toml gives no title."""
    nl = docx_text(mini_built / "output/amendments/w2/nl.docx")
    fr = docx_text(mini_built / "output/amendments/w2/fr.docx")
    assert "FOD Test, vertegenwoordigd door Bea Test, Voorzitster," in nl
    assert "SPF Test, représenté par Bea Test, Présidente," in fr
    assert "Anna Test" not in nl and "Anna Test" not in fr


@pytest.mark.parametrize(
    "operation, fault",
    [
        (
            "::: repeal crisiscommunicatie-slot\n:::\n",
            "'crisiscommunicatie-slot' does not exist at this point; use the key of a part, section, article or "
            "paragraph in force (did you mean 'crisiscommunicatie-verslag', 'crisiscommunicatie-opdracht', "
            "'crisiscommunicatie-middelen'?)",
        ),
        (
            "::: replace-words crisiscommunicatie-middelen lid 3\nold: jaarlijks\nnew: halfjaarlijks\n:::\n",
            "'crisiscommunicatie-middelen' has 2 lid(s); there is no lid 3",
        ),
        (
            "::: replace crisiscommunicatie-opdracht lid 2\nNieuwe tekst.\n:::\n",
            "'crisiscommunicatie-opdracht' has 1 lid(s); there is no lid 2",
        ),
        (
            "::: insert verloren-lid in dienstverlening-regeringsleden\n### Verloren {#verloren-lid}\n\nTekst.\n:::\n",
            "an article cannot stand in article 'dienstverlening-regeringsleden'; insert it after or before a "
            "provision of its kind",
        ),
    ],
)
def test_paragraph_targets_that_do_not_exist_name_what_does(project_copy, operation, fault):
    """Article 7/1 (inserted by nr. 2) has § 1 (one lid) and § 2 (two leden)."""
    path = project_copy / "sources/nl/amendments/wijziging-3.md"
    for lang in ("nl", "fr"):
        other = project_copy / f"sources/{lang}/amendments/wijziging-3.md"
        other.write_text(other.read_text() + "\n" + operation)
    result = run("check", "-C", str(project_copy))
    line = line_of(path, operation.splitlines()[0])
    assert errors(result) == [f"sources/nl/amendments/wijziging-3.md:{line}: error: amendment nr. 3: {fault}"]
