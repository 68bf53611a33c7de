"""Citation keys: readable, stable, unique."""

from __future__ import annotations

from refs.keys import assign_keys, base_key
from refs.model import Record


def _rec(family: str | None, year: int | None, title: str, literal: str | None = None) -> Record:
    csl: dict = {"title": title}
    if family:
        csl["author"] = [{"family": family, "given": "X"}]
    if literal:
        csl["author"] = [{"literal": literal}]
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    return Record("", "book", csl)


def test_key_shape() -> None:
    assert base_key(_rec("Asmus", 2002, "Opening NATO's Door")) == "asmus2002opening"
    assert base_key(_rec("Holas", 2018, "The SWOT analysis")) == "holas2018swot"
    assert base_key(_rec("Šimić", 2020, "Über die Grenzen")) == "simic2020uber"
    assert base_key(_rec(None, 2020, "Russia's Hostile Measures", literal="RAND Corporation")) == \
        "rand2020russia"
    assert base_key(_rec(None, None, "")) == "ref"


def test_keys_are_unique_and_stable() -> None:
    recs = [_rec("Tsygankov", 2018, "The sources"), _rec("Tsygankov", 2018, "The sources"),
            _rec("Tsygankov", 2018, "The sources")]
    assign_keys(recs)
    assert [r.id for r in recs] == ["tsygankov2018sources", "tsygankov2018sourcesa",
                                    "tsygankov2018sourcesb"]
    again = [_rec("Tsygankov", 2018, "The sources") for _ in range(3)]
    assign_keys(again)
    assert [r.id for r in again] == [r.id for r in recs]


def test_existing_keys_are_kept_and_avoided() -> None:
    kept = _rec("Marten", 2020, "NATO enlargement")
    kept.id = "marten2020nato"
    new = _rec("Marten", 2020, "NATO enlargement")
    assign_keys([kept, new])
    assert kept.id == "marten2020nato"
    assert new.id == "marten2020natoa"


def test_many_equal_keys_in_linear_time() -> None:
    # 20,000 copies of one reference: each key is found without trying all the ones before
    recs = [_rec("Tsygankov", 2018, "The sources") for _ in range(20_000)]
    taken = {"tsygankov2018sourcesb"}
    assign_keys(recs, taken=taken)
    ids = [r.id for r in recs]
    assert len(set(ids)) == len(ids) and "tsygankov2018sourcesb" not in ids
    assert ids[:3] == ["tsygankov2018sources", "tsygankov2018sourcesa", "tsygankov2018sourcesc"]
