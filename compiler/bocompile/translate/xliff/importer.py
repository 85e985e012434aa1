"""Import: a translated XLIFF file back into sources/<target>/*.md.

Everything is checked before anything is written: the XML (no DTD, no
entities), the languages, each file's hash against the target file now
(changed since export: refused), each unit id, each target's inline codes
against its source. Only texts whose target differs from the sources are
rewritten, in their own lines; the result is read again and must give
exactly the translated texts, or nothing is written. A unit whose source
is still the reference text of now, reviewed (or final) in the file, is
recorded as aligned in the ledger.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

from bocompile.atomic import write_atomically
from bocompile.compose.inputs import languages_of
from bocompile.diagnostics import Diagnostic, Loc, Report, SourceError
from bocompile.files import Refused, read_regular
from bocompile.load import Loaded, load
from bocompile.model import Block, DataRow, DataTable, Division, Figure, Footnote, Text, rewrite
from bocompile.project import BINARY_LIMIT, SOURCE_LIMIT, Project
from bocompile.translate.ledger import Ledger, read_ledger, write_ledger
from bocompile.translate.units import canonical
from bocompile.translate.xliff import FILE_HASH, q
from bocompile.translate.xliff.codes import PROTECTED, CodeError, Meaning, codes, inlines, read
from bocompile.translate.xliff.export import file_hash, unit_element
from bocompile.translate.xliff.markdown import markdown, normal
from bocompile.translate.xliff.segments import Segment, XUnit, exchange
from bocompile.translate.xliff.sources import Edit, SourceFile, apply, caption, data_label, title

#: segment states that confirm a translation against its source (export writes
#: "translated" for a never aligned unit: translated, but not yet reviewed)
CONFIRMED = ("reviewed", "final")


@dataclasses.dataclass
class Change:
    xunit: XUnit
    index: int
    segment: Segment
    text: tuple  # the new target inlines, as the reader will give them
    line: int  # of the <target> in the XLIFF file


@dataclasses.dataclass(frozen=True)
class Imported:
    files: list[str]  # the source files rewritten
    texts: int  # how many texts changed
    aligned: int  # units newly recorded as aligned in the ledger


def import_xliff(project: Project, path: Path, display: str) -> Imported:
    report = Report()
    root = _parse(_read(path, display), display)
    loaded = load(project)
    target = _languages(loaded, root, display)
    fresh = {xunit.id: xunit for xunit in exchange(loaded, target)}
    exported = {unit_id: unit_element(xunit, "initial") for unit_id, xunit in fresh.items()}  # numbers the codes
    changes: list[Change] = []
    confirmed: dict[str, list[bool]] = defaultdict(list)  # unit -> per XLIFF unit of it: source current and confirmed
    seen: set[str] = set()
    for file in root.iter(q("file")):
        name = file.get("original", "")
        if not _check_file(project, loaded, target, file, name, display, report):
            continue
        for unit in file.iter(q("unit")):
            where = Loc(display, unit.sourceline or 0)
            unit_id = unit.get("id", "")
            xunit = fresh.get(unit_id)
            if xunit is None or xunit.file != name:
                report.error(
                    where,
                    f"unit '{unit_id}' is not a title, block or note of {name} in the "
                    "sources (removed or renamed since export?); export again",
                )
                continue
            if unit_id in seen:
                report.error(where, f"unit '{unit_id}' is in the file twice")
                continue
            seen.add(unit_id)
            _unit(unit, xunit, exported[unit_id], target, display, report, changes, confirmed)
    report.raise_if_errors()
    ledger = read_ledger(project, loaded.config.languages)  # a malformed one stops us before writing
    rewritten = _rewrite(project, loaded, target, changes, display)
    aligned = _align(project, ledger, loaded, target, fresh, confirmed)
    return Imported(rewritten, len(changes), aligned)


def _read(path: Path, display: str) -> bytes:
    """The XLIFF file named on the command line: a regular file of bounded size
    (never a pipe or a device), decided before it is opened."""
    try:
        return read_regular(path, BINARY_LIMIT)
    except Refused as refusal:
        message = f"{display} {refusal}"
    except OSError as exc:
        message = f"cannot read {display}: {exc.strerror}"
    raise SourceError([Diagnostic(Loc(display, 0), message)])


def _parse(data: bytes, display: str) -> etree._Element:
    """The XML, parsed without resolving entities or loading anything; a DTD
    (hence any entity declaration) is refused before parsing."""
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        if marker in data:
            line = data[: data.index(marker)].count(b"\n") + 1
            raise SourceError(
                [
                    Diagnostic(
                        Loc(display, line),
                        "an XLIFF file may not hold a DOCTYPE or entity declarations; export again from bocompile",
                    )
                ]
            )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError([Diagnostic(Loc(display, exc.lineno or 0), f"not well-formed XML: {exc.msg}")]) from None
    if root.getroottree().docinfo.doctype:
        raise SourceError([Diagnostic(Loc(display, 1), "an XLIFF file may not hold a DOCTYPE")])
    if root.tag != q("xliff") or not str(root.get("version", "")).startswith("2."):
        raise SourceError(
            [
                Diagnostic(
                    Loc(display, root.sourceline or 1),
                    'not an XLIFF 2 file (<xliff version="2.1"> in the XLIFF 2 namespace)',
                )
            ]
        )
    return root


def _languages(loaded: Loaded, root: etree._Element, display: str) -> str:
    """The target language's code, from trgLang; srcLang must be the reference."""
    tags = {language.locale.replace("_", "-"): code for code, language in languages_of(loaded).items()}
    reference = loaded.config.languages[0]
    source, target = tags.get(root.get("srcLang", "")), tags.get(root.get("trgLang", ""))
    where = Loc(display, root.sourceline or 1)
    if source != reference:
        raise SourceError(
            [
                Diagnostic(
                    where,
                    f"srcLang '{root.get('srcLang')}' is not the reference language of the agreement ({reference})",
                )
            ]
        )
    if target is None or target == reference:
        raise SourceError(
            [
                Diagnostic(
                    where,
                    f"trgLang '{root.get('trgLang')}' is not a translated language "
                    f"of the agreement ({', '.join(loaded.config.languages[1:])})",
                )
            ]
        )
    return target


def _check_file(project, loaded: Loaded, target: str, file, name: str, display: str, report: Report) -> bool:
    where = Loc(display, file.sourceline or 0)
    if name not in loaded.config.files:
        report.error(
            where, f"original '{name}' is not a source file of the agreement ({', '.join(loaded.config.files)})"
        )
        return False
    recorded = [note.text for note in file.iterfind(f"{q('notes')}/{q('note')}") if note.get("category") == FILE_HASH]
    path = project.language_dir(target) / name
    if not recorded:
        report.error(
            where, f"{name} carries no hash of sources/{target}/{name} (note category '{FILE_HASH}'); export again"
        )
        return False
    if recorded[0] != file_hash(project.read_bytes(path, SOURCE_LIMIT)):
        report.error(
            where,
            f"sources/{target}/{name} changed since this file was exported; export "
            "again and carry the translations over",
        )
        return False
    return True


def _unit(
    unit,
    xunit: XUnit,
    exported,
    target: str,
    display: str,
    report: Report,
    changes: list[Change],
    confirmed: dict[str, list[bool]],
) -> None:
    segments = list(unit.iter(q("segment")))
    where = Loc(display, unit.sourceline or 0)
    if len(segments) != len(xunit.segments):
        report.error(
            where,
            f"unit '{xunit.id}' has {len(segments)} segment(s); its source has "
            f"{len(xunit.segments)}: keep the segmentation",
        )
        return
    current = True
    states = []
    for index, (element, segment, fresh) in enumerate(
        zip(segments, xunit.segments, exported.iter(q("segment")), strict=True)
    ):
        states.append(element.get("state", "initial"))
        try:
            if element.find(q("source")) is None:
                raise CodeError(element.sourceline or 0, "a segment needs its <source>")
            source = read(element.find(q("source")))
            current = current and source == read(fresh.find(q("source")))
            found = element.find(q("target"))
            if found is None:
                continue
            translated = read(found)
            if not translated:
                continue
            _check_codes(source, translated, found.sourceline or 0)
            meaning = Meaning(
                {**xunit.source.links, **xunit.target.links},
                xunit.source.keys,
                xunit.target.notes,
                segment.loc(target) or xunit.unit.loc(target),
            )
            new = inlines(translated, meaning)
            if not normal(new):  # only spaces: not translated
                continue
        except CodeError as error:
            report.error(Loc(display, error.line or element.sourceline or 0), f"unit '{xunit.id}': {error}")
            continue
        if _key(new) != _key(segment.target):
            changes.append(Change(xunit, index, segment, normal(new), found.sourceline or 0))
    confirmed[xunit.unit.id].append(current and all(state in CONFIRMED for state in states))


def _check_codes(source: tuple, translated: tuple, line: int) -> None:
    """A target keeps every reference and note anchor of its source, once and
    in order; it holds no code twice."""
    have = codes(source)
    ids = [code.id for code in codes(translated)]
    for code_id in ids:
        if ids.count(code_id) > 1:
            raise CodeError(line, f"code {code_id} is in the target twice")
    protected = [c.id for c in have if c.prefix in PROTECTED]
    kept = [c.id for c in codes(translated) if c.prefix in PROTECTED]
    if sorted(kept) == sorted(protected) and kept != protected:
        raise CodeError(
            line,
            f"references and note anchors keep the source's order ({', '.join(protected)}): "
            "every language holds them in the same order",
        )
    if kept != protected:
        missing = sorted(set(protected) - set(kept))
        extra = sorted(set(kept) - set(protected))
        raise CodeError(
            line,
            "the inline codes do not match the source: "
            + "; ".join(
                filter(
                    None,
                    [
                        f"missing {', '.join(missing)}" if missing else None,
                        f"not in the source {', '.join(extra)}" if extra else None,
                    ],
                )
            ),
        )


def _key(inlines) -> list:
    """A text's words and markup, notes reduced to their place (their text is a unit of its own)."""
    return canonical(rewrite(inlines, lambda node, _: Text("\ue000") if isinstance(node, Footnote) else node), "", True)


def _rewrite(project: Project, loaded: Loaded, target: str, changes: list[Change], display: str) -> list[str]:
    by_file: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_file[change.xunit.file].append(change)
    texts: dict[str, str] = {}
    report = Report()
    for name, group in by_file.items():
        path = project.language_dir(target) / name
        source = SourceFile(project.read_text(path))
        edits = []
        for change in group:
            try:
                edits.append(_edit(source, change, target))
            except LookupError as exc:
                report.error(Loc(display, change.line), f"unit '{change.xunit.id}': {exc}")
        texts[name] = apply(source.text, edits)
    report.raise_if_errors()
    if texts:
        _verify(project, loaded, target, texts, changes, display)
    for name, text in texts.items():
        write_atomically(project.language_dir(target) / name, text.encode("utf-8"))
    return [f"sources/{target}/{name}" for name in texts]


def _edit(source: SourceFile, change: Change, target: str) -> Edit:
    """Where the text of `change` stands, and what of its line stays."""
    segment, node = change.segment, change.segment.node
    text = markdown(change.text, lambda note: source.label(note.loc.line))
    if isinstance(node, Footnote):
        assert isinstance(segment.field, int), "a note's segments are its paragraphs"
        return Edit(source.note(node.loc.line, segment.field), text)
    if isinstance(node, Division):
        return title(source.text_at(node.loc[target].line), text)
    if isinstance(node, Figure):
        return caption(source.text_at(node.loc[target].line), text)
    if isinstance(node, (DataTable, DataRow)):
        table = node if isinstance(node, DataTable) else change.xunit.unit.node
        key = segment.field if isinstance(node, DataTable) else node.key
        assert isinstance(table, DataTable) and isinstance(key, str), "a data row's unit is its table"
        span = source.label_in(table.loc[target].line, key)
        if span is None:
            raise LookupError(
                f"sources/{target}/{change.xunit.file} has no '- {key}:' line in data table "
                f"'{table.key}'; add it, then import again"
            )
        return data_label(span, text)
    assert isinstance(node, Block), "any other text is a block's"
    return Edit(source.text_at(node.loc[target].line), text)


def _verify(
    project: Project, loaded: Loaded, target: str, texts: dict[str, str], changes: list[Change], display: str
) -> None:
    """Read the sources as they would be: they must load, and give the translations."""
    with tempfile.TemporaryDirectory(prefix="bocompile-import-") as scratch:
        copy = Path(scratch) / "project"
        for folder in ("sources", "templates"):
            if (project.root / folder).is_dir():
                shutil.copytree(project.root / folder, copy / folder)
        for name, text in texts.items():
            (copy / "sources" / target / name).write_text(text, encoding="utf-8")
        try:
            reloaded = load(Project(copy))
        except SourceError as error:
            raise SourceError(
                [
                    Diagnostic(Loc(display, changes[0].line), f"the translations would make the sources wrong: {d}")
                    for d in error.diagnostics
                ]
            ) from None
        again = {xunit.id: xunit for xunit in exchange(reloaded, target)}
    report = Report()
    for change in changes:
        written = again[change.xunit.id].segments[change.index].target
        if _key(written) != _key(change.text):
            report.error(
                Loc(display, change.line),
                f"unit '{change.xunit.id}': this translation cannot be "
                "written in Markdown as it stands (emphasis must not start or end beside "
                "punctuation inside a word); move the code or the punctuation",
            )
    report.raise_if_errors()


def _align(
    project: Project,
    ledger: Ledger,
    loaded: Loaded,
    target: str,
    fresh: dict[str, XUnit],
    confirmed: dict[str, list[bool]],
) -> int:
    """Record as aligned the units reviewed against the reference text of now."""
    languages = loaded.config.languages
    units = {xunit.unit.id: xunit.unit for xunit in fresh.values()}
    before = dict(ledger.aligned[target])
    count = 0
    for unit_id, flags in confirmed.items():
        fingerprint = units[unit_id].fingerprint(languages[0])
        if flags and all(flags) and ledger.aligned[target].get(unit_id) != fingerprint:
            ledger.aligned[target][unit_id] = fingerprint
            count += 1
    if ledger.aligned[target] != before:
        write_ledger(project, ledger)
    return count
