"""The enrich stage end to end against a local Crossref-like server."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "servers"))

from crossref_server import CrossrefServer, work  # noqa: E402

from refs import net  # noqa: E402
from refs.enrich import EnrichConfig, enrich  # noqa: E402
from refs.model import Record, make_date  # noqa: E402

WORKS = [
    work("10.5555/true.1", "Charges ride the spin wave", [("Timo", "Kuschel"), ("Günter", "Reiss")], 2014,
         container="Nature Nanotechnology", volume="10", issue="1", page="22-24",
         ISSN=["1748-3387", "1748-3395"], publisher="Springer Science and Business Media LLC",
         **{"short-container-title": ["Nature Nanotech"]}),
    work("10.5555/decoy.1", "Correction: Charges ride the spin wave", [("Timo", "Kuschel")], 2015,
         container="Nature Nanotechnology"),
    work("10.5555/true.2", "The logic of scientific discovery", [("Karl", "Popper")], 2002, type="book",
         publisher="Routledge", ISBN=["9780415278447"], **{"publisher-location": "London"}),
    work("10.5555/decoy.2", "The logic of scientific discovery", [("Ernest", "Nagel")], 2003,
         container="Philosophy of Science"),  # a review of the book
    work("10.5555/decoy.3", "Thinking, fast and slow", [("Daniel", "Kahneman")], 2011, type="book-chapter",
         container="Thinking, Fast and Slow"),
    work("10.5555/decoy.4", "Mindset and motivation in classrooms", [("Carol", "Dweck")], 2010,
         type="proceedings-article", container="Proceedings of Education Conference"),
]

BOOKS = [{"key": "/works/OL1W", "title": "Thinking, fast and slow", "author_name": ["Daniel Kahneman"],
          "first_publish_year": 2011, "publish_year": [2011, 2013], "edition_count": 2,
          "isbn": ["9780374275631", "9780141033570"], "publisher": ["Farrar, Straus and Giroux", "Penguin"],
          "editions": {"numFound": 1, "docs": [{"key": "/books/OL2M", "title": "Thinking, fast and slow",
                                                 "isbn": ["0374275637", "9780374275631"],
                                                 "publisher": ["Farrar, Straus and Giroux"],
                                                 "publish_place": ["New York"], "publish_date": ["2011"]}]}}]


def article(**kw: object) -> Record:
    csl = {"title": "Charges ride the spin wave", "author": [{"family": "Kuschel", "given": "T."},
                                                             {"family": "Reiss", "given": "G."}],
           "issued": make_date(2014)}
    csl.update(kw)
    return Record("kuschel2014", "article-journal", csl)


@pytest.fixture()
def server():
    with CrossrefServer(WORKS, books=BOOKS) as srv:
        yield srv


def config(server: CrossrefServer, tmp_path: Path | None = None, **kw: object) -> EnrichConfig:
    offline = bool(kw.pop("offline", False))
    client = net.Client(net.NetConfig(cache=(tmp_path / "c.sqlite") if tmp_path else False, backoff=0.01,
                                      timeout=(1.0, 2.0), offline=offline, mailto="t@example.org"))
    kw.setdefault("openlibrary_url", server.url + "/search.json")
    return EnrichConfig(crossref_url=server.url, client=client, openlibrary_limit=50,
                        **kw)  # type: ignore[arg-type]


def test_search_fills_missing_fields_with_provenance(server: CrossrefServer) -> None:
    original = article()
    [r], report = enrich([original], config(server))
    assert r.get("DOI") == "10.5555/true.1"
    assert r.get("volume") == "10" and r.get("page") == "22-24" and r.get("ISSN") == "1748-3387"
    assert r.get("container-title") == "Nature Nanotechnology"
    assert [a["given"] for a in r.authors] == ["Timo", "Günter"]
    assert r.provenance["DOI"].stage == "enrich" and r.provenance["DOI"].source == "crossref:10.5555/true.1"
    assert r.provenance["DOI"].confidence and r.provenance["DOI"].confidence >= 0.85
    assert original.get("DOI") is None  # the input record is not mutated
    item = report.items[0]
    assert item["status"] == "enriched" and item["doi"] == "10.5555/true.1"
    assert {f["field"] for f in item["fields"]} >= {"DOI", "volume", "issue", "page", "ISSN", "author"}
    assert all(f["source"] == "crossref:10.5555/true.1" and f["confidence"] for f in item["fields"])
    q = server.log[0]["params"]
    assert q["filter"] == "from-pub-date:2013,until-pub-date:2015" and "Kuschel" in q["query.author"]
    assert int(q["rows"]) <= 10


def test_doi_lookup_fills_only_missing_fields(server: CrossrefServer) -> None:
    r0 = Record("x", "article-journal", {"DOI": "https://doi.org/10.5555/TRUE.1", "volume": "99",
                                         "title": "Charges ride the spin wave"})
    [r], report = enrich([r0], config(server))
    assert server.log[0]["path"] == "/works/10.5555/true.1"
    assert r.get("volume") == "99"  # user data wins
    assert r.get("issue") == "1" and r.get("publisher")
    assert "volume" not in {f["field"] for f in report.items[0]["fields"]}


def test_overwrite_replaces_and_reports_old_values(server: CrossrefServer) -> None:
    r0 = Record("x", "article-journal", {"DOI": "10.5555/true.1", "volume": "99"})
    [r], report = enrich([r0], config(server, overwrite=True))
    assert r.get("volume") == "10"
    change = next(f for f in report.items[0]["fields"] if f["field"] == "volume")
    assert change["old"] == "99" and change["value"] == "10"


def test_wrong_doi_is_not_used(server: CrossrefServer) -> None:
    r0 = Record("x", "article-journal", {"DOI": "10.5555/true.2", "title": "Quantum dots in biology",
                                         "author": [{"family": "Alivisatos"}]})
    [r], report = enrich([r0], config(server))
    assert r is r0 and report.items[0]["status"] == "doi-mismatch"


def test_unknown_doi_is_reported(server: CrossrefServer) -> None:
    r0 = Record("x", "article-journal", {"DOI": "10.5555/nope", "title": "T"})
    [r], report = enrich([r0], config(server))
    assert r is r0 and report.items[0]["status"] == "doi-not-found"


def test_book_matches_book_not_its_review(server: CrossrefServer) -> None:
    r0 = Record("p", "book", {"title": "The Logic of Scientific Discovery", "author": [{"family": "Popper"}],
                              "issued": make_date(2002)})
    [r], report = enrich([r0], config(server))
    assert r.get("DOI") == "10.5555/true.2" and r.get("ISBN") == "9780415278447"
    assert r.get("publisher-place") == "London"


def test_no_confident_match_changes_nothing_and_explains(server: CrossrefServer) -> None:
    # Only decoys exist for these: a review (wrong author), a chapter (wrong type), a conference paper.
    recs = [Record("n", "book", {"title": "Thinking, fast and slow", "author": [{"family": "Kahneman"}],
                                 "issued": make_date(2011)}),
            Record("d", "article-journal", {"title": "Mindset and motivation in classrooms",
                                            "author": [{"family": "Dweck"}], "issued": make_date(2010)})]
    out, report = enrich(recs, config(server, openlibrary_url=None))
    assert out[0] is recs[0] and out[1] is recs[1]
    for item in report.items:
        assert item["status"] == "no-match" and item["fields"] == []
        assert item["best_candidate"]["reasons"]
    assert "type" in report.items[0]["best_candidate"]["reasons"][0]
    assert "type" in report.items[1]["best_candidate"]["reasons"][0]
    assert report.summary["no_match"] == 2 and report.summary["enriched"] == 0


def test_book_from_open_library(server: CrossrefServer) -> None:
    r0 = Record("k", "book", {"title": "Thinking, Fast and Slow", "author": [{"family": "Kahneman"}],
                              "issued": make_date(2011)})
    [r], report = enrich([r0], config(server))
    assert r.get("DOI") is None  # the Crossref hit is a chapter, not the book
    assert r.get("ISBN") == "9780374275631" and r.get("publisher") == "Farrar, Straus and Giroux"
    assert r.get("publisher-place") == "New York"
    assert r.provenance["ISBN"].source.startswith("openlibrary:")
    assert report.items[0]["openlibrary"]["edition"].startswith("edition")


def test_open_library_other_edition_gives_no_isbn(server: CrossrefServer) -> None:
    r0 = Record("k", "book", {"title": "Thinking, Fast and Slow", "author": [{"family": "Kahneman"}],
                              "issued": make_date(2013)})
    [r], _ = enrich([r0], config(server))
    assert r.get("ISBN") is None


def test_network_down_leaves_records_unchanged() -> None:
    recs = [article(), Record("b", "article-journal", {"DOI": "10.5555/true.1"})]
    client = net.Client(net.NetConfig(cache=False, backoff=0.01))
    out, report = enrich(recs, EnrichConfig(crossref_url="http://127.0.0.1:9", openlibrary_url=None,
                                            client=client))
    assert out == recs
    assert report.summary["network_unavailable"] is True
    assert len([p for p in report.problems if "network unavailable" in p.message]) == 1


def test_second_run_is_served_from_cache_and_offline_works(server: CrossrefServer, tmp_path: Path) -> None:
    recs = [article(), Record("b", "article-journal", {"DOI": "10.5555/true.2"})]
    first, _ = enrich(recs, config(server, tmp_path))
    n = server.requests
    assert n >= 2
    second, report = enrich(recs, config(server, tmp_path))
    assert server.requests == n and report.summary["requests"] == 0
    assert [r.to_csl() for r in second] == [r.to_csl() for r in first]
    offline, report = enrich(recs + [Record("c", "article-journal", {"DOI": "10.5555/true.9"})],
                             config(server, tmp_path, offline=True))
    assert server.requests == n
    assert offline[0].get("DOI") == "10.5555/true.1"
    assert report.items[2]["status"] == "not-cached" and report.summary["not_cached"] == 1


def test_server_errors_are_survived(server: CrossrefServer) -> None:
    server.fault("/works", "503", "malformed", "drop", "429:0.1")
    [r], report = enrich([article()], config(server))
    assert r.get("DOI") == "10.5555/true.1"
    assert report.summary["retries"] >= 3


def test_persistent_failure_is_a_warning_not_a_crash(server: CrossrefServer) -> None:
    server.fault("/works", *["500"] * 20)
    recs = [article()]
    cfg = config(server)
    cfg.client.config.retries = 1  # type: ignore[union-attr]
    out, report = enrich(recs, cfg)
    assert out[0] is recs[0] and report.items[0]["status"] == "error"
    assert report.problems and report.problems[0].severity == "warning"


def test_progress_callback(server: CrossrefServer) -> None:
    seen: list[tuple[int, int]] = []
    enrich([article(), article()], config(server, progress=lambda d, t: seen.append((d, t))))
    assert seen == [(1, 2), (2, 2)]


def test_doi_only_book_gets_edition_data_from_open_library() -> None:
    book = work("10.5555/book.3", "Thinking, fast and slow", [("Daniel", "Kahneman")], 2011, type="book",
                publisher="Farrar, Straus and Giroux")
    with CrossrefServer([book], books=BOOKS) as srv:
        [r], report = enrich([Record("b", "book", {"DOI": "10.5555/book.3"})], config(srv))
    assert r.get("title") == "Thinking, fast and slow" and r.get("ISBN") == "9780374275631"
    assert r.provenance["title"].source == "crossref:10.5555/book.3"
    assert r.provenance["ISBN"].source.startswith("openlibrary:")
    assert report.items[0]["status"] == "enriched"


def test_open_library_failure_keeps_the_crossref_answer() -> None:
    book = work("10.5555/book.4", "Thinking, fast and slow", [("Daniel", "Kahneman")], 2011, type="book")
    with CrossrefServer([book], books=BOOKS) as srv:
        srv.fault("/search.json", *["500"] * 10)
        cfg = config(srv)
        cfg.client.config.retries = 1  # type: ignore[union-attr]
        [r], report = enrich([Record("b", "book", {"DOI": "10.5555/book.4"})], cfg)
    assert r.get("title") == "Thinking, fast and slow" and r.get("ISBN") is None
    assert "Open Library" in report.items[0]["error"]


def test_service_that_keeps_failing_stops_the_run(server: CrossrefServer) -> None:
    recs = [article(title=f"A study number {i} of spin waves") for i in range(10)]
    server.fault("/works", *["500"] * 500)
    cfg = config(server, workers=1)
    cfg.client.config.retries = 1  # type: ignore[union-attr]
    out, report = enrich(recs, cfg)
    assert out == recs
    assert report.summary["network_unavailable"] is True
    assert "keeps failing" in report.summary["network_error"]
    assert report.summary["errors"] == 3 and report.summary["not_attempted"] == 7
    assert server.requests == 3 * 2  # three records, one retry each; then no more asking


def test_et_al_list_is_completed_but_an_explicit_list_is_not(server: CrossrefServer) -> None:
    cut = article(author=[{"family": "Kuschel", "given": "T."}], note="et al.")
    full = article(author=[{"family": "Kuschel", "given": "T."}])
    [a, b], report = enrich([cut, full], config(server))
    assert [n["family"] for n in a.authors] == ["Kuschel", "Reiss"] and a.get("note") is None
    assert [n["family"] for n in b.authors] == ["Kuschel"] and b.authors[0]["given"] == "Timo"
    change = next(f for f in report.items[0]["fields"] if f["field"] == "author")
    assert change["how"] == "completed the et al. list"


def test_open_library_unreachable_does_not_stop_crossref() -> None:
    """Regression: an unreachable Open Library (blocked, or down) counted as "network
    unavailable" and stopped every Crossref lookup too, exiting 3."""
    book = work("10.5555/book.4", "Thinking, fast and slow", [("Daniel", "Kahneman")], 2011, type="book",
                publisher="Farrar")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/search.json"
    with CrossrefServer([book]) as srv:
        cfg = config(srv)
        cfg.openlibrary_url = dead
        recs = [Record(f"b{i}", "book", {"DOI": "10.5555/book.4"}) for i in range(3)]
        out, report = enrich(recs, cfg)
    assert [r.get("title") for r in out] == ["Thinking, fast and slow"] * 3
    assert report.summary["network_unavailable"] is False
    assert "cannot reach" in report.summary["openlibrary_error"]
    assert [p.message for p in report.problems if "Open Library unavailable" in p.message]
    assert len(report.problems) == 1
