"""Language as data: labels and patterns from templates/lang/<lang>.toml.

Each value is a Jinja2 template rendered in the sandbox with StrictUndefined,
so the legal service can reword "Artikel {{ n }}" without touching code, and
a third language is a new file, not new branches.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from decimal import Decimal
from dataclasses import dataclass
from pathlib import Path

from babel.dates import get_month_names
from babel.numbers import format_decimal, get_group_symbol
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from bocompile.diagnostics import Diagnostic, Loc, SourceError
from bocompile.read.tomlpos import key_lines, line_of
from bocompile.typography import Typography, typeset

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    strings: dict
    path: str
    lines: dict  # key path -> line in the file, for diagnostics
    typography: Typography = Typography()

    def render(self, name: str, /, **values) -> str:
        """Render the template at dotted `name` (e.g. "label.article"), typeset."""
        source: object = self.strings
        for step in name.split("."):
            if not isinstance(source, dict) or step not in source:
                raise self._error(name, f"template '{name}' is missing; add it to {self.path}")
            source = source[step]
        try:
            text = _compile(str(source)).render(**values)
        except Exception as exc:  # the legal service edits these: any failure is theirs to fix
            raise self._error(name, f"template '{name}' cannot be rendered: {exc}; "
                              f"values available: {', '.join(sorted(values)) or 'none'}") from None
        return typeset(text, self.typography)

    def _error(self, name: str, message: str) -> SourceError:
        return SourceError([Diagnostic(Loc(self.path, line_of(self.lines, tuple(name.split(".")))), message)])

    def number(self, kind: str, n: str) -> str:
        """How the number of a `kind` reads in running text ("1er")."""
        return self.render(f"number.{kind}", n=n)

    def label(self, kind: str, n: str) -> str:
        return self.render(f"label.{kind}", n=self.number(kind, n))

    def date(self, day: dt.date, style: str = "text") -> str:
        """A date in words ("1er janvier 2019"); month names come from Babel."""
        return self.render(f"date.{style}", day=day.day, year=day.year,
                           month=month_name(self.locale, day.month))

    def figure(self, value: Decimal, grouping: str) -> str:
        """A figure per Babel; grouping "dot" forces Belgian official 206.746."""
        text = format_decimal(value, locale=self.locale)
        if grouping == "dot":
            text = text.replace(get_group_symbol(self.locale), ".")
        return text


@functools.lru_cache(maxsize=None)
def _compile(source: str):
    return _ENV.from_string(source)


def load_language(templates: Path, code: str) -> Language:
    path = templates / "lang" / f"{code}.toml"
    rel = f"templates/lang/{code}.toml"
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise SourceError([Diagnostic(Loc(rel, 1), f"no language file for '{code}'; "
                                      f"create {rel} (copy templates/lang/nl.toml)")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError([Diagnostic(Loc(rel, 1), f"{rel} is not valid TOML: {exc}")]) from None
    if not isinstance(data.get("locale"), str):
        raise SourceError([Diagnostic(Loc(rel, 1), f"{rel} needs locale = \"nl_BE\" or similar")])
    lines = key_lines(text)
    return Language(code, data["locale"], data, rel, lines,
                    _typography(data.get("typography", {}), data["locale"], rel, lines))


#: [typography] keys: what each must hold
_TYPOGRAPHY = {"apostrophe": str, "space": str, "before": list, "after": list, "day_endings": list}


def _typography(table, locale: str, rel: str, lines: dict) -> Typography:
    """The [typography] table, checked; month names come from Babel."""
    def fail(key: str, message: str):
        return SourceError([Diagnostic(Loc(rel, line_of(lines, ("typography", key))), message)])

    if not isinstance(table, dict):
        raise fail("", f"typography in {rel} must be a table: [typography]")
    for key, value in table.items():
        kind = _TYPOGRAPHY.get(key)
        if kind is None:
            raise fail(key, f"typography.{key} is unknown; known: {', '.join(_TYPOGRAPHY)}")
        if not isinstance(value, kind) or (kind is list and not all(
                isinstance(v, str) and (v or key == "day_endings") for v in value)):
            what = "a list of non-empty strings" if kind is list else "a string"
            raise fail(key, f"typography.{key} must be {what}")
    if len(table.get("space", " ")) != 1 or len(table.get("apostrophe", "")) > 1:
        raise fail("space" if len(table.get("space", " ")) != 1 else "apostrophe",
                   "typography.space and typography.apostrophe are one character each")
    return Typography(
        apostrophe=table.get("apostrophe", ""), space=table.get("space", "\u00a0"),
        before=tuple(table.get("before", ())), after=tuple(table.get("after", ())),
        day_endings=tuple(table.get("day_endings", ())),
        months=tuple(month_name(locale, m) for m in range(1, 13)),
    )


def month_name(locale: str, month: int) -> str:
    return str(get_month_names("wide", locale=locale)[month])
