"""The project on disk: where sources are, and the only door to read them.

All file access goes through `Project` so that nothing outside the project
directory is ever read, and unreadable files become diagnostics, not
tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bocompile.diagnostics import Diagnostic, Loc, SourceError

CONFIG = "sources/agreement.toml"


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def open(cls, directory: str | Path) -> "Project":
        root = Path(directory).resolve()
        if not (root / CONFIG).is_file():
            raise SourceError([Diagnostic(
                Loc(str(root), 0),
                f"not a bocompile project: {CONFIG} not found; "
                "run bocompile in the project directory or pass -C DIR",
            )])
        return cls(root)

    def rel(self, path: Path) -> str:
        """Project-relative name used in diagnostics."""
        return path.relative_to(self.root).as_posix()

    def inside(self, relative: str, loc: Loc) -> Path:
        """Resolve a project-relative path, refusing anything outside."""
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root):
            raise SourceError([Diagnostic(loc, f"path {relative!r} leaves the project directory; "
                                          "sources may only use files inside it")])
        return path

    def read_text(self, path: Path, loc: Loc | None = None) -> str:
        """Read a UTF-8 source; failures name the file and what to do."""
        where = loc or Loc(self.rel(path), 0)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            message = f"file {self.rel(path)} does not exist"
        except PermissionError:
            message = f"cannot read {self.rel(path)}: permission denied; fix the file's permissions"
        except UnicodeDecodeError as exc:
            message = f"{self.rel(path)} is not UTF-8 (byte {exc.start}); save it as UTF-8"
        except OSError as exc:
            message = f"cannot read {self.rel(path)}: {exc.strerror}"
        raise SourceError([Diagnostic(where, message)])

    def language_dir(self, lang: str) -> Path:
        return self.root / "sources" / lang
