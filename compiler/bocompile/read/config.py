"""`sources/agreement.toml`: the language-neutral facts of the agreement."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

from bocompile.diagnostics import Loc, Report
from bocompile.model.facts import AmendmentInfo, Config, Party, Signatory
from bocompile.project import CONFIG, Project
from bocompile.read.tomlpos import key_lines, line_of

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: what [output] formats may list (the build's formats; pdf needs LibreOffice)
OUTPUT_FORMATS = ("docx", "akn", "pdf")
LANG = re.compile(r"^[a-z]{2,3}$")


class _Fields:
    """Typed access to the parsed TOML that reports, rather than raises."""

    def __init__(self, data: dict, text: str, report: Report):
        self.data, self.report = data, report
        self.lines = key_lines(text)

    def loc(self, path: tuple) -> Loc:
        return Loc(CONFIG, line_of(self.lines, path))

    def get(self, path: tuple, kind: type | tuple, what: str) -> Any:
        value: Any = self.data
        for step in path:
            if isinstance(step, int):
                value = value[step]
            elif isinstance(value, dict) and step in value:
                value = value[step]
            else:
                self.report.error(self.loc(path), f"missing {'.'.join(map(str, path))} ({what})")
                return None
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # a datetime is a date in Python; a date field wants a plain date
        wrong = not isinstance(value, kinds) or (
            dt.date in kinds and isinstance(value, dt.datetime)
        ) or (int in kinds and isinstance(value, bool))
        if wrong:
            self.report.error(self.loc(path), f"{'.'.join(map(str, path))} must be {what}, "
                              f"not {type(value).__name__} {value!r}")
            return None
        return value

    def localized(self, path: tuple, languages: tuple[str, ...], what: str) -> dict[str, str]:
        table = self.get(path, dict, f"a table with one {what} per language")
        if table is None:
            return {}
        for lang in languages:
            self.get(path + (lang,), str, f"the {what} in '{lang}'")
        return {lang: table.get(lang, "") for lang in languages}

    def choice(self, path: tuple, options: tuple[str, ...]) -> str:
        value = self.get(path, str, " or ".join(f'"{o}"' for o in options))
        if value is not None and value not in options:
            self.report.error(self.loc(path), f"{path[-1]} must be one of "
                              f"{', '.join(options)}, not {value!r}")
        return value or options[0]


def read_config(project: Project, report: Report) -> Config | None:
    """Parse and type-check agreement.toml; None when it cannot be used."""
    text = project.read_text(project.root / CONFIG)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else 1
        reason = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        report.error(Loc(CONFIG, line), f"agreement.toml is not valid TOML: {reason}")
        return None
    f = _Fields(data, text, report)
    errors_before = len(report.diagnostics)

    ident = f.get(("id",), str, "a slug such as \"kanselarij-2019-2021\"") or ""
    if ident and not KEY.match(ident):
        report.error(f.loc(("id",)), f"id {ident!r} must be lower-case letters, digits and hyphens")
    languages = tuple(f.get(("languages",), list, 'a list such as ["nl", "fr"]') or ())
    for index, lang in enumerate(languages):
        if not isinstance(lang, str) or not LANG.match(lang):
            report.error(f.loc(("languages",)), f"language {lang!r} must be a code such as \"nl\"")
    if languages and len(set(languages)) != len(languages):
        report.error(f.loc(("languages",)), "languages lists a language twice")
    files = tuple(f.get(("files",), list, 'a list of part files such as ["definities.md"]') or ())
    for name in files:
        if not isinstance(name, str) or "/" in name or not name.endswith(".md"):
            report.error(f.loc(("files",)), f"files entry {name!r} must be a file name ending in .md")

    parties = []
    for p, _ in enumerate(f.get(("parties",), list, "an array of [[parties]] tables") or ()):
        signatories = tuple(
            Signatory(
                name=f.get(("parties", p, "signatories", s, "name"), str, "the signatory's name") or "",
                function=f.localized(("parties", p, "signatories", s, "function"), languages, "function"),
            )
            for s, _ in enumerate(f.get(("parties", p, "signatories"), list,
                                        "an array of [[parties.signatories]] tables") or ())
        )
        parties.append(Party(
            key=f.get(("parties", p, "key"), str, "a slug") or "",
            name=f.localized(("parties", p, "name"), languages, "name"),
            signatories=signatories,
        ))
    if not parties:
        report.error(f.loc(("parties",)), "the agreement needs at least one [[parties]] table")

    amendments = []
    for a, _ in enumerate(f.get(("amendments",), list, "an array of [[amendments]] tables") or ()):
        path = ("amendments", a)
        amendments.append(AmendmentInfo(
            id=f.get(path + ("id",), str, "the amendment's file name without .md") or "",
            number=f.get(path + ("number",), int, "a whole number") or 0,
            signed=f.get(path + ("signed",), dt.date, "a date such as 2020-06-15"),
            in_force=f.get(path + ("in_force",), dt.date, "a date such as 2020-07-01"),
            title=f.localized(path + ("title",), languages, "title"),
            loc=f.loc(path),
        ))

    formats, timeout = _output(f)
    config = Config(
        id=ident,
        kind=f.get(("kind",), str, "a string such as \"bestuursovereenkomst\"") or "",
        languages=languages,
        files=files,
        numbering=f.choice(("numbering",), ("slash", "latin")),
        grouping=f.choice(("grouping",), ("dot", "locale")),
        period_start=f.get(("period", "start"), dt.date, "a date such as 2019-01-01"),
        period_end=f.get(("period", "end"), dt.date, "a date such as 2021-12-31"),
        title=f.localized(("title",), languages, "title"),
        signing_date=f.get(("signing", "date"), dt.date, "a date such as 2019-03-28"),
        signing_place=f.localized(("signing", "place"), languages, "place"),
        parties=tuple(parties),
        amendments=tuple(amendments),
        loc=Loc(CONFIG, 1),
        files_loc=f.loc(("files",)),
        formats=formats,
        formats_loc=f.loc(("output", "formats")),
        pdf_timeout=timeout,
    )
    if config.period_start and config.period_end and config.period_start > config.period_end:
        report.error(f.loc(("period", "end")), "period.end is before period.start")
    return config if len(report.diagnostics) == errors_before else None


def _output(f: _Fields) -> tuple[tuple[str, ...], float]:
    """The optional [output] table: the default formats and the PDF step's timeout."""
    output = f.data.get("output", {})
    if not isinstance(output, dict):
        f.report.error(f.loc(("output",)), "output must be a table: [output]")
        return ("docx", "akn"), 120.0
    for key in output:
        if key not in ("formats", "pdf_timeout"):
            f.report.error(f.loc(("output", key)), f"output.{key} is unknown; [output] knows formats, pdf_timeout")
    formats: tuple = ("docx", "akn")
    if "formats" in output:
        formats = tuple(f.get(("output", "formats"), list, 'a list such as ["docx", "akn", "pdf"]') or ())
        wrong = [name for name in formats if name not in OUTPUT_FORMATS]
        if wrong or not formats:
            problem = f"lists {wrong[0]!r}" if wrong else "is empty"
            f.report.error(f.loc(("output", "formats")),
                           f"output.formats {problem}; choose from {', '.join(OUTPUT_FORMATS)}")
    timeout = 120.0
    if "pdf_timeout" in output:
        timeout = f.get(("output", "pdf_timeout"), (int, float), "a number of seconds such as 120") or 120.0
        if timeout <= 0:
            f.report.error(f.loc(("output", "pdf_timeout")), "output.pdf_timeout must be more than 0 seconds")
    return tuple(dict.fromkeys(formats)), float(timeout)
