"""`bocompile check`, answered by a running `bocompile watch`.

A translator keeps `watch` running for the preview, and their editor runs
`check` on each save. A fresh process spends most of a check of a real
agreement starting Python and importing its libraries (bench/README.md);
`watch` has them loaded and keeps what it read of each file (a file whose
text has not changed is not read again), so it answers in a fraction of
that. It checks anew, on the files as they are when asked: the answer is the
one a `check` of its own would give, ok line, diagnostics and exit code.

`watch` listens on a Unix socket in the project root (SOCKET), open to its
user only. `check` asks there first, and checks by itself when nobody
answers: no watch, a socket left by a watch that was killed, another
bocompile version, a platform without Unix sockets, a project path too long
for one. It only ever connects to a socket its own user made in the project
root itself, never through a link.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from bocompile import __version__
from bocompile.cores import fork_safe
from bocompile.diagnostics import Diagnostic, Loc, SourceError, UsageProblem

#: the socket `watch` answers on, in the project root
SOCKET = ".bocompile-watch.sock"
#: seconds `check` waits for `watch` to take its call; then it checks by itself
CONNECT = 1.0
#: seconds `watch` lets a check wait for the preview it is building; longer, it
#: declines and `check` checks by itself
BUSY = 10.0
#: seconds `check` waits for the answer of a check under way
ANSWER = 600.0
#: what `check` sends: the answer must come from this very version
QUESTION = {"check": __version__}

#: checks the project: returns the ok line, raises SourceError or UsageProblem as `check` does
Checker = Callable[[], str]


def ask(root: Path) -> str | None:
    """The ok line of the check `watch` ran, or None when none answers;
    SourceError or UsageProblem when the sources are wrong."""
    path = root / SOCKET
    if not hasattr(socket, "AF_UNIX") or not _ours(path):
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as caller:
            caller.settimeout(CONNECT)
            caller.connect(str(path))
            caller.sendall(json.dumps(QUESTION).encode() + b"\n")
            caller.shutdown(socket.SHUT_WR)
            caller.settimeout(ANSWER)
            answer = json.loads(_all(caller))
    except (OSError, ValueError):
        return None
    if not isinstance(answer, dict):
        return None
    if "errors" in answer:
        raise SourceError([_diagnostic(d) for d in answer["errors"]])
    if "usage" in answer:
        raise UsageProblem(answer["usage"])
    return answer.get("ok")


@contextlib.contextmanager
def answering(root: Path, checker: Checker, lock: threading.Lock) -> Iterator[bool]:
    """While inside, a thread answers `check` for the project in `root`,
    taking `lock` for each check (the preview builds hold it too). Yields
    whether it listens: not when another watch answers already, or the
    socket cannot be made."""
    path = root / SOCKET
    listener = _listen(path)
    if listener is None:
        yield False
        return
    made = os.lstat(path).st_ino
    thread = threading.Thread(target=_serve, args=(listener, checker, lock), daemon=True)
    fork_safe(thread)  # it checks only holding `lock`, which a build that forks holds
    thread.start()
    try:
        yield True
    finally:
        listener.close()
        with contextlib.suppress(OSError):
            if os.lstat(path).st_ino == made:  # not one a later watch made
                path.unlink()


def _listen(path: Path) -> socket.socket | None:
    if not hasattr(socket, "AF_UNIX"):
        return None
    if os.path.lexists(path):
        if not _ours(path) or _alive(path):
            return None  # not ours to remove, or another watch answers
        with contextlib.suppress(OSError):
            path.unlink()  # left by a watch that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(path))
        os.chmod(path, 0o600)
        listener.listen()
    except OSError:  # a read-only project, a path too long for a socket
        listener.close()
        return None
    return listener


def _alive(path: Path) -> bool:
    """Whether a process listens on the socket at `path`."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as caller:
        caller.settimeout(CONNECT)
        try:
            caller.connect(str(path))
        except OSError:
            return False
    return True


def _serve(listener: socket.socket, checker: Checker, lock: threading.Lock) -> None:
    while True:
        try:
            call, _ = listener.accept()
        except OSError:  # closed: watch is stopping
            return
        with call, contextlib.suppress(OSError):
            call.settimeout(CONNECT)
            call.sendall(_reply(call, checker, lock))
            # the end, now: a worker a build forked meanwhile holds this socket too
            call.shutdown(socket.SHUT_RDWR)


def _reply(call: socket.socket, checker: Checker, lock: threading.Lock) -> bytes:
    """The answer to the call: {} for "check by yourself"."""
    try:
        question = json.loads(_all(call))
    except ValueError:
        return b"{}"
    if question != QUESTION:  # another version
        return b"{}"
    if not lock.acquire(timeout=BUSY):  # still building the preview
        return b"{}"
    try:
        answer = _answer(checker)
    finally:
        lock.release()
    return json.dumps(answer, ensure_ascii=False).encode()


def _answer(checker: Checker) -> dict:
    try:
        return {"ok": checker()}
    except SourceError as error:
        return {"errors": [d.as_json() for d in error.diagnostics]}
    except UsageProblem as problem:
        return {"usage": str(problem)}
    except Exception:  # check says it, with its exit code and --verbose's traceback
        return {}


def _ours(path: Path) -> bool:
    """A socket, not a link to one, made by this user."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(found.st_mode) and found.st_uid == os.getuid()


def _all(call: socket.socket) -> bytes:
    chunks = []
    while chunk := call.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _diagnostic(found: dict) -> Diagnostic:
    return Diagnostic(Loc(found["path"], found["line"], found["column"]), found["message"], found["severity"])
