"""Shape checks for the hand-labelled real reference strings in tests/data/parse_real/.

Every line must be one JSON object in the parse-eval schema with its page address as
provenance; the dev and held-out halves must not share a page or a string, and no
string may be one of the team's own hand-written evaluation strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data" / "parse_real"
EVAL = Path(__file__).resolve().parent / "data" / "parse_eval" / "references.jsonl"
FIELDS = {"type", "author", "editor", "title", "container-title", "volume", "issue", "page", "year",
          "publisher", "publisher-place", "DOI", "ISBN", "URL", "number"}
NAME_FIELDS = {"author", "editor"}
FILES = sorted(DATA.glob("*.jsonl"))


def _load(path: Path) -> list[dict[str, Any]]:
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{lineno}: blank line"
        item = json.loads(line)
        assert isinstance(item, dict), f"{path.name}:{lineno}: not an object"
        item["_where"] = f"{path.name}:{lineno}"
        items.append(item)
    return items


def test_files_present() -> None:
    names = {p.name for p in FILES}
    assert {"dev_a.jsonl", "holdout_a.jsonl"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_line_has_the_schema(path: Path) -> None:
    for item in _load(path):
        where = item["_where"]
        for key in ("text", "expected", "source", "lang"):
            assert key in item, f"{where}: missing {key}"
        assert isinstance(item["text"], str) and item["text"] == item["text"].strip() and item["text"]
        assert item["source"].startswith(("http://", "https://")), where
        exp = item["expected"]
        assert isinstance(exp.get("type"), str), f"{where}: expected.type"
        assert set(exp) <= FIELDS, f"{where}: unknown fields {set(exp) - FIELDS}"
        assert set(item.get("alternatives") or {}) <= FIELDS, where
        if "year" in exp:
            assert isinstance(exp["year"], int), where
        for field in NAME_FIELDS & set(exp):
            assert all(isinstance(n, str) and n for n in exp[field]), where
        for field in NAME_FIELDS & set(item.get("alternatives") or {}):
            assert all(isinstance(lst, list) for lst in item["alternatives"][field]), where
        if "page" in exp:
            assert "–" not in exp["page"] and "—" not in exp["page"], f"{where}: page ranges use '-'"


def test_splits_share_no_page_and_no_text() -> None:
    halves: dict[str, list[dict[str, Any]]] = {"dev": [], "holdout": []}
    for path in FILES:
        half = path.name.split("_")[0]
        assert half in halves, f"{path.name}: a data file is named dev_*.jsonl or holdout_*.jsonl"
        halves[half].extend(_load(path))
    dev_pages = {i["source"] for i in halves["dev"]}
    held_pages = {i["source"] for i in halves["holdout"]}
    assert not dev_pages & held_pages
    texts = [i["text"] for half in halves.values() for i in half]
    assert len(texts) == len(set(texts)), "a string appears twice"


def test_no_string_is_a_team_written_eval_string() -> None:
    own = {json.loads(line)["text"] for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()}
    for path in FILES:
        for item in _load(path):
            assert item["text"] not in own, item["_where"]
