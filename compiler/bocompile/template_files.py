"""Where each template comes from: the project's templates/ or bocompile's defaults.

The defaults ship inside the package (`bocompile.templates`, read with
importlib.resources), so bocompile works in any folder, not only in its own
checkout. A project file of the same name overrides its default: whole for
reference.docx and any other file, key by key for the wording in
lang/<lang>.toml (language.py merges the two).
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from bocompile.diagnostics import UsageProblem

FOLDER = "templates"
#: what makes the packaged folder a Python package, not a template
_NOT_TEMPLATES = {"__init__.py", "__pycache__"}


@dataclass(frozen=True)
class Template:
    """One template as a project sees it: its default and the project's own file."""

    name: str  # "lang/nl.toml"
    default: Traversable | None
    own: Path | None

    @property
    def origin(self) -> str:
        return "project" if self.own else "default"

    def shown(self, root: Path) -> str:
        """The winning file as diagnostics name it."""
        return shown(self.own or self.default, root)


def shown(file: Traversable | Path | None, root: Path) -> str:
    """Project-relative for the project's files, the full path for the defaults."""
    path = Path(str(file))
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def defaults() -> dict[str, Traversable]:
    return dict(walk(importlib.resources.files("bocompile.templates")))


def walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """Every file below `folder` as (relative name, file), by name; Python's own skipped."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in _NOT_TEMPLATES or entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry


def _own(root: Path, name: str, default: Traversable | None) -> Path | None:
    """The project's file, unless it is the packaged default itself (bocompile's
    own checkout, installed in editable mode, is such a project). Whatever
    stands at its place is the project's: a folder, a pipe or a link leading
    out is refused when read (project.Project), not passed over."""
    path = root / FOLDER / name
    if not os.path.lexists(path):
        return None
    if default is not None and os.path.realpath(str(default)) == os.path.realpath(path):
        return None
    return path


def find(root: Path, name: str) -> Template:
    default = defaults().get(name)
    return Template(name, default, _own(root, name, default))


def every_template(root: Path) -> list[Template]:
    """Every default, and every file of the project's templates/, by name."""
    names = set(defaults())
    folder = root / FOLDER
    if folder.is_dir():
        names |= {name for name, _ in walk(folder)}
    return [find(root, name) for name in sorted(names)]


def copy_defaults(root: Path, names: Iterable[str], force: bool = False) -> list[Path]:
    """Copy the defaults `names` into the project to customise them; all or none."""
    available = defaults()
    copies = []
    for name in names:
        if name not in available:
            raise UsageProblem(f"no default template named {name!r}; bocompile templates list shows them")
        target = root / FOLDER / name
        if target.is_file() and _own(root, name, available[name]) is None:
            raise UsageProblem(f"{FOLDER}/{name} is the default itself (bocompile's own checkout)")
        if target.exists() and not force:
            raise UsageProblem(f"{FOLDER}/{name} exists already; pass --force to replace it with the default")
        copies.append((available[name], target))
    for default, target in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(default.read_bytes())
    return [target for _, target in copies]
