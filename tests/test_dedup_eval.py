"""The hand-written evaluation set (tests/data/dedup_eval): no look-alike trap is ever
merged, and recall stays near what bench/bench_dedup_eval.py measures; plus one test
per rule that the set showed missing, on records written here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from refs.dedup import dedup
from refs.model import Record

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_dedup_eval", ROOT / "bench" / "bench_dedup_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    bench = _bench()
    return {name: bench.evaluate(name, *rest) for name, *rest in bench.load_all()}


def test_eval_set_is_big_enough() -> None:
    bench = _bench()
    _, gold, _ = bench.load_text()
    traps = sum(1 for line in (bench.DATA / "references.jsonl").read_text().splitlines() if '"trap"' in line)
    assert len(set(gold.values())) >= 60 and traps >= 40


def test_no_false_merges_in_reference_strings(results: dict[str, dict[str, Any]]) -> None:
    r = results["reference strings"]
    assert r["false_detail"] == []


def test_no_false_merges_in_csl_records(results: dict[str, dict[str, Any]]) -> None:
    r = results["CSL-JSON records"]
    assert r["false_detail"] == []
    assert r["P"] == 1.0


def test_no_false_merges_across_both_files(results: dict[str, dict[str, Any]]) -> None:
    assert results["both, one list"]["false"] == []


def test_recall_floors(results: dict[str, dict[str, Any]]) -> None:
    # measured 0.984 (strings; the two misses are references the parser misreads) and
    # 1.000 (CSL records); the floors leave room for changes in the parser
    assert results["reference strings"]["R"] >= 0.93
    assert results["CSL-JSON records"]["R"] >= 0.95


# -- the rules the evaluation set showed missing -------------------------------------------


def _rec(rid: str, type_: str = "article-journal", **csl: Any) -> Record:
    names = csl.pop("authors", "")
    data: dict[str, Any] = {k.replace("_", "-"): v for k, v in csl.items()}
    if names:
        data["author"] = [
            {"family": f.strip(), "given": g.strip()} for f, g in (n.split(",") for n in names.split(";"))
        ]
    if "year" in data:
        data["issued"] = {"date-parts": [[data.pop("year")]]}
    return Record(id=rid, type=type_, csl=data)


def _groups(*records: Record) -> list[list[str]]:
    _, report = dedup(list(records))
    return report.summary["groups"]


def test_editorials_in_consecutive_volumes_are_not_merged() -> None:
    a = _rec(
        "a",
        title="Editorial",
        authors="Mora, Ines",
        year=2015,
        container_title="Hydrology Letters",
        volume="12",
        page="1-2",
    )
    b = _rec(
        "b",
        title="Editorial",
        authors="Mora, Ines",
        year=2016,
        container_title="Hydrology Letters",
        volume="13",
        page="1-3",
    )
    assert _groups(a, b) == []


def test_introductions_to_different_books_are_not_merged() -> None:
    a = _rec(
        "a",
        "chapter",
        title="Introduction",
        authors="Dube, Sipho",
        year=2012,
        container_title="Water and Power",
        page="1-10",
    )
    b = _rec(
        "b",
        "chapter",
        title="Introduction",
        authors="Dube, Sipho",
        year=2012,
        container_title="Rivers of the South",
        page="1-12",
    )
    assert _groups(a, b) == []


def test_titles_differing_in_a_contrasting_word_are_not_merged() -> None:
    a = _rec(
        "a",
        title="Groundwater recharge in northern Ghana",
        authors="Asante, Kofi",
        year=2014,
        container_title="Hydrogeology Journal",
        volume="22",
        page="100-112",
    )
    b = _rec(
        "b",
        title="Groundwater recharge in southern Ghana",
        authors="Asante, K.",
        year=2014,
        container_title="Hydrogeology Journal",
        volume="22",
    )
    assert _groups(a, b) == []


def test_report_numbers_compared_by_their_digits() -> None:
    a = _rec(
        "a",
        "report",
        title="Trade shocks and local labour markets",
        authors="Ruiz, Ana",
        year=2017,
        publisher="National Bureau of Economic Research",
        number="w23456",
    )
    b = _rec(
        "b",
        "report",
        title="Trade Shocks and Local Labour Markets",
        authors="Ruiz, A.",
        year=2017,
        publisher="NBER",
        number="23456",
    )
    c = _rec(
        "c",
        "report",
        title="Trade shocks and local labour markets",
        authors="Ruiz, Ana",
        year=2017,
        publisher="National Bureau of Economic Research",
        number="24001",
    )
    assert [sorted(g) for g in _groups(a, b, c)] == [["a", "b"]]


def test_a_book_cited_by_its_short_title() -> None:
    a = _rec(
        "a",
        "book",
        title="The wealth and poverty of nations: Why some are so rich and some so poor",
        authors="Landes, David S.",
        year=1998,
        publisher="W. W. Norton",
    )
    b = _rec(
        "b",
        "book",
        title="The Wealth and Poverty of Nations",
        authors="Landes, D.",
        year=1998,
        publisher="Norton",
    )
    c = _rec(
        "c",
        "book",
        title="The wealth of nations revisited",
        authors="Landes, David S.",
        year=1998,
        publisher="W. W. Norton",
    )
    assert [sorted(g) for g in _groups(a, b, c)] == [["a", "b"]]


def test_short_title_needs_the_same_year() -> None:
    a = _rec(
        "a",
        "book",
        title="Poverty and famines: An essay on entitlement and deprivation",
        authors="Sen, Amartya",
        year=1981,
        publisher="Clarendon Press",
    )
    b = _rec(
        "b", "book", title="Poverty and famines", authors="Sen, A.", year=1983, publisher="Clarendon Press"
    )
    assert _groups(a, b) == []


def test_webpage_and_book_with_one_file_url_are_one_document() -> None:
    a = _rec(
        "a",
        "book",
        title="Open data in practice",
        authors="Kaur, Simran",
        year=2019,
        URL="https://example.org/reports/open-data.pdf",
    )
    b = _rec(
        "b",
        "webpage",
        title="Open data in practice",
        authors="Kaur, S.",
        year=2019,
        URL="http://www.example.org/reports/open-data.pdf",
    )
    c = _rec(
        "c",
        "webpage",
        title="Open data in practice",
        authors="Kaur, S.",
        year=2019,
        URL="https://example.org/",
    )
    groups = _groups(a, b, c)
    assert ["a", "b"] in groups or ["b", "a"] in groups
    assert not any("c" in g for g in groups)


def test_proceedings_series_cited_as_journal_and_as_chapter() -> None:
    a = _rec(
        "a",
        "chapter",
        title="Learning sparse codes for audio",
        authors="Holm, Erik; Vidal, Rosa",
        year=2011,
        container_title="Advances in Neural Information Processing Systems",
        page="801-809",
    )
    b = _rec(
        "b",
        title="Learning sparse codes for audio",
        authors="Holm, E.; Vidal, R.",
        year=2011,
        container_title="Adv Neural Inf Process Syst",
        volume="24",
        page="801-9",
    )
    assert [sorted(g) for g in _groups(a, b)] == [["a", "b"]]


def test_same_edition_corroborates_a_recurring_title() -> None:
    books = [
        _rec(
            f"e{ed}",
            "book",
            title="Economics",
            authors="Lipsey, Richard",
            year=year,
            edition=str(ed),
            publisher="Oxford University Press",
        )
        for ed, year in ((10, 2003), (11, 2007), (12, 2011))
    ]
    twin = _rec(
        "twin",
        "book",
        title="Economics",
        authors="Lipsey, R.",
        year=2007,
        edition="11th ed.",
        publisher="Oxford Univ. Press",
    )
    assert [sorted(g) for g in _groups(*books, twin)] == [["e11", "twin"]]


def test_parts_written_in_words_and_numerals() -> None:
    one = _rec(
        "one",
        title="Flood risk in the Mekong delta, part one: Hazard",
        authors="Tran, Minh",
        year=2016,
        container_title="Natural Hazards",
        volume="80",
    )
    one_b = _rec(
        "one_b",
        title="Flood risk in the Mekong delta, Part I",
        authors="Tran, M.",
        year=2016,
        container_title="Nat. Hazards",
        volume="80",
    )
    two = _rec(
        "two",
        title="Flood risk in the Mekong delta, part two: Exposure",
        authors="Tran, Minh",
        year=2016,
        container_title="Natural Hazards",
        volume="80",
    )
    assert [sorted(g) for g in _groups(one, one_b, two)] == [["one", "one_b"]]


def test_another_issue_of_the_same_volume_with_other_pages_is_another_item() -> None:
    a = _rec(
        "a",
        title="Nitrogen uptake by maize roots",
        authors="Berg, Lena",
        year=2013,
        container_title="Plant and Soil",
        volume="370",
        issue="1",
        page="1-12",
    )
    b = _rec(
        "b",
        title="Nitrogen uptake by maize roots",
        authors="Berg, L.",
        year=2013,
        container_title="Plant Soil",
        volume="370",
        issue="4",
        page="640",
    )
    c = _rec(
        "c",
        title="Nitrogen uptake by maize roots",
        authors="Berg, L.",
        year=2013,
        container_title="Plant Soil",
        volume="370",
        issue="2",
        page="1-12",
    )  # an issue typo
    assert [sorted(g) for g in _groups(a, b, c)] == [["a", "c"]]


def test_web_of_science_correction_is_not_the_article() -> None:
    a = _rec(
        "a",
        title="Nitrogen uptake by maize roots",
        authors="Berg, Lena",
        year=2013,
        container_title="Plant and Soil",
        volume="370",
        page="1-12",
    )
    b = _rec(
        "b",
        title="Nitrogen uptake by maize roots (vol 370, pg 1, 2013)",
        authors="Berg, Lena",
        year=2013,
        container_title="Plant and Soil",
        volume="370",
        page="1",
    )
    assert _groups(a, b) == []
