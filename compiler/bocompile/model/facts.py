"""Language-neutral facts of an agreement, as agreement.toml states them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bocompile.diagnostics import Loc


@dataclass(frozen=True)
class Signatory:
    name: str
    function: dict[str, str]
    title: dict[str, str] = field(default_factory=dict)  # honorific per language ("de heer"); {}: none


@dataclass(frozen=True)
class Party:
    key: str
    name: dict[str, str]
    signatories: tuple[Signatory, ...]


@dataclass(frozen=True)
class Signing:
    """Where, when and by whom a text is signed. The agreement and each
    amendment have their own: an instrument is signed by the office holders
    of its own date, never by the agreement's."""

    date: dt.date
    place: dict[str, str]
    parties: tuple[Party, ...]  # the agreement's parties, each with this text's signatories


@dataclass(frozen=True)
class AmendmentInfo:
    id: str
    number: int
    signed: dt.date
    in_force: dt.date
    title: dict[str, str]
    loc: Loc
    place: dict[str, str] = field(default_factory=dict)  # where it is signed
    parties: tuple[Party, ...] = ()  # its own signatories, per party

    @property
    def signing(self) -> Signing:
        return Signing(self.signed, self.place, self.parties)


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
    pdf_timeout: float = 120.0  # [output] pdf_timeout: seconds per LibreOffice step

    @property
    def signing(self) -> Signing:
        """The agreement's own signing (the base text's signature block)."""
        return Signing(self.signing_date, self.signing_place, self.parties)
