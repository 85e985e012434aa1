"""Build: load, number, write every file, then replace output/ atomically.

Writers return bytes; only this module touches the output directory. Files
go to a temporary directory beside the output, and each output folder is
swapped in only after every file succeeded, so a failed build leaves the
previous output as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from bocompile.check import Compiled, load
from bocompile.edition import Edition
from bocompile.language import load_language
from bocompile.number import number
from bocompile.project import Project

FORMATS = ("docx", "akn")

#: format -> function(edition, languages) -> {file name: bytes}
Writer = Callable[[Edition, tuple[str, ...]], dict[str, bytes]]


def writers() -> dict[str, Writer]:
    from bocompile.write.akn import write_akn
    from bocompile.write.docx import write_docx

    return {"docx": write_docx, "akn": write_akn}


def base_edition(compiled: Compiled) -> Edition:
    config = compiled.config
    templates = compiled.project.root / "templates"
    return Edition(
        name="base",
        config=config,
        agreement=compiled.agreement,
        numbering=number(compiled.agreement, config.numbering),
        languages={code: load_language(templates, code) for code in config.languages},
        root=compiled.project.root,
        date=config.signing_date,
    )


def build(project: Project, out: Path, langs: Iterable[str] = (), formats: Iterable[str] = ()) -> list[Path]:
    """Compile the project into `out`; returns the files written."""
    compiled = load(project)
    langs = tuple(langs) or compiled.config.languages
    formats = tuple(formats) or FORMATS
    editions = [base_edition(compiled)]
    files: dict[str, bytes] = {}
    for edition in editions:
        for fmt in formats:
            for name, data in writers()[fmt](edition, langs).items():
                files[f"{edition.name}/{name}"] = data
    files["manifest.json"] = _manifest(files, editions)
    return _replace(out, files, [e.name for e in editions])


def _manifest(files: dict[str, bytes], editions: list[Edition]) -> bytes:
    manifest = {
        "editions": {e.name: {"date": e.date.isoformat()} for e in editions},
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()


def _replace(out: Path, files: dict[str, bytes], folders: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bocompile-", dir=out))
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for folder in folders:
            target, old = out / folder, staging / f".old-{folder}"
            if target.exists():
                os.replace(target, old)
            os.replace(staging / folder, target)
        os.replace(staging / "manifest.json", out / "manifest.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in sorted(files)]
