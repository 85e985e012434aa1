"""Building Akoma Ntoso elements with lxml: the namespace in one place.

Every element of the writer is made here, so no module spells the
namespace or handles text/tail bookkeeping of mixed content itself.
"""

from __future__ import annotations

from lxml import etree

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def root(tag: str, **attrs: str | None) -> etree._Element:
    """The document element, declaring the AKN namespace as the default one."""
    element = etree.Element(f"{{{NAMESPACE}}}{tag}", nsmap={None: NAMESPACE})
    _set(element, attrs)
    return element


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    """Append a child; attributes given as None are left out."""
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    _set(element, attrs)
    if text is not None:
        element.text = text
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Add text after the last child (its tail) or, with no child yet, to the parent."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def keep_inline(element: etree._Element) -> etree._Element:
    """Stop pretty-printing from indenting inside inline content.

    libxml2 indents an element whose children are all elements; inside a
    <p> that would add spaces to the text. An empty text node prevents it.
    """
    if element.text is None and len(element):
        element.text = ""
    return element


def _set(element: etree._Element, attrs: dict[str, str | None]) -> None:
    for name, value in attrs.items():
        if value is not None:
            element.set(name, value)
