"""What a long-running process keeps of each file's reading between loads.

`watch` loads the project again after every save, and again for each check
it answers; most files have not changed. Within `kept()`, a file whose text,
cited data tables and known operations are those of its last reading is not
read again: its divisions (immutable, so shared) and diagnostics are taken
as they were. One reading is kept per file and language, the last. Outside
(a build, a check), nothing is kept: each language's own tree is let go
once the languages are merged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bocompile.diagnostics import Diagnostic, Report
from bocompile.model import Division
from bocompile.operations import names
from bocompile.read.data import DataSeries
from bocompile.read.markdown import FileReader

#: (file, language) -> (what its reading depends on, its divisions and diagnostics)
Kept = dict[tuple[str, str], tuple[tuple, tuple[tuple[Division, ...], tuple[Diagnostic, ...]]]]

_kept: list[Kept] = []  # one per `kept()` under way


@contextmanager
def kept() -> Iterator[None]:
    _kept.append({})
    try:
        yield
    finally:
        _kept.pop()


def read_file(name: str, lang: str, text: str, data: dict[str, DataSeries], report: Report) -> tuple[Division, ...]:
    """The divisions of file `name` in `lang`; what is wrong in it goes to `report`."""
    if not _kept:  # a build or a check: nothing to keep, nothing to compare
        return FileReader(name, lang, data, report).read(text)
    depends = (text, frozenset(data.items()), names())
    last = _kept[-1].get((name, lang))
    if last is None or last[0] != depends:
        own = Report()
        divisions = FileReader(name, lang, data, own).read(text)
        last = _kept[-1][name, lang] = (depends, (divisions, tuple(own.diagnostics)))
    divisions, found = last[1]
    report.extend(found)
    return divisions
