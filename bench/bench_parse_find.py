"""Bench for the reference finder: how many references a list yields, and how many extra records.

Run: ``python bench/bench_parse_find.py [--failures SET] [--only SET]``.

Each set is a list of reference strings written **one per line** (no markers, no blank lines;
``--layout`` lays them out otherwise: blank-line separated, numbered, wrapped at 80 columns
with or without a hanging indent) and handed to ``refs.parse.parse_text`` as one document, as a
user pastes a bibliography. A reference counts as *found* when one record's raw string is
exactly that line (whitespace folded); every other record is *extra* (two references glued into
one record give one miss and one extra; a reference split in two gives one miss and two
extras).

Sets (each skipped when its file is absent):

* ``anystyle-gold``: AnyStyle's gold.jsonl (../shared/data/anystyle, or $REFS_SHARED), 1,669 lines;
* ``grobid-eval``: GROBID's evaluation references (../shared/data/grobid-citations/evaluation),
  the text of each ``<bibl>`` on one line;
* ``hand-written``: the project's hand-written strings (tests/data/parse/*.jsonl and
  tests/data/parse_eval/references.jsonl);
* ``real-dev-a``/``real-dev-b``/``real-holdout-a``/``real-holdout-b``: real strings from public
  pages (tests/data/parse_real/{dev,holdout}_{a,b}.jsonl). Only the dev sets' failures may be
  printed (``--failures real-dev-a``); the held-out sets print their totals only;
* ``detection``: the documents in tests/data/parse_eval/detection/ (articles with prose,
  captions, headings, notes and wrapped entries): expected references found by their
  opening words, extra = records beyond them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.parse import parse_text  # noqa: E402

SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "data" / "anystyle" / "gold.jsonl"
GROBID = SHARED / "data" / "grobid-citations" / "evaluation"
#: where the real strings are (``$REFS_PARSE_REAL``: other folders, separated by ``os.pathsep``)
REAL = [Path(p) for p in os.environ.get("REFS_PARSE_REAL", "").split(os.pathsep) if p] or \
    [ROOT / "tests" / "data" / "parse_real"]
DETECTION = ROOT / "tests" / "data" / "parse_eval" / "detection"
TEI = "{http://www.tei-c.org/ns/1.0}"
HELD_OUT = ("real-holdout-a", "real-holdout-b")


def fold(text: str) -> str:
    return " ".join(text.split())


def same(text: str) -> str:
    """What is compared: a word hyphenated before a space ("Mur- phy") counts as joined,
    as the finder joins it when the break falls at the end of a line."""
    return re.sub(r"(?<=\w)-\s+(?=\w)", "", text)


def _jsonl_texts(path: Path) -> list[str]:
    return [fold(json.loads(line)["text"]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def grobid_texts() -> list[str]:
    out: list[str] = []
    for path in sorted(GROBID.glob("*.xml")):
        for bibl in ElementTree.parse(path).getroot().iter(f"{TEI}bibl"):
            text = fold("".join(bibl.itertext()))
            if text:
                out.append(text)
    return out


def sets() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if GOLD.exists():
        out["anystyle-gold"] = _jsonl_texts(GOLD)
    if GROBID.exists():
        out["grobid-eval"] = grobid_texts()
    hand = sorted((ROOT / "tests" / "data" / "parse").glob("*.jsonl"))
    hand.append(ROOT / "tests" / "data" / "parse_eval" / "references.jsonl")
    out["hand-written"] = [t for p in hand if p.exists() for t in _jsonl_texts(p)]
    for part in ("dev", "holdout"):
        for half in ("a", "b"):
            for folder in REAL:
                path = folder / f"{part}_{half}.jsonl"
                if path.exists():
                    out[f"real-{part}-{half}"] = _jsonl_texts(path)
                    break
    return out


def layout(texts: list[str], how: str) -> str:
    """The strings as one document: ``lines`` (one per line), ``blank`` (a blank line
    between), ``numbered`` ("1. …"), ``indent`` (wrapped at 80 columns with a hanging
    indent of 4 spaces), ``flush`` (wrapped at 80 columns, no indent)."""
    if how == "lines":
        return "\n".join(texts)
    if how == "blank":
        return "\n\n".join(texts)
    if how == "numbered":
        return "\n".join(f"{i}. {t}" for i, t in enumerate(texts, 1))
    indent = "    " if how == "indent" else ""
    return "\n".join(textwrap.fill(t, 80, subsequent_indent=indent, break_on_hyphens=False,
                                   break_long_words=False) for t in texts)


def one_per_line(texts: list[str], how: str = "lines") -> tuple[int, int, int, list[str], list[str]]:
    """(found, records, extra, missed strings, extra records' raw strings)."""
    records, _ = parse_text(layout(texts, how))
    if how == "numbered":
        texts = [f"{i}. {t}" for i, t in enumerate(texts, 1)]
    want = Counter(same(t) for t in texts)
    got = Counter(same(fold(r.origin.text)) for r in records)
    found = sum(min(n, got[t]) for t, n in want.items())
    missed = [t for t in want if got[t] < want[t]]
    extra = [t for t in got if got[t] > want[t]]
    return found, len(records), len(records) - found, missed, extra


def detection_docs() -> tuple[int, int, int, list[str]]:
    """(expected, found, extra, per-document lines) over the detection documents, matched as
    bench/bench_parse_eval.py does (a record found by the opening words of its reference)."""
    spec = importlib.util.spec_from_file_location("bench_parse_eval", ROOT / "bench" / "bench_parse_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = found = extra = 0
    lines = []
    for path in module.detection_documents():
        d = module.detect(path)
        expected += d["expected"]
        found += d["found"]
        extra += len(d["extra"])
        lines.append(f"  {path.name:<22} expected {d['expected']:>3}  records {d['records']:>3}  "
                     f"found {d['found']:>3}  extra {len(d['extra']):>3}")
    return expected, found, extra, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--failures", metavar="SET",
                    help="print the missed and extra strings of SET (not a held-out set)")
    ap.add_argument("--only", metavar="SET", help="run only SET")
    ap.add_argument("--layout", default="lines", choices=("lines", "blank", "numbered", "indent", "flush"),
                    help="how the strings are laid out in the document (default: one per line)")
    args = ap.parse_args()
    if args.failures in HELD_OUT:
        ap.error("held-out sets print their totals only")
    print(f"{'set':<16} {'lines':>6} {'records':>8} {'found':>7} {'found %':>8} {'extra':>6} {'extra %':>8} "
          f"{'seconds':>8}")
    for name, texts in sets().items():
        if args.only and name != args.only:
            continue
        t0 = time.perf_counter()
        found, nrec, extra, missed, extras = one_per_line(texts, args.layout)
        secs = time.perf_counter() - t0
        n = len(texts)
        print(f"{name:<16} {n:>6} {nrec:>8} {found:>7} {100 * found / n:>7.1f}% {extra:>6} "
              f"{100 * extra / n:>7.1f}% {secs:>8.1f}")
        if args.failures == name:
            for t in missed:
                print(f"   MISSED {t}")
            for t in extras:
                print(f"   EXTRA  {t}")
    if (not args.only or args.only == "detection") and args.layout == "lines":
        expected, found, extra, lines = detection_docs()
        print(f"{'detection docs':<16} {'':>6} {'':>8} {found:>7} {100 * found / expected:>7.1f}% {extra:>6}"
              f"   (of {expected} expected)")
        for line in lines:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
