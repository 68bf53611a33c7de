"""Format detection and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refs.io import atomic, detect


def test_canonical_names() -> None:
    assert detect.canonical("BIB") == "bibtex"
    assert detect.canonical("json") == "csl-json"
    assert detect.canonical("ris") == "ris"
    with pytest.raises(detect.FormatError, match="unknown format 'docx'"):
        detect.canonical("docx")


def test_from_path_and_sniff() -> None:
    assert detect.from_path("a/b.BIB") == "bibtex"
    assert detect.from_path("refs.json") == "csl-json"
    assert detect.from_path("-") is None
    assert detect.from_path("x.docx") is None
    assert detect.sniff('\ufeff [{"id": "a"}]') == "csl-json"
    assert detect.sniff("TY  - JOUR\nER  - \n") == "ris"
    assert detect.sniff("% comment\n@Article{a,\n title={x}}") == "bibtex"
    assert detect.sniff("Asmus, Ronald. Opening NATO's Door (2002)") == "text"


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.bib"
    atomic.write_text(target, "first")
    assert target.read_text() == "first"
    os.chmod(target, 0o600)
    atomic.write_text(target, "second ✓")
    assert target.read_text(encoding="utf-8") == "second ✓"
    assert (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["out.bib"]


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
