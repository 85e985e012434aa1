"""Source diagnostics: every error a user can cause names a file and a line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True, slots=True)
class Loc:
    """A place in a source file; `path` is relative to the project root.

    `line` 0 means the whole file (binary files have no lines); `column`
    (1-based, in characters) is given where the reader knows it.
    """

    path: str
    line: int
    column: int = 0

    def __reduce__(self):  # pickled as its constructor call, as model nodes are
        return Loc, (self.path, self.line, self.column)

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.loc}: {self.severity}: {self.message}"

    def as_json(self) -> dict:
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "column": self.loc.column,
            "severity": self.severity,
            "message": self.message,
        }


class SourceError(Exception):
    """Raised when sources are wrong; carries every diagnostic found so far."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics

    def __reduce__(self):
        """Pickled with its diagnostics, as a worker process sends it back (cores.py)."""
        return SourceError, (self.diagnostics,)


class UsageProblem(Exception):
    """The command asked for something the project cannot give (exit 2)."""


@dataclass
class Report:
    """Collects diagnostics so one run reports every problem, not just the first."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Loc, message: str) -> None:
        self.diagnostics.append(Diagnostic(loc, message))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def raise_if_errors(self) -> None:
        if self.diagnostics:
            raise SourceError(sorted(set(self.diagnostics), key=_order))


def _order(d: Diagnostic) -> tuple:
    return (d.loc.path, d.loc.line, d.loc.column, d.message)
