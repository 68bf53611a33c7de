"""Rendering bench: refs side by side with citeproc-js, the CSL test suite, speed.

    python bench/bench_render.py [--only side|heldout|suite|speed|cite-side|cite-speed] [--show N]

1. Side by side: bench/render_records.json (CSL-JSON records of every type refs
   produces) in five styles, rendered by refs and by citeproc-js (npm ``citeproc``,
   installed into /tmp/peers on first use) from the same style and locale files;
   the share of entries whose plain text is identical after whitespace
   normalisation, with the differing ones shown.
2. Held out (``--only heldout``): records nobody tuned for, read from the BibTeX
   files in ../shared/data/bib by refs' own reader (BibTeX -> CSL-JSON):
   biblatex-examples.bib, xampl.bib and a fixed-seed random sample of entries from
   the ``wild`` files, rendered by both engines in the same five styles; per-style
   agreement (entry order included) and the differing entries.
3. The CSL processor test suite (../shared/data/csl-test-suite): bibliography-mode
   fixtures without citation sections, rendered as HTML through the library (the
   same code path as ``refs render --format html``); pass rate and failures.
4. Speed: 1,000 entries in APA, refs (cold: style parsing included; and warm)
   against citeproc-js in the same run.
5. Citations side by side (``--only cite-side``): 120 clusters over the same
   records in eight styles, refs' Document against citeproc-js's
   appendCitationCluster; the share of identical citations.
6. Citation speed (``--only cite-speed``): 1,000 citation clusters plus the
   bibliography in APA and in a note style (chicago-notes-bibliography), refs'
   Document against citeproc-js's appendCitationCluster in the same run.
"""

from __future__ import annotations

import argparse
import difflib
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citeproc import LOCALES_PATH  # noqa: E402

from refs.render import api, render_entries, styles  # noqa: E402

SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
PEERS = Path(os.environ.get("REFS_PEERS", "/tmp/peers"))
STYLES = ["apa", "chicago-author-date", "modern-language-association", "ieee", "harvard-cite-them-right"]

RUNNER_JS = r"""
const CSL = require('citeproc');
const fs = require('fs');
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = {};
for (const it of job.items) byId[it.id] = it;
const sys = {
  retrieveLocale: (lang) => job.locales[lang] || false,
  retrieveItem: (id) => byId[id],
};
const t0 = process.hrtime.bigint();
const engine = new CSL.Engine(sys, job.style, job.lang, true);
engine.setOutputFormat(job.format || 'text');
engine.updateItems(job.items.map((x) => x.id));
const bib = engine.makeBibliography();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const ids = bib ? bib[0].entry_ids.map((x) => x[0]) : [];
process.stdout.write(JSON.stringify({entries: bib ? bib[1] : [], ids, ms}));
"""


CITE_RUNNER_JS = r"""
const CSL = require('citeproc');
const fs = require('fs');
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = {};
for (const it of job.items) byId[it.id] = it;
const sys = {
  retrieveLocale: (lang) => job.locales[lang] || false,
  retrieveItem: (id) => byId[id],
};
const t0 = process.hrtime.bigint();
const engine = new CSL.Engine(sys, job.style, job.lang, true);
engine.setOutputFormat('text');
engine.updateItems(job.items.map((x) => x.id));
const out = {};
for (const c of job.clusters) {
  const res = engine.appendCitationCluster(c);
  for (const [index, text] of res) out[index] = text;
}
const bib = engine.makeBibliography();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cites = Object.keys(out).sort((a, b) => a - b).map((k) => out[k]);
process.stdout.write(JSON.stringify({cites, entries: bib ? bib[1] : [], ms}));
"""


def ensure_citeproc_js() -> Path | None:
    """The runner script, with npm ``citeproc`` installed beside it; None without node."""
    if not shutil.which("node"):
        return None
    PEERS.mkdir(parents=True, exist_ok=True)
    if not (PEERS / "node_modules" / "citeproc").is_dir():
        if not shutil.which("npm"):
            return None
        r = subprocess.run(["npm", "install", "--prefix", str(PEERS), "citeproc"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return None
    runner = PEERS / "refs_render_runner.js"
    runner.write_text(RUNNER_JS, encoding="utf-8")
    (PEERS / "refs_cite_runner.js").write_text(CITE_RUNNER_JS, encoding="utf-8")
    return runner


def _locales() -> dict[str, str]:
    out = {}
    for p in glob.glob(os.path.join(LOCALES_PATH, "locales-*.xml")):
        out[os.path.basename(p)[8:-4]] = Path(p).read_text(encoding="utf-8")
    return out


def citeproc_js(runner: Path, style_xml: str, items: list[dict], lang: str = "en-US",
                fmt: str = "text", ids: list[str] | None = None) -> tuple[list[str], float]:
    """citeproc-js's bibliography entries and its time in ms; ``ids`` (when given)
    receives the entry ids in bibliography order."""
    job = {"style": style_xml, "locales": _locales(), "lang": lang, "items": items, "format": fmt}
    with tempfile.TemporaryFile("w+") as fh:
        json.dump(job, fh)
        fh.seek(0)
        r = subprocess.run(["node", str(runner)], stdin=fh, capture_output=True, text=True,
                           cwd=str(PEERS))
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    data = json.loads(r.stdout)
    if ids is not None:
        ids.extend(str(x) for x in data.get("ids", []))
    return data["entries"], data["ms"]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# -- 1. side by side ----------------------------------------------------------------

def side_by_side(runner: Path | None, show: int, langs: list[str]) -> None:
    items = json.loads((ROOT / "bench" / "render_records.json").read_text(encoding="utf-8"))
    types = sorted({i["type"] for i in items})
    print(f"## 1. Side by side with citeproc-js: {len(items)} records, {len(types)} types\n")
    if runner is None:
        print("citeproc-js unavailable (node/npm missing): skipped\n")
        return
    print("| style | " + " | ".join(langs) + " |")
    print("|---|" + "---|" * len(langs))
    diffs: list[tuple[str, str, str]] = []
    for name in STYLES:
        style_xml = styles.resolve(name).path.read_text(encoding="utf-8")
        cells = []
        for lang in langs:
            js, _ = citeproc_js(runner, style_xml, items, lang)
            ours = [e.text for e in render_entries(items, name, lang)]
            same = 0
            for a, b in zip(js, ours, strict=False):
                if norm(a) == norm(b):
                    same += 1
                else:
                    diffs.append((f"{name} {lang}", norm(a), norm(b)))
            total = max(len(js), len(ours))
            cells.append(f"{same}/{total} ({100 * same / total:.1f}%)")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    if diffs:
        print("Differences (citeproc-js, then refs):\n")
        for name, a, b in diffs[:show]:
            print(f"- {name}\n  - js:   {a}\n  - refs: {b}")
        print()


# -- 2. held out: BibTeX files nobody tuned for -------------------------------------------

HELDOUT_SEED = 20261127
HELDOUT_SAMPLE = 150


def _bib_items(path: Path, prefix: str = "", tag: str = "") -> list[dict]:
    """CSL-JSON items of a BibTeX file, read by refs (``prefix``: @string definitions
    from sibling files; ``tag``: prepended to ids so items from many files stay unique)."""
    from refs import io

    lib, _ = io.loads(prefix + io.read_text(path), "bibtex", source=str(path))
    out = []
    for rec in lib.records:
        it = rec.to_csl()
        it["id"] = tag + str(it["id"])
        out.append(it)
    return out


def heldout_sets(sample: int = HELDOUT_SAMPLE, seed: int = HELDOUT_SEED) -> list[tuple[str, list[dict]]]:
    """(name, items) for biblatex-examples.bib, xampl.bib and a fixed-seed sample of the
    wild files (each repository's @string-only files are read before its other files)."""
    import random

    root = SHARED / "data" / "bib"
    sets = [(name, _bib_items(root / name)) for name in ("biblatex-examples.bib", "xampl.bib")
            if (root / name).is_file()]
    wild: list[dict] = []
    for repo in sorted(p for p in (root / "wild").glob("*") if p.is_dir()):
        files = sorted(repo.glob("*.bib"))
        strings_only = [f for f in files if not _bib_items(f)]
        prefix = "".join(f.read_text(encoding="utf-8", errors="replace") + "\n" for f in strings_only)
        for f in files:
            if f not in strings_only:
                wild += _bib_items(f, prefix, f"{repo.name}/{f.stem}:")
    if wild:
        picked = random.Random(seed).sample(wild, min(sample, len(wild)))
        sets.append((f"wild sample ({len(picked)} of {len(wild)}, seed {seed})", picked))
    return sets


def heldout(runner: Path | None, show: int, sample: int = HELDOUT_SAMPLE, seed: int = HELDOUT_SEED) -> None:
    print("## 2. Held out: BibTeX records read by refs, en-US\n")
    if not (SHARED / "data" / "bib").is_dir():
        print(f"{SHARED / 'data' / 'bib'} not found: skipped\n")
        return
    if runner is None:
        print("citeproc-js unavailable (node/npm missing): skipped\n")
        return
    sets = heldout_sets(sample, seed)
    names = [n.split(" (")[0] for n, _ in sets]
    print("Sets: " + "; ".join(f"{n}: {len(items)} records" for n, items in sets) + "\n")
    print("Entries are matched by id (identical plain text after whitespace normalisation);"
          " \"moved\" counts entries outside the longest run in the same order in both.\n")
    print("| style | " + " | ".join(names) + " | all | moved |")
    print("|---|" + "---|" * (len(sets) + 2))
    diffs: list[tuple[str, str, str, str]] = []
    for style in STYLES:
        style_xml = styles.resolve(style).path.read_text(encoding="utf-8")
        cells = []
        tot_same = tot_n = moved = 0
        for _, items in sets:
            js_ids: list[str] = []
            js, _ = citeproc_js(runner, style_xml, items, "en-US", ids=js_ids)
            js_by_id = {i: norm(t) for i, t in zip(js_ids, js, strict=False)}
            entries = render_entries(items, style, "en-US")
            ours = {e.id: norm(e.text) for e in entries}
            ids = js_ids + [e.id for e in entries if e.id not in js_by_id]
            same = 0
            for ident in ids:
                a, b = js_by_id.get(ident, ""), ours.get(ident, "")
                if a == b:
                    same += 1
                else:
                    diffs.append((style, ident, a, b))
            matcher = difflib.SequenceMatcher(None, js_ids, [e.id for e in entries], autojunk=False)
            moved += len(js_ids) - sum(b.size for b in matcher.get_matching_blocks())
            tot_same += same
            tot_n += len(ids)
            cells.append(f"{same}/{len(ids)}")
        cells.append(f"{tot_same}/{tot_n} ({100 * tot_same / max(tot_n, 1):.1f}%)")
        print(f"| {style} | " + " | ".join(cells) + f" | {moved} |")
    print()
    if diffs:
        print(f"Differences ({len(diffs)}; citeproc-js, then refs):\n")
        for style, ident, a, b in diffs[:show]:
            print(f"- {style} {ident}\n  - js:   {a}\n  - refs: {b}")
        print()


# -- 3. the CSL test suite -------------------------------------------------------------

_SECTION_RE = re.compile(r">>=+\s*([A-Z-]+)\s*=+>>\n?(.*?)\n?<<=+\s*\1\s*=+<<", re.S)


def read_fixture(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8-sig")
    return {m.group(1): m.group(2) for m in _SECTION_RE.finditer(text)}


def _canon(s: str) -> str:
    s = s.replace("&amp;", "&#38;")
    return "\n".join(line.rstrip() for line in s.strip().splitlines())


def suite_fixtures() -> list[Path]:
    root = SHARED / "data" / "csl-test-suite" / "humans"
    out = []
    for p in sorted(root.glob("*.txt")):
        sec = read_fixture(p)
        if sec.get("MODE", "").strip() == "bibliography" and "CITATIONS" not in sec \
                and "CITATION-ITEMS" not in sec:
            out.append(p)
    return out


def run_fixture(path: Path) -> tuple[bool, str, str]:
    sec = read_fixture(path)
    items = json.loads(sec["INPUT"])
    for n, it in enumerate(items):
        it.setdefault("id", f"item-{n + 1}")
    with tempfile.NamedTemporaryFile("w", suffix=".csl", delete=False, encoding="utf-8") as fh:
        fh.write(sec["CSL"])
        style_path = fh.name
    try:
        got = api.render(items, style_path, None, "html")
    except Exception as exc:  # a crash is a failure, reported as such
        got = f"ERROR: {type(exc).__name__}: {exc}"
    finally:
        os.unlink(style_path)
    want = sec["RESULT"]
    return _canon(got) == _canon(want), want, got


def suite(show: int) -> None:
    root = SHARED / "data" / "csl-test-suite"
    print("## 3. CSL test suite, bibliography fixtures without citations\n")
    if not root.is_dir():
        print(f"{root} not found: skipped\n")
        return
    fixtures = suite_fixtures()
    failed = []
    for p in fixtures:
        ok, want, got = run_fixture(p)
        if not ok:
            failed.append((p.stem, want, got))
    n = len(fixtures)
    passed = n - len(failed)
    print("| fixtures | passed | share |")
    print("|---|---|---|")
    print(f"| {n} | {passed} | {100 * passed / max(n, 1):.1f}% |\n")
    if failed:
        print("Failures: " + ", ".join(name for name, _, _ in failed) + "\n")
        for name, want, got in failed[:show]:
            print(f"### {name}\nwant:\n{want}\ngot:\n{got}\n")


# -- 4. speed ------------------------------------------------------------------------

def speed(runner: Path | None, n: int = 1000) -> None:
    base = json.loads((ROOT / "bench" / "render_records.json").read_text(encoding="utf-8"))
    items = []
    for k in range(n):
        it = json.loads(json.dumps(base[k % len(base)]))
        it["id"] = f"{it['id']}-{k}"
        it["title"] = f"{it.get('title', '')} {k}"
        # a different year per copy: realistic lists have few same-author-same-year pairs
        if it.get("issued", {}).get("date-parts"):
            it["issued"]["date-parts"][0][0] -= k // len(base)
        items.append(it)
    print(f"## 4. Speed: {n} entries in APA\n")
    print("| engine | seconds |")
    print("|---|---|")
    api._engine.cache_clear()
    t0 = time.perf_counter()
    api.render(items, "apa", "en-US", "text")
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    api.render(items, "apa", "en-US", "text")
    warm = time.perf_counter() - t0
    print(f"| refs (cold: style + locale parsed) | {cold:.2f} |")
    print(f"| refs (warm: cached style) | {warm:.2f} |")
    raw = citeproc_py_raw(items)
    if raw is not None:
        print(f"| citeproc-py {raw[1]} unpatched (for reference) | {raw[0]:.2f} |")
    if runner is not None:
        style_xml = styles.resolve("apa").path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        _, ms = citeproc_js(runner, style_xml, items)
        wall = time.perf_counter() - t0
        print(f"| citeproc-js (engine + bibliography, in node) | {ms / 1000:.2f} |")
        print(f"| citeproc-js (wall, incl. node start) | {wall:.2f} |")
    else:
        print("| citeproc-js | unavailable |")
    print()


CITE_STYLES = STYLES + ["chicago-notes-bibliography", "vancouver", "nature"]


def _run_cite_js(style_xml: str, items: list[dict], clusters: list[dict]) -> tuple[list[str], float, float]:
    """citeproc-js's citations (text) for clusters appended in order; its ms and wall s."""
    job = {"style": style_xml, "locales": _locales(), "lang": "en-US", "items": items, "clusters": clusters}
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as fh:
        json.dump(job, fh)
        fh.seek(0)
        r = subprocess.run(["node", str(PEERS / "refs_cite_runner.js")], stdin=fh, capture_output=True,
                           text=True, cwd=str(PEERS))
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    data = json.loads(r.stdout)
    return data["cites"], data["ms"], wall


def cite_side(runner: Path | None, show: int) -> None:
    """120 citation clusters over bench/render_records.json (one to three cites,
    locators and page ranges, repeats, one per note) in eight styles, refs against
    citeproc-js: the share of identical citations."""
    from refs.render.cite import Document, clusters_from_json

    items = json.loads((ROOT / "bench" / "render_records.json").read_text(encoding="utf-8"))
    n = len(items)
    clusters = []
    for k in range(120):
        ids = [items[k % n]["id"]]
        if k % 3 == 0 and k:
            ids.append(items[(k * 7) % n]["id"])
        if k % 5 == 0:
            ids.append(items[(k + 11) % n]["id"])
        ids = list(dict.fromkeys(ids))
        cites = [{"id": x, "locator": str(10 + k % 50) + (f"-{12 + k % 50}" if k % 4 == 0 else "")}
                 if j == 0 and k % 2 else {"id": x} for j, x in enumerate(ids)]
        clusters.append({"citationID": f"C{k}", "citationItems": cites, "properties": {"noteIndex": k + 1}})
    print(f"## 5. Citations side by side with citeproc-js: {len(clusters)} clusters, {n} records\n")
    if runner is None:
        print("citeproc-js unavailable (node/npm missing): skipped\n")
        return
    print("| style | identical citations |")
    print("|---|---|")
    diffs = []
    for name in CITE_STYLES:
        doc = Document(items, name, "en-US")
        doc.set_clusters(clusters_from_json(clusters))
        ours = doc.citations("text")
        js, _, _ = _run_cite_js(styles.resolve(name).path.read_text(encoding="utf-8"), items, clusters)
        same = 0
        for a, b in zip(js, ours, strict=False):
            if norm(a) == norm(b):
                same += 1
            else:
                diffs.append((name, norm(a), norm(b)))
        print(f"| {name} | {same}/{len(js)} ({100 * same / max(len(js), 1):.1f}%) |")
    print()
    for name, a, b in diffs[:show]:
        print(f"- {name}\n  - js:   {a}\n  - refs: {b}")
    if diffs:
        print()


def speed_citations(runner: Path | None, n: int = 1000) -> None:
    """1,000 citation clusters (one to three cites, locators, repeats, one per note)
    plus the bibliography, in APA and in a note style, refs against citeproc-js."""
    from refs.render.cite import Cluster, Document, clusters_from_json

    base = json.loads((ROOT / "bench" / "render_records.json").read_text(encoding="utf-8"))
    items = []
    for k in range(n):
        it = json.loads(json.dumps(base[k % len(base)]))
        it["id"] = f"{it['id']}-{k}"
        it["title"] = f"{it.get('title', '')} {k}"
        if it.get("issued", {}).get("date-parts"):
            it["issued"]["date-parts"][0][0] -= k // len(base)
        items.append(it)
    clusters_js = []
    for k in range(n):
        ids = [items[k]["id"]]
        if k % 3 == 0 and k:
            ids.append(items[k - 1]["id"])  # a repeat: subsequent or ibid
        if k % 7 == 0 and k > 10:
            ids.append(items[k // 2]["id"])
        cites = [{"id": x, "locator": str(10 + k % 50)} if j == 0 and k % 2 else {"id": x}
                 for j, x in enumerate(ids)]
        clusters_js.append({"citationID": f"C{k}", "citationItems": cites,
                            "properties": {"noteIndex": k + 1}})
    print(f"## 6. Speed: {n} citation clusters + bibliography\n")
    print("| style | refs (s) | citeproc-js (s, engine in node) | citeproc-js (s, wall) |")
    print("|---|---|---|---|")
    for name in ("apa", "chicago-notes-bibliography"):
        api._engine.cache_clear()
        t0 = time.perf_counter()
        doc = Document(items, name, "en-US")
        clusters: list[Cluster] = clusters_from_json(clusters_js)
        doc.set_clusters(clusters)
        cites = doc.citations("text")
        doc.bibliography("text")
        ours = time.perf_counter() - t0
        js_cell = wall_cell = "unavailable"
        if runner is not None:
            style_xml = styles.resolve(name).path.read_text(encoding="utf-8")
            try:
                js, ms, wall = _run_cite_js(style_xml, items, clusters_js)
            except RuntimeError as exc:
                js_cell = "failed: " + str(exc).strip().splitlines()[-1][:80]
            else:
                js_cell, wall_cell = f"{ms / 1000:.2f}", f"{wall:.2f}"
                same = sum(1 for a, b in zip(js, cites, strict=False) if norm(a) == norm(b))
                print(f"<!-- {name}: {same}/{len(cites)} citations identical to citeproc-js -->")
        print(f"| {name} | {ours:.2f} | {js_cell} | {wall_cell} |")
    print()


def citeproc_py_raw(items: list[dict]) -> tuple[float, str] | None:
    """Plain citeproc-py on the same items, as the issue measured it."""
    import warnings

    try:
        import citeproc
        from citeproc import (
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON
    except ImportError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        style = CitationStylesStyle(str(styles.resolve("apa").path), validate=False)
        bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for it in items:
            bib.register(Citation([CitationItem(it["id"])]))
        bib.sort()
        bib.bibliography()
        return time.perf_counter() - t0, citeproc.__version__


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["side", "heldout", "suite", "speed", "cite-side", "cite-speed"])
    ap.add_argument("--show", type=int, default=20, help="how many differences/failures to print")
    ap.add_argument("--locales", default="en-US,en-GB,de-DE,fr-FR,el-GR",
                    help="comma-separated locales for the side-by-side table")
    ap.add_argument("--sample", type=int, default=HELDOUT_SAMPLE,
                    help="how many entries of the wild BibTeX files the held-out set samples")
    ap.add_argument("--seed", type=int, default=HELDOUT_SEED, help="seed of that sample")
    args = ap.parse_args()
    runner = ensure_citeproc_js() if args.only != "suite" else None
    print("Machine: 2-core x86_64 sandbox, Python 3.11\n")
    if args.only in (None, "side"):
        side_by_side(runner, args.show, [x.strip() for x in args.locales.split(",") if x.strip()])
    if args.only in (None, "heldout"):
        heldout(runner, args.show, args.sample, args.seed)
    if args.only in (None, "suite"):
        suite(args.show)
    if args.only in (None, "speed"):
        speed(runner)
    if args.only in (None, "cite-side"):
        cite_side(runner, args.show)
    if args.only in (None, "cite-speed"):
        speed_citations(runner)


if __name__ == "__main__":
    main()
