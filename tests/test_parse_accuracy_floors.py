"""Regression floors for the parser on every labelled set, measured as bench/bench_parse.py
measures them (the whole set as one text, one string per line, through ``parse_text``).

The floors sit a little under the figures in README.md and docs/parse.md: they catch a
change that makes the parser worse, they are not the targets. The real-string sets live
in the repository (tests/data/parse_real, refs/parse/train/real's held-out pages) and always
run; AnyStyle's gold set and GROBID's evaluation set are read from ../shared and skipped
without it. Raise a floor when the figures rise.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_parse.py"

#: set → (fields right, share of lines where a record starts), both at least
FLOORS = {
    "real-dev": (0.875, 0.98),  # 88.0%, 438/443
    "real-holdout": (0.83, 0.98),  # 83.7%, 183/185
    "real-seg-holdout": (0.775, 0.97),  # 77.7%, 7,344/7,494
    "anystyle-gold": (0.958, 0.99),  # 96.0%, 1,667/1,669
    "grobid-eval": (0.905, 0.99),  # 90.7%, 326/327
    "handwritten-holdout": (0.96, 1.0),  # 96.5%, 160/160
}


@pytest.fixture(scope="module")
def bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_parse", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sets(bench: Any) -> dict[str, list[dict[str, Any]]]:
    return bench.load_sets()


@pytest.mark.parametrize("name", list(FLOORS))
def test_field_accuracy_and_detection_floors(bench: Any, sets: dict[str, list[dict[str, Any]]],
                                             name: str) -> None:
    if name not in sets:
        pytest.skip(f"{name} needs ../shared (set REFS_SHARED)")
    res = bench.run_set(sets[name])
    right, total = sum(res["right"].values()), sum(res["total"].values())
    fields, found = right / total, res["found"] / res["lines"]
    floor_fields, floor_found = FLOORS[name]
    assert fields >= floor_fields, f"{name}: {fields:.3f} of fields right, floor {floor_fields}"
    assert found >= floor_found, f"{name}: {found:.3f} of lines found, floor {floor_found}"
    assert res["records"] - res["found"] <= 0.01 * res["lines"], f"{name}: extra records"


def test_segment_gold_drops_the_labellers_cue_words(bench: Any) -> None:
    """The gold made from labelled segments compares what the work *is*: the cue a labeller keeps
    in a segment ("W:", GOST's "//" and "— С.", "Seite", German quotes) is not the container,
    the title or the pages; a supplement's "S93-S99" and an article number "P05011" keep their letter."""
    gold = bench.expected_from_segments([
        ["title", "„Der Heilige Geist“,"], ["container-title", "// Слово і час."],
        ["pages", "— С. 241–247."]])
    assert gold == {"title": "Der Heilige Geist", "container-title": "Слово і час", "page": "241-247"}
    assert bench.expected_from_segments([["container-title", "W: Dziennikarstwo i świat mediów."],
                                         ["pages", "Seite 127f"]]) == {
        "container-title": "Dziennikarstwo i świat mediów", "page": "127f"}
    assert bench.expected_from_segments([["pages", "S93-S99."]])["page"] == "S93-S99"
    # "and the following pages" after the first page is not part of it, as refs writes pages
    for tail in ("pp. 45 ff.", "S. 45 f.", "pp. 45 e ss.", "p. 45 ss.", "p. 45 sqq."):
        assert bench.expected_from_segments([["pages", tail]])["page"] == "45", tail
    assert bench.expected_from_segments([["pages", "P05011"]])["page"] == "P05011"
    for cue in ("pagg. 120-138", "páginas 120-138", "ss. 120—138", "bls. 120-138", "tr. 120-138",
                "hlm. 120-138", "pàg. 120-138", "o. 120-138", "صص 120-138"):
        assert bench.expected_from_segments([["pages", cue]])["page"] == "120-138", cue
    assert bench.expected_from_segments([["pages", "pagine XII-XV"]])["page"] == "XII-XV"
    # Greek and Turkish page words; a pinpoint kept after the work's pages is not its pages
    assert bench.expected_from_segments([["pages", "σ. 12-15"]])["page"] == "12-15"
    assert bench.expected_from_segments([["pages", "Sayfa 20-41"]])["page"] == "20-41"
    for tail in (", hier: 329.", ", bes. 330-331,", ", at p. 329.", ", на с. 329"):
        assert bench.expected_from_segments([["pages", "321-357" + tail]])["page"] == "321-357", tail
    # TeX's quotes are quotes, a ligature is its letters
    assert bench.expected_from_segments([["title", "``Message Authentication,''"]]) == {
        "title": "Message Authentication"}
    assert bench.expected_from_segments([["title", "Information deﬁcits."]]) == {
        "title": "Information deficits"}
    # a hyphen kept as the separator before the next field; a hyphen inside a value stays
    gold = bench.expected_from_segments([["title", "The Scarlet Letter -"], ["author", "N. Hawthorne"]])
    assert gold["title"] == "The Scarlet Letter"
    assert bench.expected_from_segments([["title", "Cross-border trade -"]])["title"] == "Cross-border trade"
    # a pages segment holding the volume glued to its pages (one token, one label) says the volume
    assert bench.expected_from_segments([["container-title", "Science"], ["pages", "316:208–210"]]) == {
        "container-title": "Science", "volume": "316", "page": "208-210"}
    assert bench.expected_from_segments([["pages", "1979;42(6):715–21."]]) == {
        "volume": "42", "issue": "6", "page": "715-721", "year": 1979}
    assert bench.expected_from_segments([["volume", "12,"], ["pages", "12:45-67."]]) == {
        "volume": "12", "page": "45-67"}
    assert bench.expected_from_segments([["pages", "pp. 45-67."]]) == {"page": "45-67"}


def test_segment_gold_reads_a_ditto_mark_as_the_authors_before(bench: Any) -> None:
    """"———. Title" means the authors of the entry before (as the parser reads it); the gold
    made from segments, where the labeller's author segment is the mark alone, says so too."""
    rows = [{"text": "Watts, Steven. The Salt Roads. Boston: Beacon, 2001.",
             "segments": [["author", "Watts, Steven."], ["title", "The Salt Roads."],
                          ["location", "Boston:"], ["publisher", "Beacon,"], ["date", "2001."]]},
            {"text": "———. Harbours. Boston: Beacon, 2004.",
             "segments": [["author", "———."], ["title", "Harbours."], ["location", "Boston:"],
                          ["publisher", "Beacon,"], ["date", "2004."]]},
            {"text": "______. Rivers. Boston: Beacon, 2006.",
             "segments": [["author", "______."], ["title", "Rivers."], ["date", "2006."]]}]
    items = bench._labelled_items(rows)
    assert [i["expected"]["author"] for i in items] == [["watts"]] * 3
