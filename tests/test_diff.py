"""The diff stage: what changed between two states, as data (no writer)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bocompile.compose.inputs import history_of
from bocompile.diagnostics import Loc, UsageProblem
from bocompile.diff import compare, each
from bocompile.diff.blocks import align
from bocompile.diff.changes import DELETED, INSERTED, Added, Changed, Kept, Removed, Tracked
from bocompile.diff.points import span
from bocompile.diff.views import NEW, OLD, merged, only, side
from bocompile.diff.words import merge, tokens
from bocompile.model import DataTable, Emphasis, Footnote, Heading, Link, Paragraph, Reference, Strong, Text

L = Loc("sources/nl/x.md", 1)
WORDS = ["de", "minister", "overleg", "budget", ",", " ", "  ", "plan"]


def accepted(inlines) -> tuple:
    """What merged words say once every change is accepted: the new text."""
    return _without(only(inlines, INSERTED))


def rejected(inlines) -> tuple:
    return _without(only(inlines, DELETED))


def _without(inlines) -> tuple:
    out = []
    for item in inlines:
        out += list(item.children) if isinstance(item, Tracked) else [item]
    return tuple(out)


def keys(inlines) -> list:
    """The text as a reader sees it: each character with its formatting, and
    the references and notes."""
    return [(t.path, char) for t in tokens(inlines) for char in (t.node.value if isinstance(t.node, Text) else [t.key])]


def tracked(inlines) -> list[tuple[str, str]]:
    return [
        (item.change, "".join(t.node.value for t in tokens(item.children) if isinstance(t.node, Text)))
        for item in inlines
        if isinstance(item, Tracked)
    ]


# -- words ---------------------------------------------------------------------


def test_a_replaced_word_is_deleted_then_inserted_and_the_rest_kept():
    merged_ = merge(
        (Text("zal de minister een overleg organiseren met"),),
        (Text("organiseert de minister minstens tweemaal per jaar een overleg met"),),
    )
    assert tracked(merged_) == [
        (DELETED, "zal"),
        (INSERTED, "organiseert"),
        (INSERTED, "minstens tweemaal per jaar "),
        (DELETED, "organiseren "),
    ]


def test_an_equality_much_shorter_than_the_changes_around_it_is_absorbed():
    assert tracked(merge((Text("alpha gamma delta"),), (Text("one two delta"),))) == [
        (DELETED, "alpha gamma"),
        (INSERTED, "one two"),
    ]
    assert tracked(merge((Text("alpha beta gamma delta"),), (Text("one beta two delta"),))) == [
        (DELETED, "alpha"),
        (INSERTED, "one"),
        (DELETED, "gamma"),
        (INSERTED, "two"),
    ]


def test_formatting_references_and_notes_stay_intact():
    note = Footnote(((Text("Een voetnoot."),),), L)
    old = (Text("zie "), Emphasis((Text("artikel"),)), Text(" "), Reference("opvolging", L), note, Text(" nu"))
    new = (
        Text("lees "),
        Emphasis((Text("artikel"),)),
        Text(" "),
        Reference("opvolging", Loc("other.md", 9)),
        note,
        Text(" straks"),
    )
    result = merge(old, new)
    assert Emphasis((Text("artikel"),)) in result and note in result
    assert any(isinstance(i, Reference) and i.key == "opvolging" for i in result)
    assert tracked(result) == [(DELETED, "zie"), (INSERTED, "lees"), (DELETED, "nu"), (INSERTED, "straks")]


def test_emphasis_added_to_a_word_is_a_change():
    result = merge((Text("een belangrijk punt"),), (Text("een "), Strong((Text("belangrijk"),)), Text(" punt")))
    assert tracked(result) == [(DELETED, "belangrijk"), (INSERTED, "belangrijk")]
    assert Tracked(INSERTED, (Strong((Text("belangrijk"),)),)) in result


inline_texts = st.lists(
    st.one_of(
        st.lists(st.sampled_from(WORDS), max_size=5).map(lambda w: Text("".join(w))),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda w: Emphasis((Text("".join(w)),))),
        st.sampled_from(WORDS).map(lambda w: Link("https://example.org", (Text(w),))),
        st.sampled_from(["opvolging", "middelen"]).map(lambda key: Reference(key, L)),
    ),
    max_size=6,
).map(lambda items: tuple(i for i in items if not (isinstance(i, Text) and not i.value)))


@settings(max_examples=300, deadline=None)
@given(inline_texts, inline_texts)
def test_accepting_merged_words_gives_the_new_text_and_rejecting_them_the_old(old, new):
    result = merge(old, new)
    assert keys(accepted(result)) == keys(new)
    assert keys(rejected(result)) == keys(old)


# -- provisions ----------------------------------------------------------------


@pytest.fixture(scope="module")
def history(compiled):
    return history_of(compiled)


def changes_of(history, number: int):
    step = history.steps[number - 1]
    return {c.key: c for c in each(compare(step.before, step.after))}


def test_amendment_2_changes_exactly_articles_7_1_with_its_paragraphs_9_10_and_29(history):
    changes = changes_of(history, 2)
    assert sorted(key for key, c in changes.items() if c.changed) == [
        "crisiscommunicatie-middelen",
        "crisiscommunicatie-opdracht",
        "dienstverlening-regeringsleden",
        "middelen",
        "opvolging",
        "periodiek-overleg",
    ]
    assert changes["dienstverlening-regeringsleden"].heading == "added"
    assert all(
        c.heading == "added" and all(isinstance(d, Added) for d in c.blocks)
        for c in each(changes["dienstverlening-regeringsleden"].children)
    )
    words = [d for d in changes["opvolging"].blocks if isinstance(d, Changed)]
    assert [tracked(d.words["text"]["nl"]) for d in words] == [[(INSERTED, "en aan de hand van meetbare indicatoren ")]]


def test_a_set_cell_is_one_data_table_with_other_figures(history):
    (table,) = [d for d in changes_of(history, 2)["middelen"].blocks if not isinstance(d, Kept)]
    assert isinstance(table, Changed) and isinstance(table.new, DataTable)
    figures = {
        (row.new.key, column): (old, new)
        for row in table.children["rows"]
        if isinstance(row, Changed)
        for column, old, new in zip(table.new.columns, row.old.values, row.new.values, strict=True)
        if old != new
    }
    assert {key: (str(old), str(new)) for key, (old, new) in figures.items()} == {
        ("externe-communicatie", "2020"): ("3720", "5220"),
        ("externe-communicatie", "2021"): ("3720", "5220"),
        ("total", "2020"): ("108168", "109668"),
        ("total", "2021"): ("109201", "110701"),
    }


def test_a_repealed_article_keeps_its_place_its_heading_reworded_and_its_text_removed(history):
    changes = changes_of(history, 3)
    repealed = changes["herinvestering"]
    assert repealed.heading == "replaced" and repealed.new.repealed
    assert repealed.blocks and all(isinstance(d, Removed) for d in repealed.blocks)
    assert [d for d in changes["rapportering"].blocks if not isinstance(d, Kept)] == [
        Added(changes["rapportering"].new.blocks[-1])
    ]


def test_the_two_sides_of_a_changed_paragraph_are_the_old_and_the_new_one(history):
    changes = changes_of(history, 2)
    (delta,) = [d for d in changes["periodiek-overleg"].blocks if isinstance(d, Changed)]
    for which, node in ((OLD, delta.old), (NEW, delta.new)):
        (shown,) = side(delta, which)
        assert keys(_without(shown.text["nl"])) == keys(node.text["nl"])
    (both,) = merged(delta)
    assert keys(accepted(both.text["fr"])) == keys(delta.new.text["fr"])


def test_a_paragraph_that_becomes_a_sub_heading_is_a_restyled_change():
    old = Paragraph({"nl": (Text("Opvolging en evaluatie"),)}, {"nl": L})
    new = Heading(1, {"nl": (Text("Opvolging"),)}, {"nl": L})
    (delta,) = align((old,), (new,))
    assert isinstance(delta, Changed) and delta.restyled


# -- FROM and TO -----------------------------------------------------------------

SIGNED = dt.date(2019, 2, 28)


@pytest.mark.parametrize(
    "start, end, names",
    [
        (None, None, ("wijziging-2", "wijziging-3")),
        ("base", None, ("base", "wijziging-3")),
        (None, "wijziging-2", ("wijziging-1", "wijziging-2")),
        (None, "base", ("base", "base")),
        ("2019-06-01", "2020-12-31", ("2019-06-01", "2020-12-31")),
        ("wijziging-1", "wijziging-1", ("wijziging-1", "wijziging-1")),
    ],
)
def test_points_name_the_texts_compared(history, start, end, names):
    since, to = span(history, SIGNED, start, end)
    assert (since.name, to.name) == names


def test_a_date_is_the_text_in_force_that_day(history):
    since, to = span(history, SIGNED, "2020-10-31", "2020-11-01")
    assert (since.applied, to.applied) == (1, 2)


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("wijziging-3", "wijziging-1", "--from wijziging-3 comes after --to wijziging-1"),
        ("2020-12-31", "2020-06-01", "--from 2020-12-31 comes after --to 2020-06-01"),
        ("2018-12-31", None, "--from 2018-12-31 is before the agreement was signed (2019-02-28)"),
        (None, "wijziging-9", "--to wijziging-9: no such amendment or date"),
        ("2020-02-30", None, "--from 2020-02-30 is not a date"),
    ],
)
def test_bad_points_are_usage_errors_naming_what_is_valid(history, start, end, message):
    with pytest.raises(UsageProblem) as caught:
        span(history, SIGNED, start, end)
    assert str(caught.value).startswith(message)
    assert "'base', or an amendment id (wijziging-1, wijziging-2, wijziging-3)" in str(caught.value)
