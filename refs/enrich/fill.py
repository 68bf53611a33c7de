"""Copy a verified match's fields into a record: only what is missing, unless told to
overwrite; every change noted in the record's provenance and returned for the report.

User data wins by default because it is often better than the registry's (a corrected
title, a chosen edition), and because an enrichment tool that silently rewrites good
entries is the complaint users of such tools make most.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from refs.enrich.match import family_match, given_compatible
from refs.model import CSL_TYPES, Record

STAGE = "enrich"

#: Fields taken from Crossref, in the order they are reported.
CROSSREF_FIELDS = ("DOI", "title", "author", "editor", "container-title", "container-title-short",
                   "volume", "issue", "page", "issued", "publisher", "publisher-place", "ISSN",
                   "ISBN", "URL")

#: Fields taken from Open Library (edition-level facts only).
OPENLIBRARY_FIELDS = ("ISBN", "publisher", "publisher-place")


def _initials_only(given: str) -> bool:
    """``J.``, ``J. R. R.``, ``JRR``, ``J.-P.``: a given name that is only initials."""
    text = given.strip()
    if not text:
        return True
    if re.fullmatch(r"(?:[A-Z]\.?[\s\-]*)+", text):
        return True
    return False


def complete_given_names(mine: list[dict[str, Any]],
                         theirs: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """``mine`` with initials replaced by the full given names from ``theirs`` where the
    family names agree position by position (stopping at the first disagreement);
    None when nothing changes."""
    out = copy.deepcopy(mine)
    changed = False
    for a, b in zip(out, theirs, strict=False):
        if not (isinstance(a, dict) and isinstance(b, dict)) or not family_match(a, b):
            break
        given, full = str(a.get("given", "")), str(b.get("given", ""))
        if full and _initials_only(given) and not _initials_only(full) and given_compatible(given, full):
            a["given"] = full
            changed = True
    return out if changed else None


_ET_AL = re.compile(r"\s*et\.? al\.?\s*", re.I)


def _note_parts(record: Record) -> list[str]:
    return [p.strip() for p in str(record.csl.get("note", "")).split(";") if p.strip()]


def _ends_et_al(record: Record) -> bool:
    """Whether the record's source cut its author list short ("et al.", noted by the
    parser in ``note``)."""
    return any(_ET_AL.fullmatch(p) for p in _note_parts(record))


def _is_prefix(mine: list[Any], theirs: list[Any]) -> bool:
    return all(isinstance(a, dict) and isinstance(b, dict) and family_match(a, b)
               for a, b in zip(mine, theirs, strict=False))


def apply(record: Record, csl: dict[str, Any], fields: tuple[str, ...], *, source: str,
          confidence: float, overwrite: bool = False) -> list[dict[str, Any]]:
    """Fill ``record`` from ``csl`` (the match) for the given fields; return what changed
    as report entries ``{field, value, old?, source, confidence}``."""
    changes: list[dict[str, Any]] = []

    def note(var: str, value: Any, old: Any = None, how: str = "") -> None:
        record.set(var, value, stage=STAGE, source=source, confidence=round(confidence, 3))
        entry: dict[str, Any] = {"field": var, "value": value, "source": source,
                                 "confidence": round(confidence, 3)}
        if old not in (None, "", []):
            entry["old"] = old
        if how:
            entry["how"] = how
        changes.append(entry)

    for var in fields:
        new = csl.get(var)
        if new in (None, "", []):
            continue
        old = record.csl.get(var)
        if old in (None, "", []):
            note(var, copy.deepcopy(new))
        elif var in ("author", "editor") and isinstance(old, list):
            if overwrite and old != new:
                note(var, copy.deepcopy(new), old)
                continue
            completed = complete_given_names(old, new)
            names = completed if completed is not None else old
            if var == "author" and _ends_et_al(record) and len(new) > len(old) and _is_prefix(old, new):
                # "Smith, Jones et al.": the rest of the list is what "et al." stood for.
                note(var, names + copy.deepcopy(new[len(old):]), old, "completed the et al. list")
                record.set("note", "; ".join(p for p in _note_parts(record) if not _ET_AL.fullmatch(p)))
            elif completed is not None:
                note(var, completed, old, "full given names")
        elif overwrite and old != new and not (var == "DOI" and str(old).lower() == str(new).lower()):
            note(var, copy.deepcopy(new), old)
    new_type = csl.get("type")
    if new_type and record.type in ("document", "") and new_type in CSL_TYPES:
        old_type = record.type
        note("type", new_type, old_type)
    return changes

