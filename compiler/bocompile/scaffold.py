"""A new agreement: the smallest project `bocompile check` accepts, holding the
standard parts of a management agreement to start from.

The files are package data in skeleton/, with $placeholders filled by
string.Template (Jinja2 would read the Markdown keys `{#key}` as comments).
Each value is quoted for the file it lands in: a TOML string in
agreement.toml, escaped text in Markdown. The TOML is written from a text
with comments, which TOML writers (tomli-w) cannot produce.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from bocompile.diagnostics import UsageProblem
from bocompile.template_files import walk

GITIGNORE = "output/\n"
#: what Markdown would read as markup inside a line (CommonMark lets any be escaped)
_MARKUP = re.compile(r"([\\`*_\[\]<>{}|~&!#])")


@dataclass(frozen=True)
class NewAgreement:
    """What `bocompile init` asks for; the rest of the project is the skeleton's."""

    id: str
    start: int  # first calendar year of the period
    end: int  # last calendar year
    title: dict[str, str]  # per language
    service: dict[str, str]  # the federal public service, per language


def slug(name: str) -> str:
    """A name as an agreement id: lower-case ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "agreement"


def create(directory: Path, agreement: NewAgreement, force: bool = False) -> list[Path]:
    """Write the project into `directory`; returns the files written."""
    if directory.exists() and not directory.is_dir():
        raise UsageProblem(f"{directory} is a file; name a new directory for the project")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise UsageProblem(f"{directory} is not empty; name a new directory, or pass --force to write into it")
    written = []
    for name, file in walk(importlib.resources.files("bocompile") / "skeleton"):
        quote = _toml if name.endswith(".toml") else _markdown
        text = Template(file.read_text(encoding="utf-8")).substitute(_values(agreement, quote))
        written.append(_write(directory / name, text))
    written.append(_write(directory / ".gitignore", GITIGNORE))
    return sorted(written)


def _values(agreement: NewAgreement, quote: Callable[[str], str]) -> dict[str, str]:
    return {
        "id": quote(agreement.id),
        "period": f"{agreement.start}-{agreement.end}",
        "start": f"{agreement.start}-01-01",
        "end": f"{agreement.end}-12-31",
        **{f"title_{lang}": quote(text) for lang, text in agreement.title.items()},
        **{f"service_{lang}": quote(text) for lang, text in agreement.service.items()},
    }


def _toml(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's for one-line text."""
    return json.dumps(text, ensure_ascii=False)


def _markdown(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
