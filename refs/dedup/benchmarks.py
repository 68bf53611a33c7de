"""The shared entity-resolution benchmarks as CSL records, their fixed train/test
split, and pairwise / B-cubed scoring (used by ``python -m refs.dedup.train`` and by
``bench/bench_dedup.py``).

Data: ``$REFS_SHARED/data/dedup`` (default: ``../shared`` next to the repository), see
its SOURCE.md: Cora (1,879 citations, 182 clusters) and DBLP–ACM (4,910 records,
2,224 matched pairs). The CSV rows are mapped to CSL records by general rules (names
split, ``6(1)`` into volume and issue, the kind from the field the venue was tagged in
or DBLP's own key prefix); no rule looks at a record's gold cluster.

**Split.** A cluster (a gold work) is in the *training* half when the CRC-32 of its
cluster id is even, in the *test* half otherwise: a fixed split by cluster id, so all
records of one work are on one side and re-running gives the same halves.
"""

from __future__ import annotations

import csv
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from pathlib import Path

from refs.dedup.keys import container_kind
from refs.model import Record, make_date

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """``$REFS_SHARED/data/dedup``, by default ``../shared/data/dedup`` beside the repository."""
    return Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared")) / "data" / "dedup"


_INITIALS = re.compile(r"^(?:[A-Z]\.?\s*-?)+$")


def split_names(text: str) -> list[dict[str, str]]:
    """``"Aha, D. W., Kibler, D., & Albert, M. K."`` or ``"David W. Aha and Dennis Kibler"``
    into CSL names (a general-purpose splitter, good enough for citation strings)."""
    s = re.sub(r"\bet\s+al\.?", "", text or "")
    s = re.sub(r"\s*(?:&|\band\b|;)\s*", ",", s).strip(" ,.:;")
    pieces = [p.strip(" .") for p in s.split(",") if p.strip(" .")]
    names: list[dict[str, str]] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
        words = p.split()
        if len(words) == 1 and nxt and _INITIALS.match(nxt.replace(" ", "") + "."):
            names.append({"family": p, "given": nxt})  # "Aha, D. W."
            i += 2
            continue
        if len(words) >= 2 and _INITIALS.match(words[-1]) and not _INITIALS.match(words[0]):
            names.append({"family": " ".join(words[:-1]), "given": words[-1]})  # "Pazzani M."
        elif len(words) >= 2:
            names.append({"family": words[-1], "given": " ".join(words[:-1])})
        else:
            names.append({"family": p})
        i += 1
    return names


def _year(*values: str) -> int | None:
    for v in values:
        m = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", v or "")
        if m:
            return int(m.group(1))
    return None


def _clean(v: str) -> str:
    return (v or "").strip().strip(",.;:").strip().strip("\"'`").strip()


def load_cora() -> tuple[list[Record], dict[str, str]]:
    gold = {r["id"]: r["cluster"] for r in csv.DictReader(open(data_dir() / "cora" / "gold_clusters.csv"))}
    records = []
    for row in csv.DictReader(open(data_dir() / "cora" / "cora_records.csv", encoding="utf-8")):
        csl: dict = {}
        if row["author"]:
            csl["author"] = split_names(row["author"])
        if _clean(row["title"]):
            csl["title"] = _clean(row["title"])
        container = _clean(re.sub(r"^\s*(?:in|In)\s*:?\s+", "", row["journal"] or row["booktitle"]))
        if container:
            csl["container-title"] = container
        vol = _clean(row["volume"])
        m = re.match(r"(?:vol\.?\s*|volume\s*)?(\d+)\s*(?:\((\d+)\))?", vol, re.I)
        if m:
            csl["volume"] = m.group(1)
            if m.group(2):
                csl["issue"] = m.group(2)
        if _clean(row["pages"]):
            csl["page"] = re.sub(r"^(?:pp?\.?|pages)\s*", "", _clean(row["pages"]), flags=re.I)
        year = _year(row["year"], row["date"])
        if year:
            csl["issued"] = make_date(year)
        for src, dst in (("publisher", "publisher"), ("address", "publisher-place"), ("note", "note")):
            if _clean(row[src]):
                csl[dst] = _clean(row[src])
        if row["journal"]:
            rtype = "article-journal"
        elif row["booktitle"]:
            rtype = "paper-conference"
        elif row["tech"] or row["institution"] or "report" in row["type"].lower():
            rtype = "report"
            csl.setdefault("publisher", _clean(row["institution"]))
        elif "thesis" in row["type"].lower():
            rtype = "thesis"
        elif row["publisher"]:
            rtype = "book"
        else:
            rtype = "document"
        records.append(Record(id=row["id"], type=rtype, csl={k: v for k, v in csl.items() if v}))
    return records, gold


def load_dblp_acm() -> tuple[list[Record], dict[str, str]]:
    base = data_dir() / "dblp-acm"
    gold = {r["id"]: r["cluster"] for r in csv.DictReader(open(base / "gold_clusters.csv"))}
    records = []
    for name in ("dblp.csv", "acm.csv"):
        for row in csv.DictReader(open(base / name, encoding="utf-8")):
            rid = row["id"]
            if rid.startswith("dblp:journals/"):
                rtype = "article-journal"
            elif rid.startswith("dblp:conf/"):
                rtype = "paper-conference"
            else:
                kind = container_kind(row["venue"])
                rtype = {"journal": "article-journal", "conference": "paper-conference"}.get(kind, "document")
            names = [n.strip() for n in row["authors"].split(",") if n.strip() and n.strip() != "?"]
            csl: dict = {"title": row["title"], "container-title": row["venue"]}
            if names:
                csl["author"] = [{"family": n.split()[-1], "given": " ".join(n.split()[:-1])} for n in names]
            if row["year"].strip():
                csl["issued"] = make_date(int(float(row["year"])))
            records.append(Record(id=rid, type=rtype, csl={k: v for k, v in csl.items() if v}))
    return records, gold


# -- scoring --------------------------------------------------------------------------


def _pairs(clusters: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    out = set()
    for c in clusters:
        for a, b in combinations(sorted(c), 2):
            out.add((a, b))
    return out


def score(pred_groups: list[list[str]], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise and B-cubed P/R/F1 of predicted groups (singletons implied) against gold."""
    gold_clusters: dict[str, list[str]] = defaultdict(list)
    for rid, c in gold.items():
        gold_clusters[c].append(rid)
    pred_of = {rid: f"s:{rid}" for rid in gold}
    for k, g in enumerate(pred_groups):
        for rid in g:
            pred_of[rid] = f"g:{k}"
    pred_clusters: dict[str, list[str]] = defaultdict(list)
    for rid, c in pred_of.items():
        pred_clusters[c].append(rid)
    gp, pp = _pairs(gold_clusters.values()), _pairs(pred_clusters.values())
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    bp = br = 0.0
    gsets = {c: set(m) for c, m in gold_clusters.items()}
    psets = {c: set(m) for c, m in pred_clusters.items()}
    for rid in gold:
        inter = len(gsets[gold[rid]] & psets[pred_of[rid]])
        bp += inter / len(psets[pred_of[rid]])
        br += inter / len(gsets[gold[rid]])
    bp, br = bp / len(gold), br / len(gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {"P": p, "R": r, "F1": f, "bP": bp, "bR": br, "bF1": bf}


def in_training_half(cluster: str) -> bool:
    """The fixed split: a cluster is for training when the CRC-32 of its id is even."""
    return zlib.crc32(cluster.encode("utf-8")) % 2 == 0


def half(records: list[Record], gold: dict[str, str], training: bool) -> list[Record]:
    """The records of the training (or test) half's clusters, in input order."""
    return [r for r in records if in_training_half(gold[r.id]) == training]


#: name -> loader of (records, gold cluster of each id)
BENCHMARKS: dict[str, Callable[[], tuple[list[Record], dict[str, str]]]] = {
    "Cora": load_cora,
    "DBLP-ACM": load_dblp_acm,
}
