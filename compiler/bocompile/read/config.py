"""`sources/agreement.toml`: the language-neutral facts of the agreement."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.model.facts import AmendmentInfo, Config, Party, Signatory
from bocompile.project import CONFIG, Project
from bocompile.read.tomlfile import parse_toml
from bocompile.read.tomlpos import key_lines, line_of

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: what [output] formats may list (the build's formats; pdf needs LibreOffice)
OUTPUT_FORMATS = ("docx", "akn", "pdf")
LANG = re.compile(r"^[a-z]{2,3}$")
#: names that become file or folder names are slugs of at most this length
MAX_SLUG = 100


def is_slug(value: object) -> bool:
    """Lower-case ASCII letters, digits and hyphens, as a file name on any
    system takes it (no two differ only in case)."""
    return isinstance(value, str) and len(value) <= MAX_SLUG and KEY.match(value) is not None


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
        wrong = (
            not isinstance(value, kinds)
            or (dt.date in kinds and isinstance(value, dt.datetime))
            or (int in kinds and isinstance(value, bool))
        )
        if wrong:
            self.report.error(
                self.loc(path), f"{'.'.join(map(str, path))} must be {what}, not {type(value).__name__} {value!r}"
            )
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
            self.report.error(self.loc(path), f"{path[-1]} must be one of {', '.join(options)}, not {value!r}")
        return value or options[0]


def _check_amendment_names(f: _Fields, path: tuple) -> None:
    """The id names files and folders (sources/<lang>/amendments/<id>.md,
    output/amendments/<id>/), so it is a slug; the number counts from 1."""
    entry = f.data["amendments"][path[1]]
    if not isinstance(entry, dict):
        return  # reported as a wrong type by _Fields
    ident, number = entry.get("id"), entry.get("number")
    if isinstance(ident, str) and not is_slug(ident):
        f.report.error(
            f.loc(path + ("id",)),
            f"amendment id {ident!r} names files and folders: "
            f"write it in lower-case letters, digits and hyphens, at most {MAX_SLUG} "
            '(e.g. "wijziging-2")',
        )
    if isinstance(number, int) and not isinstance(number, bool) and number < 1:
        f.report.error(f.loc(path + ("number",)), f"amendment number {number} must be 1 or more")


def read_config(project: Project, report: Report) -> Config | None:
    """Parse and type-check agreement.toml; None when it cannot be used."""
    text = project.read_text(project.root / CONFIG)
    try:
        data = parse_toml(text, CONFIG)
    except SourceError as error:
        report.extend(error.diagnostics)
        return None
    f = _Fields(data, text, report)
    errors_before = len(report.diagnostics)

    ident = f.get(("id",), str, 'a slug such as "kanselarij-2019-2021"') or ""
    if ident and not is_slug(ident):
        report.error(
            f.loc(("id",)), f"id {ident!r} must be lower-case letters, digits and hyphens (at most {MAX_SLUG})"
        )
    languages = tuple(f.get(("languages",), list, 'a list such as ["nl", "fr"]') or ())
    for lang in languages:
        if not isinstance(lang, str) or not LANG.match(lang):
            report.error(f.loc(("languages",)), f'language {lang!r} must be a code such as "nl"')
    if languages and len(set(languages)) != len(languages):
        report.error(f.loc(("languages",)), "languages lists a language twice")
    files = tuple(f.get(("files",), list, 'a list of part files such as ["definities.md"]') or ())
    for name in files:
        if not isinstance(name, str) or not name.endswith(".md") or not is_slug(name[:-3]):
            report.error(
                f.loc(("files",)),
                f"files entry {name!r} must be a file name such as "
                f'"definities.md": lower-case letters, digits and hyphens (at most {MAX_SLUG}), '
                "then .md",
            )
        elif files.count(name) > 1:
            report.error(f.loc(("files",)), f"files lists {name} twice; list each part file once")

    parties = []
    for p, _ in enumerate(f.get(("parties",), list, "an array of [[parties]] tables") or ()):
        parties.append(
            Party(
                key=f.get(("parties", p, "key"), str, "a slug") or "",
                name=f.localized(("parties", p, "name"), languages, "name"),
                signatories=_signatories(f, ("parties", p, "signatories"), languages),
            )
        )
    if not parties:
        report.error(f.loc(("parties",)), "the agreement needs at least one [[parties]] table")

    amendments = []
    for a, _ in enumerate(f.get(("amendments",), list, "an array of [[amendments]] tables") or ()):
        path = ("amendments", a)
        _check_amendment_names(f, path)
        number = f.get(path + ("number",), int, "a whole number") or 0
        amendments.append(
            AmendmentInfo(
                id=f.get(path + ("id",), str, "the amendment's file name without .md") or "",
                number=number,
                signed=f.get(path + ("signed",), dt.date, "a date such as 2020-06-15"),
                in_force=f.get(path + ("in_force",), dt.date, "a date such as 2020-07-01"),
                title=f.localized(path + ("title",), languages, "title"),
                loc=f.loc(path),
                place=f.localized(path + ("place",), languages, "signing place"),
                parties=_amendment_parties(f, path, tuple(parties), languages, f"amendment nr. {number}"),
            )
        )

    formats, timeout = _output(f)
    config = Config(
        id=ident,
        kind=f.get(("kind",), str, 'a string such as "bestuursovereenkomst"') or "",
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
    for a, info in enumerate(amendments):
        _check_dates(f, ("amendments", a), info, config)
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
            f.report.error(
                f.loc(("output", "formats")), f"output.formats {problem}; choose from {', '.join(OUTPUT_FORMATS)}"
            )
    timeout = 120.0
    if "pdf_timeout" in output:
        timeout = f.get(("output", "pdf_timeout"), (int, float), "a number of seconds such as 120") or 120.0
        if timeout <= 0:
            f.report.error(f.loc(("output", "pdf_timeout")), "output.pdf_timeout must be more than 0 seconds")
    return tuple(dict.fromkeys(formats)), float(timeout)


def _signatories(f: _Fields, path: tuple, languages: tuple[str, ...]) -> tuple[Signatory, ...]:
    """The [[...signatories]] at `path`: name, function and optional honorific."""
    table = ".".join(step for step in path if isinstance(step, str))
    out = []
    for s, entry in enumerate(f.get(path, list, f"an array of [[{table}]] tables") or ()):
        at = path + (s,)
        has_title = isinstance(entry, dict) and "title" in entry
        out.append(
            Signatory(
                name=f.get(at + ("name",), str, "the signatory's name") or "",
                function=f.localized(at + ("function",), languages, "function"),
                title=f.localized(at + ("title",), languages, "honorific") if has_title else {},
            )
        )
    return tuple(out)


def _amendment_parties(
    f: _Fields, path: tuple, parties: tuple[Party, ...], languages: tuple[str, ...], what: str
) -> tuple[Party, ...]:
    """Who signs the amendment at `path`, for every party of the agreement and
    in its order: the office holders of the amendment's own date, stated in
    its [[amendments.parties]] tables, never borrowed from the agreement."""
    entry = f.get(path, dict, "an [[amendments]] table") or {}
    given: dict[str, tuple[Signatory, ...]] = {}
    known = {party.key for party in parties}
    listed = f.get(path + ("parties",), list, "an array of [[amendments.parties]] tables") if "parties" in entry else ()
    for p, _ in enumerate(listed or ()):
        at = path + ("parties", p)
        key = f.get(at + ("key",), str, "the key of a party of the agreement")
        if key is None:
            continue
        if key not in known:
            f.report.error(
                f.loc(at + ("key",)),
                f"{what}: '{key}' is not a party of the agreement; "
                f"use the key of one of its [[parties]]: {', '.join(sorted(known))}",
            )
        elif key in given:
            f.report.error(
                f.loc(at + ("key",)),
                f"{what}: party '{key}' is listed twice; give each party one [[amendments.parties]] table",
            )
        given[key] = _signatories(f, at + ("signatories",), languages)
    for party in parties:
        if not given.get(party.key):
            f.report.error(
                f.loc(path),
                f"{what} names no signatory for party '{party.key}'; add "
                f'[[amendments.parties]] with key = "{party.key}" and its '
                "[[amendments.parties.signatories]]: who signs for it on the amendment's date",
            )
    return tuple(Party(party.key, party.name, given.get(party.key, ())) for party in parties)


def _check_dates(f: _Fields, path: tuple, info: AmendmentInfo, config: Config) -> None:
    """An amendment is signed after the agreement and takes effect after its
    own signing, within the agreement's life (its signing to the period's end)."""
    signed, in_force, what = info.signed, info.in_force, f"amendment nr. {info.number}"
    if not (signed and in_force and config.signing_date and config.period_end):
        return  # a missing or mistyped date is reported already
    if signed < config.signing_date:
        f.report.error(
            f.loc(path + ("signed",)),
            f"{what} is signed on {signed}, before the agreement "
            f"itself ({config.signing_date}); correct signed or [signing] date",
        )
    if in_force < signed:
        f.report.error(
            f.loc(path + ("in_force",)),
            f"{what} enters into force on {in_force}, before it is signed on {signed}; correct in_force or signed",
        )
    if in_force < config.signing_date or in_force > config.period_end:
        f.report.error(
            f.loc(path + ("in_force",)),
            f"{what} enters into force on {in_force}, outside the "
            f"agreement's life; give a date from its signing ({config.signing_date}) to the end "
            f"of its period ({config.period_end})",
        )
