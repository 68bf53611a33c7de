"""Benchmark ``refs dedup``: accuracy on Cora and DBLP-ACM, and time/memory at scale.

Run ``python bench/bench_dedup.py`` (``--quick`` skips the 100k and 1M runs and the
peers, ``--no-peers`` skips only the peers, ``--sizes 1000000`` picks the scale runs).
Prints two tables:

1. Accuracy: each data set scored as ONE merged list (every pair counts, within-table
   pairs too), pairwise and B-cubed precision/recall/F1 on the whole set and on the
   test and training halves of the learned weights' split, for refs, the exact
   normalised-title baseline and the peers bib-dedupe (PyPI, run from its own venv
   in /tmp/peers) and bibtex-tidy ``--duplicates`` (npm, in /tmp/peers). A peer that
   is not installed is reported as skipped; ``--install-peers`` installs both there.
2. Scale: synthetic libraries of 1k, 10k, 100k and 1M records with realistic duplicate
   variants (initials, abbreviated journals, dropped subtitles, typos, pinpoints,
   plus look-alike traps), each run in a fresh process for honest peak memory.

Data: ../shared/data/dedup (or $REFS_SHARED/data/dedup); see its SOURCE.md. The
CSV rows are mapped to CSL records by general rules (names split, ``6(1)`` into
volume and issue, the kind from the venue's wording or DBLP's own key prefix); no
rule looks at a record's gold cluster.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.dedup import dedup  # noqa: E402
from refs.dedup.benchmarks import data_dir, half, load_cora, load_dblp_acm, score, split_names  # noqa: E402,F401
from refs.model import Record, make_date  # noqa: E402

DATA = data_dir()
PEERS = Path("/tmp/peers")
BIBDEDUPE_PY = PEERS / "bibdedupe-venv" / "bin" / "python"
TIDY_JS = PEERS / "node_modules" / "bibtex-tidy" / "bin" / "bibtex-tidy"

def baseline_exact_title(records: list[Record]) -> list[list[str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for r in records:
        t = re.sub(r"[^a-z0-9]+", " ", r.title.lower()).strip()
        if t:
            by[t].append(r.id)
    return [g for g in by.values() if len(g) > 1]


def run_refs(records: list[Record]) -> list[list[str]]:
    _, report = dedup(records)
    return report.summary["groups"]


# -- peers ----------------------------------------------------------------------------


def _bib_escape(s: str) -> str:
    return s.replace("{", "").replace("}", "").replace("\\", "")


def _to_bibtex(records: list[Record], keys: list[str]) -> str:
    out = []
    for r, key in zip(records, keys, strict=False):
        kind = (
            "article"
            if r.type == "article-journal"
            else "inproceedings"
            if r.type == "paper-conference"
            else "misc"
        )
        fields = {"title": r.title}
        if r.authors:
            fields["author"] = " and ".join(
                f"{n.get('family', '')}, {n.get('given', '')}".strip(", ") for n in r.authors
            )
        if r.year:
            fields["year"] = str(r.year)
        cont = r.csl.get("container-title", "")
        if cont:
            fields["journal" if kind == "article" else "booktitle"] = cont
        for var, bib in (("volume", "volume"), ("issue", "number"), ("page", "pages")):
            if r.csl.get(var):
                fields[bib] = str(r.csl[var])
        body = ",\n".join(f"  {k} = {{{_bib_escape(v)}}}" for k, v in fields.items() if v)
        out.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(out)


def run_bibtex_tidy(records: list[Record]) -> tuple[list[list[str]] | None, float, str]:
    """bibtex-tidy --duplicates: its warnings name each duplicate and the entry it repeats."""
    node = shutil.which("node")
    if not node or not TIDY_JS.exists():
        return None, 0.0, "not installed (npm install bibtex-tidy in /tmp/peers)"
    keys = [f"r{i}" for i in range(len(records))]
    src, out = PEERS / "dedup_bench_input.bib", PEERS / "dedup_bench_output.bib"
    src.write_text(_to_bibtex(records, keys), encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [node, str(TIDY_JS), str(src), "--duplicates", "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        return None, elapsed, f"failed: {proc.stderr.strip()[-200:]}"
    parent = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in re.findall(r"Entry (r\d+) .*? entry (r\d+)", proc.stdout + proc.stderr):
        parent[find(a)] = find(b)
    clusters: dict[str, list[str]] = defaultdict(list)
    for k, r in zip(keys, records, strict=False):
        clusters[find(k)].append(r.id)
    return [g for g in clusters.values() if len(g) > 1], elapsed, ""


_BIBDEDUPE_SCRIPT = r"""
import json, sys, pandas as pd
from bib_dedupe.bib_dedupe import prep, block, match, cluster
rows = json.load(open(sys.argv[1]))
df = pd.DataFrame(rows)
df = prep(df, verbosity_level=0)
pairs = block(df, verbosity_level=0)
matched = match(pairs, verbosity_level=0)
dups = cluster(matched, verbosity_level=0)
json.dump([list(map(str, g)) for g in dups], open(sys.argv[2], "w"))
"""


def run_bib_dedupe(records: list[Record]) -> tuple[list[list[str]] | None, float, str]:
    if not BIBDEDUPE_PY.exists():
        return None, 0.0, "not installed (python -m venv /tmp/peers/bibdedupe-venv; pip install bib-dedupe)"
    rows = []
    for r in records:
        rows.append(
            {
                "ID": r.id,
                "ENTRYTYPE": "article" if r.type == "article-journal" else "inproceedings",
                "title": r.title,
                "author": " and ".join(f"{n.get('family', '')}, {n.get('given', '')}" for n in r.authors),
                "year": str(r.year or ""),
                "journal": r.csl.get("container-title", "") if r.type != "paper-conference" else "",
                "booktitle": r.csl.get("container-title", "") if r.type == "paper-conference" else "",
                "volume": str(r.csl.get("volume", "")),
                "number": str(r.csl.get("issue", "")),
                "pages": str(r.csl.get("page", "")),
                "doi": "",
                "abstract": "",
            }
        )
    inp, outp, script = PEERS / "dedup_bd_in.json", PEERS / "dedup_bd_out.json", PEERS / "dedup_bd_run.py"
    inp.write_text(json.dumps(rows), encoding="utf-8")
    script.write_text(_BIBDEDUPE_SCRIPT, encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(BIBDEDUPE_PY), str(script), str(inp), str(outp)], capture_output=True, text=True, timeout=3600
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0 or not outp.exists():
        return None, elapsed, "failed: " + proc.stderr.strip()[-300:]
    return json.loads(outp.read_text()), elapsed, ""


def install_peers() -> None:
    PEERS.mkdir(parents=True, exist_ok=True)
    if not BIBDEDUPE_PY.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS / "bibdedupe-venv")], check=False)
        subprocess.run([str(BIBDEDUPE_PY), "-m", "pip", "install", "-q", "bib-dedupe"], check=False)
    if not TIDY_JS.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--silent", "--prefix", str(PEERS), "bibtex-tidy"], check=False)


# -- synthetic scale data ---------------------------------------------------------------

_SURNAMES = (
    "Smith Jones Garcia Müller Rossi Novak Kowalski Ivanov Chen Wang Li Kim Nakamura Sato Dubois "
    "Martin Bernard Silva Santos Oliveira Hansen Nielsen Johansson Andersson Virtanen Horvath "
    "Popescu Papadopoulos Yilmaz Cohen Levi Shah Patel Singh Kumar Okafor Mensah Nguyen Tran "
    "Rahman Ahmed Hassan Petrov Sokolov Kuznetsov Fischer Weber Schneider Meyer Wagner Becker "
    "Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger "
    "Hartmann Lange Werner Krause Lehmann Köhler Maier Fuchs Lang"
).split()
_GIVEN = (
    "Anna Maria Peter John Michael David Sarah Laura Thomas Andrei Olga Ivan Wei Ming Yuki Hiro "
    "Ahmed Fatima Carlos Lucia Jan Eva Lars Ingrid Pierre Claire Marco Giulia Ronald Strobe "
    "Richard Stephen Kenneth Jennifer Alon Divesh"
).split()
_JOURNALS = [
    ("Journal of Applied Physics", "J. Appl. Phys."),
    ("Foreign Affairs", "Foreign Aff."),
    ("International Security", "Int. Secur."),
    ("Machine Learning", "Mach. Learn."),
    ("Journal of Cold War Studies", "J. Cold War Stud."),
    ("Communist and Post-Communist Studies", "Communist Post-Communist Stud."),
    ("European Journal of International Relations", "Eur. J. Int. Relat."),
    ("Physical Review Letters", "Phys. Rev. Lett."),
    ("Annals of Statistics", "Ann. Stat."),
    ("Journal of the American Chemical Society", "J. Am. Chem. Soc."),
]


def _vocabulary(rng: random.Random, n: int = 40000) -> list[str]:
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"
    words = set()
    while len(words) < n:
        k = rng.randint(2, 4)
        words.add(
            "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(k)) + rng.choice(["", "s", "n"])
        )
    return sorted(words)


def synthetic(n: int, seed: int = 7) -> list[Record]:
    """About ``n`` records: works with 0-3 variant citations each, and look-alike traps
    (same author, journal and year, different article)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    # Zipf-like word frequencies, accumulated once (random.choices would redo it on every call)
    cum = list(itertools.accumulate(1 / (k + 1) ** 0.9 for k in range(len(vocab))))
    records: list[Record] = []
    while len(records) < n:
        authors = [
            {
                "family": rng.choice(_SURNAMES) + rng.choice(["", "", "son", "ová", "ski", "er"]),
                "given": rng.choice(_GIVEN) + rng.choice(["", " A.", " B.", " K."]),
            }
            for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))
        ]
        title = " ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(4, 10))).capitalize()
        if rng.random() < 0.3:
            title += ": " + " ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(2, 5)))
        year = rng.randint(1950, 2024)
        full, abbr = rng.choice(_JOURNALS)
        first = rng.randint(1, 900)
        csl = {
            "author": authors,
            "title": title,
            "container-title": full,
            "volume": str(rng.randint(1, 80)),
            "issue": str(rng.randint(1, 4)),
            "page": f"{first}-{first + rng.randint(5, 30)}",
            "issued": make_date(year),
        }
        if rng.random() < 0.3:
            csl["DOI"] = f"10.{rng.randint(1000, 9999)}/x{rng.randint(0, 10**8)}"
        base = Record(id=f"w{len(records)}", type="article-journal", csl=csl)
        records.append(base)
        for v in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
            dup = base.copy()
            dup.id = f"{base.id}v{v}"
            c = dup.csl
            if rng.random() < 0.5:
                c["author"] = [
                    {"family": a["family"], "given": ". ".join(w[0] for w in a["given"].split()) + "."}
                    for a in c["author"]
                ]
            if rng.random() < 0.4:
                c["container-title"] = abbr
            if rng.random() < 0.3 and ":" in c["title"]:
                c["title"] = c["title"].split(":")[0]
            if rng.random() < 0.3:
                c["title"] = c["title"].upper() if rng.random() < 0.5 else c["title"].lower()
            if rng.random() < 0.2:
                fam = c["author"][0]["family"]
                pos = rng.randrange(1, len(fam))
                c["author"][0] = dict(
                    c["author"][0],
                    family=fam[:pos] + fam[pos].swapcase() + fam[pos + 1 :]
                    if rng.random() < 0.5
                    else fam[:pos] + fam[pos + 1 :] + fam[pos],
                )
            if rng.random() < 0.3:
                c["page"] = str(first + rng.randint(0, 5))
            if rng.random() < 0.3:
                c.pop("DOI", None)
                c.pop("issue", None)
            records.append(dup)
        if rng.random() < 0.1:  # a trap: same author, journal, year, issue; another article
            trap = base.copy()
            trap.id = f"{base.id}t"
            trap.csl.pop("DOI", None)
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(4, 10))
            trap.csl["title"] = " ".join(words).capitalize()
            trap.csl["page"] = f"{first + 40}-{first + 50}"
            records.append(trap)
    return records[:n]


def _scale_child(n: int) -> None:
    records = synthetic(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    out, report = dedup(records)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    truth = defaultdict(list)
    for r in records:
        truth[re.match(r"w\d+", r.id).group(0) + ("t" if r.id.endswith("t") else "")].append(r.id)
    gold = {rid: c for c, ids in truth.items() for rid in ids}
    s = score(report.summary["groups"], gold)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "n": n,
                "seconds": elapsed,
                "cpu": cpu,
                "peak_mb": peak,
                "input_mb": before,
                "groups": len(report.summary["groups"]),
                "pairs": report.summary["candidate_pairs"],
                "F1": s["F1"],
                "P": s["P"],
                "R": s["R"],
            }
        )
    )


def bench_scale(sizes: Sequence[int]) -> None:
    print("\n## Scale (synthetic records with duplicate variants; one process per size)\n")
    print(
        "| records | CPU time (s) | wall time (s) | RSS with input loaded (MB) | peak RSS (MB) "
        "| candidate pairs "
        "| groups | pairwise P | pairwise R |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--scale-child", str(n)], capture_output=True, text=True, timeout=3600
        )
        if proc.returncode != 0:
            print(f"| {n:,} | failed: {proc.stderr.strip()[-200:]} |")
            continue
        d = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"| {n:,} | {d['cpu']:.1f} | {d['seconds']:.1f} | {d['input_mb']:.0f} | {d['peak_mb']:.0f} | "
            f"{d['pairs']:,} | {d['groups']:,} | {d['P']:.3f} | {d['R']:.3f} |",
            flush=True,
        )


# -- main -----------------------------------------------------------------------------


def bench_accuracy(peers: bool) -> None:
    if not DATA.exists():
        print(f"accuracy: skipped ({DATA} not found; set REFS_SHARED)")
        return
    print("## Accuracy (each data set as one merged list; every pair counts)\n")
    print(
        "The learned weights were fitted on the *training* half of each set (clusters whose id has an\n"
        "even CRC-32, `python -m refs.dedup.train`); the *test* half is the other clusters, deduplicated\n"
        "on their own.\n"
    )
    print(
        "| data set | part | method | pairwise P | pairwise R | pairwise F1 "
        "| B3 P | B3 R | B3 F1 | time (s) |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, loader in (("Cora", load_cora), ("DBLP-ACM", load_dblp_acm)):
        records, gold = loader()
        parts = [
            ("whole set", records),
            ("test half", half(records, gold, training=False)),
            ("training half", half(records, gold, training=True)),
        ]
        for part, recs in parts:
            methods = [("refs dedup", lambda rs: (run_refs(rs), ""))]
            if part == "whole set":
                methods.append(("exact normalised title", lambda rs: (baseline_exact_title(rs), "")))
                if peers:
                    methods += [
                        ("bib-dedupe", lambda rs: run_bib_dedupe(rs)[::2]),
                        ("bibtex-tidy --duplicates", lambda rs: run_bibtex_tidy(rs)[::2]),
                    ]
            sub_gold = {r.id: gold[r.id] for r in recs}
            for label, fn in methods:
                t0 = time.perf_counter()
                groups, note = fn(recs)
                elapsed = time.perf_counter() - t0
                if groups is None:
                    print(f"| {name} | {part} | {label} | skipped: {note} | | | | | | |", flush=True)
                    continue
                sc = score(groups, sub_gold)
                print(
                    f"| {name} | {part} | {label} | {sc['P']:.3f} | {sc['R']:.3f} | **{sc['F1']:.3f}** | "
                    f"{sc['bP']:.3f} | {sc['bR']:.3f} | {sc['bF1']:.3f} | {elapsed:.1f} |",
                    flush=True,
                )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the 100k and 1M runs and the peers")
    ap.add_argument("--sizes", default=None, help="comma-separated scale sizes (default 1k,10k,100k,1M)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--install-peers", action="store_true", help="install the peers into /tmp/peers first")
    ap.add_argument("--only", choices=["accuracy", "scale"], default=None)
    ap.add_argument("--scale-child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scale_child:
        _scale_child(args.scale_child)
        return
    if args.install_peers:
        install_peers()
    print(f"# refs dedup bench ({os.cpu_count()} cores, Python {sys.version.split()[0]})\n")
    if args.only in (None, "accuracy"):
        bench_accuracy(peers=not (args.quick or args.no_peers))
    if args.only in (None, "scale"):
        sizes = [1000, 10000] if args.quick else [1000, 10000, 100000, 1000000]
        if args.sizes:
            sizes = [int(x) for x in args.sizes.split(",")]
        bench_scale(sizes)


if __name__ == "__main__":
    main()
