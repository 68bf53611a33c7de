"""Crossref's real recorded responses (../shared/fixtures/crossref, when present) go
through the client's conversion and the limiter without surprises."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from refs import net
from refs.enrich import crossref, match

SHARED = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
FIXTURES = SHARED / "fixtures" / "crossref"

pytestmark = pytest.mark.skipif(not FIXTURES.is_dir(), reason="shared Crossref fixtures not available")


def _works() -> list[dict]:
    out = []
    for p in sorted((FIXTURES / "works").glob("*.json")) + sorted((FIXTURES / "items").glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        out.append(data.get("message", data))
    return out


def test_every_recorded_work_converts_to_csl() -> None:
    works = _works()
    assert works
    for item in works:
        csl = crossref.to_csl(item)
        assert csl["type"] and csl.get("DOI") == crossref.normalize_doi(item["DOI"])
        cand = crossref.candidate(item)
        assert cand.ident == csl["DOI"]
        if item.get("type") == "journal-article":
            assert csl["type"] == "article-journal" and csl.get("container-title")


def test_a_work_matches_a_record_built_from_itself_and_not_a_different_one() -> None:
    from refs.model import Record

    works = [w for w in _works() if w.get("type") == "journal-article" and w.get("author")]
    for item in works:
        csl = crossref.to_csl(item)
        record = Record(
            "r", "article-journal", {k: csl[k] for k in ("title", "author", "issued") if k in csl}
        )
        assert match.verify(record, crossref.candidate(item)).accepted
        others = [crossref.candidate(w) for w in works if w is not item]
        assert not any(match.verify(record, o).accepted for o in others)


def test_search_lists_parse_and_never_accept_for_an_unrelated_record() -> None:
    from refs.model import Record, make_date

    record = Record(
        "r",
        "article-journal",
        {
            "title": "A study that is not in these lists at all",
            "author": [{"family": "Nobody"}],
            "issued": make_date(2001),
        },
    )
    for p in sorted((FIXTURES / "search").glob("*.json")):
        items = json.loads(p.read_text(encoding="utf-8"))["message"]["items"]
        cands = [crossref.candidate(i) for i in items]
        assert not match.choose(record, cands).accepted


def test_recorded_pool_headers_drive_the_limiter() -> None:
    expected = {"public_pool": (5, 1), "polite_pool": (10, 3)}
    for name, (limit, conc) in expected.items():
        path = FIXTURES / "headers" / f"{name}.headers.json"
        if not path.exists():
            continue
        headers = {
            k: (v[0] if isinstance(v, list) else v)
            for k, v in json.loads(path.read_text())["headers"].items()
        }
        lim = net.HostLimiter(limit=1, concurrency=1)
        lim.observe(headers)
        assert (lim.limit, lim.concurrency) == (limit, conc)


def test_recorded_works_served_locally_enrich_end_to_end() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "servers"))
    from crossref_server import CrossrefServer

    from refs.enrich import EnrichConfig, enrich
    from refs.model import Record

    works = [w for w in _works() if w.get("title")]
    by_doi = [Record(f"d{i}", "document", {"DOI": w["DOI"].upper()}) for i, w in enumerate(works)]
    articles = [w for w in works if w.get("type") == "journal-article" and w.get("author")]
    by_search = []
    for i, w in enumerate(articles):
        csl = crossref.to_csl(w)
        first = {
            "title": csl["title"],
            "author": csl["author"][:1],
            "issued": csl["issued"],
            "note": "et al.",
        }
        by_search.append(Record(f"s{i}", "article-journal", first))
    with CrossrefServer(works, rate_limit=(1000, 1.0), concurrency=5) as srv:  # announced: adopted
        client = net.Client(net.NetConfig(cache=False, backoff=0.01, default_limit=100))
        out, report = enrich(
            by_doi + by_search, EnrichConfig(crossref_url=srv.url, openlibrary_url=None, client=client)
        )
    for rec, work in zip(out[: len(by_doi)], works, strict=True):
        assert rec.get("title") and rec.get("DOI") == crossref.normalize_doi(work["DOI"]).upper()
        if work.get("volume"):
            assert rec.get("volume") == work["volume"]
    for rec, work in zip(out[len(by_doi) :], articles, strict=True):
        assert rec.get("DOI") == work["DOI"], report.items
        assert len(rec.authors) == len(work["author"])  # "et al." was completed
        assert rec.get("note") is None
