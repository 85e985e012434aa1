"""What `check` proves of the documents without writing them.

The writers take their words from templates/lang (labels, headings,
references, Justel brackets, title page, contents, footer, signatures, a
redline's author), their layout from templates/docx/reference.docx and
templates/html, and images from sources/. Rendering every document to find
out what fails costs as much as a build. Instead:

- every wording a writer asks of templates/lang is rendered with the values
  the build gives it: for every provision of every edition `check` composes
  and of every state of the history, and the furniture of each edition.
  Templates render once per set of values (language.py), so this is one
  render per label, number and title, and a template that fails on one
  number fails here;
- every other key of templates/lang, words no source needs yet, is rendered
  once with specimen values of the names and kinds its callers give;
- a project's own reference.docx is opened as the DOCX writer opens it, with
  every list format the text uses; its own templates/html render one edition
  of each kind; every image is embedded as the DOCX writer embeds it.
  bocompile's own defaults are proven by its tests, so python-docx is not
  even imported unless the project brings a reference.docx or an image.

Not proven value by value: the wording of a consolidated text on an
arbitrary --as-of date and of `bocompile diff` between arbitrary points
(dates, counts of unchanged provisions); their templates are rendered once.
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterable
from dataclasses import replace

from bocompile.amend.history import History
from bocompile.amend.tree import fresh
from bocompile.compose.comparison import front_lines
from bocompile.compose.edition import Edition
from bocompile.diff.points import Point
from bocompile.images import load_image
from bocompile.language import Language, month_name
from bocompile.load import Loaded
from bocompile.model import Figure, ListBlock, Mark, Quotation, Reference, query, walk, walk_divisions
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.number import numbered
from bocompile.template_files import every_template, find

HTML = "html/"
REFERENCE = "docx/reference.docx"


def prove(loaded: Loaded, states: History, editions: list[Edition]) -> None:
    """Raises SourceError, at the template or file at fault, for what a build would hit."""
    for edition in editions:
        divisions, used = list(_divisions(edition)), _used(edition)
        for lang in edition.languages:
            _furniture(edition, lang, *used.get(lang, ((), ())))
            for division in divisions:
                _provision(edition, division, lang)
    _history(loaded, states, editions[-1])
    for language in editions[0].languages.values():
        _unused(language)
    _files(loaded, editions)


def _divisions(edition: Edition):
    """The provisions an edition shows: its own and those an instrument quotes."""
    yield from walk_divisions(edition.agreement.parts)
    for quotation in query(edition.agreement.parts, Quotation):
        yield from walk_divisions(quotation.divisions)


def _used(edition: Edition) -> dict[str, tuple[list[str], list[str]]]:
    """Per language, the keys the text refers to and the sides of its Justel
    marks, in one walk of the whole text."""
    used: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    text = (edition.preamble, edition.agreement.parts, tuple(annex.blocks for annex in edition.annexes))
    for node, lang in walk(text):
        if lang is not None and isinstance(node, Reference | Mark):
            keys, sides = used.setdefault(lang, ({}, {}))
            if isinstance(node, Reference):
                keys[node.key] = None
            elif node.side != "note":
                sides[node.side] = None
    return {lang: (list(keys), sorted(sides)) for lang, (keys, sides) in used.items()}


def _provision(edition: Edition, division, lang: str) -> None:
    """What the writers word of one provision: its label; its heading with
    the title in its slot (DOCX, HTML), in plain words (contents), or
    "(Opgeheven)" and "Art. 2." for a repealed or untitled one; the number
    that starts a paragraph (§)."""
    label = edition.label(division, lang)
    if division.repealed:
        edition.repealed(division, lang)
        edition.slotted("heading.special.repealed", lang, ("n", "label"), kind=division.kind)
    elif not division.title[lang]:
        edition.untitled(division, lang)
    else:
        edition.slotted(f"heading.{division.kind}", lang, ("title",), label=label)
        edition.text(f"heading.{division.kind}", lang, label=label, title=edition.plain(division.title[lang], lang))
    if division.kind in SUBDIVISIONS:
        edition.text(f"heading.{division.kind}", lang, label=label, title="")


def _furniture(edition: Edition, lang: str, keys: Iterable[str], sides: Iterable[str]) -> None:
    """The words around the text: footer, title page, contents, column
    heads, signatures, review badges; the numbers of references and the
    Justel brackets of the text."""
    config, signing = edition.config, edition.signing
    edition.slotted("page.footer", lang, ("page", "pages"))
    edition.text("contents.heading", lang)
    edition.text("parallel.column", lang)
    if not edition.preamble:
        if config.parties:
            edition.text("titlepage.between", lang)
        if len(config.parties) > 1:
            edition.text("titlepage.and", lang)
        edition.text(
            "titlepage.period",
            lang,
            start=edition.date_text(config.period_start, lang),
            end=edition.date_text(config.period_end, lang),
        )
    if signing:
        edition.text(
            "signature.done",
            lang,
            place=signing.place[lang],
            date=edition.date_text(signing.date, lang),
            copies=len(signing.parties),
        )
        for signatory in (s for party in signing.parties for s in party.signatories):
            honorific = signatory.title.get(lang, "")
            edition.text("signature.name", lang, title=honorific, name=signatory.name)
            edition.slotted("signature.name", lang, ("name",), title=honorific)
    for state in sorted(set(edition.review.get(lang, {}).values())):
        edition.text(f"review.{state}", lang)
    for key in keys:
        edition.reference(key, lang)
    for side in sides:
        edition.slotted(f"justel.{side}", lang, ("n",))


def _history(loaded: Loaded, states: History, latest: Edition) -> None:
    """Every provision of every state, as numbered then (a redline shows the
    text before and after each amendment); each redline's title page and the
    author of its changes."""
    for index, step in enumerate(states.steps):
        state = replace(latest, agreement=step.after, numbering=numbered(step.after, loaded.config.numbering))
        made = [division for _, division in fresh(step.before.parts, step.after.parts)]
        for lang in latest.languages:
            for division in made:
                _provision(state, division, lang)
            info = step.amendment.info
            latest.text("diff.author", lang, nr=info.number, subject=info.title[lang])
            latest.text("diff.redline", lang)
            front_lines(
                states,
                Point("", index),
                Point("", index + 1),
                (step.amendment,),
                latest.languages[lang],
                loaded.config.signing_date,
            )


#: Values of the names and kinds each key's callers give, for the keys of
#: bocompile's wording that no source needs yet (fnmatch patterns, the first
#: that matches wins). A key no pattern knows (a project's own, an operation
#: registered at run time) is proven only where it is used.
_CITE = {
    "the": "artikel 8",
    "The": "Artikel 8",
    "in": "in artikel 8",
    "In": "In artikel 8",
    "e": "",
    "history": "",
    "n": "8",
}
_DATE = "1 januari 2020"
SPECIMENS: tuple[tuple[str, dict], ...] = (
    ("number.*", {"n": "8"}),
    ("label.*", {"n": "8"}),
    ("date.*", {"day": 1, "year": 2020}),  # and the month, in the language's words
    ("heading.special.repealed", {"kind": "article", "n": "8", "label": "Artikel 8"}),
    ("heading.special.untitled", {"n": "1", "label": "Artikel 1"}),
    ("heading.*", {"label": "Artikel 8", "title": "Titel"}),
    ("titlepage.between", {}),
    ("titlepage.and", {}),
    ("titlepage.period", {"start": _DATE, "end": _DATE}),
    ("contents.heading", {}),
    ("page.header", {"title": "Titel"}),
    ("page.footer", {"page": "1", "pages": "2"}),
    ("signature.done", {"place": "Brussel", "date": _DATE, "copies": 2}),
    ("signature.name", {"title": "", "name": "Naam"}),
    ("parallel.column", {}),
    ("review.*", {}),
    ("consolidated.within", {"parent": "Artikel 8", "label": "§ 2"}),
    ("consolidated.header", {"title": "Titel", "date": _DATE}),
    ("consolidated.state", {"date": _DATE}),
    ("consolidated.amendment", {"nr": 1, "subject": "Onderwerp", "signed": _DATE, "in_force": _DATE}),
    ("consolidated.*", {}),
    ("justel.source", {"n": 1, "nr": 1, "article": 1, "signed": _DATE, "in_force": _DATE}),
    ("justel.*", {"n": 1}),
    ("cite.lid.name", {"n": 2, "only": False}),
    ("cite.agreement.within", {}),
    ("cite.*.word", {}),
    ("cite.*.words", {}),
    ("cite.*.within", {"n": "8", "article": "8"}),
    ("cite.*", {"n": "8", "article": "", "lid": ""}),
    ("history.clause", {"events": "gewijzigd bij wijziging nr. 1"}),
    ("history.and", {}),
    ("history.*", {"nr": 1, "e": ""}),
    ("formula*.replace_paragraph", {**_CITE, "paragraph": 2, "only": False}),
    ("formula*.insert", {"kind": "artikel", "e": "", "within": "In de overeenkomst", "n": "8/1"}),
    (
        "formula*.insert_run",
        {"kinds": "artikelen", "e": "", "count": 2, "within": "In de overeenkomst", "first": "8/1", "last": "8/2"},
    ),
    ("formula*.reinstate", {**_CITE, "nr": 1}),
    ("formula*.replace_words", {**_CITE, "old": "“a”", "new": "“b”", "single_old": True, "single_new": True}),
    (
        "formula*.set_cell",
        {
            **_CITE,
            "table": "“Tabel”",
            "column": "2020",
            "row": "“Rij”",
            "old": "“1”",
            "new": "“2”",
            "totals": [{"row": "“Totaal”", "old": "“1”", "new": "“2”"}],
        },
    ),
    ("formula.punctuation.*", {}),
    *((f"formula*.{name}", _CITE) for name in ("replace", "repeal", "append", "append_point", "several")),
    ("instrument.title", {"date": "1 JANUARI 2020", "nr": 1, "agreement": "Overeenkomst", "subject": "Onderwerp"}),
    ("instrument.party", {"name": "Partij", "signatories": "Naam, Functie"}),
    ("instrument.signatory", {"title": "", "name": "Naam", "function": "Functie"}),
    ("instrument.agreement_basis", {"agreement": "Overeenkomst"}),
    ("instrument.entry_into_force", {"date": _DATE}),
    ("instrument.*", {}),
    ("diff.from", {"text": "de tekst"}),
    ("diff.to", {"text": "de tekst"}),
    ("diff.author", {"nr": 1, "subject": "Onderwerp"}),
    ("diff.omitted", {"n": 2}),
    ("diff.state.amendment", {"nr": 1, "subject": "Onderwerp", "signed": _DATE}),
    ("diff.state.*", {"date": _DATE}),
    ("diff.*", {}),
)


def _unused(language: Language) -> None:
    """Every key of bocompile's wording no provision or edition rendered,
    once, with specimen values."""
    for name in wording_keys(language):
        values = _specimen(name)
        if name in language.asked or values is None:
            continue
        if name.startswith("date."):
            values = {**values, "month": month_name(language.locale, 1)}
        language.render(name, **values)


@functools.cache
def _specimen(name: str) -> dict | None:
    """The specimen values of template `name` (None: it is not proven), by
    the first pattern it matches: the same for every check a watch answers."""
    return next((values for pattern, values in SPECIMENS if fnmatch.fnmatchcase(name, pattern)), None)


def wording_keys(language: Language):
    """Every template of a language's wording (its locale and typography are data)."""
    return (key for key in _keys(language.strings) if key != "locale" and not key.startswith("typography."))


def _keys(strings: dict, prefix: str = ""):
    for key, value in strings.items():
        if isinstance(value, dict):
            yield from _keys(value, f"{prefix}{key}.")
        else:
            yield prefix + key


def _files(loaded: Loaded, editions: list[Edition]) -> None:
    """The project's own reference.docx and HTML templates, and every image."""
    project = loaded.project
    figures = {
        (src, figure.loc[lang]): None
        for edition in editions
        for figure in query((edition.preamble, edition.agreement.parts), Figure)
        for lang in edition.languages
        if (src := figure.src.get(lang))
    }
    if find(project.root, REFERENCE).own or figures:
        from bocompile.write.docx.package import Package  # python-docx: only when there is something to open

        styles = sorted({block.style for edition in editions for block in query(edition.agreement.parts, ListBlock)})
        packages = [Package(project, language.locale) for language in editions[0].languages.values()]
        for package in packages:  # each language's list formats
            for style in styles:
                package.list_indent(style, 0)
        for src, loc in figures:  # an image embeds alike whatever the language of the package
            packages[0].picture(load_image(project, src, loc), packages[0].text_width())
    if any(template.own for template in every_template(project.root) if template.name.startswith(HTML)):
        from bocompile.write.html import write_html

        kinds = {edition.kind: edition for edition in reversed(editions)}
        for edition in kinds.values():
            write_html(edition, tuple(edition.languages))
