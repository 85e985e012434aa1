"""Front matter: the title page and the table of contents (left out when no
division has a title to list, as in an amendment instrument)."""

from __future__ import annotations

from docx.oxml.ns import qn

from bocompile.write.docx.context import Context
from bocompile.write.docx.headings import Entry
from bocompile.write.docx.ooxml import field_runs, line, paragraph, run, sub

TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'


def title_page(ctx: Context, spacing: dict | None = None) -> list:
    """The edition's title and its own lines (the state of a consolidated text
    and the amendments it includes, an amendment's subject), then the parties
    and the period of the agreement: what it is, between whom, for when. An
    edition with a preamble (an instrument) names the parties there instead.
    `spacing` overrides the title's (several languages on one page)."""
    config, edition, lang = ctx.edition.config, ctx.edition, ctx.run_lang
    title = paragraph("Title", spacing=spacing)
    title.append(run(edition.title[ctx.lang], lang=lang))
    out = [title] + [line("TitlePageDetail" if index else "Subtitle", text, lang)
                     for index, text in enumerate(edition.front.get(ctx.lang, ()))]
    if edition.preamble:  # an instrument: its preamble names the parties
        return out
    last = len(config.parties) - 1
    for index, party in enumerate(config.parties):
        if index == 0:
            out.append(line("TitlePageLine", ctx.text("titlepage.between"), lang))
        elif index == last:
            out.append(line("TitlePageLine", ctx.text("titlepage.and"), lang))
        out.append(line("Subtitle", party.name[ctx.lang], lang))
    period = ctx.text("titlepage.period", start=edition.date_text(config.period_start, ctx.lang),
                      end=edition.date_text(config.period_end, ctx.lang))
    out.append(line("TitlePageLine", period, lang))
    return out


def contents(title: str, entries: list[Entry]) -> list:
    """A TOC field marked dirty (and updateFields in settings), so Word rebuilds it
    with page numbers on opening. Its cached result already lists every heading
    as a link, for readers that do not rebuild fields: LibreOffice shows the
    cached result and drops page-number fields nested in it, so none are given."""
    lines = []
    for item in entries:
        p = paragraph(f"TOC{item.level}")
        sub(p, "w:hyperlink", anchor=item.anchor, history=1).append(run(item.text))
        lines.append(p)
    if not lines:
        lines.append(paragraph("TOC1"))
    *opening, end = field_runs(TOC_FIELD, dirty=True)
    start = 1 if lines[0].find(qn("w:pPr")) is not None else 0
    for offset, r in enumerate(opening):
        lines[0].insert(start + offset, r)
    lines[-1].append(end)
    return [line("TOCHeading", title)] + lines
