"""A fault is reported where it is: the line (and column) of the offending
character or token, not the first line of its paragraph or file."""

from __future__ import annotations

import json

import pytest

from hostile import bocompile, line_of, put, refused, replace_in, third_line_of_a_paragraph

LANGS = ("nl", "fr")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2067", "\u2028"])
def test_an_invisible_character_in_a_paragraph_is_reported_at_its_line_and_column(built, char):
    path = built / "sources/nl/verbintenissen.md"
    line, text = third_line_of_a_paragraph(path)
    column = text.index(" ", 10) + 1
    put(path, line, column, char)
    found = refused(built)
    assert len(found) == 1 and found[0].startswith(f"sources/nl/verbintenissen.md:{line}:{column}: error: "), found
    assert f"U+{ord(char):04X}" in found[0]


@pytest.mark.parametrize(
    "rel, marker",
    [("sources/data/budget-fod.csv", "personeelskosten,"), ("sources/fr/amendments/wijziging-2.md", "::: set-cell")],
)
def test_an_invisible_character_in_a_table_or_an_amendment(built, rel, marker):
    path = built / rel
    line = line_of(path, marker)
    put(path, line, len(marker) + 1, "\u202d")
    assert refused(built) == [
        f"{rel}:{line}:{len(marker) + 1}: error: bidirectional control character U+202D "
        "(LEFT-TO-RIGHT OVERRIDE) can make the text read differently from what it says; "
        "remove it"
    ]


def test_invalid_utf8_is_reported_at_its_line_with_its_offset(built):
    path = built / "sources/data/budget-fod.csv"
    data = path.read_bytes()
    offset = data.index(b"personeelskosten,") + len(b"personeelskosten,")
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    line = data[:offset].count(b"\n") + 1
    column = offset - data.rfind(b"\n", 0, offset)
    assert refused(built) == [
        f"sources/data/budget-fod.csv:{line}:{column}: error: not UTF-8: byte 0xFF (offset "
        f"{offset} in the file) cannot be decoded; save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    "token, message",
    [
        ("[^nergens]", "footnote [^nergens] is used but not defined; add '[^label]: text'"),
        ("<span>", "raw HTML is not part of the source format (see docs/format.md)"),
        ("`code`", "inline code is not part of the source format (see docs/format.md)"),
        (
            "[[Geen Sleutel]]",
            "[[Geen Sleutel]] is not a key; a reference is written [[key]] with the key of a part, section or article",
        ),
        ("[[nergens", "a reference '[[' is not closed: write [[key]] on one line"),
    ],
)
def test_a_fault_inside_a_paragraph_is_reported_at_its_own_line_and_column(built, token, message):
    places = {}
    for lang in LANGS:  # the same fault in both languages: parity has nothing to add
        path = built / f"sources/{lang}/verbintenissen.md"
        line, text = third_line_of_a_paragraph(path)
        column = text.index(" ", 10) + 1
        put(path, line, column, " " + token)
        places[lang] = line, column + 1
    found = refused(built)
    for lang, (line, column) in places.items():
        assert f"sources/{lang}/verbintenissen.md:{line}:{column}: error: {message}" in found


def test_json_diagnostics_carry_the_column(built):
    path = built / "sources/nl/verbintenissen.md"
    line, text = third_line_of_a_paragraph(path)
    put(path, line, 5, "\x00")
    result = bocompile("check", "--json", "-C", str(built))
    assert result.returncode == 1
    [diagnostic] = json.loads(result.stdout)
    assert (diagnostic["path"], diagnostic["line"], diagnostic["column"]) == ("sources/nl/verbintenissen.md", line, 5)


@pytest.mark.parametrize("value", ["1e999999", "NaN", "Infinity", "4 435", "4.435.5", "0x10", "1_000"])
def test_a_figure_must_be_written_as_docs_format_md_says(built, value):
    path = built / "sources/data/budget-fod.csv"
    replace_in(path, "personeelskosten,8921,", f"personeelskosten,{value},")
    assert (
        f"sources/data/budget-fod.csv:{line_of(path, 'personeelskosten,')}: error: {value!r} is not a number; "
        "write figures without grouping, with a dot for decimals (4435, 106.22)" in refused(built)
    )


def test_a_figure_set_by_an_amendment_must_be_a_figure(built):
    for lang in LANGS:
        replace_in(built / f"sources/{lang}/amendments/wijziging-2.md", "2020 = 5220", "2020 = 1e999999")
    line = line_of(built / "sources/nl/amendments/wijziging-2.md", "1e999999")
    assert (
        f"sources/nl/amendments/wijziging-2.md:{line}: error: '1e999999' is not a number; write it without "
        "grouping" in refused(built)
    )


def test_a_csv_field_past_the_size_limit(built):
    path = built / "sources/data/budget-fod.csv"
    replace_in(path, "personeelskosten,8921,", 'personeelskosten,"' + "9" * 200_000 + '",')
    assert (
        f"sources/data/budget-fod.csv:{line_of(path, 'personeelskosten,')}: error: not a CSV table: field "
        "larger than field limit (131072); write one row per line, fields separated by commas" in refused(built)
    )


def test_a_data_table_name_that_differs_only_in_case(built):
    (built / "sources/data/Budget-fod.csv").write_bytes((built / "sources/data/budget-fod.csv").read_bytes())
    assert (
        "sources/data/Budget-fod.csv:1: error: data table name 'Budget-fod' must be lower-case letters, "
        "digits and hyphens" in refused(built)
    )


def test_an_image_name_too_long_for_the_file_system(built):
    name = "images/" + "a" * 300 + ".png"
    (built / "sources/images").mkdir()
    lines = {}
    for lang in LANGS:
        path = built / f"sources/{lang}/doelstellingen.md"
        lines[lang] = line_of(path, "]()")
        replace_in(path, "]()", f"]({name})")
    found = refused(built)
    for lang in LANGS:
        assert (
            f"sources/{lang}/doelstellingen.md:{lines[lang]}: error: cannot read sources/{name}: File name "
            "too long" in found
        )
