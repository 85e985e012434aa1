"""Running bocompile as a user does on a damaged copy of the project, and
proving what it left: the exit code, the diagnostics, and sources/ and
output/ exactly as they were (files by content, links by target, special
files by kind, without ever opening one)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import struct
import subprocess
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: a run that takes longer has hung (a normal one takes seconds)
TIMEOUT = 120


def bocompile(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess; a traceback is a failure."""
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "bocompile", *args], cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def errors(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def state(project: Path) -> dict[str, str]:
    """What sources/, templates/ and output/ hold, entry by entry."""
    found = {}
    for top in ("sources", "templates", "output"):
        for parent, folders, names in os.walk(project / top):
            for name in folders + names:
                path = Path(parent, name)
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode):
                    value = f"link to {os.readlink(path)}"
                elif stat.S_ISREG(mode):
                    value = hashlib.sha256(path.read_bytes()).hexdigest()
                else:
                    value = stat.filemode(mode)[0]
                found[path.relative_to(project).as_posix()] = value
    return found


def fresh_copy(template: Path, destination: Path) -> Path:
    """A copy of a built project, links kept as links."""
    shutil.copytree(template, destination, symlinks=True)
    return destination


def refused(project: Path, *args: str, code: int = 1) -> list[str]:
    """Build `project` (or run `args`) expecting failure with exit `code`;
    nothing in the project may change. Returns the error lines."""
    before = state(project)
    result = bocompile("-C", str(project), *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert state(project) == before
    return errors(result)


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of `path` holding `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def third_line_of_a_paragraph(path: Path) -> tuple[int, str]:
    """The number and text of the third line of the first paragraph of
    `path` that runs over at least four lines of text."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for start in range(len(lines) - 3):
        block = lines[start : start + 4]
        if (start == 0 or not lines[start - 1].strip()) and all(line.strip() and line[0].isalpha() for line in block):
            return start + 3, lines[start + 2]
    raise AssertionError(f"no long paragraph in {path}")


def put(path: Path, line: int, column: int, text: str) -> None:
    """Insert `text` before `column` (1-based) of `line`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1][: column - 1] + text + lines[line - 1][column - 1 :]
    path.write_text("\n".join(lines), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def visible(output: Path) -> dict[str, str]:
    """Every file a user sees in `output` (through its links; hidden entries,
    where builds are kept, left out), by path, with its sha256."""
    found = {}
    for parent, folders, names in os.walk(output, followlinks=True):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):
                path = Path(parent, name)
                found[path.relative_to(output).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def png(width: int, height: int, pixels: bool = True, grey: int = 0x80) -> bytes:
    """A grey PNG written by hand; without `pixels` only its header (a
    picture that claims a size it does not hold)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes([grey]) * width for _ in range(height)) if pixels else b""
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def use_images(project: Path, sources: dict[str, str]) -> dict[str, int]:
    """Turn the bundled placeholder figure into an image per language;
    returns the figure's line per language."""
    lines = {}
    for lang, src in sources.items():
        path = project / f"sources/{lang}/doelstellingen.md"
        lines[lang] = line_of(path, "]()")
        replace_in(path, "]()", f"]({src})")
    return lines
