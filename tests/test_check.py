"""`bocompile check` as a user runs it: exit codes and file:line diagnostics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bocompile.summary import count_divisions

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "bocompile", *args], cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_agreement_is_clean_with_4_parts_3_sections_29_articles(compiled):
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "ok: 4 parts, 3 sections, 29 articles in nl, fr; 3 amendment(s)" in result.stdout
    assert count_divisions(compiled.agreement) == {"part": 4, "section": 3, "article": 29}
    for lang in ("nl", "fr"):  # each language holds the whole structure with its own text
        assert all(lang in d.title and d.title[lang] for d in compiled.agreement.parts)


def test_json_output_is_an_empty_list_when_clean():
    result = run("check", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_article_missing_in_french_names_key_and_both_sides(project_copy):
    fr = project_copy / "sources/fr/verbintenissen.md"
    text = fr.read_text(encoding="utf-8")
    start = text.index("### ", text.index("{#nieuwe-opdrachten}"))
    end = text.index("### ", start + 4)
    fr.write_text(text[:start] + text[end:], encoding="utf-8")
    nl_line = next(
        n
        for n, line in enumerate((project_copy / "sources/nl/verbintenissen.md").read_text().splitlines(), 1)
        if "{#consolidatie}" in line
    )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    [message] = [e for e in errors(result) if "'consolidatie'" in e]
    assert message.startswith("sources/fr/verbintenissen.md:")
    assert f"(sources/nl/verbintenissen.md:{nl_line})" in message
    assert "missing in fr" in message


def test_json_diagnostics_carry_path_and_line(project_copy):
    replace_in(project_copy / "sources/fr/definities.md", "{#kader}", "{#cadre}")
    result = run("check", "--json", "-C", str(project_copy))
    assert result.returncode == 1
    diagnostics = json.loads(result.stdout)
    assert {d["path"] for d in diagnostics} >= {"sources/fr/definities.md"}
    assert all(isinstance(d["line"], int) and d["line"] > 0 for d in diagnostics)
    assert any("'cadre' is not in nl" in d["message"] for d in diagnostics)


def test_dangling_reference(project_copy):
    for lang in ("nl", "fr"):
        replace_in(
            project_copy / f"sources/{lang}/amendments/wijziging-3.md",
            "[[jaarlijkse-toetsing]]",
            "[[jaarlijkse-toets]]",
        )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    found = [e for e in errors(result) if "[[jaarlijkse-toets]] refers to no" in e]
    assert len(found) == 2 and {e.split(":")[0] for e in found} == {
        "sources/nl/amendments/wijziging-3.md",
        "sources/fr/amendments/wijziging-3.md",
    }


def test_duplicate_key(project_copy):
    for lang in ("nl", "fr"):
        replace_in(project_copy / f"sources/{lang}/definities.md", "{#kader}", "{#draagwijdte}")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert any(e.startswith("sources/nl/definities.md:") and "duplicate key 'draagwijdte'" in e for e in errors(result))


def test_wrong_budget_total_names_csv_line(project_copy):
    replace_in(project_copy / "sources/data/budget-fod.csv", "total,206746", "total,206747")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert errors(result) == [
        "sources/data/budget-fod.csv:10: error: total of column 2019 is stated as 206747 but the "
        "rows of budget-fod add up to 206746; correct the figures or the total"
    ]


@pytest.mark.parametrize("command", [("check",), ("--format", "docx", "-o")])
def test_a_data_table_with_a_total_and_no_rows_is_an_error(project_copy, command):
    table = project_copy / "sources/data/budget-fod.csv"
    table.write_text("key,2019,2020,2021\ntotal,0,0,0\n", encoding="utf-8")
    result = run("-C", str(project_copy), *command, *(() if command == ("check",) else (str(project_copy / "out"),)))
    assert result.returncode == 1
    assert errors(result)[0] == (
        "sources/data/budget-fod.csv:1: error: the table has no rows of figures; add one row per line under the header"
    )
    assert not (project_copy / "out").exists()


def test_toml_syntax_error_names_its_line(project_copy):
    replace_in(project_copy / "sources/agreement.toml", 'kind = "bestuursovereenkomst"', "kind = ")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert errors(result)[0].startswith("sources/agreement.toml:3: error: agreement.toml is not valid TOML")


def test_toml_wrong_type_and_missing_field_name_their_lines(project_copy):
    config = project_copy / "sources/agreement.toml"
    replace_in(config, "date = 2019-02-28", 'date = "28 februari"')
    replace_in(config, 'fr = "Contrat d\'administration 2019-2021"\n', "")
    text = config.read_text().splitlines()
    date_line = next(n for n, line in enumerate(text, 1) if line.startswith("date ="))
    title_line = next(n for n, line in enumerate(text, 1) if line == "[title]")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert (
        f"sources/agreement.toml:{date_line}: error: signing.date must be a date such as "
        "2019-03-28, not str '28 februari'" in errors(result)
    )
    assert f"sources/agreement.toml:{title_line}: error: missing title.fr (the title in 'fr')" in errors(result)


def test_option_values_are_checked(project_copy):
    replace_in(project_copy / "sources/agreement.toml", 'numbering = "slash"', 'numbering = "roman"')
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert errors(result) == ["sources/agreement.toml:6: error: numbering must be one of slash, latin, not 'roman'"]


def test_not_a_project(tmp_path):
    result = run("check", "-C", str(tmp_path))
    assert result.returncode == 1
    assert "not a bocompile project: sources/agreement.toml not found" in result.stderr


def test_unreadable_and_non_utf8_files(project_copy):
    path = project_copy / "sources/fr/definities.md"
    path.write_bytes(b"# Partie {#definities}\n\n\xe9t\xe9\n")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "sources/fr/definities.md:0" not in result.stderr
    assert any(
        e.startswith("sources/fr/definities.md:3:1: error: not UTF-8: byte 0xE9 (offset 24 ") for e in errors(result)
    )
    path.unlink()
    path.mkdir()
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert "sources/fr/definities.md is a directory, not a regular file" in result.stderr


def test_unlisted_and_missing_files(project_copy):
    (project_copy / "sources/nl/extra.md").write_text("# Extra {#extra}\n")
    (project_copy / "sources/fr/transversaal.md").unlink()
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert any(e.startswith("sources/nl/extra.md:1:") and "not listed in files" in e for e in errors(result))
    assert any("files lists transversaal.md but sources/fr/transversaal.md does not exist" in e for e in errors(result))


def test_list_item_count_mismatch_names_both_sides(project_copy):
    replace_in(project_copy / "sources/fr/doelstellingen.md", "- les médias\n", "")
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    [message] = errors(result)
    assert "list in article 'stakeholders' has a different number of items" in message
    assert "nl: 8 items at sources/nl/doelstellingen.md:" in message
    assert "fr: 7 items at sources/fr/doelstellingen.md:" in message


def test_usage_errors_exit_2_and_help_version_work():
    assert run("check", "--no-such-flag").returncode == 2
    assert run("frobnicate").returncode == 2
    assert "check" in run("--help").stdout
    assert run("--version").stdout.startswith("bocompile, version ")


def test_images_must_exist_inside_the_project(project_copy):
    for lang in ("nl", "fr"):
        replace_in(
            project_copy / f"sources/{lang}/doelstellingen.md",
            "(niet opgenomen in deze versie)]()" if lang == "nl" else "(non repris dans la présente version)]()",
            "]" + ("(../../../etc/passwd)" if lang == "nl" else "(images/organogram.png)"),
        )
    result = run("check", "-C", str(project_copy))
    assert result.returncode == 1
    assert any(
        e.startswith("sources/nl/doelstellingen.md:") and "leaves the project directory" in e for e in errors(result)
    )
    assert any(
        e.startswith("sources/fr/doelstellingen.md:") and "image 'images/organogram.png' not found" in e
        for e in errors(result)
    )


def test_project_dir_before_or_after_the_command(tmp_path):
    assert run("-C", str(tmp_path), "check").returncode == 1
    assert run("check", "-C", str(tmp_path)).returncode == 1
    assert run("-C", str(REPO), "check").returncode == 0


def test_a_broken_template_is_a_clear_error_at_its_line(project_copy):
    template = project_copy / "templates/lang/fr.toml"
    replace_in(template, 'article = "Article {{ n }}"', 'article = "Article {{ n + 1 }}"')
    line = next(
        n
        for n, text in enumerate(template.read_text().splitlines(), 1)
        if text.startswith('article = "Article {{ n + 1')
    )
    for command in (["check"], ["--format", "akn", "-o", str(project_copy / "out")]):
        result = run("-C", str(project_copy), *command)
        assert result.returncode == 1
        assert errors(result)[0].startswith(
            f"templates/lang/fr.toml:{line}: error: template 'label.article' cannot be rendered:"
        )
    assert not (project_copy / "out").exists()


def test_check_renders_every_template_of_the_wording():
    """check proves the wording without writing documents: every template of
    every language is rendered at least once, so none can fail first in a build."""
    from bocompile.check import check
    from bocompile.compose.inputs import languages_of
    from bocompile.project import Project
    from bocompile.proof import wording_keys

    loaded = check(Project.open(REPO))
    for lang, language in languages_of(loaded).items():
        keys = list(wording_keys(language))
        assert len(keys) > 100, lang
        assert [key for key in keys if key not in language.asked] == [], lang


# templates a build of the bundled agreement renders only in one kind of document
ONLY_IN_ONE_DOCUMENT = [
    ("formula.set_cell", "instrument of amendment 1"),
    ("formula.item.replace_words", "an instrument's list of changes"),
    ("diff.author", "a redline"),
    ("consolidated.header", "the consolidated text"),
    ("justel.source", "the consolidated text's notes"),
    ("signature.done", "the signed agreement"),
    ("instrument.entry_into_force", "every instrument"),
    ("heading.special.repealed", "the consolidated text"),
    ("cite.lid.name", "formulas naming a lid"),
]


@pytest.mark.parametrize("key, where", ONLY_IN_ONE_DOCUMENT)
def test_a_template_only_one_document_uses_fails_check_at_its_line(project_copy, key, where):
    template = project_copy / "templates/lang/nl.toml"
    section, _, name = key.rpartition(".")
    lines = template.read_text(encoding="utf-8").splitlines()
    table = lines.index(f"[{section}]")
    line = next(n for n in range(table + 1, len(lines)) if lines[n].startswith(f"{name} ="))
    lines[line] = f'{name} = "{{{{ nergens.niets }}}}"'
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("-C", str(project_copy), "check")
    assert result.returncode == 1, where
    assert errors(result)[0].startswith(
        f"templates/lang/nl.toml:{line + 1}: error: template '{key}' cannot be rendered"
    )


def test_a_check_answered_again_in_one_process_reads_again_the_wording_and_amendments_that_changed(project_copy):
    """As `watch` answers check after check, keeping what it read: a wording
    or an amendment edited between two checks is read as it now is, and
    back as it was."""
    from bocompile.check import verdict
    from bocompile.diagnostics import SourceError
    from bocompile.kept import kept
    from bocompile.project import Project

    project = Project.open(project_copy)
    wording = project_copy / "templates/lang/nl.toml"
    amendment = project_copy / "sources/fr/amendments/wijziging-1.md"
    edits = (
        (
            wording,
            'article = "Artikel {{ n }}"',
            'article = "Artikel {{ n }"',
            "templates/lang/nl.toml:26: error: template",
        ),
        (
            amendment,
            "in transversale",
            "in nergens transversale",
            "sources/fr/amendments/wijziging-1.md:5: error: '::: insert",
        ),
    )
    with kept():
        ok = verdict(project)
        assert ok.startswith("ok: 4 parts")
        for path, old, new, where in edits:
            replace_in(path, old, new)
            with pytest.raises(SourceError) as wrong:
                verdict(project)
            assert any(str(d).startswith(where) for d in wrong.value.diagnostics), wrong.value
            replace_in(path, new, old)
            assert verdict(project) == ok
