"""The output directory: every build appears in one atomic step.

A build is written, file by file, to a fresh folder `.builds/<name>/` inside
the output directory and becomes current when one symbolic link, `.current`, is
switched to it by a rename (atomic on POSIX file systems). What users open,
`base/`, `amendments/`, `consolidated/` and `manifest.json`, are fixed links
through `.current`, so they always show one whole build, never a mix of an
old and a new one. Leftovers of an interrupted build are removed by the next.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bocompile.diagnostics import Diagnostic, Loc, SourceError, UsageProblem
from bocompile.files import resolved
from bocompile.project import Project

if sys.platform != "win32":  # one build at a time per output directory; Windows has no fcntl
    import fcntl

STORE = ".builds"
CURRENT = ".current"
#: every name a build owns in the output directory (manifest.json lists the rest)
ENTRIES = ("base", "amendments", "consolidated", "manifest.json")
#: the project folders an output directory must stay clear of
PROTECTED = ("sources", "templates")


def check_destination(project: Project, out: Path) -> None:
    """Refuse an output directory that is, holds or lies in sources/ or
    templates/: a build replaces what it finds there."""
    try:
        real = resolved(out)
    except (OSError, RuntimeError):
        raise UsageProblem(f"output directory {out} cannot be resolved (a loop of symbolic links?)") from None
    for name in PROTECTED:
        guarded = (project.root / name).resolve()
        if real == guarded:
            where = f"is {name}/ itself"
        elif real.is_relative_to(guarded):
            where = f"is inside {name}/"
        elif guarded.is_relative_to(real):
            where = f"contains {name}/"
        else:
            continue
        raise UsageProblem(
            f"the output directory {out} {where}; choose one outside sources/ and templates/ "
            "(-o DIR), which a build does not overwrite"
        )


class Staging:
    """The fresh folder a build is written into, a file at a time, by the
    build's process or its workers: no process holds the whole output."""

    def __init__(self, folder: Path):
        self.folder = folder

    def put(self, name: str, data: bytes) -> str:
        """Write the file `name` ("base/nl.docx"); its SHA-256, for the
        manifest (computed here, while its bytes are at hand)."""
        _write(self.folder / name, data)
        return hashlib.sha256(data).hexdigest()


@contextmanager
def publishing(out: Path) -> Iterator[Staging]:
    """The build written into a fresh folder of `out`'s store, which becomes
    its output when the block ends, and is removed if the block fails (with
    `out` itself, if this build made it). The store stays locked for this
    build until then."""
    made = next((folder for folder in reversed([out, *out.parents]) if not os.path.lexists(folder)), None)
    try:
        with _holding(out) as store:
            yield from _published(out, store)
    except BaseException:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        raise


def _published(out: Path, store: Path) -> Iterator[Staging]:
    """The fresh folder, switched in once the build is written in it."""
    _check_room(out)
    with _writing(out, "clean up"):
        _remove_leftovers(out, store)
    build = _fresh(store)
    try:
        yield Staging(build)
        names = {entry.name for entry in build.iterdir()}
        for name in sorted(names):
            with _writing(out / name, "replace"):
                _link(out / name)
        with _writing(out, "switch the build in"):
            _point(out / CURRENT, Path(STORE) / build.name)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    with _writing(out, "clean up"):
        for name in set(ENTRIES) - names:
            _remove(out / name)
        _remove_leftovers(out, store)


def publish_folder(out: Path, folder: str, files: dict[str, bytes]) -> list[Path]:
    """Write `files` ({"<folder>/nl.docx": bytes, ...}) as the one folder
    `out/<folder>` (bocompile diff's diff/<from>_<to>/), leaving the build's
    entries be. Written whole beside it, it takes the old one's place by two
    renames (a folder cannot replace a folder in one); a failure puts the old
    one back, and the next run removes what an interrupted one left."""
    target = out / folder
    with _writing(target.parent, "create"):
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(f".{target.name}-*"):
            _remove(stale)
    staging = target.with_name(f".{target.name}-{uuid.uuid4().hex[:12]}")
    old = staging.with_name(f"{staging.name}-old")
    try:
        _write_all(staging, {name.removeprefix(f"{folder}/"): data for name, data in files.items()})
        with _writing(target, "replace"):
            if os.path.lexists(target):
                os.replace(target, old)
            try:
                os.replace(staging, target)
            except OSError:
                if os.path.lexists(old):
                    os.replace(old, target)
                raise
    finally:
        with _writing(target.parent, "clean up"):
            _remove(staging)
            _remove(old)
    return [out / name for name in sorted(files)]


@contextmanager
def _holding(out: Path) -> Iterator[Path]:
    """The store of `out`, created and locked for this writer alone."""
    store = out / STORE
    with _writing(out, "create"):
        store.mkdir(parents=True, exist_ok=True)
    with _writing(store, "lock"):
        lock = _lock(out, store)
    try:
        yield store
    finally:
        if lock is not None:
            os.close(lock)


def _fresh(store: Path) -> Path:
    """A new, empty folder in the store."""
    folder = store / f"build-{uuid.uuid4().hex[:12]}"
    with _writing(store.parent, "write the build into"):
        folder.mkdir()  # the user's umask applies, unlike mkdtemp's 0700
    return folder


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in sorted(files.items()):
        _write(folder / name, data)


def _write(path: Path, data: bytes) -> None:
    with _writing(path, "write"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _check_room(out: Path) -> None:
    """A real folder `base/` or file manifest.json may be left by an older
    bocompile and is replaced; anything bocompile never makes there (a file
    named base, a folder named manifest.json) stops the build untouched."""
    for name in ENTRIES:
        entry, folder = out / name, name != "manifest.json"
        if entry.is_symlink() or not entry.exists() or entry.is_dir() == folder:
            continue
        raise SourceError(
            [
                Diagnostic(
                    Loc(str(entry), 0),
                    f"{entry} is in the way: bocompile writes "
                    f"its {'folder' if folder else 'file'} {name} there; move it away",
                )
            ]
        )


def _link(entry: Path) -> None:
    """Make `entry` the fixed link to `.current/<its name>`."""
    target = Path(CURRENT) / entry.name
    if entry.is_symlink() and Path(os.readlink(entry)) == target:
        return
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    _point(entry, target)


def _point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` in one rename."""
    fresh = link.with_name(f"{link.name}.new")
    _remove(fresh)
    os.symlink(target, fresh)
    os.replace(fresh, link)


def _remove_leftovers(out: Path, store: Path) -> None:
    """Builds that are not current (interrupted or replaced), links to
    nothing, and the staging folders of bocompile versions before .builds."""
    current = Path(os.readlink(out / CURRENT)) if (out / CURRENT).is_symlink() else None
    for build in store.iterdir():
        if Path(STORE) / build.name != current:
            _remove(build)
    for name in ENTRIES:
        if (out / name).is_symlink() and not (out / name).exists():
            (out / name).unlink()
    for stale in out.glob(".bocompile-*"):
        _remove(stale)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()


def _lock(out: Path, store: Path) -> int | None:
    """Hold the store's lock for this build; another build holding it is an error."""
    if sys.platform == "win32":
        return None
    descriptor = os.open(store, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise SourceError(
            [Diagnostic(Loc(str(out), 0), f"another bocompile is writing to {out}; wait until it has finished")]
        ) from None
    return descriptor


@contextmanager
def _writing(path: Path, action: str) -> Iterator[None]:
    """An OSError while writing becomes a diagnostic naming the path."""
    try:
        yield
    except OSError as error:
        raise SourceError(
            [
                Diagnostic(
                    Loc(str(path), 0),
                    f"cannot {action} {path}: "
                    f"{error.strerror or error}; check that the output directory "
                    "is writable and has room",
                )
            ]
        ) from None
