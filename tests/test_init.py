"""`bocompile init`: a new agreement that checks and builds at once."""

from __future__ import annotations

import tomllib

from docx2python import docx2python

from test_cli import bocompile


def test_a_new_project_checks_at_once_and_lists_what_it_wrote(tmp_path):
    result = bocompile("init", "newagreement", "--period", "2025-2027", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "newagreement"
    assert result.stdout.splitlines() == sorted(str(p.relative_to(tmp_path)) for p in root.rglob("*") if p.is_file())
    assert {
        ".gitignore",
        "README.md",
        "sources/agreement.toml",
        "sources/nl/definities.md",
        "sources/fr/transversaal.md",
    } <= {p.relative_to(root).as_posix() for p in root.rglob("*")}
    assert (root / ".gitignore").read_text() == "output/\n"
    config = tomllib.loads((root / "sources/agreement.toml").read_text())
    assert (
        config["id"],
        config["amendments"],
        str(config["period"]["start"]),
        str(config["period"]["end"]),
    ) == ("newagreement", [], "2025-01-01", "2027-12-31")
    assert config["title"] == {
        "nl": "Bestuursovereenkomst 2025-2027",
        "fr": "Contrat d'administration 2025-2027",
    }
    check = bocompile("-C", "newagreement", "check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout == "ok: 4 parts, 0 sections, 6 articles in nl, fr; 0 amendment(s)\n"


def test_flags_fill_the_project_verbatim_whatever_their_characters(tmp_path):
    service = 'FOD "Beleid & Ondersteuning" [BOSA] *digitaal*'
    result = bocompile(
        "init",
        "bosa",
        "--id",
        "bosa-2025-2027",
        "--period",
        "2025-2027",
        "--title-nl",
        'Bestuursovereenkomst "BOSA" 2025-2027',
        "--service-nl",
        service,
        "--service-fr",
        "SPF Stratégie et Appui",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    config = tomllib.loads((tmp_path / "bosa/sources/agreement.toml").read_text())
    assert config["id"] == "bosa-2025-2027"
    assert config["title"]["nl"] == 'Bestuursovereenkomst "BOSA" 2025-2027'
    assert config["parties"][0]["name"] == {"nl": service, "fr": "SPF Stratégie et Appui"}
    out = tmp_path / "out"
    build = bocompile("-C", "bosa", "build", "--lang", "nl", "--format", "docx", "-o", str(out), cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    with docx2python(out / "base/nl.docx") as document:
        text = document.text
    assert f"de verbintenissen die {service} en de federale Regering aangaan" in text


def test_the_id_defaults_to_the_directory_name(tmp_path):
    assert bocompile("init", "Mijn Overeenkomst 2025", cwd=tmp_path).returncode == 0
    config = tomllib.loads((tmp_path / "Mijn Overeenkomst 2025/sources/agreement.toml").read_text())
    assert config["id"] == "mijn-overeenkomst-2025"


def test_a_non_empty_directory_is_refused_unless_forced(tmp_path):
    (tmp_path / "existing").mkdir()
    (tmp_path / "existing/notes.txt").write_text("mine")
    refused = bocompile("init", "existing", cwd=tmp_path)
    assert refused.returncode == 2
    assert "existing is not empty; name a new directory, or pass --force" in refused.stderr
    assert [p.name for p in (tmp_path / "existing").iterdir()] == ["notes.txt"]
    assert bocompile("init", "existing", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "existing/notes.txt").read_text() == "mine"
    assert bocompile("-C", "existing", "check", cwd=tmp_path).returncode == 0


def test_bad_values_are_usage_errors_and_write_nothing(tmp_path):
    for args, message in (
        (["--period", "2027-2025"], "'2027-2025' is not a period such as 2025-2027"),
        (["--period", "2025"], "'2025' is not a period"),
        (["--id", "Mijn_ID"], "'Mijn_ID': use lower-case letters, digits and hyphens"),
        (["--title-fr", "deux\nlignes"], "give one line of text"),
    ):
        result = bocompile("init", "new", *args, cwd=tmp_path)
        assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "new").exists()
