"""The held-out-style evaluation (tests/data/enrich_eval): queries as a parsed reading
list has them, a corpus with each true work plus near-miss decoys, served by a local
Crossref-like server whose ranking puts decoys above the true work now and then.

Targets: no wrong DOI at all, and at least 90% of the findable records found."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "servers"))

import enrich_eval  # noqa: E402


@pytest.fixture(scope="module")
def result() -> enrich_eval.EvalResult:
    return enrich_eval.run()


def test_no_wrong_doi(result: enrich_eval.EvalResult) -> None:
    assert result.wrong == []


def test_recall_floor(result: enrich_eval.EvalResult) -> None:
    assert result.findable >= 60 and result.recall >= 0.90, result.missed


def test_unfindable_records_are_left_alone(result: enrich_eval.EvalResult) -> None:
    assert result.unfindable >= 15 and result.left_alone == result.unfindable


def test_ranking_does_not_matter() -> None:
    """Without the ranking wobble the answers are the same: verification, not rank, decides."""
    plain = enrich_eval.run(jitter=0.0)
    assert plain.wrong == [] and plain.recall >= 0.90


def test_untyped_records_get_no_wrong_doi() -> None:
    """The same queries with their types removed (CSL "document"): fewer found, since
    a conference paper and its journal version, say, can no longer be told apart, but
    still no wrong DOI."""
    result = enrich_eval.run(untyped=True)
    assert result.wrong == [] and result.left_alone == result.unfindable
    assert result.recall >= 0.75


def test_committed_data_is_what_the_generator_writes() -> None:
    sys.path.insert(0, str(enrich_eval.DATA))
    import generate  # type: ignore[import-not-found]

    queries, gold, corpus = generate.build()
    assert json.loads((enrich_eval.DATA / "queries.json").read_text(encoding="utf-8")) == queries
    assert json.loads((enrich_eval.DATA / "gold.json").read_text(encoding="utf-8")) == gold
    assert json.loads((enrich_eval.DATA / "corpus.json").read_text(encoding="utf-8")) == corpus
    kinds = " ".join(g["decoys"] for g in gold.values())
    for kind in ("sametitle", "samejournal", "review", "chapter", "book", "edition", "correction", "reply",
                 "conf", "transl", "preprint", "component", "editorials", "oldyear", "errsame", "abstract",
                 "retraction", "vpg", "reviewrel", "supplement", "magazine"):
        assert kind in kinds
