"""Bench for ``refs parse``: field accuracy and detection on every labelled set, and speed.

Run: ``python bench/bench_parse.py [--failures SET] [--save-before]``.

Every set is parsed the way a user would: all its strings, one per line, as ONE text
through ``refs.parse.parse_text``. The record that starts on line *i* is compared with
item *i*; "found" counts lines where a record starts, "extra" the records beyond one per
line. Fields are scored with the rules of ``bench/bench_parse_eval.py`` (its docstring):
type, each author's family name, editors, title, container-title, volume, issue, page,
year, publisher, publisher-place; a field is a slot when the gold or the parse has it.

Sets:

* ``anystyle-gold``: AnyStyle's hand-labelled ``gold.jsonl`` (1,669 strings; never
  trained on), from ../shared (or $REFS_SHARED). Its segments are turned into expected
  fields (author/editor spans → family names with refs' name parser, volume spans →
  volume and issue, pages normalised, date → year); titles, containers, publisher and
  place are compared after trimming quotes, brackets and an "In" on both sides, without the
  spaces next to punctuation (PDF text moves them: "Phys .Rev .D" is "Phys. Rev. D"). No type.
* ``grobid-eval``: GROBID's evaluation references (arXiv and INSPIRE-HEP papers; never
  trained on), from its TEI the same way, each tagged element's text being the gold value.
* ``real-dev`` / ``real-holdout``: real strings copied from public pages
  (tests/data/parse_real/dev_*.jsonl, holdout_*.jsonl). The held-out half is only ever
  printed as totals (``--failures`` refuses it).
* ``real-seg-holdout``: the held-out pages (one in four, by a hash of the address: see
  :mod:`refs.parse.train.real`) of the segment-labelled real training strings
  (refs/parse/train/real/*.jsonl), scored like AnyStyle's gold (no type); printed as totals.
* ``handwritten-holdout``: tests/data/parse/holdout_{a,b,k}.jsonl; ``handwritten-dev``: the
  dev_* halves and the eval set tests/data/parse_eval/references.jsonl (trained on: not
  held out).
* ``seed``: the seed article, records equal to tests/data/parse/nato_expected.json.

"before" is the rule-based parser of the commit recorded in bench/parse_before.json,
measured with this script (``--save-before`` writes that file).

"alone" scores each string parsed on its own (the parser without the finder's segmentation).

Speed: ``parse_reference`` over the gold strings in a fresh process, CPU time on one core:
the first half ("cold": every word seen for the first time, as in a short document), then
the second half (new strings, but the caches warmed by the first half, as later in a long
document); printed with ``--only`` too. The model's load is timed on its own (the first
parse after the import). The figures are the medians of ``--speed-runs`` such processes
(3; their range is printed too: on a shared machine one run can be a third off).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_parse_eval as scoring  # noqa: E402

from refs.model import fold  # noqa: E402
from refs.parse import parse_text  # noqa: E402
from refs.parse.names import parse_names  # noqa: E402
from refs.parse.numbers import normalize_pages, scan  # noqa: E402
from refs.parse.places import place_name  # noqa: E402

SHARED = Path(os.environ.get("REFS_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "data" / "anystyle" / "gold.jsonl"
GROBID_EVAL = SHARED / "data" / "grobid-citations" / "evaluation"
PARSE = ROOT / "tests" / "data" / "parse"
REAL = ROOT / "tests" / "data" / "parse_real"
BEFORE = Path(__file__).resolve().parent / "parse_before.json"
FIELDS = ("type", "author", "editor", "title", "container-title", "volume", "issue", "page", "year",
          "publisher", "publisher-place")
LOOSE = ("title", "container-title", "publisher", "publisher-place")
HELD_OUT = ("real-holdout", "real-seg-holdout", "handwritten-holdout")


def _trim(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip().replace("- ", "-").translate(_LIGATURES)
    while True:  # a cue or quote before the value, in any order ("// „Title", "W: Book")
        cut = _LEAD_CUE.sub("", text).strip(_EDGES)
        if cut == text:
            return text
        text = cut


#: what the labeller keeps in a segment and a parse rightly drops: the cue before a container
#: ("In:", "W:", "Dans", GOST's "//"), and quotes, dashes and separators (Arabic's too) at either end
_LEAD_CUE = re.compile(r"^(?:(?:In:?|in:?|W:|Dans|dans|En)\s+|W:|//\s*|[-–—]+\s*)")
_EDGES = " .,;:()[]\"'`“”‘’«»„‚‹›「」『』–—،؛"  # (and TeX's quotes: "``Title,''")
#: a PDF's ligatures, one letter each in the gold ("deﬁcits"), spelt out by the parser
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})


def _loose(text: str) -> str:
    """A title, container, publisher or place as compared: trimmed, without the spaces next to
    punctuation (a PDF's text layer moves them: "Phys .Rev .D", "programs :the"), and without a
    hyphen the labeller kept at its end as the separator before the next field ("The Scarlet
    Letter -" of "The Scarlet Letter - Nathaniel Hawthorne")."""
    return _PUNCT_SPACE.sub(r"\1", _trim(text)).rstrip(" -")


_PUNCT_SPACE = re.compile(r"\s*([.,;:()\[\]])\s*")
#: the word before a page range in a labelled "pages" segment ("pp. 5-9", "Seite 127f", GOST's
#: "С. 12–25" and its Latin look-alikes "C." / "P."); a single letter needs its dot or a space
#: ("S93-S99" is a supplement's pages)
_PAGE_WORDS = ("páginas|paginas|página|pagina|pagine|pages|page|Seiten|Seite|стр|ст|str|stran|strani|pagg|pag"
               "|págs|pág|pàgs|pàg|ss|сс|sivut|sider|side|sid|bls|blz|lk|paras|para|sayfa|σελ|σσ|halaman|hlm"
               "|trang|tr|oldal|صفحات|صص|ص")
_PAGE_CUE = re.compile(rf"^(?:(?:{_PAGE_WORDS})\.?\s*(?=\d|[IVXLCivxlc]+\b)"
                       r"|(?:pp|p|S|Sp|С|C|P|Р|с|s|σ)(?:\.\s*|\s+)|o\.\s*)", re.I)


#: a pinpoint the labeller kept after the work's pages ("321-357, hier: 329", "101-115, bes. 101-103",
#: "85–247, на с. 126–127", "1-36, at p. 3"): the work's pages are the range before it
_PINPOINT_TAIL = re.compile(r"(?<=\d)[,;]?\s+(?:hier|bes\.|esp\.|especially|at|на\s+с\.)(?:\s|:).*$", re.I)


#: the role words an editor or translator segment holds besides the names, before or after
#: them ("edited by", "Hrsg. v.", "a cura di", "Sast."; "(eds.)", "(a cura di)", "(red.)", "(toim.)")
_ROLES = (r"eds?|editors?|edited|Hrsg|Hgg?|a cura di|cur|red|coords?|toim|dirs?|orgs?|comps?|éds?|sast|szerk"
          r"|ред|отв\.\s*ред|под\s+(?:общ\.\s+)?ред|обр|изд|επιμ|trans|transl|trad|tr|пер|übers")
_LEAD_ROLE = re.compile(rf"^(?:In:?|in:?|\(|(?:{_ROLES})(?![^\W\d_])\.?(?:\s+(?:by|v\.|von|di|de|par))?)\s*",
                        re.I)
_TRAIL_ROLE = re.compile(rf"[\s,]*(?<![^\s,(])\(?(?:{_ROLES})\.?\)?[.,:]?$", re.I)


def expected_from_segments(segments: list[list[str]]) -> dict[str, Any]:
    """Eval-schema ``expected`` fields from labelled segments (AnyStyle or our labels)."""
    g: dict[str, Any] = {}
    for label, value in segments:
        if label in ("author", "editor"):
            if label in g:
                continue
            span = _LEAD_ROLE.sub("", value.strip())
            span = _TRAIL_ROLE.sub("", span)
            names, _ = parse_names(span)
            fams = [fold(n.get("family") or n.get("literal", "")) for n in names]
            if fams:
                g[label] = fams
        elif label == "title" and "title" not in g:
            g["title"] = _loose(value)
        elif label in ("journal", "container-title") and "container-title" not in g:
            g["container-title"] = _loose(value)
        elif label in ("volume", "issue"):
            # (AnyStyle labels a token such as "88(4):048702," volume whole: its pages are in it)
            earlier = "volume" in g  # (a volume from an earlier segment: "…, 218, 23 - 2016, ApJS, 223, 26")
            for sp in scan(value):
                if sp.value.get("volume") and "volume" not in g:
                    g["volume"] = sp.value["volume"]
                if sp.value.get("issue") and "issue" not in g:
                    g["issue"] = re.sub(r"\s+", "", sp.value["issue"])
                short = sp.value.get("num") or sp.value.get("page", "")
                if label == "volume" and "volume" in g and not earlier and "issue" not in g \
                        and short.isdigit() and len(short) <= (4 if sp.kind == "num" else 2) \
                        and sp.kind in ("num", "pages"):
                    g["issue"] = short  # "36, 3", "43:17:" labelled volume whole: the volume, then the issue
                    continue
                if sp.kind == "num" and label not in g:
                    g[label] = sp.value["num"]
                if sp.kind == "pages" and "page" not in g and "volume" in g:
                    g["page"] = normalize_pages(sp.value["page"])
        elif label == "pages" and "page" not in g and _volume_run_in_pages(value, g):
            continue
        elif label == "pages" and "page" not in g:
            v = _PINPOINT_TAIL.sub("", _PAGE_CUE.sub("", _trim(value)))
            v = re.sub(r"\s*(?:p|pp|S|с|pages)\.?$", "", v)
            # ("45 ff.", "333 e ss.": the pages from the first on, as refs writes them)
            v = re.sub(r"(?<=\d)(?:\s*ff|\s+f|f\.|\s*ss|\s*sqq?|\s+[ey]\s+ss)\.?$", "", v)
            g["page"] = normalize_pages(v)
        elif label == "date" and "year" not in g:
            m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", value)
            if m:
                g["year"] = int(m.group(1))
        elif label == "publisher" and "publisher" not in g:
            g["publisher"] = _loose(value)
        elif label == "location" and "publisher-place" not in g:
            # (a GOST abbreviation means its city, as refs writes it: "М." Москва; the area dash
            # before it, "— М.", is the labeller's, not the place's)
            place = _trim(re.sub(r"^[-–—]+\s*", "", value.strip()))
            g["publisher-place"] = _loose(place_name(place, " ".join(v for _, v in segments)))
    return g


def _volume_run_in_pages(value: str, g: dict[str, Any]) -> bool:
    """A pages segment that holds the volume glued to the pages ("316:208–210", "100(3):712-713",
    Vancouver's "2008;371:510–526": one token, one label, and labellers give it the pages'): the
    volume, issue, pages (and Vancouver's year) it says go to the gold, as a volume segment's
    pages do. Whether it was one."""
    nums = scan(value)
    run = next((n for n in nums if n.kind == "vanc" and n.value.get("volume") and n.value.get("page")), None)
    if run:
        vol, issue, page, year = (run.value.get(k) for k in ("volume", "issue", "page", "year"))
    else:
        pair = next(((a, b) for a, b in zip(nums, nums[1:], strict=False)
                     if a.kind in ("num", "vi", "vol") and b.kind == "pages"
                     and b.value["raw"].startswith(":") and a.value["raw"] + b.value["raw"] in value), None)
        if not pair:
            return False
        vol = pair[0].value.get("volume") or pair[0].value["num"]
        issue, page, year = pair[0].value.get("issue"), pair[1].value["page"], None
    g["page"] = normalize_pages(page)
    if "volume" in g:  # (the volume named before: "vol. 12, | 12:45-67")
        return True
    g["volume"] = vol
    if issue and "issue" not in g:
        g["issue"] = re.sub(r"\s+", "", issue)
    if year and "year" not in g:
        g["year"] = int(year)
    return True


def _labelled_items(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as eval-schema items. An entry whose authors are a ditto mark ("———.", "______.")
    has the authors of the entry before, as the mark says (and as the parser reads it): the
    labeller's segment holds only the mark."""
    items = []
    authors = None  # (the last authors named, for a ditto mark)
    for r in rows:
        expected = expected_from_segments(r["segments"])
        mark = next((t for lab, t in r["segments"] if lab == "author"), None)
        if mark is not None and _DITTO_MARK.fullmatch(mark):
            if authors:
                expected["author"] = authors
        elif expected.get("author"):
            authors = expected["author"]
        items.append({"style": "-", "lang": "-", "text": r["text"], "expected": expected, "loose": True})
    return items


_DITTO_MARK = re.compile(r"[\s·.,:]*(?:[-–—_]\s?){2,}[\s.,:]*")


def load_sets() -> dict[str, list[dict[str, Any]]]:
    """Every available set as eval-schema items."""
    sets: dict[str, list[dict[str, Any]]] = {}
    if GOLD.exists():
        sets["anystyle-gold"] = _labelled_items([json.loads(x) for x in GOLD.open(encoding="utf-8")])
    if GROBID_EVAL.exists():
        from refs.parse.train import corpus

        rows = [{"text": t, "segments": fields} for p in sorted(GROBID_EVAL.glob("*.xml"))
                for t, fields in corpus.grobid_fields(p)]
        sets["grobid-eval"] = _labelled_items(rows)
    for name, pattern in (("real-dev", "dev_*.jsonl"), ("real-holdout", "holdout_*.jsonl")):
        files = sorted(REAL.glob(pattern))
        if files:
            sets[name] = [i for f in files for i in scoring.load(f)]
    from refs.parse.train import real

    held = list(real.rows(test=True))
    if held:
        sets["real-seg-holdout"] = _labelled_items(held)
    sets["handwritten-holdout"] = [i for f in sorted(PARSE.glob("holdout_*.jsonl")) for i in scoring.load(f)]
    sets["handwritten-dev"] = [i for f in [*sorted(PARSE.glob("dev_*.jsonl")), scoring.REFERENCES]
                               for i in scoring.load(f)]
    return sets


def _got(record: Any, loose: bool) -> dict[str, Any]:
    got = scoring.extract(record)
    if loose:
        got.pop("type", None)
        for f in LOOSE:
            if f in got:
                got[f] = _loose(str(got[f]))
        for f in ("author", "editor"):
            if f in got:
                got[f] = [[fold(x) for x in forms] for forms in got[f]]
        if "page" not in got and record.csl.get("number-of-pages"):
            got["page"] = str(record.csl["number-of-pages"])
    return got


def run_set(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Parse the set as one text, one string per line; tallies per field, detection, failures."""
    texts = [re.sub(r"\s+", " ", i["text"]).strip() for i in items]
    records, _ = parse_text("\n".join(texts))
    first: dict[int, Any] = {}
    for rec in records:
        first.setdefault(rec.origin.line, rec)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    alone = [0, 0]
    failures = []
    for n, item in enumerate(items, 1):
        rec = first.get(n)
        got = _got(rec, bool(item.get("loose"))) if rec else {}
        for field, ok, want, have in scoring.score_item(item, got):
            if field not in FIELDS:
                continue
            total[field] += 1
            right[field] += ok
            if not ok:
                failures.append(f"{field}: expected {want!r}, got {have!r}\n      {item['text']}")
        # the same string parsed on its own: the parser's share, without the finder's
        recs, _ = parse_text(texts[n - 1])
        got = _got(recs[0], bool(item.get("loose"))) if recs else {}
        for field, ok, _, _ in scoring.score_item(item, got):
            if field in FIELDS:
                alone[0] += ok
                alone[1] += 1
    return {"lines": len(items), "found": len(first), "records": len(records),
            "right": dict(right), "total": dict(total), "alone": alone, "failures": failures}


def seed() -> tuple[int, int]:
    expected = json.loads((PARSE / "nato_expected.json").read_text(encoding="utf-8"))
    recs, _ = parse_text((ROOT / "nato_refs" / "nato-russia-relations.el.txt").read_text(encoding="utf-8"))
    by_line = {r.origin.line: r for r in recs}
    ok = 0
    for e in expected:
        e = dict(e)
        rec = by_line.get(e.pop("_line"))
        ok += bool(rec) and rec.to_csl() == e
    return ok, len(expected)


def speed(texts: list[str]) -> tuple[float, float, float]:
    """(seconds for the first parse in a fresh process — the model's load —, references per
    second of CPU time in that process over the first half of ``texts``, then the second)."""
    code = ("import json, sys, time; from refs.parse import parse_reference; t = time.perf_counter(); "
            "parse_reference('Smith, J. (2001). Title. Journal, 1, 2-3.'); print(time.perf_counter() - t)\n"
            "texts = json.load(sys.stdin)\n"
            "for half in (texts[: len(texts) // 2], texts[len(texts) // 2:]):\n"
            "    cpu = time.process_time()\n"
            "    for s in half: parse_reference(s)\n"
            "    print(len(half) / (time.process_time() - cpu))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         input=json.dumps(texts),
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    load, cold, warm = (float(x) for x in (out.stdout.split() + ["nan"] * 3)[:3])
    return load, cold, warm


def speeds(texts: list[str], runs: int) -> list[tuple[float, float, float]]:
    """:func:`speed` in ``runs`` fresh processes one after the other (on a shared machine a
    single run can be off by a third either way; the median of several is steadier)."""
    return [speed(texts) for _ in range(max(1, runs))]


def _acc(r: dict[str, Any]) -> tuple[int, int]:
    return sum(r["right"].values()), sum(r["total"].values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--failures", default="", help="print the wrong fields of this set (not a held-out one)")
    ap.add_argument("--only", default="", help="run only this set")
    ap.add_argument("--save-before", action="store_true", help="store these figures as the 'before' column")
    ap.add_argument("--speed-runs", type=int, default=3,
                    help="fresh processes the speed line is the median of (default 3)")
    args = ap.parse_args()
    sets = load_sets()
    if args.failures in HELD_OUT:
        print(f"{args.failures} is held out: only its totals are printed")
        return 2
    before = json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else {}
    results = {}
    for name, items in sets.items():
        if args.only and name != args.only:
            continue
        results[name] = run_set(items)
        if name == args.failures:
            for f in results[name]["failures"]:
                print("  -", f)
    old = before.get("sets", {})
    print(f"before: {before.get('commit', '-')[:10]} (rule-based parser)   after: this checkout\n")
    print(f"{'set':<22}{'lines':>6}{'found':>7}{'extra':>6}{'fields right':>16}{'acc':>8}{'before':>9}"
          f"{'alone':>8}{'before':>9}")
    for name, r in results.items():
        a, b = _acc(r)
        ob = old.get(name)
        prev = f"{_acc(ob)[0] / max(1, _acc(ob)[1]):.1%}" if ob else "-"
        prev_alone = f"{ob['alone'][0] / max(1, ob['alone'][1]):.1%}" if ob and ob.get("alone") else "-"
        print(f"{name:<22}{r['lines']:>6}{r['found']:>7}{r['records'] - r['found']:>6}{a:>9}/{b:<6}"
              f"{a / max(1, b):>8.1%}{prev:>9}{r['alone'][0] / max(1, r['alone'][1]):>8.1%}{prev_alone:>9}")
    shown = {n: r for n, r in results.items() if n not in HELD_OUT}  # held-out sets: totals only
    print(f"\n{'field (after / before)':<24}" + "".join(f"{n[:15]:>17}" for n in shown))
    for f in FIELDS:
        cells = []
        for name, r in shown.items():
            t = r["total"].get(f, 0)
            ob = old.get(name, {})
            bt = ob.get("total", {}).get(f, 0)
            now = f"{r['right'].get(f, 0) / t:.0%}" if t else "-"
            was = f"{ob['right'].get(f, 0) / bt:.0%}" if bt else "-"
            cells.append(f"{now + ' / ' + was:>17}")
        print(f"{f:<24}" + "".join(cells))
    s_ok, s_n = seed()
    print(f"\nseed: {s_ok}/{s_n} records with every field right (before: {before.get('seed', '-')})")
    if GOLD.exists():
        texts = [json.loads(x)["text"] for x in GOLD.open(encoding="utf-8")]
        runs = speeds(texts, args.speed_runs)
        load, cold, rate = (statistics.median(r[k] for r in runs) for k in range(3))
        spread = (f" (medians of {len(runs)} fresh processes; second half {min(r[2] for r in runs):,.0f}–"
                  f"{max(r[2] for r in runs):,.0f}/s, first half {min(r[1] for r in runs):,.0f}–"
                  f"{max(r[1] for r in runs):,.0f}/s)" if len(runs) > 1 else "")
        print(f"speed: {rate:,.0f} references/second of CPU time on one core, parse_reference over the "
              f"second half of {len(texts)} strings in a fresh process (first half, every word new: "
              f"{cold:,.0f}/s; first parse, with the model's load: {load:.2f} s; before: "
              f"{before.get('speed', '-')}/s){spread}")
        if args.save_before:
            commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                    text=True).stdout.strip()
            BEFORE.write_text(json.dumps({"commit": commit, "seed": f"{s_ok}/{s_n}", "speed": round(rate),
                                          "sets": {k: {x: v[x] for x in ("lines", "found", "records", "right",
                                                                         "total", "alone")}
                                                   for k, v in results.items()}}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
