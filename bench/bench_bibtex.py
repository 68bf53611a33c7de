"""BibTeX benchmarks: speed against peers, and round-trip fidelity on real files.

    python bench/bench_bibtex.py              # both parts
    python bench/bench_bibtex.py --speed      # speed only
    python bench/bench_bibtex.py --roundtrip  # round trip over ../shared/data/bib only

Speed: a generated 10,000-entry .bib with LaTeX accents is read into records with
split names and written back. Peers in the same run: bibtexparser v2 raw parse,
bibtexparser v2 with LatexDecodingMiddleware + SeparateCoAuthors + SplitNameParts,
and Better BibTeX's parser (@retorquere/bibtex-parser, node; installed into
/tmp/peers on first use, skipped cleanly when node or npm is unavailable).

Round trip: every .bib under ../shared/data/bib (or $REFS_SHARED/data/bib) is read
and written back by refs and by bibtexparser (raw parse + default writer); both
outputs are parsed again and the entries and fields found are compared with the
input. Crashes are counted; losses are listed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refs.io import bibtex, read_text  # noqa: E402
from refs.model import Report  # noqa: E402

PEERS = Path(os.environ.get("REFS_PEERS", "/tmp/peers"))
SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))

GIVEN = ["Jos{\\'e}", "Fran{\\c{c}}ois", "J{\\\"o}rg", "Ren\\'{e}e", "Zo{\\\"e}", "Ant{\\'o}nio",
         "Ma{\\l}gorzata", "{\\AA}sa", "S{\\o}ren", "Andr\\'e", "Bj{\\\"o}rn", "Ji\\v{r}{\\'\\i}",
         "Maria", "John", "Anne-Marie", "Jean-Paul", "Chen", "Olga", "D.~E.", "Ana Mar{\\'\\i}a"]
FAMILY = ["M{\\\"u}ller", "Garc{\\'\\i}a", "Dvo{\\v{r}}{\\'a}k", "{\\O}stergaard", "Nu{\\~n}ez",
          "Erd{\\H{o}}s", "Smith", "van der Berg", "de la Fontaine", "Lloyd-Webber", "Ko{\\c{c}}",
          "{\\L}ukasiewicz", "Stra{\\ss}er", "O'Neil", "Bront{\\\"e}", "Johnson", "Kowalski",
          "von Neumann", "{Garc\\'ia M\\'arquez}", "Sch{\\\"o}nberg"]
WORDS = ["analysis", "of", "the", "{NATO}", "alliance", "and", "na{\\\"\\i}ve", "caf{\\'e}",
         "r{\\'e}sum{\\'e}", "systems", "--", "theory", "{B}ayesian", "learning", "in", "{E}urope",
         "\\&", "policy", "security", "{\\\"U}ber", "models", "~", "structure", "a", "new"]
JOURNALS = ["Journal of {S}trategic {S}tudies", "Foreign Affairs", "Revue fran{\\c{c}}aise",
            "Zeitschrift f{\\\"u}r Politik", "Survival", "International Security"]
TYPES = ["article", "book", "inproceedings", "incollection", "techreport", "phdthesis", "misc"]


def make_bib(n: int = 10_000, seed: int = 7) -> str:
    """A synthetic .bib of ``n`` entries with accents, particles and macros."""
    rnd = random.Random(seed)
    out = ['@string{fa = "Foreign Affairs"}', '@preamble{"\\newcommand{\\noop}[1]{}"}']
    for i in range(n):
        etype = rnd.choice(TYPES)
        authors = " and ".join(
            (f"{rnd.choice(FAMILY)}, {rnd.choice(GIVEN)}" if rnd.random() < 0.6
             else f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)}") for _ in range(rnd.randint(1, 4)))
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 12)))
        year = rnd.randint(1950, 2024)
        fields = [f"  author = {{{authors}}}", f"  title = {{{title.capitalize()}}}",
                  f"  year = {year}", f"  month = {rnd.choice(['jan', 'mar', 'sep', 'dec'])}"]
        if etype == "article":
            journal = "fa" if rnd.random() < 0.2 else "{" + rnd.choice(JOURNALS) + "}"
            fields += [f"  journal = {journal}", f"  volume = {{{rnd.randint(1, 90)}}}",
                       f"  number = {{{rnd.randint(1, 12)}}}",
                       f"  pages = {{{rnd.randint(1, 200)}--{rnd.randint(201, 400)}}}"]
        elif etype in ("inproceedings", "incollection"):
            fields += [f"  booktitle = {{Proceedings of the {rnd.choice(WORDS)} conference}}",
                       f"  editor = {{{rnd.choice(FAMILY)}, {rnd.choice(GIVEN)}}}",
                       f"  pages = {{{rnd.randint(1, 200)}--{rnd.randint(201, 400)}}}"]
        elif etype == "techreport":
            fields += ["  institution = {{RAND Corporation}}", f"  number = {{RR-{i}}}"]
        elif etype == "phdthesis":
            fields += ["  school = {Universit{\\'e} de Montr{\\'e}al}"]
        else:
            fields += [f"  publisher = {{{rnd.choice(['Springer', 'Presses de Sciences Po', 'MIT Press'])}}}",
                       "  address = {Paris}"]
        if rnd.random() < 0.5:
            fields.append(f"  doi = {{10.1000/test.{i}}}")
        if rnd.random() < 0.3:
            fields.append(f"  url = {{https://example.org/item/{i}?a=b\\_c}}")
        if rnd.random() < 0.3:
            fields.append("  keywords = {security, alliances}")
        out.append(f"@{etype}{{key{i},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(out) + "\n"


# -- speed ------------------------------------------------------------------------------------

def _best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall-clock time of ``repeat`` runs (the machine is shared; best is least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _clear_caches() -> None:
    from refs import names
    from refs.io import latex

    latex.decode.cache_clear()
    names.split_names.cache_clear()
    names._parse_name_cached.cache_clear()


def bench_in_process(text: str, repeat: int) -> dict[str, float]:
    """refs and bibtexparser timed in alternating rounds, so that both see the same
    share of a busy machine; the best round of each counts."""
    import bibtexparser
    from bibtexparser import middlewares as m

    def refs_read() -> object:
        _clear_caches()  # every run starts cold: no help from the previous one
        return bibtex.loads(text, "bench.bib")

    best = {"read": float("inf"), "read_cpu": float("inf"), "raw": float("inf")}
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        refs_read()
        best["read"] = min(best["read"], time.perf_counter() - t0)
        best["read_cpu"] = min(best["read_cpu"], time.process_time() - c0)
        best["raw"] = min(best["raw"], _best(lambda: bibtexparser.parse_string(text), 1))
    library, _ = bibtex.loads(text, "bench.bib")
    assert library.records[0].csl.get("author"), "names must be split"
    best["write"] = _best(lambda: bibtex.dumps(library), repeat)
    best["records"] = len(library.records)
    stack = [m.LatexDecodingMiddleware(), m.SeparateCoAuthors(), m.SplitNameParts()]
    best["full"] = _best(lambda: bibtexparser.parse_string(text, append_middleware=stack), 1)
    return best


_BBT_SCRIPT = r"""
const fs = require('fs');
const path = process.argv[2];
const text = fs.readFileSync(path, 'utf8');
(async () => {
  let bbt;
  try { bbt = await import('@retorquere/bibtex-parser'); }
  catch (e) { console.log(JSON.stringify({error: String(e)})); return; }
  const parse = bbt.parse || (bbt.default && bbt.default.parse);
  const times = [];
  let n = 0;
  for (let i = 0; i < 2; i++) {
    const t0 = process.hrtime.bigint();
    let lib = parse(text);
    if (lib && typeof lib.then === 'function') lib = await lib;
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    n = (lib.entries || []).length;
  }
  console.log(JSON.stringify({seconds: Math.min(...times), entries: n}));
})().catch(e => console.log(JSON.stringify({error: String(e)})));
"""


def bench_bbt(path: Path) -> tuple[float | None, str]:
    node = shutil.which("node")
    if not node:
        return None, "node not found"
    if not (PEERS / "node_modules" / "@retorquere" / "bibtex-parser").exists():
        npm = shutil.which("npm")
        if not npm:
            return None, "npm not found"
        PEERS.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run([npm, "install", "--silent", "--prefix", str(PEERS),
                            "@retorquere/bibtex-parser"], check=True, timeout=300,
                           capture_output=True)
        except (subprocess.SubprocessError, OSError) as exc:
            return None, f"npm install failed: {exc}"
    script = PEERS / "bench_bbt.cjs"
    script.write_text(_BBT_SCRIPT)
    try:
        proc = subprocess.run([node, str(script), str(path)], capture_output=True, text=True,
                              timeout=600, cwd=str(PEERS))
        data = json.loads(proc.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, OSError, ValueError, IndexError) as exc:
        return None, f"could not run: {exc}"
    if "error" in data:
        return None, data["error"]
    return float(data["seconds"]), f"{data['entries']} entries"


def speed(n: int, repeat: int) -> None:
    text = make_bib(n)
    with tempfile.NamedTemporaryFile("w", suffix=".bib", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = Path(fh.name)
    print(f"## Speed: {n:,} entries ({len(text) / 1e6:.1f} MB), best of {repeat}; "
          f"2-core x86_64 sandbox, Python {sys.version.split()[0]}\n")
    times = bench_in_process(text, repeat)
    t_read, t_write, cpu_read = times["read"], times["write"], times["read_cpu"]
    count, raw, full = int(times["records"]), times["raw"], times["full"]
    bbt, bbt_note = bench_bbt(path)
    path.unlink()
    rows = [
        ("refs: read into records (LaTeX decoded, names split)", t_read,
         f"{count} records; {cpu_read:.2f} s CPU"),
        ("refs: write back", t_write, ""),
        ("refs: read + write", t_read + t_write, ""),
        ("bibtexparser v2 raw parse (no decoding)", raw, ""),
        ("bibtexparser v2 + LatexDecoding + SeparateCoAuthors + SplitNameParts", full, "1 run"),
        ("Better BibTeX parser (@retorquere/bibtex-parser, node)", bbt, bbt_note),
    ]
    print("| tool | seconds | refs read is x faster | note |")
    print("|---|---:|---:|---|")
    for name, secs, note in rows:
        if secs is None:
            print(f"| {name} | skipped | | {note} |")
            continue
        ratio = f"{secs / t_read:.2f}x" if not name.startswith("refs") else ""
        print(f"| {name} | {secs:.2f} | {ratio} | {note} |")
    verdict = "met" if t_read < 1.5 and (bbt is None or t_read < bbt) else "NOT met"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nTarget (refs read < 1.5 s and faster than Better BibTeX's parser): {verdict} "
          f"(load average {load:.1f} on {os.cpu_count()} cores while measuring)\n")


# -- round trip -------------------------------------------------------------------------------

def _census(text: str) -> tuple[dict[tuple[str, int], set[str]], int]:
    """Entries (key, occurrence) -> lower-case field names, found by bibtexparser's splitter."""
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry
    from bibtexparser.splitter import Splitter

    found: dict[tuple[str, int], set[str]] = {}
    failed = 0
    for block in Splitter(text).split().blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, DuplicateFieldKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, Entry):
            n = 0
            while (block.key, n) in found:
                n += 1
            found[(block.key, n)] = {f.key.lower() for f in block.fields}
        elif type(block).__name__ == "ParsingFailedBlock":
            failed += 1
    return found, failed


def _bibtexparser_roundtrip(text: str) -> str:
    import bibtexparser

    lib = bibtexparser.parse_string(text)
    return bibtexparser.write_string(lib)


def _refs_roundtrip(text: str, name: str) -> str:
    library, _ = bibtex.loads(text, name)
    return bibtex.dumps(library)


def roundtrip() -> None:
    root = SHARED / "data" / "bib"
    if not root.is_dir():
        print(f"## Round trip: skipped ({root} not found)")
        return
    files = sorted(root.rglob("*.bib"))
    print(f"## Round trip over {len(files)} files in {root}\n")
    totals = {"refs": [0, 0, 0, 0], "bibtexparser": [0, 0, 0, 0]}  # entries, fields, crashes, secs
    identical = {"refs": 0, "bibtexparser": 0}
    in_entries = in_fields = 0
    losses: dict[str, list[str]] = {"refs": [], "bibtexparser": []}
    for path in files:
        text = read_text(path, Report(stage="read"))
        text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        before, _ = _census(text)
        in_entries += len(before)
        in_fields += sum(len(v) for v in before.values())
        rel = str(path.relative_to(root))
        for tool, fn in (("refs", lambda t, r=rel: _refs_roundtrip(t, r)),
                         ("bibtexparser", _bibtexparser_roundtrip)):
            t0 = time.perf_counter()
            try:
                out = fn(text)
            except Exception as exc:  # a crash is what this bench counts
                totals[tool][2] += 1
                losses[tool].append(f"{rel}: crash {type(exc).__name__}: {exc}")
                continue
            finally:
                totals[tool][3] += time.perf_counter() - t0
            if out.rstrip() == text.rstrip():
                identical[tool] += 1
            after, _ = _census(out)
            kept_e = sum(1 for k in before if k in after)
            kept_f = sum(len(before[k] & after.get(k, set())) for k in before)
            totals[tool][0] += kept_e
            totals[tool][1] += kept_f
            lost = [k[0] for k in before if k not in after]
            lost_f = [f"{k[0]}.{f}" for k in before if k in after for f in before[k] - after[k]]
            if lost or lost_f:
                losses[tool].append(f"{rel}: entries lost {lost[:5]} fields lost {lost_f[:5]}")
    print("| tool | entries kept | fields kept | crashes | files written back identical | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    for tool, (e, f, c, s) in totals.items():
        print(f"| {tool} | {e:,} / {in_entries:,} | {f:,} / {in_fields:,} | {c} | "
              f"{identical[tool]} / {len(files)} | {s:.1f} |")
    print("\n(Identical: equal to the input after BOM/CRLF normalisation, up to trailing whitespace.)")
    for tool, items in losses.items():
        print(f"\nLosses, {tool}: {len(items) or 'none'}")
        for item in items[:20]:
            print(f"  - {item}")


def main() -> None:
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # peers' syntax warnings
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--roundtrip", action="store_true")
    ap.add_argument("-n", type=int, default=10_000, help="entries in the generated file")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    both = not args.speed and not args.roundtrip
    if args.speed or both:
        speed(args.n, args.repeat)
    if args.roundtrip or both:
        roundtrip()


if __name__ == "__main__":
    main()
