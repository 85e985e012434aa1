"""HTML writer: a self-contained preview per language and side by side.

`write_html(edition, langs)` returns {"nl.html": ..., "fr.html": ...} for
the languages asked, plus "nl-fr.html" (every configured language, one
column each, a block's versions on one row) when all are asked. The markup
and the style are Jinja2 templates in templates/html (sandboxed,
autoescaped); the CSS is inlined and images are embedded, so a file opens
anywhere with no network and no script.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from bocompile.compose.edition import Edition
from bocompile.model import walk_divisions
from bocompile.write.html.page import Page
from bocompile.write.html.templates import render


def write_html(edition: Edition, langs: tuple[str, ...]) -> dict[str, bytes]:
    return {name: write() for name, write in html_files(edition, langs).items()}


def html_files(edition: Edition, langs: tuple[str, ...]) -> dict[str, Callable[[], bytes]]:
    """File name -> the function that writes it: a build writes each file apart."""
    files: dict[str, Callable[[], bytes]] = {
        f"{lang}.html": partial(_page, edition, "document.html", page=Page(edition, lang)) for lang in langs
    }
    configured = edition.config.languages
    if len(configured) > 1 and set(configured) <= set(langs):
        pages = [Page(edition, lang) for lang in configured]
        files["-".join(configured) + ".html"] = partial(_page, edition, "parallel.html", pages=pages)
    return files


def _page(edition: Edition, template: str, **pages) -> bytes:
    divisions = list(walk_divisions(edition.agreement.parts))
    return render(edition.project, template, edition=edition, divisions=divisions, **pages)
