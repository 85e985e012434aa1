"""The document model: language-neutral structure, per-language text.

Readers build it, amendments transform it, writers render it. Every
container node is shared by all languages; only `Localized` values differ.
"""

from bocompile.model.nodes import (  # noqa: F401
    TEXT,
    Agreement,
    Amending,
    Block,
    Cell,
    Change,
    DataRow,
    DataTable,
    Division,
    Emphasis,
    Figure,
    Footnote,
    Heading,
    Inline,
    JustelNote,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Localized,
    Mark,
    Paragraph,
    Quotation,
    Quoted,
    Reference,
    Strong,
    Table,
    Text,
)
from bocompile.model.walk import plain_text, query, rewrite, rewrite_text, walk, walk_divisions  # noqa: F401
