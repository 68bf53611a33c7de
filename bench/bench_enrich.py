"""Bench: 200 enrich lookups against a local Crossref-like server that enforces a rate
limit (sliding window, 429 + Retry-After when exceeded), a concurrency limit, and adds
latency. Prints the total time against the floor the limits allow:

    floor = max(N / rate, N * latency / concurrency)

(the first is the rate limit, the second what the allowed concurrency can overlap).
Target: within 15% of the floor, with zero 429s.

A second table measures matching on real bibliographic data when ../shared is present:
DBLP records looked up among ACM's records of the same papers (DBLP–ACM benchmark,
2,224 true pairs). Each DBLP record gets the 5 ACM records whose titles are nearest (a
stand-in for a search), is verified against them, and is scored: found (the true ACM
record accepted), wrong (any other accepted). The run is repeated with the true record
removed from the candidates, leaving only near-miss decoys: every acceptance there is
a wrong DOI. Targets: zero wrong, at least 90% of findable found.

``--eval`` prints only the evaluation on tests/data/enrich_eval instead: 82 reading-list
records (62 findable, 20 whose work is absent) against a local server holding their
true works, near-miss decoys and filler; found / findable, wrong DOIs (listed),
unfindable records left alone.

Run: python bench/bench_enrich.py [--n 200] [--pool polite|public|polite-slow|all] [--no-matching]
     python bench/bench_enrich.py --eval
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "servers"))

import requests  # noqa: E402
from crossref_server import serve_in_subprocess, work  # noqa: E402

from refs import net  # noqa: E402
from refs.enrich import EnrichConfig, enrich, match  # noqa: E402
from refs.model import Record, make_date  # noqa: E402

POOLS = {
    # name: (requests per interval, interval s, concurrency, latency s, mailto)
    "polite": (10, 1.0, 3, 0.10, "bench@example.org"),
    "public": (5, 1.0, 1, 0.10, None),
    # a slow server: here the concurrency, not the rate, sets the floor
    "polite-slow": (10, 1.0, 3, 0.40, "bench@example.org"),
}


def dataset(n: int) -> tuple[list[dict], list[Record]]:
    """n works and n records: half cite a DOI, half must be searched for."""
    works, records = [], []
    for i in range(n):
        doi = f"10.5555/bench.{i}"
        topic = ["rivers", "cells", "markets"][i % 3]
        title = f"Observations on topic number {i} in comparative studies of {topic}"
        works.append(
            work(
                doi,
                title,
                [("Ann", f"Author{i}")],
                2000 + i % 20,
                container="Journal of Benchmarks",
                volume=str(i % 50 + 1),
                page=f"{i}-{i + 9}",
            )
        )
        csl = {
            "title": title,
            "author": [{"family": f"Author{i}", "given": "A."}],
            "issued": make_date(2000 + i % 20),
        }
        if i % 2 == 0:
            csl = {"DOI": doi}
        records.append(Record(f"r{i}", "article-journal", csl))
    return works, records


def run(pool: str, n: int) -> dict:
    limit, interval, concurrency, latency, mailto = POOLS[pool]
    works, records = dataset(n)
    # The server runs in its own process, as a remote one would: its work must not
    # compete with the client's threads for the GIL and inflate the client's time.
    proc, url = serve_in_subprocess(works, rate_limit=(limit, interval), concurrency=concurrency,
                                    latency=latency, pool=pool)
    try:
        client = net.Client(net.NetConfig(cache=False, mailto=mailto))
        t0 = time.perf_counter()
        out, report = enrich(records, EnrichConfig(crossref_url=url, openlibrary_url=None, client=client,
                                                   mailto=mailto))
        elapsed = time.perf_counter() - t0
        stats = requests.get(url + "/_stats", timeout=10).json()
    finally:
        proc.terminate()
        proc.join(5)
    enriched = sum(1 for r in out if r.get("DOI") and r.get("volume"))
    floor = max(n / (limit / interval), n * latency / concurrency)
    return {"pool": pool, "limit": f"{limit}/{interval:g}s x{concurrency}", "latency": latency,
            "lookups": stats["requests"], "enriched": enriched, "n": n, "time": elapsed, "floor": floor,
            "over": elapsed / floor - 1, "429s": stats["violations"], "retries": report.summary["retries"]}


SHARED = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def _names(text: str) -> list[dict[str, str]]:
    out = []
    for person in (p.strip() for p in text.split(",")):
        if person:
            parts = person.split()
            out.append({"family": parts[-1], "given": " ".join(parts[:-1])})
    return out


def _kind(venue: str) -> str:
    journal = any(w in venue.lower() for w in ("record", "trans", "j.", "journal"))
    return "article-journal" if journal else "paper-conference"


def matching(top: int = 5) -> dict | None:
    """Precision and recall of verification on DBLP-ACM (see the module docstring)."""
    from rapidfuzz import fuzz, process

    folder = SHARED / "data" / "dedup" / "dblp-acm"
    if not (folder / "gold_pairs.csv").exists():
        return None

    def rows(name: str) -> list[dict[str, str]]:
        with open(folder / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    dblp, acm = rows("dblp.csv"), rows("acm.csv")
    gold = {r["id_a"]: r["id_b"] for r in rows("gold_pairs.csv")}
    cands = [match.Candidate("acm", r["id"], {"type": _kind(r["venue"]), "title": r["title"],
                                              "author": _names(r["authors"])},
                             years={int(r["year"])} if r["year"].strip() else set(),
                             containers=[r["venue"]] if r["venue"] else []) for r in acm]
    titles = [r["title"] for r in acm]
    found = wrong = wrong_decoys = findable = retrieved = 0
    for r in dblp:
        csl = {"title": r["title"], "author": _names(r["authors"]), "container-title": r["venue"]}
        if r["year"].strip():
            csl["issued"] = make_date(int(r["year"]))
        record = Record(r["id"], _kind(r["venue"]), csl)
        hits = [cands[i] for _, _, i in process.extract(r["title"], titles, scorer=fuzz.token_set_ratio,
                                                        limit=top)]
        true_id = gold.get(r["id"])
        findable += bool(true_id)
        retrieved += any(c.ident == true_id for c in hits)
        choice = match.choose(record, hits)
        if choice.accepted and choice.best is not None:
            if choice.best.ident == true_id:
                found += 1
            else:
                wrong += 1
        decoys = match.choose(record, [c for c in hits if c.ident != true_id])
        wrong_decoys += decoys.accepted
    return {"records": len(dblp), "findable": findable, "retrieved": retrieved, "found": found,
            "wrong": wrong, "wrong_decoys": wrong_decoys}


def evaluation() -> None:
    """The enrich_eval table: every wrong DOI listed, with the misses."""
    import enrich_eval

    print(f"refs enrich eval ({enrich_eval.DATA.relative_to(Path(__file__).resolve().parents[1])}); "
          f"{platform.machine()}, Python {platform.python_version()}")
    print()
    print("| server ranking | records | found / findable | recall | wrong DOIs | unfindable left alone | "
          "requests | time (s) |")
    print("|---|---|---|---|---|---|---|---|")
    last = None
    rows = (("token overlap", 0.0, False), ("token overlap + wobble", enrich_eval.JITTER, False),
            ("wobble; records untyped", enrich_eval.JITTER, True))
    for label, jitter, untyped in rows:
        t0 = time.perf_counter()
        r = enrich_eval.run(jitter=jitter, untyped=untyped)
        elapsed = time.perf_counter() - t0
        print(f"| {label} | {r.queries} | {r.found} / {r.findable} | {r.recall:.1%} | {len(r.wrong)} | "
              f"{r.left_alone} / {r.unfindable} | {r.requests} | {elapsed:.2f} |")
        if not untyped:
            last = r
    assert last is not None
    print()
    for w in last.wrong:
        print(f"WRONG {w['id']}: {w['title']!r} got {w['doi']} "
              f"(true: {w['true']}, confidence {w['confidence']})")
    for m in last.missed:
        why = "; ".join(m["why"] or [])
        print(f"missed {m['id']}: {m['title']!r} ({m['status']}; best {m['best']}: {why})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--pool", choices=[*POOLS, "all"], default="all")
    ap.add_argument("--no-matching", action="store_true", help="skip the DBLP-ACM matching table")
    ap.add_argument("--eval", action="store_true", help="only the tests/data/enrich_eval evaluation")
    args = ap.parse_args()
    if args.eval:
        evaluation()
        return
    pools = list(POOLS) if args.pool == "all" else [args.pool]
    print(f"refs enrich bench: {args.n} lookups; {platform.machine()}, Python {platform.python_version()}")
    print()
    print(
        "| pool | server limit | latency | requests | enriched | time (s) | floor (s) | over floor | 429s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for pool in pools:
        r = run(pool, args.n)
        print(
            f"| {r['pool']} | {r['limit']} | {r['latency'] * 1000:.0f} ms | {r['lookups']} | "
            f"{r['enriched']}/{r['n']} | {r['time']:.2f} | {r['floor']:.2f} | {r['over'] * 100:+.1f}% | "
            f"{r['429s']} |"
        )


    if args.no_matching:
        return
    print()
    evaluation()
    print()
    m = matching()
    if m is None:
        print("(matching table skipped: ../shared/data/dedup/dblp-acm not found)")
        return
    print("| matching set | records | findable | in top 5 | found | recall (of findable) | wrong DOIs | "
          "wrong, true removed |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| DBLP-ACM | {m['records']} | {m['findable']} | {m['retrieved']} | {m['found']} | "
          f"{m['found'] / m['findable']:.1%} | {m['wrong']} | {m['wrong_decoys']} |")


if __name__ == "__main__":
    main()
