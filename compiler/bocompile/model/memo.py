"""Values computed once per object of the model (or a loaded project).

The model is immutable and the states of the history share every subtree
an amendment did not touch, so what is true of a node stays true as long
as the node lives. The cache is keyed by identity (hashing a frozen
dataclass would walk the whole subtree) and forgets a value when its node
is collected.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
V = TypeVar("V")


#: each memo's cache, for forget
_CACHES: dict[Callable, dict] = {}


def per_node(fn: Callable[[T], V]) -> Callable[[T], V]:
    """fn(node), computed once for each node object; fn must depend on the node alone."""
    cache: dict[int, V] = {}

    def cached(node: T) -> V:
        key = id(node)
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = fn(node)
            weakref.finalize(node, cache.pop, key, None)
            return value

    _CACHES[cached] = cache
    return cached


def forget(memo: Callable) -> None:
    """Let go of what `memo` computed (per_node): values that served one
    stage of the run and would take room in all that follows; any still
    asked for are computed again."""
    _CACHES[memo].clear()
