"""A progress bar for long commands, shown only when stderr is a terminal.

One helper for every command (``enrich``, ``check-links``): logs, pipes and CI get no
bar at all, and updates may come from worker threads, so they take a lock.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any

import click


class Progress:
    """``with Progress("checking links") as bar: bar.start(n); ... bar.advance()``.

    ``start`` opens the bar once the total is known (nothing for fewer than
    ``min_total`` items, or off a terminal); ``advance`` and ``set`` are no-ops then.
    """

    def __init__(self, label: str, min_total: int = 1) -> None:
        self.label = label
        self.min_total = min_total
        self.bar: Any = None
        self._lock = threading.Lock()

    def start(self, total: int) -> None:
        if total >= self.min_total and total > 0 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                         show_pos=True, show_eta=True)
            self.bar.__enter__()

    def advance(self, *_: object) -> None:
        """One more item done (extra arguments are ignored, so it can be a callback)."""
        if self.bar is not None:
            with self._lock:
                self.bar.update(1)

    def set(self, done: int, total: int | None = None) -> None:
        """``done`` items of ``total`` finished."""
        if self.bar is not None:
            with self._lock:
                self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
