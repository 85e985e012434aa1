"""Fuzz tests (tests/fuzzing.py says what they are fed, and for how long).

Readers, in process: whatever the text, they report, never raise, and each
diagnostic points into the file it names. Whole projects, through the real
command: the bundled project with one random corruption exits 0 or 1, prints
diagnostics only (never a traceback), never hangs, and leaves the project
exactly as it was when it fails."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from bocompile.diagnostics import Report, SourceError
from bocompile.language import load_language
from bocompile.load.tables import check_totals
from bocompile.project import CONFIG, SOURCE_LIMIT, Project
from bocompile.read.amendment import AmendmentReader
from bocompile.read.config import read_config
from bocompile.read.data import read_data_tables
from bocompile.read.markdown import FileReader
from bocompile.sourcetext import TextFaults, decode
from fuzzing import amendment, for_a_while, markdown, mutated
from hostile import REPO, bocompile, fresh_copy, state, visible

DATA = read_data_tables(Project.open(REPO), Report())
QUICK = settings(max_examples=100, deadline=None)
#: a line of stderr: a diagnostic, or the count that closes a failed run
STDERR = re.compile(r"^\S.*?(:\d+){0,2}: (error|warning): \S.*$|^\d+ error\(s\); nothing was written\.$")


def _within(diagnostics, name: str, text: str) -> None:
    lines = text.count("\n") + 1
    for diagnostic in diagnostics:
        assert diagnostic.loc.path == name, diagnostic
        assert 0 <= diagnostic.loc.line <= lines and diagnostic.loc.column >= 0, diagnostic


def _lines_as_read(text: str) -> str:
    """`text` with its line breaks as the project's door counts them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read(name: str, text: str, reader) -> None:
    """`text` as the project's door hands it to `reader`, then read."""
    try:
        decoded = decode(text.encode("utf-8"))
    except TextFaults as faults:
        assert all(1 <= f.line <= _lines_as_read(text).count("\n") + 1 for f in faults.faults)
        return
    report = Report()
    reader(decoded, report)
    _within(report.diagnostics, name, decoded)


def test_the_markdown_reader_reports_and_never_raises():
    @QUICK
    @given(markdown)
    def read(text):
        _read("x.md", text, lambda t, r: FileReader("x.md", "nl", DATA, r).read(t))

    for_a_while(read, 0.08)


def test_the_amendment_reader_reports_and_never_raises():
    @QUICK
    @given(amendment)
    def read(text):
        _read("w.md", text, lambda t, r: AmendmentReader("w.md", "nl", DATA, r).operations(t))

    for_a_while(read, 0.08)


def _in_project(tmp_path, rel: str, text: str, reader) -> None:
    """Write `text` at `rel` in a scratch project and run `reader(project, report)`."""
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_bytes(text.encode("utf-8"))
    report = Report()
    try:
        reader(Project(tmp_path), report)
    except SourceError as error:
        report.extend(error.diagnostics)
    _within([d for d in report.diagnostics if d.loc.path == rel], rel, _lines_as_read(text))


def test_agreement_toml_is_reported_at_its_lines(tmp_path):
    original = (REPO / CONFIG).read_text(encoding="utf-8")

    @QUICK
    @given(mutated(original))
    def read(text):
        _in_project(tmp_path, CONFIG, text, read_config)

    for_a_while(read, 0.08)


def test_language_files_are_reported_at_their_lines(tmp_path):
    original = (REPO / "templates/lang/fr.toml").read_text(encoding="utf-8")

    def load(project, report):
        language = load_language(project, "fr")
        language.label("article", "1")

    @QUICK
    @given(mutated(original))
    def read(text):
        _in_project(tmp_path, "templates/lang/fr.toml", text, load)

    for_a_while(read, 0.06)


def test_data_tables_are_reported_at_their_lines(tmp_path):
    original = (REPO / "sources/data/budget-fod.csv").read_text(encoding="utf-8")

    def load(project, report):
        check_totals(read_data_tables(project, report), report)

    @QUICK
    @given(mutated(original))
    def read(text):
        _in_project(tmp_path, "sources/data/budget-fod.csv", text, load)

    for_a_while(read, 0.06)


# -- whole projects -----------------------------------------------------------------------

COMMANDS = [
    ("check",),
    (),
    ("--consolidate",),
    ("--consolidate", "--renumber"),
    ("--consolidate", "--as-of", "2020-06-30"),
    ("--lang", "fr", "--format", "akn"),
    ("--format", "html"),
]


def _files(project, data, patterns=("sources/**/*", "templates/**/*")):
    found = sorted(p for pattern in patterns for p in project.glob(pattern) if p.is_file() and not p.is_symlink())
    return data.draw(st.sampled_from(found))


def edit_text(project, data):
    path = _files(
        project,
        data,
        ("sources/**/*.md", "sources/**/*.toml", "sources/**/*.csv", "templates/**/*.toml", "templates/**/*.html"),
    )
    path.write_text(data.draw(mutated(path.read_text(encoding="utf-8"))), encoding="utf-8")


def damage_bytes(project, data):
    path = _files(project, data)
    content = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, max(len(content) - 1, 0)))
        content[at : at + data.draw(st.integers(0, 3))] = data.draw(st.binary(max_size=4))
    path.write_bytes(bytes(content))


def replace_file(project, data):
    path = _files(project, data)
    how = data.draw(st.sampled_from(["folder", "pipe", "link out", "dangling", "loop", "empty", "huge", "device link"]))
    outside = project.parent / "outside"
    outside.mkdir(exist_ok=True)
    shutil.copy(path, outside / path.name)
    path.unlink()
    if how == "folder":
        path.mkdir()
    elif how == "pipe":
        os.mkfifo(path)
    elif how == "link out":
        path.symlink_to(outside / path.name)
    elif how == "dangling":
        path.symlink_to("nergens")
    elif how == "loop":
        path.symlink_to(path.name)
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "huge":
        path.write_bytes(b"")
        os.truncate(path, SOURCE_LIMIT * 6)
    else:
        path.symlink_to("/dev/zero")


def remove_file(project, data):
    _files(project, data).unlink()


def add_file(project, data):
    name = data.draw(
        st.sampled_from(
            [
                "sources/nl/extra.md",
                "sources/nl/.#definities.md",
                "sources/fr/x.md~",
                "sources/nl/Extra.md",
                "sources/data/extra.csv",
                "sources/data/Fout.csv",
                "sources/fr/amendments/wijziging-9.md",
                "sources/images/x.png",
            ]
        )
    )
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(data.draw(markdown), encoding="utf-8")


def rename_key(project, data):
    path = _files(project, data, ("sources/*/*.md",))
    text = path.read_text(encoding="utf-8")
    keys = re.findall(r"\{#([a-z0-9-]+)\}", text)
    if keys:
        old = data.draw(st.sampled_from(keys))
        new = data.draw(st.sampled_from(keys + ["nieuw", "Fout", ""]))
        path.write_text(text.replace(f"{{#{old}}}", f"{{#{new}}}", 1), encoding="utf-8")


def damage_reference(project, data):
    path = project / "templates/docx/reference.docx"
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as source:
        names = source.namelist()
        victim = data.draw(st.sampled_from(names))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                if name != victim:
                    target.writestr(name, source.read(name))
                elif data.draw(st.booleans()):
                    target.writestr(name, data.draw(mutated(source.read(name).decode("utf-8", "replace"))))
    path.write_bytes(out.getvalue())


def disturb_output(project, data):
    out = project / "output"
    how = data.draw(st.sampled_from(["folder at manifest", "no current", "leftover build", "file at base"]))
    if how == "folder at manifest":
        (out / "manifest.json").unlink()
        (out / "manifest.json").mkdir()
    elif how == "no current":
        (out / ".current").unlink()
    elif how == "leftover build":
        (out / ".builds/build-left/base").mkdir(parents=True)
    else:
        (out / "base").unlink()
        (out / "base").write_text("mine")


CORRUPTIONS = [
    edit_text,
    edit_text,
    edit_text,
    damage_bytes,
    replace_file,
    remove_file,
    add_file,
    rename_key,
    damage_reference,
    disturb_output,
]


def test_a_project_with_one_corruption_fails_cleanly_or_builds(built_template, tmp_path_factory):
    @settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
    @given(st.data())  # not shrunk: each example is a run of the command; the draws say what broke
    def run(data):
        project = fresh_copy(built_template, tmp_path_factory.mktemp("fuzz") / "project")
        try:
            corruption = data.draw(st.sampled_from(CORRUPTIONS))
            corruption(project, data)
            command = data.draw(st.sampled_from(COMMANDS))
            before = state(project)
            result = bocompile("-C", str(project), *command)
            assert result.returncode in (0, 1), result.stderr
            assert all(STDERR.match(line) for line in result.stderr.splitlines()), result.stderr
            if result.returncode == 1 and command != ("check",) and corruption is not disturb_output:
                checked = bocompile("-C", str(project), "check")  # check never passes where a build fails
                assert checked.returncode == 1, f"{command} failed, check passed:\n{result.stderr}"
            after = state(project)
            if result.returncode == 1 or command == ("check",):
                assert after == before
            else:
                assert {k: v for k, v in after.items() if not k.startswith("output/")} == {
                    k: v for k, v in before.items() if not k.startswith("output/")
                }
                listed = set(json.loads((project / "output/manifest.json").read_text())["files"])
                assert set(visible(project / "output")) == listed | {"manifest.json"}
        finally:
            shutil.rmtree(project.parent, ignore_errors=True)

    for_a_while(run, 0.64)
