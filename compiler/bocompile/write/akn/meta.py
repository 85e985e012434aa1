"""<meta>: FRBR identification, lifecycle, modifications, references.

URIs follow the AKN naming convention, from agreement.toml's facts:

    work          /akn/be/act/bestuursovereenkomst/2019-02-28/kanselarij-2019-2021
    expression    <work>/nld@2019-02-28          (language @ edition date)
    manifestation <expression>.akn, this file <expression>/!main.xml

The agreement's work is dated by its signing; the expression date is the
edition's date: the signing date for the base text, the as-of date of a
consolidated text (same work, later expression). An amending instrument is a
work of its own, named from the agreement's kind and id and the amendment's
id, dated by its own signing:

    /akn/be/act/bestuursovereenkomst-wijziging/2019-12-10/kanselarij-2019-2021-wijziging-1

The ids of the references (TLC..., passiveRef...) are language-neutral like
every eId: party keys, signatories' names as slugs, amendment numbers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

from bocompile.compose.edition import Edition
from bocompile.diagnostics import Diagnostic, SourceError
from bocompile.model import JustelNote, plain_text, walk_divisions
from bocompile.model.facts import AmendmentInfo, Config, Party, Signatory
from bocompile.model.hierarchy import SUBDIVISIONS
from bocompile.write.akn.ids import division_scopes, justel_note_id
from bocompile.write.akn.modifications import (
    AGREEMENT,
    active_modifications,
    amendment_event_id,
    amendment_ref_id,
    passive_modifications,
)
from bocompile.write.akn.tree import sub

COUNTRY = "be"
DOCUMENT_TYPE = "act"
SOURCE = "bocompile"
PLACE = "signing-place"
ORIGINAL = "original"

#: The work of an amending instrument: FRBR subtype from the agreement's
#: kind, FRBR number from the agreement's id and the amendment's id. URI
#: tokens, the same for every language expression.
AMENDMENT_SUBTYPE = "{kind}-wijziging"
AMENDMENT_NUMBER = "{agreement}-{amendment}"

#: Language of agreement.toml (ISO 639-1) -> the three-letter code AKN uses
#: in URIs and FRBRlanguage (ISO 639-2/T, the same as ISO 639-3 for these).
LANGUAGE_CODES = {"nl": "nld", "fr": "fra", "de": "deu", "en": "eng"}


@dataclass(frozen=True)
class Work:
    """What a FRBR work URI is made of."""

    subtype: str
    date: dt.date
    number: str

    @property
    def uri(self) -> str:
        return f"/akn/{COUNTRY}/{DOCUMENT_TYPE}/{self.subtype}/{self.date.isoformat()}/{self.number}"

    def expression(self, code: str, date: dt.date) -> str:
        """The expression in language `code` (three letters) at `date`."""
        return f"{self.uri}/{code}@{date.isoformat()}"


@dataclass(frozen=True)
class Uris:
    work: str
    expression: str
    original: str  # the first expression of the work, in the same language


def agreement_work(config: Config) -> Work:
    return Work(config.kind, config.signing_date, config.id)


def amendment_work(config: Config, info: AmendmentInfo) -> Work:
    return Work(
        AMENDMENT_SUBTYPE.format(kind=config.kind),
        info.signed,
        AMENDMENT_NUMBER.format(agreement=config.id, amendment=info.id),
    )


def work_of(edition: Edition) -> Work:
    """An instrument is its own work; the base and consolidated texts are the agreement's."""
    if edition.kind == "amendment":
        return amendment_work(edition.config, edition.amendments[0].info)
    return agreement_work(edition.config)


def uris(edition: Edition, lang: str) -> Uris:
    work, code = work_of(edition), language_code(edition, lang)
    return Uris(work.uri, work.expression(code, edition.date), work.expression(code, work.date))


def language_code(edition: Edition, lang: str) -> str:
    try:
        return LANGUAGE_CODES[lang]
    except KeyError:
        raise SourceError(
            [
                Diagnostic(
                    edition.config.loc,
                    f"Akoma Ntoso output knows no "
                    f"three-letter code for language '{lang}' (it knows "
                    f"{', '.join(sorted(LANGUAGE_CODES))})",
                )
            ]
        ) from None


def slug(name: str) -> str:
    """ "Françoise Audag-Dechamps" -> "francoise-audag-dechamps"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def person_id(signatory: Signatory) -> str:
    return slug(signatory.name)


def role_id(party: Party, position: int) -> str:
    """The function of the party's signatory at `position` (from 1)."""
    return f"role-{party.key}-{position}"


def applied(edition: Edition) -> tuple[AmendmentInfo, ...]:
    """The facts of the amendments whose changes this text shows (a
    consolidated text's): the lifecycle has an event and the references a
    passiveRef for each, and both need only its facts."""
    return tuple(a.info for a in edition.amendments) if edition.kind == "consolidated" else ()


def meta(parent: etree._Element, edition: Edition, lang: str, mods: dict) -> etree._Element:
    element = sub(parent, "meta")
    _identification(element, edition, lang)
    _lifecycle(element, edition)
    if edition.kind == "consolidated":
        passive_modifications(element, edition, f"#{SOURCE}")
    elif edition.kind == "amendment":
        code = language_code(edition, lang)
        agreement = agreement_work(edition.config).expression(code, edition.amendments[0].info.in_force)
        active_modifications(element, edition, agreement, f"#{SOURCE}", mods)
    _references(element, edition, lang)
    _notes(element, edition, lang)
    return element


def _notes(parent: etree._Element, edition: Edition, lang: str) -> None:
    """The Justel notes of a consolidated text: editorial notes, one per
    source of a division's brackets, with ids the text's <noteRef>s name."""
    scopes = division_scopes(edition.agreement, edition.numbering)
    notes, unit = [], ""
    for division in walk_divisions(edition.agreement.parts):
        unit = unit if division.kind in SUBDIVISIONS else scopes[division.key].eid  # § notes: their article's
        notes += [(unit, note) for note in division.blocks if isinstance(note, JustelNote)]
    if not notes:
        return
    element = sub(parent, "notes", source=f"#{SOURCE}")
    for eid, note in notes:
        text = sub(element, "note", eId=justel_note_id(eid, note.number), marker=str(note.number))
        sub(text, "p", plain_text(note.text[lang]), **{"class": "justel"})


def _identification(parent: etree._Element, edition: Edition, lang: str) -> None:
    config, work, uri = edition.config, work_of(edition), uris(edition, lang)
    signed, dated = work.date.isoformat(), edition.date.isoformat()
    authors = [f"#{party.key}" for party in config.parties]
    identification = sub(parent, "identification", source=f"#{SOURCE}")

    frbr_work = sub(identification, "FRBRWork")
    _frbr(frbr_work, f"{uri.work}/!main", uri.work, signed, "signature", authors)
    sub(frbr_work, "FRBRcountry", value=COUNTRY)
    sub(frbr_work, "FRBRsubtype", value=work.subtype)
    sub(frbr_work, "FRBRnumber", value=work.number)

    expression = sub(identification, "FRBRExpression")
    _frbr(expression, f"{uri.expression}/!main", uri.expression, dated, "version", authors)
    sub(expression, "FRBRlanguage", language=language_code(edition, lang))

    manifestation = sub(identification, "FRBRManifestation")
    _frbr(manifestation, f"{uri.expression}/!main.xml", f"{uri.expression}.akn", dated, "generation", [f"#{SOURCE}"])


def _frbr(parent: etree._Element, this: str, uri: str, date: str, name: str, authors: list[str]) -> None:
    sub(parent, "FRBRthis", value=this)
    sub(parent, "FRBRuri", value=uri)
    sub(parent, "FRBRdate", date=date, name=name)
    for author in authors:
        sub(parent, "FRBRauthor", href=author)


def _lifecycle(parent: etree._Element, edition: Edition) -> None:
    """The signing, then each applied amendment's entry into force."""
    lifecycle = sub(parent, "lifecycle", source=f"#{SOURCE}")
    sub(
        lifecycle,
        "eventRef",
        eId="generation",
        date=work_of(edition).date.isoformat(),
        source=f"#{ORIGINAL}",
        type="generation",
    )
    for info in applied(edition):
        sub(
            lifecycle,
            "eventRef",
            eId=amendment_event_id(info.number),
            date=info.in_force.isoformat(),
            source=f"#{amendment_ref_id(info.number)}",
            type="amendment",
        )


def _references(parent: etree._Element, edition: Edition, lang: str) -> None:
    config = edition.config
    references = sub(parent, "references", source=f"#{SOURCE}")
    sub(references, "original", eId=ORIGINAL, href=uris(edition, lang).original, showAs=edition.title[lang])
    for info in applied(edition):
        sub(
            references,
            "passiveRef",
            eId=amendment_ref_id(info.number),
            href=amendment_work(config, info).uri,
            showAs=edition.cited[lang][info.number],
        )
    if edition.kind == "amendment":
        sub(references, "activeRef", eId=AGREEMENT, href=agreement_work(config).uri, showAs=config.title[lang])
    for party in config.parties:
        _tlc(references, "TLCOrganization", "organization", party.key, party.name[lang])
    _tlc(references, "TLCOrganization", "organization", SOURCE, SOURCE, country=None)
    signing = edition.signing
    if signing is None:  # people, roles and place only serve the signatures
        return
    people = {person_id(s): s.name for party in signing.parties for s in party.signatories}
    for eid, name in people.items():
        _tlc(references, "TLCPerson", "person", eid, name)
    for party in signing.parties:
        for position, signatory in enumerate(party.signatories, start=1):
            _tlc(references, "TLCRole", "role", role_id(party, position), signatory.function[lang])
    place = signing.place
    _tlc(references, "TLCLocation", "location", PLACE, place[lang], name=slug(place[config.languages[0]]))


def _tlc(
    parent: etree._Element,
    tag: str,
    kind: str,
    eid: str,
    show: str,
    country: str | None = COUNTRY,
    name: str | None = None,
) -> None:
    """A Top Level Class reference; its href names it in the AKN ontology."""
    path = "/".join(p for p in ("/akn/ontology", kind, country, name or eid) if p)
    sub(parent, tag, eId=eid, href=path, showAs=show)
