"""Bench for the parse model's tagging step: what handing the features to crfsuite costs.

Run: ``python bench/bench_parse_tagger.py [--rounds N]``.

Over AnyStyle's gold strings (from ../shared or $REFS_SHARED; features computed once,
caches warm), CPU time per reference of each way of calling python-crfsuite's tagger, the
minimum and the median over ``--rounds`` rounds (the machine is shared: the minimum is
the steadier figure):

* ``set(str)``: handing over the feature lists as :func:`refs.parse.features.features`
  gives them (what :func:`refs.parse.model.label` does, inside ``tag``);
* ``set(bytes)``: the same strings encoded to UTF-8 beforehand;
* ``set(known str)``: only the attributes the model has a weight for (read with
  ``Tagger.info()``); the others are ignored by crfsuite anyway, so tags and marginals
  do not change (checked here on every string);
* ``set(known bytes)``: both;
* ``tag(str)`` / ``tag + marginals``: ``set`` with Viterbi, then with one marginal a token
  as ``label`` computes them;
* ``features``: computing the feature lists (caches warm);
* ``parse_reference, strings`` / ``parse_reference, kept bytes``: the whole parse of every
  string (in references a second of CPU time, maximum and median), with ``model.label``
  handing crfsuite the lists of ``features()`` (as before) or what it hands over now,
  alternating round by round in this one process, every cache warm.

It also prints the share of generated attribute strings the model knows, which bounds
what filtering the unknown ones can save.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.parse import model  # noqa: E402
from refs.parse.features import assembled, features  # noqa: E402
from refs.parse.fields import parse_reference  # noqa: E402
from refs.parse.model import tagger  # noqa: E402

SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "data" / "anystyle" / "gold.jsonl"


def _per_ref(run: Callable[[], None], n: int, rounds: int) -> tuple[float, float]:
    """(minimum, median) CPU microseconds per reference of ``run`` over ``rounds`` rounds."""
    times = []
    for _ in range(rounds):
        cpu = time.process_time()
        run()
        times.append((time.process_time() - cpu) / n * 1e6)
    return min(times), statistics.median(times)


def _labelled(t: Any, feats: list[list[str]]) -> list[tuple[str, float]]:
    """Each token's label and its marginal, as :func:`refs.parse.model.label` computes them."""
    tags = t.tag(feats)
    return [(y, t.marginal(y, i)) for i, y in enumerate(tags)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if not GOLD.exists():
        sys.exit(f"bench_parse_tagger: {GOLD} is missing (set REFS_SHARED)")
    texts = [json.loads(x)["text"] for x in GOLD.open(encoding="utf-8")]
    t = tagger()
    known = set(t.info().attributes)
    feats = [features(x) for x in texts]
    encoded = [[[a.encode() for a in tok] for tok in f] for f in feats]
    filtered = [[[a for a in tok if a in known] for tok in f] for f in feats]
    both = [[[a.encode() for a in tok] for tok in f] for f in filtered]
    total = sum(len(tok) for f in feats for tok in f)
    kept = sum(len(tok) for f in filtered for tok in f)
    same = all(_labelled(t, a) == _labelled(t, b) for a, b in zip(feats, filtered, strict=True))

    def tag_marginals() -> None:
        for f in feats:
            tags = t.tag(f)
            for i, y in enumerate(tags):
                t.marginal(y, i)

    n = len(texts)
    rows: list[tuple[str, Callable[[], None]]] = [
        ("set(str)", lambda: [t.set(f) for f in feats] and None),
        ("set(bytes)", lambda: [t.set(f) for f in encoded] and None),
        ("set(known str)", lambda: [t.set(f) for f in filtered] and None),
        ("set(known bytes)", lambda: [t.set(f) for f in both] and None),
        ("tag(str)", lambda: [t.tag(f) for f in feats] and None),
        ("tag + marginals", tag_marginals),
        ("features", lambda: [features(x) for x in texts] and None),
    ]
    print(f"{n} strings, {total / n:,.0f} attribute strings a reference, {kept / total:.1%} of them known "
          f"to the model; known-only lists tag identically (tags and marginals): {same}")
    print(f"{'step':<18}{'µs/ref min':>12}{'median':>10}")
    for name, run in rows:
        lo, med = _per_ref(run, n, args.rounds)
        print(f"{name:<18}{lo:>12,.0f}{med:>10,.0f}")
    ways: dict[str, Callable[..., Any]] = {"strings": lambda text, toks, _tables: features(text, toks),
                                           "kept bytes": assembled}
    rates: dict[str, list[float]] = {k: [] for k in ways}
    for _ in range(args.rounds):
        for way, build in ways.items():
            model.assembled = build  # (what model.label builds its lists with)
            cpu = time.process_time()
            for x in texts:
                parse_reference(x)
            rates[way].append(n / (time.process_time() - cpu))
    model.assembled = assembled
    print(f"{'parse_reference':<26}{'refs/s max':>12}{'median':>10}")
    for way, r in rates.items():
        print(f"{'  ' + way:<26}{max(r):>12,.0f}{statistics.median(r):>10,.0f}")


if __name__ == "__main__":
    main()
