"""Reproducible bytes across machines: make installs the lock's versions, and
manifest.json says which bocompile and which lock built the files."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
from pathlib import Path

from bocompile import __version__
from bocompile.provenance import BYTE_SHAPING

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "compiler/bocompile/requirements.lock"


def pins() -> dict[str, str]:
    return {name.lower(): version for name, version in re.findall(r"^([\w.-]+)==(\S+)", LOCK.read_text(), re.M)}


def test_every_package_that_shapes_the_bytes_runs_at_its_locked_version():
    locked = pins()
    for name in BYTE_SHAPING:
        assert importlib.metadata.version(name) == locked[name.lower()], name


def test_manifest_records_the_version_the_lock_and_the_dependencies(tmp_path):
    from test_cli import bocompile

    assert bocompile("build", "--format", "akn", "-o", str(tmp_path)).returncode == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["bocompile"] == {
        "version": __version__,
        "lock": f"sha256:{hashlib.sha256(LOCK.read_bytes()).hexdigest()}",
        "dependencies": {name: pins()[name] for name in BYTE_SHAPING},
    }
