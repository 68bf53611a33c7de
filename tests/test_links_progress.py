"""The shared terminal progress bar (used by check-links and enrich)."""

from __future__ import annotations

import io
import sys
import threading

from refs.cli.progress import Progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Progress("checking links") as bar:
        bar.start(10)
        bar.advance()
        assert bar.bar is None
    assert sys.stderr.getvalue() == ""


def test_progress_bar_counts_from_many_threads_and_closes(monkeypatch) -> None:
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    with Progress("checking links") as bar:
        bar.start(40)
        threads = [threading.Thread(target=lambda: [bar.advance(object()) for _ in range(10)])
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert bar.bar.pos == 40
        bar.set(40, 40)
        assert bar.bar.pos == 40
    assert bar.bar is None
    assert "checking links" in tty.getvalue()


def test_progress_bar_skips_tiny_totals(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stderr", _Tty())
    with Progress("Looking up", min_total=2) as bar:
        bar.start(1)
        bar.set(1)
        assert bar.bar is None
