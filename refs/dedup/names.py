"""Author lists compared as sets of names, without trusting the family/given split.

A free-text parse often gets the split wrong (``family: "S.E", given: "Fahlman,"``;
``family: "R", given: "Mitchell, T., Utgoff, P., & Banerji,"``), puts a given name in
the family field (``"Fahlman"``, ``{"family": "Scott", "given": "E"}``) or cuts the
list short ("et al."). So besides the structured comparison in
:mod:`refs.dedup.score`, each record keeps

* ``surnames``: the long words (two letters or more) of the family fields, or of the
  given field when the family field holds only initials (the swapped parse), and
* ``name_words``: every long word of every name (family and given alike);

and two lists agree by :func:`nameset_overlap`: the share of the shorter list's
surnames found, exactly or misspelled, among all the name words of the other, in any
order. A truncated list ("et al.") is the shorter list, so it agrees with the full one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from refs.model import fold

#: Words in a name field that are not names.
NOT_NAMES = frozenset(
    "et al and others jr sr ii iii iv eds ed editor editors von van der de da di la le".split()
)

_SPLIT = re.compile(r"[\s.,;&/]+")


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[tuple[str, ...], bool]:
    """The folded long words of one name field, and whether the field holds only
    initials (``"S.E"``, ``"R"``, ``"T. M."``)."""
    raw = [w for w in _SPLIT.split(text) if w]
    long_words: list[str] = []
    initials_only = bool(raw)
    for w in raw:
        letters = re.sub(r"[^\w]", "", w)
        if not letters:
            continue
        if len(letters) == 1 or (letters.isupper() and len(letters) == 2):
            continue  # an initial, or two run together ("SE", "TM")
        initials_only = False
        for part in fold(letters).split():
            if len(part) > 1 and part not in NOT_NAMES:
                long_words.append(part)
    return tuple(long_words), initials_only


def name_sets(names: Iterable[dict[str, object]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(surnames in list order, every long name word) of a CSL name list."""
    return name_sets_of(
        tuple(
            (str(n.get("literal") or ""), str(n.get("family") or ""), str(n.get("given") or ""))
            for n in names
            if isinstance(n, dict)
        )
    )


@lru_cache(maxsize=65536)
def name_sets_of(names: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`name_sets` of ``(literal, family, given)`` triples (cached: the same author
    lists recur across a library). The name words are a sorted tuple of interned strings,
    not a set: a few words are found as fast in a tuple, held in a quarter of the memory,
    and a library's names are stored once."""
    surnames: list[str] = []
    words: set[str] = set()
    for literal, family, given in names:
        if literal:
            lw, _ = name_words(literal)
            if lw:
                surnames.append(lw[-1])
            words.update(lw)
            continue
        fam, fam_initials = name_words(family)
        giv, _ = name_words(given)
        words.update(fam)
        words.update(giv)
        if fam and not fam_initials:
            surnames.extend(fam)
        elif giv:
            surnames.extend(giv)  # the family field holds initials: the given field has the name(s)
    return tuple(sys.intern(w) for w in dict.fromkeys(surnames)), tuple(sorted(sys.intern(w) for w in words))


def _word_found(word: str, pool: tuple[str, ...]) -> bool:
    if word in pool:
        return True
    if len(word) < 4:
        return False
    return any(len(w) >= 4 and w[0] == word[0] and JaroWinkler.similarity(word, w) >= 0.92 for w in pool)


def nameset_overlap(
    surnames_a: tuple[str, ...], words_a: tuple[str, ...],
    surnames_b: tuple[str, ...], words_b: tuple[str, ...],
) -> float | None:
    """Share of the shorter list's surnames found among the other list's name words
    (exact or a close misspelling), order-free; None when a side has no surnames."""
    if not surnames_a or not surnames_b:
        return None
    if len(surnames_a) <= len(surnames_b):
        short, pool = surnames_a, words_b
    else:
        short, pool = surnames_b, words_a
    found = sum(1 for s in short if _word_found(s, pool))
    return found / len(short)
