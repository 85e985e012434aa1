"""What every edition is composed from: the languages' wording and the
amendments' history (applied once, shared by all editions of a build)."""

from __future__ import annotations

from typing import Any

from bocompile.amend.history import History, history
from bocompile.compose.edition import Edition
from bocompile.language import Language, load_languages
from bocompile.load import Loaded
from bocompile.model import Agreement
from bocompile.model.memo import per_node
from bocompile.number import Numbering, number


def history_of(loaded: Loaded) -> History:
    return history(loaded.agreement, loaded.amendments, loaded.config.languages)


@per_node
def languages_of(loaded: Loaded) -> dict[str, Language]:
    """The wording of each language, read once for all the editions of a
    loaded project (and the templates it rendered remembered)."""
    return load_languages(loaded.project, loaded.config.languages)


def running_headers(langs: dict[str, Language], title: dict[str, str]) -> dict[str, str]:
    """The running header of a signed text (the agreement, an instrument): page.header with its title."""
    return {lang: langs[lang].render("page.header", title=title[lang]) for lang in langs}


def edition_of(
    loaded: Loaded,
    agreement: Agreement,
    *,
    numbering: Numbering | None = None,
    title: dict[str, str] | None = None,
    header: dict[str, str] | None = None,
    **fields: Any,
) -> Edition:
    """An Edition of `agreement` in the loaded project. Every edition takes
    the project's config, languages and project alike, so they are filled here
    once; unless given, the numbers are `agreement`'s own, the title is the
    agreement's and the header is a signed text's running header under that
    title. `fields`: the rest of Edition's fields (name, kind, date, ...)."""
    config, langs = loaded.config, languages_of(loaded)
    title = config.title if title is None else title
    return Edition(
        config=config,
        agreement=agreement,
        numbering=number(agreement, config.numbering) if numbering is None else numbering,
        languages=langs,
        project=loaded.project,
        title=title,
        header=running_headers(langs, title) if header is None else header,
        **fields,
    )
