"""Which parsed fields a person should look at first.

When the parser states its confidence per field (``record.provenance[field]`` with stage
``parse`` and a ``confidence``), a field below :data:`LOW` is low-confidence. For records
whose parser gave no per-field confidence, the fields it had to *guess without a cue*
are marked instead: what the source text does not itself say (a type chosen for want of
any sign, a corporate author, a place with no ``Place:`` colon, a value not found as
such in the source).
"""

from __future__ import annotations

import re

from refs.model import Record, fold

#: Parser confidence below which a field is shown as low-confidence.
LOW = 0.8

#: Text fields that the parser copies from the source string.
_COPIED = ("title", "container-title", "publisher", "publisher-place")


def low_fields(record: Record) -> dict[str, str]:
    """Field -> why it is low-confidence (empty when nothing is doubtful). A field a later
    stage set (a correction, a verified match, a merge) is judged by that stage, not here."""
    parse = {k: p for k, p in record.provenance.items() if p.stage == "parse"}
    if any(p.confidence is not None for p in parse.values()):
        return {k: f"parser confidence {p.confidence:.2f}" for k, p in parse.items()
                if p.confidence is not None and p.confidence < LOW and k in record}
    if record.origin.format not in ("text", "") or not record.origin.text:
        return {}  # a structured source (BibTeX, CSL-JSON, RIS) says what each field is
    return {k: why for k, why in guessed(record).items()
            if k not in record.provenance or record.provenance[k].stage == "parse"}


def guessed(record: Record) -> dict[str, str]:
    """The fields of a record parsed from free text that had no cue in the text."""
    out: dict[str, str] = {}
    csl, text = record.csl, record.origin.text
    if record.type == "document":
        out["type"] = "no cue for the kind of work"
    elif record.type == "book" and not any(csl.get(f) for f in ("publisher", "publisher-place", "ISBN",
                                                                "edition", "container-title")):
        out["type"] = "typed as a book for want of a publisher, journal or ISBN"
    if any(isinstance(n, dict) and n.get("literal") for n in csl.get("author") or []):
        out["author"] = "a name without a personal-name shape, kept as one corporate name"
    if record.type == "article-journal" and csl.get("container-title") and not any(
            csl.get(f) for f in ("volume", "issue", "page")):
        out["container-title"] = "a journal name without volume, issue or pages"
    place = str(csl.get("publisher-place", ""))
    if place and not re.search(re.escape(place) + r"\s*:", text):
        out["publisher-place"] = "no 'Place: Publisher' colon in the source"
    folded = fold(text)
    for var in _COPIED:
        value = csl.get(var)
        if isinstance(value, str) and value and var not in out and fold(value) not in folded:
            out[var] = "not found as such in the source text"
    return out
