"""Amendments read in every language, merged (same operations, same keys,
same order), and applied in order to prove every operation holds."""

from __future__ import annotations

from bocompile.amend.consolidate import in_force, steps
from bocompile.check.parity import Merger
from bocompile.check.references import check_references, references
from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.model import Agreement, walk_divisions
from bocompile.model.facts import Config
from bocompile.model.operations import Amendment
from bocompile.project import CONFIG, Project
from bocompile.read.amendment import AmendmentReader


def load_amendments(project: Project, config: Config, data, report: Report) -> tuple[Amendment, ...]:
    seen_ids, seen_numbers = set(), set()
    amendments = []
    for info in config.amendments:
        if info.id in seen_ids or info.number in seen_numbers:
            report.error(info.loc, f"amendment id '{info.id}' or nr. {info.number} is listed twice")
        seen_ids.add(info.id)
        seen_numbers.add(info.number)
        by_lang = {}
        for lang in config.languages:
            path = project.language_dir(lang) / "amendments" / f"{info.id}.md"
            if not path.is_file():
                report.error(info.loc, f"amendment '{info.id}' has no file sources/{lang}/amendments/"
                             f"{info.id}.md; write it in every language")
                continue
            by_lang[lang] = AmendmentReader(project.rel(path), lang, data, report).operations(
                project.read_text(path))
        if len(by_lang) != len(config.languages):
            continue
        merger = Merger(config.languages, report)
        where = {lang: Loc(f"sources/{lang}/amendments/{info.id}.md", 1) for lang in config.languages}
        operations = merger.sequence(by_lang, where, f"amendment '{info.id}'", "operations")
        amendments.append(Amendment(info, operations))
    for lang in config.languages:
        folder = project.language_dir(lang) / "amendments"
        listed = {f"{i.id}.md" for i in config.amendments}
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
            if path.name not in listed:
                report.error(Loc(project.rel(path), 1), f"{path.name} is not listed in the "
                             f"amendments of {CONFIG}; add an [[amendments]] entry or remove it")
    return tuple(amendments)


def check_amendments(agreement: Agreement, amendments: tuple[Amendment, ...],
                     languages: tuple[str, ...], report: Report) -> None:
    """Apply every amendment in order; each result must still resolve its references."""
    try:
        for step in steps(agreement, in_force(amendments)):
            repealed = {d.key for d in walk_divisions(step.after.parts) if d.repealed}
            for lang in languages:
                check_references(lang, step.after.parts, report)
                for reference in references(lang, step.after.parts):
                    if reference.key in repealed:
                        report.error(reference.loc, f"[[{reference.key}]] refers to a provision repealed by "
                                     f"amendment nr. {step.amendment.info.number}; update the reference "
                                     "in the same amendment")
    except SourceError as error:
        report.extend(error.diagnostics)
