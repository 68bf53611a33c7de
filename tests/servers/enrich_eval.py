"""The enrich evaluation: look up every query of ``tests/data/enrich_eval`` against a
local Crossref-like server holding the eval corpus, and score the DOIs put on records.

Shared by ``tests/test_enrich_eval.py`` (which asserts the targets) and
``bench/bench_enrich.py --eval`` (which prints the table). Scoring:

* **found**: a findable record got its true DOI;
* **wrong**: a record got any other DOI (for an unfindable record, any DOI at all);
* **left alone**: an unfindable record got no DOI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossref_server import CrossrefServer

from refs import net
from refs.enrich import EnrichConfig, enrich
from refs.io import csljson

DATA = Path(__file__).resolve().parents[1] / "data" / "enrich_eval"

#: Ranking wobble of the eval server (score units: one shared word = 1).
JITTER = 3.0


@dataclass
class EvalResult:
    queries: int = 0
    findable: int = 0
    found: int = 0
    unfindable: int = 0
    left_alone: int = 0
    wrong: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.findable if self.findable else 1.0


def load(folder: Path = DATA) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """``(queries text, gold, corpus)``."""
    return ((folder / "queries.json").read_text(encoding="utf-8"),
            json.loads((folder / "gold.json").read_text(encoding="utf-8")),
            json.loads((folder / "corpus.json").read_text(encoding="utf-8")))


def run(folder: Path = DATA, *, jitter: float = JITTER, rows: int | None = None,
        untyped: bool = False) -> EvalResult:
    """Enrich the queries against the corpus and score the outcome. ``untyped`` drops
    every query's type first (CSL "document": what a typeless export gives)."""
    text, gold, corpus = load(folder)
    if untyped:
        text = json.dumps([{k: v for k, v in q.items() if k != "type"} for q in json.loads(text)])
    library, _ = csljson.loads(text, source=str(folder / "queries.json"))
    # A local server may allow far more than Crossref does: it says so in the headers
    # Crossref uses, and the client follows them (after its first, pool-limited request).
    with CrossrefServer(corpus, jitter=jitter, rate_limit=(1000, 1.0), concurrency=8) as server:
        options: dict[str, Any] = {}
        if rows is not None:
            options["rows"] = rows
        config = EnrichConfig(crossref_url=server.url, openlibrary_url=None,
                              client=net.Client(net.NetConfig(cache=False, retries=0)), **options)
        records, report = enrich(library.records, config)
        requests = server.requests
    items = {item["id"]: item for item in report.items}
    out = EvalResult(queries=len(records), requests=requests)
    for record in records:
        truth = gold[record.id]["doi"]
        got = record.csl.get("DOI")
        item = items.get(record.id, {})
        if truth:
            out.findable += 1
        else:
            out.unfindable += 1
        if got and truth and got.lower() == truth.lower():
            out.found += 1
        elif got:
            out.wrong.append({"id": record.id, "doi": got, "true": truth, "title": record.csl.get("title"),
                              "confidence": item.get("confidence")})
        elif truth:
            best = item.get("best_candidate") or {}
            out.missed.append({"id": record.id, "title": record.csl.get("title"),
                               "status": item.get("status"), "best": best.get("id"),
                               "why": best.get("reasons")})
        else:
            out.left_alone += 1
    return out
