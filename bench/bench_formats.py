"""Fidelity and speed of the CSL-JSON, RIS and wikitext formats.

Run: ``python bench/bench_formats.py`` (from the project root). Prints three tables:

1. Round trips over ``../shared/data/bib`` (the real-world .bib corpus): for every file
   with entries, is BibTeX -> CSL-JSON -> BibTeX byte-identical to BibTeX -> BibTeX, is
   CSL-JSON -> refs -> CSL-JSON stable, is refs -> RIS -> refs -> RIS identical (else at
   least stable from the second trip: RIS cannot say everything BibTeX can), and do the
   wikitext templates use only CS1 parameters; crashes counted.
2. The CSL processor test suite's CSL-JSON inputs read (items, problems, crashes).
3. Speed on a generated ~50 MB file (CSL-JSON and RIS, read and write), next to the
   standard library's json module as the floor for CSL-JSON.

Shared data is optional: its tables are skipped when ``../shared`` (or ``$REFS_SHARED``)
is absent.
"""

from __future__ import annotations

import gc
import glob
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.io import csljson, read_text, ris, wikitext  # noqa: E402
from refs.model import Library, Record  # noqa: E402

SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))


def bib_round_trips() -> None:
    try:
        from refs.io import bibtex
    except ImportError:
        print("(refs.io.bibtex not available: BibTeX round trips skipped)\n")
        return
    files = sorted(glob.glob(str(SHARED / "data" / "bib" / "**" / "*.bib"), recursive=True))
    if not files:
        print("(shared .bib corpus not found: round-trip table skipped)\n")
        return
    stats = {"files": 0, "with entries": 0, "entries": 0, "bib>json>bib identical": 0,
             "json stable": 0, "ris identical after 1 trip": 0, "ris stable from trip 2": 0,
             "wikitext CS1-only": 0, "crashes": 0}
    failures: list[str] = []
    for f in files:
        stats["files"] += 1
        try:
            lib, _ = bibtex.loads(read_text(f), f)
        except Exception as exc:  # noqa: BLE001 - a bench counts crashes
            failures.append(f"{f}: bibtex reader crashed: {exc!r}")
            stats["crashes"] += 1
            continue
        if not lib.records:
            continue
        stats["with entries"] += 1
        stats["entries"] += len(lib)
        try:
            j1 = csljson.dumps(lib)
            via, _ = csljson.loads(j1, "x.json")
            if bibtex.dumps(via) == bibtex.dumps(lib):
                stats["bib>json>bib identical"] += 1
            else:
                failures.append(f"{f}: BibTeX -> CSL-JSON -> BibTeX differs")
            if csljson.dumps(via) == j1:
                stats["json stable"] += 1
            r1 = ris.dumps(lib)
            r2 = ris.dumps(ris.loads(r1)[0])
            stats["ris identical after 1 trip"] += r2 == r1
            if r2 == r1 or ris.dumps(ris.loads(r2)[0]) == r2:
                stats["ris stable from trip 2"] += 1
            else:
                failures.append(f"{f}: RIS output not stable after one round trip")
            ok = True
            for rec in lib:
                for part in wikitext.cite(rec)[2:-2].split(" |")[1:]:
                    ok = ok and re.sub(r"\d+", "#", part.split("=", 1)[0]) in wikitext.CS1_PARAMETERS
            stats["wikitext CS1-only"] += ok
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{f}: crashed: {exc!r}")
            stats["crashes"] += 1
    print("Round trips over the shared .bib corpus")
    print("| measure | value |\n|---|---|")
    for k, v in stats.items():
        print(f"| {k} | {v} |")
    for line in failures[:10]:
        print("  -", line)
    print()


def csl_suite() -> None:
    files = sorted(glob.glob(str(SHARED / "data" / "csl-test-suite" / "**" / "*.txt"), recursive=True))
    if not files:
        print("(CSL test suite not found: table skipped)\n")
        return
    fixtures = items = problems = crashes = unstable = 0
    for f in files:
        m = re.search(r">>=+ INPUT =+>>\n(.*?)\n<<=+ INPUT =+<<", Path(f).read_text("utf-8"), re.S)
        if not m:
            continue
        fixtures += 1
        try:
            lib, rep = csljson.loads(m.group(1), f)
            items += len(lib)
            problems += sum(1 for p in rep.problems if p.severity != "info")
            text = csljson.dumps(lib)
            unstable += csljson.dumps(csljson.loads(text)[0]) != text
        except Exception:  # noqa: BLE001
            crashes += 1
    print("CSL test-suite inputs read as CSL-JSON")
    print("| fixtures | items | warnings | crashes | unstable |\n|---|---|---|---|---|")
    print(f"| {fixtures} | {items} | {problems} | {crashes} | {unstable} |\n")


def speed() -> None:
    abstract = "Enlargement and partnership in the post-Cold War European order. " * 30
    records = []
    size = 0
    i = 0
    while size < 50_000_000:
        rec = Record(id=f"k{i}", type="article-journal", csl={
            "title": f"NATO–Russia relations, part {i}",
            "author": [{"family": "Müller", "given": "Anna"}, {"family": "Smith", "given": "J."}],
            "container-title": "European Security", "volume": str(i % 40), "issue": "2",
            "page": "13-29", "issued": {"date-parts": [[1990 + i % 30, 1 + i % 12]]},
            "DOI": f"10.1000/{i}", "abstract": abstract})
        records.append(rec)
        size += len(abstract) + 300
        i += 1
    lib = Library(records)
    rows = []

    def timed(fn):  # type: ignore[no-untyped-def]
        gc.collect()
        t = time.perf_counter()
        out = fn()
        return out, time.perf_counter() - t

    text, t_json_w = timed(lambda: csljson.dumps(lib))
    _, t_json_r = timed(lambda: csljson.loads(text))
    data, t_std_r = timed(lambda: json.loads(text))
    _, t_std_w = timed(lambda: json.dumps(data, ensure_ascii=False, indent=2))
    mb = len(text.encode("utf-8")) / 1e6
    rows.append(("CSL-JSON (refs)", mb, t_json_r, t_json_w))
    rows.append(("CSL-JSON (json module, no normalising)", mb, t_std_r, t_std_w))
    rtext, t_ris_w = timed(lambda: ris.dumps(lib))
    _, t_ris_r = timed(lambda: ris.loads(rtext))
    rows.append(("RIS (refs)", len(rtext.encode("utf-8")) / 1e6, t_ris_r, t_ris_w))
    wtext, t_wiki = timed(lambda: wikitext.dumps(lib))
    rows.append(("wikitext (refs, write only)", len(wtext.encode("utf-8")) / 1e6, None, t_wiki))
    print(f"Speed on {len(records):,} generated records (2-core x86_64 sandbox, Python "
          f"{sys.version_info.major}.{sys.version_info.minor})")
    print("| format | MB | read s | write s |\n|---|---|---|---|")
    for name, mbs, r, w in rows:
        read = "—" if r is None else f"{r:.2f}"
        print(f"| {name} | {mbs:.1f} | {read} | {w:.2f} |")
    print()


if __name__ == "__main__":
    bib_round_trips()
    csl_suite()
    speed()
