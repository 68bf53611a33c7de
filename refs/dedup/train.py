"""Re-estimate the shipped field weights: ``python -m refs.dedup.train``.

Reads the shared benchmarks (:mod:`refs.dedup.benchmarks`: Cora and DBLP–ACM from
``$REFS_SHARED/data/dedup``), keeps the *training* half of each (clusters whose id
has an even CRC-32), and for every candidate pair that blocking proposes and no rule
decides (:func:`refs.dedup.score.assess`), records its comparison vector and whether
the two records are in one gold cluster. From those labelled pairs:

* the weights: a logistic regression of "same work" on the one-hot comparison vector
  (a "missing" field is the reference level and weighs 0), in log2 odds like
  Fellegi–Sunter match weights, fitted by Newton's method with a small L2 penalty;
  each benchmark's pairs together weigh as much as the other's, so Cora's large
  clusters do not outweigh DBLP–ACM. (Fellegi–Sunter's independent m/u estimates
  were tried first: the fields are far from independent here — title, authors and
  venue agree together — and their summed weights ranked pairs worse.)
* the threshold: the score with the best mean pairwise F1 over the two training
  halves, measured on the whole pipeline (rules, model, clustering).

Deterministic: the same data gives the same file. Writes ``refs/dedup/data/weights.json``
(or ``--out``) and prints the weights table.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.dedup import is_column, recurring_titles
from refs.dedup.benchmarks import BENCHMARKS, data_dir, half, score
from refs.dedup.cluster import Edge, group_pairs, unique_matches
from refs.dedup.keys import Features, candidate_pairs, features, iter_pairs
from refs.dedup.score import IDENTIFIER_SCORE, assess
from refs.dedup.weights import FALLBACK, FIELDS, INTERACTIONS, MISSING, NON_POSITIVE, WEIGHTS_PATH, Model

Labelled = list[tuple[dict[str, str], bool]]


@dataclass
class Half:
    """One benchmark's half: its records' features, gold clusters and every candidate
    pair, with the rules' verdict or (undecided) the comparison vector."""

    ids: list[str]
    gold: dict[str, str]
    feats: list[Features]
    decided: list[tuple[int, int]]  # merged by a rule (an identifier)
    undecided: list[tuple[int, int, dict[str, str]]]

    def labelled(self) -> Labelled:
        return [(lv, self.gold[self.ids[i]] == self.gold[self.ids[j]]) for i, j, lv in self.undecided]


def load_half(name: str, training: bool = True) -> Half:
    records, gold = BENCHMARKS[name]()
    records = half(records, gold, training)
    feats = [features(r, i) for i, r in enumerate(records)]
    codes, _ = candidate_pairs(feats)
    recurring = recurring_titles(feats)
    decided, undecided, unique = [], [], []
    for i, j in iter_pairs(codes, len(feats)):
        a, b = feats[i], feats[j]
        v = assess(a, b, generic=is_column(a, b, recurring))
        if v.levels is not None and v.unique:
            unique.append((i, j, v.levels))
        elif v.levels is not None:
            undecided.append((i, j, v.levels))
        elif v.same:
            decided.append((i, j))
    # matches that count only when unique: the others never reach the model
    kept, _ = unique_matches([(i, j) for i, j, _ in unique])
    undecided.extend(p for p in unique if (p[0], p[1]) in kept)
    return Half([r.id for r in records], {r.id: gold[r.id] for r in records}, feats, decided, undecided)


def pipeline_score(h: Half, model: Model, threshold: float) -> dict[str, float]:
    """Pairwise P/R/F1 of the whole pipeline (rules, model at ``threshold``, clustering)."""
    edges = [Edge(i, j, IDENTIFIER_SCORE) for i, j in h.decided]
    for i, j, lv in h.undecided:
        s = model.score(lv)
        if s >= threshold:
            edges.append(Edge(i, j, s))
    groups, _ = group_pairs(len(h.ids), edges, h.feats, threshold=threshold)
    return score([[h.ids[k] for k in g] for g in groups], h.gold)


#: L2 penalty on the weights (in natural-log units, with sample weights averaging 1).
L2 = 1.0

#: L2 penalty on the interaction fields' weights (:data:`refs.dedup.weights.INTERACTIONS`).
L2_INTERACTION = 10.0

_COLUMNS = [(f, lv) for f, levels in FIELDS.items() for lv in levels]


def fit(sets: dict[str, Labelled], l2: float = L2) -> tuple[dict[str, dict[str, float]], float]:
    """Weights (log2 odds) per field level and the bias: a logistic regression on the
    one-hot comparison vectors ("missing" is the reference level, weight 0), each
    benchmark weighing as much as the other, fitted by Newton's method (IRLS) with an
    L2 penalty."""
    import numpy as np  # training only: the shipped weights are plain JSON

    col = {c: k for k, c in enumerate(_COLUMNS)}
    rows, labels, sample = [], [], []
    for pairs in sets.values():
        for levels, y in pairs:
            rows.append([col[(f, lv)] for f, lv in levels.items() if lv != MISSING])
            labels.append(1.0 if y else 0.0)
            sample.append(1.0 / len(pairs))
    x = np.zeros((len(rows), len(_COLUMNS) + 1))
    for r, cols in enumerate(rows):
        x[r, cols] = 1.0
    x[:, -1] = 1.0  # bias
    y = np.array(labels)
    w = np.array(sample)
    w /= w.mean()
    penalty = l2 * np.eye(x.shape[1])
    for (f, _level), k in col.items():
        if f in INTERACTIONS:
            penalty[k, k] = L2_INTERACTION  # an interaction is shrunk harder towards "none"
    penalty[-1, -1] = 0.0
    # a disagreement is never evidence for one work: such a level whose weight comes out
    # positive is fixed at 0 ("says nothing") and the rest refitted, until none is
    bound = [col[c] for c in NON_POSITIVE]
    fixed: list[int] = []
    while True:
        beta = _newton(x, y, w, penalty, fixed)
        over = [k for k in bound if k not in fixed and beta[k] > 0]
        if not over:
            break
        fixed.extend(over)
    beta /= math.log(2)
    weights = {f: {lv: float(beta[col[(f, lv)]]) for lv in levels} for f, levels in FIELDS.items()}
    seen = {c for r in rows for c in r}
    for (f, lv), (g, other) in FALLBACK.items():
        if col[(f, lv)] not in seen:
            weights[f][lv] = weights[g][other]
    return weights, float(beta[-1])


def _newton(x: Any, y: Any, w: Any, penalty: Any, fixed: list[int]) -> Any:
    """Penalised logistic regression by Newton's method, the columns ``fixed`` held at 0."""
    import numpy as np

    free = np.ones(x.shape[1], dtype=bool)
    free[fixed] = False
    xf, pf = x[:, free], penalty[np.ix_(free, free)]
    b = np.zeros(xf.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(xf @ b)))
        hess = xf.T @ (xf * (w * p * (1 - p))[:, None]) + pf
        step = np.linalg.solve(hess, xf.T @ (w * (y - p)) - pf @ b)
        b += step
        if np.abs(step).max() < 1e-9:
            break
    beta = np.zeros(x.shape[1])
    beta[free] = b
    return beta


#: Thresholds whose mean F1 is this close to the best count as tied.
TIE = 1e-4


def choose_threshold(model: Model, halves: dict[str, Half], verbose: bool = False) -> float:
    """The threshold with the best mean pairwise F1 over the training halves, measured
    on the whole pipeline (rules, model, clustering); when several tie, the middle one
    of the tied run (the most margin on either side)."""
    scores = sorted({round(model.score(lv) * 4) / 4 for h in halves.values() for _, _, lv in h.undecided})
    results: list[tuple[float, float]] = []
    for t in scores:
        if not -6 <= t <= 12:
            continue
        per_half = [pipeline_score(h, model, t) for h in halves.values()]
        f = sum(r["F1"] for r in per_half) / len(per_half)
        if verbose:
            print(
                f"threshold {t:+.2f}: "
                + "  ".join(f"P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f}" for r in per_half)
            )
        results.append((t, f))
    if not results:
        return scores[-1] if scores else 0.0
    best_f = max(f for _, f in results)
    first = next(k for k, (_, f) in enumerate(results) if f >= best_f - TIE)
    last = first
    while last + 1 < len(results) and results[last + 1][1] >= best_f - TIE:
        last += 1
    return round((results[first][0] + results[last][0]) / 2, 3)


def train(verbose: bool = False) -> Model:
    halves = {name: load_half(name, training=True) for name in BENCHMARKS}
    sets = {name: h.labelled() for name, h in halves.items()}
    weights, bias = fit(sets)
    meta = {
        "trained_on": {
            name: {"pairs": len(p), "matches": sum(1 for _, y in p if y)} for name, p in sets.items()
        },
        "split": "training half: clusters whose id has an even CRC-32 (benchmarks.in_training_half)",
        "command": "python -m refs.dedup.train",
    }
    model = Model(weights, bias, 0.0, meta)
    threshold = choose_threshold(model, halves, verbose=verbose)
    return Model(weights, bias, threshold, meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m refs.dedup.train", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where to write the weights JSON")
    ap.add_argument("--verbose", action="store_true", help="print the threshold sweep")
    args = ap.parse_args(argv)
    if not data_dir().exists():
        print(f"refs.dedup.train: {data_dir()} not found (set REFS_SHARED)", file=sys.stderr)
        return 2
    model = train(verbose=args.verbose)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"bias {model.bias:+.2f}, threshold {model.threshold:.2f}; wrote {args.out}")
    print("| field | level | weight (log2 odds) |\n|---|---|---:|")
    for f, levels in FIELDS.items():
        for lv in levels:
            print(f"| {f} | {lv} | {model.weight(f, lv):+.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
