"""Readings stored under the project between runs, in `.bocompile_cache/`.

Reading Markdown is most of loading a long agreement (markdown-it-py is
pure Python: about a second a language at 2,000 articles), and most source
files have not changed since the last build or check. A file's reading that
had nothing to say (no diagnostic) is stored under a digest of everything
it is made from: the file's name, language and text, the data tables, the
registered operations, and the code that reads it (bocompile, markdown-it-py
and its plugins, Python). A later run whose inputs give the same digest
takes the stored reading; any other reading is made again and replaces it.
One entry per source file (a file renamed or removed leaves its entry
behind until the folder is deleted).

An entry is taken only from the store that wrote it: each is signed
(HMAC-SHA256) with a key of random bytes and the identity of the file that
holds them (device, inode, change time), which no copy, clone or planted
store shares; and unpickling admits only the model's classes. Whatever is
wrong with the store (a link, a file in its place, no right to write,
damage) makes it be read as empty or left as it is: a build never depends
on it, and deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import markdown_it
import mdit_py_plugins

from bocompile.diagnostics import Loc
from bocompile.model.nodes import Node
from bocompile.operations import kinds
from bocompile.project import SOURCE_LIMIT

R = TypeVar("R")

FOLDER = ".bocompile_cache"
#: what the folder holds besides its entries: the Cache Directory Tagging
#: Specification's tag (backup tools skip the folder) and a .gitignore
#: that keeps it out of version control
_MARKERS = {
    "CACHEDIR.TAG": b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# bocompile's stored readings of the sources: safe to delete.\n",
    ".gitignore": b"*\n",
}
_KEY = "key"
_KEY_BYTES = 32
_MAGIC = b"bocompile reading 1\n"
#: the largest entry read: a reading pickles to about 1.3 times its source
_LIMIT = 4 * SOURCE_LIMIT
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: entries are opened, written and replaced relative to the folder, never by a path a link could divert
_AT = {os.open, os.rename, os.unlink} <= os.supports_dir_fd
_READ = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)


class _Store:
    """The open folder of a project's store, the key its entries are signed
    with, and the digest of what every reading of the run is made from."""

    def __init__(self, folder: int, key: bytes, shared: bytes):
        self.folder, self.key, self.shared = folder, key, shared


_store: _Store | None = None


@contextlib.contextmanager
def storing(root: Path, *shared: str) -> Iterator[None]:
    """Within, readings are taken from and saved to the store under `root`
    (forked workers share it); `shared`: what every reading is made from
    besides its own inputs (the data tables), digested once for all."""
    global _store
    store = _opened(root / FOLDER, _digest(_code(), *shared)) if _AT and _code() else None
    previous, _store = _store, store
    try:
        yield
    finally:
        _store = previous
        if store:
            os.close(store.folder)


def stored(key: tuple[str, ...], inputs: tuple[str, ...], read: Callable[[], tuple[R, tuple]]) -> tuple[R, tuple]:
    """read() -> (value, diagnostics), or the value stored for `key` when
    it was made from the same `inputs` and the same code; a reading without
    diagnostics is stored."""
    store = _store
    if store is None:
        return read()
    name = hashlib.sha256("\0".join(key).encode()).hexdigest()[:32]
    digest = _digest(store.shared, *key, *inputs)
    found = _taken(store, name, digest)
    if found is not None:
        return found, ()
    value, diagnostics = read()
    if not diagnostics:
        _saved(store, name, digest, value)
    return value, diagnostics


def _digest(*parts: str | bytes) -> bytes:
    """One digest of `parts`, each told apart from the next by its length."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


@functools.cache
def _code() -> bytes:
    """A digest of the code a reading comes from: every module of
    bocompile, the versions of the Markdown parser and of Python. Empty
    where bocompile's modules are not files (then nothing is stored)."""
    package = Path(__file__).resolve().parent.parent
    try:
        modules = sorted(package.rglob("*.py"))
        parts = [part for path in modules for part in (path.relative_to(package).as_posix(), path.read_bytes())]
    except OSError:
        return b""
    if not modules:
        return b""
    return _digest(*parts, markdown_it.__version__, mdit_py_plugins.__version__, sys.version)


def _opened(folder: Path, shared: bytes) -> _Store | None:
    """The store in `folder`, made if missing; None where it is not a
    folder of its own (a link, a file) or cannot be made or read."""
    try:
        made = _made(folder)
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW)
    except OSError:
        return None
    try:
        if made:
            for marker, content in _MARKERS.items():
                _written(fd, marker, content)
        key = _key(fd)
    except OSError:
        key = None
    if key is None:
        os.close(fd)
        return None
    return _Store(fd, key, shared)


def _made(folder: Path) -> bool:
    try:
        os.mkdir(folder, 0o755)
    except FileExistsError:
        return False
    return True


def _key(folder: int) -> bytes | None:
    """The signing key: the random bytes of the folder's key file (made if
    missing) with that file's identity. None while another process is
    still writing the file, or if it is not what this module writes."""
    with contextlib.suppress(FileExistsError):
        _written(folder, _KEY, secrets.token_bytes(_KEY_BYTES), exclusive=True)
    fd = os.open(_KEY, _READ, dir_fd=folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != _KEY_BYTES:
            return None
        random = os.read(fd, _KEY_BYTES)
    finally:
        os.close(fd)
    return random + f"{info.st_dev}:{info.st_ino}:{info.st_ctime_ns}".encode()


def _written(folder: int, name: str, content: bytes, exclusive: bool = False) -> None:
    """`content` in a new file `name` of the folder: written whole under a
    name of its own, then put in place (or, `exclusive`, created there)."""
    target = name if exclusive else f".{name}.{secrets.token_hex(8)}"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb", closefd=False) as stream:
            stream.write(content)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(target, dir_fd=folder)
        raise
    os.close(fd)
    if not exclusive:
        try:
            os.replace(target, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(target, dir_fd=folder)
            raise


def _taken(store: _Store, name: str, digest: bytes):
    """The reading entry `name` holds, if it was signed by this store for
    `digest`; None otherwise."""
    try:
        fd = os.open(name, _READ, dir_fd=store.folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LIMIT:
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(_LIMIT + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(_MAGIC) + hashlib.sha256().digest_size
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    if not hmac.compare_digest(data[len(_MAGIC) : head], _signature(store, digest, memoryview(data)[head:])):
        return None
    pickled = io.BytesIO(data)
    pickled.seek(head)
    try:
        return _ModelOnly(pickled).load()
    except Exception:  # signed by this store, so never expected: read again
        return None


def _saved(store: _Store, name: str, digest: bytes, value: object) -> None:
    try:
        payload = pickle.dumps(value, protocol=5)
    except (pickle.PicklingError, RecursionError):
        return
    with contextlib.suppress(OSError):
        _written(store.folder, name, _MAGIC + _signature(store, digest, payload) + payload)


def _signature(store: _Store, digest: bytes, payload: bytes | memoryview) -> bytes:
    signer = hmac.new(store.key, digest, hashlib.sha256)
    signer.update(payload)
    return signer.digest()


class _ModelOnly(pickle.Unpickler):
    """Unpickles the model's classes and nothing else: no other callable
    can be named by an entry."""

    def __init__(self, stream: io.BytesIO):
        super().__init__(stream)
        classes = (Loc, Decimal, dt.date, *Node.__subclasses__(), *(kind.type for kind in kinds()))
        self.classes = {(kind.__module__, kind.__qualname__): kind for kind in classes}

    def find_class(self, module: str, name: str) -> type:
        allowed = self.classes.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")
        return allowed
