"""Shared fixtures: the bundled project, and throw-away copies to break."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from bocompile.compose.signed import base_edition
from bocompile.load import load
from bocompile.project import Project
from hostile import bocompile, fresh_copy

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def compiled():
    """The bundled agreement, loaded and checked."""
    return load(Project.open(REPO))


@pytest.fixture(scope="session")
def edition(compiled):
    """The bundled agreement as the base edition writers render."""
    return base_edition(compiled)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of the bundled project (sources and templates)."""
    root = tmp_path / "project"
    for folder in ("sources", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """One real headless Chromium (Debian's, through its chromedriver) per
    test module, with a fresh profile and every background request off, so
    that whatever it loads is what the page asked for."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()


SOFFICE = shutil.which("soffice")
#: the system Python, which has LibreOffice's UNO bridge (Debian: python3-uno)
UNO_PYTHON = "/usr/bin/python3"


def _uno_missing() -> str | None:
    if not SOFFICE:
        return "LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui"
    if (
        not Path(UNO_PYTHON).is_file()
        or subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode
    ):
        return f"{UNO_PYTHON} cannot import uno; install python3-uno"
    return None


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """One LibreOffice for the whole session, with a private profile, listening
    on a pipe: `libreoffice(paths)` opens each DOCX through the UNO bridge
    (tests/libreoffice_uno.py) and returns what it sees, PDFs included."""
    missing = _uno_missing()
    if missing:
        pytest.skip(missing)
    home = tmp_path_factory.mktemp("libreoffice")
    pipe = f"bocompile_tests_{os.getpid()}"
    office = subprocess.Popen(
        [
            SOFFICE,
            f"-env:UserInstallation={(home / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def inspect(paths: list[Path]) -> dict[str, dict]:
        pdfs = Path(tmp_path_factory.mktemp("pdf"))
        result = subprocess.run(
            [UNO_PYTHON, str(REPO / "tests" / "libreoffice_uno.py"), pipe, str(pdfs), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        return {Path(name).name: seen for name, seen in json.loads(result.stdout).items()}

    yield inspect
    quit_ = [UNO_PYTHON, str(REPO / "tests" / "libreoffice_uno.py"), pipe, "--quit"]
    try:  # asked to quit, LibreOffice removes the pipes it made in /tmp; killed, it leaves them
        subprocess.run(quit_, capture_output=True, timeout=60)
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(office.pid, signal.SIGTERM)  # the session LibreOffice started, and its children
        office.wait()


@pytest.fixture(scope="session")
def built_template(tmp_path_factory) -> Path:
    """The bundled project after one successful `bocompile --consolidate`."""
    root = tmp_path_factory.mktemp("built") / "project"
    for folder in ("sources", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    result = bocompile("-C", str(root), "--consolidate")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def built(built_template, tmp_path) -> Path:
    """A writable copy of the built project, output/ included, to break."""
    return fresh_copy(built_template, tmp_path / "project")
