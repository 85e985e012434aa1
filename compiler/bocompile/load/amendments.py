"""Amendments read in every language and merged: the same operations on
the same keys in the same order, only the text differs."""

from __future__ import annotations

from bocompile.diagnostics import Loc, Report, SourceError
from bocompile.load.merge import Merger
from bocompile.model.amendment import Amendment
from bocompile.model.facts import Config
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
            if project.kind(path) is None:
                report.error(
                    info.loc,
                    f"amendment '{info.id}' has no file sources/{lang}/amendments/"
                    f"{info.id}.md; write it in every language",
                )
                continue
            try:
                text = project.read_text(path)
            except SourceError as error:
                report.extend(error.diagnostics)
                continue
            by_lang[lang] = AmendmentReader(project.rel(path), lang, data, report).operations(text)
        if len(by_lang) != len(config.languages):
            continue
        merger = Merger(config.languages, report)
        where = {lang: Loc(f"sources/{lang}/amendments/{info.id}.md", 1) for lang in config.languages}
        operations = merger.sequence(by_lang, where, f"amendment '{info.id}'", "operations")
        amendments.append(Amendment(info, operations))
    for lang in config.languages:
        folder = project.language_dir(lang) / "amendments"
        listed = {f"{i.id}.md" for i in config.amendments}
        listing = (
            project.files(folder, ".md", Loc(project.rel(folder), 0)) if project.kind(folder) == "a directory" else ()
        )
        for path in listing:
            if path.name not in listed:
                report.error(
                    Loc(project.rel(path), 1),
                    f"{path.name} is not listed in the "
                    f"amendments of {CONFIG}; add an [[amendments]] entry or remove it",
                )
    return tuple(amendments)
