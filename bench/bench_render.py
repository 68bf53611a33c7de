"""Rendering bench: refs side by side with citeproc-js, the CSL test suite, speed.

    python bench/bench_render.py [--only side|suite|speed] [--show N]

1. Side by side: bench/render_records.json (CSL-JSON records of every type refs
   produces) in five styles, rendered by refs and by citeproc-js (npm ``citeproc``,
   installed into /tmp/peers on first use) from the same style and locale files;
   the share of entries whose plain text is identical after whitespace
   normalisation, with the differing ones shown.
2. The CSL processor test suite (../shared/data/csl-test-suite): bibliography-mode
   fixtures without citation sections, rendered as HTML through the library (the
   same code path as ``refs render --format html``); pass rate and failures.
3. Speed: 1,000 entries in APA, refs (cold: style parsing included; and warm)
   against citeproc-js in the same run.
"""

from __future__ import annotations

import argparse
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
process.stdout.write(JSON.stringify({entries: bib ? bib[1] : [], ms}));
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
    return runner


def _locales() -> dict[str, str]:
    out = {}
    for p in glob.glob(os.path.join(LOCALES_PATH, "locales-*.xml")):
        out[os.path.basename(p)[8:-4]] = Path(p).read_text(encoding="utf-8")
    return out


def citeproc_js(runner: Path, style_xml: str, items: list[dict], lang: str = "en-US",
                fmt: str = "text") -> tuple[list[str], float]:
    job = {"style": style_xml, "locales": _locales(), "lang": lang, "items": items, "format": fmt}
    with tempfile.TemporaryFile("w+") as fh:
        json.dump(job, fh)
        fh.seek(0)
        r = subprocess.run(["node", str(runner)], stdin=fh, capture_output=True, text=True,
                           cwd=str(PEERS))
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    data = json.loads(r.stdout)
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


# -- 2. the CSL test suite -------------------------------------------------------------

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
    print("## 2. CSL test suite, bibliography fixtures without citations\n")
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


# -- 3. speed ------------------------------------------------------------------------

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
    print(f"## 3. Speed: {n} entries in APA\n")
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
    ap.add_argument("--only", choices=["side", "suite", "speed"])
    ap.add_argument("--show", type=int, default=20, help="how many differences/failures to print")
    ap.add_argument("--locales", default="en-US,en-GB,de-DE,fr-FR,el-GR",
                    help="comma-separated locales for the side-by-side table")
    args = ap.parse_args()
    runner = ensure_citeproc_js() if args.only in (None, "side", "speed") else None
    print("Machine: 2-core x86_64 sandbox, Python 3.11\n")
    if args.only in (None, "side"):
        side_by_side(runner, args.show, [x.strip() for x in args.locales.split(",") if x.strip()])
    if args.only in (None, "suite"):
        suite(args.show)
    if args.only in (None, "speed"):
        speed(runner)


if __name__ == "__main__":
    main()
