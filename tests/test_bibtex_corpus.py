"""The real-world .bib corpus in ../shared/data/bib: nothing crashes, unchanged files
are written back as read. Skipped when the shared data is absent. The big files
are left to bench/bench_bibtex.py to keep the suite fast."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refs.io import bibtex, read_text
from refs.model import Report

SHARED = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
BIB = SHARED / "data" / "bib"
FILES = sorted(p for p in BIB.rglob("*.bib") if p.stat().st_size < 150_000) if BIB.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason="shared .bib corpus not available")


def _text(path: Path) -> str:
    text = read_text(path, Report(stage="read"))
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def test_corpus_round_trip_is_exact() -> None:
    differ = []
    for path in FILES:
        text = _text(path)
        library, report = bibtex.loads(text, str(path))
        assert isinstance(report.problems, list)
        if bibtex.dumps(library).rstrip() != text.rstrip():
            differ.append(str(path.relative_to(BIB)))
    assert differ == []


def test_xampl_crossref_and_macros() -> None:
    path = BIB / "xampl.bib"
    if not path.exists():
        pytest.skip("xampl.bib not available")
    library, report = bibtex.loads(_text(path), "xampl.bib")
    recs = library.by_id()
    assert len(recs) >= 30
    # crossref: the inproceedings child gets the parent's booktitle and year
    child = recs["inproceedings-crossref"]
    assert child.bibtex is not None and "year" not in {n.lower() for n, _ in child.bibtex.fields}
    parent = recs[child.bibtex.get("crossref").strip("{}\"")]
    assert child.csl["container-title"] == parent.csl["title"]
    assert child.csl["issued"] == parent.csl["issued"]
    # @string macros from mid-file and month macros resolve
    assert recs["article-full"].csl["issued"] == {"date-parts": [[1986, 7]]}
    assert not report.errors
