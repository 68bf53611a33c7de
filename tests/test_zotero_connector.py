"""The desktop connector path against a local server speaking Zotero's connector protocol."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from werkzeug import Request, Response

from refs.cli.main import cli
from refs.model import Record
from refs.net import NetworkUnavailable
from refs.zotero import connector


class FakeConnector:
    """``/connector/ping`` and ``/connector/import`` as Zotero desktop answers them."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.mode = "ok"

    def handle(self, req: Request) -> Response:
        if req.path == "/connector/ping":
            return Response("Zotero is running", 200)
        if req.path != "/connector/import" or req.method != "POST":
            return Response("No endpoint found", 404)
        self.headers.append(dict(req.headers))
        text = req.get_data(as_text=True)
        self.received.append(text)
        if self.mode == "readonly":
            return Response(json.dumps({"libraryEditable": False}), 500, content_type="application/json")
        if self.mode == "error":
            return Response("An error occurred", 500)
        entries = re.findall(r"^@(\w+)\s*\{\s*([^,\s]+)", text, re.M)
        if not entries:
            return Response("", 400)
        items = [{"itemType": "book" if t.lower() == "book" else "journalArticle", "key": f"I{i}",
                  "title": k} for i, (t, k) in enumerate(entries)]
        return Response(json.dumps(items), 201, content_type="application/json")


@pytest.fixture
def desk(httpserver):
    fake = FakeConnector()
    httpserver.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    fake.url = httpserver.url_for("/").rstrip("/")
    return fake


BIB = "@book{asmus2002opening,\n  title = {Opening NATO's Door},\n  year = {2002}\n}\n"


def test_ping_and_import(desk):
    assert connector.ping(desk.url) == "Zotero is running"
    items = connector.import_text(BIB, desk.url)
    assert items == [{"itemType": "book", "key": "I0", "title": "asmus2002opening"}]
    assert desk.received == [BIB]
    assert desk.headers[0]["X-Zotero-Connector-Api-Version"] == "3"


def test_unrecognised_data_is_400(desk):
    with pytest.raises(connector.ConnectorError, match="no import translator"):
        connector.import_text("not a bibliography", desk.url)


def test_read_only_library(desk):
    desk.mode = "readonly"
    with pytest.raises(connector.ConnectorError, match="read-only"):
        connector.import_text(BIB, desk.url)


def test_other_errors_are_reported(desk):
    desk.mode = "error"
    with pytest.raises(connector.ConnectorError, match="HTTP 500"):
        connector.import_text(BIB, desk.url)


def test_not_running_is_a_clear_network_error():
    with pytest.raises(NetworkUnavailable, match="Zotero is not running"):
        connector.import_text(BIB, "http://127.0.0.1:9")
    with pytest.raises(NetworkUnavailable, match="Zotero is not running"):
        connector.ping("http://127.0.0.1:9")


def _records() -> list[Record]:
    return [Record.from_csl({"id": "asmus2002opening", "type": "book", "title": "Opening NATO's Door",
                             "author": [{"family": "Asmus", "given": "Ronald D."}],
                             "issued": {"date-parts": [[2002]]}, "language": "en",
                             "accessed": {"date-parts": [[2024, 1, 2]]}, "keyword": "NATO"}),
            Record.from_csl({"id": "talbott2002russia", "type": "article-journal", "title": "Russia",
                             "container-title": "Foreign Affairs", "issued": {"date-parts": [[2002]]}})]


def test_push_sends_zotero_bibtex(desk):
    pytest.importorskip("refs.io.bibtex")
    _, report = connector.push(_records(), desk.url)
    assert report.summary["imported"] == 2 and report.summary["sent"] == 2
    text = desk.received[0]
    assert "asmus2002opening" in text and "talbott2002russia" in text


def test_cli_connector(desk, tmp_path):
    pytest.importorskip("refs.io.bibtex")
    src = tmp_path / "in.json"
    src.write_text(json.dumps([r.to_csl() for r in _records()]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["zotero", "push", str(src), "--connector", "--connector-url", desk.url])
    assert result.exit_code == 0, result.output
    assert "Zotero imported 2 of 2 records" in result.output


def test_cli_connector_not_running(tmp_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps([r.to_csl() for r in _records()]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["zotero", "push", str(src), "--connector", "--connector-url",
                                      "http://127.0.0.1:9"])
    assert result.exit_code == 3
    assert "Zotero is not running" in result.output and "Traceback" not in result.output
