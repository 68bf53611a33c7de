"""What Zotero receives from ``refs convert --zotero``, read by Better BibTeX's own parser.

Run: ``python bench/bench_zotero_bbt.py [--failures N] [--files GLOB]``.

Better BibTeX for Zotero imports BibTeX with ``@retorquere/bibtex-parser`` (npm). This
bench parses every file of the real-world corpus (``../shared/data/bib``) twice with
that parser, with the options Better BibTeX imports with (English titles sentence-cased,
case protection kept): the input as the user wrote it, and refs' ``--zotero`` output of
it. Per entry (matched by key) it then checks:

* **fields**: every field of the input arrives in the output with the value BBT's parser
  gives it (so LaTeX, case protection and name parts included), under its own name or the
  name refs writes for Zotero (``journaltitle`` → ``journal``, ``location`` → ``address``,
  ``date`` → ``year``/``month``…), or, for fields Zotero has no place for, as a line of
  the ``note`` Zotero imports. A field that is nowhere is *lost*; one whose value differs
  is *altered*.
* **titles**: the title BBT gives the input equals the one it gives the output (case
  protection is visible here: a title whose ``{NATO}`` lost its braces sentence-cases to
  "Nato").
* **decoding**: refs' own decoded title (``refs.io.read``) against BBT's decoding of the
  input with no sentence-casing and its markup removed: the LaTeX → Unicode agreement.

The node helper lives in ``bench/bbt/`` (``npm install --prefix bench/bbt`` once; the bench
runs it when missing). Prints one table; ``--failures`` lists examples of each kind.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
BBT = ROOT / "bench" / "bbt"

sys.path.insert(0, str(ROOT))

from refs import io  # noqa: E402

#: input field -> the fields refs may write it to for Zotero (besides its own name)
RENAMED = {
    "journaltitle": ("journal",), "journal": ("journaltitle",), "location": ("address",),
    "address": ("location",), "date": ("year",), "institution": ("publisher", "school"),
    "school": ("publisher", "institution"), "organization": ("publisher",),
    "langid": ("language",), "language": ("langid",), "urldate": ("urldate",),
    "eprint": ("eprint",), "file": ("file",), "annotation": ("annote", "note"),
    "annote": ("annotation", "note"), "shorttitle": ("shorttitle",),
}
#: fields BBT's parser derives or that are not data
IGNORED = {"crossref", "xdata", "entryset", "related", "sortkey", "sortname", "presort", "month"}


def ensure_parser() -> bool:
    if (BBT / "node_modules" / "@retorquere" / "bibtex-parser").is_dir():
        return True
    try:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(BBT)], check=True,
                       capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return False
    return (BBT / "node_modules" / "@retorquere" / "bibtex-parser").is_dir()


def bbt_parse(paths: list[Path], raw_titles: bool = False) -> dict[str, dict[str, Any]]:
    """file -> {key: fields} as Better BibTeX's parser reads it."""
    env = dict(os.environ, REFS_BBT_PLAIN="1" if raw_titles else "")
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(paths), 40):
        chunk = [str(p) for p in paths[i:i + 40]]
        proc = subprocess.run(["node", str(BBT / "parse.mjs"), *chunk], capture_output=True, text=True,
                              env=env, timeout=600)
        for line in proc.stdout.splitlines():
            doc = json.loads(line)
            entries: dict[str, Any] = {}
            for e in doc["entries"]:
                if e["type"].lower() != "xdata":  # data containers other entries inline, not works
                    entries.setdefault(e["key"], e["fields"])
            out[doc["file"]] = entries
    return out


_TAG = re.compile(r"</?(?:i|b|sup|sub|span|em|strong|code|tt|sc|u|nc)(?:\s[^>]*)?>")


def plain(value: Any) -> str:
    """A BBT field value as comparable text (markup removed, whitespace collapsed)."""
    if isinstance(value, list):
        return " | ".join(plain(v) for v in value)
    if isinstance(value, dict):
        return plain(" ".join(str(value.get(k, "")) for k in ("prefix", "firstName", "lastName", "name",
                                                               "suffix") if value.get(k)))
    text = html.unescape(_TAG.sub("", str(value))).replace("\u200b", "")
    return unicodedata.normalize("NFC", " ".join(text.split()))


def in_note(value: str, note: str) -> bool:
    return bool(value) and value.casefold() in note.casefold()


def compare(src: dict[str, Any], out: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(lost fields, altered fields) of one entry. A field arrived when its value is in the
    output under its own name or the one refs writes for Zotero, or inside another field
    (a subtitle joined to the title, as Zotero's import joins them; a note line)."""
    lost: list[str] = []
    altered: list[str] = []
    everything = " ".join(plain(v) for v in out.values()).casefold()
    for name, value in src.items():
        if name in IGNORED:
            continue
        want = plain(value)
        if not want:
            continue
        names = (name, *RENAMED.get(name, ()))
        got = [plain(out[n]) for n in names if n in out]
        if any(g == want for g in got):
            continue
        if name in ("date", "year") and any(want[:4] == plain(out.get(n, ""))[:4] for n in ("year", "date")):
            continue
        parts = ([str(v.get("lastName") or v.get("name") or "") for v in value]
                 if isinstance(value, list) and value and isinstance(value[0], dict) else want.split(" | "))
        if all(plain(part).casefold() in everything for part in parts):
            continue  # inside another field: a name list in the note, a subtitle in the title
        if got:
            altered.append(name)
        else:
            lost.append(name)
    return lost, altered


def joined_title(fields: dict[str, Any]) -> str:
    """The title as Zotero's import makes it: title, then ": subtitle"."""
    title = plain(fields.get("title", ""))
    sub = plain(fields.get("subtitle", ""))
    return f"{title}: {sub}" if title and sub else title


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--failures", type=int, default=0, help="show N examples of each problem")
    ap.add_argument("--files", default="*.bib")
    args = ap.parse_args()
    corpus = SHARED / "data" / "bib"
    if not corpus.is_dir():
        print(f"skipped: {corpus} not found")
        return 0
    if not ensure_parser():
        print("skipped: node/npm or @retorquere/bibtex-parser unavailable")
        return 0
    files = sorted(corpus.rglob(args.files))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        outs: list[Path] = []
        ours: dict[str, dict[str, str]] = {}
        for i, f in enumerate(files):
            lib, _ = io.read(f, "bibtex")
            dest = Path(tmp) / f"{i:04d}.bib"
            dest.write_text(io.dumps(lib, "bibtex", zotero=True), encoding="utf-8")
            outs.append(dest)
            ours[str(f)] = {r.id: r.title for r in lib.records}
        parsed_in = bbt_parse(files)
        parsed_out = bbt_parse(outs)
        plain_in = bbt_parse(files, raw_titles=True)
    counts: Counter[str] = Counter()
    lost_by: Counter[str] = Counter()
    altered_by: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"lost": [], "altered": [], "title": [], "decode": []}
    for f, dest in zip(files, outs, strict=True):
        src_entries = parsed_in.get(str(f), {})
        out_entries = parsed_out.get(str(dest), {})
        for key, fields in src_entries.items():
            counts["entries"] += 1
            out = out_entries.get(key)
            if out is None:
                counts["entries lost"] += 1
                examples["lost"].append(f"{f.name}:{key}: whole entry")
                continue
            counts["fields"] += sum(1 for k in fields if k not in IGNORED)
            lost, altered = compare(fields, out)
            lost_by.update(lost)
            altered_by.update(altered)
            for n in lost:
                examples["lost"].append(f"{f.name}:{key}: {n} = {plain(fields[n])[:80]!r}")
            for n in altered:
                got = plain(out.get(n, ""))
                examples["altered"].append(f"{f.name}:{key}: {n}: {plain(fields[n])[:70]!r} -> {got[:70]!r}")
            if "title" in fields:
                counts["titles"] += 1
                if joined_title(fields) != joined_title(out):
                    counts["titles changed"] += 1
                    examples["title"].append(f"{f.name}:{key}: {joined_title(fields)[:70]!r} -> "
                                             f"{joined_title(out)[:70]!r}")
        for key, fields in plain_in.get(str(f), {}).items():
            mine = ours[str(f)].get(key)
            if mine is None or "title" not in fields:
                continue
            counts["decoded titles"] += 1
            if unicodedata.normalize("NFC", " ".join(mine.split())) == joined_title(fields):
                counts["decoded agree"] += 1
            else:
                theirs = joined_title(fields)
                examples["decode"].append(f"{f.name}:{key}: refs {mine[:70]!r} | BBT {theirs[:70]!r}")
    secs = time.perf_counter() - t0
    n_fields = counts["fields"] or 1
    rows = [
        ("files / entries", f"{len(files)} / {counts['entries']}"),
        ("entries missing from the --zotero output", str(counts["entries lost"])),
        ("fields lost (nowhere in the output)", f"{sum(lost_by.values())} of {counts['fields']}"
                                                f" ({100 * sum(lost_by.values()) / n_fields:.2f}%)"),
        ("fields altered", f"{sum(altered_by.values())} ({100 * sum(altered_by.values()) / n_fields:.2f}%)"),
        ("titles Zotero sees differently", f"{counts['titles changed']} of {counts['titles']}"),
        ("refs' LaTeX decoding = BBT's (titles)",
         f"{counts['decoded agree']}/{counts['decoded titles']} "
         f"({100 * counts['decoded agree'] / max(1, counts['decoded titles']):.2f}%)"),
        ("time", f"{secs:.1f} s"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  refs --zotero read by @retorquere/bibtex-parser")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    if lost_by:
        print("lost by field:", ", ".join(f"{k} {v}" for k, v in lost_by.most_common(12)))
    if altered_by:
        print("altered by field:", ", ".join(f"{k} {v}" for k, v in altered_by.most_common(12)))
    if args.failures:
        for kind, lines in examples.items():
            if lines:
                print(f"\n{kind} ({len(lines)}):")
                for line in lines[: args.failures]:
                    print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
