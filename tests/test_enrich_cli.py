"""``refs enrich`` on the command line: output, report, environment, exit statuses."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "servers"))

from crossref_server import CrossrefServer, work  # noqa: E402

from refs.cli.main import cli  # noqa: E402

WORKS = [
    work(
        "10.5555/cli.1",
        "Charges ride the spin wave",
        [("Timo", "Kuschel")],
        2014,
        container="Nature Nanotechnology",
        volume="10",
    )
]
INPUT = [
    {
        "id": "k1",
        "type": "article-journal",
        "title": "Charges ride the spin wave",
        "author": [{"family": "Kuschel", "given": "T."}],
        "issued": {"date-parts": [[2014]]},
    }
]


@pytest.fixture()
def server():
    with CrossrefServer(WORKS) as srv:
        yield srv


@pytest.fixture()
def infile(tmp_path: Path) -> Path:
    p = tmp_path / "in.json"
    p.write_text(json.dumps(INPUT), encoding="utf-8")
    return p


def run(args: list[str], env: dict[str, str]) -> object:
    return CliRunner().invoke(cli, args, env={"REFS_OPENLIBRARY_URL": "none", **env})


def test_enrich_writes_output_and_report(server: CrossrefServer, infile: Path, tmp_path: Path) -> None:
    out, rep = tmp_path / "out.json", tmp_path / "report.json"
    res = run(
        [
            "enrich",
            str(infile),
            "-o",
            str(out),
            "--report",
            str(rep),
            "--cache",
            str(tmp_path / "c.db"),
            "--mailto",
            "me@example.org",
        ],
        {"REFS_CROSSREF_URL": server.url},
    )
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    data = json.loads(out.read_text())
    assert data[0]["DOI"] == "10.5555/cli.1" and data[0]["volume"] == "10"
    report = json.loads(rep.read_text())
    assert report["stage"] == "enrich" and report["items"][0]["status"] == "enriched"
    assert "mailto:me@example.org" in server.log[0]["user_agent"]


def test_mailto_and_url_from_environment(server: CrossrefServer, infile: Path, tmp_path: Path) -> None:
    res = run(
        ["enrich", str(infile), "--cache", str(tmp_path / "c.db")],
        {"REFS_CROSSREF_URL": server.url, "REFS_MAILTO": "env@example.org"},
    )
    assert res.exit_code == 0
    assert "mailto:env@example.org" in server.log[0]["user_agent"]
    assert '"DOI": "10.5555/cli.1"' in res.stdout  # type: ignore[attr-defined]


def test_second_run_and_offline_make_no_requests(
    server: CrossrefServer, infile: Path, tmp_path: Path
) -> None:
    env = {"REFS_CROSSREF_URL": server.url}
    cache = str(tmp_path / "c.db")
    assert run(["enrich", str(infile), "--cache", cache], env).exit_code == 0  # type: ignore[attr-defined]
    n = server.requests
    res = run(["enrich", str(infile), "--cache", cache], env)
    res_off = run(["enrich", str(infile), "--cache", cache, "--offline"], env)
    assert server.requests == n
    assert '"10.5555/cli.1"' in res.stdout and '"10.5555/cli.1"' in res_off.stdout  # type: ignore[attr-defined]


def test_network_down_exits_3_with_one_notice_and_unchanged_records(infile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = run(
        ["enrich", str(infile), "-o", str(out), "--cache", str(tmp_path / "c.db")],
        {"REFS_CROSSREF_URL": "http://127.0.0.1:9"},
    )
    assert res.exit_code == 3  # type: ignore[attr-defined]
    assert res.stderr.count("network unavailable") == 1  # type: ignore[attr-defined]
    assert json.loads(out.read_text()) == INPUT
    assert "Traceback" not in res.output  # type: ignore[attr-defined]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    res = run(["enrich", str(tmp_path / "nope.bib")], {})
    assert res.exit_code == 2 and "no such file" in res.stderr  # type: ignore[attr-defined]


def test_bad_url_is_a_usage_error(infile: Path) -> None:
    res = run(["enrich", str(infile), "--crossref-url", "api.example.org"], {})
    assert res.exit_code == 2 and "not an http(s) URL" in res.stderr  # type: ignore[attr-defined]



@pytest.mark.parametrize("option", ["-o", "--report"])
def test_output_or_report_onto_the_input_is_refused(infile: Path, option: str) -> None:
    """Regression: ``--report in.json`` replaced the input with the report."""
    before = infile.read_bytes()
    res = run(["enrich", str(infile), option, str(infile), "--offline"], {})
    assert res.exit_code == 2 and "is the input file" in res.stderr  # type: ignore[attr-defined]
    assert infile.read_bytes() == before


def test_empty_and_malformed_input_fail_cleanly(tmp_path: Path) -> None:
    for name, text in (("empty.json", ""), ("bad.json", '[{"id": "x",')):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        res = run(["enrich", str(p), "--offline", "--cache", str(tmp_path / "c.sqlite")], {})
        assert res.exception is None or isinstance(res.exception, SystemExit)
        assert "Traceback" not in res.output
        assert p.read_text(encoding="utf-8") == text
    assert res.exit_code == 1 and "invalid JSON" in res.stderr  # type: ignore[attr-defined]


def test_bad_mailto_is_a_usage_error(infile: Path) -> None:
    """Regression: a mailto with a line break made requests refuse the header, reported
    as "cannot use the cache"."""
    res = run(["enrich", str(infile), "--mailto", "me@example.org\r\nX-Evil: 1"], {})
    assert res.exit_code == 2 and "--mailto: not an e-mail address" in res.stderr  # type: ignore[attr-defined]
    res = run(["enrich", str(infile), "--offline"], {"REFS_MAILTO": "nobody"})
    assert res.exit_code == 2 and "not an e-mail address" in res.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize("url", ["http://[::1", "http://", "api.example.org/works"])
def test_malformed_service_urls_are_usage_errors(infile: Path, url: str) -> None:
    """Regression: ``http://`` was reported as "cannot use the cache", ``http://[::1`` as a
    bare "Invalid IPv6 URL"."""
    for option in ("--crossref-url", "--openlibrary-url"):
        res = run(["enrich", str(infile), option, url], {})
        assert res.exit_code == 2, res.output
        assert f"{option}: not an http(s) URL" in res.stderr  # type: ignore[attr-defined]


def test_offline_with_an_empty_cache_says_so_and_exits_3(infile: Path, tmp_path: Path) -> None:
    """Offline, a record that needs a lookup the cache cannot answer is the network being
    unavailable: one notice, the records written unchanged, status 3."""
    out = tmp_path / "out.json"
    cache = tmp_path / "fresh.sqlite"
    res = run(["enrich", str(infile), "-o", str(out), "--cache", str(cache), "--offline"], {})
    assert res.exit_code == 3, res.output  # type: ignore[attr-defined]
    notice = "refs: offline: 1 of 1 record(s) needed a lookup"
    assert res.stderr.count(notice) == 1  # type: ignore[attr-defined]
    assert "is not there yet" in res.stderr  # type: ignore[attr-defined]
    assert json.loads(out.read_text()) == INPUT


def test_offline_with_nothing_to_look_up_exits_0(tmp_path: Path) -> None:
    """No record needed a lookup (no DOI, no title): offline is not a failure then."""
    p = tmp_path / "in.json"
    p.write_text(json.dumps([{"id": "x", "type": "article-journal", "note": "just a note"}]),
                 encoding="utf-8")
    res = run(["enrich", str(p), "--offline", "--cache", str(tmp_path / "c.sqlite")], {})
    assert res.exit_code == 0, res.output  # type: ignore[attr-defined]
    assert "offline:" not in res.stderr  # type: ignore[attr-defined]


def test_offline_after_a_run_is_quiet_and_exits_0(
    server: CrossrefServer, infile: Path, tmp_path: Path
) -> None:
    cache = str(tmp_path / "c.db")
    env = {"REFS_CROSSREF_URL": server.url}
    assert run(["enrich", str(infile), "--cache", cache], env).exit_code == 0  # type: ignore[attr-defined]
    res = run(["enrich", str(infile), "--cache", cache, "--offline"], env)
    assert res.exit_code == 0 and "offline:" not in res.stderr  # type: ignore[attr-defined]
