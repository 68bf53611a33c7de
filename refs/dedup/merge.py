"""Merge one group of duplicate records into one, losing nothing.

* The **kept** record is the most complete one (most fields, an identifier, the longer
  title, full given names), ties going to the earliest in the input; its id stays.
* Every other field value is compared with the kept one. Values that say the same
  thing (case, punctuation, an abbreviated journal, a title without its subtitle,
  initials vs full names) resolve to the most complete spelling. Values that
  disagree are **not guessed**: the kept record's value stays and the disagreement
  is returned as a conflict for the report.
* Identifiers are united: DOI, every ISBN, every URL (extra URLs go to
  ``custom["alternate-urls"]``).
* A single page on a book, report or thesis is a pinpoint of a citation, not a
  property of the work: it is not copied onto the merged record; the report names it.
* Old ids become ``aliases`` (the BibTeX writer emits them as biblatex ``ids``), and
  fields taken from another record note it in ``provenance``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import Any

from refs.dedup.keys import (
    STOPWORDS,
    WHOLE_KINDS,
    clean_text,
    fold,
    norm_doi,
    norm_isbns,
    page_range,
    record_kind,
)
from refs.dedup.score import abbrev_word
from refs.model import CUSTOM, DATE_VARIABLES, NAME_VARIABLES, Provenance, Record, date_year

STAGE = "dedup"
_JOINED = ("note", "annote", "keyword")


def completeness(record: Record) -> float:
    """How much a record says: fields, identifiers, title length, full given names."""
    csl = record.csl
    score = float(sum(1 for v in csl.values() if v not in (None, "", [], {})))
    score += 2 * bool(csl.get("DOI")) + bool(csl.get("ISBN"))
    score += min(len(str(csl.get("title", ""))), 200) / 200
    if csl.get("page") and not page_range(csl["page"])[1] and record_kind(record) in WHOLE_KINDS:
        score -= 1.5  # a pinpoint page on a book is a citation detail, not completeness
    for name in csl.get("author", [])[:10]:
        if isinstance(name, dict) and len(name.get("given", "").replace(".", "").strip()) > 2:
            score += 0.1
    return score


def choose_kept(records: Sequence[Record]) -> int:
    scores = [completeness(r) for r in records]
    return max(range(len(records)), key=lambda i: (scores[i], -i))


def _text_equivalent(a: str, b: str) -> str | None:
    """The more complete of two equivalent strings, or None when they disagree."""
    fa, fb = fold(clean_text(a)), fold(clean_text(b))
    if fa == fb:
        return a if len(a) >= len(b) else b
    if fa and fb and (fa.startswith(fb + " ") or fb.startswith(fa + " ")):  # subtitle present in one
        return a if len(fa) > len(fb) else b
    wa = [w for w in fa.split() if w not in STOPWORDS]
    wb = [w for w in fb.split() if w not in STOPWORDS]
    if len(wa) == len(wb) and all(
        abbrev_word(x, y) or abbrev_word(y, x) for x, y in zip(wa, wb, strict=False)
    ):
        return a if len(a) >= len(b) else b  # "Foreign Aff." vs "Foreign Affairs"
    return None


def _name_key(name: dict[str, str]) -> str:
    return fold(name.get("family") or name.get("literal") or "")


def _given_compatible(a: str, b: str) -> bool:
    ia = [w[0] for w in fold(a).split()]
    ib = [w[0] for w in fold(b).split()]
    return not ia or not ib or ia[: len(ib)] == ib[: len(ia)]


def _merge_names(
    base: list[dict[str, str]], other: list[dict[str, str]]
) -> tuple[list[dict[str, str]], bool]:
    """Upgrade initials to full given names; take a longer compatible list. Returns
    (names, conflict)."""
    if not base:
        return list(other), False
    n = min(len(base), len(other))
    merged = [dict(x) for x in base]
    for k in range(n):
        a, b = merged[k], other[k]
        if _name_key(a) != _name_key(b):
            return merged, True
        ga, gb = a.get("given", ""), b.get("given", "")
        if not _given_compatible(ga, gb):
            return merged, True
        if len(gb.replace(".", "")) > len(ga.replace(".", "")):
            a["given"] = gb
    if len(other) > len(base):
        merged.extend(dict(x) for x in other[len(base) :])
    return merged, False


def _isbn_union(values: list[str]) -> str:
    seen: set[frozenset[str]] = set()
    parts: list[str] = []
    for v in values:
        for raw in str(v).replace(",", " ").replace(";", " ").split():
            key = norm_isbns(raw)
            if key and key not in seen:
                seen.add(key)
                parts.append(raw)
    return " ".join(parts)


def merge_group(records: Sequence[Record]) -> tuple[Record, list[dict[str, Any]], list[str]]:
    """Merge records (input order) into one. Returns (merged, conflicts, notes)."""
    k = choose_kept(records)
    src = records[k]
    # a shallow copy is enough: every nested value that changes is replaced, not mutated
    kept = dataclasses.replace(
        src, csl=dict(src.csl), aliases=list(src.aliases), provenance=dict(src.provenance)
    )
    if isinstance(kept.csl.get(CUSTOM), dict):
        kept.csl[CUSTOM] = copy.deepcopy(kept.csl[CUSTOM])
    others = [r for i, r in enumerate(records) if i != k]
    conflicts: list[dict[str, Any]] = []
    notes: list[str] = []
    kind = record_kind(kept)

    def conflict(var: str, other: Record, value: Any) -> None:
        for c in conflicts:
            if c["field"] == var:
                c["values"][other.id] = value
                return
        if var.startswith(CUSTOM + "."):
            mine = (kept.csl.get(CUSTOM) or {}).get(var[len(CUSTOM) + 1 :])
        else:
            mine = kept.csl.get(var)
        conflicts.append({"field": var, "kept": mine, "values": {other.id: value}})

    def take(var: str, value: Any, other: Record) -> None:
        kept.csl[var] = value
        kept.provenance[var] = Provenance(STAGE, f"merged from {other.id}")

    for other in others:
        if other.type != kept.type:
            notes.append(f"{other.id} was typed {other.type}, kept {kept.type}")
        for var, value in other.csl.items():
            if value in (None, "", [], {}):
                continue
            mine = kept.csl.get(var)
            if var == "page" and page_range(value)[1] == "" and (kind in WHOLE_KINDS or mine):
                if not mine or page_range(mine)[0] != page_range(value)[0]:
                    notes.append(f"pinpoint page {value} of {other.id} not copied to the merged record")
                continue
            if mine in (None, "", [], {}):
                take(var, value, other)
                continue
            if var == "page" and page_range(mine)[1] == "" and page_range(value)[1]:
                take(var, value, other)  # a range beats a pinpoint
                continue
            if var in NAME_VARIABLES:
                names, clash = _merge_names(mine, value)
                if clash:
                    conflict(var, other, value)
                elif names != mine:
                    take(var, names, other)
            elif var in DATE_VARIABLES:
                if kept.year is not None and date_year(value) not in (None, date_year(mine)):
                    conflict(var, other, value)
                elif len((value.get("date-parts") or [[]])[0]) > len((mine.get("date-parts") or [[]])[0]):
                    take(var, value, other)
            elif var == "DOI":
                if norm_doi(value) != norm_doi(mine):
                    conflict(var, other, value)
            elif var == "ISBN":
                joined = _isbn_union([mine, value])
                if joined != mine:
                    take(var, joined, other)
            elif var == "URL":
                if str(value).strip() != str(mine).strip():
                    alts = kept.csl.setdefault(CUSTOM, {}).setdefault("alternate-urls", [])
                    if value not in alts:
                        alts.append(value)
                        kept.provenance[f"{CUSTOM}.alternate-urls"] = Provenance(
                            STAGE, f"merged from {other.id}"
                        )
            elif var == CUSTOM and isinstance(value, dict) and isinstance(mine, dict):
                for ck, cv in value.items():
                    if ck not in mine:
                        mine[ck] = cv
                        kept.provenance[f"{CUSTOM}.{ck}"] = Provenance(STAGE, f"merged from {other.id}")
                    elif mine[ck] != cv and ck != "alternate-urls":
                        conflict(f"{CUSTOM}.{ck}", other, cv)
            elif var in _JOINED and isinstance(value, str) and isinstance(mine, str):
                if fold(value) not in fold(mine):
                    take(var, f"{mine}; {value}", other)
            elif isinstance(value, str) and isinstance(mine, str):
                best = _text_equivalent(mine, value)
                if best is None:
                    conflict(var, other, value)
                elif best != mine:
                    take(var, best, other)
            elif value != mine:
                conflict(var, other, value)

    aliases: list[str] = list(kept.aliases)
    for other in others:
        for alias in [other.id, *other.aliases]:
            if alias and alias != kept.id and alias not in aliases:
                aliases.append(alias)
    kept.aliases = aliases
    return kept, conflicts, notes
