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
    with pytest.raises(detect.FormatError, match="unknown format .odt."):
        detect.canonical("odt")


def test_from_path_and_sniff() -> None:
    assert detect.from_path("a/b.BIB") == "bibtex"
    assert detect.from_path("refs.json") == "csl-json"
    assert detect.from_path("-") is None
    assert detect.from_path("x.odt") is None
    assert detect.sniff('\ufeff [{"id": "a"}]') == "csl-json"
    assert detect.sniff("TY  - JOUR\nER  - \n") == "ris"
    assert detect.sniff("% comment\n@Article{a,\n title={x}}") == "bibtex"
    assert detect.sniff("Asmus, Ronald. Opening NATO's Door (2002)") == "text"
    assert detect.sniff("[1] Asmus, Ronald. Opening NATO's Door (2002)") == "text"  # numbered list
    assert detect.sniff("[]") == detect.sniff('{"items": []}') == "csl-json"


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


def test_wikitext_is_read_and_unknown_formats_are_format_errors() -> None:
    from refs import io

    library, _ = io.loads("* {{cite book |last=Doe |first=Jane |title=T |year=2001}}", "wikitext")
    assert [r.title for r in library.records] == ["T"]
    with pytest.raises(io.FormatError, match="unknown format 'odt'"):
        io.loads("x", "odt")


def test_import_refs_is_light_and_stages_load_on_use() -> None:
    """``import refs`` loads no stage, citeproc or HTTP code; then every stage is a call away,
    whichever of ``refs.render`` (package) or ``refs.render(...)`` (stage) comes first."""
    code = """
import sys, refs
heavy = [m for m in sys.modules if m.split(".")[0] in ("citeproc", "requests", "bibtexparser",
         "pycrfsuite", "rapidfuzz", "click") or m.startswith(("refs.parse", "refs.render",
         "refs.enrich", "refs.dedup", "refs.links", "refs.cli"))]
assert heavy == [], heavy
import refs.render.styles                  # the package first ...
assert callable(refs.render) and refs.render.render.__name__ == "render"
from refs import dedup, enrich
assert dedup.dedup.__name__ == "dedup" and callable(enrich)
assert refs.parse_text.__name__ == "parse_text" and refs.check_links.__name__ == "check_links"
records, report = refs.parse_text("Asmus, Ronald D. (2002). Opening NATO's Door. New York: Columbia UP.")
assert records[0].csl["issued"] == {"date-parts": [[2002]]}
records, report = refs.dedup(records + [r.copy() for r in records])
assert len(records) == 1 and report.stage == "dedup"
text = refs.render(records, style="apa")
assert "Asmus" in text and "2002" in text
library, report = refs.loads("@book{k, title = {T}, year = 2001}", "bibtex")
assert refs.dumps(library, "csl-json").startswith("[")
try:
    refs.no_such_thing
except AttributeError:
    pass
else:
    raise AssertionError("refs.no_such_thing")
"""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-W", "error::ImportWarning", "-c", code],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr


def test_read_and_write_from_the_package(tmp_path: Path) -> None:
    import refs

    src = tmp_path / "in.ris"
    src.write_text("TY  - BOOK\nTI  - Opening NATO's Door\nAU  - Asmus, Ronald D.\nPY  - 2002\nER  - \n",
                   "utf-8")
    library, report = refs.read(src)
    assert library.format == "ris" and report.errors == []
    refs.write(library, tmp_path / "out.bib")
    text = (tmp_path / "out.bib").read_text("utf-8")
    assert text.startswith("@book{") and "title = {Opening {NATO}'s Door}" in text
    refs.write(library.records, tmp_path / "out.json")  # the list a stage returns will do
    assert refs.read(tmp_path / "out.json")[0].records[0].title == "Opening NATO's Door"
