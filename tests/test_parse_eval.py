"""Regression tests on the hand-written evaluation set in tests/data/parse_eval/.

Two guards, both measured by bench/bench_parse_eval.py (which holds the scoring rules):

* detection: each document in detection/ (French and German Wikipedia-like articles,
  an English article with ^/[n] notes, a syllabus, a paper's reference list with
  hanging lines, a Russian article) must yield exactly its expected number of
  references — no prose line, caption or heading as a record, no reference lost;
* accuracy: the field accuracy over the ~250 strings must not fall below FLOOR, the
  score measured when this test was written minus a small margin. Raise FLOOR when
  the parser improves; never lower it to make a change pass.

The data itself is checked too (well-formed, enough strings, every style and
language present), so a broken edit to the gold file fails loudly.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench" / "bench_parse_eval.py"
DATA = ROOT / "tests" / "data" / "parse_eval"

#: Overall field accuracy (held-out fields) measured with the sequence model: 98.2% (the
#: set is now training data for the model, aligned by refs.parse.train.align, so this guards
#: the assembly of fields more than it measures the model); a 1-point margin.
FLOOR = 97.2

#: Detection documents the parser currently gets wrong, with what goes wrong: one extra record
#: each, no more, and no reference lost (asserted before the non-strict xfail applies; the test
#: reports XPASS once the parser is fixed, then delete the entry)
_CAPTION = ("an image caption that names people and a date is parsed as author, title and date "
            "and kept (the finder could weigh the model's low confidence in those spans)")
KNOWN_DETECTION_GAPS: dict[str, str] = {"de_article.txt": _CAPTION, "fr_article.txt": _CAPTION}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_parse_eval", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _parser_or_skip() -> None:
    try:
        import refs.parse  # noqa: F401
    except ImportError as exc:  # the parser is developed in parallel
        pytest.skip(f"refs.parse is not importable yet: {exc}")


def test_data_is_well_formed():
    items = bench.load()
    assert len(items) >= 200
    assert len({i["text"] for i in items}) == len(items)
    styles = {i["style"] for i in items}
    assert {"apa", "chicago-notes", "chicago-bib", "mla", "harvard", "ieee", "vancouver", "wikipedia",
            "gost"} <= styles
    assert {i["lang"] for i in items} == {"en", "fr", "de", "el", "ru", "es", "it", "pt"}
    for item in items:
        exp = item["expected"]
        assert exp["type"] and exp["title"], item["text"]
        assert isinstance(exp.get("author", []), list)
        if "year" in exp:
            assert isinstance(exp["year"], int) and str(exp["year"]) in item["text"]
        if "page" in exp:
            assert "–" not in exp["page"] and "—" not in exp["page"]


def test_normalisation_rules():
    assert bench.norm("pp. 100–112 ", "page") == "pp. 100-112"
    assert bench.norm("88 – 110", "page") == "88-110"
    assert bench.norm("https://doi.org/10.1162/ISEC_a_00236", "DOI") == "10.1162/isec_a_00236"
    assert bench.norm("978-0-415-39353-1", "ISBN") == "9780415393531"
    assert bench.norm("Proc.  IEEE Conf.", "container-title") == "Proc. IEEE Conf"
    assert bench.norm("Deal or no deal?", "title") == "Deal or no deal?"  # ? is part of a title
    assert bench.norm("Foreign affairs", "title") != bench.norm("Foreign Affairs", "title")


def test_scoring_counts_invented_and_missing_fields():
    item = {"expected": {"type": "book", "author": ["van der Pijl", "Kaiser"], "title": "T", "year": 2002}}
    got = {"type": "book", "author": [["Pijl", "van der Pijl"]], "title": "T.", "year": 2002,
           "volume": "5"}
    slots = bench.score_item(item, got)
    wrong = [(f, want) for f, ok, want, _ in slots if not ok]
    assert ("author", "Kaiser") in wrong  # a missing second author costs one slot
    assert ("volume", None) in wrong  # an invented volume costs one slot
    assert sum(ok for _, ok, _, _ in slots) == 4  # type, first author, title, year


@pytest.mark.parametrize("doc", bench.detection_documents(), ids=lambda p: p.name)
def test_detection_counts(doc: Path, request: pytest.FixtureRequest):
    _parser_or_skip()
    expected = json.loads(doc.with_suffix(".json").read_text(encoding="utf-8"))
    assert len(expected["starts"]) == expected["count"]
    result = bench.detect(doc)
    # every reference is found, even in a document with a known gap: a gap is one extra record
    # (its caption), never a lost reference nor a second extra (a regression hid behind the xfail)
    assert result["found"] == expected["count"], result["missing"]
    assert result["records"] <= expected["count"] + (doc.name in KNOWN_DETECTION_GAPS), result
    if doc.name in KNOWN_DETECTION_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_DETECTION_GAPS[doc.name], strict=False))
    assert result["records"] == expected["count"], result


def test_detection_documents_exist():
    docs = bench.detection_documents()
    assert 4 <= len(docs) <= 8
    for doc in docs:
        assert doc.with_suffix(".json").is_file(), doc


def test_field_accuracy_floor():
    _parser_or_skip()
    result = bench.evaluate(bench.load())
    overall = result["overall"]
    score = overall.pct("core")
    assert score >= FLOOR, (f"field accuracy {score:.1f}% fell below {FLOOR}% "
                            f"({len(result['failures'])} wrong fields; run "
                            f"python bench/bench_parse_eval.py --failures)")
