"""Language-neutral facts of an agreement, as agreement.toml states them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bocompile.diagnostics import Loc


@dataclass(frozen=True)
class Signatory:
    name: str
    function: dict[str, str]


@dataclass(frozen=True)
class Party:
    key: str
    name: dict[str, str]
    signatories: tuple[Signatory, ...]


@dataclass(frozen=True)
class AmendmentInfo:
    id: str
    number: int
    signed: dt.date
    in_force: dt.date
    title: dict[str, str]
    loc: Loc


@dataclass(frozen=True)
class Config:
    id: str
    kind: str
    languages: tuple[str, ...]
    files: tuple[str, ...]
    numbering: str
    grouping: str
    period_start: dt.date
    period_end: dt.date
    title: dict[str, str]
    signing_date: dt.date
    signing_place: dict[str, str]
    parties: tuple[Party, ...]
    amendments: tuple[AmendmentInfo, ...]
    loc: Loc
    files_loc: Loc
    formats: tuple[str, ...] = ("docx", "akn")  # [output] formats: what a build writes by default
    formats_loc: Loc | None = None
    pdf_timeout: float = 120.0                  # [output] pdf_timeout: seconds per LibreOffice step
