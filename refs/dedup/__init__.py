"""Find records that describe the same work and merge them, at scale, without false merges.

``dedup(records) -> (records, report)``:

1. :mod:`refs.dedup.keys` computes normalised features and blocking keys, so only
   records sharing a DOI, an ISBN, a rare title word or a phonetic first author and
   year are compared (no all-pairs comparison);
2. :mod:`refs.dedup.score` judges each candidate pair: identifiers, vetoes and guards
   (readable rules) first, then the learned field weights of :mod:`refs.dedup.weights`
   (a Fellegi–Sunter score, re-estimated by ``python -m refs.dedup.train``);
3. :mod:`refs.dedup.cluster` joins pairs into groups, refusing joins that would put
   visibly different works together;
4. :mod:`refs.dedup.merge` merges each group into its most complete record.

The report's ``summary["groups"]`` lists every group as ids exactly as in the input,
the kept id first; ``summary["key_map"]`` maps each merged-away id to the kept id.
``report.items`` holds one entry per group (why it matched, field conflicts, notes)
and one per near miss ("not merged because ...").
"""

from __future__ import annotations

import gc
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from refs.dedup.cluster import Edge, group_pairs, unique_matches
from refs.dedup.keys import Features, candidate_pairs, features, iter_pairs
from refs.dedup.merge import merge_group
from refs.dedup.reread import Reread, reread_pair
from refs.dedup.score import Verdict, compare, quick_reject
from refs.dedup.weights import SHORT_TITLE, Model, load_model
from refs.model import Record, Report

__all__ = ["dedup", "explain", "find_groups", "is_column", "recurring_titles"]


#: Instalments of one column in one year, at most (a work cited more often in one
#: year is one heavily cited work, some of its citations a year off).
COLUMN_PER_YEAR = 6


def recurring_titles(feats: Sequence[Features]) -> set[str]:
    """Titles that this input uses for several works by the same author in different
    years: columns and series items ("Editor's notes", "Database research at X"), and
    a short title (:data:`refs.dedup.weights.SHORT_TITLE` words) that one author has in
    one venue in two or more years ("Industry perspectives", "Career forum": a column,
    often several instalments a year). Sharing such a title is not evidence of being
    one work."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for f in feats:
        if f.title and f.phon and f.year:
            seen[(f.title, f.phon)].append(f.year)
    out = set()
    short: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for f in feats:
        if f.title and f.phon and f.year and f.venue and len(f.tokens) <= SHORT_TITLE:
            short[(f.title, f.phon, f.venue)].append(f.year)
    for (title, _, _), yrs in short.items():
        if len(set(yrs)) >= 2 and Counter(yrs).most_common(1)[0][1] <= COLUMN_PER_YEAR:
            out.add(title)
    for (title, _), ys in seen.items():
        if len(set(ys)) < 3:
            continue
        counts = Counter(ys)
        spread = sorted(counts)
        if len(spread) >= 3 and spread[-1] - spread[0] >= 2:
            # several years, and not one dominant year with a few miscited neighbours
            top = counts.most_common(1)[0][1]
            if top < 0.6 * sum(counts.values()):
                out.add(title)
    return out


def is_column(a: Features, b: Features, recurring: set[str]) -> bool:
    """Whether a pair's titles are a column's (:func:`recurring_titles`): the same
    recurring title, or two short titles one of which recurs ("Reminiscences an
    influential papers", a typo of the column's title)."""
    if a.title == b.title:
        return a.title in recurring
    return (a.title in recurring or b.title in recurring) and max(len(a.tokens), len(b.tokens)) <= SHORT_TITLE


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: dedup makes millions of small objects
    and no reference cycles, and each full collection would walk all of them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def find_groups(
    records: Sequence[Record],
    *,
    max_block: int = 50,
    window: int = 8,
    tolerance: float = 0.25,
    model: Model | None = None,
    must_link: Sequence[tuple[str, str]] = (),
    cannot_link: Sequence[tuple[str, str]] = (),
) -> tuple[list[list[int]], dict[str, Any]]:
    """Groups of record indices judged to be the same work, and the evidence.

    ``must_link`` / ``cannot_link`` are pairs of record ids (or aliases) a person has
    judged (a user's ``merge-with`` / ``keep-apart`` corrections): a must-link pair is
    merged whatever the rules say, a cannot-link pair never ends in one group.

    The evidence dict holds ``edges`` (the matched pairs), ``near`` (list of (i, j,
    why)), ``stats``, and what :func:`explain` needs to say why a pair matched
    (``feats``, ``recurring``, ``model``): verdicts are recomputed for the few pairs a
    report shows rather than kept for every matched pair of a large library.
    """
    with _collector_paused():
        shared: dict[Any, Any] = {}
        feats = [features(r, i, shared) for i, r in enumerate(records)]
        del shared
        codes, stats = candidate_pairs(feats, max_block=max_block, window=window)
        recurring = recurring_titles(feats)
        model = model or load_model()
        near: list[tuple[int, int, str]] = []
        edges: list[Edge] = []
        pending: list[Edge] = []  # matches that count only when unique (Verdict.unique)
        cannot = _index_pairs(records, cannot_link)
        forced = _index_pairs(records, must_link) - cannot
        texts = [r.origin.format == "text" and bool(r.origin.text) for r in records]
        reread_pairs: dict[tuple[int, int], Reread] = {}
        for i, j in iter_pairs(codes, len(feats)):
            if (i, j) in cannot or (i, j) in forced:
                continue
            a, b = feats[i], feats[j]
            if texts[i] or texts[j]:  # a parse's misreading, shown by its twin (reread.py)
                again = reread_pair(records[i], records[j], a, b)
                if again:
                    a, b = again.a, again.b
                    reread_pairs[i, j] = again
            if quick_reject(a, b, model):
                continue
            v = compare(a, b, generic=is_column(a, b, recurring), model=model)
            if v.same and v.unique:
                pending.append(Edge(i, j, v.score))
            elif v.same:
                edges.append(Edge(i, j, v.score))
            elif v.doubt:
                near.append((i, j, v.doubt))
        kept, dropped = unique_matches([(e.a, e.b) for e in pending])
        edges.extend(e for e in pending if (e.a, e.b) in kept)
        near.extend((i, j, "not merged because the title is too common to identify a work and other records"
                     " by these authors in this venue and year have it too") for i, j in sorted(dropped))
        edges.extend(Edge(i, j, float("inf")) for i, j in sorted(forced))
        n_pairs = len(codes)
        del codes
        groups, refused = group_pairs(len(records), edges, feats, tolerance=tolerance, cannot=cannot,
                                      threshold=model.threshold,
                                      reread={k: (r.a, r.b) for k, r in reread_pairs.items()})
    near.extend((r.a, r.b, "not merged because " + r.why) for r in refused)
    near.extend((i, j, "not merged because a correction keeps them apart (keep-apart)")
                for i, j in sorted(cannot))
    stats = dict(stats, candidate_pairs=n_pairs, matched_pairs=len(edges), recurring_titles=len(recurring))
    return groups, {
        "edges": edges,
        "near": near,
        "stats": stats,
        "feats": feats,
        "recurring": recurring,
        "model": model,
        "forced": forced,
        "reread": reread_pairs,
    }


def _index_pairs(records: Sequence[Record], pairs: Sequence[tuple[str, str]]) -> set[tuple[int, int]]:
    """Id pairs (ids or aliases) as index pairs (i < j); a pair naming an absent id is ignored."""
    if not pairs:
        return set()
    where: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for key in dict.fromkeys([r.id, *r.aliases]):
            where[key].append(i)
    return {(min(i, j), max(i, j)) for a, b in pairs for i in where.get(a, []) for j in where.get(b, [])
            if i != j}


def explain(evidence: dict[str, Any], i: int, j: int) -> Verdict:
    """The verdict on records ``i`` and ``j`` (reasons, field evidence, score)."""
    if (min(i, j), max(i, j)) in evidence.get("forced", ()):
        return Verdict(True, float("inf"), ["a correction says they are one work (merge-with)"])
    feats, recurring = evidence["feats"], evidence["recurring"]
    i, j = min(i, j), max(i, j)
    again = evidence.get("reread", {}).get((i, j))
    a, b = (again.a, again.b) if again else (feats[i], feats[j])
    v = compare(a, b, generic=is_column(a, b, recurring), model=evidence["model"])
    if again:
        v.reasons.extend(again.notes)
    return v


def dedup(
    records: Sequence[Record],
    *,
    max_block: int = 50,
    window: int = 8,
    tolerance: float = 0.25,
    model: Model | None = None,
    must_link: Sequence[tuple[str, str]] = (),
    cannot_link: Sequence[tuple[str, str]] = (),
) -> tuple[list[Record], Report]:
    """Merge duplicate records. Returns (records, report); see the module docstring.
    ``model``: field weights to use instead of the shipped ones (:func:`refs.dedup.weights.load_model`);
    ``must_link`` / ``cannot_link``: a person's judgements (see :func:`find_groups`)."""
    records = list(records)
    report = Report(stage="dedup")
    counts = Counter(r.id for r in records)
    for rid, n in counts.items():
        if rid and n > 1:
            report.problem(
                f"id {rid!r} is used by {n} records; groups and key_map name it ambiguously",
                severity="warning",
                record=rid,
            )
    model = model or load_model()
    with _collector_paused():
        return _dedup(records, report, model, max_block=max_block, window=window, tolerance=tolerance,
                      must_link=must_link, cannot_link=cannot_link)


def _dedup(
    records: list[Record], report: Report, model: Model, *, max_block: int, window: int, tolerance: float,
    must_link: Sequence[tuple[str, str]], cannot_link: Sequence[tuple[str, str]],
) -> tuple[list[Record], Report]:
    groups, evidence = find_groups(
        records, max_block=max_block, window=window, tolerance=tolerance, model=model,
        must_link=must_link, cannot_link=cannot_link,
    )
    group_of: dict[int, int] = {}
    for g, members in enumerate(groups):
        for m in members:
            group_of[m] = g
    links: dict[int, list[int]] = defaultdict(list)
    for e in evidence["edges"]:
        if group_of.get(e.a) == group_of.get(e.b, -1):
            links[e.a].append(e.b)
            links[e.b].append(e.a)
    matched = {(min(x, y), max(x, y)) for x, ys in links.items() for y in ys}
    del evidence["edges"]
    feats = evidence["feats"]
    for i in range(len(feats)):  # only group members are explained: free the rest now
        if i not in group_of:
            feats[i] = None
    merged: dict[int, Record] = {}
    threshold = round(model.threshold, 2)
    id_groups: list[list[str]] = []
    key_map: dict[str, str] = {}
    for g, members in enumerate(groups):
        recs = [records[m] for m in members]
        rec, conflicts, notes = merge_group(recs)
        merged[g] = rec
        ids = [rec.id] + [records[m].id for m in members if records[m].id != rec.id]
        kept_index = next(m for m in members if records[m].id == rec.id)
        id_groups.append(ids)
        for m in members:
            if m != kept_index:
                key_map[records[m].id] = rec.id
        why: dict[str, list[str]] = {}
        explained: dict[str, dict[str, Any]] = {}
        for m in members:
            if m == kept_index:
                continue
            via = kept_index
            if (min(m, kept_index), max(m, kept_index)) not in matched:
                # joined through another member: show that link
                via = next((o for o in links[m] if group_of.get(o) == g), kept_index)
            v = explain(evidence, m, via) if (min(m, via), max(m, via)) in matched else None
            if v is None:
                why[records[m].id] = []
                continue
            prefix = [f"via {records[via].id}"] if via != kept_index else []
            # reasons recur ("same authors", "same year (1987)"): one string object each
            why[records[m].id] = prefix + [sys.intern(x) for x in v.reasons]
            explained[records[m].id] = {
                "with": records[via].id,
                "score": round(v.score, 2) if v.score != float("inf") else None,  # None: a person's judgement
                "threshold": threshold,
                "evidence": v.evidence,
            }
        for m in members:
            feats[m] = None
        report.items.append(
            {
                "action": "merged",
                "kept": rec.id,
                "ids": ids,
                "reasons": why,
                "evidence": explained,
                "conflicts": conflicts,
                "notes": notes,
            }
        )

    near_items = []
    seen: set[tuple[int, int]] = set()
    for i, j, text in evidence["near"]:
        if group_of.get(i, -1 - i) == group_of.get(j, -2 - j) or (i, j) in seen:
            continue
        seen.add((i, j))
        near_items.append({"action": "not-merged", "ids": [records[i].id, records[j].id], "why": text})
    report.items.extend(near_items)

    out: list[Record] = []
    for i, r in enumerate(records):
        g = group_of.get(i)
        if g is None:
            out.append(r)
        elif groups[g][0] == i:
            out.append(merged[g])
    report.summary = {
        "records_in": len(records),
        "records_out": len(out),
        "groups": id_groups,
        "key_map": key_map,
        "merged": len(records) - len(out),
        "near_misses": len(near_items),
        **evidence["stats"],
    }
    return out, report
