"""Functions of one string, remembered in a dict (the parser's per-word and per-chunk caches).

:func:`memo` is :func:`functools.lru_cache` for a function of one hashable argument, kept
in a :class:`Memo`, a dict: a hit is one dict look-up, and each full collection of the
garbage collector walks only a dict's values, where it walks every link of an lru_cache
(with the parser's caches warm, tens of milliseconds a collection, and a collection
comes every few thousand new words). Once ``size`` values are kept, the next new one
starts a new generation: the values so far become the old generation (the one before is
dropped), and a key found there is moved back into the new one, so the words a long
document keeps using stay remembered while at most twice ``size`` values are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """``memo[key]`` is ``fn(key)``, computed on the first look-up (an exception is not kept)."""

    __slots__ = ("fn", "size", "old")

    def __init__(self, fn: Callable[[K], V], size: int) -> None:
        super().__init__()
        self.fn, self.size = fn, size
        self.old: dict[K, V] = {}

    def __missing__(self, key: K) -> V:
        value = self.old[key] if key in self.old else self.fn(key)
        if len(self) >= self.size:
            self.old = dict(self)
            self.clear()
        self[key] = value
        return value


def memo(size: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """The decorator of a function of one argument remembered in a :class:`Memo` of ``size``
    values; the decorated name is the memo's look-up (``f.__self__`` is the memo,
    ``f.__self__.fn`` the function itself, uncached)."""

    def wrap(fn: Callable[[K], V]) -> Callable[[K], V]:
        return Memo(fn, size).__getitem__

    return wrap
