"""Read a pair's fields again from a citation's own text, where the parse misread it.

A record parsed from free text keeps the string it came from (``origin.text``). When the
parser misread that string, its twin in another style can show where: the title taken for a
publisher ("Courville, Deep Learning. Cambridge, MA: MIT Press" → publisher "Deep
Learning", no title), cut short ("Culture's Consequences" → title "Consequences"), a journal
read inside the title ("… adults aged 18 to 64. Vaccine." → title "… adults", journal
"aged"). For such a pair the other record's own values are looked for in the string:

* its title (or the title's main part, before a subtitle) found there as a whole field —
  between field separators (".", ",", ":", quotes, brackets) or the string's ends —
  replaces the record's title when that is missing or lies inside the occurrence (a title
  the parse cut short); a longer title of its own ("X, part 2" next to "X") is never replaced;
* a container or publisher of the record that lies inside that title was part of the title
  and is dropped; the other record's container or publisher found in the string as a whole
  field, outside the title, is taken;
* a report number the record lacks is read from the string: the other record's number where
  it is there, else the number after the same kind of report ("Open-File Report 2010-1187"),
  which then tells the two apart.

Only between records whose authors agree (same family names, however split) and whose
years are the same: a misread title is then the only thing that kept them apart. The
comparison that follows is the ordinary one (:func:`refs.dedup.score.compare`) on the
re-read fields, so every veto still applies (another edition, a chapter and its book, a
review); the report says which field was read again from which string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from refs.dedup.keys import Features, features, main_title
from refs.dedup.score import author_match, authors_differ
from refs.model import Record

#: characters that end or open a field in a reference string
_BOUNDARY = frozenset(".,;:!?()[]{}\"“”„«»‘’'/—–")
_WORD = re.compile(r"\w+")
#: a value shorter than this (letters and digits) is too common a phrase to be sought
_MIN_LETTERS = 6


@dataclass(frozen=True)
class Reread:
    """The pair's features with fields read again, and what was read (for the report)."""

    a: Features
    b: Features
    notes: tuple[str, ...]


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """Lower case without accents, punctuation kept (positions of a value and of the string
    it is sought in are compared in this form)."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _pattern(value: str) -> tuple[re.Pattern[str], int] | None:
    words = _WORD.findall(_plain(value))
    if not words:
        return None
    return re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b"), sum(map(len, words))


def _spans(text: str, value: str, least: int = _MIN_LETTERS) -> list[tuple[int, int]]:
    """Where ``value``'s words occur in ``text`` (both :func:`_plain`), in order, with
    anything but letters and digits between them; nothing for a value of fewer than
    ``least`` letters and digits."""
    got = _pattern(value) if value else None
    return [m.span() for m in got[0].finditer(text)] if got and got[1] >= least else []


def _whole_field(text: str, span: tuple[int, int]) -> bool:
    """Is the occurrence a whole field: a field separator (or the string's edge) on each side?"""
    a, b = span
    before = text[:a].rstrip()
    after = text[b:].lstrip()
    return (not before or before[-1] in _BOUNDARY) and (not after or after[0] in _BOUNDARY)


def _field_span(text: str, value: str) -> tuple[int, int] | None:
    return next((s for s in _spans(text, value) if _whole_field(text, s)), None)


def _inside(text: str, value: str, span: tuple[int, int]) -> bool:
    """Does ``value`` occur in ``text`` inside ``span``?"""
    return any(span[0] <= a and b <= span[1] for a, b in _spans(text, value, least=1))


def _outside(span: tuple[int, int] | None, other: tuple[int, int]) -> bool:
    return span is None or other[1] <= span[0] or span[1] <= other[0]


_SERIES_NUMBER = re.compile(r"\W*(?:no\.?|nr\.?|#)?\s*([a-z]{0,4}-?\d[\w\-/.]*\w|\d)")


def _number_after(text: str, genre: str) -> str:
    """The number after ``genre`` ("Open-File Report 2010-1187") in ``text``, if any."""
    for _, end in _spans(text, genre, least=4):
        m = _SERIES_NUMBER.match(text, end)
        if m:
            return m.group(1)
    return ""


def _own_text(record: Record) -> str:
    return record.origin.text if record.origin.format == "text" else ""


def _agree(a: Features, b: Features) -> bool:
    """Same year, and authors that are one list however the parse split them (the shorter
    list wholly in the other, led by the same name)."""
    if a.year is None or a.year != b.year or not a.families or not b.families:
        return False
    if authors_differ(a, b):
        return False
    au = author_match(a, b)  # (every name of the shorter list in the other, the first authors one)
    return au is not None and not au.clash and au.first and au.overlap >= 1.0


def _read_again(rec: Record, text: str, twin: Record) -> tuple[Record, list[str]] | None:
    """``rec`` with the fields that ``twin``'s values show were misread in ``text``."""
    csl, other = rec.csl, twin.csl
    own_title = str(csl.get("title") or "")
    found: tuple[int, int] | None = None
    notes: list[str] = []
    title = str(other.get("title") or "")
    for candidate in dict.fromkeys((title, main_title(title))):
        if len(_WORD.findall(candidate)) < 2:
            continue
        span = _field_span(text, candidate)
        if span and (not own_title or (_plain(own_title) != _plain(candidate)
                                       and _inside(text, own_title, span))):
            found = span
            if _plain(own_title) != _plain(candidate):
                notes.append(f"title read again from its citation text as {candidate!r}")
                own_title = candidate
            break
    if found is None:
        found = _field_span(text, own_title) if own_title else None
    changed: dict[str, str] = {"title": own_title} if notes else {}
    for var in ("container-title", "publisher"):
        mine = str(csl.get(var) or "")
        theirs = str(other.get(var) or "")
        dropped = bool(mine and found and _inside(text, mine, found))
        if theirs and _plain(theirs) != _plain(mine) and (dropped or not mine):
            span = _field_span(text, theirs)
            if span and _outside(found, span):
                changed[var] = theirs
                notes.append(f"{var} read again from its citation text as {theirs!r}")
                continue
        if dropped:
            changed[var] = ""
            notes.append(f"{var} {mine!r} was part of the title")
    number = str(other.get("number") or "")
    if number and not csl.get("number") and any(c.isdigit() for c in number):
        mine = number if _spans(text, number) else _number_after(text, str(other.get("genre") or ""))
        if mine:  # the twin's number, or another one after the same kind of report
            changed["number"] = mine
            notes.append(f"number read again from its citation text as {mine!r}")
    if not changed:
        return None
    new = {k: v for k, v in csl.items() if k not in changed}
    new.update({k: v for k, v in changed.items() if v})
    return replace(rec, csl=new), notes


def reread_pair(ra: Record, rb: Record, a: Features, b: Features) -> Reread | None:
    """The pair with each side's misread fields read again from its own citation text
    (``None`` when neither came from text, they disagree on authors or year, or nothing
    was misread)."""
    ta, tb = _own_text(ra), _own_text(rb)
    if not (ta or tb) or not _agree(a, b):
        return None
    notes: list[str] = []
    out = [a, b]
    for k, (rec, text, twin) in enumerate(((ra, ta, rb), (rb, tb, ra))):
        if not text:
            continue
        again = _read_again(rec, _plain(text), twin)
        if again:
            out[k] = features(again[0], (a, b)[k].index)
            notes += [f"{rec.id}: {n}" for n in again[1]]
    return Reread(out[0], out[1], tuple(notes)) if notes else None
