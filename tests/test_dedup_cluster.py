"""Clustering (refs.dedup.cluster): the greedy join, strongest pair first, and the local
moves that repair it (refine)."""

from __future__ import annotations

from typing import Any

from refs.dedup.cluster import Edge, group_pairs, refine
from refs.dedup.keys import Features, features
from refs.model import Record

TITLE = "Decision tree induction based on efficient tree restructuring"


def _rec(rid: str, year: int, rtype: str = "report", **csl: Any) -> Record:
    data = {"title": TITLE, "author": [{"family": "Utgoff", "given": "P. E."}],
            "issued": {"date-parts": [[year]]}, **csl}
    return Record(id=rid, type=rtype, csl=data)


def _printings() -> list[Features]:
    """0-4: a report of 1995; 5-6: its 1996 printing; 7-8: the 1997 journal version (cited
    without its journal: no kind to tell it from a report)."""
    recs = [_rec(f"r95{k}", 1995) for k in range(5)] + [_rec(f"r96{k}", 1996) for k in range(2)]
    recs += [_rec(f"j97{k}", 1997, "document", volume="29") for k in range(2)]
    return [features(r, i) for i, r in enumerate(recs)]


def _edges() -> list[Edge]:
    edges = [Edge(i, j, 10.0) for i in range(5) for j in range(i + 1, 5)]  # the 1995 citations
    edges += [Edge(5, 6, 8.0), Edge(7, 8, 9.0)]
    edges += [Edge(i, j, 4.6) for i in (5, 6) for j in (7, 8)]  # 1996 ~ 1997, a little stronger
    edges += [Edge(i, j, 4.0) for i in range(5) for j in (5, 6)]  # 1996 ~ 1995
    return edges


def test_greedy_joining_puts_a_record_in_the_weaker_of_two_incompatible_groups() -> None:
    feats = _printings()
    groups, refused = group_pairs(len(feats), _edges(), feats)  # no threshold: no moves
    assert groups == [[0, 1, 2, 3, 4], [5, 6, 7, 8]]
    assert refused and "different years" in refused[0].why  # 1995 and 1997 cannot be one


def test_a_record_moves_to_the_group_it_matches_best() -> None:
    feats = _printings()
    groups, _ = group_pairs(len(feats), _edges(), feats, threshold=1.0)
    # the 1996 printing has ten matches of 3.0 with the 1995 citations, against two of
    # 3.6 (and each other) with the journal version: it belongs with 1995
    assert groups == [[0, 1, 2, 3, 4, 5, 6], [7, 8]]


def test_no_move_into_a_group_that_vetoes_the_record() -> None:
    feats = _printings()
    # the 1997 version matches the 1995 citations more often than its own twin, but a
    # year two apart is a veto against every one of them
    edges = _edges() + [Edge(i, 7, 4.0) for i in range(5)]
    groups, _ = group_pairs(len(feats), edges, feats, threshold=1.0)
    assert [7, 8] in groups and not any(7 in g and 0 in g for g in groups)


def test_a_group_left_in_pieces_is_split_and_a_person_s_pair_stays() -> None:
    feats = _printings()
    # 7 and 8 were held together only through 5 and 6; when those move, 7 and 8 part
    edges = [Edge(i, j, 10.0) for i in range(5) for j in range(i + 1, 5)]
    edges += [Edge(5, 6, 8.0), Edge(5, 7, 4.6), Edge(6, 8, 4.6)]
    edges += [Edge(i, j, 4.0) for i in range(5) for j in (5, 6)]
    start = [[0, 1, 2, 3, 4], [5, 6, 7, 8]]
    assert refine(start, edges, feats, 1.0) == [[0, 1, 2, 3, 4, 5, 6]]
    # a pair a person joined (infinite score) never moves
    pinned = [*edges, Edge(5, 7, float("inf"))]
    assert any(5 in g and 7 in g for g in refine(start, pinned, feats, 1.0))
    # nor does a record kept apart from the better group
    kept = refine(start, edges, feats, 1.0, cannot={(0, 5), (0, 6)})
    assert not any(0 in g and 5 in g for g in kept)


def test_refining_is_deterministic_and_keeps_every_record_once() -> None:
    feats = _printings()
    first, _ = group_pairs(len(feats), _edges(), feats, threshold=1.0)
    again, _ = group_pairs(len(feats), list(reversed(_edges())), feats, threshold=1.0)
    assert first == again
    members = [i for g in first for i in g]
    assert len(members) == len(set(members))
