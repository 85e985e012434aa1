"""Inline content to runs: emphasis, links, cross-references, footnotes."""

from __future__ import annotations

from typing import NamedTuple

from bocompile.diff.changes import Tracked
from bocompile.model import Emphasis, Footnote, Inline, LineBreak, Link, Mark, Quoted, Reference, Strong, Text
from bocompile.write.docx.context import Context
from bocompile.write.docx.ooxml import make, paragraph, run, sub, text
from bocompile.write.docx.tracked import wrap
from bocompile.write.docx.wording import rich


class _Format(NamedTuple):
    bold: bool = False
    italic: bool = False
    style: str | None = None  # character style (Hyperlink)
    in_link: bool = False  # hyperlinks do not nest


def inlines(ctx: Context, items, fmt: _Format | None = None) -> list:
    """The w:r and w:hyperlink elements for `items`, to append to a w:p."""
    fmt = fmt or _Format(bold=ctx.bold)
    out: list = []
    for item in items:
        out.extend(_inline(ctx, item, fmt))
    return out


def _inline(ctx: Context, item: Inline, fmt: _Format) -> list:
    if isinstance(item, Text):
        return [_run(ctx, item.value, fmt)]
    if isinstance(item, Emphasis):
        return inlines(ctx, item.children, fmt._replace(italic=True))
    if isinstance(item, Strong):
        return inlines(ctx, item.children, fmt._replace(bold=True))
    if isinstance(item, LineBreak):
        r = make("w:r")
        sub(r, "w:br")
        return [r]
    if isinstance(item, Link):
        if fmt.in_link:
            return inlines(ctx, item.children, fmt)
        link = make("w:hyperlink", {"r:id": ctx.package.hyperlink(ctx.part, item.url)}, history=1)
        link.extend(inlines(ctx, item.children, fmt._replace(style="Hyperlink", in_link=True)))
        return [link]
    if isinstance(item, Reference):
        number = _run(ctx, ctx.edition.reference(item.key, ctx.lang), fmt)
        if fmt.in_link:
            return [number]
        link = make("w:hyperlink", anchor=ctx.anchor(item.key), history=1)
        link.append(number)
        return [link]
    if isinstance(item, Footnote):
        return [footnote(ctx, item)]
    if isinstance(item, Quoted):  # on the page, the words between their quotes
        return inlines(ctx, item.children, fmt)
    if isinstance(item, Mark):
        return mark(ctx, item, fmt) if item.side != "note" else []
    if isinstance(item, Tracked):  # words a diff found on one side only
        return wrap(item.change, inlines(ctx, item.children, fmt))
    raise TypeError(f"unknown inline {type(item).__name__}")


def mark(ctx: Context, item: Mark, fmt: _Format | None = None) -> list:
    """A Justel bracket, "[1 " or "]1", its number in superscript."""
    fmt = fmt or _Format(bold=ctx.bold)
    return rich(
        ctx,
        f"justel.{item.side}",
        {"n": lambda: [run(str(item.number), bold=fmt.bold, italic=fmt.italic, lang=ctx.run_lang, superscript=True)]},
    )


def _run(ctx: Context, value: str, fmt: _Format):
    return run(value, bold=fmt.bold, italic=fmt.italic, style=fmt.style, lang=ctx.run_lang)


def footnote(ctx: Context, note: Footnote):
    """Store the note in the footnotes part; return the reference run for the text."""
    in_note = ctx.but(part=ctx.package.footnotes_part, bold=False)
    paragraphs = []
    for index, words in enumerate(note.paragraphs):
        p = paragraph("FootnoteText")
        if index == 0:
            p.extend([_note_mark(note), run(" ", lang=ctx.run_lang)])
        p.extend(inlines(in_note, words))
        paragraphs.append(p)
    return _note_mark(note, ctx.package.add_footnote(paragraphs))


def _note_mark(note: Footnote, note_id: int | None = None):
    """The note's mark: in the text (with its id) or at the start of the note.
    A note with a mark of its own ("*") shows it instead of a number
    (w:customMarkFollows); Word then leaves it out of the numbering."""
    r = make("w:r")
    sub(sub(r, "w:rPr"), "w:rStyle", val="FootnoteReference")
    if note_id is not None:
        sub(r, "w:footnoteReference", None, id=note_id, **({"customMarkFollows": 1} if note.mark else {}))
    elif not note.mark:
        sub(r, "w:footnoteRef")
    if note.mark:
        text(r, note.mark)
    return r


def plain(ctx: Context, items) -> str:
    """The text alone (table of contents, column widths): no notes, no formatting."""
    return ctx.edition.plain(items, ctx.lang)
