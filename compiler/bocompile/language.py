"""Language as data: labels and patterns from templates/lang/<lang>.toml.

The packaged default of each language is complete; a project's own file
overrides it key by key, and every key remembers the file and line that set
it, so a diagnostic names the file the offending wording really came from.
Each value is a Jinja2 template rendered in the sandbox with StrictUndefined,
so the legal service can reword "Artikel {{ n }}" without touching code, and
a third language is a new file, not new branches.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names
from babel.numbers import format_decimal, get_group_symbol
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from bocompile.diagnostics import Diagnostic, Loc, Report, SourceError
from bocompile.kept import again
from bocompile.project import Project
from bocompile.read.tomlfile import parse_toml
from bocompile.read.tomlpos import key_lines, line_of
from bocompile.template_files import find, shown
from bocompile.typography import Typography, typeset

#: values whose equality means the same text (not so 1 and True, or Decimal 1 and 1.0)
_PLAIN = frozenset({str, int, bool, type(None)})
_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
#: a `{{ name }}` slot, and the words around slots that Jinja gives back as they are
_SLOT = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}")
_WORDS = re.compile(r"[^{}\r]*")
#: names Jinja reads as constants or operators, not as values
_LITERALS = frozenset({"true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else"})


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    strings: dict
    origins: dict  # key path -> the Loc that set it (project file or packaged default)
    typography: Typography = Typography()
    #: (template, values) -> its text: templates are pure, and a long agreement
    #: words the same label or date thousands of times
    rendered: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    #: every template name rendered so far: `check` proves the others (proof.py)
    asked: set = field(default_factory=set, init=False, compare=False, repr=False)

    @property
    def tag(self) -> str:
        """The locale as a BCP 47 language tag (nl_BE -> nl-BE), for document metadata."""
        return self.locale.replace("_", "-")

    def render(self, name: str, /, **values) -> str:
        """Render the template at dotted `name` (e.g. "label.article"), typeset."""
        self.asked.add(name)
        if not all(type(value) in _PLAIN for value in values.values()):  # a list of totals, a Decimal
            return self._render(name, values)
        key = (name, *(item for k in sorted(values) for item in (k, type(values[k]), values[k])))  # one flat tuple
        try:
            return self.rendered[key]
        except KeyError:
            text = self.rendered[key] = self._render(name, values)
            return text

    def afresh(self) -> Language:
        """This wording for another run: what it rendered stays known, what
        was asked is asked anew (a kept Language, kept.py)."""
        fresh = replace(self)
        fresh.rendered.update(self.rendered)
        return fresh

    def _render(self, name: str, values: dict) -> str:
        source: object = self.strings
        for step in name.split("."):
            if not isinstance(source, dict) or step not in source:
                raise self._error(name, f"template '{name}' is missing; add it to templates/lang/{self.code}.toml")
            source = source[step]
        try:
            text = _compile(str(source)).render(**values)
        except Exception as exc:  # the legal service edits these: any failure is theirs to fix
            raise self._error(
                name,
                f"template '{name}' cannot be rendered: {exc}; values available: {', '.join(sorted(values)) or 'none'}",
            ) from None
        return typeset(text, self.typography)

    def _error(self, name: str, message: str) -> SourceError:
        return SourceError([Diagnostic(_locate(self.origins, tuple(name.split("."))), message)])

    def number(self, kind: str, n: str) -> str:
        """How the number of a `kind` reads in running text ("1er")."""
        return self.render(f"number.{kind}", n=n)

    def label(self, kind: str, n: str) -> str:
        return self.render(f"label.{kind}", n=self.number(kind, n))

    def date(self, day: dt.date, style: str = "text") -> str:
        """A date in words ("1er janvier 2019"); month names come from Babel."""
        return self.render(f"date.{style}", day=day.day, year=day.year, month=month_name(self.locale, day.month))

    def figure(self, value: Decimal, grouping: str) -> str:
        """A figure per Babel; grouping "dot" forces Belgian official 206.746."""
        return _figure(str(value), self.locale, grouping)


@functools.lru_cache(maxsize=8192)  # a budget's figures stand in every edition and language
def _figure(value: str, locale: str, grouping: str) -> str:
    """The figure written `value` (a Decimal's own text: 1.50 stays 1.50)."""
    text = format_decimal(Decimal(value), locale=locale)
    if grouping == "dot":
        text = text.replace(get_group_symbol(locale), ".")
    return text


@functools.cache
def _compile(source: str):
    if "{" not in source and "\r" not in source:  # no tag, expression or comment: Jinja would give it back
        return _Verbatim(source.removesuffix("\n"))  # as Jinja does (keep_trailing_newline=False)
    pieces = _SLOT.split(source)  # words, name, words, name, ..., words
    names = pieces[1::2]
    if all(_WORDS.fullmatch(words) for words in pieces[::2]) and not _LITERALS.intersection(names):
        pieces[-1] = pieces[-1].removesuffix("\n")
        return _Substitution(source, tuple(pieces))
    return _ENV.from_string(source)


@dataclass(frozen=True)
class _Verbatim:
    """A wording without any template syntax ("Huidige tekst"): most labels
    are, and compiling each with Jinja was a third of `check`'s own time."""

    text: str

    def render(self, **_values) -> str:
        return self.text


@dataclass(frozen=True)
class _Substitution:
    """A wording of words and `{{ name }}` slots alone ("Artikel {{ n }}"),
    as most labels and formulas are: Jinja's render of it, without a Jinja
    context made for each (the largest cost of composing 200 instruments).
    A slot no value fills goes to Jinja, which says what is undefined."""

    source: str
    pieces: tuple[str, ...]  # words, name, words, ..., words

    def render(self, **values) -> str:
        if not all(name in values for name in self.pieces[1::2]):
            return _ENV.from_string(self.source).render(**values)
        return "".join(piece if index % 2 == 0 else str(values[piece]) for index, piece in enumerate(self.pieces))


def load_language(project: Project, code: str) -> Language:
    """The wording of `code`: the packaged default, overridden key by key by
    the project's templates/lang/<code>.toml."""
    template = find(project.root, f"lang/{code}.toml")
    layers = [(file, shown(file, project.root)) for file in (template.default, template.own) if file]
    if not layers:
        rel = f"templates/lang/{code}.toml"
        raise SourceError(
            [
                Diagnostic(
                    Loc(rel, 1),
                    f"no wording for language '{code}': create {rel} "
                    "with every key of a packaged one (bocompile templates copy "
                    "lang/fr.toml, then rename and translate it)",
                )
            ]
        )
    texts = tuple((project.template_text(file), where) for file, where in layers)
    return again(("language", code), texts, lambda: _wording(code, texts)).afresh()


def _wording(code: str, layers: tuple[tuple[str, str], ...]) -> Language:
    """The Language of `layers`: (text, file name shown) of each, the default first."""
    strings: dict = {}
    origins: dict[tuple, Loc] = {}
    report = Report()
    for index, (text, where) in enumerate(layers):
        data, lines = parse_toml(text, where), key_lines(text)
        _merge(strings, data, (), where, _first_lines(lines), origins, report, over_default=index > 0)
    report.raise_if_errors()
    if not isinstance(strings.get("locale"), str):
        raise SourceError([Diagnostic(_locate(origins, ("locale",)), 'locale must be a text such as "nl_BE"')])
    try:
        Locale.parse(strings["locale"])
    except (ValueError, TypeError, UnknownLocaleError):
        raise SourceError(
            [
                Diagnostic(
                    _locate(origins, ("locale",)),
                    f'locale {strings["locale"]!r} is not a locale Babel knows; write one such as "nl_BE"',
                )
            ]
        ) from None
    return Language(
        code,
        strings["locale"],
        strings,
        origins,
        _typography(strings.get("typography", {}), strings["locale"], origins),
    )


def _merge(
    into: dict,
    layer: dict,
    path: tuple,
    where: str,
    lines: dict[tuple, int],
    origins: dict[tuple, Loc],
    report: Report,
    over_default: bool,
) -> None:
    """Lay `layer` over `into` key by key, remembering where each key was set.

    A key the default lacks is added (the formula of an operation registered
    at run time); a value of another shape than the default's is an error, as
    it would break the wording."""
    for key, value in layer.items():
        here = path + (key,)
        loc = Loc(where, line_of(lines, here))
        if over_default and key in into and isinstance(into[key], dict) != isinstance(value, dict):
            shape = "a table of templates" if isinstance(into[key], dict) else "one template (a text)"
            report.error(loc, f"'{'.'.join(here)}' must be {shape}, as in the default wording")
            continue
        origins[here] = loc
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value, here, where, lines, origins, report, over_default)
        else:
            into[key] = value


def _first_lines(lines: dict[tuple, int]) -> dict[tuple, int]:
    """The line that starts each key path: its own, or the first of a dotted
    key under it (`done.x = ...`); one pass over the file's keys."""
    first: dict[tuple, int] = {}
    for key, line in lines.items():
        for end in range(1, len(key) + 1):
            if line < first.get(key[:end], line + 1):
                first[key[:end]] = line
    return first


def _locate(origins: dict[tuple, Loc], path: tuple) -> Loc:
    """Where `path` was set, or its nearest ancestor (the first file if none)."""
    for end in range(len(path), 0, -1):
        if path[:end] in origins:
            return origins[path[:end]]
    return next(iter(origins.values()), Loc("templates", 1))


#: [typography] keys: what each must hold
_TYPOGRAPHY = {"apostrophe": str, "space": str, "before": list, "after": list, "day_endings": list}


def _typography(table, locale: str, origins: dict[tuple, Loc]) -> Typography:
    """The [typography] table, checked; month names come from Babel."""

    def fail(key: str, message: str):
        return SourceError([Diagnostic(_locate(origins, ("typography", key)), message)])

    if not isinstance(table, dict):
        raise fail("", "typography must be a table: [typography]")
    for key, value in table.items():
        kind = _TYPOGRAPHY.get(key)
        if kind is None:
            raise fail(key, f"typography.{key} is unknown; known: {', '.join(_TYPOGRAPHY)}")
        if not isinstance(value, kind) or (
            kind is list and not all(isinstance(v, str) and (v or key == "day_endings") for v in value)
        ):
            what = "a list of non-empty strings" if kind is list else "a string"
            raise fail(key, f"typography.{key} must be {what}")
    if len(table.get("space", " ")) != 1 or len(table.get("apostrophe", "")) > 1:
        raise fail(
            "space" if len(table.get("space", " ")) != 1 else "apostrophe",
            "typography.space and typography.apostrophe are one character each",
        )
    return Typography(
        apostrophe=table.get("apostrophe", ""),
        space=table.get("space", "\u00a0"),
        before=tuple(table.get("before", ())),
        after=tuple(table.get("after", ())),
        day_endings=tuple(table.get("day_endings", ())),
        months=tuple(month_name(locale, m) for m in range(1, 13)),
    )


@functools.cache
def month_name(locale: str, month: int) -> str:
    return str(get_month_names("wide", locale=locale)[month])


def load_languages(project: Project, codes: Iterable[str]) -> dict[str, Language]:
    """The wording of each language of a project, by code."""
    return {code: load_language(project, code) for code in codes}
