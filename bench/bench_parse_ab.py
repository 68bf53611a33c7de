"""A/B speed of ``parse_reference`` between two checkouts, in alternating fresh processes.

Run: ``python bench/bench_parse_ab.py OTHER_CHECKOUT [--runs 8]`` (``OTHER_CHECKOUT``: the
root of another checkout of refs, e.g. the main one; this checkout is the second column).

Each run is :func:`bench_parse.speed`'s process (the gold strings' first half, every word
new, then the second half with the caches warm; CPU time on one core), started once for
each checkout in turn, the order swapped every run: on a shared machine the load drifts
between runs, and alternating gives both sides the same drift. Prints each side's median,
minimum and maximum references per second for both halves, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import GOLD, ROOT  # noqa: E402

CODE = ("import json, sys, time; from refs.parse import parse_reference; "
        "parse_reference('Smith, J. (2001). Title. Journal, 1, 2-3.')\n"
        "texts = json.load(sys.stdin)\n"
        "for half in (texts[: len(texts) // 2], texts[len(texts) // 2:]):\n"
        "    cpu = time.process_time()\n"
        "    for s in half: parse_reference(s)\n"
        "    print(len(half) / (time.process_time() - cpu))")


def run(root: Path, texts: list[str]) -> tuple[float, float]:
    """(first half, second half) references per second of one fresh process of ``root``."""
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=root,
                         input=json.dumps(texts), env={**os.environ, "PYTHONPATH": str(root)}, check=True)
    cold, warm = (float(x) for x in out.stdout.split()[:2])
    return cold, warm


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("other", type=Path, help="the root of the other checkout (column A)")
    ap.add_argument("--runs", type=int, default=8, help="processes per checkout (default 8)")
    args = ap.parse_args()
    if not GOLD.exists():
        print(f"{GOLD} is missing (set REFS_SHARED)")
        return 2
    if not (args.other / "refs" / "parse").is_dir():
        print(f"{args.other} is not a checkout of refs")
        return 2
    texts = [json.loads(x)["text"] for x in GOLD.open(encoding="utf-8")]
    roots = {"A": args.other.resolve(), "B": ROOT}
    rates: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for k in range(max(1, args.runs)):
        for side in ("A", "B") if k % 2 == 0 else ("B", "A"):
            rates[side].append(run(roots[side], texts))
    print(f"{'':4}{'checkout':<40}{'second half (warm) /s':>28}{'first half (new words) /s':>30}")
    for side, root in roots.items():
        cells = []
        for half in (1, 0):
            xs = [r[half] for r in rates[side]]
            cells.append(f"{statistics.median(xs):,.0f} ({min(xs):,.0f}–{max(xs):,.0f})")
        print(f"{side:<4}{str(root)[-39:]:<40}{cells[0]:>28}{cells[1]:>30}")
    ratio = [statistics.median(r[h] for r in rates["B"]) / statistics.median(r[h] for r in rates["A"])
             for h in (1, 0)]
    print(f"B/A (medians of {args.runs} alternating runs each): second half {ratio[0]:.3f}, "
          f"first half {ratio[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
