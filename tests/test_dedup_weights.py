"""The learned field weights (refs.dedup.weights, refs/dedup/data/weights.json), the
command that re-estimates them, and the explanation of every merge in the report."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from refs.dedup import dedup
from refs.dedup.weights import FIELDS, MISSING, WEIGHTS_PATH, load_model, model_from_json
from refs.model import Record

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))


def test_shipped_weights_load_and_cover_every_level() -> None:
    model = load_model()
    for field, levels in FIELDS.items():
        for level in levels:
            assert isinstance(model.weight(field, level), float)
        assert model.weight(field, MISSING) == 0.0
    assert model.meta["command"] == "python -m refs.dedup.train"
    assert set(model.meta["trained_on"]) == {"Cora", "DBLP-ACM"}


def test_learned_weights_point_the_right_way() -> None:
    model = load_model()
    assert model.weight("title", "exact") > 0 > model.weight("title", "differ")
    assert model.weight("authors", "all") > 0 > model.weight("authors", "few")
    assert model.weight("year", "same") > model.weight("year", "off_by_one")


def test_a_broken_weights_file_is_refused(tmp_path: Path) -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    del data["weights"]["title"]["exact"]
    with pytest.raises(ValueError, match="title=exact"):
        model_from_json(data)
    with pytest.raises(ValueError, match="model"):
        model_from_json({"model": "something-else"})


def test_a_model_can_be_passed_to_dedup() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["threshold"] = 1000.0  # nothing reaches it
    strict = model_from_json(data)
    recs = [_article("a", "Cascade correlation learning"), _article("b", "Cascade-correlation learning")]
    assert len(dedup(recs)[1].summary["groups"]) == 1
    assert dedup(recs, model=strict)[1].summary["groups"] == []


def _article(rid: str, title: str, **extra: Any) -> Record:
    csl = {
        "title": title,
        "author": [{"family": "Fahlman", "given": "Scott E."}],
        "issued": {"date-parts": [[1990]]},
        "container-title": "Advances in Neural Information Processing Systems",
        "volume": "2",
        "page": "524-532",
    }
    csl.update(extra)
    return Record(id=rid, type="paper-conference", csl=csl)


def test_every_merge_is_explained_field_by_field() -> None:
    a = _article("a", "The cascade-correlation learning architecture")
    b = _article(
        "b", "The Cascade-Correlation Learning Architecture", author=[{"family": "S.E", "given": "Fahlman,"}]
    )
    _, report = dedup([a, b])
    item = next(i for i in report.items if i["action"] == "merged")
    other = next(x for x in item["ids"] if x != item["kept"])
    why = item["evidence"][other]
    assert why["with"] == item["kept"]
    fields = {e["field"]: e for e in why["evidence"]}
    assert fields["title"]["agreement"] == "exact"
    assert fields["authors"]["agreement"] == "all"
    model = load_model()
    total = model.bias + sum(e["weight"] for e in why["evidence"])
    assert abs(total - why["score"]) < 0.1
    assert why["score"] >= why["threshold"] == round(model.threshold, 2)


def test_a_merge_by_identifier_says_so() -> None:
    a = _article("a", "Cascade correlation", DOI="10.1000/xyz")
    b = _article("b", "Something else entirely", DOI="10.1000/XYZ")
    _, report = dedup([a, b])
    item = next(i for i in report.items if i["action"] == "merged")
    (why,) = item["evidence"].values()
    assert why["evidence"] == [{"field": "DOI", "agreement": "same", "weight": None}]


@pytest.mark.skipif(not (SHARED / "data" / "dedup").exists(), reason="shared benchmark data not available")
def test_train_command_reproduces_the_shipped_weights(tmp_path: Path) -> None:
    from refs.dedup.train import main

    out = tmp_path / "w.json"
    assert main(["--out", str(out)]) == 0
    assert json.loads(out.read_text()) == json.loads(WEIGHTS_PATH.read_text())


def test_a_year_off_by_one_is_the_proceedings_year_only_within_one_venue() -> None:
    from refs.dedup.keys import features
    from refs.dedup.score import containers_compatible, year_level
    from refs.model import make_date

    def paper(rid: str, year: int, venue: str) -> Record:
        return Record(id=rid, type="paper-conference", csl={
            "title": "Perceptron trees: a case study in hybrid concept representations",
            "author": [{"family": "Utgoff", "given": "P. E."}], "issued": make_date(year),
            "container-title": venue})

    meeting = features(paper("a", 1988, "Proceedings of the Seventh National Conference on AI"), 0)
    proceedings = features(paper("b", 1989, "Proceedings of the Seventh National Conference on AI"), 1)
    journal = features(paper("c", 1989, "Connection Science"), 2)
    assert year_level(meeting, proceedings, containers_compatible(meeting, proceedings)) == "off_by_one_dated"
    assert year_level(meeting, journal, containers_compatible(meeting, journal)) == "off_by_one"
    model = load_model()
    assert model.weight("year", "off_by_one_dated") > model.weight("year", "off_by_one")
