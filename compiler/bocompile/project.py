"""The project on disk: where sources are, and the only door to read them.

All file access goes through `Project` so that nothing outside the project
directory is ever read (a symbolic link leading out is refused), only
regular files of a bounded size are opened (never a pipe or a device), and
unreadable files become diagnostics, not tracebacks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from bocompile.diagnostics import Diagnostic, Loc, SourceError, UsageProblem
from bocompile.files import Refused, kind_of, read_regular, resolved
from bocompile.sourcetext import TextFaults, decode

CONFIG = "sources/agreement.toml"
#: the largest Markdown, TOML or CSV file read (docs/format.md, "Limits")
SOURCE_LIMIT = 10 * 2**20
#: the largest image or reference.docx read
BINARY_LIMIT = 50 * 2**20


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def open(cls, directory: str | Path) -> Project:
        if not os.path.isdir(directory):
            raise UsageProblem(
                f"project directory {str(directory)!r} "
                f"{'is not a directory' if os.path.exists(directory) else 'does not exist'}"
            )
        project = cls(Path(directory).resolve())
        if project.kind(project.root / CONFIG) is None:
            raise SourceError(
                [
                    Diagnostic(
                        Loc(str(project.root), 0),
                        f"not a bocompile project: {CONFIG} not found; "
                        "run bocompile in the project directory or pass -C DIR",
                    )
                ]
            )
        return project

    def rel(self, path: Path) -> str:
        """Project-relative name used in diagnostics."""
        return path.relative_to(self.root).as_posix()

    def inside(self, relative: str, loc: Loc) -> Path:
        """The project path `relative` names, refusing one that leaves the
        project by its name ("../"); where a link leads, the read checks."""
        path = Path(os.path.normpath(self.root / relative))
        if not path.is_relative_to(self.root):
            raise SourceError(
                [
                    Diagnostic(
                        loc, f"path {relative!r} leaves the project directory; sources may only use files inside it"
                    )
                ]
            )
        return path

    def kind(self, path: Path) -> str | None:
        """ "a file", "a directory", ... or None when nothing is there; an entry
        that cannot be looked at (a name too long, a loop of links) is "an
        unreadable entry", and the read that follows says why."""
        try:
            return kind_of(os.stat(path).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError):
            return "an unreadable entry"

    def files(self, folder: Path, suffix: str, loc: Loc) -> list[Path]:
        """The source files named *`suffix` in `folder`, sorted; hidden and
        editor files (`.x`, `#x#`, `x~`) are not sources and are ignored."""
        real = self._within(folder, loc)
        try:
            names = os.listdir(real)
        except OSError as error:
            raise SourceError([Diagnostic(loc, f"cannot list {self.rel(folder)}: {error.strerror}")]) from None
        return sorted(
            folder / name
            for name in names
            if name.endswith(suffix) and not name.startswith((".", "#")) and not name.endswith("~")
        )

    def read_bytes(self, path: Path, limit: int = BINARY_LIMIT, loc: Loc | None = None) -> bytes:
        """The bytes of a file of the project: a regular file inside it, of
        at most `limit` bytes; anything else is a diagnostic at `loc`."""
        where = loc or Loc(self.rel(path), 0)
        name = self.rel(path) if path.is_relative_to(self.root) else str(path)
        real = self._within(path, where)
        try:
            return read_regular(real, limit)
        except Refused as refusal:
            message = f"{name} {refusal}"
        except FileNotFoundError:
            message = f"file {name} does not exist"
        except PermissionError:
            message = f"cannot read {name}: permission denied; fix the file's permissions"
        except OSError as exc:
            message = f"cannot read {name}: {exc.strerror}"
        raise SourceError([Diagnostic(where, message)])

    def read_text(self, path: Path, loc: Loc | None = None) -> str:
        """Read a UTF-8 source; failures name the file (and line) and what to do."""
        return self._decoded(self.read_bytes(path, SOURCE_LIMIT, loc), self.rel(path))

    def read_template(self, file: Traversable, limit: int = BINARY_LIMIT) -> bytes:
        """A template (template_files): the project's own file through this
        door, a default shipped inside bocompile as it is."""
        if isinstance(file, Path) and file.is_relative_to(self.root):
            return self.read_bytes(file, limit)
        return file.read_bytes()

    def template_text(self, file: Traversable) -> str:
        """A text template, read and decoded as a source is."""
        name = self.rel(file) if isinstance(file, Path) and file.is_relative_to(self.root) else str(file)
        return self._decoded(self.read_template(file, SOURCE_LIMIT), name)

    def _decoded(self, data: bytes, name: str) -> str:
        try:
            return decode(data)
        except TextFaults as faults:
            raise SourceError([Diagnostic(Loc(name, f.line, f.column), f.message) for f in faults.faults]) from None

    def language_dir(self, lang: str) -> Path:
        return self.root / "sources" / lang

    def _within(self, path: Path, loc: Loc) -> Path:
        """`path` with symbolic links resolved, if that stays in the project."""
        real = self._resolve(path, loc)
        if not real.is_relative_to(self.root):
            name = self.rel(path) if path.is_relative_to(self.root) else str(path)
            raise SourceError(
                [
                    Diagnostic(
                        loc,
                        f"{name} is a symbolic link to {real}, outside the "
                        "project; copy the file into the project instead",
                    )
                ]
            )
        return real

    def _resolve(self, path: Path, loc: Loc) -> Path:
        try:
            return resolved(path)
        except (OSError, RuntimeError):  # a loop of symbolic links
            name = self.rel(path) if path.is_relative_to(self.root) else str(path)
            raise SourceError(
                [Diagnostic(loc, f"{name} cannot be followed: a loop of symbolic links; replace the link by the file")]
            ) from None
