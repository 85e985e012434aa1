"""<analysis>: which provisions the amendments changed, as <textualMod>s.

A consolidated text lists its passive modifications: one per change in a
division's history, from the amending instrument (a <passiveRef>) to the
division's eId in this text. An amending instrument lists its active
modifications: from its own article to the provision of the agreement,
named by the expression the amendment produces (the agreement in force
from the amendment's entry into force) and the provision's eId as a
portion of it, after the naming convention:

    /akn/be/act/bestuursovereenkomst/2019-02-28/kanselarij-2019-2021/nld@2020-11-01/!main~art_7-1

Every id is built from numbers only, so both languages share them.
"""

from __future__ import annotations

from lxml import etree

from bocompile.compose.edition import Edition
from bocompile.model import walk_divisions
from bocompile.model.amendment import Destination
from bocompile.write.akn.ids import destination_eid, division_scopes
from bocompile.write.akn.tree import sub

#: eId of an instrument's <activeRef> to the agreement it amends.
AGREEMENT = "agreement"

#: Change action (model) -> AKN textualMod type.
TEXTUAL_MOD_TYPES = {
    "inserted": "insertion",
    "replaced": "substitution",
    "modified": "substitution",
    "repealed": "repeal",
    "reinstated": "insertion",
}


def amendment_ref_id(number: int) -> str:
    """eId of the <passiveRef> to amendment nr. `number`."""
    return f"amendment_{number}"


def amendment_event_id(number: int) -> str:
    """eId of the <eventRef> of amendment nr. `number` coming into force."""
    return f"event_amendment_{number}"


def passive_modifications(parent: etree._Element, edition: Edition, source: str) -> None:
    """One textualMod per recorded change, in order of entry into force,
    then amendment number, then document order. Nothing when none."""
    scopes = division_scopes(edition.agreement, edition.numbering)
    changes = [
        (change, scopes[division.key].eid)
        for division in walk_divisions(edition.agreement.parts)
        for change in division.history
    ]
    changes.sort(key=lambda item: (item[0].in_force, item[0].amendment))  # stable: document order stays
    if not changes:
        return
    modifications = sub(sub(parent, "analysis", source=source), "passiveModifications")
    for position, (change, eid) in enumerate(changes, start=1):
        mod = sub(modifications, "textualMod", eId=f"pmod_{position}", type=TEXTUAL_MOD_TYPES[change.action])
        sub(mod, "source", href=f"#{amendment_ref_id(change.amendment)}")
        sub(mod, "destination", href=f"#{eid}")


def active_modifications(parent: etree._Element, edition: Edition, agreement: str, source: str, mods: dict) -> None:
    """One textualMod per modification of the instrument: its <mod> (`mods`:
    the ids the body gave each), where it applies in `agreement` (the
    expression URI of the agreement as amended) and, as <old> and <new>, the
    words it quotes and the new text. Nothing when none."""
    if not edition.modifications:
        return
    modifications = sub(sub(parent, "analysis", source=source), "activeModifications")
    for position, modification in enumerate(edition.modifications, start=1):
        written = mods[modification.source]
        mod = sub(modifications, "textualMod", eId=f"amod_{position}", type=modification.type)
        sub(mod, "source", href=f"#{written.mod}")
        for place in modification.destinations:
            sub(mod, "destination", href=destination(agreement, place), pos=place.pos)
        for old in written.old:
            sub(mod, "old", href=f"#{old}")
        for new in written.new:
            sub(mod, "new", href=f"#{new}")


def destination(expression: str, place: Destination) -> str:
    """The provision as a portion of the expression: ".../!main~art_7-1"."""
    return f"{expression}/!main~{destination_eid(place.path, place.lid, place.cell)}"
