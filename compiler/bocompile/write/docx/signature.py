"""The signature block: place and date of signing, then every signatory."""

from __future__ import annotations

from itertools import zip_longest

from bocompile.write.docx.context import Context
from bocompile.write.docx.ooxml import line, paragraph, run
from bocompile.write.docx.tables import add_cell, add_row, new_table


def signature(ctx: Context) -> list:
    """ "Opgemaakt te Brussel op ..." and the parties side by side, as the
    edition's signing states them (an instrument's own, never the agreement's).
    One row for the parties' names, then per signatory a row of names (under
    the space to sign) and a row of functions, so that the columns stay level."""
    signing, lang = ctx.edition.signing, ctx.run_lang
    assert signing is not None, "only a signed edition has a signature block"
    done = paragraph(ctx.text_style, keep_next=True, spacing={"before": 480})
    done.append(
        run(
            ctx.text(
                "signature.done",
                place=signing.place[ctx.lang],
                date=ctx.edition.date_text(signing.date, ctx.lang),
                copies=len(signing.parties),
            ),
            lang=lang,
        )
    )
    count = len(signing.parties)
    widths = [ctx.width // count] * count
    widths[-1] += ctx.width - sum(widths)
    tbl = new_table(widths, style="TableNormal", flush=True)
    rows = [[line("SignatureParty", party.name[ctx.lang], lang) for party in signing.parties]]
    for signatories in zip_longest(*(party.signatories for party in signing.parties)):
        rows.append(
            [
                line("SignatureName", ctx.text("signature.name", title=s.title.get(ctx.lang, ""), name=s.name), lang)
                if s
                else paragraph("SignatureName")
                for s in signatories
            ]
        )
        rows.append(
            [line("Signature", s.function[ctx.lang], lang) if s else paragraph("Signature") for s in signatories]
        )
    for cells in rows:
        tr = add_row(tbl, keep=True)
        for p, width in zip(cells, widths, strict=True):
            add_cell(tr, width, [p])
    return [done, tbl]
