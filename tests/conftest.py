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
