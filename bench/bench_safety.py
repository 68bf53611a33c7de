"""What the input checks of issue 16 cost: reading a generated 10,000-entry .bib
through ``refs.io.loads`` (decoding, control-character removal, CSL-JSON shape check,
unique ids) against the bare BibTeX reader, and the same for CSL-JSON.

    python bench/bench_safety.py [-n 10000] [--repeat 5]

Prints one table: CPU seconds (best of ``repeat``) for the bare reader, the full read,
and the overhead in percent.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_bibtex import _clear_caches, make_bib  # noqa: E402

from refs import io  # noqa: E402
from refs.io import bibtex, clean, csljson  # noqa: E402


def cpu(fn: Callable[[], object]) -> float:
    _clear_caches()
    gc.collect()
    t0 = time.process_time()  # CPU time: the machine is shared, wall time is noise
    fn()
    return time.process_time() - t0


def best_pair(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best CPU time of each, measured in alternating rounds."""
    ta = tb = float("inf")
    for _ in range(repeat):
        ta = min(ta, cpu(a))
        tb = min(tb, cpu(b))
    return ta, tb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    bib = make_bib(args.n)
    library, _ = bibtex.loads(bib, "bench.bib")
    js = csljson.dumps(library, lossless=False)
    rows = []
    for name, bare, full in (
        ("BibTeX", lambda: bibtex.loads(bib, "bench.bib"),
         lambda: io.loads(clean.clean_text(bib)[0], "bibtex")),
        ("CSL-JSON", lambda: csljson.loads(js, "bench.json"),
         lambda: io.loads(clean.clean_text(js)[0], "csl-json")),
    ):
        a, b = best_pair(bare, full, args.repeat)
        rows.append((name, a, b, 100 * (b - a) / a))
    print(f"{args.n:,} records, CPU seconds, best of {args.repeat}")
    print(f"{'format':<10} {'reader s':>9} {'refs.io s':>10} {'overhead':>9}")
    for name, a, b, pct in rows:
        print(f"{name:<10} {a:>9.3f} {b:>10.3f} {pct:>8.1f}%")


if __name__ == "__main__":
    main()
