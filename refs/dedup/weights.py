"""Learned field weights: how much each field's agreement says about "same work".

Each candidate pair that no identifier, veto or guard has decided (see
:func:`refs.dedup.score.assess`) is described by one *level* per field
(:data:`FIELDS`: how the titles, the name sets, the years, the venues, pages, volumes
and kinds agree). Every level has a *weight* in log2 odds, like a Fellegi–Sunter match
weight: positive is evidence for one work, negative against. A pair's score is the
bias plus the sum of its levels' weights, and the pair is merged when the score
reaches the learned ``threshold``. A field that is empty on either side weighs 0 (it
says nothing), as in Splink; so does a level the training pairs never showed.

The weights, the bias and the threshold are estimated by ``python -m refs.dedup.train``
(a small logistic model on labelled pairs of the shared benchmarks' training halves;
see :mod:`refs.dedup.train`) and shipped in ``refs/dedup/data/weights.json``; nothing
here is hand-set.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

#: Fields of the comparison vector and their levels, strongest agreement first.
#: "missing" (the field is empty on one side) always weighs 0.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("exact", "subtitle", "subtitle_whole", "close", "fair", "words", "some", "differ"),
    "authors": ("all", "most"),
    "first_author": ("differ",),
    "year": ("same", "off_by_one_dated", "off_by_one"),
    "venue": ("same", "abbreviated", "differ"),
    "pages": ("same", "pinpoint", "overlap", "differ"),
    "volume": ("same", "differ"),
    "kind": ("other",),
    # interactions: how much a level says depends on another field
    "title_in_venue": ("subtitle", "close", "fair", "words", "some"),
    "short_title": ("same_year", "other_year"),
}

#: The fields that are interactions of others (fitted with a stronger penalty).
INTERACTIONS = frozenset({"title_in_venue", "short_title"})

#: Titles of at most this many significant words are "short" (columns, editorials).
SHORT_TITLE = 3

#: Levels that no training pair showed take the weight of a level that says the same
#: thing: a book cited without its subtitle is the book's title (the benchmarks cite no
#: book both ways, and a level never seen would otherwise weigh 0).
FALLBACK: dict[tuple[str, str], tuple[str, str]] = {("title", "subtitle_whole"): ("title", "exact")}

#: Levels that say two records disagree: never evidence *for* one work, so their
#: weights are fitted with the bound weight <= 0 (a benchmark whose catalogues list
#: authors in another order would otherwise teach "first authors differ" as evidence,
#: and one whose citations copy page ranges badly "pages differ"). Two compatible
#: kinds (a proceedings paper typed as a chapter) are not a disagreement.
NON_POSITIVE: frozenset[tuple[str, str]] = frozenset(
    {("title", "differ"), ("first_author", "differ"), ("venue", "differ"), ("pages", "differ"),
     ("volume", "differ")}
)

MISSING = "missing"

#: The kind of model the weights file holds.
MODEL_KIND = "logistic-log2"

#: Where the shipped weights live.
WEIGHTS_PATH = Path(__file__).with_name("data") / "weights.json"


@dataclass(frozen=True)
class Model:
    """A weight (log2 odds) per field level, a bias and the merge threshold."""

    weights: dict[str, dict[str, float]]
    bias: float
    threshold: float
    meta: dict[str, Any]

    def weight(self, field: str, level: str) -> float:
        if level == MISSING:
            return 0.0
        return self.weights[field][level]

    @cached_property
    def best_weight(self) -> dict[str, float]:
        """Each field's largest weight, or 0 (its "missing" level) when all are negative."""
        return {f: max(0.0, *ws.values()) for f, ws in self.weights.items()}

    def score(self, levels: dict[str, str]) -> float:
        return self.bias + sum(self.weight(f, lv) for f, lv in levels.items())

    def evidence(self, levels: dict[str, str]) -> list[dict[str, Any]]:
        """``[{"field", "agreement", "weight"}]`` in :data:`FIELDS` order (for the report).

        One list per distinct comparison vector, shared by every pair that has it (a
        million-record report holds hundreds of thousands of explanations but only a
        few hundred vectors): read it, do not change it."""
        key = tuple(levels.get(f, "") for f in FIELDS)
        found = self._evidence.get(key)
        if found is None:
            found = self._evidence[key] = [
                {"field": f, "agreement": levels[f], "weight": round(self.weight(f, levels[f]), 2)}
                for f in FIELDS
                if f in levels
            ]
        return found

    @cached_property
    def _evidence(self) -> dict[tuple[str, ...], list[dict[str, Any]]]:
        return {}

    def to_json(self) -> dict[str, Any]:
        return {
            "model": MODEL_KIND,
            "bias": round(self.bias, 4),
            "threshold": round(self.threshold, 4),
            "weights": {f: {lv: round(self.weights[f][lv], 4) for lv in FIELDS[f]} for f in FIELDS},
            **self.meta,
        }


def model_from_json(data: dict[str, Any]) -> Model:
    """A :class:`Model` from the JSON written by :mod:`refs.dedup.train`; checks that
    every field and level of :data:`FIELDS` has a finite weight."""
    if data.get("model") != MODEL_KIND:
        raise ValueError(f"weights file: model is not {MODEL_KIND!r}")
    weights: dict[str, dict[str, float]] = {}
    for f, levels in FIELDS.items():
        weights[f] = {}
        for lv in levels:
            w = data.get("weights", {}).get(f, {}).get(lv)
            if not isinstance(w, int | float) or not math.isfinite(w):
                raise ValueError(f"weights file: weight of {f}={lv} missing or not a number")
            weights[f][lv] = float(w)
    for key in ("bias", "threshold"):
        if not isinstance(data.get(key), int | float):
            raise ValueError(f"weights file: {key} missing or not a number")
    meta = {k: v for k, v in data.items() if k not in ("model", "bias", "threshold", "weights")}
    return Model(weights, float(data["bias"]), float(data["threshold"]), meta)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model:
    """The model in ``path`` (default: the shipped ``weights.json``)."""
    p = Path(path) if path else WEIGHTS_PATH
    return model_from_json(json.loads(p.read_text(encoding="utf-8")))
