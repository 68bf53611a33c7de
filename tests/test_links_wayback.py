"""--archive and --fix: a Wayback-like availability endpoint on a local server."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from refs.links import CheckConfig, check_links, fix
from refs.links.wayback import WaybackClient, parse, target_timestamp, wayback_url
from refs.model import ARCHIVE_DATE, ARCHIVE_URL, URL_STATUS, Record
from refs.net import Client, NetConfig


def config() -> CheckConfig:
    return CheckConfig(timeout=2, backoff=0.05, gap=0, probe_hosts=("localhost",))


def quick_client(base: str) -> WaybackClient:
    return WaybackClient(base, client=Client(NetConfig(cache=False, retries=0, connect_retries=0,
                                                       backoff=0.01)))


def availability(server: HTTPServer, captured: list[dict]) -> str:
    """A stand-in for the availability API: a capture for /dead*, none for others."""

    def handler(request: Request) -> Response:
        args = dict(request.args)
        captured.append(args)
        url = args["url"]
        if "/dead" not in url:
            return Response(json.dumps({"archived_snapshots": {}}), content_type="application/json")
        stamp = (args.get("timestamp", "") + "20240101000000"[len(args.get("timestamp", "")):])[:14]
        closest = {"available": True, "status": "200", "timestamp": stamp,
                   "url": server.url_for(f"/web/{stamp}/{url}")}
        return Response(json.dumps({"archived_snapshots": {"closest": closest}}),
                        content_type="application/json")

    server.expect_request("/wayback/available").respond_with_handler(handler)
    return server.url_for("/wayback/available")


def test_parse_availability_answers():
    snap = parse({"archived_snapshots": {"closest": {
        "available": True, "status": "200", "timestamp": "20130919044612",
        "url": "http://archive.example/web/20130919044612/http://example.com/"}}})
    assert snap is not None and snap.date == "2013-09-19" and snap.timestamp == "20130919044612"
    assert parse({"archived_snapshots": {}}) is None
    assert parse({"archived_snapshots": {"closest": {"available": False, "url": "x",
                                                     "timestamp": "2013"}}}) is None
    # a capture of the error page is no archive of the content
    assert parse({"archived_snapshots": {"closest": {"available": True, "status": "404",
                                                     "timestamp": "20130919044612", "url": "u"}}}) is None


def test_timestamp_prefers_archive_date_then_accessed_then_issued():
    rec = Record(id="a", csl={"issued": {"date-parts": [[2009]]},
                              "accessed": {"date-parts": [[2015, 3, 1]]},
                              "custom": {ARCHIVE_DATE: "2016-07-04"}})
    assert target_timestamp(rec) == "20160704"
    del rec.csl["custom"]
    assert target_timestamp(rec) == "20150301"
    del rec.csl["accessed"]
    assert target_timestamp(rec) == "2009"
    assert target_timestamp(Record(id="b", csl={"accessed": {"raw": "2012-5"}})) == "201205"
    assert target_timestamp(Record(id="c")) is None


def test_wayback_url_is_configurable(monkeypatch):
    monkeypatch.delenv("REFS_WAYBACK_URL", raising=False)
    assert wayback_url().endswith("/wayback/available")
    monkeypatch.setenv("REFS_WAYBACK_URL", "http://127.0.0.1:9/avail")
    assert wayback_url() == "http://127.0.0.1:9/avail"
    assert wayback_url("http://127.0.0.1:8/x") == "http://127.0.0.1:8/x"


def test_archive_finds_snapshots_near_the_access_date_for_dead_links_only(server):
    captured: list[dict] = []
    api = availability(server, captured)
    server.expect_request("/dead-page").respond_with_data("", status=404)
    server.expect_request("/dead-doi").respond_with_data("", status=404)
    server.expect_request("/dead-2").respond_with_data("", status=410)
    server.expect_request("/live").respond_with_data("ok")
    records = [
        Record(id="a", csl={"URL": server.url_for("/dead-page"), "accessed": {"date-parts": [[2015, 3, 1]]}}),
        Record(id="b", csl={"URL": server.url_for("/live")}),
        Record(id="c", csl={"URL": server.url_for("/dead-2")}),
    ]
    _, report = check_links(records, config(), archive=True, wayback=quick_client(api))
    items = {it["id"]: it for it in report.items}
    assert items["a"]["status"] == "dead"
    assert items["a"]["archive_url"] == server.url_for(f"/web/20150301000000/{server.url_for('/dead-page')}")
    assert items["a"]["archive_date"] == "2015-03-01"
    assert items["b"]["archive_url"] is None
    assert items["c"]["archive_date"] == "2024-01-01"  # no date known: the newest capture
    asked = {c["url"]: c.get("timestamp") for c in captured}
    assert asked == {server.url_for("/dead-page"): "20150301", server.url_for("/dead-2"): None}
    assert report.summary["archive"] == "ok"


def test_fix_writes_archive_fields_into_copies(server):
    captured: list[dict] = []
    api = availability(server, captured)
    server.expect_request("/dead-page").respond_with_data("", status=404)
    server.expect_request("/live").respond_with_data("ok")
    server.expect_request("/nothing-archived").respond_with_data("", status=404)
    records = [
        Record(id="a", csl={"URL": server.url_for("/dead-page"), "issued": {"date-parts": [[2011, 5]]}}),
        Record(id="b", csl={"URL": server.url_for("/live"),
                            "custom": {ARCHIVE_URL: "https://archive.example/web/1/x"}}),
        Record(id="c", csl={"URL": server.url_for("/nothing-archived")}),
    ]
    before = [r.to_csl() for r in records]
    _, report = check_links(records, config(), archive=True, wayback=quick_client(api))
    fixed, fixes = fix(records, report)
    assert [r.to_csl() for r in records] == before  # the input records are untouched
    a, b, c = fixed
    assert a.custom(ARCHIVE_URL).endswith("/dead-page") and a.custom(ARCHIVE_DATE) == "2011-05-01"
    assert a.custom(URL_STATUS) == "dead"
    assert b.custom(URL_STATUS) == "live"
    assert c.custom(ARCHIVE_URL) is None and c.custom(URL_STATUS) is None
    assert "no archived copy" in report.items[2]["detail"]
    assert {f["id"] for f in fixes.items} == {"a", "b"}
    assert a.provenance[f"custom.{ARCHIVE_URL}"].stage == "check-links"


def test_known_archive_url_is_not_looked_up_again(server):
    captured: list[dict] = []
    api = availability(server, captured)
    server.expect_request("/dead-known").respond_with_data("", status=404)
    rec = Record(id="k", csl={"URL": server.url_for("/dead-known"),
                              "custom": {ARCHIVE_URL: "https://archive.example/web/2/y",
                                         ARCHIVE_DATE: "2019-01-02"}})
    _, report = check_links([rec], config(), archive=True, wayback=quick_client(api))
    assert captured == []
    assert report.items[0]["archive_url"] == "https://archive.example/web/2/y"


def test_unreachable_or_failing_archive_is_reported_not_raised(server):
    server.expect_request("/dead-x").respond_with_data("", status=404)
    closed = HTTPServer(host="127.0.0.1")
    closed.start()
    gone = closed.url_for("/wayback/available")
    closed.stop()
    rec = Record(id="x", csl={"URL": server.url_for("/dead-x")})
    _, report = check_links([rec], config(), archive=True, wayback=quick_client(gone))
    assert report.summary["archive"] == "unavailable"
    assert report.items[0]["status"] == "dead" and report.items[0]["archive_url"] is None
    assert "archive not reachable" in report.items[0]["detail"]

    server.expect_request("/broken-api").respond_with_data("oops", status=500)
    _, report = check_links([rec], config(), archive=True,
                            wayback=quick_client(server.url_for("/broken-api")))
    assert "archive lookup failed" in report.items[0]["detail"]
