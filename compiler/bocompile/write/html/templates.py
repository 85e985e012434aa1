"""The templates of html/, in a sandbox with autoescaping.

A project's own templates/html/<file> overrides bocompile's default of the
same name, file by file (template_files.py). The legal service may restyle
them; a broken template is their fault to fix, so every failure names the
template (and its line when Jinja knows it) instead of raising a Python error.
"""

from __future__ import annotations

import functools
import importlib.resources
import traceback
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from bocompile.diagnostics import Diagnostic, Loc, SourceError
from bocompile.template_files import shown

FOLDER = "templates/html"


def _folders(root: Path) -> tuple[Path, ...]:
    """Where templates are looked up: the project's own first, then the defaults."""
    default = Path(str(importlib.resources.files("bocompile.templates") / "html"))
    return tuple(folder for folder in (root / FOLDER, default) if folder.is_dir())


@functools.lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader([str(f) for f in folders]), autoescape=True,
                                undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                keep_trailing_newline=True)


def render(root: Path, name: str, **values) -> bytes:
    """Template `name` of html/ (the project's, else the default), rendered as UTF-8."""
    environment = _environment(_folders(root))
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
