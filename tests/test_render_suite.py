"""The official CSL processor fixtures (bibliography mode, no citations) through
the html renderer: the pass rate must stay at or above 95%. Skips when the shared
data folder is absent."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from refs.render import render

SHARED = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SUITE = SHARED / "data" / "csl-test-suite" / "humans"
_SECTION = re.compile(r">>=+\s*([A-Z-]+)\s*=+>>\n?(.*?)\n?<<=+\s*\1\s*=+<<", re.S)


def _fixtures() -> list[dict[str, str]]:
    out = []
    for p in sorted(SUITE.glob("*.txt")):
        sec = {m.group(1): m.group(2) for m in _SECTION.finditer(p.read_text(encoding="utf-8-sig"))}
        if sec.get("MODE", "").strip() == "bibliography" and "CITATIONS" not in sec \
                and "CITATION-ITEMS" not in sec:
            sec["NAME"] = p.stem
            out.append(sec)
    return out


def _canon(s: str) -> str:
    return "\n".join(line.rstrip() for line in s.replace("&amp;", "&#38;").strip().splitlines())


@pytest.mark.skipif(not SUITE.is_dir(), reason="shared CSL test suite not available")
def test_bibliography_fixtures_pass_rate(tmp_path) -> None:
    fixtures = _fixtures()
    assert len(fixtures) >= 150
    failed = []
    for fx in fixtures:
        style = tmp_path / f"{fx['NAME']}.csl"
        style.write_text(fx["CSL"], encoding="utf-8")
        items = json.loads(fx["INPUT"])
        for n, it in enumerate(items):
            it.setdefault("id", f"item-{n + 1}")
        got = render(items, str(style), None, "html")
        if _canon(got) != _canon(fx["RESULT"]):
            failed.append(fx["NAME"])
    rate = 1 - len(failed) / len(fixtures)
    assert rate >= 0.95, f"{rate:.1%} passed; failures: {failed}"


@pytest.mark.skipif(not SUITE.is_dir(), reason="shared CSL test suite not available")
def test_whole_suite_with_citations_pass_rate() -> None:
    """All 845 fixtures (citation and bibliography mode) with citeproc-js's runner
    semantics, through bench/bench_csl_suite.py: at least 0.90 must pass."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bench" / "bench_csl_suite.py"
    spec = importlib.util.spec_from_file_location("bench_csl_suite", path)
    assert spec is not None and spec.loader is not None
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    paths = sorted(SUITE.glob("*.txt"))
    assert len(paths) >= 800
    failed = [p.stem for p in paths if not runner.run_fixture(p)[0]]
    rate = 1 - len(failed) / len(paths)
    assert rate >= 0.90, f"{rate:.1%} passed; failures: {failed}"
