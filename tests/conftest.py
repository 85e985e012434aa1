"""Shared fixtures: the bundled project, and throw-away copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bocompile.compose.signed import base_edition
from bocompile.load import load
from bocompile.project import Project

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
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()
