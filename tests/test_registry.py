"""The operation registry: every operation is declared in one place, and a
new one works end to end without an edit anywhere else."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from docx2python import docx2python

from bocompile.amend import tree
from bocompile.build import build
from bocompile.check import check
from bocompile.diagnostics import Loc, SourceError
from bocompile.model import plain_text
from bocompile.model.amendment import Destination
from bocompile.model.nodes import Inlines, Localized, localized, text
from bocompile.operations import KEY, OperationKind, kinds, register, unregister
from bocompile.project import Project
from test_signing import SIGNED_IN_2021

REPO = Path(__file__).resolve().parent.parent
COMPILER = REPO / "compiler" / "bocompile"


EXAMPLES = {
    "replace": "replace opvolging paragraph 2",
    "insert": "insert nieuw after opvolging",
    "repeal": "repeal opvolging",
    "replace-words": "replace-words opvolging count=2",
    "append": "append opvolging",
    "set-cell": "set-cell budget-fod personeel 2020 = 8921",
    "reinstate": "reinstate opvolging",
}


def test_every_operation_has_every_facet_and_its_wording_in_every_language():
    names = [kind.name for kind in kinds()]
    assert names == ["replace", "insert", "repeal", "replace-words", "append", "set-cell", "reinstate"]
    for kind in kinds():
        for facet in ("read", "apply", "target", "action", "word", "textual"):
            assert callable(getattr(kind, facet)), (kind.name, facet)
        assert kind.noun.endswith("operation")
        assert kind.usage.startswith(kind.name + " ")
        assert kind.opening(EXAMPLES[kind.name]) is not None, kind.name
        assert kind.formulas
        for lang in ("nl", "fr"):
            wording = tomllib.loads((REPO / f"templates/lang/{lang}.toml").read_text(encoding="utf-8"))
            for name in kind.formulas:
                assert name in wording["formula"], (lang, kind.name, name)
                assert name in wording["formula"]["item"], (lang, kind.name, name)


def test_no_stage_switches_on_operation_types():
    """Only the registry knows the operations: no isinstance on them elsewhere."""
    outside = [
        path
        for path in COMPILER.rglob("*.py")
        if "operations" not in path.parts and re.search(r"isinstance\(op\b", path.read_text(encoding="utf-8"))
    ]
    assert outside == []


# -- a made-up operation: `::: retitle KEY` with the new title as content -----------------


@dataclass(frozen=True)
class Retitle:
    target: str
    title: Localized[Inlines] = text()
    loc: Localized[Loc] = localized()


def _read(reader, node, groups, loc):
    if len(node.children) != 1 or node.children[0].type != "paragraph":
        reader.error(loc[reader.lang], "retitle holds the new title")
        return None
    return Retitle(groups["target"], {reader.lang: reader.inlines(node.children[0].children[0])}, loc)


def _apply(agreement, op, change):
    tree.live(agreement, op.target)
    return tree.update(agreement, op.target, lambda d: tree.noted(replace(d, title=op.title), "modified", change))


RETITLE = OperationKind(
    name="retitle",
    type=Retitle,
    noun="retitle operation",
    syntax=rf"(?P<target>{KEY})",
    usage="retitle KEY",
    read=_read,
    apply=_apply,
    target=lambda op, agreement: op.target,
    action=lambda op: "modified",
    word=lambda f, op, family: (
        f.amending(
            op,
            f.say(
                family,
                "retitle",
                lambda lang: dict(new=f.quote(lang, plain_text(op.title[lang]), "new"), **f.cite(lang, op.target)),
            ),
        ),
    ),
    formulas=("retitle",),
    textual=lambda f, op: ("substitution", (Destination(f.path(op.target)),)),
)

WORDING = {
    "nl": (
        "Het opschrift van {{ the }} van de bestuursovereenkomst{{ history }} wordt vervangen door {{ new }}.",
        "het opschrift wordt vervangen door {{ new }}",
    ),
    "fr": (
        "L'intitulé de {{ the }} du contrat d'administration{{ history }} est remplacé par {{ new }}.",
        "l'intitulé est remplacé par {{ new }}",
    ),
}
AMENDMENT = {
    "nl": "::: retitle opvolging\nOpvolging en evaluatie\n:::\n",
    "fr": "::: retitle opvolging\nSuivi et évaluation\n:::\n",
}


@pytest.fixture
def retitle():
    register(RETITLE)
    yield RETITLE
    unregister(RETITLE.name)


@pytest.fixture
def project(project_copy) -> Path:
    """The bundled project with a fourth amendment that retitles article 9, and
    the wording of the new formula in each language's templates."""
    for lang, (formula, item) in WORDING.items():
        path = project_copy / f"templates/lang/{lang}.toml"
        wording = path.read_text(encoding="utf-8")
        wording = wording.replace("[formula]\n", f'[formula]\nretitle = "{formula}"\n')
        wording = wording.replace("[formula.item]\n", f'[formula.item]\nretitle = "{item}"\n')
        path.write_text(wording, encoding="utf-8")
        (project_copy / f"sources/{lang}/amendments/wijziging-4.md").write_text(AMENDMENT[lang], encoding="utf-8")
    with (project_copy / "sources/agreement.toml").open("a", encoding="utf-8") as config:
        config.write(
            '\n[[amendments]]\nid = "wijziging-4"\nnumber = 4\nsigned = 2021-05-10\n'
            'in_force = 2021-06-01\ntitle = { nl = "Opschriften", fr = "Intitulés" }\n' + SIGNED_IN_2021
        )
    return project_copy


def test_a_new_operation_is_parsed_merged_applied_worded_and_written_to_akn(retitle, project, tmp_path):
    loaded = check(Project.open(project))
    [op] = loaded.amendments[3].operations
    assert isinstance(op, Retitle) and set(op.title) == {"nl", "fr"}  # merged across languages

    out = tmp_path / "out"
    build(Project.open(project), out, consolidated=True)
    with docx2python(out / "consolidated/nl.docx") as document:
        assert "Artikel 9 – Opvolging en evaluatie" in document.text
    with docx2python(out / "amendments/wijziging-4/nl.docx") as document:
        assert (
            "Het opschrift van artikel 9 van de bestuursovereenkomst, gewijzigd bij wijziging nr.\u00a02, "
            "wordt vervangen door “Opvolging en evaluatie”."
        ) in document.text
    with docx2python(out / "amendments/wijziging-4/fr.docx") as document:
        assert (
            "L’intitulé de l’article 9 du contrat d’administration, modifié par la modification n°\u00a02, "
            "est remplacé par «\u00a0Suivi et évaluation\u00a0»."
        ) in document.text
    akn = (out / "amendments/wijziging-4/nl.akn.xml").read_text(encoding="utf-8")
    assert re.search(
        r'<textualMod eId="amod_1" type="substitution">\s*<source href="#art_1__para_1__mod_1"/>\s*'
        r'<destination href="[^"]*nld@2021-06-01/!main~art_9"/>\s*'
        r'<new href="#art_1__para_1__mod_1__qtext_1"/>',
        akn,
    )
    assert '<quotedText eId="art_1__para_1__mod_1__qtext_1"' in akn


def test_a_new_operation_is_held_to_parity(retitle, project):
    (project / "sources/fr/amendments/wijziging-4.md").write_text(
        "::: retitle middelen\nSuivi et évaluation\n:::\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as raised:
        check(Project.open(project))
    [diagnostic] = raised.value.diagnostics
    assert str(diagnostic.loc) == "sources/fr/amendments/wijziging-4.md:1"
    assert "retitle operation" in diagnostic.message and "target differs" in diagnostic.message
    assert "sources/nl/amendments/wijziging-4.md:1" in diagnostic.message


def test_an_unregistered_operation_is_not_understood(project):
    with pytest.raises(SourceError) as raised:
        check(Project.open(project))
    messages = [str(d) for d in raised.value.diagnostics]
    for lang in ("fr", "nl"):
        assert any(
            m.startswith(
                f"sources/{lang}/amendments/wijziging-4.md:1: error: an amendment file holds "
                "only operations (::: replace | insert"
            )
            for m in messages
        )


def test_dataclass_fields_drive_the_walker_for_new_nodes():
    """The made-up operation's title is walked as text because its field says so."""
    from bocompile.model import walk
    from bocompile.model.nodes import Text as T

    op = Retitle("x", {"nl": (T("a"),), "fr": (T("b"),)}, {})
    assert [(n.value, lang) for n, lang in walk(op) if isinstance(n, T)] == [("a", "nl"), ("b", "fr")]
    assert [f.name for f in dataclasses.fields(op) if f.metadata.get("holds") == "text"] == ["title"]
