"""``refs parse`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from refs.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"


def test_parse_seed_to_csl_json(tmp_path):
    out = tmp_path / "refs.json"
    result = CliRunner().invoke(cli, ["parse", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 27
    assert items[0]["id"] == "azmus2002opening" and items[-1]["id"] == "wohlforth2017abiding"


def test_parse_stdin_to_ris():
    text = "Smith, John. The Book of Things. London: Penguin, 2010.\n"
    result = CliRunner().invoke(cli, ["parse", "-", "--to", "ris"], input=text)
    assert result.exit_code == 0, result.output
    assert "TY  - BOOK" in result.output and "Penguin" in result.output


def test_parse_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_parse_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(cli, ["parse", "-", "--to", "docx"], input="x\n")
    assert result.exit_code == 2
