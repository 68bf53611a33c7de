"""The parser's per-word caches (refs.parse.memo)."""

from __future__ import annotations

import pytest

from refs.parse.memo import Memo, memo


def test_a_value_is_computed_once_and_an_exception_is_not_kept() -> None:
    calls: list[str] = []

    @memo(8)
    def upper(word: str) -> str:
        calls.append(word)
        if not word:
            raise ValueError("empty")
        return word.upper()

    assert upper("a") == upper("a") == "A" and calls == ["a"]
    for _ in range(2):
        with pytest.raises(ValueError):
            upper("")
    assert calls == ["a", "", ""] and upper.__self__.fn("b") == "B"  # (the function itself, uncached)


def test_a_full_memo_keeps_the_words_still_in_use() -> None:
    """Past ``size`` values a new generation starts: a word of the generation before is
    moved into it without computing it again; at most twice ``size`` values are kept."""
    calls: list[int] = []
    squares: Memo[int, int] = Memo(lambda n: calls.append(n) or n * n, 3)
    for n in (1, 2, 3, 4):  # (4 starts a new generation: 1, 2, 3 are the old one)
        squares[n]
    assert squares[1] == 1 and calls == [1, 2, 3, 4]
    for n in range(5, 40):
        squares[n]
        assert len(squares) + len(squares.old) <= 6
    assert squares[2] == 4 and calls[-1] == 2  # (long gone: computed again)
