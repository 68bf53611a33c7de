"""Merging a group: most complete values, united identifiers, conflicts reported,
old keys kept, nothing lost; and the report's shape."""

from __future__ import annotations

import json
from typing import Any

from refs.dedup import dedup
from refs.dedup.merge import merge_group
from refs.model import Record


def rec(rid: str, rtype: str = "article-journal", **csl: Any) -> Record:
    return Record(id=rid, type=rtype, csl={k.replace("_", "-"): v for k, v in csl.items()})


def _asmus_pair() -> list[Record]:
    a = rec(
        "asmus1993building",
        author=[{"family": "Asmus", "given": "Ronald D."}, {"family": "Kugler", "given": "Richard L."}],
        title="Building a new NATO",
        container_title="Foreign Affairs",
        page="28-40",
        issued={"date-parts": [[1993]]},
        URL="https://www.jstor.org/stable/20045712",
    )
    b = rec(
        "asmus1993new",
        author=[{"family": "Asmus", "given": "R. D."}, {"family": "Kugler", "given": "R. L."}],
        title="Building a New NATO",
        container_title="Foreign Aff.",
        volume="72",
        issue="4",
        issued={"date-parts": [[1993, 9]]},
        DOI="10.2307/20045712",
        URL="https://doi.org/10.2307/20045712",
    )
    return [a, b]


def test_most_complete_value_per_field_and_identifiers_united() -> None:
    merged, conflicts, _ = merge_group(_asmus_pair())
    assert merged.id == "asmus1993new"  # has the DOI, volume and issue: the most complete
    assert merged.csl["container-title"] == "Foreign Affairs"  # unabbreviated wins
    assert merged.csl["author"][0]["given"] == "Ronald D."  # full given name wins over initials
    assert merged.csl["page"] == "28-40"
    assert merged.csl["volume"] == "72"
    assert merged.csl["issued"] == {"date-parts": [[1993, 9]]}  # the more precise date
    assert merged.csl["DOI"] == "10.2307/20045712"
    assert merged.csl["URL"] == "https://doi.org/10.2307/20045712"
    assert merged.csl["custom"]["alternate-urls"] == ["https://www.jstor.org/stable/20045712"]
    assert merged.aliases == ["asmus1993building"]
    assert merged.provenance["page"].stage == "dedup"
    assert "asmus1993building" in merged.provenance["page"].source
    assert conflicts == []


def test_isbns_are_united() -> None:
    a = rec("a", "book", title="Opening NATO's Door", ISBN="0-231-12776-4")
    b = rec("b", "book", title="Opening NATO's Door", ISBN="978-0-231-12777-9 0231127766")
    merged, _, _ = merge_group([a, b])
    assert set(merged.csl["ISBN"].split()) == {"0-231-12776-4", "978-0-231-12777-9"}


def test_conflicting_values_are_reported_not_guessed() -> None:
    a = rec(
        "azmus",
        "book",
        author=[{"family": "Azmus", "given": "Ronald D."}],
        title="Opening NATO's Door",
        publisher="Columbia UP",
        page="210",
        issued={"date-parts": [[2002]]},
    )
    b = rec(
        "asmus",
        "book",
        author=[{"family": "Asmus", "given": "Ronald"}],
        title="Opening NATO's Door: How the Alliance Remade Itself for a New Era",
        publisher="Columbia University Press",
        publisher_place="New York",
        issued={"date-parts": [[2002]]},
    )
    merged, conflicts, notes = merge_group([a, b])
    assert merged.id == "asmus"
    assert merged.csl["author"][0]["family"] == "Asmus"
    fields = {c["field"]: c for c in conflicts}
    assert fields["author"]["values"]["azmus"][0]["family"] == "Azmus"
    assert "publisher" in fields  # "Columbia UP" vs "Columbia University Press": not guessed
    assert merged.csl["publisher"] == "Columbia University Press"
    assert "page" not in merged.csl  # p. 210 is a pinpoint of one citation, not the book's
    assert any("pinpoint page 210" in n for n in notes)


def test_old_keys_kept_as_aliases_and_written_as_biblatex_ids() -> None:
    out, report = dedup(_asmus_pair())
    assert len(out) == 1
    assert out[0].aliases == ["asmus1993building"]
    from refs.io import bibtex
    from refs.model import Library

    text = bibtex.dumps(Library(records=out))
    assert "ids = {asmus1993building}" in text


def test_nothing_lost_every_input_id_is_output_or_in_a_group() -> None:
    records = _asmus_pair() + [rec("other", title="Something else entirely", issued={"date-parts": [[2001]]})]
    out, report = dedup(records)
    out_ids = {r.id for r in out}
    grouped = {i for g in report.summary["groups"] for i in g}
    assert {r.id for r in records} <= out_ids | grouped
    assert [r.id for r in out] == ["asmus1993new", "other"]  # merged record takes the group's first place


def test_report_shape() -> None:
    records = _asmus_pair() + [rec("other", title="Something else entirely")]
    out, report = dedup(records)
    assert report.stage == "dedup"
    assert report.summary["groups"] == [["asmus1993new", "asmus1993building"]]
    assert report.summary["key_map"] == {"asmus1993building": "asmus1993new"}
    assert report.summary["records_in"] == 3 and report.summary["records_out"] == 2
    merged = [i for i in report.items if i["action"] == "merged"]
    assert merged[0]["kept"] == "asmus1993new"
    assert "same title" in merged[0]["reasons"]["asmus1993building"]
    json.dumps(report.to_dict())  # JSON-serialisable


def test_input_records_are_not_modified() -> None:
    records = _asmus_pair()
    before = [r.to_dict() for r in records]
    dedup(records)
    assert [r.to_dict() for r in records] == before


def test_duplicate_input_ids_are_warned_about() -> None:
    a, b = _asmus_pair()
    b.id = a.id
    _, report = dedup([a, b])
    assert any("used by 2 records" in p.message for p in report.problems)
