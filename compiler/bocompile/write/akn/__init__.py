"""Akoma Ntoso 3.0: one <act> per language expression of an edition.

Every kind of edition is an <act>: the agreement as signed, a consolidated
text (contains="singleVersion": the agreement's work, a later expression,
with its passive modifications) and an amending instrument (a work of its
own, with its active modifications); see meta.py and modifications.py.

The same provision has the same eId in every language (ids.py), so tools
can align the Dutch and French expressions element by element. The bytes
are pretty-printed UTF-8 with an XML declaration, and depend only on the
edition: no clock, no hash order.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from lxml import etree

from bocompile.compose.edition import Edition
from bocompile.write.akn.blocks import BlockWriter
from bocompile.write.akn.body import BodyWriter
from bocompile.write.akn.frame import conclusions, preamble, preface
from bocompile.write.akn.ids import division_scopes
from bocompile.write.akn.inline import InlineWriter
from bocompile.write.akn.meta import language_code, meta, work_of
from bocompile.write.akn.outflow import Outflow
from bocompile.write.akn.tree import root, sub

#: The attribute naming the language of a text.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Edition kind -> @contains of the document (default: "originalVersion").
_CONTAINS = {"consolidated": "singleVersion"}


def write_akn(edition: Edition, langs: tuple[str, ...]) -> dict[str, bytes]:
    """{"nl.akn.xml": ..., "fr.akn.xml": ...} for the languages asked."""
    return {name: write() for name, write in akn_files(edition, langs).items()}


def akn_files(edition: Edition, langs: tuple[str, ...]) -> dict[str, Callable[[], bytes]]:
    """File name -> the function that writes it: a build writes each file apart."""
    return {f"{lang}.akn.xml": partial(_written, edition, lang) for lang in langs}


def _written(edition: Edition, lang: str) -> bytes:
    """The file, its body written out a part at a time (outflow.py)."""
    flow = Outflow()
    return flow.spliced(_serialize(document(edition, lang, flow)))


def document(edition: Edition, lang: str, flow: Outflow | None = None) -> etree._Element:
    """The <akomaNtoso> element of one language expression; with `flow`, each
    part of its body is written out there as soon as it is written."""
    language_code(edition, lang)  # an unknown language fails before anything is written
    akn = root("akomaNtoso")
    act = sub(akn, "act", name=work_of(edition).subtype, contains=_CONTAINS.get(edition.kind))
    preface(act, edition, lang)
    blocks = BlockWriter(InlineWriter(edition, lang, division_scopes(edition.agreement, edition.numbering)))
    preamble(act, edition, blocks)
    BodyWriter(blocks).body(act, flow)
    conclusions(act, edition, lang)
    for part in act:  # the language of the text, region included (fr-BE); <meta> holds none
        part.set(XML_LANG, edition.languages[lang].tag)
    act.insert(0, meta(act, edition, lang, blocks.mods))  # it names the <mod>s the body holds
    return akn


def _serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
