"""A long document's body and notes, written out as XML as they go.

A 20,000-article NL|FR document held whole as lxml trees took 2 GiB for an
11 MB file. The body (and the footnotes part) holds only what the writer
may still change: the rest is serialised, KEPT elements at a time, and let
go, packed past PACK_FROM bytes (the NL|FR document's XML alone was 150 MB);
saving splices it back, and the file is byte for byte the one the whole
tree would give.

An element the writer is still filling (the side-by-side text table, a row
at a time) is written out child by child. Its start (start tag and first
children, the head: a table's properties and grid) goes out with its first
written children, and is dropped from what the body gives afterwards.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from lxml import etree

#: top-level elements and children of the open element held before they
#: are written out (2,000 held 40 MB more while the NL|FR document of
#: 20,000 articles was written, in the same time)
KEPT = 500
#: the bytes of XML written out before the rest is kept packed: a shorter
#: document is saved sooner without (32 MB held 30 MB more while the NL|FR
#: document of 20,000 articles was written; 4 MB costs that of 2,000 4 %)
PACK_FROM = 4 << 20
_END, _HEAD, _START = (f"bocompile-{name}" for name in ("end", "head", "start"))


class Outflow:
    """A part's container element being filled (w:body, w:footnotes): new
    elements go at its end, or before `last` (the body's w:sectPr)."""

    def __init__(self, container: etree._Element, last: etree._Element | None = None) -> None:
        self.container, self.last = container, last
        self._start_tag = f"<{container.prefix}:{etree.QName(container).localname}".encode()  # where it is in the part
        self.written: list[bytes] = []  # the XML of what the container no longer holds, in order
        self._size = 0  # its bytes
        self.packed: list[bytes] = []  # the rest of it, past PACK_FROM bytes, packed
        self._packer = zlib.compressobj(1)  # the fastest level: it is unpacked once, when saved
        self._head = b""  # the start of its first element, already written out
        self._partial: etree._Element | None = None  # that element
        self._held = len(container) - (last is not None)  # lxml would count them one by one
        self._load = self._held  # those, and the children counted in the open elements
        self._open: etree._Element | None = None  # the element still being filled, the last
        self._head_size = 0  # its children when it was opened
        self._counted: etree._Element | None = None  # its last child counted
        self._ready = 0  # its children counted, not written out

    def append(self, elements) -> None:
        self._open = None  # what follows an open element closes it
        for element in elements:
            if self.last is None:
                self.container.append(element)
            else:
                self.last.addprevious(element)
            self._held += 1
            self._load += 1

    def open(self, element) -> None:
        """Append `element`, which the writer goes on filling, until anything
        else is appended, with children it no longer changes once added (a
        table's rows)."""
        self.append([element])
        self._open, self._head_size, self._ready = element, len(element), 0
        self._counted = element[-1] if len(element) else None

    def spill(self, keep: int = 0) -> None:
        """Write out all but the last `keep` top-level elements (the writer
        may still change them), and the children of the open element, once
        there are KEPT of them."""
        if self._open is not None:
            assert not keep, "the open element is the last one, and what it holds is done"
            self._count()
            if self._load < KEPT:
                return
            if self._ready:
                self._spill_into()
                return
            keep = 1  # nothing in it yet to write out: it stays
        ready = self._held - keep
        if self._load < KEPT or not ready:
            return
        body = self.container
        end = _marker(_END)
        body[ready - 1].addnext(end)
        self._write(self._taken(_serialised(body)))
        del body[: ready + 1]  # by slice, no proxy is made: libxml2 frees them at once
        self._held = self._load = keep
        self._head, self._partial = b"", None  # the first element, partly written out before, is gone whole

    def pieces(self, part: bytes) -> Iterator[bytes]:
        """The XML of the document part, what was written out back in place,
        in pieces: joined, they would hold the whole part in memory once more."""
        if not self.written and not self.packed:
            yield part
            return
        start = part.index(b">", part.index(self._start_tag)) + 1
        yield part[:start]
        yield from self.written
        if self.packed:
            unpacker = zlib.decompressobj()
            for packed in (*self.packed, self._packer.flush()):
                yield unpacker.decompress(packed)
            yield unpacker.flush()
        yield self._without_head(part[start:])

    def _write(self, xml: bytes) -> None:
        """Keep `xml`, packed once much is kept: the XML of a long document is
        ten times its packed size."""
        if self._size < PACK_FROM:
            self.written.append(xml)
            self._size += len(xml)
        else:
            self.packed.append(self._packer.compress(xml))

    def _count(self) -> None:
        """Count the children added to the open element since the last spill."""
        assert self._open is not None, "only an open element grows"
        added = self._counted.itersiblings() if self._counted is not None else self._open.iterchildren()
        for child in added:
            self._ready += 1
            self._load += 1
            self._counted = child

    def _spill_into(self) -> None:
        """Write out the whole elements before the open one and its children
        so far, its start too if that is not out yet."""
        element = self._open
        assert element is not None, "only an open element is written out child by child"
        body = self.container
        element.append(_marker(_END))
        markers = [element[-1]]
        fresh = element is not self._partial  # its start goes out now: mark where it ends
        if fresh:
            element.addprevious(_marker(_START))
            element[self._head_size].addprevious(_marker(_HEAD))
            markers += [element.getprevious(), element[self._head_size]]
        xml = self._taken(_serialised(body))  # the element partly written before, if any, goes out whole
        for marker in markers:
            (body if marker.getparent() is body else element).remove(marker)
        if fresh:
            opening, rest = xml.split(_pi(_START))
            self._head, rows = rest.split(_pi(_HEAD))
            xml = opening + self._head + rows
            self._partial = element
        self._write(xml)
        del body[: body.index(element)]
        del element[self._head_size :]
        self._held = self._load = 1
        self._ready = 0
        self._counted = element[-1] if len(element) else None

    def _taken(self, xml: bytes) -> bytes:
        """The body's content in `xml`, up to the end marker, without the start
        of its first element when that is written out already."""
        content = xml[xml.index(b">") + 1 : xml.index(_pi(_END))]
        return self._without_head(content)

    def _without_head(self, content: bytes) -> bytes:
        assert content.startswith(self._head), "a partly written element starts the body"
        return content[len(self._head) :]


def _marker(name: str):
    return etree.ProcessingInstruction(name)


def _pi(name: str) -> bytes:
    return etree.tostring(_marker(name))


def _serialised(body) -> bytes:
    return etree.tostring(body, encoding="UTF-8")
