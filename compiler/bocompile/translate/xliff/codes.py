"""Inline markup as XLIFF inline codes, and back.

A code's id names its kind and its rank among the unit's codes of that kind:
i1 (emphasis), b1 (strong), a1 (link), br1 (line break), r1 (a [[key]]
reference), n1 (a footnote anchor). A target code corresponds to the source
code with its id, as XLIFF says; so each language keeps its own link URLs
and every reference its key. References and footnote anchors cannot be
deleted, copied or reordered: every language holds the same ones, in order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from bocompile.diagnostics import Loc
from bocompile.model import Emphasis, Footnote, LineBreak, Link, Reference, Strong, Text
from bocompile.translate.xliff import NS, q

#: model type -> (id prefix, element)
KINDS = {
    Emphasis: ("i", "pc"),
    Strong: ("b", "pc"),
    Link: ("a", "pc"),
    LineBreak: ("br", "ph"),
    Reference: ("r", "ph"),
    Footnote: ("n", "ph"),
}
ELEMENTS = {prefix: element for prefix, element in KINDS.values()}
#: codes every language must keep, in order: the languages' references and notes must match
PROTECTED = ("r", "n")
CODE_ID = re.compile(r"(i|b|a|br|r|n)([1-9][0-9]*)")


def _prefix(code_id: str) -> str:
    """The kind of a code id the encoder wrote or read() checked: "r" of "r2"."""
    match = CODE_ID.fullmatch(code_id)
    assert match is not None, f"{code_id!r} is no code id"
    return match.group(1)


class CodeError(Exception):
    """Inline content bocompile cannot take back; `line` in the XLIFF file."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass
class Encoder:
    """Writes one language's texts of one unit as XLIFF inline content,
    numbering codes across the unit; remembers what each code stands for."""

    unit_id: str
    number: Callable[[str], str]  # a [[key]] as it reads in this language
    counts: Counter = field(default_factory=Counter)
    links: dict[str, str] = field(default_factory=dict)  # code id -> URL
    keys: dict[str, str] = field(default_factory=dict)  # code id -> division key
    notes: dict[str, Footnote] = field(default_factory=dict)  # code id -> footnote

    def write(self, parent: etree._Element, inlines) -> None:
        for node in inlines:
            if isinstance(node, Text):
                _append(parent, node.value)
            elif isinstance(node, (Emphasis, Strong)):
                marker = "*" if isinstance(node, Emphasis) else "**"
                subtype = "xlf:i" if isinstance(node, Emphasis) else "xlf:b"
                self.write(
                    self._code(parent, node, type="fmt", subType=subtype, dispStart=marker, dispEnd=marker),
                    node.children,
                )
            elif isinstance(node, Link):
                code = self._code(parent, node, type="link", dispStart="[", dispEnd=f"]({node.url})")
                self.links[code.get("id")] = node.url
                self.write(code, node.children)
            elif isinstance(node, LineBreak):
                self._code(parent, node, type="fmt", subType="xlf:lb", disp="\\")
            elif isinstance(node, Reference):
                code = self._code(
                    parent,
                    node,
                    type="other",
                    subType="bocompile:ref",
                    canDelete="no",
                    disp=f"[[{node.key}]]",
                    equiv=self.number(node.key),
                )
                self.keys[code.get("id")] = node.key
            elif isinstance(node, Footnote):
                code = self._code(parent, node, type="other", subType="bocompile:note", canDelete="no")
                code.set("subFlows", self.note_unit(code.get("id")))
                self.notes[code.get("id")] = node

    def note_unit(self, code_id: str) -> str:
        """The id of the unit holding the text of footnote `code_id`."""
        return f"{self.unit_id}-{code_id}"

    def _code(self, parent, node, **attributes) -> etree._Element:
        prefix, element = KINDS[type(node)]
        self.counts[prefix] += 1
        code = etree.SubElement(parent, q(element), id=f"{prefix}{self.counts[prefix]}")
        for name, value in attributes.items():
            code.set(name, value)
        return code


def keep_order(content: etree._Element) -> None:
    """References and note anchors stand in the same order in every language
    (the languages must match): one sequence that cannot be reordered,
    copied or deleted, as XLIFF says it with canReorder="firstNo", then "no"."""
    fixed = [code for code in content.iter(q("ph"), q("pc")) if _prefix(code.get("id")) in PROTECTED]
    for index, code in enumerate(fixed):
        code.set("canCopy", "no")
        code.set("canReorder", "no" if index else "firstNo")


def _append(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@dataclass(frozen=True)
class Code:
    """An inline code read from a <source> or <target>."""

    id: str
    element: str  # "ph" | "pc"
    line: int
    children: tuple = ()  # a <pc>'s content

    @property
    def prefix(self) -> str:
        return _prefix(self.id)


def read(element: etree._Element) -> tuple:
    """The content of `element`: strings and Codes, annotations (<mrk>)
    unwrapped, code points (<cp>) as characters, comments skipped. Codes
    bocompile never writes (<sc>, <ec>, an id it does not know) are refused."""
    items: list = [element.text] if element.text else []
    for child in element:
        if not isinstance(child.tag, str):  # a comment or a processing instruction
            items.extend([child.tail] if child.tail else [])
            continue
        tag = etree.QName(child).localname
        if etree.QName(child).namespace != NS or tag not in ("ph", "pc", "mrk", "cp"):
            raise CodeError(
                child.sourceline or 0,
                f"<{tag}> cannot stand in a translation here; keep the codes of the source (<ph>, <pc>)",
            )
        if tag == "mrk":
            items.extend(read(child))
        elif tag == "cp":
            items.append(_code_point(child))
        else:
            code_id = child.get("id", "")
            known = CODE_ID.fullmatch(code_id)
            if not known or ELEMENTS[known.group(1)] != tag:
                raise CodeError(
                    child.sourceline or 0,
                    f"<{tag} id=\"{code_id}\"> is not a code of this unit's source; keep the source's codes",
                )
            items.append(Code(code_id, tag, child.sourceline or 0, read(child) if tag == "pc" else ()))
        if child.tail:
            items.append(child.tail)
    return tuple(items)


def _code_point(element: etree._Element) -> str:
    try:
        return chr(int(element.get("hex", ""), 16))
    except (ValueError, OverflowError):
        raise CodeError(element.sourceline or 0, f'<cp hex="{element.get("hex")}"> is not a code point') from None


def codes(items: tuple) -> list[Code]:
    """Every code in `items`, in document order, outer ones first."""
    out = []
    for item in items:
        if isinstance(item, Code):
            out.append(item)
            out.extend(codes(item.children))
    return out


@dataclass(frozen=True)
class Meaning:
    """What the codes of one unit stand for, in the target language."""

    links: dict[str, str]  # code id -> URL (the target's own, else the source's)
    keys: dict[str, str]  # code id -> key
    notes: dict[str, Footnote]  # code id -> the note (its text comes from its own unit)
    loc: Loc  # where references are, for messages


def inlines(items: tuple, meaning: Meaning) -> tuple:
    """Model inlines for content read from a target."""
    out: list = []
    for item in items:
        if isinstance(item, str):
            out.append(Text(item))
            continue
        prefix = item.prefix
        if prefix == "i":
            out.append(Emphasis(inlines(item.children, meaning)))
        elif prefix == "b":
            out.append(Strong(inlines(item.children, meaning)))
        elif prefix == "a":
            if item.id not in meaning.links:
                raise CodeError(
                    item.line,
                    f"link {item.id} is in no version of this text, so it has no address; keep the source's links",
                )
            out.append(Link(meaning.links[item.id], inlines(item.children, meaning)))
        elif prefix == "br":
            out.append(LineBreak())
        elif item.id not in (meaning.keys if prefix == "r" else meaning.notes):
            raise CodeError(item.line, f"{item.id} is not in the text of the sources now; export again")
        elif prefix == "r":
            out.append(Reference(meaning.keys[item.id], meaning.loc))
        else:
            out.append(meaning.notes[item.id])
    return join(out)


def join(nodes) -> tuple:
    """Neighbouring texts merged, empty ones dropped: as the reader gives them."""
    out: list = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.value:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].value + node.value)
                continue
        out.append(node)
    return tuple(out)
