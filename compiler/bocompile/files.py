"""Reading a file without trusting it: its kind and size are decided by
`os.stat` before anything is opened.

A named pipe would block `open` forever and a device can stream without
end, so only regular files are opened, and never more than a stated limit
is read. The caller (project.Project) decides which paths may be read and
names the file in the diagnostic; this module only says why it refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: opened without following a last symbolic link and without blocking: the
#: path was checked, so a link or pipe appearing in between is refused.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Refused(Exception):
    """Why a file is not read (the message follows the file's name)."""


def resolved(path: Path) -> Path:
    """`path` with its symbolic links resolved, whether it exists or not;
    OSError for a loop of links (RuntimeError too before Python 3.13),
    which Python 3.13's lenient resolve gives back unresolved."""
    try:
        return path.resolve(strict=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise
        return path.resolve()  # missing, or below a file: said where it is read or written


def kind_of(mode: int) -> str:
    """ "a file", "a directory", "a named pipe (FIFO)", ..."""
    if stat.S_ISREG(mode):
        return "a file"
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises Refused for anything but a regular file of at most `limit` bytes,
    and OSError (FileNotFoundError, PermissionError, ...) as the system does.
    """
    info = os.stat(path)
    _check(info.st_mode, info.st_size, limit)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        _check(info.st_mode, info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused(f"grew beyond {_size(limit)} while being read")
    return data


def _check(mode: int, size: int, limit: int) -> None:
    if not stat.S_ISREG(mode):
        raise Refused(f"is {kind_of(mode)}, not a regular file")
    if size > limit:
        raise Refused(f"is {_size(size)}; the limit is {_size(limit)}")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"
