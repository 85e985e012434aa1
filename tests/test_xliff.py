"""The XLIFF round trip as a translation service uses it: the real
`bocompile xliff export/import` on copies of the projects, the export
checked against the OASIS XLIFF 2.1 core schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from test_build import hashes
from test_status import edit, line_of, run

REPO = Path(__file__).resolve().parent.parent
SCHEMA = etree.XMLSchema(etree.parse(str(REPO / "tests/schemas/xliff-2.1/xliff_core_2.0.xsd")))
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


def export(root: Path, out: Path, *extra: str) -> etree._Element:
    result = run(root, "xliff", "export", "--to", "fr", "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return etree.parse(str(out), SAFE).getroot()


def unit(document: etree._Element, unit_id: str) -> etree._Element:
    return document.find(f".//x:unit[@id='{unit_id}']", NS)


def save(document: etree._Element, path: Path) -> None:
    path.write_bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> str:
    """The export of the bundled agreement (a copy of the project exports the same)."""
    out = tmp_path_factory.mktemp("export") / "nl-fr.xlf"
    export(REPO, out)
    return out.read_text(encoding="utf-8")


@pytest.fixture
def mini(tmp_path) -> Path:
    """The mini fixture (emphasis, links, line breaks, notes, references) with the bundled templates."""
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests/fixtures/mini/sources", root / "sources")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def test_the_export_of_the_bundled_agreement_is_valid_xliff_2_1(project_copy, tmp_path):
    document = export(project_copy, tmp_path / "nl-fr.xlf")
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert (document.get("version"), document.get("srcLang"), document.get("trgLang")) == ("2.1", "nl-BE", "fr-BE")
    assert [f.get("original") for f in document.findall("x:file", NS)] == [
        "definities.md",
        "verbintenissen.md",
        "doelstellingen.md",
        "transversaal.md",
    ]
    # one unit per title and block (131, as status counts them), one per footnote
    assert len(document.findall(".//x:unit", NS)) == 131 + 1
    article = unit(document, "voorafgaand-overleg-p1")
    assert article.findtext("x:notes/x:note[@category='location']", namespaces=NS) == "Artikel 5"
    assert article.find("x:segment", NS).get("state") == "reviewed"
    assert article.findtext("x:segment/x:target", namespaces=NS).startswith("Tout avant-projet de loi")


def test_the_export_is_the_same_bytes_whatever_the_environment(project_copy, tmp_path):
    export(project_copy, tmp_path / "a.xlf")
    result = subprocess_env(project_copy, tmp_path / "b.xlf")
    assert result.returncode == 0
    assert (tmp_path / "a.xlf").read_bytes() == (tmp_path / "b.xlf").read_bytes()


def subprocess_env(root: Path, out: Path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": "99", "TZ": "America/Lima", "LC_ALL": "C"}
    return subprocess.run(
        [sys.executable, "-m", "bocompile", "-C", str(root), "xliff", "export", "--to", "fr", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )


def test_inline_markup_is_protected_inline_codes(mini, tmp_path):
    document = export(mini, tmp_path / "mini.xlf")
    assert SCHEMA.validate(document), SCHEMA.error_log
    source = unit(document, "draagwijdte-p1").find("x:segment/x:source", NS)
    kinds = [
        (etree.QName(c).localname, c.get("id"), c.get("type"), c.get("subType"))
        for c in source.iter()
        if c is not source
    ]
    assert kinds == [
        ("pc", "i1", "fmt", "xlf:i"),
        ("pc", "b1", "fmt", "xlf:b"),
        ("ph", "br1", "fmt", "xlf:lb"),
        ("pc", "a1", "link", None),
    ]
    assert source.find("x:pc[@id='a1']", NS).get("dispEnd") == "](https://www.belgium.be)"
    references = unit(document, "draagwijdte-p2").find("x:segment/x:target", NS)
    assert [(r.get("id"), r.get("disp"), r.get("equiv"), r.get("canDelete")) for r in references] == [
        ("r1", "[[slot]]", "3", "no"),
        ("r2", "[[algemeen]]", "1re", "no"),
    ]  # the French target: "partie 1re"
    # a footnote anchor points to the unit holding the note's text (a sub-flow)
    anchor = document.find(".//x:ph[@subType='bocompile:note']", NS)
    note = unit(document, anchor.get("subFlows"))
    assert note.findtext("x:segment/x:target", namespaces=NS) == "Sans "
    assert note.find("x:segment/x:target/x:pc", NS).text == "exceptions"


def test_states_come_from_the_ledger(project_copy, tmp_path):
    edit(project_copy / "sources/nl/verbintenissen.md", "Minister voorbereid.", "Minister zorgvuldig voorbereid.")
    ledger = project_copy / "sources/translations.lock"
    ledger.write_text(ledger.read_text().replace("consolidatie-p1 = ", "weg = ").replace("\nweg = ", "\n# "))
    document = export(project_copy, tmp_path / "x.xlf")
    state = {u.get("id"): u.find("x:segment", NS).get("state") for u in document.iterfind(".//x:unit", NS)}
    assert state["voorafgaand-overleg-p1"] == "initial"  # stale: the Dutch changed since
    assert state["consolidatie-p1"] == "translated"  # never aligned
    assert state["consolidatie"] == "reviewed"  # aligned


def test_importing_the_unchanged_export_changes_no_byte(project_copy, mini, tmp_path):
    for root in (project_copy, mini):
        export(root, tmp_path / "same.xlf")
        before = hashes(root)
        result = run(root, "xliff", "import", str(tmp_path / "same.xlf"))
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1].startswith("0 text(s) changed in 0 file(s)")
        assert hashes(root) == before


def test_an_edited_target_rewrites_only_its_own_lines(project_copy, tmp_path):
    document = export(project_copy, tmp_path / "x.xlf")
    target = unit(document, "voorafgaand-overleg-p1").find("x:segment/x:target", NS)
    target.text = "Tout avant-projet est *préparé* avec soin: 1. d'abord [la cellule] & co."
    title = unit(document, "consolidatie").find("x:segment/x:target", NS)
    title.text = "Consolidation"
    save(document, tmp_path / "x.xlf")
    fr = project_copy / "sources/fr/verbintenissen.md"
    before = fr.read_text().splitlines()
    result = run(project_copy, "xliff", "import", str(tmp_path / "x.xlf"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "sources/fr/verbintenissen.md",
        "2 text(s) changed in 1 file(s); 0 reviewed unit(s) newly recorded as aligned",
    ]
    start = next(n for n, line in enumerate(before) if line.startswith("Tout avant-projet de loi"))
    heading = next(n for n, line in enumerate(before) if line.endswith("{#consolidatie}"))
    assert start < heading and before[start + 3] == ""  # the paragraph had three lines
    assert fr.read_text().splitlines() == (
        before[:start]
        + [r"Tout avant-projet est \*préparé\* avec soin: 1. d'abord \[la cellule\] & co."]
        + before[start + 3 : heading]
        + ["### Consolidation {#consolidatie}"]
        + before[heading + 1 :]
    )
    assert run(project_copy, "status").returncode == 0  # the Dutch did not change
    assert run(project_copy, "check").returncode == 0


def test_a_reviewed_translation_of_a_stale_block_is_recorded_as_aligned(project_copy, tmp_path):
    edit(project_copy / "sources/nl/verbintenissen.md", "Minister voorbereid.", "Minister zorgvuldig voorbereid.")
    assert run(project_copy, "status").returncode == 1
    document = export(project_copy, tmp_path / "x.xlf")
    segment = unit(document, "voorafgaand-overleg-p1").find("x:segment", NS)
    segment.find("x:target", NS).text = "Tout avant-projet est soigneusement préparé en concertation."
    segment.set("state", "reviewed")
    save(document, tmp_path / "x.xlf")
    result = run(project_copy, "xliff", "import", str(tmp_path / "x.xlf"))
    assert result.returncode == 0, result.stderr
    assert "1 reviewed unit(s) newly recorded as aligned" in result.stdout
    assert run(project_copy, "status").returncode == 0


def doctype(text: str) -> str:
    return text.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY boom "BOOM">]>\n<xliff ', 1)


def unknown_unit(text: str) -> str:
    return text.replace('<unit id="voorafgaand-overleg-p1">', '<unit id="geen-sleutel-p1">', 1)


def lost_reference(text: str) -> str:
    """The first target that holds a code (a footnote anchor, a line break) loses it."""
    target = next(
        i for i in range(len(text)) if text.startswith("<target>", i) and "<ph " in text[i : text.index("</target>", i)]
    )
    end = text.index("</target>", target)
    body = text[target:end]
    ph = body[body.index("<ph ") : body.index("/>", body.index("<ph ")) + 2]
    return text[:target] + body.replace(ph, "<!-- code deleted -->") + text[end:]


def wrong_element(text: str) -> str:
    return text.replace("<target>Tout avant-projet", '<target><ph id="i1"/>Tout avant-projet', 1)


def entity(text: str) -> str:
    return text.replace("<target>Tout avant-projet", "<target>&boom;Tout avant-projet", 1)


def broken(text: str) -> str:
    return text.replace("</unit>", "</unitt>", 1)


def one_segment_more(text: str) -> str:
    start = text.index('<unit id="voorafgaand-overleg-p1">')
    end = text.index("</segment>", start) + len("</segment>")
    segment = text[text.index("<segment", start) : end]
    return text[:end] + segment + text[end:]


def other_language(text: str) -> str:
    return text.replace('trgLang="fr-BE"', 'trgLang="de-BE"', 1)


@pytest.mark.parametrize(
    "damage, marker, message",
    [
        (doctype, "<!DOCTYPE", "may not hold a DOCTYPE or entity declarations"),
        (unknown_unit, "geen-sleutel-p1", "unit 'geen-sleutel-p1' is not a title, block or note of verbintenissen.md"),
        (lost_reference, "<!-- code deleted -->", "the inline codes do not match the source: missing"),
        (wrong_element, '<ph id="i1"/>', '<ph id="i1"> is not a code of this unit\'s source'),
        (entity, "&boom;", "not well-formed XML"),
        (broken, "</unitt>", "not well-formed XML"),
        (one_segment_more, '<unit id="voorafgaand-overleg-p1">', "has 2 segment(s); its source has 1"),
        (other_language, "trgLang", "trgLang 'de-BE' is not a translated language"),
    ],
)
def test_bad_xliff_is_refused_where_it_is_wrong_and_nothing_is_written(
    project_copy, exported, tmp_path, damage, marker, message
):
    text = damage(exported)
    (tmp_path / "x.xlf").write_text(text, encoding="utf-8")
    before = hashes(project_copy)
    result = run(project_copy, "xliff", "import", str(tmp_path / "x.xlf"))
    assert result.returncode == 1
    line = line_of(tmp_path / "x.xlf", marker)
    found = [d for d in result.stderr.splitlines() if message in d]
    assert found, result.stderr
    where = int(found[0].split(":")[1])
    assert where == line, (where, line, found[0])
    assert found[0].startswith(f"{tmp_path / 'x.xlf'}:")
    assert hashes(project_copy) == before


def test_a_target_file_changed_since_export_is_refused(project_copy, tmp_path):
    document = export(project_copy, tmp_path / "x.xlf")
    unit(document, "consolidatie").find("x:segment/x:target", NS).text = "Consolidation"
    save(document, tmp_path / "x.xlf")
    edit(project_copy / "sources/fr/verbintenissen.md", "Concertation périodique", "Concertation régulière")
    before = hashes(project_copy)
    result = run(project_copy, "xliff", "import", str(tmp_path / "x.xlf"))
    assert result.returncode == 1
    line = line_of(tmp_path / "x.xlf", 'original="verbintenissen.md"')
    assert (
        f"{tmp_path / 'x.xlf'}:{line}: error: sources/fr/verbintenissen.md changed since this file was exported"
    ) in result.stderr
    assert hashes(project_copy) == before


def test_usage_errors(project_copy, tmp_path):
    assert run(project_copy, "xliff", "export", "--to", "de").returncode == 2
    assert run(project_copy, "xliff", "export", "--to", "nl").returncode == 2
    assert run(project_copy, "xliff", "export").returncode == 2
    assert run(project_copy, "xliff", "import", str(tmp_path / "none.xlf")).returncode == 2


def test_references_keep_their_order_and_a_swap_is_refused(mini, tmp_path):
    document = export(mini, tmp_path / "x.xlf")
    target = unit(document, "draagwijdte-p2").find("x:segment/x:target", NS)
    assert [(r.get("id"), r.get("canReorder"), r.get("canCopy")) for r in target] == [
        ("r1", "firstNo", "no"),
        ("r2", "no", "no"),
    ]
    target.insert(0, target[1])  # r2 before r1
    save(document, tmp_path / "x.xlf")
    before = hashes(mini)
    result = run(mini, "xliff", "import", str(tmp_path / "x.xlf"))
    assert result.returncode == 1
    assert "references and note anchors keep the source's order (r1, r2)" in result.stderr
    assert hashes(mini) == before
