"""Where a piece of content is being rendered.

The same block renders in a single-language document, in one column of
the side-by-side document, in a table cell or in a footnote; a Context
says which language, how wide, which paragraph styles and which part owns
hyperlink relationships, so the renderers themselves have no modes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from bocompile.compose.edition import Edition
from bocompile.write.docx.package import Package

#: Word's limit on bookmark names.
BOOKMARK_MAX = 40


@dataclass(frozen=True)
class Context:
    package: Package
    edition: Edition
    lang: str
    width: int  # available width in twips
    part: object  # python-docx part owning hyperlinks: document or footnotes
    anchor_prefix: str = "k_"  # bookmarks of this language's headings
    run_lang: str | None = None  # w:lang on runs when not the document's language
    text_style: str = "BodyText"  # paragraphs
    list_style: str = "ListParagraph"  # first paragraph of a list item
    depth: int = 0  # list nesting
    indent: int = 0  # left indent of tables and figures inside list items
    bold: bool = False  # the whole run of text is bold (total rows)

    def but(self, **changes) -> Context:
        return dataclasses.replace(self, **changes)

    def text(self, name: str, /, **values) -> str:
        """Wording from templates/lang/<lang>.toml."""
        return self.edition.text(name, self.lang, **values)

    def anchor(self, key: str) -> str:
        """The bookmark on the heading of division `key`: valid, short, stable."""
        name = self.anchor_prefix + key.replace("-", "_")
        if len(name) > BOOKMARK_MAX:
            digest = hashlib.sha1(key.encode()).hexdigest()[:8]
            name = f"{name[: BOOKMARK_MAX - 9]}_{digest}"
        return name

    def in_cell(self, width: int) -> Context:
        """Content of a table cell: smaller text, the cell's width, no list nesting."""
        return self.but(width=width, text_style="TableText", list_style="TableText", depth=0, indent=0)
