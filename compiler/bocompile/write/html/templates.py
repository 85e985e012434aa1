"""The templates of html/, in a sandbox with autoescaping.

A project's own templates/html/<file> overrides bocompile's default of the
same name, file by file (template_files.py). The legal service may restyle
them; a broken template is their fault to fix, so every failure names the
template (and its line when Jinja knows it) instead of raising a Python error.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import traceback
from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from bocompile.diagnostics import Diagnostic, Loc, SourceError
from bocompile.project import Project
from bocompile.template_files import shown

FOLDER = "templates/html"


def _folders(root: Path) -> tuple[Path, ...]:
    """Where templates are looked up: the project's own first, then the defaults."""
    return tuple(folder for folder in (root / FOLDER, _default()) if folder.is_dir())


class _ThroughProject(BaseLoader):
    """A template of html/: the project's own, read through the project's door
    (no link out, no pipe), else bocompile's default."""

    def __init__(self, project: Project):
        self.project = project

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        parts = split_template_path(template)  # refuses "..": a template names a file of html/
        own = self.project.root.joinpath(FOLDER, *parts)
        file = own if os.path.lexists(own) else _default().joinpath(*parts)
        if file is not own and not file.is_file():
            raise TemplateNotFound(template)
        changed = _stamp(file)  # before reading: an edit in between is seen next time
        source = self.project.template_text(file)
        return source, str(file), lambda: _stamp(file) == changed  # `bocompile watch` sees an edit


def _stamp(file: Path) -> int | None:
    try:
        return os.stat(file).st_mtime_ns
    except OSError:
        return None


def _default() -> Path:
    return Path(str(importlib.resources.files("bocompile.templates") / "html"))


@functools.lru_cache(maxsize=8)
def _environment(project: Project) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=_ThroughProject(project),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(project: Project, name: str, **values) -> bytes:
    """Template `name` of html/ (the project's, else the default), rendered as UTF-8."""
    root = project.root
    environment = _environment(project)
    try:
        return environment.get_template(name).render(**values).encode("utf-8")
    except SourceError:
        raise
    except TemplateSyntaxError as exc:
        where = Loc(shown(Path(exc.filename), root) if exc.filename else f"{FOLDER}/{name}", exc.lineno or 0)
        raise SourceError([Diagnostic(where, f"template error: {exc.message}")]) from None
    except TemplateError as exc:
        raise SourceError([Diagnostic(_where(exc, root, name), f"template error: {exc}")]) from None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a template asked for what is not there
        raise SourceError([Diagnostic(_where(exc, root, name), f"template cannot be rendered: {exc}")]) from None


def _where(exc: Exception, root: Path, name: str) -> Loc:
    """The template line that failed: Jinja gives template frames their file and line."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename).resolve()
        for folder in _folders(root):
            if path.is_relative_to(folder.resolve()):
                return Loc(shown(path, root), frame.lineno or 0)
    return Loc(f"{FOLDER}/{name}", 0)
