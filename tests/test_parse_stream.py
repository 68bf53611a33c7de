"""``refs parse`` streams: each record written as it is found, the files the same as when
every record is held (keys, order, every format, the report)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import io
from refs.cli.main import cli
from refs.io import atomic
from refs.keys import KeyAssigner, assign_keys
from refs.model import Record, Report
from refs.parse import confidence, parse_text, stream_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"


def _text() -> str:
    """The seed article, a reading list with a repeated line (same keys: a, b suffixes), a
    line without a title and prose."""
    lines = [json.loads(x)["text"] for x in (ROOT / "tests/data/parse/holdout_a.jsonl").read_text(
        encoding="utf-8").splitlines() if x.strip()][:30]
    return SEED.read_text(encoding="utf-8") + "\n\n" + "\n".join(lines + lines[:3]) + \
        "\nSmith, J. 2001. 12(3), 45-67.\n\nThe council met in 2002 and again in 2004.\n"


def test_stream_text_gives_parse_texts_records_and_report() -> None:
    text = _text()
    whole, report = parse_text(text, source="x.txt")
    streamed_report = Report(stage="parse")
    streamed = list(stream_text(text, streamed_report, source="x.txt"))
    assert [r.to_dict() for r in streamed] == [r.to_dict() for r in whole]
    assert len({r.id for r in streamed}) == len(streamed) > 40
    assert streamed_report.to_dict() == report.to_dict()
    assert any("title" in p.message for p in report.problems)
    empty = Report(stage="parse")
    assert list(stream_text("Nothing to see here.\n", empty)) == []
    assert empty.to_dict() == parse_text("Nothing to see here.\n")[1].to_dict()


def test_key_assigner_is_assign_keys_one_at_a_time() -> None:
    recs = [Record(id="", csl={"title": t, "author": [{"family": "Lee"}], "issued": {"date-parts": [[2001]]}})
            for t in ("Ships", "Ships", "Ports", "Ships")]
    copies = [r.copy() for r in recs]
    assign_keys(recs, taken=["lee2001ships"])
    keys = KeyAssigner({"lee2001ships"})
    for r in copies:
        keys.assign(r)
    assert [r.id for r in copies] == [r.id for r in recs]
    assert [r.id for r in recs] == ["lee2001shipsa", "lee2001shipsb", "lee2001ports", "lee2001shipsc"]


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris", "wikitext"])
def test_write_stream_writes_what_write_writes(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
                                               ) -> None:
    records, _ = parse_text(_text())
    records[0].csl["title"] = "Bell\x07 and \ue040marker"  # (cleaned on the way out, chunk by chunk)
    io.write(records, tmp_path / "whole", fmt)
    io.write_stream(iter(records), tmp_path / "stream", fmt)
    assert (tmp_path / "stream").read_bytes() == (tmp_path / "whole").read_bytes()
    io.write_stream(iter(records), "-", fmt)
    assert capsys.readouterr().out == (tmp_path / "whole").read_bytes().decode("utf-8")
    io.write([], tmp_path / "none", fmt)
    io.write_stream(iter([]), tmp_path / "none-stream", fmt)
    assert (tmp_path / "none-stream").read_bytes() == (tmp_path / "none").read_bytes()


def test_io_stream_of_text_is_read(tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_bytes(b"\xef\xbb\xbf" + _text().encode("utf-8"))
    library, report = io.read(src)
    records, streamed_report, fmt = io.stream(src)
    assert fmt == "text" and not isinstance(records, list)
    assert [r.to_dict() for r in records] == [r.to_dict() for r in library.records]
    assert streamed_report.to_dict() == report.to_dict()
    bib = tmp_path / "x.bib"
    bib.write_text("@book{a, title={T}, year={2001}}\n", encoding="utf-8")
    records, _, fmt = io.stream(bib)
    assert fmt == "bibtex" and [r.id for r in records] == ["a"]
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing to see here at all.\n", encoding="utf-8")
    records, streamed_report, _ = io.stream(empty)
    assert list(records) == [] and streamed_report.summary.get("no_records")
    assert streamed_report.to_dict() == io.read(empty)[1].to_dict()


def test_a_failing_stream_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old\n", encoding="utf-8")

    def chunks():
        yield b"new"
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        atomic.write_chunks(target, chunks())
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["out.bib"]


@pytest.mark.parametrize("suffix", [".bib", ".json", ".ris"])
def test_cli_parse_streams_the_same_file_and_report(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / "list.txt"
    src.write_text(_text(), encoding="utf-8")
    out, rep = tmp_path / f"out{suffix}", tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["parse", str(src), "-o", str(out), "--report", str(rep)])
    assert result.exit_code == 0, result.output
    records, _ = parse_text(_text(), source=str(src))
    assert out.read_bytes().decode("utf-8") == io.dumps(records, io.detect.from_path(str(out)) or "")
    assert json.loads(rep.read_text(encoding="utf-8")) == json.loads(json.dumps(confidence.report(records)))
    assert f"refs parse: {len(records)} references found" in result.output
    assert "reference without a recognisable title" in result.output


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris", "wikitext"])
def test_each_record_is_written_before_the_next_is_asked_for(fmt: str, capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    records, _ = parse_text(_text())
    seen: list[str] = []

    def records_one_by_one():
        for i, rec in enumerate(records[:5]):
            if i:
                seen.append(capsys.readouterr().out)
            yield rec

    io.write_stream(records_one_by_one(), "-", fmt)
    seen.append(capsys.readouterr().out)
    assert len(seen) == 5 and all(seen)
    assert "".join(seen) == io.dumps(records[:5], fmt)
