"""Which links a record carries: URL, DOI, \\url{} in howpublished/note, bare URLs."""

from __future__ import annotations

from refs.links.extract import clean_url, doi_url, extract, links_of, urls_in_text
from refs.model import BibtexSource, Record


def test_url_and_doi_links_in_order():
    rec = Record(id="a", csl={"URL": " https://example.org/page ", "DOI": "10.1000/XYZ(1)"})
    links = links_of(rec)
    assert [(lk.url, lk.field) for lk in links] == [
        ("https://example.org/page", "URL"),
        ("https://doi.org/10.1000/XYZ(1)", "DOI"),
    ]
    assert all(lk.record_id == "a" for lk in links)


def test_doi_prefixes_are_dropped_and_odd_characters_quoted():
    assert doi_url("doi:10.1000/abc") == "https://doi.org/10.1000/abc"
    assert doi_url("https://dx.doi.org/10.1000/abc") == "https://doi.org/10.1000/abc"
    assert doi_url("10.1002/(SICI)1097-4571<3.0.CO;2-#") == \
        "https://doi.org/10.1002/(SICI)1097-4571%3C3.0.CO;2-%23"


def test_url_commands_in_bibtex_howpublished_and_note():
    rec = Record(id="b", bibtex=BibtexSource("misc", "b", fields=[
        ("title", "{A page}"),
        ("howpublished", r"{\url{http://example.org/a\_b}}"),
        ("note", r"{See \href{https://example.org/c}{here}, accessed 2020}"),
    ]))
    assert [(lk.url, lk.field) for lk in links_of(rec)] == [
        ("http://example.org/a_b", "howpublished"),
        ("https://example.org/c", "note"),
    ]


def test_csl_note_bare_urls_and_trailing_punctuation():
    rec = Record(id="c", csl={"note": "Online at https://example.org/x_(y). Also (http://example.net/z)."})
    assert [lk.url for lk in links_of(rec)] == ["https://example.org/x_(y)", "http://example.net/z"]


def test_same_url_in_two_fields_is_checked_once():
    rec = Record(id="d", csl={"URL": "https://example.org/p", "note": r"\url{https://example.org/p}"})
    assert len(links_of(rec)) == 1


def test_other_schemes_are_links_but_not_checkable():
    rec = Record(id="e", csl={"URL": "ftp://ftp.example.org/file.pdf"})
    (link,) = links_of(rec)
    assert link.scheme == "ftp" and not link.checkable
    assert Record(id="f", csl={"URL": "https://x.org"}).get("URL")
    assert links_of(Record(id="f", csl={"URL": "https://x.org"}))[0].checkable


def test_url_field_with_latex_markup_and_isbn_ignored():
    rec = Record(id="g", csl={"URL": r"\url{https://example.org/a\%20b}", "ISBN": "978-3-16-148410-0"})
    assert [lk.url for lk in links_of(rec)] == ["https://example.org/a%20b"]


def test_extract_over_records_and_helpers():
    recs = [Record(id="1", csl={"URL": "https://a.org"}), Record(id="2"),
            Record(id="3", csl={"DOI": "10.5/x"})]
    assert [(lk.record_id, lk.field) for lk in extract(recs)] == [("1", "URL"), ("3", "DOI")]
    assert clean_url(" <https://a.org/x y> ") == "https://a.org/xy"
    assert urls_in_text("no links here, just 10.5/x") == []


def test_escaped_underscores_from_a_bibtex_reader_are_one_link():
    # a reader may copy \url{...} content verbatim into URL, escapes and all
    rec = Record(id="h", csl={"URL": r"http://example.org/x\_y", "note": r"see http://example.org/a\_b."},
                 bibtex=BibtexSource("misc", "h", fields=[("howpublished", r"{\url{http://example.org/x\_y}}")]))
    assert [(lk.url, lk.field) for lk in links_of(rec)] == [
        ("http://example.org/x_y", "URL"), ("http://example.org/a_b", "note")]
