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
from collections.abc import Callable, Collection, Mapping, Sequence
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
    cannot: Collection[tuple[int, int]] = (), threshold: float | None = None,
    reread: Mapping[tuple[int, int], tuple[Features, Features]] | None = None,
) -> tuple[list[list[int]], list[Refusal]]:
    """Groups of record indices (each sorted, two or more members) and the refused joins.
    ``cannot`` holds index pairs (i < j) that must never share a group; an edge of
    infinite score (a person's judgement) joins its groups without the vetoes.

    A record that matches two records equally well, where those two cannot be one work,
    is joined to neither (a column editor listed alone matches every instalment of the
    column; which one it is cannot be told): its tied matches are dropped and the
    groups formed again.

    With the merge ``threshold``, the greedy groups are then improved by moving single
    records (:func:`refine`). ``reread`` holds, for the pairs whose fields were read again
    from their citation text (:mod:`refs.dedup.reread`), the features they were judged on."""
    pair = _pair_features(feats, reread or {})
    groups, refused, ties = _group(n, edges, feats, tolerance, cannot, pair)
    if ties:
        kept = [e for e in edges if (e.a, e.b) not in ties]
        groups, refused, _ = _group(n, kept, feats, tolerance, cannot, pair)
        refused.extend(
            Refusal(a, b, f"{feats[a].id} and {feats[b].id} look alike, but one of them matches another "
                          "record, which is not the same work, equally well")
            for a, b in sorted(ties)
        )
    else:
        kept = list(edges)
    if threshold is not None:
        groups = refine(groups, kept, feats, threshold, cannot, pair)
    return groups, refused


PairFeatures = Callable[[int, int], tuple[Features, Features]]


def _pair_features(feats: Sequence[Features],
                   reread: Mapping[tuple[int, int], tuple[Features, Features]]) -> PairFeatures:
    """The features records ``x`` and ``y`` are compared on: their own, or those their
    fields were read again into for this pair."""

    def pair(x: int, y: int) -> tuple[Features, Features]:
        got = reread.get((x, y) if x < y else (y, x)) if reread else None
        if got is None:
            return feats[x], feats[y]
        return got if x < y else (got[1], got[0])

    return pair


#: Passes of :func:`refine` at most.
MAX_PASSES = 4


def refine(
    groups: list[list[int]], edges: Sequence[Edge], feats: Sequence[Features], threshold: float,
    cannot: Collection[tuple[int, int]] = (), pair: PairFeatures | None = None,
) -> list[list[int]]:
    """Move single records to the group they match best (a local search for the
    correlation-clustering objective: the sum of ``score - threshold`` over the matched
    pairs inside groups). Greedy joining, strongest pair first, can put a record into
    the wrong one of two groups that cannot be joined (a 1996 report matches its 1997
    journal version a little better than its 1995 printing, and joins the journal
    version's pair before the ten 1995 citations are considered; then the 1995 and 1997
    citations cannot share a group). A record moves when the summed evidence of its
    matches in another group (or in a record left alone) exceeds that in its own, and no
    member of the other group vetoes it or lists other authors; a group left in pieces
    by the moves is split into its connected parts. Records joined by a person (an edge
    of infinite score) stay; ``edges`` are the matches the greedy join used (a record's
    tied matches, dropped there, are not considered here either)."""
    pair = pair or _pair_features(feats, {})
    group_of: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    for g, m in enumerate(groups):
        members[g] = set(m)
        for i in m:
            group_of[i] = g
    adj: dict[int, list[tuple[int, float]]] = {}
    pinned: set[int] = set()
    for e in edges:
        if e.a in group_of or e.b in group_of:
            if e.score == float("inf"):
                pinned.update((e.a, e.b))
            adj.setdefault(e.a, []).append((e.b, e.score - threshold))
            adj.setdefault(e.b, []).append((e.a, e.score - threshold))
    cannot_of: dict[int, set[int]] = {}
    for x, y in cannot:
        cannot_of.setdefault(x, set()).add(y)
        cannot_of.setdefault(y, set()).add(x)
    next_group = len(groups)
    touched: set[int] = set()
    for _ in range(MAX_PASSES):
        moved = False
        for i in sorted(group_of):
            if i in pinned:
                continue
            own_g = group_of[i]
            support: dict[int, float] = {}
            for j, w in adj[i]:
                gj = group_of.get(j)
                if gj is None:
                    gj = group_of[j] = next_group  # a record alone: a group of one
                    members[next_group] = {j}
                    next_group += 1
                support[gj] = support.get(gj, 0.0) + w
            own = support.pop(own_g, 0.0)
            for g, gain in sorted(support.items(), key=lambda kv: (-kv[1], kv[0])):
                if gain <= own + 1e-9:
                    break
                if _fits(i, members[g], pair, cannot_of.get(i, set())):
                    members[own_g].discard(i)
                    members[g].add(i)
                    group_of[i] = g
                    touched.update((own_g, g))
                    moved = True
                    break
        if not moved:
            break
    out: list[list[int]] = []
    for g, m in members.items():
        if g in touched and len(m) > 1:
            out.extend(_components(m, adj))
        elif len(m) > 1:
            out.append(sorted(m))
    out.sort(key=lambda g: g[0])
    return out


def _fits(i: int, group: set[int], pair: PairFeatures, cannot: set[int]) -> bool:
    """Whether record ``i`` may move into ``group``: no person's keep-apart, no veto and
    no author clash with any member (stricter than joining two groups: a move is an
    improvement, never needed)."""
    if cannot & group:
        return False
    sample = _sample(sorted(group), MAX_CHECKS)
    return not any(conflicts(*pair(i, y)) or authors_differ(*pair(i, y)) for y in sample)


def _components(group: set[int], adj: dict[int, list[tuple[int, float]]]) -> list[list[int]]:
    """The connected parts (two or more members) of ``group`` over its matched pairs."""
    left, parts = set(group), []
    while left:
        start = min(left)
        left.discard(start)
        part, todo = [start], [start]
        while todo:
            x = todo.pop()
            for y, _ in adj.get(x, ()):
                if y in left:
                    left.discard(y)
                    part.append(y)
                    todo.append(y)
        if len(part) > 1:
            parts.append(sorted(part))
    return parts


def _group(
    n: int, edges: Sequence[Edge], feats: Sequence[Features], tolerance: float,
    cannot: Collection[tuple[int, int]], pair: PairFeatures,
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
                    reasons = conflicts(*pair(x, y))
                    if not reasons:
                        differ = authors_differ(*pair(x, y))
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
