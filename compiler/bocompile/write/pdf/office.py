"""One LibreOffice for a whole build, reached through uno_worker.py.

Starting LibreOffice costs more than laying out a document, so a build
starts it once (`Office`), in a private profile inside a temporary
directory, and hands it every document in turn. The worker runs in a
Python that has UNO (Debian's python3-uno, LibreOffice's own Python on
Windows); bocompile's Python talks to it over pipes, one JSON line each
way, and never waits longer than the timeout for an answer.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

WORKER = Path(__file__).with_name("uno_worker.py")
#: where LibreOffice's installer puts soffice and its Python with UNO (Windows, macOS)
INSTALL_DIRS = (Path("C:/Program Files/LibreOffice/program"), Path("/Applications/LibreOffice.app/Contents/MacOS"))
INSTALL_HELP = (
    "install LibreOffice: on Debian or Ubuntu `apt-get install libreoffice-writer-nogui python3-uno`, "
    "on Windows the installer from libreoffice.org (its Python includes UNO)"
)


class OfficeError(Exception):
    """LibreOffice is missing, did not start, failed or took too long."""


def find_office() -> tuple[str, str]:
    """soffice and a Python that can import uno; OfficeError saying what to install."""
    soffice = (
        shutil.which("soffice")
        or shutil.which("libreoffice")
        or next(
            (str(d / name) for d in INSTALL_DIRS for name in ("soffice.exe", "soffice") if (d / name).is_file()), None
        )
    )
    if soffice is None:
        raise OfficeError(f"LibreOffice (soffice) was not found; {INSTALL_HELP}")
    program = Path(os.path.realpath(soffice)).parent
    for python in (program / "python.exe", program / "python", Path("/usr/bin/python3"), Path(sys.executable)):
        if (
            python.is_file()
            and subprocess.run([str(python), "-c", "import uno"], capture_output=True, timeout=60).returncode == 0
        ):
            return soffice, str(python)
    raise OfficeError(
        f"no Python with LibreOffice's UNO bridge was found next to {soffice} or as /usr/bin/python3; {INSTALL_HELP}"
    )


class Office:
    """A running LibreOffice: `lay_out(docx)` gives the page of every heading,
    written into the table of contents, and the PDF/A-2b of that layout."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        soffice, python = find_office()
        self.folder = Path(tempfile.mkdtemp(prefix="bocompile-office-"))
        self._count = 0
        self._answers: queue.Queue = queue.Queue()
        self.process = subprocess.Popen(
            [python, str(WORKER), soffice, str(self.folder / "profile")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        stdin, stdout, stderr = self.process.stdin, self.process.stdout, self.process.stderr
        assert stdin is not None and stdout is not None and stderr is not None, "opened with PIPE"
        self._stdin, self._stdout, self._stderr = stdin, stdout, stderr
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self._answer("to start")
        except OfficeError:
            self.close()
            raise

    def lay_out(self, docx: bytes) -> tuple[dict[str, int], bytes]:
        """The page of each heading bookmark, and the PDF."""
        self._count += 1
        source = self.folder / f"{self._count}.docx"
        target = self.folder / f"{self._count}.pdf"
        source.write_bytes(docx)
        self._stdin.write(json.dumps({"docx": str(source), "pdf": str(target)}) + "\n")
        self._stdin.flush()
        answer = self._answer("to lay out a document")
        data = target.read_bytes()
        source.unlink()
        target.unlink()
        return {name: int(page) for name, page in answer["pages"].items()}, data

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self._stdin.close()
                self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self._kill()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read(self) -> None:
        for line in self._stdout:
            self._answers.put(line)
        self._answers.put(None)

    def _answer(self, doing: str) -> dict:
        try:
            line = self._answers.get(timeout=self.timeout)
        except queue.Empty:
            self._kill()
            raise OfficeError(
                f"LibreOffice took more than {self.timeout:g} s {doing} and was stopped; "
                "raise pdf_timeout in [output] of agreement.toml if the documents are that long"
            ) from None
        if line is None:
            problem = self._stderr.read().strip().splitlines()
            raise OfficeError(f"LibreOffice stopped: {problem[-1] if problem else 'no message'}")
        answer = json.loads(line)
        if "error" in answer:
            raise OfficeError(f"LibreOffice failed {doing}: {answer['error']}")
        return answer

    def _kill(self) -> None:
        """Stop the worker and the LibreOffice it started (same session)."""
        try:
            if hasattr(os, "killpg"):
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
        except ProcessLookupError:
            pass
        self.process.wait()
