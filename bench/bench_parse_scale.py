"""Bench: ``refs parse`` on large and hostile inputs (time and peak memory).

Run: ``python bench/bench_parse_scale.py [--timeout S] [--only NAME]``.

Each case runs ``refs.parse.parse_text`` in a fresh child process (so the peak resident
memory is that case's alone) and is killed after ``--timeout`` seconds. Columns: input
size, records found, CPU and wall seconds, peak RSS of the child (MB), and how the CPU time
splits between the per-reference parser (``refs.parse.fields.parse_reference``, calls and
seconds) and everything else (the finder: segmentation, scoring, long-line splitting). CPU
time is the honest one-core figure on a shared machine; a case is killed after ``--timeout``
wall seconds.

Cases (made from the repository's own strings, so the bench needs no shared data):

* ``list-100k`` (``list-10k``): 100,000 (10,000) lines, the hand-written reference strings
  cycled, one per line;
* ``article-100k`` (``article-10k``): 100,000 (10,000) lines, the detection documents (prose,
  headings, captions, notes, wrapped lists) cycled;
* ``distinct-10k``: 10,000 lines, the hand-written strings cycled with a DOI made from the
  line's number after each ("… 2002. doi:10.5555/617"), so that no two lines are the same
  (the finder parses a string once per document: the cases above measure the finder, this
  one the parser as well);
* ``prose-64k`` / ``prose-10m``: one line of prose sentences of 64 KB / 10 MB;
* ``chars-10m``: one 10 MB line without a space;
* ``refs-1m`` / ``refs-10m``: one line of numbered references ("[1] … [2] …") of 1 MB / 10 MB;
* ``cli-100k-bib`` / ``cli-100k-json``: the command itself, ``refs parse list.txt -o out.bib``
  (``.json``) on the 100,000 lines of ``list-100k``: reading, finding, parsing and writing
  BibTeX (CSL-JSON), each record written as it is found; the peak is the whole command's
  (the input file is written before the clock starts; the records column counts entries).

Targets (issue 16): 100,000 lines in under 15 s and 200 MB; a 10 MB line in under 10 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROSE = ("The council met in 2002 and again in 2004, when members agreed to expand cooperation on "
         "counter-terrorism and crisis management.[5] Relations worsened after the war of 2008, and the "
         "council did not meet at ambassadorial level until the following spring. ")


def _hand_written() -> list[str]:
    paths = sorted((ROOT / "tests" / "data" / "parse").glob("*.jsonl"))
    return [json.loads(line)["text"] for p in paths for line in p.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _cycle(items: list[str], n: int) -> list[str]:
    return [items[i % len(items)] for i in range(n)]


def make(name: str) -> str:
    if name.startswith("list-"):
        return "\n".join(_cycle(_hand_written(), 100_000 if name == "list-100k" else 10_000))
    if name == "distinct-10k":
        return "\n".join(f"{ref} doi:10.5555/{n}" for n, ref in enumerate(_cycle(_hand_written(), 10_000), 1))
    if name.startswith("article-"):
        lines = [ln for p in sorted((ROOT / "tests" / "data" / "parse_eval" / "detection").glob("*.txt"))
                 for ln in p.read_text(encoding="utf-8").splitlines()]
        return "\n".join(_cycle(lines, 100_000 if name == "article-100k" else 10_000))
    if name.startswith("prose-"):
        size = 64 * 1024 if name == "prose-64k" else 10 * 1024 * 1024
        return (PROSE * (size // len(PROSE) + 1))[:size]
    if name == "chars-10m":
        return "a" * (10 * 1024 * 1024)
    if name.startswith("refs-"):
        size = 1024 * 1024 if name == "refs-1m" else 10 * 1024 * 1024
        refs = _hand_written()
        out, n, total = [], 0, 0
        while total < size:
            piece = f"[{n + 1}] {refs[n % len(refs)]}"
            out.append(piece)
            total += len(piece) + 1
            n += 1
        return " ".join(out)
    raise ValueError(name)


CASES = ("list-10k", "article-10k", "distinct-10k", "list-100k", "article-100k", "prose-64k", "prose-10m",
         "chars-10m", "refs-1m", "refs-10m", "cli-100k-bib", "cli-100k-json")


def _child(name: str, queue: mp.Queue) -> None:
    from refs.parse import fields, find, parse_text

    spent = [0, 0.0]
    original = fields.parse_reference

    def timed(*args, **kwargs):
        t = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += 1
            spent[1] += time.process_time() - t

    fields.parse_reference = timed
    if name.startswith("cli-"):
        _cli_child(name, queue, spent)
        return
    text = make(name)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, w0 = time.process_time(), time.perf_counter()
    records, _ = parse_text(text)
    secs, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del find
    queue.put({"size": len(text.encode("utf-8")), "lines": text.count("\n") + 1, "records": len(records),
               "seconds": secs, "wall": wall, "peak_mb": peak / 1024, "input_mb": base / 1024,
               "parses": spent[0], "parse_s": spent[1]})


def _cli_child(name: str, queue: mp.Queue, spent: list) -> None:
    import contextlib
    import io
    import tempfile

    from refs.cli.main import cli

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "list.txt", Path(tmp) / ("out." + name.rsplit("-", 1)[1])
        src.write_text(make("list-100k"), encoding="utf-8")
        size = src.stat().st_size
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        err = io.StringIO()
        t0, w0 = time.process_time(), time.perf_counter()
        with contextlib.redirect_stderr(err):
            try:
                cli.main(["parse", str(src), "-o", str(out)], standalone_mode=False)
            except SystemExit:
                pass
        secs, wall = time.process_time() - t0, time.perf_counter() - w0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        text = out.read_text(encoding="utf-8")
        records = (text.count("\n@") + text.startswith("@") if out.suffix == ".bib"
                   else text.count('\n    "id": '))
    queue.put({"size": size, "lines": 100_000, "records": records, "seconds": secs, "wall": wall,
               "peak_mb": peak / 1024, "input_mb": base / 1024, "parses": spent[0], "parse_s": spent[1]})


def run(name: str, timeout: float) -> dict | None:
    queue: mp.Queue = mp.Queue()
    proc = mp.get_context("fork").Process(target=_child, args=(name, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed")
    ap.add_argument("--only", choices=CASES, action="append", help="run only these cases")
    args = ap.parse_args()
    print(f"{'case':<13} {'input':>9} {'lines':>7} {'records':>8} {'cpu s':>8} {'wall s':>7} {'peak MB':>8} "
          f"{'parses':>7} {'parser s':>9} {'finder s':>9}")
    for name in args.only or CASES:
        r = run(name, args.timeout)
        if r is None:
            print(f"{name:<13} {'':>9} {'':>7} {'':>8} {'':>8} {'>' + str(int(args.timeout)):>7}  (killed)")
            continue
        print(f"{name:<13} {_size(r['size']):>9} {r['lines']:>7} {r['records']:>8} {r['seconds']:>8.1f} "
              f"{r['wall']:>7.1f} "
              f"{r['peak_mb']:>8.0f} {r['parses']:>7} {r['parse_s']:>9.1f} "
              f"{r['seconds'] - r['parse_s']:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
