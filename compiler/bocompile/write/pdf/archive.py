"""Make LibreOffice's PDF/A reproducible: the dates it stamps from the clock
become the edition's date, and the document /ID is derived from the content.

LibreOffice writes the clock's time into the document information, the
XMP metadata and the header of the sRGB colour profile of the PDF/A output
intent (made by lcms on each export), and a random /ID and a /DocChecksum of all that in the trailer; everything else it
writes is the same from run to run (font subsets are tagged BAAAAA+,
CAAAAA+... in order). pikepdf rewrites the file; the XMP keeps its PDF/A-2b
identification.
"""

from __future__ import annotations

import datetime as dt
import io
import struct

import pikepdf


def reproducible(data: bytes, date: dt.date) -> bytes:
    """`data` with every date set to `date` (midnight UTC) and a content-derived /ID."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return _reproducible(pdf, date)


def _reproducible(pdf: pikepdf.Pdf, date: dt.date) -> bytes:
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            if key in meta or key == "xmp:CreateDate":
                meta[key] = stamp.isoformat().replace("+00:00", "Z")
    for intent in pdf.Root.get("/OutputIntents", ()):
        if "/DestOutputProfile" in intent:
            profile = intent.DestOutputProfile
            profile.write(_dated_profile(profile.read_bytes(), stamp))
    info = pdf.docinfo
    info["/CreationDate"] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%SZ"))
    if "/ModDate" in info:
        info["/ModDate"] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%SZ"))
    for key in ("/ID", "/DocChecksum"):  # qpdf keeps the first half of an existing /ID;
        if key in pdf.trailer:  # LibreOffice's checksum covers its clock
            del pdf.trailer[key]
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def _dated_profile(icc: bytes, stamp: dt.datetime) -> bytes:
    """An ICC profile whose creation date (header bytes 24-35) is `stamp`;
    lcms leaves the profile id (bytes 84-99) zero, so nothing else changes."""
    date = struct.pack(">6H", stamp.year, stamp.month, stamp.day, 0, 0, 0)
    return icc[:24] + date + icc[36:] if len(icc) >= 128 else icc
