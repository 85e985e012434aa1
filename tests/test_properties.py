"""Property-based tests of the amendment engine over random small agreements.

Agreements and operation sequences are generated at the model level, in two
languages; the properties are those a legal service relies on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, is_dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bocompile.amend.history import apply_amendment, consolidate, in_force
from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.load.merge import Merger
from bocompile.model import Agreement, Division, Paragraph, Reference, Text, query, walk_divisions
from bocompile.model.amendment import Amendment
from bocompile.model.facts import AmendmentInfo
from bocompile.number import assign
from bocompile.number.renumber import renumber
from bocompile.operations.append import Append
from bocompile.operations.insert import Insert
from bocompile.operations.repeal import Repeal
from bocompile.operations.replace import Replace
from bocompile.operations.replace_words import ReplaceWords

LANGS = ("nl", "fr")
WORDS = ("overleg", "minister", "budget", "plan", "dienst", "verslag")
L = {lang: Loc(f"sources/{lang}/x.md", 1) for lang in LANGS}


def paragraph(words: list[str], ref: str | None = None) -> Paragraph:
    tail = (Text(" zie "), Reference(ref, L["nl"])) if ref else ()
    return Paragraph({"nl": (Text(" ".join(words)),) + tail, "fr": (Text("fr " + " ".join(words)),) + tail}, L)


def article(key: str, paras) -> Division:
    return Division("article", key, {lang: (Text(f"{lang} {key}"),) for lang in LANGS}, tuple(paras), (), L)


@st.composite
def agreements(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    keys = [f"a{i}" for i in range(sum(sizes))]
    parts, index = [], 0
    for p, size in enumerate(sizes):
        arts = []
        for _ in range(size):
            paras = [
                paragraph(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
                for _ in range(draw(st.integers(1, 2)))
            ]
            arts.append(article(keys[index], paras))
            index += 1
        parts.append(Division("part", f"p{p}", {lang: (Text(f"{lang} p{p}"),) for lang in LANGS}, (), tuple(arts), L))
    return Agreement(tuple(parts))


@st.composite
def operations(draw, keys: list[str]):
    """One random operation; it may be invalid (unknown key, missing words)."""
    target = draw(st.sampled_from(keys + ["nope"]))
    kind = draw(st.sampled_from(["insert", "repeal", "words", "append", "replace"]))
    if kind == "insert":
        new = f"n{draw(st.integers(0, 10_000))}"
        ref = draw(st.sampled_from(keys + [None]))
        return Insert(
            new, draw(st.sampled_from(["after", "before"])), target, (article(new, [paragraph(["nieuw"], ref)]),), L
        )
    if kind == "repeal":
        return Repeal(target, L)
    if kind == "words":
        word = draw(st.sampled_from(WORDS))
        return ReplaceWords(
            target,
            None,
            {"nl": word, "fr": word},
            {"nl": word.upper(), "fr": word.upper()},
            {"nl": None, "fr": None},
            L,
        )
    if kind == "append":
        return Append(target, (paragraph(["extra"]),), L)
    return Replace(target, None, (article(target, [paragraph(["vervangen"])]),), L)


@st.composite
def scenarios(draw):
    agreement = draw(agreements())
    keys = [d.key for d in walk_divisions(agreement.parts) if d.kind == "article"]
    amendments = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=draw(st.integers(0, 700)))
        ops = tuple(draw(st.lists(operations(keys), min_size=1, max_size=3)))
        info = AmendmentInfo(f"w{number}", number, day, day, {lang: "x" for lang in LANGS}, L["nl"])
        amendments.append(Amendment(info, ops))
    return agreement, tuple(amendments), dt.date(2020, 1, 1) + dt.timedelta(days=draw(st.integers(0, 700)))


def only(node, lang: str):
    """The tree of one language, as the reader would have produced it."""
    if isinstance(node, tuple):
        return tuple(only(n, lang) for n in node)
    if not is_dataclass(node) or isinstance(node, (type, Text, Reference)):
        return node
    changes = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, dict):
            changes[f.name] = {lang: value[lang]}
        elif isinstance(value, tuple):
            changes[f.name] = only(value, lang)
    return replace(node, **changes)


def consolidated_or_none(agreement, amendments, as_of=None):
    try:
        return consolidate(agreement, amendments, as_of)
    except SourceError as error:  # invalid sequences: a source error, never a crash
        assert error.diagnostics and all(d.loc.line for d in error.diagnostics)
        return None


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_languages_stay_structurally_identical(scenario):
    agreement, amendments, as_of = scenario
    text = consolidated_or_none(agreement, amendments, as_of)
    if text is None:
        return
    report = Report()
    merged = Merger(LANGS, report).divisions({lang: only(text.parts, lang) for lang in LANGS}, L)
    assert report.ok, report.diagnostics
    assert merged == text.parts


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_consolidating_at_a_date_equals_applying_in_force_amendments_one_by_one(scenario):
    agreement, amendments, as_of = scenario
    text = consolidated_or_none(agreement, amendments, as_of)
    if text is None:
        return
    stepwise = assign(agreement)
    for amendment in sorted(amendments, key=lambda a: (a.info.in_force, a.info.number)):
        if amendment.info.in_force <= as_of:
            stepwise = apply_amendment(stepwise, amendment)
    assert stepwise == text
    later = [a for a in in_force(amendments) if a.info.in_force > as_of]
    whole = consolidated_or_none(agreement, amendments)
    if whole is not None:  # the text at D plus the later amendments is the latest text
        for amendment in later:
            text = apply_amendment(text, amendment)
        assert text == whole


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_renumbering_is_a_bijection_and_references_resolve(scenario):
    agreement, amendments, _ = scenario
    text = consolidated_or_none(agreement, amendments)
    if text is None:
        return
    live = [d for d in walk_divisions(text.parts) if d.kind == "article" and not d.repealed]
    renumbered = renumber(text)
    articles = [d for d in walk_divisions(renumbered.parts) if d.kind == "article"]
    assert [d.key for d in articles] == [d.key for d in live]
    assert [d.number for d in articles] == [(n,) for n in range(1, len(articles) + 1)]
    keys = {d.key for d in walk_divisions(renumbered.parts)}
    repealed = {d.key for d in walk_divisions(text.parts) if d.repealed}
    for lang in LANGS:
        for reference in query(renumbered.parts, Reference, lang):
            assert reference.key in keys or reference.key in repealed
    assert keys == {d.key for d in walk_divisions(text.parts) if not d.repealed}  # only repealed ones drop out


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_inserted_numbers_never_move_existing_ones(scenario):
    agreement, amendments, _ = scenario
    text = consolidated_or_none(agreement, amendments)
    if text is None:
        return
    before = {d.key: d.number for d in walk_divisions(assign(agreement).parts)}
    after = {d.key: d.number for d in walk_divisions(text.parts)}
    assert all(after[key] == number for key, number in before.items() if key in after)
    numbers = [d.number for d in walk_divisions(text.parts) if d.kind == "article"]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
