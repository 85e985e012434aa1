"""The reader against a fixture covering every construct of docs/format.md,
in both languages, and the reader's errors for constructs it rejects."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bocompile.diagnostics import Report
from bocompile.kept import kept
from bocompile.load import load
from bocompile.model import (
    DataTable,
    Division,
    Emphasis,
    Figure,
    Footnote,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Reference,
    Strong,
    Table,
    Text,
    walk,
    walk_divisions,
)
from bocompile.project import Project
from bocompile.read.markdown import FileReader

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini():
    return load(Project.open(MINI)).agreement


def article(agreement, key) -> Division:
    return next(d for d in walk_divisions(agreement.parts) if d.key == key)


def plain(inlines) -> str:
    """The words, a line break as a newline, references as written."""
    words = {Text: lambda n: n.value, LineBreak: lambda n: "\n", Reference: lambda n: f"[[{n.key}]]"}
    return "".join(words[type(n)](n) for n, _ in walk(inlines, prune=(Footnote,)) if type(n) in words)


def test_divisions_keys_titles_and_nesting(mini):
    part, last = mini.parts
    assert (part.kind, part.key) == ("part", "algemeen")
    assert plain(part.title["nl"]) == "Algemene bepalingen"
    assert plain(part.title["fr"]) == "Dispositions générales"
    assert plain(part.blocks[0].text["fr"]) == "Introduction de la partie."
    section = part.children[0]
    assert (section.kind, section.key) == ("section", "begrippen")
    assert [a.key for a in section.children] == ["draagwijdte", "tabellen"]
    assert [c.kind for c in last.children] == ["article", "article"]  # articles directly in a part
    assert part.loc["nl"].path == "sources/nl/een.md" and part.loc["nl"].line == 1
    assert section.children[1].loc["fr"].path == "sources/fr/een.md"


def test_inline_emphasis_break_link_and_references(mini):
    first, refs = article(mini, "draagwijdte").blocks[:2]
    for lang, word in (("nl", "benadrukte"), ("fr", "accentuée")):
        inlines = first.text[lang]
        assert Emphasis((Text(word),)) in inlines
        assert any(isinstance(i, Strong) for i in inlines)
        assert LineBreak() in inlines
        link = next(i for i in inlines if isinstance(i, Link))
        assert link.url == "https://www.belgium.be"
        assert [r.key for r in refs.text[lang] if isinstance(r, Reference)] == ["slot", "algemeen"]
    assert next(r for r in refs.text["nl"] if isinstance(r, Reference)).loc.line == 12


def test_sub_headings_and_enumerations(mini):
    blocks = article(mini, "draagwijdte").blocks
    headings = [b for b in blocks if isinstance(b, Heading)]
    assert [(h.level, plain(h.text["fr"])) for h in headings] == [(1, "Mission"), (2, "1. Efficience")]
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert [lst.style for lst in lists] == ["point", "number", "bullet"]
    points = lists[0]
    assert len(points.items) == 2
    nested = points.items[1].blocks[1]
    assert nested.style == "letter" and len(nested.items) == 2
    assert plain(nested.items[0].blocks[0].text["fr"]) == "premier sous-point ;"
    assert lists[2].items[0].blocks[1].style == "bullet"


def test_table_with_multi_paragraph_cells(mini):
    table = next(b for b in article(mini, "tabellen").blocks if isinstance(b, Table))
    assert len(table.rows) == 2 and all(len(r) == 2 for r in table.rows)
    cell = table.rows[1][1]
    assert [plain(p.text["nl"]) for p in cell.blocks] == ["Regering", "Parlement\nBurgers"]
    assert plain(table.rows[1][0].blocks[0].text["fr"]) == "1. Appui"


def test_data_table_figures_once_labels_per_language_total_computed(mini):
    data = next(b for b in article(mini, "tabellen").blocks if isinstance(b, DataTable))
    assert data.columns == ("2020", "2021")
    assert [r.key for r in data.rows] == ["werking", "personeel", "total"]
    assert data.rows[-1].is_total and data.rows[-1].values == (Decimal(1234), Decimal("2500.5"))
    assert plain(data.stub["fr"]) == "Budget"
    note = next(i for i in data.rows[0].label["nl"] if isinstance(i, Footnote))
    assert plain(note.paragraphs[0]) == "Zonder uitzonderingen."
    assert note.mark == ""  # a word label: numbered by the writers


def test_a_footnote_labelled_with_signs_keeps_them_as_its_mark(mini):
    data = next(b for b in article(mini, "tabellen").blocks if isinstance(b, DataTable))
    for lang, words in (("nl", "In voltijdse equivalenten."), ("fr", "En équivalents temps plein.")):
        note = next(i for i in data.rows[1].label[lang] if isinstance(i, Footnote))
        assert (note.mark, plain(note.paragraphs[0])) == ("*", words)


def test_figures_placeholder_and_image(mini):
    figures = [b for b in article(mini, "tabellen").blocks if isinstance(b, Figure)]
    assert [f.src for f in figures] == [{"nl": None, "fr": None}, {"nl": "images/logo.png", "fr": "images/logo.png"}]
    assert plain(figures[0].caption["fr"]) == "Organigramme (non repris)"


def read(text: str, lang: str = "nl"):
    report = Report()
    parts = FileReader("x.md", lang, {}, report).read(text)
    return parts, [str(d) for d in report.diagnostics]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("# Deel {#d}\n\n> citaat\n", "x.md:3: error: block quote is not part of the source format"),
        ("# Deel {#d}\n\n```\ncode\n```\n", "x.md:3: error: code block is not part"),
        ("# Deel {#d}\n\n<div>x</div>\n", "x.md:3: error: raw HTML is not part"),
        ("# Deel {#d}\n\n---\n", "x.md:3: error: horizontal rule is not part"),
        ("# Deel {#d}\n\n### A {#a}\n\n###### Diep\n", "x.md:5: error: heading level 6"),
        ("# Deel {#d}\n\nmet `code`\n", "x.md:3:5: error: inline code is not part"),
        ("# Deel zonder sleutel\n", "x.md:1: error: part heading has no key"),
        ("# Deel {#Fout_Key}\n", "x.md:1: error: key 'Fout_Key' must be lower-case"),
        ("# Artikel 3 Titel {#d}\n", "x.md:1: error: part heading starts with a number"),
        ("Tekst vooraf.\n\n# Deel {#d}\n", "x.md:1: error: text before the first part heading"),
        ("## Afdeling {#s}\n", "x.md:1: error: section 's' is not inside a part"),
        (
            "# D {#d}\n\n### A {#a}\n\n1) een\n\n   a) zelf genummerd\n",
            "x.md:7: error: paragraph starts with a written point number",
        ),
        ("# D {#d}\n\n### A {#a}\n\n3. drie\n", "x.md:5: error: a numbered list must start at 1"),
        ("# D {#d}\n\nZie [^x].\n", "x.md:3:5: error: footnote [^x] is used but not defined"),
        ("# D {#d}\n\nTekst.\n\n[^x]: Noot.\n", "x.md:5: error: footnote [^x] is defined but never referenced"),
        ("# D {#d}\n\nZie [[Niet Goed]].\n", "x.md:3:5: error: [[Niet Goed]] is not a key"),
        ("# D {#d}\n\n::: data onbekend\n- stub: x\n:::\n", "x.md:3: error: data table 'onbekend' has no file"),
        ("# D {#d}\n\n### A {#a}\n\n::: table\n- - a\n  - b\n- - c\n:::\n", "x.md:8: error: table row has 1 cells"),
        ("# D {#d}\n\n#### Sub\n", "x.md:3: error: a sub-heading (####) must be inside an article"),
    ],
)
def test_rejected_constructs_are_reported_with_file_and_line(source, expected):
    _, errors = read(source)
    assert any(e.startswith(expected) for e in errors), errors


def test_nothing_is_dropped_silently_from_a_clean_file():
    parts, errors = read("# D {#d}\n\n### A {#a}\n\nEen.\n\n- x\n")
    assert errors == []
    assert [type(b) for b in parts[0].children[0].blocks] == [Paragraph, ListBlock]


def test_numbered_paragraphs_are_divisions_of_their_article(mini):
    """`§ {#key}` opens a numbered paragraph; the lines after it, and the
    Markdown paragraphs that follow, are its leden."""
    evaluation = article(mini, "evaluatie")
    assert not evaluation.blocks
    assert [(p.kind, p.key) for p in evaluation.children] == [
        ("paragraph", "evaluatie-jaarlijks"),
        ("paragraph", "evaluatie-verslag"),
        ("paragraph", "evaluatie-slot"),
    ]
    first = evaluation.children[0]
    assert [plain(b.text["nl"]) for b in first.blocks] == [
        "De partijen evalueren de overeenkomst jaarlijks.",
        "Het verslag wordt bezorgd aan de voogdijminister.",
    ]
    assert plain(first.blocks[0].text["fr"]) == "Les parties évaluent le contrat chaque année."
    assert first.loc["nl"].path == "sources/nl/twee.md" and first.blocks[0].loc["nl"].line == first.loc["nl"].line + 1


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "# Deel {#d}\n\n§ {#los}\nTekst.\n",
            "paragraph 'los' is not inside an article; put it under the heading of one",
        ),
        (
            "# Deel {#d}\n\n### Artikel {#a}\n\nEen lid.\n\n§ {#p}\nTekst.\n",
            "article 'a' has text of its own before paragraph 'p'; an article has either no paragraphs or only "
            "paragraphs: put that text after a § {#key} line",
        ),
        (
            "# Deel {#d}\n\n### Artikel {#a}\n\n§ {#P 1}\nTekst.\n",
            "key 'P 1' must be lower-case letters, digits and hyphens",
        ),
    ],
)
def test_paragraph_markers_out_of_place(text, message):
    report = Report()
    FileReader("x.md", "nl", {}, report).read(text)
    assert [d.message for d in report.diagnostics] == [message]


def test_loading_again_in_one_process_reads_again_what_changed(project_copy):
    """`watch` (and the check it answers) loads the project again and again in
    one process, keeping each file's reading; a file is read again when its
    text changed, and when a data table it cites did, though its own text did not."""
    project = Project.open(project_copy)
    with kept():
        first = load(project)
        assert _budget(first) == (Decimal(4435),) * 3
        again = load(project)
        assert again.agreement.parts == first.agreement.parts

        table = project_copy / "sources/data/budget-fod.csv"
        changed = table.read_text().replace("beleidsorganen,4435,4435,4435", "beleidsorganen,4435,4435,4436")
        table.write_text(changed.replace("total,206746,108168,109201", "total,206746,108168,109202"))
        assert _budget(load(project)) == (Decimal(4435), Decimal(4435), Decimal(4436))

        fr = project_copy / "sources/fr/verbintenissen.md"
        fr.write_text(fr.read_text().replace("Concertation périodique", "Concertation régulière"))
        assert "Concertation régulière" in str(load(project).agreement.parts)


def _budget(loaded) -> tuple:
    data = next(
        node
        for division in loaded.agreement.parts
        for node, _ in walk(division)
        if isinstance(node, DataTable) and node.key == "budget-fod"
    )
    return next(row.values for row in data.rows if row.key == "beleidsorganen")
