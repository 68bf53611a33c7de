"""The whole CSL processor test suite through refs, with citeproc-js's runner semantics.

    python bench/bench_csl_suite.py [--group NAME] [--show N] [--fail-list]

Reads ../shared/data/csl-test-suite/humans/*.txt (845 fixtures; override with
REFS_SHARED) and runs each the way citeproc-js's own test runner does:

- neither CITATION-ITEMS nor CITATIONS: every INPUT item registered in INPUT order
  and cited in one cluster holding all of them;
- CITATION-ITEMS: all INPUT items registered; each entry is one cluster, in order;
  no positions computed (a cite without ``position`` is first), note number 0;
- CITATIONS: each ``[citation, pre, post]`` replayed as processCitationCluster does
  (the document becomes pre + citation + post with the note numbers given; a reused
  citationID replaces the earlier citation); only items cited in the final document
  are registered, in order of first appearance; the final texts in document order
  are compared with RESULT's ``..[i]`` / ``>>[i]`` markers removed.

Citation mode compares the citations (one per line), bibliography mode the
``csl-bib-body`` html. Whitespace is collapsed and ``&#38;``/``&amp;`` count alike.
Prints a table by fixture group (the part of the name before ``_``) and the total.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.render import api  # noqa: E402
from refs.render.cite import Cite, Cluster, Document  # noqa: E402

SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
SUITE = SHARED / "data" / "csl-test-suite" / "humans"
_SECTION_RE = re.compile(r">>=+\s*([A-Z-]+)\s*=+>>\n?(.*?)\n?<<=+\s*\1\s*=+<<", re.S)
_MARKER_RE = re.compile(r"^(?:\.\.|>>)\[\d+\]\s?", re.M)


def read_fixture(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8-sig")
    return {m.group(1): m.group(2) for m in _SECTION_RE.finditer(text)}


def canon(s: str) -> str:
    s = s.replace("&amp;", "&#38;")
    return re.sub(r"\s+", " ", s).strip()


def _clusters_from_citations(citations: list) -> list[Cluster]:
    """The final document of a CITATIONS replay."""
    known: dict[str, Cluster] = {}
    doc: list[str] = []
    for n, (citation, pre, post) in enumerate(citations):
        cid = str(citation.get("citationID") or f"CITATION-{n}")
        note = int((citation.get("properties") or {}).get("noteIndex") or 0)
        known[cid] = Cluster([Cite.from_dict(c) for c in citation.get("citationItems", [])], note, cid)
        doc = []
        for ref_id, ref_note in pre:
            if str(ref_id) in known:
                known[str(ref_id)].note = int(ref_note or 0)
                doc.append(str(ref_id))
        doc.append(cid)
        for ref_id, ref_note in post:
            if str(ref_id) in known:
                known[str(ref_id)].note = int(ref_note or 0)
                doc.append(str(ref_id))
    return [known[c] for c in doc]


def run(sec: dict[str, str], style_path: str) -> str:
    """What refs produces for a fixture (html)."""
    items = json.loads(sec["INPUT"])
    for n, it in enumerate(items):
        it.setdefault("id", f"item-{n + 1}")
        it["id"] = str(it["id"])
    mode = sec["MODE"].strip()
    if "CITATIONS" in sec:
        clusters = _clusters_from_citations(json.loads(sec["CITATIONS"]))
        by_id = {it["id"]: it for it in items}
        cited: list[str] = []
        for cl in clusters:
            for c in cl.cites:
                if c.id not in cited:
                    cited.append(c.id)
        doc = Document([by_id[i] for i in cited if i in by_id], style_path, None)
        doc.set_clusters(clusters)
    elif "CITATION-ITEMS" in sec:
        doc = Document(items, style_path, None, compute_positions=False)
        for cites in json.loads(sec["CITATION-ITEMS"]):
            doc.add(cites)
    else:
        doc = Document(items, style_path, None)
        doc.add([it["id"] for it in items])
    if mode == "bibliography":
        return api.bibliography(doc.bibliography_entries(), "html")
    return "\n".join(doc.citations("html"))


def run_fixture(path: Path) -> tuple[bool, str, str, str]:
    """(passed, mode, expected, got)."""
    sec = read_fixture(path)
    with tempfile.NamedTemporaryFile("w", suffix=".csl", delete=False, encoding="utf-8") as fh:
        fh.write(sec["CSL"])
        style_path = fh.name
    try:
        got = run(sec, style_path)
    except Exception as exc:  # a crash is a failure, reported as such
        got = f"ERROR: {type(exc).__name__}: {exc}"
    finally:
        os.unlink(style_path)
    want = sec["RESULT"]
    mode = sec["MODE"].strip()
    if mode == "citation":
        want = _MARKER_RE.sub("", want)
    return canon(got) == canon(want), mode, want, got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--group", help="only fixtures of this group (name, date, disambiguate, ...)")
    ap.add_argument("--match", help="only fixtures whose name contains this")
    ap.add_argument("--show", type=int, default=0, help="print this many failures in full")
    ap.add_argument("--fail-list", action="store_true", help="list the failing fixtures")
    args = ap.parse_args()
    if not SUITE.is_dir():
        print(f"{SUITE} not found: nothing to run")
        return
    paths = sorted(SUITE.glob("*.txt"))
    if args.group:
        paths = [p for p in paths if p.stem.split("_")[0] == args.group]
    if args.match:
        paths = [p for p in paths if args.match.lower() in p.stem.lower()]
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    modes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failed: list[tuple[str, str, str]] = []
    t0 = time.perf_counter()
    for p in paths:
        ok, mode, want, got = run_fixture(p)
        group = p.stem.split("_")[0]
        stats[group][0] += 1
        stats[group][1] += ok
        modes[mode][0] += 1
        modes[mode][1] += ok
        if not ok:
            failed.append((p.stem, want, got))
    secs = time.perf_counter() - t0
    print(f"## CSL test suite ({len(paths)} fixtures, {secs:.1f} s)\n")
    print("| group | fixtures | passed | share |")
    print("|---|---|---|---|")
    for g, (n, ok) in sorted(stats.items(), key=lambda kv: (-kv[1][0], kv[0])):
        print(f"| {g} | {n} | {ok} | {ok / n:.2f} |")
    total = sum(n for n, _ in stats.values())
    passed = sum(ok for _, ok in stats.values())
    for m in ("citation", "bibliography"):
        if m in modes:
            n, ok = modes[m]
            print(f"| *{m} mode* | {n} | {ok} | {ok / n:.2f} |")
    print(f"| **all** | {total} | {passed} | {passed / max(total, 1):.2f} |\n")
    if args.fail_list:
        print("Failing: " + " ".join(name for name, _, _ in failed) + "\n")
    for name, want, got in failed[:args.show]:
        print(f"### {name}\nwant:\n{want}\ngot:\n{got}\n")


if __name__ == "__main__":
    main()
