"""``refs check-links`` end to end: table, JSON report, exit statuses, --fix into a new file."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from refs.cli.main import cli


@pytest.fixture(scope="module")
def _running() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(_running: HTTPServer) -> Iterator[HTTPServer]:
    """One threaded local server per module (stopping one takes 0.5 s), cleared per test."""
    srv = _running
    srv.clear()
    srv.expect_request("/ok").respond_with_data("ok")
    srv.expect_request("/dead").respond_with_data("", status=404)
    srv.expect_request("/moved").respond_with_data("", status=301, headers={"Location": "/ok"})
    srv.expect_request("/403").respond_with_data("", status=403)

    def avail(request: Request) -> Response:
        closest = {"available": True, "status": "200", "timestamp": "20150301120000",
                   "url": srv.url_for("/web/20150301120000/" + request.args["url"])}
        return Response(json.dumps({"archived_snapshots": {"closest": closest}}),
                        content_type="application/json")

    srv.expect_request("/avail").respond_with_handler(avail)
    yield srv
    srv.clear()


def write_items(path: Path, urls: dict[str, str]) -> Path:
    items = [{"id": k, "type": "webpage", "title": f"Page {k}", "URL": u,
              "accessed": {"date-parts": [[2015, 3, 1]]}} for k, u in urls.items()]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    return runner.invoke(cli, ["check-links", *args, "--probe-host", "localhost", "--timeout", "2"],
                         env=env)


def test_table_report_and_exit_1_on_dead_links(server, tmp_path):
    urls = {"good": server.url_for("/ok"), "bad": server.url_for("/dead"),
            "moved": server.url_for("/moved"), "wall": server.url_for("/403")}
    src = write_items(tmp_path / "in.json", urls)
    report = tmp_path / "report.json"
    res = invoke(str(src), "--report", str(report))
    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert lines[0].startswith("STATUS")
    order = [ln.split()[0] for ln in lines[1:5]]
    assert order == ["dead", "blocked", "redirected", "ok"]
    assert "4 links in 4 records: 1 dead, 1 blocked, 1 redirected, 1 ok" in res.output
    data = json.loads(report.read_text())
    assert set(data) >= {"links", "summary"}
    by_id = {it["id"]: it for it in data["links"]}
    assert set(by_id["bad"]) >= {"id", "url", "status", "code", "final_url", "archive_url", "detail"}
    assert by_id["bad"]["status"] == "dead" and by_id["bad"]["code"] == 404
    assert by_id["moved"]["final_url"] == server.url_for("/ok")
    assert by_id["good"]["archive_url"] is None


def test_exit_0_when_every_link_works(server, tmp_path):
    src = write_items(tmp_path / "in.json", {"good": server.url_for("/ok")})
    res = invoke(str(src), "--hide-ok")
    assert res.exit_code == 0, res.output
    assert "1 links in 1 records: 1 ok" in res.output and "STATUS" not in res.output


def test_fix_writes_a_new_file_and_never_the_input(server, tmp_path):
    src = write_items(tmp_path / "in.json", {"good": server.url_for("/ok"), "bad": server.url_for("/dead")})
    before = src.read_bytes()
    out = tmp_path / "out.json"
    res = invoke(str(src), "--fix", "-o", str(out), "--wayback-url", server.url_for("/avail"))
    assert res.exit_code == 1, res.output
    assert src.read_bytes() == before
    items = {it["id"]: it for it in json.loads(out.read_text())}
    custom = items["bad"]["custom"]
    assert custom["archive-url"] == server.url_for("/web/20150301120000/" + server.url_for("/dead"))
    assert custom["archive-date"] == "2015-03-01" and custom["url-status"] == "dead"
    assert "archive-url" not in (items["good"].get("custom") or {})
    asked = [r.args.get("timestamp") for r, _ in server.log if r.path == "/avail"]
    assert asked == ["20150301"]


def test_archive_url_from_the_environment(server, tmp_path):
    src = write_items(tmp_path / "in.json", {"bad": server.url_for("/dead")})
    report = tmp_path / "r.json"
    res = invoke(str(src), "--archive", "--report", str(report),
                 env={"REFS_WAYBACK_URL": server.url_for("/avail")})
    assert res.exit_code == 1
    assert json.loads(report.read_text())["links"][0]["archive_url"].startswith(server.url_for("/web/"))


def test_usage_errors_exit_2(tmp_path, server):
    src = write_items(tmp_path / "in.json", {"good": server.url_for("/ok")})
    res = invoke(str(src), "--fix")
    assert res.exit_code == 2 and "-o" in res.output
    res = invoke(str(src), "--fix", "-o", str(src))
    assert res.exit_code == 2 and "never writes over its input" in res.output
    before = src.read_bytes()
    res = invoke(str(src), "--report", str(src))  # regression: the report replaced the input
    assert res.exit_code == 2 and "is the input file" in res.output
    assert src.read_bytes() == before
    res = invoke(str(tmp_path / "missing.json"))
    assert res.exit_code == 2 and "no such file" in res.output
    assert "Traceback" not in res.output


def test_network_down_exits_3_and_marks_unknown(monkeypatch, tmp_path):
    def no_dns(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    src = write_items(tmp_path / "in.json", {"a": "https://publisher.example/a", "b": "http://other.example/b"})
    report = tmp_path / "r.json"
    res = CliRunner().invoke(cli, ["check-links", str(src), "--report", str(report),
                                   "--probe-host", "probe.example"])
    assert res.exit_code == 3, res.output
    assert "network is unavailable" in res.output
    data = json.loads(report.read_text())
    assert {it["status"] for it in data["links"]} == {"unknown"}
    assert data["summary"]["network"] == "unavailable"


def test_report_into_a_folder_or_missing_parent_is_a_clear_error(tmp_path, server):
    """Regression: an unwritable --report path ended in a traceback."""
    src = write_items(tmp_path / "in.json", {"good": server.url_for("/ok")})
    server.expect_request("/ok").respond_with_data("fine")
    for target in (tmp_path, Path("/proc/no-such-dir/report.json")):
        res = invoke(str(src), "--report", str(target))
        assert res.exit_code == 2, res.output
        assert "cannot write" in res.output and "Traceback" not in res.output


def test_bad_wayback_url_is_a_usage_error_when_archiving(tmp_path, server):
    src = write_items(tmp_path / "in.json", {"good": server.url_for("/ok")})
    for bad in ("notaurl", "ftp://x", "http://[::1"):
        res = invoke(str(src), "--archive", "--wayback-url", bad)
        assert res.exit_code == 2 and "not an http(s) URL" in res.output, res.output
