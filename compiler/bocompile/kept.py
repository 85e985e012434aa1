"""What a long-running process keeps of its readings between loads.

`watch` loads the project again after every save, and again for each check
it answers; most files have not changed. Within `kept()`, a reading (a
source file's divisions or operations, a language's wording) whose inputs
are those of its last reading is not made again: the value made then is
taken as it is. One value is kept per key, the last. Outside (a build, a
check), nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

V = TypeVar("V")

#: key -> (what its value was made from, the value)
_kept: list[dict[Hashable, tuple[object, object]]] = []  # one per `kept()` under way


@contextmanager
def kept() -> Iterator[None]:
    _kept.append({})
    try:
        yield
    finally:
        _kept.pop()


def keeping() -> bool:
    """Whether readings are kept (a long-running process's)."""
    return bool(_kept)


def again(key: Hashable, depends: object, make: Callable[[], V]) -> V:
    """make(), or, within `kept()`, the value it gave last time for `key`
    when `depends` equals what that value was made from. A make() that
    raises keeps nothing."""
    if not _kept:
        return make()
    last = _kept[-1].get(key)
    if last is None or last[0] != depends:
        last = _kept[-1][key] = (depends, make())
    return last[1]  # type: ignore[return-value]  # made by the make() given with this key
