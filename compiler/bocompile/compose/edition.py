"""An edition: what writers render, with everything language-specific ready.

Writers receive an Edition and never look at sources, Markdown or config
files: the numbered bilingual model, the facts, the generated text around
the body (title-page lines, preamble, annexes), and the language data
that turns numbers, dates and figures into words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from bocompile.language import Language
from bocompile.model import Agreement, Block, Division, plain_text
from bocompile.model.amendment import Amendment, Modification
from bocompile.model.facts import Config, Signing
from bocompile.number import Numbering
from bocompile.project import Project

#: stand around a slot's name while a template is rendered (Unicode private use)
_OPEN, _CLOSE = "\ue000", "\ue001"
_SLOT = re.compile(f"{_OPEN}(\\w+){_CLOSE}")


@dataclass(frozen=True)
class Annex:
    """A part after the body with a heading of its own and no number (a
    renumbered text's concordance table), listed in the table of contents."""

    key: str  # stable name ("concordance"): AKN hcontainer name, bookmark
    title: dict[str, str]  # its heading per language ("Bijlage – Concordantietabel")
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Edition:
    """One document to write in every language."""

    name: str  # output folder: "base", "consolidated", "amendments/<id>"
    kind: str  # "base" | "consolidated" | "amendment"
    config: Config
    agreement: Agreement
    numbering: Numbering
    languages: dict[str, Language]
    project: Project  # the door to reference.docx and images
    date: dt.date  # the expression date of this edition
    title: dict[str, str]  # the document's title per language
    header: dict[str, str]  # running header per language: what the document is, on every page
    signing: Signing | None = None  # what the signature block prints; None: no block
    front: dict[str, tuple[str, ...]] = field(default_factory=dict)  # title-page lines
    preamble: tuple[Block, ...] = ()  # blocks before the body (instrument preamble)
    annexes: tuple[Annex, ...] = ()  # after the body (and the signatures)
    amendments: tuple[Amendment, ...] = ()  # applied ones, or the instrument's own
    modifications: tuple[Modification, ...] = ()  # an instrument's article -> provision changed
    cited: dict[str, dict[int, str]] = field(default_factory=dict)  # per language: amendment nr -> its title
    review: dict[str, dict[str, str]] = field(default_factory=dict)  # per language: unit id -> "stale" | "new"
    as_of: dt.date | None = None  # the date of the state of the agreement shown; None: an instrument
    renumbered: bool = False  # numbered 1..n again (a concordance annex follows)

    @property
    def signed(self) -> dt.date | None:
        """The date of the signature block, if the edition has one."""
        return self.signing.date if self.signing else None

    def label(self, division: Division, lang: str) -> str:
        """ "Artikel 8", "Article 1er", "Deel 2"."""
        return self.languages[lang].label(division.kind, self.numbering.text(division.key))

    def untitled(self, division: Division, lang: str) -> str:
        """The heading of a division without title (an instrument's article):
        "Artikel 1.", then "Art. 2."."""
        return self.text(
            "heading.special.untitled", lang, n=self.numbering.text(division.key), label=self.label(division, lang)
        )

    def repealed(self, division: Division, lang: str) -> str:
        """ "Art. 15. (Opgeheven)", "§ 3. (Opgeheven)": a repealed provision's heading."""
        return self.text(
            "heading.special.repealed",
            lang,
            kind=division.kind,
            n=self.reference(division.key, lang),
            label=self.label(division, lang),
        )

    def reference(self, key: str, lang: str) -> str:
        """What `[[key]]` renders: the number as read in `lang` ("8", "1er")."""
        return self.languages[lang].number(self.numbering.kinds[key], self.numbering.text(key))

    def plain(self, inlines, lang: str) -> str:
        """The words of `inlines` alone, references rendered."""
        return plain_text(inlines, lambda key: self.reference(key, lang))

    def figure(self, value: Decimal, lang: str) -> str:
        return self.languages[lang].figure(value, self.config.grouping)

    def date_text(self, day: dt.date, lang: str, style: str = "text") -> str:
        return self.languages[lang].date(day, style)

    def text(self, name: str, lang: str, /, **values) -> str:
        """Any other template of templates/lang/<lang>.toml."""
        return self.languages[lang].render(name, **values)

    def slotted(self, name: str, lang: str, slots: tuple[str, ...], /, **values) -> list[tuple[str, str]]:
        """Template `name` as ("text", words) and ("slot", name) pieces: the
        template places each slot (a title with its emphasis and notes, a
        number in superscript, a page field) and the writer fills it. Every
        writer marks slots alike, so a wording renders once for all of them."""
        text = self.text(name, lang, **{slot: f"{_OPEN}{slot}{_CLOSE}" for slot in slots}, **values)
        return [("slot" if index % 2 else "text", piece) for index, piece in enumerate(_SLOT.split(text)) if piece]
