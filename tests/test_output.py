"""Where a build may write, and how: never into sources/ or templates/, and
each build appears in one step, so a failure at any point leaves the
previous output as it was and the next build cleans up after it."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess

import pytest

from bocompile.diagnostics import UsageProblem
from bocompile.project import Project
from hostile import bocompile, errors, refused, state, visible


@pytest.mark.parametrize(
    "where, relation",
    [
        ("sources/nl", "is inside sources/"),
        ("sources", "is sources/ itself"),
        ("templates/docx/x", "is inside templates/"),
        (".", "contains sources/"),
        ("..", "contains sources/"),
    ],
)
def test_output_may_not_touch_sources_or_templates(built, where, relation):
    out = os.path.normpath(built / where)
    result = _usage(built, "-o", out)
    assert (
        f"Error: the output directory {out} {relation}; choose one outside sources/ and templates/ (-o DIR), "
        "which a build does not overwrite" in result.stderr
    )


def test_output_through_a_link_into_sources_is_refused(built, tmp_path):
    (tmp_path / "link").symlink_to(built / "sources/fr")
    result = _usage(built, "-o", str(tmp_path / "link"))
    assert f"the output directory {tmp_path / 'link'} is inside sources/;" in result.stderr


def _usage(project, *args):
    """A run that must be refused as a usage error (exit 2), changing nothing."""
    before = state(project)
    result = bocompile("-C", str(project), *args)
    assert result.returncode == 2, result.stderr
    assert state(project) == before
    return result


@pytest.mark.parametrize("command", [(), ("check",)])
def test_a_missing_project_directory_is_a_usage_error(tmp_path, command):
    result = bocompile("-C", str(tmp_path / "nergens"), *command)
    assert result.returncode == 2
    assert f"'{tmp_path / 'nergens'}' does not exist" in result.stderr


def test_an_output_directory_below_a_file(built, tmp_path):
    (tmp_path / "bestand").write_text("x")
    found = refused(built, "-o", str(tmp_path / "bestand" / "out"))
    assert found == [
        f"{tmp_path / 'bestand' / 'out'}: error: cannot create {tmp_path / 'bestand' / 'out'}: "
        "Not a directory; check that the output directory is writable and has room"
    ]


def _without_privilege() -> tuple[str, ...]:
    """A command prefix under which file permissions hold: none for a normal
    user; for root, setpriv dropping the capabilities that bypass them."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    probe = subprocess.run(["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", "true"])
    if probe.returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")


def test_a_read_only_output_directory(built):
    prefix = _without_privilege()
    out = built / "output"
    folders = [out] + [p for p in out.rglob("*") if p.is_dir() and not p.is_symlink()]
    for folder in folders:
        folder.chmod(0o555)
    try:
        before = state(built)
        result = bocompile("-C", str(built), "--consolidate", prefix=prefix)
        assert result.returncode == 1
        assert state(built) == before
    finally:
        for folder in folders:
            folder.chmod(0o755)
    [found] = errors(result)
    assert (
        found == f"{out}: error: cannot write the build into {out}: Permission denied; check that the "
        "output directory is writable and has room"
    )


def test_an_unreadable_source(built):
    prefix = _without_privilege()
    (built / "sources/fr/transversaal.md").chmod(0)
    before = state(built)
    result = bocompile("-C", str(built), prefix=prefix)
    assert result.returncode == 1 and state(built) == before
    assert (
        "sources/fr/transversaal.md: error: cannot read sources/fr/transversaal.md: permission denied; fix "
        "the file's permissions" in errors(result)
    )


# -- one step ------------------------------------------------------------------------------


def test_a_disk_filling_up_in_the_middle_of_a_build_changes_nothing(built, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        out = disk / "out"
        assert bocompile("-C", str(built), "-o", str(out), "--format", "akn").returncode == 0
        shown = visible(out)
        before = state(built), _tree(out)
        result = bocompile("-C", str(built), "-o", str(out))  # the documents do not fit
        assert result.returncode == 1
        assert "No space left on device" in result.stderr
        assert (state(built), _tree(out)) == before and visible(out) == shown
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_failed_build_into_new_folders_leaves_none_of_them(built, tmp_path):
    """A build writes into its output folder as it goes; one that fails
    removes the folders it made for that."""
    out = tmp_path / "new" / "deeper" / "out"
    result = bocompile("-C", str(built), "--consolidate", "--as-of", "2000-01-01", "-o", str(out))
    assert result.returncode == 2 and "outside the agreement" in result.stderr
    assert not (tmp_path / "new").exists()


def _tree(folder):
    return sorted((p.relative_to(folder).as_posix(), p.is_symlink()) for p in folder.rglob("*"))


def test_a_path_in_the_way_stops_the_build_after_writing_and_changes_nothing(built):
    out = built / "output"
    (out / "manifest.json").unlink()
    (out / "manifest.json").mkdir()  # bocompile never makes a folder there
    (out / "manifest.json" / "notes.txt").write_text("mine")
    shown = visible(out)
    found = refused(built, "--consolidate")
    assert found == [
        f"{out / 'manifest.json'}: error: {out / 'manifest.json'} is in the way: bocompile writes "
        "its file manifest.json there; move it away"
    ]
    assert visible(out) == shown


def test_the_leftovers_of_an_interrupted_build_are_removed_by_the_next(built_template, built):
    out = built / "output"
    (out / ".builds" / "build-interrupted" / "base").mkdir(parents=True)
    (out / ".builds" / "build-interrupted" / "base" / "nl.docx").write_bytes(b"half")
    (out / ".current.new").symlink_to(".builds/build-interrupted")
    (out / ".bocompile-old-staging").mkdir()
    result = bocompile("-C", str(built), "--consolidate")
    assert result.returncode == 0
    current = os.readlink(out / ".current")
    assert sorted(p.name for p in out.iterdir()) == [
        ".builds",
        ".current",
        "amendments",
        "base",
        "consolidated",
        "manifest.json",
    ]
    assert [f".builds/{p.name}" for p in (out / ".builds").iterdir()] == [current]
    assert visible(out) == visible(built_template / "output")


def test_every_visible_path_is_one_build(built):
    out = built / "output"
    assert bocompile("-C", str(built)).returncode == 0  # no --consolidate: consolidated/ goes
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "amendments",
        "base",
        "manifest.json",
    ]
    for name in ("amendments", "base", "manifest.json"):
        assert os.readlink(out / name) == f".current/{name}"


def test_an_output_of_an_older_bocompile_is_taken_over(built_template, built):
    out = built / "output"
    for name in ("base", "amendments", "consolidated", "manifest.json"):
        target = out / name
        real = target.resolve()
        target.unlink()
        (shutil.copytree if real.is_dir() else shutil.copy)(real, target)
    shutil.rmtree(out / ".builds")
    (out / ".current").unlink()
    assert bocompile("-C", str(built), "--consolidate").returncode == 0
    assert all((out / name).is_symlink() for name in ("base", "amendments", "consolidated", "manifest.json"))
    assert visible(out) == visible(built_template / "output")


def test_one_build_at_a_time(built):
    descriptor = os.open(built / "output" / ".builds", os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        assert refused(built) == [
            f"{built / 'output'}: error: another bocompile is writing to {built / 'output'}; wait until it has finished"
        ]
    finally:
        os.close(descriptor)


def test_the_library_refuses_a_missing_project_directory_as_a_usage_problem(tmp_path):
    with pytest.raises(UsageProblem, match="does not exist"):
        Project.open(tmp_path / "nergens")
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(UsageProblem, match="is not a directory"):
        Project.open(tmp_path / "bestand")


def test_a_diff_replaces_its_folder_whole_and_cleans_up_after_an_interrupted_one(built):
    out = built / "output"
    assert bocompile("-C", str(built), "diff").returncode == 0
    [folder] = (out / "diff").iterdir()
    (folder / "stale.docx").write_bytes(b"from before")
    (out / "diff" / f".{folder.name}-interrupted").mkdir()
    assert bocompile("-C", str(built), "diff").returncode == 0
    assert sorted(p.name for p in (out / "diff").iterdir()) == [folder.name]
    assert "stale.docx" not in {p.name for p in folder.iterdir()}
    assert os.readlink(out / "base") == ".current/base"  # the build's own entries are left be
