"""The readings stored under the project (.bocompile_cache/): a build that
takes them gives the documents a first build gives; a changed source is read
again; a store this machine did not write into this very folder is not
believed, and nothing in a store is run."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import bocompile.load as load_module
from bocompile.load import load
from bocompile.load import readings as readings_module
from bocompile.load.stored import FOLDER, stored, storing
from bocompile.project import Project
from bocompile.read.markdown import FileReader
from hostile import bocompile, replace_in, visible

WORDS = "bevat de verbintenissen"
FORGED = "bevat de VERVALSTE verbintenissen"


def _build(project: Path, out: Path, *args: str) -> dict[str, str]:
    result = bocompile("-C", str(project), "build", "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    return visible(out)


def _base_text(out: Path) -> str:
    return (out / "base/nl.akn.xml").read_text(encoding="utf-8")


def _entries(project: Path) -> list[str]:
    return sorted(p.name for p in (project / FOLDER).iterdir() if len(p.name) == 32)


def test_a_second_build_takes_the_stored_readings_and_writes_the_same_bytes(project_copy, tmp_path, monkeypatch):
    first = _build(project_copy, tmp_path / "first", "--consolidate")
    sources = [p for lang in ("nl", "fr") for p in (project_copy / "sources" / lang).rglob("*.md")]
    assert len(_entries(project_copy)) == len(sources)  # one reading per source file
    read: list[str] = []
    real = FileReader.read
    monkeypatch.setattr(FileReader, "read", lambda self, text: read.append(self.name) or real(self, text))
    load(Project.open(project_copy))
    assert read == []  # no file was parsed again
    monkeypatch.undo()
    assert _build(project_copy, tmp_path / "second", "--consolidate") == first


def test_the_store_is_tagged_and_kept_out_of_version_control(project_copy, tmp_path):
    _build(project_copy, tmp_path / "out", "--format", "akn")
    store = project_copy / FOLDER
    assert (store / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    subprocess.run([git, "init", "-q", str(project_copy)], check=True)
    subprocess.run([git, "-C", str(project_copy), "add", "-A"], check=True)
    staged = subprocess.run(
        [git, "-C", str(project_copy), "diff", "--cached", "--name-only"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "sources/nl/definities.md" in staged
    assert not [name for name in staged if name.startswith(FOLDER)]


def test_a_changed_source_is_read_again(project_copy, tmp_path):
    _build(project_copy, tmp_path / "first", "--format", "akn")
    assert WORDS in _base_text(tmp_path / "first")
    replace_in(project_copy / "sources/nl/definities.md", WORDS, "bevat de gewijzigde verbintenissen")
    changed = _build(project_copy, tmp_path / "changed", "--format", "akn")
    assert "bevat de gewijzigde verbintenissen" in _base_text(tmp_path / "changed")
    shutil.rmtree(project_copy / FOLDER)
    assert _build(project_copy, tmp_path / "unstored", "--format", "akn") == changed


def test_a_changed_figure_is_read_again(project_copy, tmp_path):
    _build(project_copy, tmp_path / "first", "--format", "akn")
    assert "12.393" in _base_text(tmp_path / "first")
    figures = project_copy / "sources/data/budget-diensten.csv"
    replace_in(figures, "ccb,12393,", "ccb,12394,")
    replace_in(figures, "total,81714,", "total,81715,")
    _build(project_copy, tmp_path / "changed", "--format", "akn")
    assert "12.394" in _base_text(tmp_path / "changed") and "12.393" not in _base_text(tmp_path / "changed")


def test_a_source_with_an_error_says_so_every_time(project_copy, tmp_path):
    _build(project_copy, tmp_path / "out", "--format", "akn")
    replace_in(project_copy / "sources/nl/definities.md", WORDS, "bevat de `code` verbintenissen")
    for _ in range(2):
        result = bocompile("-C", str(project_copy), "check")
        assert result.returncode == 1
        assert "sources/nl/definities.md:5" in result.stderr and "inline code" in result.stderr


def _asked(project: Path) -> dict[tuple, tuple]:
    """What each reading a load of `project` asks the store for (what the
    run's readings share, its key and inputs), with the value it gets."""
    asked = {}
    shared: list[tuple] = []
    real_storing, real_stored = load_module.storing, readings_module.stored

    def storing_spy(root, *common):
        shared.append(common)
        return real_storing(root, *common)

    def stored_spy(key, inputs, read):
        value, diagnostics = real_stored(key, inputs, read)
        asked[key] = (shared[-1], inputs, value)
        return value, diagnostics

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load_module, "storing", storing_spy)
        patch.setattr(readings_module, "stored", stored_spy)
        load(Project.open(project))
    return asked


def _signed(project: Path, readings: dict[tuple, tuple]) -> None:
    """The store of `project` holding `readings` (key -> shared, inputs,
    value), signed as the store signs: as only a process of this machine,
    writing into this very folder, can."""
    for name in _entries(project):
        (project / FOLDER / name).unlink()
    for key, (shared, inputs, value) in readings.items():
        with storing(project, *shared):
            stored(key, inputs, functools.partial(tuple, (value, ())))


def test_a_store_copied_with_its_project_is_not_believed(project_copy, tmp_path):
    honest = _asked(project_copy)
    source = project_copy / "sources/nl/definities.md"
    original = source.read_bytes()
    replace_in(source, WORDS, FORGED)
    forged = _asked(project_copy)
    source.write_bytes(original)
    _signed(project_copy, {key: (*asked[:2], forged[key][2]) for key, asked in honest.items()})
    # in its own folder, the store's signed word is taken: the forgery shows
    _build(project_copy, tmp_path / "here", "--format", "akn")
    assert FORGED in _base_text(tmp_path / "here")
    copy = shutil.copytree(project_copy, tmp_path / "copy", symlinks=True)
    _build(copy, tmp_path / "copied", "--format", "akn")
    assert FORGED not in _base_text(tmp_path / "copied")
    assert WORDS in _base_text(tmp_path / "copied")


class _Run:
    """Pickles as a call of os.system: what a planted entry would hold."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_nothing_in_a_store_is_run(project_copy, tmp_path):
    marker = tmp_path / "ran"
    honest = _build(project_copy, tmp_path / "honest", "--format", "akn")
    _signed(project_copy, {key: (*asked[:2], (_Run(marker),)) for key, asked in _asked(project_copy).items()})
    assert _build(project_copy, tmp_path / "out", "--format", "akn") == honest
    assert not marker.exists()


@pytest.mark.parametrize("kind", ["link", "file", "damaged"])
def test_a_store_that_is_not_its_own_folder_or_is_damaged_is_passed_over(project_copy, tmp_path, kind):
    honest = _build(project_copy, tmp_path / "honest", "--format", "akn")
    store = project_copy / FOLDER
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if kind == "damaged":
        for name in _entries(project_copy):
            data = (store / name).read_bytes()
            (store / name).write_bytes(data[: len(data) // 2])
    else:
        shutil.rmtree(store)
        if kind == "link":
            store.symlink_to(elsewhere, target_is_directory=True)
        else:
            store.write_bytes(b"not a folder")
    assert _build(project_copy, tmp_path / "out", "--format", "akn") == honest
    assert list(elsewhere.iterdir()) == []
    if kind == "file":
        assert store.read_bytes() == b"not a folder"
