"""``refs dedup`` on the command line: CSL-JSON and BibTeX in, report out, dry runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs.cli.main import cli

NATO = [
    {
        "id": "azmus2002opening",
        "type": "book",
        "author": [{"family": "Azmus", "given": "Ronald D."}],
        "title": "Opening NATO's Door",
        "issued": {"date-parts": [[2002]]},
        "page": "210",
    },
    {
        "id": "asmus2002opening",
        "type": "book",
        "author": [{"family": "Asmus", "given": "Ronald"}],
        "title": "Opening NATO's Door: How the Alliance Remade Itself for a New Era",
        "issued": {"date-parts": [[2002]]},
    },
    {
        "id": "tsygankov2018sources",
        "type": "article-journal",
        "author": [{"family": "Tsygankov", "given": "Andrei P."}],
        "title": "The sources of Russia's fear of NATO",
        "container-title": "Communist and Post-Communist Studies",
        "volume": "51",
        "issue": "2",
        "page": "101-111",
        "issued": {"date-parts": [[2018]]},
    },
    {
        "id": "tsygankov2018nato",
        "type": "article-journal",
        "author": [{"family": "Tsygankov", "given": "Andrei P."}],
        "title": "NATO, Russia, and regional security in Europe and Eurasia. Introduction to the issue",
        "container-title": "Communist and Post-Communist Studies",
        "volume": "51",
        "issue": "2",
        "page": "89-90",
        "issued": {"date-parts": [[2018]]},
    },
]


@pytest.fixture()
def nato_json(tmp_path: Path) -> Path:
    path = tmp_path / "nato.json"
    path.write_text(json.dumps(NATO), encoding="utf-8")
    return path


def test_csl_json_in_out_with_report(nato_json: Path, tmp_path: Path) -> None:
    out, rep = tmp_path / "out.json", tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["dedup", str(nato_json), "-o", str(out), "--report", str(rep)])
    assert result.exit_code == 0, result.output
    report = json.loads(rep.read_text(encoding="utf-8"))
    assert report["groups"] == [["asmus2002opening", "azmus2002opening"]]
    assert report["key_map"] == {"azmus2002opening": "asmus2002opening"}
    assert (
        "author spelled differently (azmus / asmus)"
        in report["reasons"]["asmus2002opening"]["azmus2002opening"]
    )
    assert report["conflicts"]["asmus2002opening"][0]["field"] == "author"
    why = report["evidence"]["asmus2002opening"]["azmus2002opening"]
    assert why["with"] == "asmus2002opening" and why["score"] >= why["threshold"]
    assert {e["field"] for e in why["evidence"]} >= {"title", "authors", "year"}
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == ["asmus2002opening", "tsygankov2018sources", "tsygankov2018nato"]
    # the terminal summary says what matched and why
    assert "Group 1: keep asmus2002opening" in result.output
    assert "why: same title, one without its subtitle" in result.output


def test_dry_run_writes_nothing(nato_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["dedup", str(nato_json), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0
    assert not out.exists()
    assert "1 group(s) of duplicates: 4 records -> 3" in result.output


def test_bibtex_in_and_out_keeps_old_keys_as_ids(tmp_path: Path) -> None:
    pytest.importorskip("refs.io.bibtex")
    bib = tmp_path / "in.bib"
    bib.write_text(
        "@book{talbott2002,\n  author = {Talbott, Strobe},\n"
        "  title = {The Russia Hand: A Memoir of Presidential Diplomacy},\n  year = {2002},\n"
        "  publisher = {Random House}\n}\n\n"
        "@book{talbott2002a,\n  author = {Strobe Talbott},\n"
        "  title = {The Russia Hand: A memoir of Presidential Diplomacy},\n  year = {2002}\n}\n",
        encoding="utf-8",
    )
    out, rep = tmp_path / "out.bib", tmp_path / "rep.json"
    result = CliRunner().invoke(cli, ["dedup", str(bib), "-o", str(out), "--report", str(rep)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("@book") == 1
    assert "ids = {talbott2002a}" in text
    assert json.loads(rep.read_text())["key_map"] == {"talbott2002a": "talbott2002"}


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dedup", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert "Traceback" not in result.output


def test_near_misses_are_shown(tmp_path: Path) -> None:
    items = [
        {
            "id": "k1994",
            "type": "book",
            "author": [{"family": "Kissinger", "given": "Henry"}],
            "title": "Diplomacy",
            "issued": {"date-parts": [[1994]]},
        },
        {
            "id": "k1995",
            "type": "book",
            "author": [{"family": "Kissinger", "given": "Henry"}],
            "title": "Diplomacy",
            "issued": {"date-parts": [[1995]]},
        },
    ]
    path = tmp_path / "k.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    rep = tmp_path / "rep.json"
    result = CliRunner().invoke(cli, ["dedup", str(path), "--dry-run", "--report", str(rep)])
    assert result.exit_code == 0
    assert "Not merged" in result.output
    report = json.loads(rep.read_text())
    assert report["groups"] == [] and report["key_map"] == {}
    assert report["near_misses"][0]["ids"] == ["k1994", "k1995"]
    assert report["near_misses"][0]["why"].startswith("not merged because")


def _split_runner() -> CliRunner:
    """A runner keeping stderr apart from stdout (click before 8.2 mixes them by default)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def test_report_to_stdout_needs_the_records_elsewhere(nato_json: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dedup", str(nato_json), "--report", "-"])
    assert result.exit_code == 2
    assert "--report -" in result.output and "Traceback" not in result.output
    out = tmp_path / "out.json"
    result = _split_runner().invoke(cli, ["dedup", str(nato_json), "--report", "-", "-o", str(out)])
    assert result.exit_code == 0
    report = json.loads(result.stdout)  # the JSON alone on stdout, the summary on stderr
    assert report["groups"] == [["asmus2002opening", "azmus2002opening"]]
    assert report["key_map"] == {"azmus2002opening": "asmus2002opening"}
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3


def test_broken_bibtex_entry_is_reported_with_its_line(tmp_path: Path) -> None:
    pytest.importorskip("refs.io.bibtex")
    bib = tmp_path / "bad.bib"
    bib.write_text("@book{ok,\n  title = {Fine},\n  year = {2001}\n}\n\n@article{x,\n  title = {Unclosed\n")
    result = CliRunner().invoke(cli, ["dedup", str(bib), "--dry-run"])
    assert result.exit_code == 1
    assert "bad.bib:6" in result.output and "Traceback" not in result.output
