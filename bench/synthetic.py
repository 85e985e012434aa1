"""A synthetic agreement of any size, in the real source format.

`Agreement(articles, amendments)` is the text as data: parts of a hundred
articles (four standing in the part, the rest in sections of twelve), each
article three lids in Dutch and French with a footnote and a reference;
every seventh article a list of points, every tenth (from the eighth) two
numbered paragraphs (§), every fiftieth a text table, every hundredth a
data table with its CSV. `write_project` writes it as a bocompile project
with `amendments` amendments that use every operation; `plain_markdown`
is the same Dutch text as ordinary Markdown (numbers written out, pipe
tables) for pandoc; bench/bare.py writes it as a DOCX with nothing else.

Amendment nr. b works on the articles 10b .. 10b+9, so the amendments never
collide: it replaces words, a lid, a whole article, appends a lid, inserts
an article and a numbered paragraph, repeals an article, sets a figure of a
data table and (for even b) reinstates the article nr. b-1 repealed.
References only point at articles 10k, which no amendment repeals.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("nl", "fr")
PART_SIZE = 100
IN_PART = 4
SECTION_SIZE = 12
YEARS = ("2019", "2020", "2021")
DATA_ROWS = 5

WORDS = {
    "nl": (
        "de partijen",
        "de dienst",
        "verbindt zich",
        "tot",
        "het beheer",
        "van",
        "de middelen",
        "en",
        "de opvolging",
        "in overleg met",
        "de voogdijminister",
        "binnen",
        "de termijn",
        "jaarlijks",
        "de doelstellingen",
        "het verslag",
        "wordt",
        "opgesteld",
        "volgens",
        "de procedure",
        "met",
        "bijzondere aandacht",
        "voor",
        "de kwaliteit",
        "de dienstverlening",
        "aan",
        "de burgers",
    ),
    "fr": (
        "les parties",
        "le service",
        "s'engage",
        "à",
        "la gestion",
        "de",
        "les moyens",
        "et",
        "le suivi",
        "en concertation avec",
        "le ministre de tutelle",
        "dans",
        "le délai",
        "annuellement",
        "les objectifs",
        "le rapport",
        "est",
        "établi",
        "selon",
        "la procédure",
        "avec",
        "une attention particulière",
        "pour",
        "la qualité",
        "le service rendu",
        "aux",
        "citoyens",
    ),
}
#: the words every article's first lid starts with, which replace-words changes
OLD = {"nl": "de partijen", "fr": "les parties"}
NEW = {"nl": "de contracterende partijen", "fr": "les parties contractantes"}
LABEL = {"nl": ("Deel", "Afdeling", "Artikel"), "fr": ("Partie", "Section", "Article")}

#: an inline: ("text", words), ("ref", article key), ("note", words)
Inline = tuple[str, str]


@dataclass
class Block:
    """kind: "p" (a lid), "points", "table" (rows of cells), "data" (a data table's key)."""

    kind: str
    text: dict[str, list] = field(default_factory=dict)  # per language: inlines, or points, or rows


@dataclass
class Article:
    key: str
    number: int
    title: dict[str, str]
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[tuple[str, list[Block]]] = field(default_factory=list)  # (key, lids) of each §


@dataclass
class Section:
    key: str
    title: dict[str, str]
    articles: list[Article]


@dataclass
class Part:
    key: str
    title: dict[str, str]
    articles: list[Article]
    sections: list[Section]


class Agreement:
    """The text of an agreement of `articles` articles, drawn from a fixed seed."""

    def __init__(self, articles: int, amendments: int = 0, seed: int = 1):
        if amendments * 10 > articles:
            raise ValueError("each amendment needs ten articles of its own")
        self.count, self.amendments = articles, amendments
        self.random = random.Random(seed)
        self.data: dict[str, list[tuple[str, list[int]]]] = {}
        self.parts = [self._part(p) for p in range((articles + PART_SIZE - 1) // PART_SIZE)]

    # -- the text ----------------------------------------------------------------

    def _words(self, lang: str, count: int, start: str = "") -> str:
        pool = WORDS[lang]
        words = [start] if start else []
        words += [pool[self.random.randrange(len(pool))] for _ in range(count)]
        return " ".join(words)

    def _title(self) -> dict[str, str]:
        n = self.random.randrange(2, 6)
        state = self.random.getstate()
        title = {}
        for lang in LANGS:
            self.random.setstate(state)
            words = self._words(lang, n)
            title[lang] = words[0].upper() + words[1:]
        return title

    def _lid(self, index: int, first: bool) -> Block:
        """A lid: about forty words, the first with the words replace-words
        changes and a footnote, the second with a reference."""
        state = self.random.getstate()
        text = {}
        for lang in LANGS:
            self.random.setstate(state)
            lead = ("Hierbij " + OLD[lang]) if lang == "nl" else ("Ainsi " + OLD[lang])
            words = self._words(lang, 20)
            inlines: list = [("text", f"{lead} {words}" if first else words.capitalize())]
            if first:
                inlines.append(("note", self._words(lang, 8).capitalize() + "."))
            else:
                inlines.append(("text", " " + ("artikel " if lang == "nl" else "l'article ")))
                inlines.append(("ref", _key(max(0, index // 10 * 10 - 10))))
            inlines.append(("text", " " + self._words(lang, 18) + "."))
            text[lang] = inlines
        return Block("p", text)

    def _points(self) -> Block:
        state = self.random.getstate()
        text = {}
        for lang in LANGS:
            self.random.setstate(state)
            text[lang] = [self._words(lang, 8) + ";" for _ in range(3)]
        return Block("points", text)

    def _table(self) -> Block:
        state = self.random.getstate()
        text = {}
        for lang in LANGS:
            self.random.setstate(state)
            text[lang] = [[self._words(lang, 2).capitalize() for _ in range(3)]] + [
                [self._words(lang, self.random.randrange(2, 12)) for _ in range(3)] for _ in range(3)
            ]
        return Block("table", text)

    def _data(self, index: int) -> Block:
        key = f"data-{index}"
        self.data[key] = [(f"rij-{r}", [self.random.randrange(1000, 99999) for _ in YEARS]) for r in range(DATA_ROWS)]
        return Block("data", {lang: [key] for lang in LANGS})

    def _article(self, index: int) -> Article:
        article = Article(_key(index), index + 1, self._title())
        lids = [self._lid(index, True), self._lid(index, False), self._lid(index, False)]
        if index % 7 == 3:
            lids.insert(2, self._points())
        if index % 50 == 25:
            lids.append(self._table())
        if index % 100 == 50:
            lids.append(self._data(index))
        if index % 10 == 7:
            article.paragraphs = [(f"{article.key}-p1", lids[:2]), (f"{article.key}-p2", lids[2:])]
        else:
            article.blocks = lids
        return article

    def _part(self, p: int) -> Part:
        first, last = p * PART_SIZE, min(self.count, (p + 1) * PART_SIZE)
        articles = [self._article(i) for i in range(first, last)]
        own, rest = articles[:IN_PART], articles[IN_PART:]
        sections = [
            Section(f"deel-{p + 1}-afdeling-{s + 1}", self._title(), rest[i : i + SECTION_SIZE])
            for s, i in enumerate(range(0, len(rest), SECTION_SIZE))
        ]
        return Part(f"deel-{p + 1}", self._title(), own, sections)

    def articles(self):
        for part in self.parts:
            yield from part.articles
            for section in part.sections:
                yield from section.articles

    # -- the project ---------------------------------------------------------------

    def write_project(self, root: Path) -> None:
        """sources/agreement.toml, one file per part in each language, the CSVs, the amendments."""
        sources = root / "sources"
        for lang in LANGS:
            (sources / lang / "amendments").mkdir(parents=True, exist_ok=True)
            for part in self.parts:
                (sources / lang / f"{part.key}.md").write_text(self._source(part, lang), encoding="utf-8")
            for b in range(self.amendments):
                (sources / lang / "amendments" / f"wijziging-{b + 1}.md").write_text(
                    self._amendment(b, lang), encoding="utf-8"
                )
        (sources / "data").mkdir(exist_ok=True)
        for key, rows in self.data.items():
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["key", *YEARS])
            writer.writerows([row, *values] for row, values in rows)
            writer.writerow(["total", *(sum(v[j] for _, v in rows) for j in range(len(YEARS)))])
            (sources / "data" / f"{key}.csv").write_text(out.getvalue(), encoding="utf-8")
        (sources / "agreement.toml").write_text(self._config(), encoding="utf-8")

    def _config(self) -> str:
        start = dt.date(2019, 1, 1)
        end = max(dt.date(2021, 12, 31), start + dt.timedelta(days=2 * self.amendments + 30))
        files = ", ".join(f'"{part.key}.md"' for part in self.parts)
        signatories = (
            'name = "Anna Peeters"\ntitle = { nl = "mevrouw", fr = "Mme" }\n'
            'function = { nl = "Voorzitster", fr = "Présidente" }\n'
        )
        minister = (
            'name = "Jan Janssens"\ntitle = { nl = "de heer", fr = "M." }\n'
            'function = { nl = "Minister", fr = "Ministre" }\n'
        )
        out = [
            f'id = "synthetisch-{self.count}"\nkind = "bestuursovereenkomst"\nlanguages = ["nl", "fr"]\n'
            f'files = [{files}]\nnumbering = "slash"\ngrouping = "dot"\n'
            + ("" if self.amendments else "amendments = []\n")
            + "\n"
            f"[period]\nstart = {start}\nend = {end}\n\n"
            '[title]\nnl = "Bestuursovereenkomst (synthetisch)"\nfr = "Contrat d\'administration (synthétique)"\n\n'
            f'[signing]\ndate = {start}\nplace = {{ nl = "Brussel", fr = "Bruxelles" }}\n\n'
            '[[parties]]\nkey = "fod"\nname = { nl = "FOD Voorbeeld", fr = "SPF Exemple" }\n\n'
            f"[[parties.signatories]]\n{signatories}\n"
            '[[parties]]\nkey = "regering"\nname = { nl = "De federale Regering", fr = "Le Gouvernement fédéral" }\n\n'
            f"[[parties.signatories]]\n{minister}"
        ]
        for b in range(self.amendments):
            signed = start + dt.timedelta(days=1 + 2 * b)
            out.append(
                f'\n[[amendments]]\nid = "wijziging-{b + 1}"\nnumber = {b + 1}\nsigned = {signed}\n'
                f"in_force = {signed + dt.timedelta(days=1)}\n"
                f'title = {{ nl = "Wijziging {b + 1}", fr = "Modification {b + 1}" }}\n'
                'place = { nl = "Brussel", fr = "Bruxelles" }\n\n'
                f'[[amendments.parties]]\nkey = "fod"\n\n[[amendments.parties.signatories]]\n{signatories}\n'
                f'[[amendments.parties]]\nkey = "regering"\n\n[[amendments.parties.signatories]]\n{minister}'
            )
        return "".join(out)

    def _source(self, part: Part, lang: str) -> str:
        out = [f"# {part.title[lang]} {{#{part.key}}}\n"]
        notes: list[str] = []
        for article in part.articles:
            out.append(_source_article(article, lang, notes, 3))
        for section in part.sections:
            out.append(f"## {section.title[lang]} {{#{section.key}}}\n")
            for article in section.articles:
                out.append(_source_article(article, lang, notes, 3))
        return "\n".join(out + notes)

    def _amendment(self, b: int, lang: str) -> str:
        """Amendment nr. b+1: every operation on the articles 10b .. 10b+9."""
        base = 10 * b
        words = self._words(lang, 20).capitalize() + "."
        new_title = ("Nieuwe titel " if lang == "nl" else "Nouvel intitulé ") + str(b + 1)
        ref = ("artikel " if lang == "nl" else "l'article ") + f"[[{_key(base)}]]"
        ops = [
            f"::: replace-words {_key(base + 1)}\nold: {OLD[lang]}\nnew: {NEW[lang]}\n:::\n",
            f"::: replace {_key(base + 2)} lid 2\n{words} {ref}.\n:::\n",
            f"::: append {_key(base + 3)}\n{words}\n:::\n",
            f"::: insert ingevoegd-{b + 1} after {_key(base + 3)}\n### {new_title} {{#ingevoegd-{b + 1}}}\n\n"
            f"{words} {ref}.\n:::\n",
            f"::: repeal {_key(base + 5)}\n:::\n",
            f"::: replace {_key(base + 6)}\n### {new_title} {{#{_key(base + 6)}}}\n\n{words}\n\n{words} {ref}.\n:::\n",
            f"::: insert {_key(base + 7)}-p1-1 after {_key(base + 7)}-p1\n§ {{#{_key(base + 7)}-p1-1}}\n{words}\n:::\n",
        ]
        if self.data:
            key = sorted(self.data)[b % len(self.data)]
            ops.append(f"::: set-cell {key} rij-{b % DATA_ROWS} {YEARS[b % len(YEARS)]} = {100000 + b}\n:::\n")
        if b % 2 == 1:
            ops.append(f"::: reinstate {_key(base - 5)}\n### {new_title} {{#{_key(base - 5)}}}\n\n{words}\n:::\n")
        return "\n".join(ops)

    # -- the same text for pandoc ------------------------------------------------------

    def plain_markdown(self, lang: str = "nl") -> str:
        """The text as signed in ordinary Markdown: numbers written out, references
        as numbers, footnotes numbered, tables as pipe tables."""
        part_word, section_word, article_word = LABEL[lang]
        out: list[str] = []
        notes: list[str] = []
        for p, part in enumerate(self.parts, start=1):
            out.append(f"# {part_word} {p}. {part.title[lang]}\n")
            for article in part.articles:
                out.append(_plain_article(article, lang, notes, self, article_word))
            for s, section in enumerate(part.sections, start=1):
                out.append(f"## {section_word} {s} – {section.title[lang]}\n")
                for article in section.articles:
                    out.append(_plain_article(article, lang, notes, self, article_word))
        return "\n".join(out + notes)


def _key(index: int) -> str:
    return f"art-{index + 1}"


def _source_article(article: Article, lang: str, notes: list[str], level: int) -> str:
    out = [f"{'#' * level} {article.title[lang]} {{#{article.key}}}\n"]
    out += [_source_block(block, lang, notes) for block in article.blocks]
    for key, lids in article.paragraphs:
        first, *rest = [_source_block(block, lang, notes) for block in lids]
        out.append(f"§ {{#{key}}}\n{first}")
        out += rest
    return "\n".join(out)


def _source_block(block: Block, lang: str, notes: list[str]) -> str:
    text = block.text[lang]
    if block.kind == "p":
        return _inlines(text, notes, lambda key: f"[[{key}]]", lambda n: f"[^n{n}]") + "\n"
    if block.kind == "points":
        return "".join(f"{i}) {point}\n" for i, point in enumerate(text, start=1))
    if block.kind == "table":
        return (
            "::: table\n"
            + "".join(
                "- " + "".join(("- " if j == 0 else "  - ") + cell + "\n" for j, cell in enumerate(row)) for row in text
            )
            + ":::\n"
        )
    (key,) = text
    rows = [f"- stub: {'Begroting' if lang == 'nl' else 'Budget'}"]
    rows += [f"- rij-{r}: {'Rij' if lang == 'nl' else 'Ligne'} {r + 1}" for r in range(DATA_ROWS)]
    rows.append(f"- total: {'Totaal' if lang == 'nl' else 'Total'}")
    return f"::: data {key}\n" + "\n".join(rows) + "\n:::\n"


def _inlines(inlines: list, notes: list[str], ref, note) -> str:
    out = []
    for kind, value in inlines:
        if kind == "text":
            out.append(value)
        elif kind == "ref":
            out.append(ref(value))
        else:
            notes.append(f"{note(len(notes) + 1)}: {value}\n")
            out.append(note(len(notes)))
    return "".join(out)


def _plain_article(article: Article, lang: str, notes: list[str], agreement: Agreement, word: str) -> str:
    out = [f"### {word} {article.number} – {article.title[lang]}\n"]
    out += [_plain_block(block, lang, notes, agreement) for block in article.blocks]
    for n, (_, lids) in enumerate(article.paragraphs, start=1):
        first, *rest = [_plain_block(block, lang, notes, agreement) for block in lids]
        out.append(f"§ {n}. {first}")
        out += rest
    return "\n".join(out)


def _plain_block(block: Block, lang: str, notes: list[str], agreement: Agreement) -> str:
    text = block.text[lang]
    if block.kind == "p":  # an article's key is "art-" and its number
        return _inlines(text, notes, lambda key: key.removeprefix("art-"), lambda n: f"[^{n}]") + "\n"
    if block.kind == "points":
        return "".join(f"{i}. {point}\n" for i, point in enumerate(text, start=1))
    if block.kind == "table":
        head, *rows = text
        return (
            "\n".join(
                ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
                + ["| " + " | ".join(row) + " |" for row in rows]
            )
            + "\n"
        )
    (key,) = text
    rows = agreement.data[key]
    lines = [
        "| " + ("Begroting" if lang == "nl" else "Budget") + " | " + " | ".join(YEARS) + " |",
        "|---|" + "---:|" * len(YEARS),
    ]
    lines += [
        f"| Rij {r + 1} | " + " | ".join(f"{v:,}".replace(",", ".") for v in values) + " |"
        for r, (_, values) in enumerate(rows)
    ]
    totals = [sum(v[j] for _, v in rows) for j in range(len(YEARS))]
    lines.append("| Totaal | " + " | ".join(f"{v:,}".replace(",", ".") for v in totals) + " |")
    return "\n".join(lines) + "\n"
