"""A long text's <body>, written out as pretty-printed XML a part at a time.

The consolidated AKN of 20,000 articles held whole as an lxml tree took
350 MB for a 56 MB file. Each part is written into a body at the same
depth of a document of its own (`holder`), so that libxml2 indents it as it
would in place (lxml's own `indent` differs from it in mixed content); it
is serialised there, cut out, packed (XML packs to a tenth: the parts of
that text held 53 MB as they were) and let go, and a placeholder stands for
it in the real body. The file splices the parts back, byte for byte what
the whole tree gives. (Serialising the whole document each time cost a
consolidated text its preface, the list of its 2,000 amendments, each time;
moving each part out of it, lxml's walk of every node it moves.)
"""

from __future__ import annotations

import io
import zlib

from lxml import etree

_PART = "bocompile-part"


class Outflow:
    """The parts of a body written out so far, in order."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []  # packed, the fastest level: each is unpacked once
        self._holder: etree._Element | None = None  # the body of a document of its own

    def holder(self, body: etree._Element) -> etree._Element:
        """Where the next part of `body` is written: an element with its tag
        and those above it, in a document of its own."""
        if self._holder is None:
            above = [body, *body.iterancestors()]
            self._holder = etree.Element(above[-1].tag, nsmap=above[-1].nsmap)
            for element in reversed(above[:-1]):
                self._holder = etree.SubElement(self._holder, element.tag)
        return self._holder

    def spill(self, body: etree._Element) -> None:
        """Write out what the holder holds; a placeholder in `body` stands for it."""
        holder = self.holder(body)
        if not len(holder):
            return
        xml = etree.tostring(holder.getroottree(), encoding="UTF-8", pretty_print=True)
        start, end = (f"<{close}{etree.QName(holder).localname}>".encode() for close in ("", "/"))
        self.pieces.append(zlib.compress(xml[xml.index(start) + len(start) : xml.rindex(end)].strip(), 1))
        del holder[:]  # by slice: libxml2 frees them at once
        body.append(_placeholder(len(self.pieces) - 1))

    def spliced(self, skeleton: bytes) -> bytes:
        """The file: `skeleton` (the document serialised as it stands) with
        each placeholder replaced by the piece it stands for, unpacked one at
        a time into one buffer the size of the file (BytesIO gives its own
        buffer up rather than copy it)."""
        out, at, view = io.BytesIO(), 0, memoryview(skeleton)
        for index, piece in enumerate(self.pieces):
            mark = etree.tostring(_placeholder(index))
            found = skeleton.index(mark, at)  # text cannot hold "<?": it is escaped
            out.write(view[at:found])
            out.write(zlib.decompress(piece))
            at = found + len(mark)
        out.write(view[at:])
        return out.getvalue()


def _placeholder(index: int) -> etree._Element:
    """What stands in the body for the `index`-th piece written out."""
    return etree.ProcessingInstruction(_PART, str(index))
