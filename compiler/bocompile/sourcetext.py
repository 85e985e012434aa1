"""Source bytes to text: UTF-8 with or without a BOM, any line ending, and
no invisible character that could make a signed text read differently
from what it says.

Line endings become "\\n" so that every reader (markdown-it, tomllib, csv)
counts lines alike; each fault is located at its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"

#: C0 controls but tab, line feed and carriage return; DEL and C1 controls;
#: bidirectional embeddings, overrides and isolates; line and paragraph
#: separators (a line break no reader counts as one).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: at most this many lines with forbidden characters are reported per file
MAX_REPORTED = 20


@dataclass(frozen=True)
class Fault:
    line: int
    column: int
    message: str


class TextFaults(Exception):
    """The file cannot be used as source text; carries every fault found."""

    def __init__(self, faults: list[Fault]):
        super().__init__(faults[0].message)
        self.faults = faults


def decode(data: bytes) -> str:
    """The text of a source file, line endings normalised to "\\n"."""
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TextFaults([_undecodable(body, error, len(data) - len(body))]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    faults = _forbidden(text)
    if faults:
        raise TextFaults(faults)
    return text


def _undecodable(body: bytes, error: UnicodeDecodeError, skipped: int) -> Fault:
    before = body[: error.start].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    return Fault(
        line,
        column,
        f"not UTF-8: byte 0x{body[error.start]:02X} (offset "
        f"{error.start + skipped} in the file) cannot be decoded; save the file as UTF-8",
    )


def _forbidden(text: str) -> list[Fault]:
    """One fault per line holding forbidden characters, at the first of them."""
    faults: list[Fault] = []
    line, counted = 1, 0
    match = FORBIDDEN.search(text)
    while match:
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if len(faults) == MAX_REPORTED:
            faults.append(
                Fault(line, 0, "more lines hold invisible or control characters; only the first ones are reported")
            )
            break
        column = match.start() - text.rfind("\n", 0, match.start())
        faults.append(Fault(line, column, _describe(match.group())))
        end = text.find("\n", match.start())
        match = FORBIDDEN.search(text, end) if end >= 0 else None
    return faults


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if char in _BIDI:
        return (
            f"bidirectional control character {code} ({name}) can make the text read "
            "differently from what it says; remove it"
        )
    if name:  # line and paragraph separators
        return f"{code} ({name}) is not a line break the source format knows; use a new line"
    return f"control character {code} is not text (an invisible or binary byte); remove it"
