"""report.html at scale: a 10,000-record build's review page, written and opened.

    python bench/bench_review.py            # 10,000 records
    python bench/bench_review.py --n 2000

Records are made from bench/render_records.json (49 CSL-JSON records of every type)
with varied authors, titles and years, 5% of them cited twice in another shape (so the
page has merge tables), a tenth with a parser confidence below the mark, and a
corrections.yaml with a few hundred entries. ``refs build --offline`` runs on them
with one style and locale; the table gives the time of each part of writing
report.html (the rendered entries are the ones the build made for its own output
files, so they cost nothing extra) and the page's size. When /usr/bin/chromium is
there, the page is opened headless at 375 and 1280 px from file:// and the table adds
the first contentful paint, the load event, and the time the search takes to filter.
Target: report.html written in < 3 s; first paint < 1 s.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from refs import build as pipeline  # noqa: E402
from refs import review  # noqa: E402
from refs.model import Provenance  # noqa: E402

FAMILIES = ("Smith Jones Papadopoulos Müller García Kowalski Nguyen Okafor Rossi Dubois Tanaka Ivanova "
            "O'Brien van der Berg Haddad Silva").split()
WORDS = ("alliance security enlargement russia policy network theory practice diplomacy history "
         "eastern partnership strategy deterrence cooperation crisis identity institutions").split()


def make_records(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    base = json.loads((ROOT / "bench" / "render_records.json").read_text(encoding="utf-8"))
    out: list[dict] = []
    while len(out) < n:
        item = copy.deepcopy(rng.choice(base))
        k = len(out)
        words = rng.sample(WORDS, 5)
        item["title"] = f"{words[0].capitalize()} and {words[1]}: {' '.join(words[2:])} {k}"
        item["author"] = [{"family": rng.choice(FAMILIES), "given": rng.choice("ABCDEFGH") + "."}
                          for _ in range(rng.randint(1, 3))]
        item["issued"] = {"date-parts": [[rng.randint(1950, 2024)]]}
        item["id"] = ""
        item.pop("DOI", None)
        out.append(item)
        if rng.random() < 0.05 and len(out) < n:  # the same work cited again, shorter
            twin = copy.deepcopy(item)
            twin["title"] = item["title"].split(":")[0]
            twin["author"] = [{"family": a["family"], "given": a["given"]} for a in item["author"]]
            out.append(twin)
    return out[:n]


def corrections(records: list, count: int) -> str:
    lines = ["# bench corrections"]
    for r in records[:count]:
        lines += [f"{r.id}:", "  set: {publisher: Corrected Press}"]
    lines += ["nobody1999none:", "  drop: true"]
    return "\n".join(lines) + "\n"


def browser_rows(page: Path) -> list[tuple[str, str]]:
    from chromium_cdp import Browser, available

    if not available():
        return [("chromium", "not installed: skipped")]
    rows = []
    for width in (375, 1280):
        with Browser(timeout=120) as b:
            load = b.open(page.as_uri(), width)
            fcp = None
            deadline = time.monotonic() + 10
            while fcp is None and time.monotonic() < deadline:
                fcp = b.eval("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
                if fcp is None:
                    time.sleep(0.05)
            search = b.eval("""(() => { const q = document.getElementById('q'), t0 = performance.now();
                q.value = 'alliance';
                q.dispatchEvent(new Event('input', {bubbles: true}));
                const t1 = performance.now(); q.value = 'alliance and';
                q.dispatchEvent(new Event('input', {bubbles: true}));
                const t2 = performance.now();
                return [t1 - t0, t2 - t1, document.getElementById('shown').textContent]; })()""")
            errors = b.errors()
        rows.append((f"chromium {width} px: first contentful paint",
                     f"{fcp / 1000:.2f} s" if fcp is not None else "not reported"))
        rows.append((f"chromium {width} px: load event", f"{load:.2f} s"))
        rows.append((f"chromium {width} px: search (first / next keystroke)",
                     f"{search[0] / 1000:.2f} s / {search[1] / 1000:.2f} s ({search[2]})"))
        rows.append((f"chromium {width} px: console errors", str(len(errors))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="refs-bench-review-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "list.json"
        src.write_text(json.dumps(make_records(args.n)), encoding="utf-8")
        out = tmpdir / "out"
        out.mkdir()
        library, _ = pipeline.read_source(src)
        (out / "corrections.yaml").write_text(corrections(library.records, 300), encoding="utf-8")

        timings: dict[str, float] = {}
        real_write, real_page = review.write_html, review.html.page
        rng = random.Random(3)

        def timed_page(report, records, *rest):  # type: ignore[no-untyped-def]
            for r in rng.sample(list(records), len(records) // 10):  # as the parse model will say
                r.provenance["title"] = Provenance("parse", "", 0.55)
            t, c = time.perf_counter(), time.process_time()
            result = real_page(report, records, *rest)
            timings["page"], timings["page_cpu"] = time.perf_counter() - t, time.process_time() - c
            return result

        def timed_write(*a, **kw):  # type: ignore[no-untyped-def]
            t, c = time.perf_counter(), time.process_time()
            result = real_write(*a, **kw)
            timings["write"], timings["write_cpu"] = time.perf_counter() - t, time.process_time() - c
            return result

        review.write_html, review.html.page = timed_write, timed_page
        try:
            t0 = time.perf_counter()
            result = pipeline.build(src, pipeline.BuildConfig(out=out, offline=True, styles=("apa",),
                                                              locales=("en-US",)))
            total = time.perf_counter() - t0
        finally:
            review.write_html, review.html.page = real_write, real_page
        page = out / "report.html"
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        c = report["counts"]
        rows = [
            ("records in / works out / merged", f"{c['input']:,} / {c['output']:,} / {c['merged']:,}"),
            ("corrections applied / unknown keys",
             f"{len(report['corrections']['applied'])} / {len(report['corrections']['unknown'])}"),
            ("whole build (offline, apa en-US)", f"{total:.2f} s"),
            ("report.html: building the page (wall / CPU)",
             f"{timings['page']:.2f} s / {timings['page_cpu']:.2f} s"),
            ("report.html: written, entries' HTML included (wall / CPU)",
             f"{timings['write']:.2f} s / {timings['write_cpu']:.2f} s"),
            ("report.html: size", f"{page.stat().st_size / 1e6:.1f} MB ({len(result.records):,} cards)"),
        ]
        if not args.no_browser:
            rows += browser_rows(page)
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print("-" * (width + 30))
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print(f"\ntarget: report.html written in < 3 s: {'met' if timings['write'] < 3.0 else 'NOT met'} (wall), "
          f"{'met' if timings['write_cpu'] < 3.0 else 'NOT met'} (CPU; wall time includes waiting for a "
          f"busy machine, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
