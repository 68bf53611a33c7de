"""Turn pairwise "same work" edges into groups without chaining unrelated records.

Plain transitive closure is dangerous: A~B and B~C put A and C together even when
A and C are visibly different works (the conference paper, its journal version and
a record between them). So edges are applied strongest first, and two groups are
joined only when the vetoes of :func:`refs.dedup.score.conflicts` between their
members stay rare: none when either group has fewer than three members, at most
``tolerance`` of the checked cross pairs between larger groups (where one miscited
year or page among many citations should not split a well-attested work). Large
groups are checked on a sample so the cost stays bounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from refs.dedup.keys import Features
from refs.dedup.score import authors_differ, conflicts

#: Cross pairs checked at most when joining two groups.
MAX_CHECKS = 400


@dataclass(slots=True)
class Edge:
    a: int
    b: int
    score: float


@dataclass
class Refusal:
    """Two groups that an edge would have joined, and the veto that stopped it."""

    a: int
    b: int
    why: str


def unique_matches(pairs: Sequence[tuple[int, int]]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(kept, dropped): the pairs whose two records are in no other pair of ``pairs``.
    For matches that identify a work only when the input holds one candidate (two
    records titled "Guest editorial" by the same editors in one journal and year are one
    item; six "Book review column"s by one editor in one year cannot be paired)."""
    count: Counter[int] = Counter()
    for i, j in pairs:
        count[i] += 1
        count[j] += 1
    kept = {(i, j) for i, j in pairs if count[i] == 1 == count[j]}
    return kept, set(pairs) - kept


def _sample(members: list[int], limit: int) -> list[int]:
    if len(members) <= limit:
        return members
    step = len(members) / limit
    return [members[int(k * step)] for k in range(limit)]


def group_pairs(
    n: int, edges: Sequence[Edge], feats: Sequence[Features], tolerance: float = 0.25,
    cannot: Collection[tuple[int, int]] = (),
) -> tuple[list[list[int]], list[Refusal]]:
    """Groups of record indices (each sorted, two or more members) and the refused joins.
    ``cannot`` holds index pairs (i < j) that must never share a group; an edge of
    infinite score (a person's judgement) joins its groups without the vetoes.

    A record that matches two records equally well, where those two cannot be one work,
    is joined to neither (a column editor listed alone matches every instalment of the
    column; which one it is cannot be told): its tied matches are dropped and the
    groups formed again."""
    groups, refused, ties = _group(n, edges, feats, tolerance, cannot)
    if not ties:
        return groups, refused
    kept = [e for e in edges if (e.a, e.b) not in ties]
    groups, refused, _ = _group(n, kept, feats, tolerance, cannot)
    refused.extend(
        Refusal(a, b, f"{feats[a].id} and {feats[b].id} look alike, but one of them matches another "
                      "record, which is not the same work, equally well")
        for a, b in sorted(ties)
    )
    return groups, refused


def _group(
    n: int, edges: Sequence[Edge], feats: Sequence[Features], tolerance: float,
    cannot: Collection[tuple[int, int]],
) -> tuple[list[list[int]], list[Refusal], set[tuple[int, int]]]:
    parent = list(range(n))
    members: dict[int, list[int]] = {}
    refused: list[Refusal] = []
    # the edge that first joined each record (score and partner), to find ties
    first_score = np.full(n, np.nan)
    first_partner = np.full(n, -1, dtype=np.int64)
    ties: set[tuple[int, int]] = set()

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in sorted(edges, key=lambda e: (-e.score, e.a, e.b)):
        ra, rb = find(e.a), find(e.b)
        if ra == rb:
            continue
        ma = members.get(ra, [ra])
        mb = members.get(rb, [rb])
        if cannot and any({find(x), find(y)} == {ra, rb} for x, y in cannot):
            continue  # reported by the caller
        if (len(ma) > 1 or len(mb) > 1) and e.score != float("inf"):
            side = max(1, int(MAX_CHECKS**0.5))
            sa, sb = _sample(ma, side), _sample(mb, side)
            bad = 0
            first_reason = ""
            for x in sa:
                for y in sb:
                    reasons = conflicts(feats[x], feats[y])
                    if not reasons:
                        differ = authors_differ(feats[x], feats[y])
                        reasons = [differ] if differ else reasons
                    if reasons:
                        bad += 1
                        first_reason = first_reason or reasons[0]
            allowed = tolerance if min(len(ma), len(mb)) >= 3 else 0.0
            if bad and bad > allowed * len(sa) * len(sb):
                for w, other in ((e.a, e.b), (e.b, e.a)):
                    if first_score[w] == e.score and first_partner[w] != other:
                        p = int(first_partner[w])
                        ties.add((min(w, p), max(w, p)))
                        ties.add((min(w, other), max(w, other)))
                refused.append(
                    Refusal(
                        e.a,
                        e.b,
                        f"{feats[e.a].id} and {feats[e.b].id} look alike, "
                        f"but their groups disagree: {first_reason}",
                    )
                )
                continue
        for w, other in ((e.a, e.b), (e.b, e.a)):
            if first_partner[w] < 0:
                first_score[w] = e.score
                first_partner[w] = other
        if len(ma) < len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        parent[rb] = ra
        members[ra] = ma + mb
        members.pop(rb, None)
    groups = [sorted(m) for m in members.values() if len(m) > 1]
    groups.sort(key=lambda g: g[0])
    return groups, refused, ties
