"""What built the files, for manifest.json: bocompile's version, the hash of
the dependency lock it ships with, and the versions of the packages that
shape the bytes, so that two machines' outputs can be compared knowingly."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources

from bocompile import __version__

#: pinned versions of everything `make` and CI install (pip-tools; see CONTRIBUTING.md)
LOCK = "requirements.lock"
#: the parser, the templates, dates and figures, and the two writers
BYTE_SHAPING = ("markdown-it-py", "mdit-py-plugins", "jinja2", "babel", "python-docx", "lxml")


def provenance() -> dict:
    lock = importlib.resources.files("bocompile").joinpath(LOCK).read_bytes()
    return {
        "version": __version__,
        "lock": f"sha256:{hashlib.sha256(lock).hexdigest()}",
        "dependencies": {name: importlib.metadata.version(name) for name in BYTE_SHAPING},
    }
