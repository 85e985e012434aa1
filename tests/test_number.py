"""Numbers are computed from order, and read per language from templates."""

from __future__ import annotations

from bocompile.compose.inputs import history_of
from bocompile.model import walk_divisions
from bocompile.number import format_number, number, numbered


def labels(edition, lang, kind):
    return [edition.label(d, lang) for d in walk_divisions(edition.agreement.parts) if d.kind == kind]


def test_articles_run_through_the_agreement_in_both_languages(edition):
    assert labels(edition, "nl", "article") == [f"Artikel {n}" for n in range(1, 30)]
    assert labels(edition, "fr", "article") == ["Article 1er"] + [f"Article {n}" for n in range(2, 30)]


def test_parts_and_sections(edition):
    assert labels(edition, "nl", "part") == ["Deel 1", "Deel 2", "Deel 3", "Deel 4"]
    assert labels(edition, "fr", "part") == ["Partie 1re", "Partie 2", "Partie 3", "Partie 4"]
    assert labels(edition, "fr", "section") == ["Section 1re", "Section 2", "Section 3"]
    assert edition.reference("definities", "fr") == "1re"


def test_references_render_the_number_as_read_in_each_language(edition):
    assert edition.reference("consolidatie", "nl") == "8"
    assert edition.reference("draagwijdte", "fr") == "1er"
    assert edition.reference("draagwijdte", "nl") == "1"


def test_inserted_numbers_slash_and_latin():
    assert format_number((7,)) == "7"
    assert format_number((7, 1)) == "7/1"
    assert format_number((7, 1, 1)) == "7/1/1"
    assert format_number((7, 1), "latin") == "7bis"
    assert format_number((7, 2), "latin") == "7ter"
    assert format_number((5, 9), "latin") == "5decies"
    assert format_number((5, 1, 1), "latin") == "5bis/1"


def test_dates_and_figures_follow_drafting_conventions(edition):
    import datetime as dt
    from decimal import Decimal

    assert edition.date_text(dt.date(2019, 1, 1), "fr") == "1er\u00a0janvier 2019"  # typeset: a no-break space
    assert edition.date_text(dt.date(2020, 6, 15), "nl") == "15\u00a0juni 2020"
    assert edition.date_text(dt.date(2020, 6, 15), "nl", "title") == "15\u00a0JUNI 2020"
    assert edition.figure(Decimal(206746), "fr") == "206.746"
    assert edition.figure(Decimal("106.22"), "nl") == "106,22"
    assert edition.languages["fr"].figure(Decimal(206746), "locale") == "206\u202f746"


def test_a_state_looked_up_key_by_key_numbers_as_indexing_it_whole(compiled):
    """Lookups go down one branch, then index the whole text once asked often: the same numbers either way."""
    state = history_of(compiled).at()
    whole = number(state)
    keys = [d.key for d in walk_divisions(state.parts)] * 3  # past the point where it indexes
    looked_up = numbered(state)
    assert [looked_up[k] for k in keys] == [whole[k] for k in keys]
    assert [looked_up.numbers[k] for k in keys] == [whole.numbers[k] for k in keys]
    assert dict(looked_up.numbers) == dict(whole.numbers)
    assert dict(looked_up.kinds) == dict(whole.kinds)
    assert "geen-artikel" not in looked_up.numbers
