"""What every edition is composed from: the languages' wording and the
amendments' history (applied once, shared by all editions of a build)."""

from __future__ import annotations

from bocompile.amend.history import History, history
from bocompile.language import Language, load_languages
from bocompile.load import Loaded
from bocompile.model.memo import per_node


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
