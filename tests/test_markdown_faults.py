"""Markdown that parses but is wrong, or that markdown-it would silently cut
short, is an error at the line of the fault, never an "ok" with text missing.
Faults are made in both languages alike, so that parity has nothing to say
and the error shown is the rule's own."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from bocompile.diagnostics import Report
from bocompile.number import LATIN, format_number
from bocompile.read.amendment import AmendmentReader
from hostile import REPO, bocompile, line_of, refused, replace_in

LANGS = ("nl", "fr")
T = TypeVar("T")


def division_text(path, key: str) -> str:
    """The Markdown of division `key`: its heading up to the next heading of
    a division (#, ## or ###)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(next(line for line in text.splitlines(keepends=True) if f"{{#{key}}}" in line))
    end = re.compile(r"^#{1,3} ", re.M).search(text, start + 1)
    return text[start : end.start() if end else len(text)]


def in_both(project: Path, name: str, change: Callable[[Path], T]) -> dict[str, T]:
    """Apply `change(path)` to sources/<lang>/<name> in every language;
    returns what it returns (a line, say) per language."""
    return {lang: change(project / f"sources/{lang}/{name}") for lang in LANGS}


def test_a_part_file_emptied_in_both_languages(built):
    in_both(built, "transversaal.md", lambda path: path.write_text("\n  \n", encoding="utf-8"))
    found = refused(built)
    for lang in LANGS:
        assert (
            f"sources/{lang}/transversaal.md:1: error: the file is empty; write its part ('# Title "
            "{#key}' and its text) or remove it from files in agreement.toml" in found
        )


def test_an_article_copied_under_a_new_key_into_another_file(built):
    def paste(path):
        copy = division_text(path.with_name("definities.md"), "draagwijdte").replace("{#draagwijdte}", "{#kopie}")
        path.write_text(path.read_text(encoding="utf-8") + "\n" + copy, encoding="utf-8")
        return line_of(path, "{#kopie}")

    lines = in_both(built, "transversaal.md", paste)
    found = refused(built)
    for lang in LANGS:
        first = line_of(built / f"sources/{lang}/definities.md", "{#draagwijdte}")
        assert (
            f"sources/{lang}/transversaal.md:{lines[lang]}: error: article 'kopie' repeats article "
            f"'draagwijdte' (sources/{lang}/definities.md:{first}) word for word; remove one of them or "
            "make them differ" in found
        )


def test_a_part_file_copied_whole_is_reported_once_at_its_part(built):
    config = built / "sources/agreement.toml"
    replace_in(config, '"transversaal.md"]', '"transversaal.md", "kopie.md"]')
    for lang in LANGS:
        text = (built / f"sources/{lang}/definities.md").read_text(encoding="utf-8")
        (built / f"sources/{lang}/kopie.md").write_text(
            re.sub(r"\{#([a-z0-9-]+)\}", r"{#\1-bis}", text), encoding="utf-8"
        )
    found = refused(built)
    assert sorted(e for e in found if "repeats" in e) == [
        f"sources/{lang}/kopie.md:1: error: part 'definities-bis' repeats part 'definities' "
        f"(sources/{lang}/definities.md:1) word for word; remove one of them or make them differ"
        for lang in sorted(LANGS)
    ]


def test_an_article_with_a_heading_and_no_body(built):
    def empty(path):
        replace_in(path, "### ", "### Leeg {#leeg}\n\n### ")
        return line_of(path, "{#leeg}")

    lines = in_both(built, "verbintenissen.md", empty)
    found = refused(built)
    for lang in LANGS:
        assert (
            f"sources/{lang}/verbintenissen.md:{lines[lang]}: error: article 'leeg' has a heading but "
            "no text; write its text below the heading or remove it" in found
        )


def test_a_footnote_label_defined_twice_in_one_file(built):
    def twice(path):
        text = path.read_text(encoding="utf-8")
        label = re.search(r"^\[\^([^\]]+)\]:", text, re.M).group(1)
        path.write_text(text + f"\n[^{label}]: Een tweede uitleg.\n", encoding="utf-8")
        return label, len(text.splitlines()) + 2, line_of(path, f"[^{label}]:")

    places = in_both(built, "doelstellingen.md", twice)
    found = refused(built)
    for lang in LANGS:
        label, second, first = places[lang]
        assert (
            f"sources/{lang}/doelstellingen.md:{second}: error: footnote [^{label}] is defined twice (first "
            f"at line {first}); only one definition may stand: rename or remove one" in found
        )


def unclose(path, which: int) -> tuple[int, str]:
    """Remove the closing line of the `which`-th ::: block of `path` (-1:
    the last); returns the block's opening line number and text."""
    lines = path.read_text(encoding="utf-8").split("\n")
    openings = [n for n, line in enumerate(lines) if re.match(r"::: \S", line)]
    opening = openings[which]
    closing = next(n for n in range(opening + 1, len(lines)) if lines[n] == ":::")
    path.write_text("\n".join(lines[:closing] + lines[closing + 1 :]), encoding="utf-8")
    return opening + 1, lines[opening]


def test_the_last_block_never_closed_runs_to_the_end_of_the_file(built):
    places = in_both(built, "doelstellingen.md", lambda path: unclose(path, -1))
    found = refused(built)
    for lang in LANGS:
        line, opening = places[lang]
        assert (
            f"sources/{lang}/doelstellingen.md:{line}: error: '{opening}' is never closed: end it with a "
            "line ':::'; without it the block takes in everything up to the end of the file or list item" in found
        )


@pytest.mark.parametrize("name", ["doelstellingen.md", "amendments/wijziging-3.md"])
def test_a_block_left_open_takes_the_closing_line_of_the_next(built, name):
    places = in_both(built, name, lambda path: unclose(path, 0))
    found = refused(built)
    for lang in LANGS:
        line, opening = places[lang]
        lines = (built / f"sources/{lang}/{name}").read_text(encoding="utf-8").split("\n")
        following = next(n for n in range(line, len(lines)) if re.match(r"::: \S", lines[n]))
        assert (
            f"sources/{lang}/{name}:{line}: error: '{opening}' is not closed before '{lines[following]}' "
            f"opens at line {following + 1}: end it with a line ':::' (a ::: block that holds another is "
            "opened and closed with more colons: '::::')" in found
        )


def test_a_block_may_hold_another_inside_more_colons():
    report = Report()
    text = (
        "::::: insert nieuw after oud\n### Nieuw {#nieuw}\n\n::: table\n- - a\n  - b\n:::\n:::::\n\n"
        "::: repeal oud\n:::\n"
    )
    operations = AmendmentReader("x.md", "nl", {}, report).operations(text)
    assert report.diagnostics == [] and len(operations) == 2


# -- nesting: never lose what follows ---------------------------------------------------


def nested_list(depth: int) -> str:
    return "".join("  " * level + f"- niveau {level + 1}\n" for level in range(depth))


def before_second_article(project, text: str) -> dict[str, tuple[int, str]]:
    """Insert `text` before the second article of definities.md in every
    language; returns its first line and that article's title per language."""

    def insert(path):
        lines = path.read_text(encoding="utf-8").split("\n")
        second = [n for n, line in enumerate(lines) if line.startswith("### ")][1]
        path.write_text("\n".join(lines[:second] + text.split("\n") + lines[second:]), encoding="utf-8")
        return second + 1, re.sub(r"^### | \{#.*$", "", lines[second])

    return in_both(project, "definities.md", insert)


@pytest.mark.parametrize("depth", [10, 40, 120])
def test_a_list_nested_too_deep_is_an_error_not_a_loss(built, depth):
    places = before_second_article(built, nested_list(depth))
    for command in ((), ("check",)):
        found = refused(built, *command)
        for lang in LANGS:
            assert (
                f"sources/{lang}/definities.md:{places[lang][0] + 9}: error: lists nest at most 9 levels "
                "deep (a table cell counts as a level), as Word numbers them; flatten this list" in found
            )


def test_nine_levels_are_written_whole_and_nothing_after_them_is_lost(built):
    places = before_second_article(built, nested_list(9))
    result = bocompile("-C", str(built))
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        following = places[lang][1]
        with zipfile.ZipFile(built / f"output/base/{lang}.docx") as document:
            body = document.read("word/document.xml").decode()
        assert "niveau 9" in body and following in body
        assert len(re.findall(r'<w:ilvl w:val="8"/>', body)) == 1
        akn = (built / f"output/base/{lang}.akn.xml").read_text(encoding="utf-8")
        assert "niveau 9" in akn and following in akn


def test_blocks_nested_past_the_parser_limit_are_an_error(built):
    places = before_second_article(built, ">" * 80 + " diep\n")
    found = refused(built)
    for lang in LANGS:
        assert (
            f"sources/{lang}/definities.md:{places[lang][0]}: error: blocks (lists, quotes, tables) nest "
            "more than 50 levels deep here; the rest of the file cannot be read: flatten them" in found
        )


# -- Latin numbers ------------------------------------------------------------------------


def test_latin_numbers_follow_the_sequence_docs_format_md_states():
    text = (REPO / "docs/format.md").read_text(encoding="utf-8")
    start = text.index("`7bis`, `7ter`")
    documented = re.findall(r"`7([a-z]+)`", text[start : text.index(" ...", start)])
    assert len(documented) >= 20
    assert [format_number((7, n), "latin") for n in range(1, len(documented) + 1)] == [
        f"7{word}" for word in documented
    ]
    assert len(set(LATIN)) == len(LATIN) == 98 and format_number((7, 99), "latin") == "7/99"


def test_insertions_past_decies_are_numbered_in_latin(built):
    replace_in(built / "sources/agreement.toml", 'numbering = "slash"', 'numbering = "latin"')
    config = (built / "sources/agreement.toml").read_text(encoding="utf-8")
    last = config[config.rindex("[[amendments]]") :]  # the newest amendment, its signatories included
    fourth = re.sub(r"number = \d+", "number = 4", last, count=1)
    fourth = re.sub(r'id = "[^"]*"', 'id = "wijziging-4"', fourth, count=1)
    fourth = re.sub(r"signed = \S+", "signed = 2021-04-01", re.sub(r"in_force = \S+", "in_force = 2021-05-01", fourth))
    (built / "sources/agreement.toml").write_text(config + "\n" + fourth, encoding="utf-8")
    for lang, word in (("nl", "Taak"), ("fr", "Tâche")):
        anchor, operations = "dienstverlening-regeringsleden", []  # 7bis, inserted by amendment 2
        for n in range(1, 12):
            operations.append(
                f"::: insert taak-{n} after {anchor}\n### {word} {n} {{#taak-{n}}}\n\n{word} nummer {n}.\n:::\n"
            )
            anchor = f"taak-{n}"
        (built / f"sources/{lang}/amendments/wijziging-4.md").write_text("\n".join(operations), encoding="utf-8")
    result = bocompile("-C", str(built), "--consolidate", "--format", "akn")
    assert result.returncode == 0, result.stderr
    akn = (built / "output/consolidated/nl.akn.xml").read_text(encoding="utf-8")
    assert re.findall(r"<num>Artikel (7\D*)</num>", akn) == [
        "7",
        "7bis",
        "7ter",
        "7quater",
        "7quinquies",
        "7sexies",
        "7septies",
        "7octies",
        "7novies",
        "7decies",
        "7undecies",
        "7duodecies",
        "7terdecies",
    ]
