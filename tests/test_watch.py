"""`bocompile watch` as a translator runs it: a real process, real saves, a real Ctrl-C."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys

import pytest

#: a safety net so that a broken watcher fails the test instead of hanging it (nothing is timed)
PATIENCE = 120


@pytest.fixture
def watcher(project_copy, tmp_path):
    out = tmp_path / "preview"
    process = subprocess.Popen(
        [sys.executable, "-m", "bocompile", "-C", str(project_copy), "watch", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        yield process, out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def next_line(process: subprocess.Popen) -> str:
    assert process.stdout is not None, "opened with PIPE"
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(PATIENCE), "bocompile watch said nothing"
    return process.stdout.readline().rstrip("\n")


def test_watch_rebuilds_the_preview_on_each_save_and_stops_on_ctrl_c(watcher, project_copy):
    process, out = watcher
    first = next_line(process)
    assert first == f"ok: 12 HTML files in {out}"
    assert not (out / "base/nl.docx").exists() and (out / "base/nl-fr.html").exists()
    fr = project_copy / "sources/fr/verbintenissen.md"

    fr.write_text(fr.read_text().replace("Concertation périodique", "Concertation régulière"))
    assert next_line(process) == f"ok: 12 HTML files in {out} after sources/fr/verbintenissen.md"
    assert "Concertation régulière" in (out / "base/nl-fr.html").read_text()

    fr.write_text(fr.read_text() + "\n> a block quote\n")
    broken = next_line(process)
    assert broken.startswith("sources/fr/verbintenissen.md:") and ": error: block quote is not part" in broken
    assert "Concertation régulière" in (out / "base/nl-fr.html").read_text()  # the last good preview stays

    template = project_copy / "templates/html/style.css"
    template.write_text(template.read_text().replace("--stale: #b3261e", "--stale: #c00000"))
    fr.write_text(fr.read_text().replace("\n> a block quote\n", ""))
    assert next_line(process).startswith(f"ok: 12 HTML files in {out} after ")
    assert "--stale: #c00000" in (out / "base/nl.html").read_text()

    process.send_signal(signal.SIGINT)
    assert process.wait(PATIENCE) == 0
    assert process.stdout.read() == "stopped\n"
    assert process.stderr.read() == ""


def test_the_preview_may_not_be_written_where_it_is_watched(project_copy):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bocompile",
            "-C",
            str(project_copy),
            "watch",
            "-o",
            str(project_copy / "sources/preview"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "cannot be written inside sources/ or templates/" in result.stderr
    assert not (project_copy / "sources/preview").exists()
