"""sources/translations.lock: what each translation was last aligned with.

One TOML table per translated language; in it, per unit id, the
fingerprint of the reference language's text when that translation was
last confirmed. Keys are sorted naturally (opvolging-p2 before
opvolging-p10), so the file diffs well and never moves when divisions do.
bocompile writes it (status --accept, xliff import); people review its diff.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from bocompile.atomic import write_atomically
from bocompile.diagnostics import Diagnostic, Loc, Report, SourceError
from bocompile.project import Project
from bocompile.read.tomlpos import key_lines, line_of
from bocompile.translate.units import DIGITS

LEDGER = "sources/translations.lock"
_FINGERPRINT = re.compile(f"[0-9a-f]{{{DIGITS}}}")
_HEADER = """\
# Translation ledger, written by `bocompile status --accept` and `bocompile
# xliff import`: per translated language, per unit (a division's title: its
# key; its N-th block: KEY-pN), a fingerprint of the {reference} text that the
# translation was last aligned with. `bocompile status` reports what changed since.
"""


@dataclass
class Ledger:
    reference: str
    aligned: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> unit id -> fingerprint
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (lang, unit id) -> line

    def loc(self, lang: str, unit: str) -> Loc:
        return Loc(LEDGER, self.lines.get((lang, unit), 1))


def read_ledger(project: Project, languages: tuple[str, ...]) -> Ledger:
    """The ledger on disk (empty if there is none); a malformed one is an error."""
    path = project.root / LEDGER
    ledger = Ledger(languages[0], {lang: {} for lang in languages[1:]})
    if not path.exists():
        return ledger
    text = project.read_text(path)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:  # RecursionError: values nested too deep
        found = re.search(r"at line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        raise SourceError(
            [
                Diagnostic(
                    Loc(LEDGER, int(found.group(1)) if found else 1),
                    f"the translation ledger is not valid TOML: {reason}; `bocompile status --accept` writes it anew",
                )
            ]
        ) from None
    lines = key_lines(text)
    report = Report()
    for lang, table in data.items():
        where = Loc(LEDGER, line_of(lines, (lang,)))
        if lang not in ledger.aligned or not isinstance(table, dict):
            report.error(where, f"[{lang}] is not a translated language of this agreement ({', '.join(languages[1:])})")
            continue
        for unit, fingerprint in table.items():
            line = line_of(lines, (lang, unit))
            ledger.lines[lang, unit] = line
            if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
                report.error(
                    Loc(LEDGER, line),
                    f"'{unit}' must be a fingerprint of {DIGITS} hexadecimal digits, as bocompile writes it",
                )
                continue
            ledger.aligned[lang][unit] = fingerprint
    report.raise_if_errors()
    return ledger


def write_ledger(project: Project, ledger: Ledger) -> None:
    out = [_HEADER.format(reference=ledger.reference)]
    for lang in sorted(ledger.aligned):
        out.append(f"\n[{lang}]\n")
        for unit in sorted(ledger.aligned[lang], key=_natural):
            out.append(f'{unit} = "{ledger.aligned[lang][unit]}"\n')
    write_atomically(project.root / LEDGER, "".join(out).encode("utf-8"))


def _natural(unit: str) -> list:
    """opvolging-p2 before opvolging-p10."""
    return [(0, int(piece), "") if piece.isdigit() else (1, 0, piece) for piece in re.split(r"(\d+)", unit)]
