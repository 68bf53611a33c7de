"""Rebuild the reference-string model: ``python -m refs.parse.train [--shared DIR] [--out FILE]``.

Reads, deterministically and in a fixed order:

* AnyStyle's ``core``, ``good``, ``bad`` and ``ugly`` sets (../shared/data/anystyle; BSD-2-Clause),
  never ``gold.jsonl``;
* GROBID's labelled references (../shared/data/grobid-citations/corpus; Apache-2.0), never
  its ``evaluation/``;
* the synthetic renderings of :mod:`refs.parse.train.synthetic` and the hand-written dev sets
  aligned by :mod:`refs.parse.train.align`, when those modules are present;
* the real strings of ``refs/parse/train/real/*.jsonl``: reference strings copied from public
  pages (syllabi, reading lists, Wikipedia, theses lists, papers in many languages), labelled
  by hand segment by segment in AnyStyle's format plus the page address; their pages are
  never pages of the evaluation sets (tests/data/parse_real), and one page in four is held
  out (:mod:`refs.parse.train.real`);

drops every string that is also an evaluation string (AnyStyle gold, GROBID evaluation,
the hand-written held-out halves, the real strings of tests/data/parse_real, the seed),
writes the name lexicon the features consult (:mod:`refs.parse.train.lexicon`,
``refs/parse/data/names.txt``), trains a linear-chain CRF with python-crfsuite and writes
``refs/parse/data/parse.crfsuite``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite

from refs.parse import model
from refs.parse.features import features, tokenize
from refs.parse.train import corpus, lexicon, real

ROOT = Path(__file__).resolve().parents[3]
TESTS = ROOT / "tests" / "data"
SYNTHETIC = 4000  # synthetic renderings in the training set
DEV_REPEAT = 4  # the aligned hand-written dev strings count this many times (few, but the styles users paste)
REAL_REPEAT = 3  # the real training strings count this many times (what users really paste)
PARAMS = {"c1": 0.5, "c2": 0.03, "max_iterations": 90, "feature.possible_transitions": True,
          "feature.minfreq": 1}


def evaluation_strings(shared: Path) -> list[str]:
    """Every string the project measures on: never trained on."""
    out = [json.loads(x)["text"] for x in (shared / "data/anystyle/gold.jsonl").open(encoding="utf-8")]
    for p in sorted((shared / "data/grobid-citations/evaluation").glob("*.xml")):
        out += [ex["text"] for ex in corpus.grobid(p)]
    held = [*sorted((TESTS / "parse").glob("holdout_*.jsonl")),
            *sorted((TESTS / "parse_real").glob("*.jsonl"))]
    for p in held:
        out += [json.loads(x)["text"] for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    out += [row["text"] for row in real.rows(test=True)]
    seed = ROOT / "nato_refs" / "nato-russia-relations.el.txt"
    if seed.exists():
        out += seed.read_text(encoding="utf-8").splitlines()
    return out


def _optional(name: str) -> object | None:
    try:
        return importlib.import_module(f"refs.parse.train.{name}")
    except ImportError:
        return None


def examples(shared: Path, n_synthetic: int = SYNTHETIC) -> Iterator[corpus.Example]:
    for name in ("core", "good", "bad", "ugly"):
        yield from corpus.anystyle(shared / "data/anystyle" / f"{name}.jsonl", f"anystyle-{name}")
    for p in sorted((shared / "data/grobid-citations/corpus").iterdir()):
        yield from corpus.grobid(p, "grobid")
    synthetic = _optional("synthetic")
    if synthetic is not None and n_synthetic:
        yield from synthetic.generate(n_synthetic, seed=0)  # type: ignore[attr-defined]
    for row in real.rows(test=False):  # the held-out pages are evaluation strings
        ex = corpus.make_example(((lab, txt) for lab, txt in row["segments"]), f"real-page:{row['source']}")
        if ex:
            yield ex
    align = _optional("align")
    if align is not None:  # the hand-written dev sets (never holdout_* nor parse_real)
        yield from align.load_dev_sets(ROOT)  # type: ignore[attr-defined]


def sequence(ex: corpus.Example) -> tuple[list[list[str]], list[str]]:
    """Features and labels of one example's tokens: a token cut out of a longer
    whitespace-separated word ("physics,Phys") has that word's label."""
    words = [label for label, seg in ex["segments"] for _ in seg.split()]
    text = ex["text"]
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    toks = tokenize(text)
    labels, w = [], 0
    for start, _ in toks:
        while ends[w] <= start:
            w += 1
        labels.append(words[w])
    return features(text, toks), labels


def train(data: list[corpus.Example], out: Path, iterations: int = PARAMS["max_iterations"],
          c1: float = PARAMS["c1"], c2: float = PARAMS["c2"]) -> None:
    """Train the CRF on ``data`` and write it to ``out`` (atomically)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in data:
        xs, ys = sequence(ex)
        trainer.append(xs, ys)
    trainer.set_params({**PARAMS, "max_iterations": iterations, "c1": c1, "c2": c2})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shared = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--shared", type=Path, default=shared)
    ap.add_argument("--out", type=Path, default=model.MODEL)
    ap.add_argument("--synthetic", type=int, default=SYNTHETIC, help="synthetic renderings to add")
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--real-repeat", type=int, default=REAL_REPEAT, help="times each real string counts")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 regularisation")
    ap.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 regularisation")
    args = ap.parse_args(argv)
    if not (args.shared / "data/anystyle").exists():
        print(f"refs.parse.train: {args.shared}/data/anystyle not found (set REFS_SHARED)", file=sys.stderr)
        return 2
    given, family, towns = lexicon.write()
    print(f"lexicons: {given} given, {family} family names ({lexicon.NAMES_FILE.name}), "
          f"{towns} town names ({lexicon.PLACES_FILE.name})")
    data = corpus.dedup(examples(args.shared, args.synthetic), evaluation_strings(args.shared))
    data += [ex for ex in data if ex["source"].startswith(("dev_", "references"))] * (DEV_REPEAT - 1)
    data += [ex for ex in data if ex["source"].startswith("real-")] * (args.real_repeat - 1)
    print(f"{len(data)} training strings: " + ", ".join(
        f"{k} {v}" for k, v in sorted(Counter(ex["source"].split(":")[0] for ex in data).items())))
    start = time.time()
    train(data, args.out, args.iterations, args.c1, args.c2)
    print(f"trained in {time.time() - start:.0f} s: {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
