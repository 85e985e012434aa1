"""`bocompile` as the legal service and CI run it: what lands in output/."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx2python import docx2python
from lxml import etree

from test_check import errors

REPO = Path(__file__).resolve().parent.parent
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def bocompile(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def hashes(folder: Path) -> dict[str, str]:
    """Every file a user sees in `folder` (through its links; hidden entries,
    where builds are kept, left out), by path, with its sha256."""
    found = {}
    for parent, folders, names in os.walk(folder, followlinks=True):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):
                path = Path(parent, name)
                found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def text(path: Path) -> str:
    with docx2python(path) as document:
        return document.text


def squash(value: str) -> str:
    """The words as read: no-break spaces and apostrophes as typed (typography is tested apart)."""
    return re.sub(r"\s+", " ", value.replace("\u00a0", " ").replace("’", "'"))


@pytest.fixture(scope="module")
def latest(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("latest")
    assert bocompile("--consolidate", "-o", str(out)).returncode == 0
    return out


@pytest.fixture(scope="module")
def end_2020(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("end2020")
    assert bocompile("--consolidate", "--as-of", "2020-12-31", "-o", str(out)).returncode == 0
    return out


@pytest.fixture(scope="module")
def renumbered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("renumbered")
    assert bocompile("--consolidate", "--renumber", "-o", str(out)).returncode == 0
    return out


def test_every_output_of_the_contract_is_written_and_listed_in_the_manifest(latest):
    names = set(hashes(latest))
    for folder in ["base", "consolidated"] + [f"amendments/wijziging-{n}" for n in (1, 2, 3)]:
        assert {f"{folder}/{f}" for f in ("nl.docx", "fr.docx", "nl-fr.docx", "nl.akn.xml", "fr.akn.xml")} <= names
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["files"] == {k: v for k, v in hashes(latest).items() if k != "manifest.json"}
    consolidated = manifest["editions"]["consolidated"]
    assert consolidated["date"] == "2021-03-01"
    assert [a["number"] for a in consolidated["amendments"]] == [1, 2, 3]


def test_two_builds_give_identical_bytes_whatever_the_environment(latest, tmp_path):
    env = {"PYTHONHASHSEED": "123", "TZ": "Pacific/Auckland", "LC_ALL": "C", "SOURCE_DATE_EPOCH": "0"}
    assert bocompile("--consolidate", "-o", str(tmp_path), env=env).returncode == 0
    assert hashes(tmp_path) == hashes(latest)


def test_one_core_gives_the_bytes_of_many(latest, tmp_path):
    """A build writes its documents on every core; pinned to one, it writes them in turn, to the same bytes."""
    one = {min(os.sched_getaffinity(0))}
    result = subprocess.run(
        [sys.executable, "-m", "bocompile", "--consolidate", "-o", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.sched_setaffinity(0, one),
    )
    assert result.returncode == 0, result.stderr
    assert hashes(tmp_path) == hashes(latest)


def test_a_source_error_leaves_the_previous_output_untouched(project_copy):
    out = project_copy / "output"
    assert bocompile("-C", str(project_copy)).returncode == 0
    before = {p: (h, (out / p).stat().st_mtime_ns) for p, h in hashes(out).items()}
    text_ = (project_copy / "sources/fr/verbintenissen.md").read_text()
    start = text_.index("### ", text_.index("{#nieuwe-opdrachten}"))
    (project_copy / "sources/fr/verbintenissen.md").write_text(text_[:start] + text_[text_.index("### ", start + 4) :])
    result = bocompile("-C", str(project_copy), "--consolidate")
    assert result.returncode == 1
    assert any("'consolidatie'" in e for e in errors(result))
    assert {p: (h, (out / p).stat().st_mtime_ns) for p, h in hashes(out).items()} == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".builds", ".current"]
    assert len(list((out / ".builds").iterdir())) == 1


def test_usage_errors_exit_2():
    assert bocompile("--as-of", "2020-12-31").returncode == 2
    assert bocompile("--lang", "de").returncode == 2
    assert bocompile("--format", "rtf").returncode == 2


def test_consolidation_at_the_end_of_2020_has_amendments_1_and_2_only(end_2020):
    nl = squash(text(end_2020 / "consolidated/nl.docx"))
    assert "Geconsolideerde versie – toestand op 31 december 2020" in nl
    assert "wijziging nr. 1 van 10 december 2019" in nl and "wijziging nr. 2 van 15 oktober 2020" in nl
    assert "wijziging nr. 3" not in nl
    assert "Artikel 7/1 – Ondersteuning van de regeringsleden" in nl
    assert "(Opgeheven)" not in nl and "Artikel 15 – Herinvestering" in nl
    manifest = json.loads((end_2020 / "manifest.json").read_text())
    assert [a["number"] for a in manifest["editions"]["consolidated"]["amendments"]] == [1, 2]


@pytest.mark.parametrize(
    "lang, inserted, repealed, note, words, total",
    [
        (
            "nl",
            "Artikel 7/1 – [1 Ondersteuning",
            "Art. 15. (Opgeheven) (1)<Wijziging nr. 3 van 15 februari 2021, art. 3, i.w. 1 maart 2021>.",
            "(1)<Wijziging nr. 2 van 15 oktober 2020, art. 1, i.w. 1 november 2020>.",
            "zoals beschreven in de bestuursovereenkomst [1 aandachtig en aan de hand van meetbare indicatoren op te "
            "volgen]1. (1)<Wijziging nr. 2 van 15 oktober 2020, art. 2, i.w. 1 november 2020>.",
            "[1 109.668]1",
        ),
        (
            "fr",
            "Article 7/1 – [1 Appui",
            "Art. 15. (Abrogé) (1)<Modification n° 3 du 15 février 2021, art. 3, EV 1er mars 2021>.",
            "(1)<Modification n° 2 du 15 octobre 2020, art. 1, EV 1er novembre 2020>.",
            "s'engagent à [1 suivre attentivement, à l'aide d'indicateurs mesurables,]1 la réalisation",
            "[1 110.701]1",
        ),
    ],
)
def test_latest_consolidation_in_docx(latest, lang, inserted, repealed, note, words, total):
    """Justel marks: the changed words between numbered brackets, each
    number's source (amendment, article of its instrument, dates) after the
    article, the repealed article with the note of its repeal."""
    body = squash(text(latest / f"consolidated/{lang}.docx"))
    for expected in (inserted, repealed, note, words, total):
        assert expected in body


def test_latest_consolidation_in_akn(latest):
    for lang, word in (("nl", "Artikel 7/1"), ("fr", "Article 7/1")):
        root = etree.parse(str(latest / f"consolidated/{lang}.akn.xml"), SAFE).getroot()
        article = root.find(f".//{AKN}article[@eId='art_7-1']")
        assert article.findtext(f"{AKN}num") == word
        assert root.find(f".//{AKN}article[@eId='art_15']").get("status") == "removed"
        assert len(root.findall(f".//{AKN}passiveModifications/{AKN}textualMod")) >= 8


@pytest.mark.parametrize(
    "lang, label, old, new, gone, annex",
    [
        ("nl", "Artikel", "Artikel 7/1", "Artikel 8", "(opgeheven)", "Bijlage – Concordantietabel"),
        ("fr", "Article", "Article 7/1", "Article 8", "(abrogé)", "Annexe – Table de concordance"),
    ],
)
def test_renumbered_articles_run_1_to_n_references_follow_and_concordance_closes(
    renumbered, lang, label, old, new, gone, annex
):
    path = renumbered / f"consolidated/{lang}.docx"
    body = squash(text(path))
    numbers = [int(n) for n in re.findall(rf"{label} (\d+)(?:er)? – ", body)]
    unique = list(dict.fromkeys(numbers))  # the table of contents lists them too
    assert unique == list(range(1, len(unique) + 1)) and len(unique) == 29 + 1 + 3 - 1
    assert f"{new} – " in body and "7/1" not in body.split(annex)[0]
    with docx2python(path) as document:
        rows = [[squash(" ".join(cell)) for cell in row] for table in document.body for row in table]
    assert [old, new] in rows
    assert [f"{label} 15", gone] in rows
    # amendment nr. 3 made article 12 (now 13) cite the yearly review: article 11 before, 12 now
    assert {
        "nl": "ter voorbereiding van de jaarlijkse toetsing bedoeld in artikel 12.",
        "fr": "en vue de l'évaluation annuelle visée à l'article 12.",
    }[lang] in body


FORMULAS = {
    ("wijziging-1", "nl"): [
        "Artikel 1. In deel 4 van de bestuursovereenkomst wordt het enige lid vervangen als volgt:",
        "Art. 2. In de bestuursovereenkomst worden de artikelen 30 tot 32 ingevoegd, luidende: "
        "“Artikel 30 – Digitale overheid",
        "Artikel 32 – Duurzame ontwikkeling De FOD integreert de jaarlijkse actieplannen "
        "duurzame ontwikkeling in het bestuursplan bedoeld in artikel 3.”.",
        "Art. 3. Deze wijziging treedt in werking op 1 januari 2020.",
    ],
    ("wijziging-1", "fr"): [
        "Article 1er. Dans la partie 4 du contrat d'administration, l'alinéa unique est remplacé par ce qui suit :",
        "Art. 2. Dans le contrat d'administration, sont insérés les articles 30 à 32, rédigés "
        "comme suit : « Article 30 – ",
        "Art. 3. La présente modification entre en vigueur le 1er janvier 2020.",
    ],
    ("wijziging-2", "nl"): [
        "Artikel 1. In de bestuursovereenkomst wordt een artikel 7/1 ingevoegd, luidende: "
        "“Artikel 7/1 – Ondersteuning van de regeringsleden bij crisiscommunicatie",
        "Art. 2. In artikel 9 van de bestuursovereenkomst worden de woorden “aandachtig op te "
        "volgen” vervangen door de woorden “aandachtig en aan de hand van meetbare indicatoren "
        "op te volgen”.",
        "Art. 3. Artikel 10 van de bestuursovereenkomst wordt vervangen als volgt: “Artikel 10 – Periodiek overleg",
        "Art. 4. In artikel 29 van de bestuursovereenkomst worden de volgende wijzigingen aangebracht:",
        "in de tabel “Begroting / vastleggingskredieten” wordt, in de rij “Externe "
        "Communicatie”, het bedrag “3.720” voor 2020 vervangen door het bedrag “5.220”, en in "
        "de rij “Totaal” het bedrag “108.168” door het bedrag “109.668”;",
        "het bedrag “3.720” voor 2021 vervangen door het bedrag “5.220”, en in de rij “Totaal” "
        "het bedrag “109.201” door het bedrag “110.701”.",
        "Art. 5. Deze wijziging treedt in werking op 1 november 2020.",
    ],
    ("wijziging-2", "fr"): [
        "Article 1er. Dans le contrat d'administration, il est inséré un article 7/1 rédigé "
        "comme suit : « Article 7/1 – Appui",
        "Art. 2. À l'article 9 du contrat d'administration, les mots « suivre attentivement » "
        "sont remplacés par les mots",
        "Art. 3. L'article 10 du contrat d'administration est remplacé par ce qui suit :",
        "Art. 4. À l'article 29 du contrat d'administration, les modifications suivantes sont apportées :",
        "dans le tableau « Budget / crédits d'engagement », à la ligne « Communication "
        "externe », le montant « 3.720 » pour 2020 est remplacé par le montant « 5.220 », et à "
        "la ligne « Total », le montant « 108.168 » par le montant « 109.668 » ;",
    ],
    ("wijziging-3", "nl"): [
        "Artikel 1. In artikel 7/1 van de bestuursovereenkomst wordt een paragraaf 1/1 "
        "ingevoegd, luidende: “§ 1/1. De FOD brengt na elke crisis",
        "Art. 2. Artikel 12 van de bestuursovereenkomst wordt aangevuld met een lid, luidende:",
        "Art. 3. Artikel 15 van de bestuursovereenkomst wordt opgeheven.",
        "Art. 4. Deze wijziging treedt in werking op 1 maart 2021.",
    ],
    ("wijziging-3", "fr"): [
        "Article 1er. Dans l'article 7/1 du contrat d'administration, il est inséré un "
        "paragraphe 1/1 rédigé comme suit : « § 1/1. Après chaque crise",
        "Art. 2. L'article 12 du contrat d'administration est complété par un alinéa rédigé comme suit :",
        "Art. 3. L'article 15 du contrat d'administration est abrogé.",
        "Art. 4. La présente modification entre en vigueur le 1er mars 2021.",
    ],
}


@pytest.mark.parametrize("amendment, lang", sorted(FORMULAS))
def test_each_instrument_words_each_operation_with_its_formula(latest, amendment, lang):
    body = squash(text(latest / f"amendments/{amendment}/{lang}.docx"))
    for formula in FORMULAS[amendment, lang]:
        assert squash(formula) in body
    assert "11bis, § 7" in body


def test_instrument_cites_earlier_history_of_its_target(compiled):
    """Amendment 3 appends to article 12; had article 12 been changed before,
    the formula cites it ("Artikel 12, gewijzigd bij wijziging nr. 2, ...")."""
    from bocompile.compose.inputs import history_of, languages_of
    from bocompile.compose.instrument import build_instrument
    from bocompile.model import Amending, plain_text

    langs = languages_of(compiled)
    later = history_of(compiled).steps
    step = later[1]  # amendment 2 changes article 9, 10, 29
    from dataclasses import replace

    from bocompile.operations.replace_words import ReplaceWords

    op = ReplaceWords(
        "opvolging",
        None,
        {"nl": "aandachtig", "fr": "attentivement"},
        {"nl": "nauwgezet", "fr": "scrupuleusement"},
        {"nl": None, "fr": None},
        step.amendment.operations[0].loc,
    )
    third = replace(later[2], amendment=replace(later[2].amendment, operations=(op,)))
    instrument = build_instrument(third, langs, "slash", "dot", compiled.config.title, compiled.config.parties)
    first = instrument.body.parts[0].blocks[0]
    assert isinstance(first, Amending)
    nl, fr = (squash(plain_text(first.text[lang])) for lang in ("nl", "fr"))
    assert nl == (
        "In artikel 9 van de bestuursovereenkomst, gewijzigd bij wijziging nr. 2, wordt het woord "
        "“aandachtig” vervangen door het woord “nauwgezet”."
    )
    assert fr == (
        "À l'article 9 du contrat d'administration, modifié par la modification n° 2, le mot "
        "« attentivement » est remplacé par le mot « scrupuleusement »."
    )


def test_lang_and_format_select_a_subset(tmp_path):
    assert bocompile("--lang", "fr", "--format", "akn", "-o", str(tmp_path)).returncode == 0
    assert sorted(p for p in hashes(tmp_path) if p.startswith("base/")) == ["base/fr.akn.xml"]
    assert bocompile("--lang", "nl", "--lang", "fr", "--format", "docx", "-o", str(tmp_path)).returncode == 0
    assert sorted(p for p in hashes(tmp_path) if p.startswith("base/")) == [
        "base/fr.docx",
        "base/nl-fr.docx",
        "base/nl.docx",
    ]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_one_language_writes_the_very_files_of_a_full_build(tmp_path, lang):
    """A build of one language typesets only that one: its files must not differ for it."""
    assert bocompile("--consolidate", "-o", str(tmp_path / "all")).returncode == 0
    assert bocompile("--consolidate", "--lang", lang, "-o", str(tmp_path / "one")).returncode == 0
    one = {path: digest for path, digest in hashes(tmp_path / "one").items() if path != "manifest.json"}
    every = hashes(tmp_path / "all")
    assert one and all(Path(path).name.startswith((f"{lang}.", "redline-")) for path in one)
    assert one == {path: every[path] for path in one}
