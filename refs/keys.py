"""Readable, stable, unique citation keys: ``asmus2002opening``.

The key is the first author's (else editor's, else the title's) family name,
the year and the first significant title word, folded to ASCII lower case.
Clashes get ``a``, ``b``, ... suffixes in input order, so the same input always
yields the same keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from refs.model import Record, Report, fold

STOPWORDS = frozenset(
    "a an the of on in at to for and or but from by with about into over under"
    " between after before toward towards der die das ein eine le la les un une des du de"
    " el los las il lo gli o os as".split()
)


def _first_word(title: str) -> str:
    for word in fold(title).split():
        if word not in STOPWORDS and not word.isdigit():
            return word
    return ""


def base_key(record: Record) -> str:
    names = record.csl.get("author") or record.csl.get("editor") or []
    who = ""
    if isinstance(names, list) and names and isinstance(names[0], dict):  # a stage may store text
        first = names[0]
        who = first.get("family") or first.get("literal") or ""
        if first.get("non-dropping-particle") and not first.get("literal"):
            who = first["non-dropping-particle"] + who
        if first.get("literal"):
            who = _first_folded(who)
    year = str(record.year or "")
    key = f"{_ascii_word(who)}{year}{_title_word(record.title)}"
    return key or "ref"


@lru_cache(maxsize=4096)
def _first_folded(text: str) -> str:
    """The first word of ``text`` folded ("" when there is none)."""
    return fold(text).split()[0] if fold(text) else ""


_NOT_KEY = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=4096)
def _ascii_word(text: str) -> str:
    """``text`` folded, without what a key cannot hold (a document's names and title words recur)."""
    return _NOT_KEY.sub("", fold(text))


@lru_cache(maxsize=4096)
def _title_word(title: str) -> str:
    """The key's word from a title (cached as :func:`_ascii_word`)."""
    return _NOT_KEY.sub("", _first_word(title))


def assign_keys(records: Iterable[Record], taken: Iterable[str] = (), *,
                only_missing: bool = True) -> None:
    """Give every record (or only those without an id) a unique key, in place."""
    records = list(records)
    used = set(taken)
    if only_missing:
        used.update(r.id for r in records if r.id)
    assigner = KeyAssigner(used)
    for record in records:
        if not (only_missing and record.id):
            assigner.assign(record)


class KeyAssigner:
    """Keys given one record at a time, in input order (:func:`assign_keys` over a list,
    or a stream of records none of which has a key of its own): unique among each other
    and ``used``."""

    def __init__(self, used: set[str] | None = None) -> None:
        self.used = set() if used is None else used
        self.tried: dict[str, int] = {}  # base -> suffixes already found taken (linear on many equal bases)

    def assign(self, record: Record) -> None:
        base = base_key(record)
        key = base
        n = self.tried.get(base, 0)
        while key in self.used:
            key = base + letter_suffix(n)
            n += 1
        self.tried[base] = n
        record.id = key
        self.used.add(key)


def unique_ids(records: Iterable[Record], report: Report | None = None, source: str = "") -> None:
    """Make ids unique (compared without case, as BibTeX does), in place: a record whose
    id an earlier record has is renamed ``id-2``, ``id-3``, ... (the first keeps it),
    with a warning naming both, so that no output holds two items with one id
    (citeproc-js and Zotero reject such files)."""
    records = list(records)
    used = {r.id.lower() for r in records if r.id}
    first: dict[str, Record] = {}
    for r in records:
        if not r.id:
            continue
        low = r.id.lower()
        if low not in first:
            first[low] = r
            continue
        n = 2
        while f"{low}-{n}" in used:
            n += 1
        old, r.id = r.id, f"{r.id}-{n}"
        used.add(r.id.lower())
        if report is not None:
            at = first[low].origin.line
            where = f" (first at line {at})" if at else ""
            report.problem(f"duplicate id {old!r}{where}: this record renamed {r.id!r}", file=source,
                           line=r.origin.line, severity="warning", record=r.id)


def letter_suffix(n: int) -> str:
    """The n-th (0-based) letter suffix: a, b, ..., z, aa, ab, ... (keys, year suffixes)."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(97 + rem) + letters
    return letters
