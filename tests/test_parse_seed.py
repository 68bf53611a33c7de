"""Golden test: the seed article (Greek Wikipedia, NATO–Russia relations) yields its 3
footnotes and 24 further-reading entries, in order, with hand-checked fields
(tests/data/parse/nato_expected.json, reviewed entry by entry)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.parse import loads, parse_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"
EXPECTED = json.loads((ROOT / "tests" / "data" / "parse" / "nato_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records():
    recs, report = parse_text(SEED.read_text(encoding="utf-8"), source=str(SEED))
    assert not report.errors
    return recs


def test_count_and_order(records):
    assert len(records) == 27
    assert [r.id for r in records] == [e["id"] for e in EXPECTED]
    assert [r.origin.line for r in records] == [e["_line"] for e in EXPECTED]


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_record_matches_golden(records, index):
    expected = dict(EXPECTED[index])
    expected.pop("_line")
    assert records[index].to_csl() == expected


def test_origin_keeps_raw_string(records):
    assert records[0].origin.format == "text"
    assert records[0].origin.text.startswith("↑Ronald D. Azmus")
    assert records[-1].origin.text.startswith("Wohlforth, William")


def test_no_prose_caption_or_heading(records):
    titles = " ".join(r.title for r in records)
    assert "Εθνόσημο" not in titles
    assert "Ιδρυτική διακήρυξη" not in titles
    assert all(r.origin.line >= 10 for r in records)


def test_traps(records):
    by_id = {r.id: r for r in records}
    assert by_id["casis2018nato"].authors == [{"literal": "CASIS Vancouver"}]
    assert by_id["casis2018nato"].custom("archive-date") == "2022-10-04"
    assert "Αρχειοθετήθηκε" not in json.dumps(by_id["casis2018nato"].to_csl(), ensure_ascii=False)
    unverdi = by_id["unverdi2015what"]
    assert unverdi.type == "thesis" and unverdi.year == 2015
    assert "between 1991-2014" in unverdi.title
    rand = by_id["rand2020russia"]
    assert rand.type == "report" and rand.authors == [{"literal": "RAND"}] and rand.year == 2020
    assert "Covers Moldova" in rand.csl["note"] and "Covers" not in rand.title
    assert by_id["goldgeier2020evaluating"].authors[1]["family"] == "Itzkowitz Shifrinson"


def test_loads_is_a_format_reader():
    library, report = loads(SEED.read_text(encoding="utf-8"), source="seed.txt")
    assert len(library) == 27 and library.format == "text"
    assert report.summary["references"] == 27
