"""What surrounds the body: <preface> (title, title-page lines, parties),
<preamble> (an instrument's "Tussen: ... Wordt overeengekomen wat volgt:"),
<conclusions> (signatures, when the edition has a signature block).

Parties, people, roles and the place point at their <references> entries
(meta.py), so a reader can tell who signed in which function.
"""

from __future__ import annotations

from lxml import etree

from bocompile.compose.edition import Edition
from bocompile.model.facts import Signatory
from bocompile.write.akn.blocks import BlockWriter
from bocompile.write.akn.ids import Scope
from bocompile.write.akn.meta import PLACE, person_id, role_id
from bocompile.write.akn.tree import append_text, keep_inline, sub

#: Prefix of the eIds of lists, tables and notes inside the preamble.
PREAMBLE = "preamble"


def preface(parent: etree._Element, edition: Edition, lang: str) -> etree._Element:
    """The title, the edition's title-page lines, then the parties unless a
    preamble introduces them (an instrument's)."""
    element = sub(parent, "preface")
    title = sub(sub(element, "longTitle"), "p")
    sub(title, "docTitle", edition.title[lang])
    keep_inline(title)
    for line in edition.front.get(lang, ()):
        sub(element, "p", line, **{"class": "front"})
    if not edition.preamble:
        for party in edition.config.parties:
            line = sub(element, "p", **{"class": "party"})
            sub(line, "party", party.name[lang], refersTo=f"#{party.key}")
            keep_inline(line)
    return element


def preamble(parent: etree._Element, edition: Edition, blocks: BlockWriter) -> etree._Element | None:
    """The edition's preamble blocks, if it has any."""
    if not edition.preamble:
        return None
    element = sub(parent, "preamble")
    return blocks.write_all(element, edition.preamble, Scope(PREAMBLE, PREAMBLE))


def conclusions(parent: etree._Element, edition: Edition, lang: str) -> etree._Element | None:
    """Place and date of signing, then each signatory with party and function,
    as the edition's signing states them (an instrument's own); nothing for an
    edition without signature block (a consolidated text)."""
    signing = edition.signing
    if signing is None:
        return None
    element = sub(parent, "conclusions")
    signed = sub(element, "p", **{"class": "signing"})
    sub(signed, "location", signing.place[lang], refersTo=f"#{PLACE}")
    append_text(signed, ", ")
    sub(signed, "date", edition.date_text(signing.date, lang), date=signing.date.isoformat())
    for party in signing.parties:
        for position, signatory in enumerate(party.signatories, start=1):
            role = f"#{role_id(party, position)}"
            line = sub(element, "p", **{"class": "signature"})
            signature = sub(line, "signature")
            sub(signature, "organization", party.name[lang], refersTo=f"#{party.key}")
            sub(signature, "br")
            _person(signature, edition, lang, signatory, role)
            sub(signature, "br")
            sub(signature, "role", signatory.function[lang], refersTo=role)
            keep_inline(line)
    return element


def _person(parent: etree._Element, edition: Edition, lang: str, signatory: Signatory, role: str) -> None:
    """The name as the language's signature.name words it ("Mevrouw Sophie
    Wilmès"), the name itself a <person>."""
    for kind, piece in edition.slotted("signature.name", lang, ("name",), title=signatory.title.get(lang, "")):
        if kind == "text":
            append_text(parent, piece)
        else:
            sub(parent, "person", signatory.name, refersTo=f"#{person_id(signatory)}", **{"as": role})
