"""A source file's reading, kept by a long-running process (kept.py) and
stored under the project between runs (stored.py).

Within `kept()`, a file whose text, cited data tables and known operations
are those of its last reading is not read again: its divisions or
operations (immutable, so shared) and diagnostics are taken as they were.
Outside (a build, a check), each language's own tree is let go once the
languages are merged. Within `storing()`, a reading not kept is looked for
in the project's store before the file is read (the data tables, which
every reading may cite, are part of what the store's digests are made of).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bocompile.diagnostics import Diagnostic, Report
from bocompile.kept import again, keeping
from bocompile.load.stored import stored
from bocompile.model import Division
from bocompile.model.amendment import Operation
from bocompile.operations import names
from bocompile.read.amendment import AmendmentReader
from bocompile.read.data import DataSeries
from bocompile.read.markdown import FileReader

R = TypeVar("R")


def read_file(name: str, lang: str, text: str, data: dict[str, DataSeries], report: Report) -> tuple[Division, ...]:
    """The divisions of file `name` in `lang`; what is wrong in it goes to `report`."""
    return _reading(("file", name, lang), text, data, report, lambda own: FileReader(name, lang, data, own).read(text))


def read_operations(
    name: str, lang: str, text: str, data: dict[str, DataSeries], report: Report
) -> tuple[Operation, ...]:
    """The operations of amendment file `name` in `lang`; what is wrong in it goes to `report`."""
    key = ("amendment", name, lang)
    return _reading(key, text, data, report, lambda own: AmendmentReader(name, lang, data, own).operations(text))


def _reading(
    key: tuple[str, str, str], text: str, data: dict[str, DataSeries], report: Report, read: Callable[[Report], R]
) -> R:
    def reading() -> tuple[R, tuple[Diagnostic, ...]]:
        own = Report()
        return read(own), tuple(own.diagnostics)

    def storable() -> tuple[R, tuple[Diagnostic, ...]]:
        return stored(key, (text, *names()), reading)

    if keeping():
        value, found = again(key, (text, frozenset(data.items()), names()), storable)
    else:  # a build or a check: nothing to keep, nothing to compare
        value, found = storable()
    report.extend(found)
    return value
