"""The templates of templates/html, in a sandbox with autoescaping.

The legal service may restyle them; a broken template is their fault to
fix, so every failure names the template (and its line when Jinja knows it)
instead of raising a Python error.
"""

from __future__ import annotations

import functools
import traceback
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from bocompile.diagnostics import Diagnostic, Loc, SourceError

FOLDER = "templates/html"


@functools.lru_cache(maxsize=8)
def _environment(folder: Path) -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(str(folder)), autoescape=True,
                                undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                keep_trailing_newline=True)


def render(root: Path, name: str, **values) -> bytes:
    """Template `name` of the project's templates/html, rendered as UTF-8."""
    environment = _environment(root / FOLDER)
    try:
        return environment.get_template(name).render(**values).encode("utf-8")
    except SourceError:
        raise
    except TemplateSyntaxError as exc:
        where = Loc(f"{FOLDER}/{exc.name or name}", exc.lineno or 0)
        raise SourceError([Diagnostic(where, f"template error: {exc.message}")]) from None
    except TemplateError as exc:
        raise SourceError([Diagnostic(_where(exc, root, name), f"template error: {exc}")]) from None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a template asked for what is not there
        raise SourceError([Diagnostic(_where(exc, root, name), f"template cannot be rendered: {exc}")]) from None


def _where(exc: Exception, root: Path, name: str) -> Loc:
    """The template line that failed: Jinja gives template frames their file and line."""
    folder = (root / FOLDER).resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(folder):
            return Loc(f"{FOLDER}/{path.relative_to(folder).as_posix()}", frame.lineno or 0)
    return Loc(f"{FOLDER}/{name}", 0)
