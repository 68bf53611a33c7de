"""RIS reader and writer: tags, types, names, dates, malformed input, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.io import csljson, ris
from refs.model import Library, Record

DATA = Path(__file__).parent / "data" / "formats"


def load(text: str) -> tuple[Library, list[str], int]:
    library, report = ris.loads(text, "in.ris")
    return library, [str(p) for p in report.problems], report.skipped


@pytest.fixture(scope="module")
def endnote() -> Library:
    library, report = ris.loads((DATA / "endnote.ris").read_text("utf-8"), "endnote.ris")
    assert report.problems == []
    return library


def test_journal_article_fields(endnote: Library) -> None:
    art = endnote.records[0]
    assert art.type == "article-journal" and art.id == "arbatov1995nato"
    assert art.authors == [{"family": "Arbatov", "given": "Alexei G."}]
    assert art.title == "NATO expansion: a Russian view"  # T1
    assert art.csl["container-title"] == "Foreign Affairs"  # JF
    assert art.csl["container-title-short"] == "Foreign Aff."  # JA
    assert (art.csl["volume"], art.csl["issue"], art.csl["page"]) == ("74", "1", "7-12")
    assert art.csl["issued"] == {"date-parts": [[1995, 1, 1]]}  # DA beats PY
    assert art.csl["ISSN"] == "0015-7120" and art.csl["DOI"] == "10.2307/20047023"
    assert art.csl["abstract"] == ("The first paragraph of an abstract\nthat continues on a second line."
                                   "\n\nA second paragraph.")
    assert art.csl["keyword"] == "NATO, Russia"
    assert art.csl["note"] == "Accession Number: 123"
    assert art.custom("ris") == {"tags": [["C1", "custom field one"], ["LB", "arbatov-label"]]}
    assert art.origin.line == 1 and art.origin.file == "endnote.ris"


def test_types_names_and_series(endnote: Library) -> None:
    book, chap, thesis, web, abst = endnote.records[1:]
    assert book.type == "book" and book.csl["ISBN"] == "978-0-231-12777-1"
    assert book.csl["collection-title"] == "A Council on Foreign Relations book"  # T2 of a BOOK
    assert "container-title" not in book.csl
    assert chap.type == "chapter" and chap.csl["container-title"] == "Russia and the West"
    assert chap.authors == [{"non-dropping-particle": "van den", "family": "Berg", "given": "Jan"},
                            {"family": "Smith", "given": "John", "suffix": "Jr."}]
    assert chap.editors == [{"family": "Κωνσταντίνου", "given": "Μαρία"}]
    assert thesis.type == "thesis" and thesis.csl["genre"] == "PhD thesis"
    assert thesis.csl["issued"] == {"date-parts": [[2015, 6, 30]]}
    assert web.type == "webpage" and web.authors == [{"literal": "North Atlantic Treaty Organization"}]
    assert web.csl["accessed"] == {"date-parts": [[2024, 3, 5]]}
    # ABST has no CSL type of its own: the RIS type and the date's extra text are kept
    assert abst.type == "article-journal"
    assert abst.custom("ris") == {"type": "ABST", "tags": [["PY", "2001///Spring meeting"]]}
    assert abst.csl["issued"] == {"date-parts": [[2001]]}


def test_ris_round_trip_keeps_every_value(endnote: Library) -> None:
    text = ris.dumps(endnote)
    assert "\r\n" in text and text.count("TY  - ") == len(endnote) == 6
    again, report = ris.loads(text, "out.ris")
    assert report.problems == []
    for a, b in zip(endnote.records, again.records, strict=True):
        assert (a.id, a.type, a.csl) == (b.id, b.type, b.csl)
    assert ris.dumps(again) == text
    assert "TY  - ABST\r\n" in text and "C1  - custom field one" in text and "LB  - arbatov-label" in text
    assert "AU  - van den Berg, Jan\r\n" in text and "AU  - Smith, John, Jr.\r\n" in text
    assert "AB  - The first paragraph of an abstract\r\nthat continues" in text


def test_lf_only_and_plain_newline_option() -> None:
    lib, problems, _ = load("TY  - JOUR\nTI  - Alpha\nER  - \n")
    assert problems == [] and lib.records[0].title == "Alpha"
    assert ris.dumps(lib, newline="\n") == "TY  - JOUR\nID  - alpha\nTI  - Alpha\nER  - \n"


def test_malformed_lines_are_reported_with_line_numbers() -> None:
    text = ("Exported from somewhere\n"        # 1 free text before any record: warning
            "TY  - JOUR\n"                      # 2
            "AU- Smith, John\n"                 # 3 bad spacing: read, warned
            "TI  - Good one\n"                  # 4
            "ER  - \n"                          # 5
            "AU  - Lost, Author\n"              # 6 tag outside a record: skipped
            "TI  - Lost title\n"                # 7
            "ER  - \n"                          # 8 ER without a record
            "TY  - NEWTYPE\n"                   # 9 unknown type
            "TI  - No end\n"                    # 10
            "TY  - BOOK\n"                      # 11 (previous record had no ER)
            "TI  - Last\n")                     # 12 no ER at the end
    lib, problems, skipped = load(text)
    assert [r.title for r in lib] == ["Good one", "No end", "Last"]
    assert lib.records[0].authors == [{"family": "Smith", "given": "John"}]
    assert lib.records[1].type == "document" and lib.records[1].custom("ris") == {"type": "NEWTYPE"}
    assert skipped == 1
    assert problems == [
        "in.ris:1: warning: text outside a record ignored",
        "in.ris:3: warning: malformed tag line 'AU- Smith, John' (expected 'TG  - value'); read as AU",
        "in.ris:6: error: lines 6-8: tags outside a record (no 'TY  - ' line before them); skipped",
        "in.ris:9: warning: record has no 'ER  - ' line; ended at the next 'TY'",
        "in.ris:9: warning: unknown RIS type 'NEWTYPE'; read as a generic document",
        "in.ris:11: warning: record has no 'ER  - ' line at the end of the file",
    ]


def test_empty_input() -> None:
    lib, problems, skipped = load("\ufeff\r\n  \r\n")
    assert len(lib) == 0 and skipped == 0 and "empty" in problems[0]


def test_ids_keys_and_duplicates() -> None:
    lib, problems, _ = load("TY  - GEN\nID  - k1\nTI  - A\nER  - \nTY  - GEN\nID  - k1\nTI  - B\nER  - \n"
                            "TY  - GEN\nAU  - Kennan, George F.\nTI  - The Sources of Soviet Conduct\n"
                            "PY  - 1947\nER  - \n")
    assert [r.id for r in lib] == ["k1", "k1-2", "kennan1947sources"]  # issue 16: unique ids
    assert problems == ["in.ris:5: warning: duplicate id 'k1' (first at line 1): this record renamed 'k1-2'"]


@pytest.mark.parametrize(("value", "parts"), [
    ("2002", [2002]), ("2002/05/01/", [2002, 5, 1]), ("2002/05//", [2002, 5]), ("2002///", [2002]),
    ("2002-05-01", [2002, 5, 1]), ("1983/84", [1983]), ("-380", [-380]), ("Spring", None),
])
def test_parse_ris_date(value: str, parts: list[int] | None) -> None:
    assert ris.parse_ris_date(value) == parts


def test_dates_refs_cannot_split_stay_literal() -> None:
    lib, _, _ = load("TY  - BOOK\nTI  - X\nPY  - 1983\nDA  - 1983/84\nER  - \n")
    assert lib.records[0].csl["issued"] == {"literal": "1983/84"}
    assert "PY  - 1983\r\nDA  - 1983/84\r\n" in ris.dumps(lib)


@pytest.mark.parametrize(("text", "name"), [
    ("Smith, John", {"family": "Smith", "given": "John"}),
    ("Smith, John, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("de la Fontaine, Jean", {"non-dropping-particle": "de la", "family": "Fontaine", "given": "Jean"}),
    ("Beethoven, Ludwig van", {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}),
    ("Müller-Lüdenscheidt, Hans-Peter", {"family": "Müller-Lüdenscheidt", "given": "Hans-Peter"}),
    ("RAND Corporation", {"literal": "RAND Corporation"}),
    ("Plato", {"literal": "Plato"}),
])
def test_names(text: str, name: dict[str, str]) -> None:
    assert ris.parse_name(text) == name
    assert ris.format_name(name) == text


@pytest.mark.parametrize(("text", "name"), [
    ("J. R. Smith", {"family": "Smith", "given": "J. R."}),  # IEEE Xplore writes authors so
    ("A.-M. van der Berg", {"non-dropping-particle": "van der", "family": "Berg", "given": "A.-M."}),
    ("U.S. Army", {"literal": "U.S. Army"}),
    ("John Smith", {"literal": "John Smith"}),  # as Zotero's importer: kept whole
])
def test_names_without_a_comma(text: str, name: dict[str, str]) -> None:
    assert ris.parse_name(text) == name


def test_exporter_quirks() -> None:
    """IEEE Xplore's VO and initials-first names, EndNote's DOI in M3, several authors on
    one AU line (some web exports), Google Scholar's A1/JO/Y1."""
    lib, problems, _ = load("TY  - JOUR\nAU  - J. R. Smith\nAU  - Doe, J.; Roe, R.\nTI  - T\n"
                            "VO  - 12\nM3  - doi:10.1000/ABC\nER  - \n"
                            "TY  - JOUR\nA1  - Kennan, George\nT1  - X\nJO  - Foreign Affairs\n"
                            "Y1  - 1947///\nER  - \n")
    a, b = lib.records
    assert problems == []
    assert a.authors == [{"family": "Smith", "given": "J. R."}, {"family": "Doe", "given": "J."},
                         {"family": "Roe", "given": "R."}]
    assert a.csl["volume"] == "12" and a.csl["DOI"] == "10.1000/ABC" and "genre" not in a.csl
    assert b.authors == [{"family": "Kennan", "given": "George"}]
    assert b.csl["container-title"] == "Foreign Affairs" and b.csl["issued"] == {"date-parts": [[1947]]}


def test_type_maps_are_inverse_for_written_types() -> None:
    for csl_type, ty in ris.CSL_TO_RIS.items():
        back = ris.RIS_TO_CSL[ty]
        if ty in ("GEN", "JOUR", "MPCT", "PCOMM", "ELEC"):  # shared by several CSL types
            continue
        assert back == csl_type, (csl_type, ty, back)
    rec = Record(id="p", type="post", csl={"title": "A forum post"})
    assert ris.record_lines(rec)[0] == ("TY", "ELEC")


def test_csl_only_records_and_pages() -> None:
    rec = Record(id="x", type="chapter", csl={
        "title": "Ch", "container-title": "Book", "page": "101–120", "ISBN": "978-1-1, 978-2-2",
        "issued": {"date-parts": [[2010, 3]]}, "accessed": {"date-parts": [[2024, 1, 2]]},
        "URL": "http://a.org/x http://b.org/y", "keyword": "a, b; c",
        "collection-title": "Series", "translator": [{"family": "T", "given": "U"}]})
    lines = ris.record_lines(rec)
    assert ("SP", "101") in lines and ("EP", "120") in lines
    assert ("PY", "2010") in lines and ("DA", "2010/03") in lines and ("Y2", "2024/01/02") in lines
    assert [v for t, v in lines if t == "SN"] == ["978-1-1", "978-2-2"]
    assert [v for t, v in lines if t == "UR"] == ["http://a.org/x", "http://b.org/y"]
    assert [v for t, v in lines if t == "KW"] == ["a", "b", "c"]
    assert ("T2", "Book") in lines and ("T3", "Series") in lines and ("A4", "T, U") in lines
    back = ris.loads(ris.dumps([rec]))[0].records[0]
    assert back.csl["page"] == "101-120" and back.csl["container-title"] == "Book"
    assert back.csl["collection-title"] == "Series" and back.csl["URL"] == "http://a.org/x"
    assert back.custom("ris") == {"tags": [["UR", "http://b.org/y"]]}


def test_ris_to_csljson_to_ris(endnote: Library) -> None:
    via_json, report = csljson.loads(csljson.dumps(endnote), "x.json")
    assert report.errors == []
    assert ris.dumps(via_json) == ris.dumps(endnote)
