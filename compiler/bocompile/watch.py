"""`bocompile watch`: the HTML preview, rebuilt on every saved change.

watchfiles (a maintained binding to the operating system's file events)
reports changes under sources/ and templates/; each batch of changes gives
one build of the HTML only and its result: one "ok" line, or the
diagnostics. Editors' swap and backup files are ignored. The watcher is
running before the first result is printed, so no save is missed. While it
runs, it answers `bocompile check` in the project (resident.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from bocompile.build import build
from bocompile.check import verdict
from bocompile.diagnostics import SourceError, UsageProblem
from bocompile.kept import kept
from bocompile.project import Project
from bocompile.resident import answering

WATCHED = ("sources", "templates")
#: how often (ms) the watcher wakes with nothing to report; the first wake starts the preview
WAKE = 200


def watch(project: Project, out: Path, say: Callable[[str], None]) -> None:
    """Build the preview, then again after each change, until interrupted."""
    folders = [project.root / name for name in WATCHED if (project.root / name).is_dir()]
    if any(out.resolve().is_relative_to(folder) for folder in folders):
        raise UsageProblem(
            f"-o {out}: the preview cannot be written inside {' or '.join(name + '/' for name in WATCHED)}"
        )
    started = False
    lock = threading.Lock()  # one build or check at a time: they share the process's caches
    with kept(), answering(project.root, lambda: verdict(project), lock):
        for changes in watchfiles.watch(
            *folders, watch_filter=watchfiles.DefaultFilter(), rust_timeout=WAKE, yield_on_timeout=True
        ):
            if changes or not started:
                started = True
                with lock:
                    lines = preview(project, out, sorted(path for _, path in changes))
                for line in lines:
                    say(line)


def preview(project: Project, out: Path, changed: Iterable[str] = ()) -> list[str]:
    """Build the HTML of every edition into `out`; the lines that say how it went."""
    names = [project.rel(Path(path)) for path in changed if Path(path).is_relative_to(project.root)]
    cause = f" after {names[0]}" + (f" and {len(names) - 1} more" if len(names) > 1 else "") if names else ""
    try:
        written = build(project, out, formats=("html",))
    except SourceError as error:
        return [str(diagnostic) for diagnostic in error.diagnostics]
    return [f"ok: {len(written) - 1} HTML files in {out}{cause}"]
