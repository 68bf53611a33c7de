"""Issue 16 §5: a redirect to another scheme (file://, ftp://, data:, an https → http
downgrade) is a clean error in every client on refs.net (Zotero Web API, the Zotero
connector, Crossref), never an internal error; the API key never follows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import net
from refs.cli.main import cli

TARGETS = ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "data:text/plain,hi",
           "javascript:alert(1)"]


@pytest.mark.parametrize("target", TARGETS)
def test_client_refuses_a_redirect_to_another_scheme(server, target: str) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/r").respond_with_data("", status=302, headers={"Location": target})
    client = net.Client(net.NetConfig(cache=False, retries=0))
    with pytest.raises(net.RedirectRefused) as info:
        client.get(server.url_for("/r"))
    assert target.split(":")[0] in str(info.value)


def test_client_still_follows_http_redirects(server) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("here")
    assert net.Client(net.NetConfig(cache=False)).get(server.url_for("/a")).text == "here"


def _items(tmp_path: Path) -> Path:
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "book", "title": "A"}]), "utf-8")
    return src


@pytest.mark.parametrize("target", TARGETS[:2])
def test_zotero_push_redirected_to_file_is_a_clean_error(server, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          target: str) -> None:
    server.expect_request("/users/1/items").respond_with_data("", status=302, headers={"Location": target})
    res = CliRunner().invoke(cli, ["zotero", "push", str(_items(tmp_path)), "--library-id", "1",
                                   "--api-key", "k", "--api-url", server.url_for("/").rstrip("/")])
    assert res.exit_code in (1, 2), res.output
    assert "internal error" not in res.output and "redirect" in res.output.lower()
    assert len([r for r in server.log if r[0].path == "/users/1/items"]) == 1


def test_zotero_collection_lookup_redirected_is_a_clean_error(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/users/1/collections").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"})
    res = CliRunner().invoke(cli, ["zotero", "push", str(_items(tmp_path)), "--library-id", "1",
                                   "--api-key", "k", "--api-url", server.url_for("/").rstrip("/"),
                                   "--collection", "X"])
    assert res.exit_code in (1, 2) and "internal error" not in res.output, res.output


def test_connector_redirected_is_a_clean_error(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/connector/ping").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"})
    res = CliRunner().invoke(cli, ["zotero", "push", str(_items(tmp_path)), "--connector",
                                   "--connector-url", server.url_for("/").rstrip("/")])
    assert res.exit_code in (1, 2, 3) and "internal error" not in res.output, res.output
    assert "redirect" in res.output.lower()


def test_enrich_redirected_to_file_is_a_clean_error(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/works").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "article-journal", "title": "A study of things",
                                "author": [{"family": "Smith"}], "issued": {"date-parts": [[2000]]}}]),
                   "utf-8")
    res = CliRunner().invoke(cli, ["enrich", str(src), "--crossref-url", server.url_for("/").rstrip("/"),
                                   "--openlibrary-url", "none", "--cache", str(tmp_path / "c.sqlite"),
                                   "--to", "csl-json"])
    assert "internal error" not in res.output, res.output
    assert res.exit_code in (0, 1, 3)
    assert json.loads(res.stdout)[0]["id"] == "a"


@pytest.mark.parametrize("args", [["--library-id", "1", "--api-key", "k", "--api-url", "file:///etc"],
                                  ["--library-id", "1", "--api-key", "k", "--api-url", "http://[::1"],
                                  ["--connector", "--connector-url", "ftp://127.0.0.1/"]])
def test_zotero_urls_must_be_http(tmp_path: Path, args: list[str]) -> None:
    res = CliRunner().invoke(cli, ["zotero", "push", str(_items(tmp_path)), *args])
    assert res.exit_code == 2 and "not an http(s) URL" in res.stderr, res.output


@pytest.mark.parametrize("body", ["not json", "[1, 2", '{"success": "x"}', "9" * 5000, '"\\ud800"', "[]"])
@pytest.mark.parametrize("collection", [False, True])
def test_zotero_garbage_answers_are_clean_errors(server, tmp_path: Path, body: str,  # type: ignore[no-untyped-def]
                                                 collection: bool) -> None:
    path = "/users/1/collections" if collection else "/users/1/items"
    server.expect_request(path).respond_with_data(body, status=200, content_type="application/json")
    args = ["--collection", "X"] if collection else []
    res = CliRunner().invoke(cli, ["zotero", "push", str(_items(tmp_path)), "--library-id", "1",
                                   "--api-key", "k", "--api-url", server.url_for("/").rstrip("/"), *args])
    assert "internal error" not in res.output, res.output
    assert res.exit_code in (1, 2, 3)
