"""Amendments read in every language and merged: the same operations on
the same keys in the same order, only the text differs."""

from __future__ import annotations

from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.load.merge import Merger
from bocompile.load.readings import read_operations
from bocompile.model.amendment import Amendment
from bocompile.model.facts import Config
from bocompile.project import CONFIG, Project


def read_amendments(project: Project, config: Config, lang: str, data, report: Report) -> dict[str, tuple]:
    """One language's amendment texts, read on their own (the languages are
    read side by side): {amendment id: its operations}, for the files that
    could be read."""
    read = {}
    folder = project.language_dir(lang) / "amendments"
    for info in config.amendments:
        path = folder / f"{info.id}.md"
        if project.kind(path) is None:
            report.error(
                info.loc,
                f"amendment '{info.id}' has no file sources/{lang}/amendments/{info.id}.md; write it in every language",
            )
            continue
        try:
            text = project.read_text(path)
        except SourceError as error:
            report.extend(error.diagnostics)
            continue
        read[info.id] = read_operations(project.rel(path), lang, text, data, report)
    listed = {f"{i.id}.md" for i in config.amendments}
    listing = project.files(folder, ".md", Loc(project.rel(folder), 0)) if project.kind(folder) == "a directory" else ()
    for path in listing:
        if path.name not in listed:
            report.error(
                Loc(project.rel(path), 1),
                f"{path.name} is not listed in the amendments of {CONFIG}; add an [[amendments]] entry or remove it",
            )
    return read


def merge_amendments(config: Config, read: dict[str, dict[str, tuple]], report: Report) -> tuple[Amendment, ...]:
    """The amendments, each merged from its texts in every language (`read`,
    by language): the same operations on the same keys in the same order."""
    seen_ids, seen_numbers = set(), set()
    amendments = []
    for info in config.amendments:
        if info.id in seen_ids or info.number in seen_numbers:
            report.error(info.loc, f"amendment id '{info.id}' or nr. {info.number} is listed twice")
        seen_ids.add(info.id)
        seen_numbers.add(info.number)
        by_lang = {lang: read[lang][info.id] for lang in config.languages if info.id in read[lang]}
        if len(by_lang) != len(config.languages):
            continue
        merger = Merger(config.languages, report)
        where = {lang: Loc(f"sources/{lang}/amendments/{info.id}.md", 1) for lang in config.languages}
        operations = merger.sequence(by_lang, where, f"amendment '{info.id}'", "operations")
        amendments.append(Amendment(info, operations))
    return tuple(amendments)
