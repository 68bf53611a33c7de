"""The lexicons of the parse features, built by :mod:`refs.parse.train.lexicon`: whether a
word is a known given or family name (``data/names.txt``), or the one-word name of a town
in some language (``data/places.txt.gz``)."""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

NAMES_FILE = Path(__file__).resolve().parent / "data" / "names.txt"
PLACES_FILE = NAMES_FILE.with_name("places.txt.gz")


def fold(word: str) -> str:
    """Lower case without accents: the form names are kept and looked up in."""
    word = word.lower()
    if word.isascii():
        return word
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def names() -> tuple[Mapping[str, None], Mapping[str, None]]:
    """(given, family) names, folded, for ``in`` (:func:`refs.parse.model.tagger` refuses to
    start without the file; the train command writes it before reading any features). Kept
    as dicts (keys only): a dict of strings is not tracked by the garbage collector, a
    frozenset is, and every full collection would walk its 30,000 names."""
    given: set[str] = set()
    family: set[str] = set()
    if NAMES_FILE.is_file():
        for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
            kind, _, name = line.partition("\t")
            (given if kind == "g" else family).add(name)
    return dict.fromkeys(given), dict.fromkeys(family)


@lru_cache(maxsize=1)
def places() -> Mapping[str, None]:
    """One-word town names in every language and script the gazetteer has ("Magdebourg",
    "Αθήνα", "Гётинген"), folded, for ``in`` (empty without the file: the train command
    writes it before reading any features)."""
    if not PLACES_FILE.is_file():
        return {}
    return dict.fromkeys(gzip.decompress(PLACES_FILE.read_bytes()).decode("utf-8").splitlines())
