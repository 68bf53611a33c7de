"""CSL → Zotero item mapping: types, base-field aliases, creators, and nothing lost."""

from __future__ import annotations

import pytest

from refs.model import CSL_TYPES, Record
from refs.zotero import mapping


def rec(type_: str, **csl) -> Record:
    return Record.from_csl({"id": "k", "type": type_, **csl})


@pytest.mark.parametrize("csl_type", CSL_TYPES)
def test_every_csl_type_maps_to_a_valid_item(csl_type):
    r = rec(csl_type, title="T", author=[{"family": "F", "given": "G"}],
            editor=[{"family": "E"}], **{"container-title": "C", "publisher": "P", "page": "1-2",
                                         "volume": "3", "number": "4", "genre": "G",
                                         "issued": {"date-parts": [[2001, 2, 3]]}, "URL": "http://x"})
    item, _ = mapping.to_zotero(r)
    assert mapping.validate(item) == []
    # the title always lands in the type's title field (caseName, subject, nameOfAct ...)
    title_field = mapping.resolve_field(item["itemType"], "title")
    assert item[title_field] == "T"
    # whatever had no field is kept in extra
    placed = set(item) - {"itemType", "creators", "extra"}
    for var in ("container-title", "publisher", "page", "volume"):
        if not any(mapping.resolve_field(item["itemType"], b) for b in mapping.CSL_TEXT[var]):
            assert f"{var}: " in item["extra"], (csl_type, var)
    assert placed


def test_base_fields_resolve_per_type():
    assert mapping.resolve_field("bookSection", "publicationTitle") == "bookTitle"
    assert mapping.resolve_field("report", "publisher") == "institution"
    assert mapping.resolve_field("thesis", "publisher") == "university"
    assert mapping.resolve_field("case", "title") == "caseName"
    assert mapping.resolve_field("webpage", "publicationTitle") == "websiteTitle"
    assert mapping.resolve_field("book", "publicationTitle") is None


def test_report_and_thesis_fields():
    item, _ = mapping.to_zotero(rec("report", title="R", publisher="RAND", number="MR-1",
                                    genre="Technical report", **{"publisher-place": "Santa Monica"}))
    assert item["itemType"] == "report"
    assert item["institution"] == "RAND" and item["reportNumber"] == "MR-1"
    assert item["reportType"] == "Technical report" and item["place"] == "Santa Monica"
    item, _ = mapping.to_zotero(rec("thesis", title="T", publisher="MIT", genre="PhD thesis"))
    assert item["university"] == "MIT" and item["thesisType"] == "PhD thesis"


def test_creators_and_particles():
    r = rec("chapter", title="T",
            author=[{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
                    {"literal": "North Atlantic Treaty Organization"}],
            editor=[{"family": "Smith", "given": "J.", "suffix": "Jr."}],
            **{"container-author": [{"family": "Book", "given": "A."}],
               "illustrator": [{"family": "Draw", "given": "I."}]})
    item, _ = mapping.to_zotero(r)
    creators = item["creators"]
    assert creators[0] == {"creatorType": "author", "firstName": "Vincent", "lastName": "van Gogh"}
    assert creators[1] == {"creatorType": "author", "name": "North Atlantic Treaty Organization"}
    assert {"creatorType": "editor", "firstName": "J., Jr.", "lastName": "Smith"} in creators
    assert {"creatorType": "bookAuthor", "firstName": "A.", "lastName": "Book"} in creators
    assert {"creatorType": "contributor", "firstName": "I.", "lastName": "Draw"} in creators
    assert "illustrator: I. Draw" in item["extra"]
    assert mapping.validate(item) == []


def test_author_becomes_the_primary_creator_type():
    item, _ = mapping.to_zotero(rec("motion_picture", title="F", author=[{"family": "D"}],
                                    editor=[{"family": "E"}]))
    assert item["itemType"] == "film"
    assert item["creators"][0]["creatorType"] == "director"
    assert item["creators"][1]["creatorType"] == "contributor"  # films have no editors


def test_dates_tags_notes_extra_and_archive_fields():
    r = rec("webpage", title="W", URL="http://w", keyword="NATO, Russia ,",
            accessed={"date-parts": [[2024, 3, 9]]}, issued={"date-parts": [[2001, 5]]},
            annote="my note", note="Original note", language="el",
            **{"original-date": {"date-parts": [[1999]]},
               "custom": {"archive-url": "https://web.archive.org/x", "archive-date": "2020-01-02",
                          "url-status": "dead"}})
    item, notes = mapping.to_zotero(r, collections=["ABC"])
    assert item["accessDate"] == "2024-03-09" and item["date"] == "2001-05"
    assert item["tags"] == [{"tag": "NATO"}, {"tag": "Russia"}]
    assert notes == ["my note"]
    assert item["collections"] == ["ABC"]
    extra = item["extra"].splitlines()
    assert extra[0] == "Original note"
    assert "Citation Key: k" in extra and "original-date: 1999" in extra
    assert "archive-url: https://web.archive.org/x" in extra and "url-status: dead" in extra
    assert item["language"] == "el"


def test_partial_access_date_goes_to_extra():
    item, _ = mapping.to_zotero(rec("webpage", title="W", accessed={"date-parts": [[2024, 3]]}))
    assert "accessDate" not in item and "accessed: 2024-03" in item["extra"]


def test_note_item_is_html_child():
    note = mapping.note_item("a < b\n\nsecond", "PARENT")
    assert note["parentItem"] == "PARENT" and note["itemType"] == "note"
    assert note["note"] == "<p>a &lt; b</p><p>second</p>"


def test_validate_catches_bad_fields():
    assert mapping.validate({"itemType": "book", "bookTitle": "x"}) == [
        "'bookTitle' is not a valid field for type 'book'"]
    assert mapping.validate({"itemType": "nope"})
    assert mapping.validate({"itemType": "book", "creators": [{"creatorType": "director"}]})
