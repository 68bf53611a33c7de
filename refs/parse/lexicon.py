"""The lexicons of the parse features, built by :mod:`refs.parse.train.lexicon`: whether a
word is a known given or family name (``data/names.txt``), or the one-word name of a town
in some language (``data/places.txt.gz``)."""

from __future__ import annotations

import gzip
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from functools import lru_cache
from operator import le
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
def place_keys() -> array[int]:
    """The CRC-32 of each folded town name, sorted (empty without the file: the train command
    writes it before reading any features). 186,000 names as strings would take 26 MB; as
    32-bit keys 0.75 MB, at the price of a word that is no town taken for one about once in
    23,000 distinct words (186,000 keys of 2**32), the same in training and parsing. The file
    keeps its names in the order of their keys, so no sorting (and no set of 186,000 numbers)
    is needed to load them."""
    if not PLACES_FILE.is_file():
        return array("I")
    keys = array("I", map(zlib.crc32, gzip.decompress(PLACES_FILE.read_bytes()).splitlines()))
    if not all(map(le, keys, keys[1:])):  # (a file written in another order)
        keys = array("I", sorted(keys))
    return keys


def is_place(word: str) -> bool:
    """Is ``word`` (folded) the one-word name of a town in some language or script the
    gazetteer has ("magdebourg", "αθηνα", "гетинген")?"""
    keys = place_keys()
    key = zlib.crc32(word.encode("utf-8"))
    at = bisect_left(keys, key)
    return at < len(keys) and keys[at] == key
