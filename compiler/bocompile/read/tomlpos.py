"""Line numbers for TOML keys.

tomllib (the standard parser) gives values but no positions; diagnostics
need `file:line`. This maps each key path to the line that defines it by
following table headers and `key =` lines; it only locates, never parses
values.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\-\"' ]+?)\s*=")


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def key_lines(text: str) -> dict[tuple, int]:
    """Map of key path (strings and array indexes) to 1-based line."""
    lines: dict[tuple, int] = {}
    counters: dict[tuple, int] = {}
    table: tuple = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = _split(header.group(2))
            if header.group(1) == "[[":
                parent = _resolve(names[:-1], counters)
                array = parent + (names[-1],)
                counters[array] = counters.get(array, -1) + 1
                table = array + (counters[array],)
            else:
                table = _resolve(names, counters)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(table + _split(key.group(1)), number)
    return lines


def _resolve(names: tuple[str, ...], counters: dict[tuple, int]) -> tuple:
    """Insert the current index after each array-of-tables name."""
    path: tuple = ()
    for name in names:
        path += (name,)
        if path in counters:
            path += (counters[path],)
    return path


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """Line of `path`, or of its nearest defined ancestor (1 if none)."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
