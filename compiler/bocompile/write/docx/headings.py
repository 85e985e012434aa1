"""Headings of parts, sections and articles, with the bookmark references
and the table of contents point to.

"Artikel 8 – Consolidatie ..." comes from templates/lang heading.<kind>; an
untitled division (an amendment instrument's article) from
heading.special.untitled ("Artikel 1.", "Art. 2."), a repealed one from
heading.special.repealed ("Art. 15. (Opgeheven)"); a repealed provision's
blocks are only its Justel notes.
"""

from __future__ import annotations

from typing import NamedTuple

from docx.oxml.ns import qn

from bocompile.compose.edition import Annex
from bocompile.model import Division, Footnote, Paragraph
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.write.docx.blocks import blocks
from bocompile.write.docx.context import Context
from bocompile.write.docx.inline import inlines, plain
from bocompile.write.docx.ooxml import make, paragraph, run, sub
from bocompile.write.docx.wording import rich

#: division kind -> (paragraph style, table of contents level)
LEVELS = {"part": ("Heading1", 1), "section": ("Heading2", 2), "article": ("Heading3", 3)}


class Entry(NamedTuple):
    """A line of the table of contents."""

    level: int
    anchor: str
    text: str


def heading(ctx: Context, division: Division, spacing: dict | None = None):
    """The heading paragraph, bookmarked for references and the table of
    contents. `spacing` overrides the style's (a heading at the top of a cell)."""
    p = paragraph(LEVELS[division.kind][0], spacing=spacing)
    mark = ctx.package.bookmark_id()
    sub(p, "w:bookmarkStart", id=mark, name=ctx.anchor(division.key))
    title = division.title[ctx.lang]
    if division.repealed:
        p.append(run(_wording(ctx, division, ""), lang=ctx.run_lang))
        p.extend(inlines(ctx, tuple(i for i in title if isinstance(i, Footnote))))
    elif not title:
        p.append(run(_wording(ctx, division, ""), lang=ctx.run_lang))
    else:
        p.extend(
            rich(
                ctx,
                f"heading.{division.kind}",
                {"title": lambda: inlines(ctx, title)},
                label=ctx.edition.label(division, ctx.lang),
            )
        )
    sub(p, "w:bookmarkEnd", id=mark)
    return p


def division_elements(ctx: Context, division: Division, spacing: dict | None = None) -> list:
    """A division's heading and its own blocks; a paragraph (§) has no heading
    line: its number starts its first lid ("§ 1. Tekst ...")."""
    if division.kind not in SUBDIVISIONS:
        return [heading(ctx, division, spacing)] + blocks(ctx, division.blocks)
    return run_in(ctx, division, blocks(ctx, division.blocks), spacing)


def run_in(ctx: Context, division: Division, elements: list, spacing: dict | None = None) -> list:
    """`elements` (a paragraph's blocks) led by its number, bookmarked for
    references: inside the first lid when it is text, else on a line of its own."""
    label = (
        ctx.edition.repealed(division, ctx.lang)
        if division.repealed
        else ctx.text(f"heading.{division.kind}", label=ctx.edition.label(division, ctx.lang), title="")
    )
    mark = ctx.package.bookmark_id()
    lead = [
        make("w:bookmarkStart", id=mark, name=ctx.anchor(division.key)),
        run(label + " ", bold=True, lang=ctx.run_lang),
        make("w:bookmarkEnd", id=mark),
    ]
    if division.blocks and isinstance(division.blocks[0], Paragraph):
        first = elements[0]
        properties = first.find(qn("w:pPr"))
        position = 1 if properties is not None else 0
        for offset, element in enumerate(lead):
            first.insert(position + offset, element)
        return elements
    line = paragraph(ctx.text_style, keep_next=bool(elements), spacing=spacing)
    line.extend(lead)
    return [line] + elements


def annex_heading(ctx: Context, annex: Annex, spacing: dict | None = None):
    """An annex's heading, at the level of a part, bookmarked for the table of contents."""
    p = paragraph(LEVELS["part"][0], spacing=spacing)
    mark = ctx.package.bookmark_id()
    sub(p, "w:bookmarkStart", id=mark, name=_annex_anchor(ctx, annex))
    p.append(run(annex.title[ctx.lang], lang=ctx.run_lang))
    sub(p, "w:bookmarkEnd", id=mark)
    return p


def annex_entry(ctx: Context, annex: Annex) -> Entry:
    return Entry(LEVELS["part"][1], _annex_anchor(ctx, annex), annex.title[ctx.lang])


def _annex_anchor(ctx: Context, annex: Annex) -> str:
    """A leading hyphen, which no division key has, keeps annex bookmarks apart."""
    return ctx.anchor(f"-{annex.key}")


def entry(ctx: Context, division: Division) -> Entry:
    text = _wording(ctx, division, plain(ctx, division.title[ctx.lang]))
    return Entry(LEVELS[division.kind][1], ctx.anchor(division.key), text)


def _wording(ctx: Context, division: Division, title: str) -> str:
    label = ctx.edition.label(division, ctx.lang)
    if division.repealed:
        return ctx.edition.repealed(division, ctx.lang)
    if not division.title[ctx.lang]:
        return ctx.edition.untitled(division, ctx.lang)
    return ctx.text(f"heading.{division.kind}", label=label, title=title)
