"""How far a build is, on stderr: a bar on a terminal once the build has run a
second, one line per step with --verbose, nothing otherwise (stdout lists the
files written and stays clean for scripts)."""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

DELAY = 1.0  # seconds: a quicker build shows no bar at all


class Progress:
    """The `progress` callback of bocompile.build.build, as a context manager."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.start = time.monotonic()
        self.bar: ProgressBar[int] | None = None
        self.stack = ExitStack()

    def __call__(self, step: str, done: int, total: int) -> None:
        """`step` is the `done`-th of `total`, just finished."""
        if self.verbose:
            click.echo(f"{done}/{total} {step} ({time.monotonic() - self.start:.1f} s)", err=True)
            return
        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.start < DELAY:
                return
            self.bar = self.stack.enter_context(
                click.progressbar(length=total, label="building", file=sys.stderr, show_pos=True)
            )
        self.bar.update(done - self.bar.pos)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stack.close()
