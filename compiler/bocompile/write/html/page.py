"""What the HTML templates ask while they render one language of an edition.

The templates (templates/html) hold the markup; a Page answers what needs
the edition: labels and headings worded from templates/lang, numbers of
references, figures, footnote numbers, embedded images, block anchors and
the translation status of a block. Templates see nothing else.
"""

from __future__ import annotations

import base64
import mimetypes

from bocompile.compose.edition import Edition
from bocompile.images import load_image
from bocompile.model import Division, Footnote
from bocompile.model.hierarchy import DEPTH, SUBDIVISIONS, THROUGHOUT
from bocompile.model.nodes import page_blocks
from bocompile.model.walk import block_id

#: the highest heading level of a division; the document's title is <h1>
FIRST_LEVEL = 2


class Page:
    """One language of one edition, as the templates render it."""

    def __init__(self, edition: Edition, lang: str):
        self.edition, self.lang = edition, lang
        self.locale = edition.languages[lang].locale.replace("_", "-")
        self._notes: list[tuple[int, Footnote]] = []
        self._count = 0

    # -- wording -------------------------------------------------------------

    def text(self, name: str, /, **values) -> str:
        """Any template of templates/lang/<lang>.toml."""
        return self.edition.text(name, self.lang, **values)

    def parts(self, name: str, slots: tuple[str, ...] = (), /, **values) -> list[tuple[str, str]]:
        """Template `name` as ("text", words) and ("slot", name) pieces, so that
        a template places rich content (a title, a superscript number)."""
        return self.edition.slotted(name, self.lang, slots, **values)

    def heading(self, division: Division) -> list[tuple[str, str]]:
        """The heading of a division: "Artikel 8 – {title}", "Art. 15. (Opgeheven)",
        "Artikel 1." (an instrument's untitled article)."""
        label = self.edition.label(division, self.lang)
        if division.repealed:
            return [("text", self.edition.repealed(division, self.lang))]
        if not division.title[self.lang]:
            return [("text", self.edition.untitled(division, self.lang))]
        return self.parts(f"heading.{division.kind}", ("title",), label=label)

    def run_in(self, division: Division) -> str:
        """A paragraph's number, which starts its first lid ("§ 1."); "" for other kinds."""
        if division.kind not in SUBDIVISIONS:
            return ""
        if division.repealed:
            return self.edition.repealed(division, self.lang)
        return self.text(f"heading.{division.kind}", label=self.edition.label(division, self.lang), title="")

    def signatory(self, person) -> str:
        """The name under the space to sign, with its honorific."""
        return self.text("signature.name", title=person.title.get(self.lang, ""), name=person.name)

    def has_contents(self, divisions) -> bool:
        """A table of contents lists titles: an instrument's untitled articles need none."""
        return any(division.title[self.lang] for division in divisions)

    def listed(self, divisions) -> list[Division]:
        """The divisions the table of contents lists: not an article's paragraphs."""
        return [division for division in divisions if division.kind not in SUBDIVISIONS]

    def contents_entry(self, division: Division) -> str:
        """A line of the table of contents, in plain words."""
        title = self.edition.plain(division.title[self.lang], self.lang)
        label = self.edition.label(division, self.lang)
        if division.repealed:
            return self.edition.repealed(division, self.lang)
        if not title:
            return self.edition.untitled(division, self.lang)
        return self.text(f"heading.{division.kind}", label=label, title=title)

    def date(self, day) -> str:
        return self.edition.date_text(day, self.lang)

    # -- structure -----------------------------------------------------------

    def kind(self, node) -> str:
        """The macro that renders `node`: its type's name in lower case."""
        return type(node).__name__.lower()

    def on_page(self, blocks) -> tuple:
        """Blocks as a page shows them: an instrument's modification as its
        formula, then the text it quotes."""
        return page_blocks(blocks)

    def text_of(self, node, field: str = "text"):
        """The inlines of a text field of `node` in this language."""
        return getattr(node, field)[self.lang]

    def level(self, division: Division) -> int:
        """Heading level: from the kind's depth, so a new kind needs no change here."""
        return min(6, FIRST_LEVEL + DEPTH[division.kind] - 1)

    def element(self, division: Division) -> str:
        """<article> for a provision (an article, its paragraphs), <section> for a grouping."""
        return "article" if division.kind in THROUGHOUT + SUBDIVISIONS else "section"

    def block_id(self, division: Division, position: int) -> str:
        return block_id(division.key, position)

    def review(self, unit: str) -> str:
        """ "stale" or "new" when this language's text of `unit` needs a look."""
        return self.edition.review.get(self.lang, {}).get(unit, "")

    # -- inline values ---------------------------------------------------------

    def reference(self, key: str) -> str:
        return self.edition.reference(key, self.lang)

    def figure(self, value) -> str:
        return self.edition.figure(value, self.lang)

    def note(self, footnote: Footnote) -> int:
        """Number the note (its anchor); it is listed after the block that cites it."""
        self._count += 1
        self._notes.append((self._count, footnote))
        return self._count

    def marker(self, footnote: Footnote, number: int) -> str:
        """What the text prints for the note: its own sign ("*") or its number."""
        return footnote.mark or str(number)

    def take_notes(self) -> list[tuple[int, Footnote]]:
        """The notes numbered since the last call, for the list after a block."""
        notes, self._notes = self._notes, []
        return notes

    def src(self, figure) -> str | None:
        """The figure's image in this page's language; None for a placeholder."""
        return figure.src[self.lang]

    def image(self, figure) -> str:
        """The image as a data: URI, so the file needs nothing beside it."""
        src = figure.src[self.lang]
        data = load_image(self.edition.project, src, figure.loc[self.lang])
        kind = mimetypes.guess_type(src)[0] or "application/octet-stream"
        return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
