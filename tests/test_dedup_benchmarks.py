"""Accuracy floors on the shared Cora and DBLP-ACM benchmarks (skipped without ../shared).

The bench (bench/bench_dedup.py) prints the full table; these floors only catch
regressions, a little under the measured numbers.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data" / "dedup"

pytestmark = pytest.mark.skipif(not DATA.exists(), reason="shared benchmark data not available")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_dedup", ROOT / "bench" / "bench_dedup.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cora_pairwise_f1() -> None:
    bench = _bench()
    records, gold = bench.load_cora()
    s = bench.score(bench.run_refs(records), gold)
    assert s["P"] >= 0.98
    assert s["F1"] >= 0.955


def test_dblp_acm_pairwise_f1() -> None:
    bench = _bench()
    records, gold = bench.load_dblp_acm()
    s = bench.score(bench.run_refs(records), gold)
    assert s["P"] >= 0.96
    assert s["F1"] >= 0.965


def test_scoring_counts_every_pair() -> None:
    bench = _bench()
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    s = bench.score([["a", "b"]], gold)
    assert s["P"] == 1.0 and abs(s["R"] - 1 / 3) < 1e-9
    s = bench.score([["a", "b", "c", "d"]], gold)
    assert s["R"] == 1.0 and s["P"] == 0.5
