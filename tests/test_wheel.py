"""What a new department does: install the built wheel in a fresh venv outside
the repository, start an agreement, check it, build it, reword one formula."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx2python import docx2python

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "compiler/bocompile/requirements.lock"
FILES = ("nl.docx", "fr.docx", "nl-fr.docx", "nl.akn.xml", "fr.akn.xml")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bocompile from `python -m build` (sdist, then the wheel from it), in a new venv."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(REPO)],
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    [wheel] = (work / "dist").glob("*.whl")
    subprocess.run(
        [str(work / "venv/bin/pip"), "install", "--quiet", "--constraint", str(LOCK), str(wheel)],
        check=True,
        capture_output=True,
    )
    return work / "venv/bin/bocompile"


@pytest.fixture
def run(installed, tmp_path):
    """Run the installed script in an empty folder outside the repository."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def bocompile(*args: str) -> subprocess.CompletedProcess:
        result = subprocess.run([str(installed), *args], cwd=tmp_path, capture_output=True, text=True, env=env)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return bocompile


def nl_text(path: Path) -> str:
    with docx2python(path) as document:
        return document.text.replace("\u00a0", " ")


def test_init_check_build_from_the_wheel(run, tmp_path):
    assert run("init", "newagreement", "--period", "2025-2027").returncode == 0
    check = run("-C", "newagreement", "check")
    assert (check.returncode, check.stdout) == (
        0,
        "ok: 4 parts, 0 sections, 6 articles in nl, fr; 0 amendment(s)\n",
    )
    build = run("-C", "newagreement", "build", "--consolidate")
    assert build.returncode == 0, build.stderr
    out = tmp_path / "newagreement/output"
    expected = {f"{folder}/{name}" for folder in ("base", "consolidated") for name in FILES} | {"manifest.json"}
    assert {Path(line).relative_to(out).as_posix() for line in build.stdout.splitlines()} == expected
    assert all((out / name).stat().st_size > 0 for name in expected)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["bocompile"]["lock"] == f"sha256:{hashlib.sha256(LOCK.read_bytes()).hexdigest()}"
    assert "Opgemaakt te Brussel op 1 januari 2025" in nl_text(out / "base/nl.docx")


def test_a_project_overrides_one_key_of_the_packaged_wording(run, tmp_path):
    assert run("init", "newagreement", "--period", "2025-2027").returncode == 0
    own = tmp_path / "newagreement/templates/lang/nl.toml"
    own.parent.mkdir(parents=True)
    own.write_text('[signature]\ndone = "Gedaan te {{ place }} op {{ date }}."\n', encoding="utf-8")
    assert run("-C", "newagreement", "check").returncode == 0
    assert run("-C", "newagreement", "build", "--consolidate").returncode == 0
    text = nl_text(tmp_path / "newagreement/output/base/nl.docx")
    assert "Gedaan te Brussel op 1 januari 2025." in text and "Opgemaakt" not in text
    assert "Artikel 3 – Verbintenissen van de dienst" in text  # the rest: the packaged wording
    rows = {
        line.split()[0]: line.split()[1] for line in run("-C", "newagreement", "templates", "list").stdout.splitlines()
    }
    assert rows["lang/nl.toml"] == "project"
    assert {name: origin for name, origin in rows.items() if name != "lang/nl.toml"} == {
        name: "default"
        for name in (
            "docx/reference.docx",
            "lang/fr.toml",
            "html/document.html",
            "html/macros.html",
            "html/parallel.html",
            "html/style.css",
        )
    }


def test_outside_a_project_it_says_so(run, tmp_path):
    result = run("check")
    assert result.returncode == 1
    assert "not a bocompile project: sources/agreement.toml not found" in result.stderr
