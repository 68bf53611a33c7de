"""The seed article in every source form refs reads, against the golden parse of its text.

    python bench/bench_sources.py [--verbose]

Forms: the plain text (the baseline), the page saved from the browser (.html), its
wikitext (.wiki), a syllabus PDF and a Word file (tests/data/sources/, written by
make_fixtures.py), and the article's URL served by a local MediaWiki API stand-in.
For each: how many of the 27 golden references were found (matched by title, first
author and year), extra records, the share of golden fields exactly right (over all
27 references; a missing reference counts all its fields wrong), and the links kept
(the 14 "online"/"excerpt" links on the right records, a doi.org link as the DOI)
plus the archive copy on the CASIS entry.
"""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "sources"))
sys.path.insert(0, str(ROOT / "tests" / "servers"))

import seed_entries  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from refs import io  # noqa: E402
from refs.model import ARCHIVE_URL, Record  # noqa: E402

DATA = ROOT / "tests" / "data" / "sources"
GOLDEN = json.loads((ROOT / "tests" / "data" / "parse" / "nato_expected.json").read_text(encoding="utf-8"))
SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).lower())
    return " ".join("".join(c for c in text if c.isalnum() or c.isspace()).split())


def _family(item: dict) -> str:
    names = item.get("author") or item.get("editor") or [{}]
    return _fold(names[0].get("family") or names[0].get("literal") or "")


def match(records: list[Record]) -> dict[int, Record]:
    """Golden index -> the found record that is that reference (each used once)."""
    pairs = []
    for gi, gold in enumerate(GOLDEN):
        for ri, rec in enumerate(records):
            item = rec.to_csl()
            score = fuzz.ratio(_fold(gold.get("title", "")), _fold(item.get("title", "")))
            if _family(gold) and _family(gold) == _family(item):
                score += 20
            if gold.get("issued") == item.get("issued"):
                score += 10
            if gold.get("note") == item.get("note"):
                score += 5
            if score >= 85:
                pairs.append((score, gi, ri))
    out: dict[int, Record] = {}
    used: set[int] = set()
    for _score, gi, ri in sorted(pairs, reverse=True):
        if gi not in out and ri not in used:
            out[gi] = records[ri]
            used.add(ri)
    return out


def score(records: list[Record], verbose: bool = False) -> dict:
    matched = match(records)
    right = total = 0
    wrong: list[str] = []
    for gi, gold in enumerate(GOLDEN):
        rec = matched.get(gi)
        item = rec.to_csl() if rec else {}
        for key, value in gold.items():
            if key in ("id", "_line"):
                continue
            total += 1
            got = item.get(key)
            if key == "custom" and isinstance(got, dict):  # the archive URL a link adds is a bonus
                got = {k: v for k, v in got.items() if k in value}
            if got == value:
                right += 1
            elif verbose:
                wrong.append(f"  {gold['id']}.{key}: {json.dumps(item.get(key), ensure_ascii=False)} "
                             f"!= {json.dumps(value, ensure_ascii=False)}")
    by_id = {GOLDEN[gi]["id"]: rec for gi, rec in matched.items()}
    kept = 0
    for gid, url in seed_entries.LINKED_IDS.items():
        rec = by_id.get(gid)
        if rec is None:
            continue
        doi = url.split("doi.org/", 1)[1] if "doi.org/" in url else None
        if (doi and rec.csl.get("DOI") == doi) or rec.csl.get("URL") == url:
            kept += 1
        elif verbose:
            wrong.append(f"  {gid}: link {url} not kept (URL={rec.csl.get('URL')}, DOI={rec.csl.get('DOI')})")
    archived = by_id.get(seed_entries.ARCHIVED_ID)
    archive = bool(archived and archived.custom(ARCHIVE_URL) == seed_entries.ARCHIVE)
    extras = [r for r in records if r not in matched.values()]
    if verbose:
        wrong += [f"  extra: {r.origin.text[:100]!r}" for r in extras]
    return {"found": len(matched), "extra": len(extras), "fields": right / total, "links": kept,
            "archive": archive, "wrong": wrong}


def read_form(form: str) -> list[Record]:
    if form == "text":
        library, _ = io.read(SEED)
    elif form == "url":
        from mediawiki_server import serve

        from refs.sources import url as url_source

        with serve({"Σχέσεις ΝΑΤΟ-Ρωσίας": ((DATA / "nato.html").read_text(encoding="utf-8"),
                                              (DATA / "nato.wiki").read_text(encoding="utf-8"))}) as api:
            os.environ["REFS_MEDIAWIKI_URL"] = api
            library, _ = url_source.read("https://el.wikipedia.org/wiki/Σχέσεις_ΝΑΤΟ-Ρωσίας",
                                         cache=False)
    else:
        library, _ = io.read(DATA / f"nato.{form}")
    return library.records


FORMS = [("text", "the plain-text seed (baseline)"), ("html", "the page saved from the browser (.html)"),
         ("wiki", "its wikitext (.wiki, footnotes as <ref>{{cite …}}</ref>)"),
         ("pdf", "a syllabus PDF (hanging indents, footer, two columns)"),
         ("docx", "a Word file (italic titles, \"online\" as hyperlinks, footnotes)"),
         ("url", "the article's URL (local MediaWiki API)")]


def main() -> int:
    verbose = "--verbose" in sys.argv or "-v" in sys.argv
    print("| source | fields right | found | extra | links kept | archive copy | seconds |")
    print("|---|---|---|---|---|---|---|")
    details = []
    for form, label in FORMS:
        start = time.perf_counter()
        try:
            records = read_form(form)
        except Exception as exc:  # a bench reports, it does not stop
            print(f"| {label} | error: {type(exc).__name__}: {exc} | | | | | |")
            continue
        seconds = time.perf_counter() - start
        s = score(records, verbose)
        links = f"{s['links']}/14" if form != "text" else "— (lost in the copy)"
        archive = ("kept" if s["archive"] else "lost") if form != "text" else "—"
        print(f"| {label} | {s['fields']:.3f} | {s['found']}/27 | {s['extra']} | {links} | {archive} "
              f"| {seconds:.2f} |")
        if s["wrong"]:
            details.append(f"{form}:\n" + "\n".join(s["wrong"]))
    if verbose and details:
        print()
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
