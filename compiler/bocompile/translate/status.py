"""Translation status: which translated units the reference changed under.

Each unit of each translated language is *aligned* (the ledger holds the
fingerprint of the reference text as it is now), *stale* (the reference
changed since) or *new* (never aligned). `accept` records the present
state, for every unit or for the named divisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from bocompile.diagnostics import Report, UsageProblem
from bocompile.load import Loaded
from bocompile.model import walk_divisions
from bocompile.translate.ledger import Ledger, read_ledger, write_ledger
from bocompile.translate.units import Unit, units


@dataclass(frozen=True)
class Finding:
    state: str  # "stale" | "new"
    lang: str
    unit: Unit
    reference: str  # the reference language's code
    language: str  # the translated language's name in English, for the message

    def __str__(self) -> str:
        here, there = self.unit.loc(self.lang), self.unit.loc(self.reference)
        if self.state == "stale":
            return f"{here}: stale: {there} changed since the {self.language} was aligned"
        return f"{here}: new: {there} has never been aligned with the {self.language}"


@dataclass(frozen=True)
class Status:
    findings: list[Finding]
    aligned: dict[str, int]  # per translated language, how many units are aligned

    def summary(self) -> str:
        parts = []
        for lang, count in self.aligned.items():
            stale = sum(1 for f in self.findings if f.lang == lang and f.state == "stale")
            new = sum(1 for f in self.findings if f.lang == lang and f.state == "new")
            parts.append(f"{lang}: {stale} stale, {new} new, {count} aligned")
        return "; ".join(parts)


def status(loaded: Loaded) -> Status:
    """Every stale or new unit, in document order; a ledger naming units
    that are not in the sources is an error (SourceError)."""
    languages = loaded.config.languages
    reference, ledger = languages[0], read_ledger(loaded.project, languages)
    present = list(units(loaded.agreement))
    _check_known(ledger, {unit.id for unit in present})
    names = _names(loaded)
    findings, aligned = [], {}
    for lang in languages[1:]:
        recorded = ledger.aligned[lang]
        aligned[lang] = 0
        for unit in present:
            if unit.id not in recorded:
                findings.append(Finding("new", lang, unit, reference, names[lang]))
            elif recorded[unit.id] != unit.fingerprint(reference):
                findings.append(Finding("stale", lang, unit, reference, names[lang]))
            else:
                aligned[lang] += 1
    return Status(findings, aligned)


def review(loaded: Loaded) -> dict[str, dict[str, str]]:
    """Per translated language, unit id -> "stale" or "new": what the HTML preview marks."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in loaded.config.languages[1:]}
    for finding in status(loaded).findings:
        out[finding.lang][finding.unit.id] = finding.state
    return out


def accept(loaded: Loaded, keys: tuple[str, ...] = ()) -> int:
    """Record the present state of every unit (or of the divisions `keys`:
    their titles and own blocks); returns how many entries were written."""
    languages = loaded.config.languages
    reference = languages[0]
    present = list(units(loaded.agreement))
    if keys:
        known = {d.key for d in walk_divisions(loaded.agreement.parts)}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise UsageProblem(f"--accept {unknown[0]}: no part, section or article has this key")
        ledger = read_ledger(loaded.project, languages)
        chosen = [unit for unit in present if unit.division.key in keys]
        for lang in languages[1:]:  # blocks the named divisions no longer have
            for unit_id in [u for u in ledger.aligned[lang] if _division_of(u, set(keys))]:
                del ledger.aligned[lang][unit_id]
    else:
        ledger, chosen = Ledger(reference, {lang: {} for lang in languages[1:]}), present
    for lang in languages[1:]:
        for unit in chosen:
            ledger.aligned[lang][unit.id] = unit.fingerprint(reference)
    write_ledger(loaded.project, ledger)
    return len(chosen) * (len(languages) - 1)


def _division_of(unit_id: str, keys: set[str]) -> bool:
    key, _, position = unit_id.rpartition("-p")
    return unit_id in keys or (key in keys and position.isdigit())


def _check_known(ledger: Ledger, present: set[str]) -> None:
    report = Report()
    for lang, recorded in ledger.aligned.items():
        for unit_id in recorded:
            if unit_id not in present:
                report.error(
                    ledger.loc(lang, unit_id),
                    f"'{unit_id}' is not a title or block of the sources (removed, or its "
                    "division lost blocks); `bocompile status --accept KEY` records the "
                    "division as it is now",
                )
    report.raise_if_errors()


def _names(loaded: Loaded) -> dict[str, str]:
    """Each language's name in English ("French"), from its locale: for messages."""
    # the wording the editions read, not read again (imported here: compose imports this module)
    from bocompile.compose.inputs import languages_of

    return {
        code: Locale.parse(language.locale).get_language_name("en") or code
        for code, language in languages_of(loaded).items()
    }
