"""Loading: a project's sources read, merged into one bilingual model, validated.

`load` reads agreement.toml, the data tables and each language, then merges
the languages (proving parity) and checks keys, references, figures and
totals; it reads the amendments the same way. It collects every diagnostic
before raising, so one run shows all problems. Applying the amendments is
the next stage (amend.history).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from bocompile.cores import in_order
from bocompile.diagnostics import Diagnostic, Loc, Report, SourceError
from bocompile.heap import settled
from bocompile.load.amendments import merge_amendments, read_amendments
from bocompile.load.figures import check_figures
from bocompile.load.merge import Merger
from bocompile.load.readings import read_file
from bocompile.load.references import check_references, check_unique_keys
from bocompile.load.repeats import check_repeats
from bocompile.load.stored import storing
from bocompile.load.tables import check_totals
from bocompile.model import Agreement, Division, Figure, Reference, walk
from bocompile.model.amendment import Amendment
from bocompile.model.facts import Config
from bocompile.model.hierarchy import misplaced
from bocompile.project import CONFIG, Project
from bocompile.read.config import read_config
from bocompile.read.data import read_data_tables

#: bytes of sources (one language) from which the languages are read side by
#: side: below, starting a worker costs more than it saves (make bench)
PARALLEL_FROM = 256 * 1024


@dataclass(frozen=True)
class Loaded:
    """A project's sources, read and proven consistent: its facts, its
    bilingual model and its amendments (not yet applied)."""

    project: Project
    config: Config
    agreement: Agreement
    amendments: tuple[Amendment, ...] = ()


def load(project: Project) -> Loaded:
    report = Report()
    config = read_config(project, report)
    report.raise_if_errors()
    assert config is not None, "read_config reports why it has none"
    unread: list[str] = []  # what depends on a file that could not be read would only repeat it
    data = read_data_tables(project, report, unread)
    check_totals(data, report)
    if unread:
        report.raise_if_errors()
    trees: dict[str, tuple[Division, ...]] = {}
    texts: dict[str, dict[str, tuple]] = {}  # each language's amendments, by id
    later: list[Diagnostic] = []  # what is wrong in them, told once the agreement is sound
    tasks = [functools.partial(_language, project, config, lang, data) for lang in config.languages]
    with storing(project.root, repr(sorted(data.items()))):
        languages = in_order(tasks, worth_it=_size(project, config) >= PARALLEL_FROM)
        for lang, (tree, found, missing, amendments, wrong) in zip(config.languages, languages, strict=True):
            trees[lang], texts[lang] = tree, amendments
            report.extend(found)
            later += wrong
            unread += missing
    if unread:
        report.raise_if_errors()
    start = {lang: Loc(f"sources/{lang}/{config.files[0]}" if config.files else CONFIG, 1) for lang in config.languages}
    agreement = Agreement(Merger(config.languages, report).divisions(trees, start))
    report.raise_if_errors()
    problem = misplaced(agreement)  # the reader builds only what may stand; proven once more
    if problem:
        report.error(start[config.languages[0]], problem)
    report.extend(later)
    amendments = merge_amendments(config, texts, report)
    report.raise_if_errors()
    settled()
    return Loaded(project, config, agreement, amendments)


def _size(project: Project, config: Config) -> int:
    """The bytes of the first language's sources, as the file system states them."""
    folder = project.language_dir(config.languages[0])
    try:
        return sum(os.stat(folder / name).st_size for name in config.files)
    except (OSError, ValueError):
        return 0  # reading will say what is wrong


def _language(project: Project, config: Config, lang: str, data) -> tuple:
    """One language's divisions, read and checked on their own, with what was
    wrong and what could not be read, then its amendments and what was wrong
    in them: the languages are read side by side."""
    report, unread, amending = Report(), list[str](), Report()
    tree = _read_language(project, config, lang, data, report, unread)
    check_unique_keys(lang, tree, report)
    check_repeats(lang, tree, report)
    references: list[Reference] = []
    figures: list[Figure] = []
    for node, _ in walk(tree, lang):  # one walk finds what both checks look at
        if isinstance(node, Reference):
            references.append(node)
        elif isinstance(node, Figure):
            figures.append(node)
    check_references(lang, tree, references, report)
    check_figures(project, lang, figures, report)
    amendments = read_amendments(project, config, lang, data, amending)
    return tree, report.diagnostics, unread, amendments, amending.diagnostics


def _read_language(project: Project, config: Config, lang: str, data, report: Report, unread: list[str]):
    folder = project.language_dir(lang)
    if project.kind(folder) != "a directory":
        report.error(config.loc, f"language '{lang}' has no folder sources/{lang}/")
        return ()
    listed = set(config.files)
    for path in project.files(folder, ".md", Loc(f"sources/{lang}", 0)):
        if path.name not in listed:
            report.error(
                Loc(project.rel(path), 1),
                f"{path.name} is not listed in files of {CONFIG}; add it there or remove the file",
            )
    parts: tuple[Division, ...] = ()
    for name in config.files:
        path = folder / name
        if project.kind(path) is None:
            report.error(config.files_loc, f"files lists {name} but sources/{lang}/{name} does not exist")
            unread.append(project.rel(path))
            continue
        try:
            text = project.read_text(path)
        except SourceError as exc:
            report.extend(exc.diagnostics)
            unread.append(project.rel(path))
            continue
        parts += read_file(project.rel(path), lang, text, data, report)
        settled()
    return parts
