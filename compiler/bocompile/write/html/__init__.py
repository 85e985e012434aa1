"""HTML writer: a self-contained preview per language and side by side.

`write_html(edition, langs)` returns {"nl.html": ..., "fr.html": ...} for
the languages asked, plus "nl-fr.html" (every configured language, one
column each, a block's versions on one row) when all are asked. The markup
and the style are Jinja2 templates in templates/html (sandboxed,
autoescaped); the CSS is inlined and images are embedded, so a file opens
anywhere with no network and no script.
"""

from __future__ import annotations

from bocompile.compose.edition import Edition
from bocompile.model import walk_divisions
from bocompile.write.html.page import Page
from bocompile.write.html.templates import render


def write_html(edition: Edition, langs: tuple[str, ...]) -> dict[str, bytes]:
    divisions = list(walk_divisions(edition.agreement.parts))
    files = {
        f"{lang}.html": render(
            edition.project, "document.html", edition=edition, page=Page(edition, lang), divisions=divisions
        )
        for lang in langs
    }
    configured = edition.config.languages
    if len(configured) > 1 and set(configured) <= set(langs):
        files["-".join(configured) + ".html"] = render(
            edition.project,
            "parallel.html",
            edition=edition,
            pages=[Page(edition, lang) for lang in configured],
            divisions=divisions,
        )
    return files
