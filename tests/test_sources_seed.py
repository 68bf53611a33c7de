"""The seed article in every source form: the same 27 references as the golden parse of
its text (tests/data/parse/nato_expected.json), plus what the links add: the 14
"online"/"excerpt" links on the right records (a doi.org link as the DOI) and the
Wayback Machine copy on the CASIS entry."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from refs import io
from refs.model import ARCHIVE_DATE, ARCHIVE_URL

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "sources"
sys.path.insert(0, str(DATA))

import seed_entries  # noqa: E402

GOLDEN = json.loads((ROOT / "tests" / "data" / "parse" / "nato_expected.json").read_text(encoding="utf-8"))
FORMS = ["nato.html", "nato.wiki", "nato.pdf", "nato.docx"]


@pytest.fixture(scope="module", params=FORMS)
def records(request):
    library, report = io.read(DATA / request.param)
    assert not report.errors, report.errors
    assert library.format == Path(request.param).suffix.lstrip(".").replace("wiki", "wikitext")
    return library.records


def test_the_27_references_in_order(records):
    assert [r.id for r in records] == [g["id"] for g in GOLDEN]


def test_every_field_as_in_the_golden_parse(records):
    for rec, gold in zip(records, GOLDEN, strict=True):
        item = rec.to_csl()
        for key, value in gold.items():
            if key == "_line":
                continue
            got = item.get(key)
            if key == "custom":
                got = {k: v for k, v in (got or {}).items() if k in value}
            if key == "page":  # a template's page range keeps its en dash (round trips)
                got = got.replace("–", "-")
            assert got == value, (gold["id"], key)


def test_links_on_the_right_records(records):
    by_id = {r.id: r for r in records}
    for rid, url in seed_entries.LINKED_IDS.items():
        rec = by_id[rid]
        if "doi.org/" in url:
            assert rec.csl.get("DOI") == url.split("doi.org/", 1)[1]
        else:
            assert rec.csl.get("URL") == url, rid
    linked = {r.id for r in records if r.csl.get("URL")}
    assert linked == {rid for rid, url in seed_entries.LINKED_IDS.items() if "doi.org" not in url}


def test_the_archive_copy_is_kept(records):
    casis = {r.id: r for r in records}[seed_entries.ARCHIVED_ID]
    assert casis.custom(ARCHIVE_URL) == seed_entries.ARCHIVE
    assert casis.custom(ARCHIVE_DATE) == "2022-10-04"
    assert casis.csl["URL"] == seed_entries.LINKS[-1]


def test_records_say_where_they_came_from(records):
    fmt = records[0].origin.format
    assert all(r.origin.format == fmt for r in records)
    if fmt in ("html", "docx"):
        assert records[0].origin.where == "footnote 1"
    if fmt == "html":
        assert records[-1].origin.where == "section Περαιτέρω ανάγνωση"
    if fmt == "pdf":
        assert records[0].origin.where == "page 1" and records[-1].origin.where == "page 2"
    if fmt == "wikitext":
        assert records[0].origin.line is not None and records[0].origin.text.startswith("{{cite book")


def test_fixtures_match_the_seed():
    """The fixtures' entries, markup stripped, are the seed's lines (so the golden applies)."""
    import make_fixtures

    make_fixtures.check()
