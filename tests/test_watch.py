"""`bocompile watch` as a translator runs it: a real process, real saves, a real Ctrl-C."""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import threading

import pytest

from bocompile import resident
from bocompile.diagnostics import SourceError

#: a safety net so that a broken watcher fails the test instead of hanging it (nothing is timed)
PATIENCE = 120


@pytest.fixture(autouse=True)
def interruptible():
    """Ctrl-C reaches the watch these tests start, even when the tests run as a
    script's background job: the shell starts that job with SIGINT ignored,
    and a child inherits an ignored signal (a handler, it does not)."""
    before = signal.getsignal(signal.SIGINT)
    if before == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


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


# -- the check a running watch answers ------------------------------------------


def check(project, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bocompile", "-C", str(project), "check", *options],
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )


def test_a_running_watch_answers_check_with_the_answer_check_gives_alone(watcher, project_copy):
    alone = check(project_copy)
    assert alone.returncode == 0 and alone.stdout.startswith("ok: 4 parts, 3 sections, 29 articles")
    process, _ = watcher
    assert next_line(process).startswith("ok: 12 HTML files")
    assert resident.ask(project_copy) == alone.stdout.rstrip("\n")  # the watch answered
    answered = check(project_copy)
    assert (answered.returncode, answered.stdout, answered.stderr) == (0, alone.stdout, "")

    # the files as they are when asked, not when the watch last saw them
    fr = project_copy / "sources/fr/verbintenissen.md"
    fr.write_text(fr.read_text() + "\n> a block quote\n")
    with pytest.raises(SourceError) as wrong:
        resident.ask(project_copy)
    assert [d.loc.path for d in wrong.value.diagnostics] == ["sources/fr/verbintenissen.md"]
    answered = check(project_copy, "--json")
    process.kill()
    process.wait()
    assert not resident.ask(project_copy)
    alone = check(project_copy, "--json")
    assert answered.returncode == alone.returncode == 1
    assert (answered.stdout, answered.stderr) == (alone.stdout, alone.stderr)
    assert ": error: block quote is not part" in alone.stderr


def test_a_watch_that_was_killed_leaves_a_socket_that_check_and_the_next_watch_get_past(project_copy, tmp_path):
    def start():
        return subprocess.Popen(
            [sys.executable, "-m", "bocompile", "-C", str(project_copy), "watch", "-o", str(tmp_path / "out")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first, second = start(), None
    try:
        assert next_line(first).startswith("ok: 12 HTML files")
        first.kill()
        first.wait()
        assert (project_copy / resident.SOCKET).is_socket()  # nobody removed it
        assert resident.ask(project_copy) is None
        result = check(project_copy)
        assert result.returncode == 0 and result.stdout.startswith("ok: 4 parts")
        second = start()
        assert next_line(second).startswith("ok: 12 HTML files")
        assert resident.ask(project_copy) == result.stdout.rstrip("\n")
        second.send_signal(signal.SIGINT)
        assert second.wait(PATIENCE) == 0
        assert not (project_copy / resident.SOCKET).exists()  # a watch that stops takes its socket away
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def test_check_never_follows_a_link_the_project_puts_where_the_socket_goes(project_copy, tmp_path):
    elsewhere = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    elsewhere.bind(str(tmp_path / "other.sock"))
    elsewhere.listen()
    elsewhere.setblocking(False)
    link = project_copy / resident.SOCKET
    link.symlink_to(tmp_path / "other.sock")
    with elsewhere:
        result = check(project_copy)
        assert result.returncode == 0 and result.stdout.startswith("ok: 4 parts")
        with pytest.raises(BlockingIOError):
            elsewhere.accept()  # nobody called
    assert link.is_symlink()  # and nothing removed it


def test_a_watch_of_another_version_is_not_asked(project_copy):
    with resident.answering(project_copy, lambda: "ok: from another version", threading.Lock()) as listening:
        assert listening
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as caller:
            caller.connect(str(project_copy / resident.SOCKET))
            caller.sendall(b'{"check": "0.0.0"}\n')
            caller.shutdown(socket.SHUT_WR)
            assert caller.recv(100) == b"{}"
        assert resident.ask(project_copy) == "ok: from another version"
    assert not (project_copy / resident.SOCKET).exists()


def test_a_watch_busy_with_a_long_preview_lets_check_check_by_itself(project_copy, monkeypatch):
    monkeypatch.setattr(resident, "BUSY", 0.2)
    lock = threading.Lock()
    with resident.answering(project_copy, lambda: "ok: answered", lock):
        with lock:  # a preview build under way
            assert resident.ask(project_copy) is None
        assert resident.ask(project_copy) == "ok: answered"
