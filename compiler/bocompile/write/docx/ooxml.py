"""Small lxml builders for WordprocessingML.

The body is built as XML rather than through python-docx's object API,
which is slow on large documents. Elements are created in python-docx's
own parser so that python-docx can still read what we append.
"""

from __future__ import annotations

import functools

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _attrs(attrs: dict | None, w_attrs: dict) -> dict[str, str]:
    """Attributes by Clark name, in the order given (`w_attrs` win a clash)."""
    out = {_attribute(name): str(value) for name, value in attrs.items()} if attrs else {}
    out.update((_attribute(name), str(value)) for name, value in w_attrs.items())
    return out


@functools.cache
def _attribute(name: str) -> str:
    """The Clark name of attribute `name` ("w:" when it has no prefix): a
    document names the same few thousands of times."""
    return qn(name if ":" in name else f"w:{name}")


@functools.cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """The Clark name of `tag` and the namespace it declares when detached."""
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def make(tag: str, attrs: dict | None = None, **w_attrs):
    """A detached element (of python-docx's class for its tag, as
    docx.oxml.OxmlElement makes it); plain keyword attributes are in the w:
    namespace."""
    clark, declared = _tag(tag)
    return oxml_parser.makeelement(clark, _attrs(attrs, w_attrs), nsmap=declared)


def properties(parent, tag: str, children: list) -> None:
    """A properties element (w:pPr, w:rPr) holding `children` in the given
    (schema) order: (tag, attributes) pairs, or (tag, [pairs]) for nested
    ones; falsy entries are absent. Nothing at all when none is present."""
    present = [child for child in children if child]
    if present:
        _children(sub(parent, tag), present)


def _children(parent, children: list) -> None:
    for tag, content in children:
        if isinstance(content, list):
            _children(sub(parent, tag), content)
        else:
            sub(parent, tag, **content)


def sub(parent, tag: str, attrs: dict | None = None, **w_attrs):
    """A child element appended to `parent`."""
    if attrs is None and not w_attrs:  # most are bare (w:t, w:r)
        return etree.SubElement(parent, _tag(tag)[0])
    return etree.SubElement(parent, _tag(tag)[0], _attrs(attrs, w_attrs))


def text(parent, value: str, tag: str = "w:t"):
    """A w:t (or w:instrText) that keeps its leading and trailing spaces."""
    return _words(sub(parent, tag), value)


def _words(element, value: str):
    element.text = value
    if value != value.strip():
        element.set(XML_SPACE, "preserve")
    return element


def paragraph(
    style: str | None = None,
    *,
    jc: str | None = None,
    keep_next: bool = False,
    ind_left: int | None = None,
    num: tuple[int, int] | None = None,
    spacing: dict | None = None,
    tabs: list[tuple[str, int, str]] | None = None,
):
    """A w:p with the paragraph properties bocompile uses, in schema order.
    `tabs`: (alignment, position, leader) of each tab stop."""
    shell = _paragraph(
        style, jc, keep_next, ind_left, num, tuple(spacing.items()) if spacing else (), tuple(tabs or ())
    )
    return shell.__copy__()  # lxml copies the whole element, in C


@functools.lru_cache(maxsize=4096)
def _paragraph(style, jc, keep_next, ind_left, num, spacing, tabs):
    """The empty w:p of these properties, made once and copied: a document
    has tens of thousands of paragraphs and a few dozen kinds of them."""
    p = make("w:p")
    properties(
        p,
        "w:pPr",
        [
            style and ("w:pStyle", {"val": style}),
            keep_next and ("w:keepNext", {}),
            num and ("w:numPr", [("w:ilvl", {"val": num[1]}), ("w:numId", {"val": num[0]})]),
            tabs
            and (
                "w:tabs",
                [
                    ("w:tab", {"val": alignment, "pos": position, "leader": leader})
                    for alignment, position, leader in tabs
                ],
            ),
            spacing and ("w:spacing", dict(spacing)),
            ind_left is not None and ("w:ind", {"left": ind_left}),
            jc and ("w:jc", {"val": jc}),
        ],
    )
    return p


def run(
    value: str,
    *,
    bold: bool = False,
    italic: bool = False,
    style: str | None = None,
    lang: str | None = None,
    superscript: bool = False,
):
    """A w:r holding text; properties in schema order (rStyle, b, i, vertAlign, lang)."""
    r = _run(bold, italic, style, lang, superscript).__copy__()
    _words(r[-1], value)
    return r


@functools.lru_cache(maxsize=256)
def _run(bold, italic, style, lang, superscript):
    """The w:r of these properties with an empty w:t, made once and copied (as `_paragraph`)."""
    r = make("w:r")
    properties(
        r,
        "w:rPr",
        [
            style and ("w:rStyle", {"val": style}),
            bold and ("w:b", {}),
            italic and ("w:i", {}),
            superscript and ("w:vertAlign", {"val": "superscript"}),
            lang and ("w:lang", {"val": lang}),
        ],
    )
    sub(r, "w:t")
    return r


def keep_with_next(p):
    """Paragraph `p`, now kept on the page of the paragraph that follows it."""
    return _flag(p, "w:keepNext", ("w:pStyle",))


def break_before(p):
    """Paragraph `p`, now starting a page (no blank page when the one before is full)."""
    return _flag(p, "w:pageBreakBefore", ("w:pStyle", "w:keepNext", "w:keepLines"))


def _flag(p, tag: str, before: tuple[str, ...]):
    """Add the empty property `tag` to p's w:pPr, after the properties `before` it in schema order."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = make("w:pPr")
        p.insert(0, ppr)
    if ppr.find(qn(tag)) is None:
        position = sum(1 for child in ppr if child.tag in {qn(t) for t in before})
        ppr.insert(position, make(tag))
    return p


def page_break(p=None):
    """A page break at the end of paragraph `p` (so that a full page does not
    push the break itself onto a blank page), or in a paragraph of its own."""
    p = make("w:p") if p is None else p
    sub(sub(p, "w:r"), "w:br", type="page")
    return p


def field_runs(instruction: str) -> list:
    """A complex field with an empty result, as runs: begin, instruction,
    separate, end. The caller puts the result between separate and end."""
    begin = make("w:r")
    sub(begin, "w:fldChar", fldCharType="begin")
    instr = make("w:r")
    text(instr, f" {instruction} ", "w:instrText")
    separate = make("w:r")
    sub(separate, "w:fldChar", fldCharType="separate")
    end = make("w:r")
    sub(end, "w:fldChar", fldCharType="end")
    return [begin, instr, separate, end]


def simple_field(instruction: str, result: str):
    """A w:fldSimple (PAGE, NUMPAGES) with a cached result."""
    field = make("w:fldSimple", instr=f" {instruction} ")
    field.append(run(result))
    return field


def line(style: str, value: str, lang: str | None = None):
    """A paragraph of one plain run: title page, signature block."""
    p = paragraph(style)
    p.append(run(value, lang=lang))
    return p
