"""Amendment instruments worded as the Raad van State / Conseil d'État
drafts them: order, grouping, singular and plural, agreement of participles.

A fourth amendment is added to a copy of the bundled project; its
instrument is built by the real `bocompile` and read back from the DOCX.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx2python import docx2python

from test_check import run
from test_signing import SIGNED_IN_2021

AMENDMENT = {
    "nl": """::: replace-words beheersprincipes
old: als echte partners
new:
:::

::: append transversale-doelstellingen
Deze doelstellingen worden jaarlijks geëvalueerd.
:::

::: insert nieuw-a after kader
### Eerste nieuw artikel {#nieuw-a}

Tekst a.
:::

::: insert nieuw-b after nieuw-a
### Tweede nieuw artikel {#nieuw-b}

Tekst b.
:::
""",
    "fr": """::: replace-words beheersprincipes
old: , en véritables partenaires,
new:
:::

::: append transversale-doelstellingen
Ces objectifs sont évalués chaque année.
:::

::: insert nieuw-a after kader
### Premier nouvel article {#nieuw-a}

Texte a.
:::

::: insert nieuw-b after nieuw-a
### Deuxième nouvel article {#nieuw-b}

Texte b.
:::
""",
}


@pytest.fixture(scope="module")
def instrument(tmp_path_factory) -> dict[str, str]:
    """The text of amendment nr. 4's instrument, per language."""
    import shutil

    root = tmp_path_factory.mktemp("instrument") / "project"
    repo = Path(__file__).resolve().parent.parent
    for folder in ("sources", "templates"):
        shutil.copytree(repo / folder, root / folder)
    for lang, text in AMENDMENT.items():
        (root / f"sources/{lang}/amendments/wijziging-4.md").write_text(text, encoding="utf-8")
    with (root / "sources/agreement.toml").open("a", encoding="utf-8") as config:
        config.write(
            '\n[[amendments]]\nid = "wijziging-4"\nnumber = 4\nsigned = 2021-05-10\n'
            'in_force = 2021-06-01\ntitle = { nl = "Diverse", fr = "Divers" }\n' + SIGNED_IN_2021
        )
    result = run("-C", str(root), "--format", "docx")
    assert result.returncode == 0, result.stderr
    out = {}
    for lang in ("nl", "fr"):
        with docx2python(root / f"output/amendments/wijziging-4/{lang}.docx") as document:
            # the words as typed: no-break spaces and apostrophes are typography's (test_typography)
            out[lang] = " ".join(document.text.replace("\u00a0", " ").replace("’", "'").split())
    return out


def test_articles_follow_the_agreements_order_not_the_sources(instrument):
    nl = instrument["nl"]
    order = [
        nl.index(f)
        for f in (
            "Artikel 1. In de bestuursovereenkomst worden de artikelen 2/1 en 2/2",
            "Art. 2. In artikel 4 van de bestuursovereenkomst",
            "Art. 3. Deel 4 van de bestuursovereenkomst",
            "Art. 4. Deze wijziging treedt in werking op 1 juni 2021.",
        )
    ]
    assert order == sorted(order)


def test_two_consecutive_insertions_are_one_article(instrument):
    assert (
        "Artikel 1. In de bestuursovereenkomst worden de artikelen 2/1 en 2/2 ingevoegd, luidende: "
        "“Artikel 2/1 – Eerste nieuw artikel Tekst a. Artikel 2/2 – Tweede nieuw artikel Tekst b.”."
    ) in instrument["nl"]
    assert (
        "Article 1er. Dans le contrat d'administration, sont insérés les articles 2/1 et 2/2, rédigés "
        "comme suit : « Article 2/1 – Premier nouvel article Texte a. Article 2/2 – Deuxième nouvel "
        "article Texte b. »."
    ) in instrument["fr"]


def test_words_deleted_without_replacement(instrument):
    assert (
        "Art. 2. In artikel 4 van de bestuursovereenkomst worden de woorden “als echte partners” opgeheven."
    ) in instrument["nl"]
    assert (
        "Art. 2. À l'article 4 du contrat d'administration, les mots « , en véritables partenaires, » sont abrogés."
    ) in instrument["fr"]


def test_french_participles_agree_with_the_provision(instrument):
    """Part 4 was modified by amendment nr. 1: "la partie 4, modifiée par ...", "complétée"."""
    assert (
        "Art. 3. Deel 4 van de bestuursovereenkomst, gewijzigd bij wijziging nr. 1, wordt aangevuld met "
        "een lid, luidende: “Deze doelstellingen worden jaarlijks geëvalueerd.”."
    ) in instrument["nl"]
    assert (
        "Art. 3. La partie 4 du contrat d'administration, modifiée par la modification n° 1, est "
        "complétée par un alinéa rédigé comme suit : « Ces objectifs sont évalués chaque année. »."
    ) in instrument["fr"]


def test_a_data_table_caption_names_the_table_in_the_formula(project_copy, tmp_path):
    """Article 29 holds two tables; a caption tells them apart in the formula."""
    from test_check import replace_in

    replace_in(
        project_copy / "sources/nl/doelstellingen.md",
        "::: data budget-fod\n",
        "::: data budget-fod\n- caption: Begroting van de FOD\n",
    )
    replace_in(
        project_copy / "sources/fr/doelstellingen.md",
        "::: data budget-fod\n",
        "::: data budget-fod\n- caption: Budget du SPF\n",
    )
    result = run("-C", str(project_copy), "--format", "docx", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for lang, words in (
        ("nl", "in de tabel “Begroting van de FOD” wordt, in de rij"),
        ("fr", "dans le tableau « Budget du SPF », à la ligne"),
    ):
        with docx2python(tmp_path / f"out/amendments/wijziging-2/{lang}.docx") as document:
            assert words in " ".join(document.text.replace("\u00a0", " ").split())


def test_a_figure_set_to_its_own_value_is_an_error(project_copy):
    from test_check import errors, replace_in

    for lang in ("nl", "fr"):
        replace_in(
            project_copy / f"sources/{lang}/amendments/wijziging-2.md",
            "externe-communicatie 2021 = 5220",
            "externe-communicatie 2021 = 3720",
        )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert errors(result)[0].endswith(
        "amendment nr. 2: row 'externe-communicatie' of data table 'budget-fod' "
        "already holds 3720 in 2021; state only figures that change"
    )
