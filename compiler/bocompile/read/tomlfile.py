"""TOML text to a dict, every failure a diagnostic at its line.

tomllib reports syntax errors in its message ("at line 3") and recurses
once per nesting level, so a value nested a few hundred levels deep ends
in RecursionError; that is reported at the line where the nesting passes
MAX_DEPTH.
"""

from __future__ import annotations

import re
import tomllib

from bocompile.diagnostics import Diagnostic, Loc, SourceError

#: deeper nesting of arrays and inline tables is reported (docs/format.md)
MAX_DEPTH = 100
#: strings, comments and brackets, to find the nesting outside strings
_TOKENS = re.compile(r'"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}\n]', re.S)


def parse_toml(text: str, name: str) -> dict:
    """The table in `text` (the file `name`); SourceError at the faulty line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else 1
        reason = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        message = f"{name.rsplit('/', 1)[-1]} is not valid TOML: {reason}"
    except RecursionError:
        line = _too_deep(text)
        message = f"values are nested more than {MAX_DEPTH} levels deep; flatten them"
    raise SourceError([Diagnostic(Loc(name, line), message)])


def _too_deep(text: str) -> int:
    """The line where brackets outside strings first nest past MAX_DEPTH."""
    depth, line = 0, 1
    for token in _TOKENS.finditer(text):
        value = token.group()
        if value in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif value in "]}":
            depth = max(depth - 1, 0)
        line += value.count("\n")
    return 1
