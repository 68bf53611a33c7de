"""The confidence report (issue 12): ``refs parse --report`` and ``refs build``'s report.json
list each record's low-confidence fields. The records' confidences are set here (by
wrapping the parser), so the tests do not depend on which parser fills them in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import build as pipeline
from refs.cli.main import cli
from refs.model import Provenance, Record
from refs.parse import confidence, fields

#: the confidence the fake parser gives each field; anything else gets 0.97
SURE = {"title": 0.42, "publisher": 0.61, "publisher-place": 0.79, "issued": 0.8}

TEXT = ("Asmus, Ronald D. Opening NATO's Door: How the Alliance Remade Itself for a New Era. "
        "New York: Columbia University Press, 2002.\n"
        "Talbott, Strobe. The Russia Hand: A Memoir of Presidential Diplomacy. "
        "New York: Random House, 2002.\n")


@pytest.fixture
def rated(monkeypatch):
    """The parser, with a confidence on every field it sets."""
    original = fields.parse_reference

    def parse(raw: str, source: str = "", line: int | None = None) -> Record:
        rec = original(raw, source=source, line=line)
        for name in [*rec.csl, "type"]:
            conf = SURE.get(name, 0.97) if "Talbott" not in raw else 0.99
            rec.provenance[name] = Provenance("parse", "test", conf)
        return rec

    monkeypatch.setattr(fields, "parse_reference", parse)


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("REFS_CACHE_DIR", str(tmp_path / "cache"))


def test_low_confidence_fields_least_sure_first() -> None:
    rec = Record(id="x", type="book", csl={
        "title": "Opening NATO's Door", "author": [{"family": "Asmus", "given": "Ronald D."}],
        "issued": {"date-parts": [[2002]]}, "publisher": "Columbia"})
    rec.provenance = {
        "title": Provenance("parse", "model", 0.5), "author": Provenance("parse", "model", 0.7),
        "issued": Provenance("parse", "model", 0.95), "publisher": Provenance("enrich", "crossref", 0.1),
        "page": Provenance("parse", "model", 0.2), "type": Provenance("parse", "model", 0.79)}
    got = confidence.low_confidence(rec)
    # publisher was replaced by enrichment, page is no longer in the record, issued is sure enough
    assert got == [{"field": "title", "confidence": 0.5, "value": "Opening NATO's Door"},
                   {"field": "author", "confidence": 0.7, "value": "Ronald D. Asmus"},
                   {"field": "type", "confidence": 0.79, "value": "book"}]
    assert confidence.low_confidence(rec, threshold=0.6) == got[:1]
    assert confidence.low_confidence(Record(id="y", csl={"title": "T"})) == []


def test_parse_report_lists_the_fields_to_check(rated, tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_text(TEXT, encoding="utf-8")
    out, rep = tmp_path / "refs.json", tmp_path / "check.json"
    result = CliRunner().invoke(cli, ["parse", str(src), "-o", str(out), "--report", str(rep)])
    assert result.exit_code == 0, result.output
    data = json.loads(rep.read_text(encoding="utf-8"))
    assert data["threshold"] == confidence.LOW_CONFIDENCE == 0.8
    assert data["summary"] == {"records": 2, "with_confidence": 2, "to_check": 1}
    [item] = data["records"]
    assert item["line"] == 1 and item["text"].startswith("Asmus, Ronald D.")
    assert item["id"].startswith("asmus")
    assert [(f["field"], f["confidence"]) for f in item["low_confidence"]] == [
        ("title", 0.42), ("publisher", 0.61), ("publisher-place", 0.79)]
    assert item["low_confidence"][1]["value"] == "Columbia University Press"
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2


def test_parse_report_without_confidences_is_empty(tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(src), "-o", str(tmp_path / "o.bib"), "--report", "-"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"]["records"] == 2 and data["summary"]["to_check"] == len(data["records"])


def test_parse_report_never_replaces_the_input(tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(src), "-o", str(tmp_path / "o.bib"), "--report", str(src)])
    assert result.exit_code == 2 and "input" in result.output
    assert src.read_text(encoding="utf-8") == TEXT
    result = CliRunner().invoke(cli, ["parse", str(src), "--report", "-"])
    assert result.exit_code == 2


def test_build_report_carries_low_confidence_fields(rated, tmp_path: Path) -> None:
    src = tmp_path / "reading.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    pipeline.build(src, pipeline.BuildConfig(out=out, offline=True, locales=("en-US",), styles=("apa",)))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_title = {r["title"][:12]: r for r in report["records"]}
    assert [f["field"] for f in by_title["Opening NATO"]["low_confidence"]] == [
        "title", "publisher", "publisher-place"]
    assert by_title["The Russia H"]["low_confidence"] == []
