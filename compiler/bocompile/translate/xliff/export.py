"""Export: one XLIFF 2.1 file for the reference language and one target.

A <file> per Markdown file (original = its name), carrying the sha256 of
the target's file so that import can refuse a file changed since; a
<unit> per title, block or footnote with a note naming the article; the
segment's state from the ledger: reviewed (aligned), initial (stale: the
reference changed since), translated (never aligned).
"""

from __future__ import annotations

import hashlib

from lxml import etree

from bocompile.compose.inputs import languages_of
from bocompile.diagnostics import UsageProblem
from bocompile.load import Loaded
from bocompile.project import SOURCE_LIMIT
from bocompile.translate.status import review
from bocompile.translate.xliff import FILE_HASH, LOCATION, NS, VERSION, q
from bocompile.translate.xliff.codes import keep_order
from bocompile.translate.xliff.segments import XUnit, exchange

#: segment state for a unit's translation status (None: aligned)
STATES = {"stale": "initial", "new": "translated", None: "reviewed"}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def targets(loaded: Loaded) -> tuple[str, ...]:
    return loaded.config.languages[1:]


def check_target(loaded: Loaded, target: str) -> None:
    if target not in targets(loaded):
        raise UsageProblem(
            f"--to {target}: translations go from {loaded.config.languages[0]} to "
            f"{', '.join(targets(loaded)) or 'no other language'}"
        )


def export(loaded: Loaded, target: str) -> bytes:
    check_target(loaded, target)
    reference = loaded.config.languages[0]
    tags = {code: language.locale.replace("_", "-") for code, language in languages_of(loaded).items()}
    status = review(loaded)[target]
    root = etree.Element(q("xliff"), nsmap={None: NS}, version=VERSION, srcLang=tags[reference], trgLang=tags[target])
    files: dict[str, etree._Element] = {}
    for xunit in exchange(loaded, target):
        if xunit.file not in files:
            files[xunit.file] = _file(root, loaded, target, xunit.file)
        _unit(files[xunit.file], xunit, STATES[status.get(xunit.unit.id)])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def unit_element(xunit: XUnit, state: str) -> etree._Element:
    """The <unit> of `xunit` as export writes it (import compares with it)."""
    holder = etree.Element(q("file"))
    _unit(holder, xunit, state)
    return holder[0]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file(root, loaded: Loaded, target: str, name: str) -> etree._Element:
    element = etree.SubElement(root, q("file"), id=f"f{len(root) + 1}", original=name)
    element.set(XML_SPACE, "preserve")
    data = loaded.project.read_bytes(loaded.project.language_dir(target) / name, SOURCE_LIMIT)
    notes = etree.SubElement(element, q("notes"))
    etree.SubElement(notes, q("note"), category=FILE_HASH).text = file_hash(data)
    return element


def _unit(parent, xunit: XUnit, state: str) -> None:
    unit = etree.SubElement(parent, q("unit"), id=xunit.id)
    notes = etree.SubElement(unit, q("notes"))
    etree.SubElement(notes, q("note"), category=LOCATION).text = xunit.note
    for segment in xunit.segments:
        element = etree.SubElement(unit, q("segment"), state=state if segment.target else "initial")
        source = etree.SubElement(element, q("source"))
        xunit.source.write(source, segment.source)
        keep_order(source)
        if segment.target:
            target = etree.SubElement(element, q("target"))
            xunit.target.write(target, segment.target)
            keep_order(target)
