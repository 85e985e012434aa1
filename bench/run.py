"""Benchmark: time each pipeline stage on the bundled agreement and on a
synthetic one ten times its size, and the PDF step (LibreOffice) per
document. Prints medians; asserts nothing."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bocompile.compose import editions_of
from bocompile.compose.comparison import comparison
from bocompile.compose.consolidated import consolidated_edition
from bocompile.compose.inputs import history_of
from bocompile.compose.signed import base_edition
from bocompile.diff import compare
from bocompile.load import load
from bocompile.model import Agreement, Division
from bocompile.number import number
from bocompile.project import Project
from bocompile.typography import typeset_edition
from bocompile.write.akn import write_akn
from bocompile.write.pdf.office import Office, OfficeError
from bocompile.write.docx import docx_writers, write_docx
from bocompile.write.docx.redline import write_redline
from bocompile.write.docx.synoptic import write_synoptic

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    print(f"{label:<42} {statistics.median(times) * 1000:9.1f} ms  (median of {runs})")
    return statistics.median(times)


def tenfold(edition):
    """The bundled body repeated ten times; copies 1-9 get new keys, so
    references (to the original keys) point into copy 0."""
    def rekey(division: Division, n: int) -> Division:
        return replace(division, key=f"{division.key}-{n}" if n else division.key, number=(),
                       children=tuple(rekey(c, n) for c in division.children))
    agreement = Agreement(tuple(rekey(p, n) for n in range(10) for p in edition.agreement.parts))
    return replace(edition, agreement=agreement, numbering=number(agreement))


def main() -> None:
    project = Project.open(ROOT)
    compiled = load(project)
    base = base_edition(compiled)
    big = tenfold(base)
    langs = compiled.config.languages
    timed("read + check (bundled)", lambda: load(project))
    timed("consolidate (bundled, 3 amendments)", lambda: consolidated_edition(compiled))
    timed("docx nl, fr, nl-fr (bundled)", lambda: write_docx(base, langs))
    timed("akn nl, fr (bundled)", lambda: write_akn(base, langs))
    timed("docx nl, fr, nl-fr (10x: 290 articles)", lambda: write_docx(big, langs), runs=3)
    timed("akn nl, fr (10x: 290 articles)", lambda: write_akn(big, langs), runs=3)
    states = history_of(compiled)
    timed("diff as signed -> latest (bundled)", lambda: compare(states.signed, states.at()))
    compared = comparison(compiled, "base", states=states)
    timed("redline + synoptic nl, fr (bundled)", lambda: [
        write(compared, lang) for write in (write_redline, write_synoptic) for lang in langs])
    pdf_step(compiled)


def pdf_step(compiled) -> None:
    """LibreOffice's share: its start, each document's layout and PDF, and a
    whole build with PDFs against one without."""
    try:
        office = Office(timeout=120)
    except OfficeError as error:
        print(f"pdf step skipped: {error}")
        return
    try:
        timed("pdf: start LibreOffice (once per build)", lambda: Office(timeout=120).close(), runs=1)
        editions = [typeset_edition(e) for e in editions_of(compiled, consolidated=True)]
        for edition in editions:
            for name, write in docx_writers(edition, compiled.config.languages).items():
                draft = write({})
                timed(f"pdf: {edition.name}/{name}", lambda: office.lay_out(draft), runs=3)
    finally:
        office.close()
    with tempfile.TemporaryDirectory() as out:
        def cli(*formats: str) -> None:
            subprocess.run([sys.executable, "-m", "bocompile", "-C", str(ROOT), "--consolidate", "-o", out,
                            *(f"--format={f}" for f in formats)], check=True, capture_output=True)
        plain = timed("bocompile --consolidate (docx, akn)", lambda: cli("docx", "akn"), runs=3)
        full = timed("bocompile --consolidate (docx, akn, pdf)", lambda: cli("docx", "akn", "pdf"), runs=3)
    print(f"a build with PDFs takes {full / plain:.1f} x the build without "
          f"({'under' if full < 4 * plain else 'over'} the 4 x budget; {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    sys.exit(main())
