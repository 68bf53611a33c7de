"""What makes dedup scale: the fast rejection of unrelated pairs (exact: it never
changes a verdict or a near miss) and blocking keys that stay small in a large library."""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest

from refs.dedup import dedup
from refs.dedup.keys import RARE_WORD, candidate_pairs, features, iter_pairs, record_keys
from refs.dedup.score import compare, quick_reject
from refs.dedup.weights import load_model
from refs.model import Record, make_date

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared")) / "data" / "dedup"

_WORDS = ("graph model learning network query index data stream join cache lattice proof tree heap"
          " logic type kernel shape motion light sound field wave river glacier forest soil crop"
          " market price labour trade court treaty voter party church school").split()
_JOURNALS = [("Journal of Applied Physics", "J. Appl. Phys."), ("Foreign Affairs", "Foreign Aff."),
             ("Machine Learning", "Mach. Learn.")]


def _library(n: int, seed: int = 3) -> list[Record]:
    """Works by a few prolific authors (big author-and-year blocks), each cited 1-3 times
    with initials, an abbreviated journal, a dropped subtitle or a pinpoint page."""
    rng = random.Random(seed)
    out: list[Record] = []
    while len(out) < n:
        title = " ".join(rng.choices(_WORDS, k=rng.randint(3, 6))) + f" {rng.randint(1, 40)}"
        if rng.random() < 0.3:
            title += ": " + " ".join(rng.choices(_WORDS, k=2))
        full, abbr = rng.choice(_JOURNALS)
        first = rng.randint(1, 300)
        csl = {"author": [{"family": rng.choice(["Smith", "Smyth", "Wang", "Li"]), "given": "Anna"}],
               "title": title, "container-title": full, "volume": str(rng.randint(1, 5)),
               "page": f"{first}-{first + 9}", "issued": make_date(rng.randint(2000, 2002))}
        base = Record(id=f"w{len(out)}", type="article-journal", csl=csl)
        out.append(base)
        for v in range(rng.choice([0, 1, 2])):
            dup = base.copy()
            dup.id = f"{base.id}v{v}"
            dup.csl["author"] = [{"family": csl["author"][0]["family"], "given": "A."}]
            if rng.random() < 0.5:
                dup.csl["container-title"] = abbr
            if rng.random() < 0.3:
                dup.csl["title"] = title.split(":")[0]
            if rng.random() < 0.3:
                dup.csl["page"] = str(first + 2)
            out.append(dup)
    return out


def _check_exact(records: list[Record]) -> int:
    feats = [features(r, i) for i, r in enumerate(records)]
    codes, _ = candidate_pairs(feats)
    model = load_model()
    rejected = 0
    for i, j in iter_pairs(codes, len(feats)):
        if quick_reject(feats[i], feats[j], model):
            rejected += 1
            v = compare(feats[i], feats[j], model=model)
            assert not v.same and not v.doubt, (records[i].id, records[j].id, v.doubt)
    return rejected


def test_quick_reject_never_changes_a_verdict_on_a_synthetic_library() -> None:
    records = _library(600)
    assert _check_exact(records) > 1000  # most pairs of an author's year are settled fast


def test_quick_reject_keeps_the_merges_and_near_misses() -> None:
    records = _library(300, seed=5)
    _, report = dedup(records)
    truth = {r.id: r.id.split("v")[0] for r in records}
    for group in report.summary["groups"]:
        assert len({truth[i] for i in group}) == 1
    assert len(report.summary["groups"]) > 50


def test_quick_reject_leaves_close_titles_and_identifiers_to_the_rules() -> None:
    def rec(rid: str, title: str, year: int, **csl: str) -> Record:
        return Record(id=rid, type="article-journal", csl={"title": title, "issued": make_date(year), **csl})

    a = rec("a", "Learning graph models: a survey", 2001, DOI="10.1000/x")
    b = rec("b", "Something else entirely", 2009, DOI="10.1000/x")
    c = rec("c", "Learning graph models", 2009)
    fa, fb, fc = (features(r, i) for i, r in enumerate((a, b, c)))
    model = load_model()
    assert not quick_reject(fa, fb, model)  # one DOI: the identifier rule decides
    assert not quick_reject(fa, fc, model)  # a dropped subtitle: a near miss to report
    assert quick_reject(fb, fc, model)  # other title, years apart


@pytest.mark.skipif(not DATA.exists(), reason="shared benchmark data not available")
def test_quick_reject_is_exact_on_every_benchmark_pair() -> None:
    from refs.dedup.benchmarks import load_cora, load_dblp_acm

    for loader in (load_cora, load_dblp_acm):
        assert _check_exact(loader()[0]) > 1000


def test_a_common_title_word_is_no_key_on_its_own() -> None:
    recs = [Record(id=f"r{k}", type="article-journal",
                   csl={"title": f"Lattice {'alpha beta gamma delta'.split()[k % 4]} number{k // 2}"})
            for k in range(4 * (RARE_WORD + 1))]
    feats = [features(r, i) for i, r in enumerate(recs)]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.tokens)
    keys = record_keys(feats[0], df)
    assert "t:number0" in keys  # rare (two titles have it): a key
    rare_common = [k for k in keys if k.startswith("t:") and "|" not in k]
    assert rare_common == ["t:number0"]
    common = Record(id="x", type="article-journal", csl={"title": "Lattice alpha"})
    fx = features(common, 0)
    assert not [k for k in record_keys(fx, df) if k.startswith("t:") and "|" not in k]  # every word common
    assert any(k.startswith("t:") and "|" in k for k in record_keys(fx, df))  # the word pair still meets
