"""Build: load, number, write every file, then publish.

Each file of a whole text (the agreement as signed, the consolidated text)
is written by its own task, each instrument is composed and written by one
(in a worker process where there are cores to share), straight into the
fresh folder output.publishing gives the build: no process holds the whole
output, nor the thousands of instruments a long history has. The build
appears in one atomic step when every file succeeded; a failed build leaves
the previous output as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from bocompile.amend.history import History, Step
from bocompile.compose import whole_texts
from bocompile.compose.comparison import amendment_comparison
from bocompile.compose.edition import Edition
from bocompile.compose.inputs import history_of
from bocompile.compose.instrument import instrument_edition
from bocompile.cores import in_order
from bocompile.diagnostics import Diagnostic, Loc, SourceError, UsageProblem
from bocompile.diff.divisions import Shared
from bocompile.heap import one_run, settled, writing
from bocompile.load import Loaded, load
from bocompile.output import check_destination, publishing
from bocompile.project import Project
from bocompile.provenance import provenance
from bocompile.typography import typeset_editions
from bocompile.write.akn import akn_files
from bocompile.write.docx import docx_files
from bocompile.write.docx.redline import write_redline
from bocompile.write.html import html_files
from bocompile.write.pdf import OfficeError, write_pdf

FORMATS = ("docx", "akn", "pdf", "html")

#: format -> function(edition, languages) -> {file name: the function writing it}
Writer = Callable[[Edition, tuple[str, ...]], dict[str, Callable[[], bytes]]]
WRITERS: dict[str, Writer] = {"docx": docx_files, "akn": akn_files, "html": html_files}
#: writes a file of the build ("base/nl.docx") and gives its SHA-256 (output.Staging.put)
Put = Callable[[str, bytes], str]
#: format -> (the format it is made from and writes too, function(editions,
#: languages, timeout) -> {path: bytes}): pdf lays out the DOCX of every
#: edition in LibreOffice and writes them with their page numbers
Converter = Callable[[list[Edition], tuple[str, ...], float], dict[str, bytes]]
CONVERTERS: dict[str, tuple[str, Converter]] = {"pdf": ("docx", write_pdf)}
#: called after each file of each edition: (what, how many done, how many in all)
Progress = Callable[[str, int, int], None]


def build(
    project: Project,
    out: Path,
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
    consolidated: bool = False,
    as_of: dt.date | None = None,
    renumbered: bool = False,
    warnings: list[Diagnostic] | None = None,
    progress: Progress | None = None,
    process_ends: bool = False,
) -> list[Path]:
    """Compile the project into `out`; returns the files written. Warnings
    (nothing wrong for this build, but worth a look) go to `warnings`.
    `process_ends`: nothing runs in this process after the build (the
    command line's), so its model may be kept for good (heap.immortal)."""
    if (as_of or renumbered) and not consolidated:
        raise UsageProblem("--as-of and --renumber go with --consolidate")
    check_destination(project, out)
    with one_run(), publishing(out) as staging:
        loaded = load(project)
        states = history_of(loaded)
        if warnings is not None:
            warnings.extend(states.warnings)
        files = render(
            loaded, staging.put, langs, formats, consolidated, as_of, renumbered, states, progress, process_ends
        )
    return [out / name for name in sorted(files)]


def render(
    loaded: Loaded,
    put: Put,
    langs: Iterable[str],
    formats: Iterable[str],
    consolidated: bool,
    as_of: dt.date | None,
    renumbered: bool,
    states: History,
    progress: Progress | None,
    process_ends: bool = False,
) -> dict[str, str]:
    """Every output file, manifest included, written with `put`: {name: SHA-256}.

    Always the base agreement and every amendment instrument (in DOCX with
    its redline); with `consolidated`, also the text in force on `as_of`
    (default: the latest entry into force), renumbered if asked. No
    `formats`: those of [output] in agreement.toml (docx and akn unless it
    says otherwise). `process_ends`: the model, the history and the whole
    texts are made immortal if workers are forked, which then read them
    without copying them.
    """
    unknown = [lang for lang in langs if lang not in loaded.config.languages]
    if unknown:
        raise UsageProblem(f"--lang {unknown[0]}: the agreement is written in {', '.join(loaded.config.languages)}")
    config = loaded.config
    if consolidated and as_of and not config.signing_date <= as_of <= config.period_end:
        raise UsageProblem(
            f"--as-of {as_of} is outside the agreement: a consolidated text exists from "
            f"its signing ({config.signing_date}) to the end of its period "
            f"({config.period_end}); give a date in that range"
        )
    langs = tuple(lang for lang in loaded.config.languages if lang in langs) or loaded.config.languages
    # the whole texts are composed here, once for all their files; each
    # instrument where its files are written, as it needs nothing of the others'
    texts = typeset_editions(whole_texts(loaded, consolidated, as_of, renumbered, states=states), langs)
    settled()  # the editions, as the model, live to the end of the build
    asked = tuple(formats)
    formats = asked or loaded.config.formats
    converted = {CONVERTERS[fmt][0] for fmt in formats if fmt in CONVERTERS}  # their converter writes them
    writers = tuple(fmt for fmt in formats if fmt in WRITERS and fmt not in converted)
    instruments = [functools.partial(_instrument, loaded, step, langs) for step in states.steps]
    whole = [task for text in texts for task in _each_file(put, text, writers, langs)]
    tasks: list[Callable[[], Written]] = [  # the longest first, so that the cores finish together
        *whole,
        *(functools.partial(_composed, put, make, writers, langs) for make in instruments),
    ]
    per_edition = len(_files(texts[0], writers, langs))  # every edition has the same files
    count = per_edition * (len(texts) + len(instruments))
    redlines: list[Callable[[], Written]] = []
    if "docx" in formats:  # each instrument's redline: the text before and after it, compared by its writer
        shared: Shared = {}
        redlines = [
            functools.partial(_redlines, put, loaded, states, index, langs, shared) for index in range(len(instruments))
        ]
    lasting = (loaded, states, texts) if process_ends else ()
    written = in_order(tasks + redlines, setup=writing, large=len(whole), lasting=lasting)
    files: dict[str, str] = {}
    entries = {text.name: _entry(text) for text in texts}
    for _ in tasks:
        stored, composed = next(written)
        entries.update(composed)
        for name, digest in stored.items():
            files[name] = digest
            if progress:
                progress(name, len(files), count)
    for fmt in formats:
        if fmt in CONVERTERS:
            where = Loc(f"--format {fmt}", 0) if asked else loaded.config.formats_loc or loaded.config.loc
            editions = [texts[0], *(make() for make in instruments), *texts[1:]]
            try:
                converted_files = CONVERTERS[fmt][1](editions, langs, loaded.config.pdf_timeout)
            except OfficeError as error:
                raise SourceError([Diagnostic(where, str(error))]) from None
            files.update((name, put(name, data)) for name, data in converted_files.items())
            if progress:
                progress(f"{fmt} (LibreOffice)", count, count)
    for stored, _ in written:
        files.update(stored)
    files["manifest.json"] = put("manifest.json", _manifest(files, entries))
    return files


#: what a task wrote: each file's SHA-256 by name, and the manifest's entry
#: of each edition it composed
Written = tuple[dict[str, str], dict[str, dict]]


def _files(edition: Edition, formats: tuple[str, ...], langs: tuple[str, ...]) -> dict[str, Callable[[], bytes]]:
    """Each file of `edition` in `formats`, by its name in the build ("base/nl.docx")."""
    return {f"{edition.name}/{name}": write for fmt in formats for name, write in WRITERS[fmt](edition, langs).items()}


def _each_file(
    put: Put, edition: Edition, formats: tuple[str, ...], langs: tuple[str, ...]
) -> list[Callable[[], Written]]:
    """A task for each file of a whole text: they are long, and two cores write two at once."""
    return [functools.partial(_stored, put, {name: write}) for name, write in _files(edition, formats, langs).items()]


def _stored(put: Put, files: dict[str, Callable[[], bytes]]) -> Written:
    """Write each file and let its bytes go: only its name and digest travel back."""
    return {name: put(name, write()) for name, write in files.items()}, {}


def _instrument(loaded: Loaded, step: Step, langs: tuple[str, ...]) -> Edition:
    return typeset_editions([instrument_edition(loaded, step)], langs)[0]


def _composed(put: Put, make: Callable[[], Edition], formats: tuple[str, ...], langs: tuple[str, ...]) -> Written:
    """An instrument, composed where its files are written: the build's
    process never holds the thousands of them a long history has."""
    edition = make()
    stored, _ = _stored(put, _files(edition, formats, langs))
    return stored, {edition.name: _entry(edition)}


def _redlines(put: Put, loaded: Loaded, states: History, index: int, langs: tuple[str, ...], shared: Shared) -> Written:
    """The redlines of the `index`-th amendment, compared here: a worker keeps
    the comparisons it makes (`shared`, its own), not the build's process."""
    compared = amendment_comparison(loaded, states, index, shared)
    return _stored(
        put,
        {
            f"{compared.name}/redline-{lang}.docx": functools.partial(write_redline, compared, lang, whole=False)
            for lang in langs
        },
    )


def _entry(edition: Edition) -> dict:
    """What the manifest says of an edition."""
    return {
        "kind": edition.kind,
        "date": edition.date.isoformat(),
        "as_of": edition.as_of.isoformat() if edition.as_of else None,
        "renumbered": edition.renumbered,
        "amendments": [
            {
                "number": a.info.number,
                "id": a.info.id,
                "signed": a.info.signed.isoformat(),
                "in_force": a.info.in_force.isoformat(),
            }
            for a in edition.amendments
        ],
    }


def _manifest(files: dict[str, str], editions: dict[str, dict]) -> bytes:
    """`files`: name -> SHA-256; `editions`: name -> its entry."""
    manifest = {"editions": editions, "files": dict(sorted(files.items())), "bocompile": provenance()}
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
