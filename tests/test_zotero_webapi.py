"""The Web API push against a local server that speaks Zotero Web API v3 writes:
write tokens (412 on reuse), 50-item limit (413), per-item failures, Backoff,
Retry-After/429, 5xx, 403, collections (paginated) and child notes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from urllib3.exceptions import NewConnectionError
from werkzeug import Request, Response

from refs.cli.main import cli
from refs.model import Record
from refs.net import NetworkUnavailable
from refs.zotero import webapi
from refs.zotero.mapping import ITEM_TYPES

KEY = "secretkey"


class FakeZotero:
    """A tiny, stateful Zotero library behind the Web API v3 write protocol.

    ``faults`` is a queue of scripted answers consumed by the next write requests:
    ``(status, headers)`` answers without applying, ``("lost", status)`` applies the
    write and then answers ``status`` (the answer got lost, the write did not)."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.collections: dict[str, dict[str, Any]] = {}
        self.version = 10
        self.tokens: set[str] = set()
        self.faults: list[Any] = []
        self.requests: list[dict[str, Any]] = []
        self.ok_headers: dict[str, str] = {}
        self.n = 0

    def _key(self) -> str:
        self.n += 1
        return f"K{self.n:07d}"

    def handle(self, req: Request) -> Response:
        body = req.get_data(as_text=True)
        self.requests.append({"method": req.method, "path": req.path, "args": dict(req.args),
                              "token": req.headers.get("Zotero-Write-Token"),
                              "n": len(json.loads(body)) if body and req.method == "POST" else 0})
        if req.headers.get("Zotero-API-Version") != "3":
            return Response("API version 3 required", 400)
        if req.headers.get("Zotero-API-Key") != KEY:
            return Response("Forbidden", 403)
        m = re.fullmatch(r"/users/(\d+)/(items|collections)", req.path)
        if not m:
            return Response("Not found", 404)
        if m.group(1) != "123":
            return Response("Not found", 404)
        kind = m.group(2)
        if req.method == "GET":
            return self._get(kind, req)
        lost = None
        if self.faults:
            fault = self.faults.pop(0)
            if fault[0] == "lost":
                lost = fault[1]
            else:
                status, headers = fault
                return Response("fault", status, headers=headers)
        token = req.headers.get("Zotero-Write-Token", "")
        if token in self.tokens:
            return Response("Write token already used", 412)
        data = json.loads(body)
        if len(data) > 50:
            return Response("Too many items", 413)
        if kind == "items" and any(d.get("title") == "WHOLE BATCH 400" for d in data):
            return Response("Invalid JSON", 400)
        self.tokens.add(token)
        result: dict[str, Any] = {"success": {}, "successful": {}, "unchanged": {}, "failed": {}}
        self.version += 1
        for i, d in enumerate(data):
            if kind == "items" and d.get("itemType") not in ITEM_TYPES and d.get("itemType") != "note":
                result["failed"][str(i)] = {"key": "", "code": 400,
                                            "message": f"'{d.get('itemType')}' is not a valid itemType"}
                continue
            if kind == "items" and d.get("title") == "REJECT ME":
                result["failed"][str(i)] = {"key": "", "code": 400, "message": "'title' is too long"}
                continue
            key = self._key()
            store = self.items if kind == "items" else self.collections
            store[key] = {"key": key, "version": self.version, "data": {**d, "key": key}}
            result["success"][str(i)] = key
            result["successful"][str(i)] = store[key]
        if lost:
            return Response("Internal Server Error", lost)
        headers = {"Last-Modified-Version": str(self.version), **self.ok_headers}
        self.ok_headers = {}
        return Response(json.dumps(result), 200, headers=headers, content_type="application/json")

    def _get(self, kind: str, req: Request) -> Response:
        store = self.items if kind == "items" else self.collections
        rows = list(store.values())
        if "since" in req.args:
            rows = [r for r in rows if r["version"] > int(req.args["since"])]
        start, limit = int(req.args.get("start", 0)), int(req.args.get("limit", 25))
        page = rows[start:start + limit]
        return Response(json.dumps(page), 200, content_type="application/json",
                        headers={"Total-Results": str(len(rows)), "Last-Modified-Version": str(self.version)})


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def sleep(self, s: float) -> None:
        self.slept.append(round(s, 3))
        self.now += s

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def zot(httpserver):
    fake = FakeZotero()
    httpserver.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    fake.url = httpserver.url_for("/").rstrip("/")
    return fake


def config(fake: FakeZotero, clock: FakeClock, **kw: Any) -> webapi.ZoteroConfig:
    return webapi.ZoteroConfig(library_type="user", library_id="123", api_key=KEY, api_url=fake.url,
                               sleep=clock.sleep, clock=clock, **kw)


def records(n: int, **extra: Any) -> list[Record]:
    return [Record.from_csl({"id": f"r{i}", "type": "article-journal", "title": f"Title {i}",
                             "author": [{"family": f"Author{i}", "given": "A."}],
                             "container-title": "Journal", "issued": {"date-parts": [[2000 + i % 20]]},
                             **extra}) for i in range(n)]


def test_batches_of_fifty_each_with_its_own_token(zot):
    clock = FakeClock()
    _, report = webapi.push(records(120), config(zot, clock))
    posts = [r for r in zot.requests if r["method"] == "POST"]
    assert [p["n"] for p in posts] == [50, 50, 20]
    assert len({p["token"] for p in posts}) == 3 and all(len(p["token"]) == 32 for p in posts)
    assert report.summary["created"] == 120 and report.summary["failed"] == 0
    assert len(zot.items) == 120
    keys = [it["key"] for it in report.items]
    assert len(set(keys)) == 120 and all(k in zot.items for k in keys)
    assert zot.items[keys[0]]["data"]["itemType"] == "journalArticle"
    assert zot.items[keys[0]]["data"]["publicationTitle"] == "Journal"
    assert clock.slept == []


def test_429_retry_after_is_honoured_with_the_same_token(zot):
    clock = FakeClock()
    zot.faults = [(429, {"Retry-After": "7"})]
    _, report = webapi.push(records(3), config(zot, clock))
    posts = [r for r in zot.requests if r["method"] == "POST"]
    assert len(posts) == 2 and posts[0]["token"] == posts[1]["token"]
    assert clock.slept == [7.0]
    assert report.summary["created"] == 3 and len(zot.items) == 3


def test_backoff_header_delays_the_next_request(zot):
    clock = FakeClock()
    zot.ok_headers = {"Backoff": "5"}
    _, report = webapi.push(records(60), config(zot, clock))
    assert report.summary["created"] == 60
    assert clock.slept == [5.0]  # before the second batch, not before the first


def test_5xx_is_retried_and_a_lost_answer_never_duplicates(zot):
    clock = FakeClock()
    zot.faults = [("lost", 500)]  # the write lands, its answer is an error
    _, report = webapi.push(records(4), config(zot, clock))
    assert len(zot.items) == 4  # no duplicates: the retry got 412 for the used token
    posts = [r for r in zot.requests if r["method"] == "POST"]
    assert len(posts) == 2 and posts[0]["token"] == posts[1]["token"]
    assert report.summary["created"] == 4 and report.summary["failed"] == 0
    assert {it["key"] for it in report.items} == set(zot.items)  # keys recovered via ?since=
    assert all("earlier attempt" in it["message"] for it in report.items)


def test_503_then_success(zot):
    clock = FakeClock()
    zot.faults = [(503, {"Retry-After": "2"}), (503, {})]
    _, report = webapi.push(records(2), config(zot, clock))
    assert report.summary["created"] == 2
    assert clock.slept == [2.0, 2.0]  # the second 503 has no Retry-After: exponential wait


def test_409_library_locked_is_retried(zot):
    clock = FakeClock()
    zot.faults = [(409, {}), (409, {})]
    _, report = webapi.push(records(2), config(zot, clock))
    assert report.summary["created"] == 2 and len(zot.items) == 2
    assert clock.slept == [1.0, 2.0]


def test_412_on_a_first_attempt_is_a_failure_not_a_success(zot):
    clock = FakeClock()
    zot.faults = [(412, {})]  # nothing was retried, so nothing can have been created before
    _, report = webapi.push(records(2), config(zot, clock))
    assert report.summary["failed"] == 2 and not zot.items
    assert "HTTP 412" in report.items[0]["message"]


def test_persistent_errors_give_up_and_report(zot):
    clock = FakeClock()
    zot.faults = [(500, {})] * 5
    _, report = webapi.push(records(2), config(zot, clock, max_attempts=3))
    assert report.summary["failed"] == 2 and not zot.items
    assert "HTTP 500 after 3 attempts" in report.items[0]["message"]
    assert report.skipped == 2


def test_per_item_failures_do_not_sink_the_batch(zot):
    clock = FakeClock()
    recs = records(3)
    recs[1].set("title", "REJECT ME")
    _, report = webapi.push(recs, config(zot, clock))
    statuses = [it["status"] for it in report.items]
    assert statuses == ["created", "failed", "created"]
    assert report.items[1]["code"] == 400 and "too long" in report.items[1]["message"]
    assert any(p.record == "r1" for p in report.problems)


def test_413_splits_the_batch(zot):
    clock = FakeClock()
    zot.faults = [(413, {})]
    _, report = webapi.push(records(10), config(zot, clock))
    posts = [r for r in zot.requests if r["method"] == "POST"]
    assert [p["n"] for p in posts] == [10, 5, 5]
    assert report.summary["created"] == 10


def test_whole_batch_400_is_reported_per_item(zot):
    clock = FakeClock()
    recs = records(2)
    recs[0].set("title", "WHOLE BATCH 400")
    _, report = webapi.push(recs, config(zot, clock))
    assert report.summary["failed"] == 2
    assert "HTTP 400" in report.items[0]["message"]


def test_403_raises_a_clear_error(zot):
    clock = FakeClock()
    cfg = config(zot, clock)
    cfg.api_key = "wrong"
    _, report = webapi.push(records(2), cfg)
    assert report.summary["failed"] == 2
    assert "access denied (403)" in report.items[0]["message"]
    assert len([r for r in zot.requests if r["method"] == "POST"]) == 1  # stopped after the first batch


def test_collection_found_on_a_later_page(zot):
    clock = FakeClock()
    for i in range(130):
        key = f"C{i:07d}"
        zot.collections[key] = {"key": key, "version": 1, "data": {"key": key, "name": f"coll {i}",
                                                                    "parentCollection": False}}
    _, report = webapi.push(records(2), config(zot, clock, collection="coll 120"))
    assert report.summary["collection"] == {"name": "coll 120", "key": "C0000120", "created": False}
    gets = [r for r in zot.requests if r["method"] == "GET"]
    assert [g["args"]["start"] for g in gets] == ["0", "100"]
    assert all(it["data"]["collections"] == ["C0000120"] for it in zot.items.values())


def test_missing_collection_is_created(zot):
    clock = FakeClock()
    _, report = webapi.push(records(1), config(zot, clock, collection="NATO–Russia"))
    coll = report.summary["collection"]
    assert coll["created"] is True and zot.collections[coll["key"]]["data"]["name"] == "NATO–Russia"
    item = next(iter(zot.items.values()))
    assert item["data"]["collections"] == [coll["key"]]


def test_annote_becomes_a_child_note(zot):
    clock = FakeClock()
    _, report = webapi.push(records(1, annote="Read chapter 3 first."), config(zot, clock))
    parent = report.items[0]["key"]
    notes = [i["data"] for i in zot.items.values() if i["data"]["itemType"] == "note"]
    assert len(notes) == 1 and notes[0]["parentItem"] == parent
    assert "Read chapter 3 first." in notes[0]["note"]
    assert report.items[0]["notes"] == 1


def test_unreachable_server_is_network_unavailable():
    cfg = webapi.ZoteroConfig(library_type="user", library_id="1", api_key=KEY,
                              api_url="http://127.0.0.1:9", sleep=lambda s: None)
    with pytest.raises(NetworkUnavailable):
        webapi.push(records(1), cfg)


class DyingSession(requests.Session):
    """A session whose network goes away after ``alive`` requests."""

    def __init__(self, alive: int) -> None:
        super().__init__()
        self.alive = alive
        self.calls = 0

    def request(self, method, url, **kw):  # type: ignore[override]
        self.calls += 1
        if self.calls > self.alive:
            raise requests.ConnectionError(NewConnectionError(None, "Name or service not known"))
        return super().request(method, url, **kw)


def test_network_lost_mid_push_keeps_the_created_keys(zot):
    clock = FakeClock()
    session = DyingSession(alive=1)
    _, report = webapi.push(records(70), config(zot, clock), session=session)
    assert report.summary["created"] == 50 and report.summary["failed"] == 20
    assert "network_unavailable" in report.summary
    assert all(it["key"] in zot.items for it in report.items[:50])
    assert report.items[60]["message"].startswith("not sent: cannot reach the Zotero API")
    assert session.calls == 3 and clock.slept == [1.0]  # one retry, then give up: no long timeouts


def test_no_network_at_all_fails_fast(zot):
    clock = FakeClock()
    with pytest.raises(NetworkUnavailable):
        webapi.push(records(3), config(zot, clock), session=DyingSession(alive=0))
    assert clock.slept == [1.0] and not zot.items


def test_bad_options_are_rejected():
    with pytest.raises(webapi.ZoteroError):
        webapi.ZoteroConfig(library_type="team", library_id="1")
    with pytest.raises(webapi.ZoteroError):
        webapi.ZoteroConfig(library_type="user", library_id="abc")


# -- the command ------------------------------------------------------------------------

def _csl_file(tmp_path, recs: list[Record]) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([r.to_csl() for r in recs]), encoding="utf-8")
    return str(path)


def test_cli_push_prints_keys(zot, tmp_path):
    src = _csl_file(tmp_path, records(3))
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["zotero", "push", src, "--library-id", "123", "--api-key", KEY,
                                      "--api-url", zot.url, "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.count("created") >= 3
    for key in zot.items:
        assert key in result.output
    data = json.loads(out.read_text())
    assert data["push"]["summary"]["created"] == 3


def test_cli_push_partial_failure_exits_1(zot, tmp_path):
    recs = records(2)
    recs[0].set("title", "REJECT ME")
    result = CliRunner().invoke(cli, ["zotero", "push", _csl_file(tmp_path, recs), "--library-id", "123",
                                      "--api-key", KEY, "--api-url", zot.url])
    assert result.exit_code == 1
    assert "failed   r0" in result.output and "Traceback" not in result.output


def test_cli_push_wrong_library_is_a_clear_error(zot, tmp_path):
    result = CliRunner().invoke(cli, ["zotero", "push", _csl_file(tmp_path, records(1)), "--library-id",
                                      "999", "--api-key", KEY, "--api-url", zot.url,
                                      "--collection", "X"])
    assert result.exit_code == 1
    assert "no such library users/999" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_push_requires_credentials(tmp_path, monkeypatch):
    monkeypatch.delenv("ZOTERO_API_KEY", raising=False)
    monkeypatch.delenv("ZOTERO_LIBRARY_ID", raising=False)
    result = CliRunner().invoke(cli, ["zotero", "push", _csl_file(tmp_path, records(1))])
    assert result.exit_code == 2 and "--library-id is required" in result.output


def test_cli_network_down_exits_3(tmp_path):
    result = CliRunner().invoke(cli, ["zotero", "push", _csl_file(tmp_path, records(1)), "--library-id",
                                      "1", "--api-key", KEY, "--api-url", "http://127.0.0.1:9"])
    assert result.exit_code == 3 and "cannot reach the Zotero API" in result.output


def test_cli_dry_run_sends_nothing(tmp_path):
    result = CliRunner().invoke(cli, ["zotero", "push", _csl_file(tmp_path, records(2)), "--dry-run"])
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert [i["itemType"] for i in items] == ["journalArticle", "journalArticle"]
