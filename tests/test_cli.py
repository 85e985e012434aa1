"""The command line's conventions, through the installed `bocompile` script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bocompile.cli import main
from bocompile.project import Project
from bocompile.template_files import defaults
from test_build import hashes

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "bocompile"


def bocompile(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_bocompile_alone_is_bocompile_build(tmp_path):
    assert bocompile("--format", "akn", "-o", str(tmp_path / "bare")).returncode == 0
    assert bocompile("build", "--format", "akn", "--output", str(tmp_path / "build")).returncode == 0
    assert hashes(tmp_path / "bare") == hashes(tmp_path / "build") != {}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--consolidate", "check"], "'--consolidate' before 'check': an option goes after the command"),
        (
            ["--consolidate", "--lang", "xx", "-o", "/nonexistent", "check"],
            "'--consolidate --lang xx -o /nonexistent' before 'check'",
        ),
        (["check", "--lang", "xx"], "No such option '--lang'"),
        (["templates", "list", "--consolidate"], "No such option '--consolidate'"),
        (["init", "x", "--format", "akn"], "No such option '--format'"),
        (["--as-of", "2020-12-31"], "--as-of and --renumber go with --consolidate"),
        (["build", "--as-of", "31/12/2020"], "'31/12/2020' does not match the format '%Y-%m-%d'"),
        (["-C", "no-such-project", "check"], "Directory 'no-such-project' does not exist"),
        (["-q", "check", "-v"], "-q/--quiet and -v/--verbose exclude each other"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_an_option_given_to_the_wrong_command_is_a_usage_error(args, message):
    result = bocompile(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: bocompile")
    assert message in result.stderr
    assert result.stdout == ""
    assert not Path("/nonexistent").exists()


def test_output_inside_sources_or_templates_is_a_usage_error(project_copy):
    for folder in ("sources", "templates"):
        result = bocompile("-C", str(project_copy), "build", "-o", str(project_copy / folder / "out"))
        assert result.returncode == 2
        assert f"is inside {folder}/; choose one outside sources/ and templates/" in result.stderr
        assert not (project_copy / folder / "out").exists()


def test_global_options_go_before_or_after_the_command(tmp_path):
    assert bocompile("--quiet", "init", "new", cwd=tmp_path).stdout == ""
    for args in (["-q", "-C", str(tmp_path / "new"), "check"], ["check", "--quiet", "--directory", "new"]):
        result = bocompile(*args, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_verbose_build_reports_each_step_on_stderr_and_the_files_on_stdout(tmp_path):
    result = bocompile("build", "-v", "--format", "akn", "-o", str(tmp_path))
    assert result.returncode == 0
    steps = result.stderr.splitlines()
    step = r"\d+/\d+ (base|amendments/[\w-]+)/(nl|fr)\.akn\.xml \(\d+\.\d s\)"  # each file written
    assert steps and all(re.fullmatch(step, s) for s in steps)
    assert steps[-1].startswith(f"{len(steps)}/{len(steps)} ")
    assert result.stdout.splitlines() == [str(tmp_path / p) for p in sorted(hashes(tmp_path))]
    quiet = bocompile("build", "--format", "akn", "-o", str(tmp_path))  # stderr is not a terminal: no bar
    assert quiet.stderr == "" and quiet.stdout == result.stdout


def test_help_lists_every_command_and_the_exit_codes():
    result = bocompile("-h")
    assert result.returncode == 0
    assert re.findall(r"^  (\w+) ", result.stdout.split("Commands:")[1], re.M) == [
        "build",
        "check",
        "diff",
        "status",
        "xliff",
        "watch",
        "init",
        "templates",
    ]
    assert "3 internal error" in " ".join(result.stdout.split())


def test_version_answers_without_loading_the_compiler():
    result = bocompile("--version", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.stdout == "bocompile, version 0.1.0\n"
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "click" in loaded
    assert not loaded & {"docx", "lxml", "jinja2", "babel", "markdown_it", "bocompile.build"}


def test_version_is_quick():
    """The one timed test: 0.1 s is the aim, 0.25 s the generous bound (it took
    0.4 s when it imported the compiler). The quickest of seven runs, so that
    a busy machine does not fail it."""
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([str(SCRIPT), "--version"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.25


def test_an_internal_error_is_one_line_exit_3_and_the_traceback_only_with_verbose(monkeypatch):
    def broken(cls, directory):
        raise KeyError("lost")

    monkeypatch.setattr(Project, "open", classmethod(broken))
    runner = CliRunner()
    result = runner.invoke(main, ["-C", str(REPO), "check"])
    assert result.exit_code == 3
    assert result.stderr == "internal error: KeyError: 'lost' (please report, with the command)\n"
    verbose = runner.invoke(main, ["-C", str(REPO), "check", "--verbose"])
    assert verbose.exit_code == 3
    assert verbose.stderr.startswith("Traceback (most recent call last):")
    assert verbose.stderr.endswith("internal error: KeyError: 'lost' (please report, with the command)\n")


def listing(root: Path) -> dict[str, list[str]]:
    result = bocompile("-C", str(root), "templates", "list")
    assert result.returncode == 0
    return {line.split()[0]: line.split(None, 2)[1:] for line in result.stdout.splitlines()}


def test_templates_list_and_copy(tmp_path):
    root = tmp_path / "project"
    (root / "sources").mkdir(parents=True)
    assert listing(root) == {name: ["default", str(file)] for name, file in defaults().items()}
    copied = bocompile("-C", str(root), "templates", "copy", "lang/nl.toml")
    assert copied.returncode == 0
    own = root / "templates/lang/nl.toml"
    assert copied.stdout == f"{own}\n"
    assert own.read_bytes() == defaults()["lang/nl.toml"].read_bytes()
    assert listing(root)["lang/nl.toml"] == [
        "project",
        f"templates/lang/nl.toml, key by key over the default {defaults()['lang/nl.toml']}",
    ]
    again = bocompile("-C", str(root), "templates", "copy")  # all or none
    assert again.returncode == 2 and "templates/lang/nl.toml exists already; pass --force" in again.stderr
    assert not (root / "templates/docx").exists()
    assert bocompile("-C", str(root), "templates", "copy", "--force").returncode == 0
    assert (root / "templates/docx/reference.docx").is_file()
    unknown = bocompile("-C", str(root), "templates", "copy", "lang/de.toml")
    assert unknown.returncode == 2 and "no default template named 'lang/de.toml'" in unknown.stderr


def test_shell_completion_knows_commands_and_template_names():
    def complete(words: str) -> list[str]:
        result = bocompile(
            env={
                "_BOCOMPILE_COMPLETE": "bash_complete",
                "COMP_WORDS": words,
                "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
            }
        )
        assert result.returncode == 0
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]

    assert complete("bocompile ") == ["build", "check", "diff", "status", "xliff", "watch", "init", "templates"]
    assert complete("bocompile templates copy lang/") == ["lang/fr.toml", "lang/nl.toml"]
