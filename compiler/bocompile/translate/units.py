"""Translatable units: a division's title and each of its own blocks.

A unit's id is the division's key for its title and block_id(key, N) for
its N-th block: it survives inserting, moving or renumbering other
divisions, and shifts only when blocks inside the same division are
inserted, removed or reordered (docs/translators.md). Its fingerprint is
a digest of one language's text, structure included, locations excluded:
re-wrapping a paragraph changes no fingerprint, changing a word does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass

from bocompile.diagnostics import Loc
from bocompile.model import Agreement, Block, Division, walk_divisions
from bocompile.model.walk import block_id, holds, texts

#: hex digits kept of a fingerprint: short lines in the ledger, ample for change detection
DIGITS = 16


@dataclass(frozen=True)
class Unit:
    id: str
    division: Division
    node: Division | Block  # the division itself (its title) or one of its blocks
    position: int  # 0 for the title, N for the N-th block

    @property
    def is_title(self) -> bool:
        return self.position == 0

    def loc(self, lang: str) -> Loc:
        return self.node.loc[lang]

    def texts(self, lang: str) -> list[tuple]:
        """The unit's inline texts in `lang`, in document order (notes inside them)."""
        if self.is_title:
            return [self.division.title[lang]]
        return list(texts(self.node, lang))

    def fingerprint(self, lang: str) -> str:
        content = self.division.title[lang] if self.is_title else self.node
        encoded = json.dumps(canonical(content, lang, self.is_title), ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:DIGITS]


def units(agreement: Agreement) -> Iterator[Unit]:
    """Every unit in document order."""
    for division in walk_divisions(agreement.parts):
        yield Unit(division.key, division, division, 0)
        for position, block in enumerate(division.blocks, start=1):
            yield Unit(block_id(division.key, position), division, block, position)


def canonical(value, lang: str, inline: bool = False):
    """`value`'s text in `lang` as plain JSON data: node names, words, and the
    values inline nodes carry (a link's URL, a reference's key); no locations,
    and no language-neutral values of blocks (figures, styles)."""
    if isinstance(value, tuple):
        return [canonical(item, lang, inline) for item in value]
    if not is_dataclass(value):
        return str(value)
    # the model's field metadata, read as the walker reads it
    walked = dict(holds(type(value)))  # type: ignore[arg-type]  # a type is Hashable: python/mypy#11470
    out: list = [type(value).__name__]
    for f in fields(value):
        what, item = walked.get(f.name), getattr(value, f.name)
        if what == "text":
            out.append(canonical(item.get(lang, ()), lang, inline=True))
        elif what == "nodes":
            out.append(canonical(item, lang, inline))
        elif inline and what is None and f.name != "loc":
            out.append(str(item))
    return out
