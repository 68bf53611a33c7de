"""Score ``refs dedup`` on the hand-written evaluation set in tests/data/dedup_eval/.

The set is independent of the Cora and DBLP-ACM benchmarks the rules were developed
on: the same works cited in several styles and shapes (APA, MLA, Chicago, IEEE,
Vancouver, ACM; abbreviated journals, initials, dropped subtitles, misspelled
authors, pinpoint pages, capitalisation, with and without DOI) next to look-alike
traps (another article by the same author in the same issue, a new edition, a
reissue, a review of the book, a chapter of the book, another number of a report
series, the preprint, the conference version, "Editorial" by someone else, the
translation, part 2, the erratum).

Two files, scored separately and together:

* ``references.jsonl``: ``{"cluster": ..., "text": ...}`` reference strings, parsed
  one by one with :func:`refs.parse.parse_text`, so parser and dedup are tested as
  a user meets them;
* ``records.json``: CSL-JSON records with ``custom.cluster``, for what plain text
  cannot say (types, editions, report numbers, DOIs, reviewed titles).

A ``trap`` label names the work a record looks like. Prints pairwise precision,
recall and F1, then every false merge (a trap merged) and every missed merge, each
with the reason dedup gave. Run ``python bench/bench_dedup_eval.py`` (``--json``
prints the scores as JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.dedup import dedup  # noqa: E402
from refs.io import csljson  # noqa: E402
from refs.model import Record, Report  # noqa: E402

DATA = ROOT / "tests" / "data" / "dedup_eval"


def load_text(path: Path = DATA / "references.jsonl") -> tuple[list[Record], dict[str, str], dict[str, str]]:
    """Parse each reference string into one record; ids ``t001``... in file order.

    Returns (records, gold {id: cluster}, text {id: the reference string})."""
    from refs.parse import parse_text

    records: list[Record] = []
    gold: dict[str, str] = {}
    texts: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        rid = f"t{n:03d}"
        gold[rid] = row["cluster"]
        texts[rid] = row["text"]
        parsed, _ = parse_text(row["text"], source=f"{path.name}:{n}")
        if parsed:  # one line is one reference; a split is the parser's problem
            parsed[0].id = rid
            records.append(parsed[0])
        # else the parser found no reference: its pairs count as missed
    return records, gold, texts


def load_csl(path: Path = DATA / "records.json") -> tuple[list[Record], dict[str, str], dict[str, str]]:
    library, _ = csljson.loads(path.read_text(encoding="utf-8"), source=str(path))
    gold: dict[str, str] = {}
    texts: dict[str, str] = {}
    for rec in library.records:
        custom = rec.csl.get("custom") or {}
        gold[rec.id] = str(custom["cluster"])
        texts[rec.id] = f"{rec.title} ({rec.year})"
    return library.records, gold, texts


def _pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in groups:
        out.update((a, b) if a < b else (b, a) for a, b in combinations(g, 2))
    return out


def gold_groups(gold: dict[str, str]) -> list[list[str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for rid, c in gold.items():
        by[c].append(rid)
    return [g for g in by.values() if len(g) > 1]


def score(pred: list[list[str]], gold: dict[str, str]) -> dict[str, Any]:
    """Pairwise P/R/F1 over every pair of ``gold`` (so pairs of a reference the parser
    lost count as missed)."""
    p, g = _pairs(pred), _pairs(gold_groups(gold))
    tp = len(p & g)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "P": prec,
        "R": rec,
        "F1": f1,
        "pred_pairs": len(p),
        "gold_pairs": len(g),
        "false": sorted(p - g),
        "missed": sorted(g - p),
    }


def run(records: list[Record]) -> tuple[list[list[str]], Report, float]:
    t0 = time.perf_counter()
    _, report = dedup(records)
    return report.summary["groups"], report, time.perf_counter() - t0


def _near_reasons(report: Report) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for item in report.items:
        if item.get("action") == "not-merged":
            a, b = item["ids"]
            out[(min(a, b), max(a, b))] = item["why"]
    return out


def _merge_reasons(report: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in report.items:
        if item.get("action") == "merged":
            for rid, why in item["reasons"].items():
                out[rid] = why
    return out


def evaluate(name: str, records: list[Record], gold: dict[str, str], texts: dict[str, str]) -> dict[str, Any]:
    groups, report, secs = run(records)
    s = score(groups, gold)
    s.update(name=name, records=len(records), works=len(set(gold.values())), seconds=secs)
    parsed = {r.id for r in records}
    near, merged = _near_reasons(report), _merge_reasons(report)
    s["false_detail"] = [
        {
            "pair": [a, b],
            "clusters": [gold[a], gold[b]],
            "why": merged.get(b) or merged.get(a) or [],
            "texts": [texts[a], texts[b]],
        }
        for a, b in s["false"]
    ]
    s["missed_detail"] = [
        {
            "pair": [a, b],
            "cluster": gold[a],
            "why": near.get((a, b), "no candidate evidence")
            if a in parsed and b in parsed
            else "the parser returned no record",
            "texts": [texts[a], texts[b]],
        }
        for a, b in s["missed"]
    ]
    return s


def load_all() -> list[tuple[str, list[Record], dict[str, str], dict[str, str]]]:
    text = load_text()
    csl = load_csl()
    # both files in one library (cluster labels namespaced): traps across files count too
    recs = text[0] + csl[0]
    gold = {k: "text:" + v for k, v in text[1].items()} | {k: "csl:" + v for k, v in csl[1].items()}
    texts = text[2] | csl[2]
    return [("reference strings", *text), ("CSL-JSON records", *csl), ("both, one list", recs, gold, texts)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print scores as JSON")
    args = ap.parse_args()
    results = [evaluate(*entry) for entry in load_all()]
    if args.json:
        print(
            json.dumps(
                [{k: v for k, v in r.items() if k not in ("false", "missed")} for r in results], indent=1
            )
        )
        return
    print("# refs dedup on the hand-written evaluation set (tests/data/dedup_eval)\n")
    print("| set | records | works | gold pairs | pairwise P | pairwise R | pairwise F1 | false | missed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['name']} | {r['records']} | {r['works']} | {r['gold_pairs']} | {r['P']:.3f} "
            f"| {r['R']:.3f} | **{r['F1']:.3f}** | {len(r['false'])} | {len(r['missed'])} |"
        )
    for r in results[:2]:
        print(f"\n## {r['name']}: false merges ({len(r['false'])})")
        for d in r["false_detail"]:
            print(f"- {d['pair'][0]} [{d['clusters'][0]}] + {d['pair'][1]} [{d['clusters'][1]}]")
            print(f"    why: {'; '.join(d['why'])}")
            print(f"    {d['texts'][0]}\n    {d['texts'][1]}")
        print(f"\n## {r['name']}: missed merges ({len(r['missed'])})")
        for d in r["missed_detail"]:
            print(f"- {d['pair'][0]} + {d['pair'][1]} [{d['cluster']}]: {d['why']}")
            print(f"    {d['texts'][0]}\n    {d['texts'][1]}")


if __name__ == "__main__":
    main()
