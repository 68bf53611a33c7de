"""The record model: CSL exchange, provenance, custom fields, reports."""

from __future__ import annotations

import json

from refs.model import (
    ARCHIVE_DATE,
    Library,
    Record,
    Report,
    date_year,
    fold,
    make_date,
    name_text,
)


def test_csl_round_trip_keeps_every_variable() -> None:
    item = {
        "id": "carr1999nato",
        "type": "article-journal",
        "author": [{"family": "Carr", "given": "Fergus"}, {"literal": "RAND Corporation"}],
        "title": "NATO and the Russian Federation in the new Europe",
        "container-title": "Journal of Communist Studies and Transition Politics",
        "volume": "15",
        "issue": "2",
        "page": "88-110",
        "issued": {"date-parts": [[1999]]},
    }
    record = Record.from_csl(item)
    assert record.id == "carr1999nato"
    assert record.type == "article-journal"
    assert record.year == 1999
    assert record.to_csl() == item
    # to_csl returns a copy: changing it leaves the record alone
    record.to_csl()["author"].clear()
    assert len(record.authors) == 2


def test_set_notes_provenance_and_removes_empty_values() -> None:
    record = Record("k", "book")
    record.set("publisher", "Routledge", stage="enrich", source="crossref:10.1/x", confidence=0.97)
    assert record.get("publisher") == "Routledge"
    assert record.provenance["publisher"].source == "crossref:10.1/x"
    record.set("publisher", "")
    assert "publisher" not in record


def test_custom_fields() -> None:
    record = Record("k")
    record.set_custom(ARCHIVE_DATE, "2022-10-04", stage="parse")
    assert record.custom(ARCHIVE_DATE) == "2022-10-04"
    assert record.to_csl()["custom"] == {ARCHIVE_DATE: "2022-10-04"}
    record.set_custom(ARCHIVE_DATE, None)
    assert "custom" not in record.csl


def test_dates_and_names() -> None:
    assert date_year({"date-parts": [[2002, 5]]}) == 2002
    assert date_year({"raw": "May 2010"}) == 2010
    assert date_year({"literal": "n.d."}) is None
    assert date_year(None) is None
    assert make_date(2015, 3) == {"date-parts": [[2015, 3]]}
    assert make_date(None) is None
    assert name_text({"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}) == \
        "Ludwig van Beethoven"
    assert name_text({"literal": "Congressional Research Service"}) == "Congressional Research Service"
    assert fold("Lukáš Holas, Łukasz") == "lukas holas lukasz"


def test_report_is_json_and_merges() -> None:
    a = Report("read", summary={"records": 2})
    a.problem("missing comma", file="x.bib", line=3)
    b = Report("read", summary={"records": 1}, skipped=1)
    a.merge(b)
    assert a.summary["records"] == 3
    assert a.skipped == 1
    assert str(a.errors[0]) == "x.bib:3: error: missing comma"
    json.dumps(a.to_dict())


def test_library_lookup() -> None:
    lib = Library([Record("a"), Record("b")])
    assert len(lib) == 2
    assert set(lib.by_id()) == {"a", "b"}
