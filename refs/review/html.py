"""``report.html``: one self-contained page to check what a build did.

No network, no CDN, no external file: styles and a few lines of plain JavaScript are
inline, so the page works from ``file://``, reads on a phone (375 px) and a desktop
without horizontal scrolling, and prints. With JavaScript off everything is shown;
JavaScript only adds the filters (problems, merged, dead links, low confidence,
corrected) and the search box.

At the top, the counts (the same numbers as ``report.json``'s ``counts``, which
:func:`write` returns for the build to store), the build's notices and the corrections
applied or not matched. Then one card per output record, in reading-list order: the
source text with file and line, the entry rendered in the build's first style, the
fields with where each came from (low-confidence ones marked), enrichment (added fields,
rejected candidates and why), merges side by side, links, the corrections applied, and
a ready-to-paste ``corrections.yaml`` snippet. Every value is HTML-escaped.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from refs.io import atomic
from refs.model import Record, name_text
from refs.review import corrections as cx
from refs.review.confidence import low_fields

#: Link statuses shown as a problem.
BAD_LINKS = ("dead",)
#: Enrichment outcomes not shown on the card (the build's notices say why for all records).
QUIET_ENRICH = ("not-cached", "not-attempted")
#: Enrichment outcomes shown as a problem.
BAD_ENRICH = ("doi-mismatch", "doi-not-found", "error")

#: the summary strip: count name -> label
COUNT_LABELS = {
    "input": "references found", "output": "works out", "merged": "merged away", "dropped": "dropped",
    "enriched": "enriched", "dead_links": "dead links", "problems": "with problems",
    "low_confidence": "low confidence", "corrected": "corrected",
}

#: filter name -> label (each card carries the names that apply to it as classes)
FILTERS = {"problem": "problems", "merged": "merged", "dead": "dead links", "low": "low confidence",
           "corrected": "corrected"}

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
background:#f4f4f6}
header,main{max-width:60rem;margin:0 auto;padding:0 .75rem}
h1{font-size:1.3rem;margin:1rem 0 .3rem}
h2{font-size:1.05rem;margin:0 0 .4rem}
h3{font-size:.85rem;text-transform:uppercase;letter-spacing:.04em;color:#555;margin:.8rem 0 .3rem}
body,p,li,td,th,pre,code,a,span,i,b{overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:.6rem 0;list-style:none}
.counts li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.25rem .55rem}
.counts b{font-size:1.1rem}
.box{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.6rem .8rem;margin:.6rem 0}
.card{background:#fff;border:1px solid #ddd;border-left:4px solid #8a8;border-radius:8px;
padding:.7rem .8rem;margin:.8rem 0;content-visibility:auto;contain-intrinsic-size:auto 420px}
.card.problem{border-left-color:#c33}
.card.low{border-left-color:#d90}
.key{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;background:#eef;padding:0 .3em;
border-radius:4px}
.tag{display:inline-block;font-size:.75rem;border-radius:10px;padding:0 .5em;margin:0 .2em .2em 0;
background:#eee}
.tag.problem{background:#fdd}.tag.low{background:#fed}.tag.merged{background:#def}
.tag.dead{background:#fcc}.tag.corrected{background:#dfd}
.entry{margin:.3rem 0;padding:.3rem .5rem;background:#fafafa;border-radius:4px}
.src{margin:.2rem 0;color:#333}
.where{color:#666;font-size:.85em}
table{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.9rem}
th,td{border-bottom:1px solid #eee;text-align:left;vertical-align:top;padding:.2rem .3rem}
th{font-weight:600;color:#444}
td.f{width:30%}
tr.low td{background:#fff4e0}
.why{color:#8a5a00;font-size:.85em}
.from{color:#666;font-size:.85em}
td.chosen{background:#e8f5e8}
pre{white-space:pre-wrap;background:#f6f6f6;border-radius:4px;padding:.4rem .5rem;margin:.3rem 0;
font-size:.85rem}
ul.plain{margin:.2rem 0;padding-left:1.1rem}
#filters{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:center}
#filters input[type=search]{flex:1 1 12rem;min-width:0;font:inherit;padding:.25rem .4rem}
[hidden]{display:none!important}
@media (max-width:30rem){body{font-size:14px}td.f{width:36%}}
@media print{body{background:#fff}#filters{display:none!important}
.card{break-inside:avoid;content-visibility:visible;border:1px solid #999}
.card[hidden]{display:block!important}}
"""

# Filters and search; the page is complete without it.
SCRIPT = """
(function(){var f=document.getElementById('filters'),q=document.getElementById('q'),
out=document.getElementById('shown'),cards=[].slice.call(document.querySelectorAll('main .card'));
f.hidden=false;
function run(){var k=(f.querySelector('input[name=show]:checked')||{}).value||'all',
t=q.value.trim().toLowerCase(),n=0;cards.forEach(function(c){
var ok=(k==='all'||c.classList.contains(k))&&(!t||(c.t||(c.t=c.textContent.toLowerCase())).indexOf(t)>=0);
c.hidden=!ok;if(ok)n++;});out.textContent=n+' of '+cards.length+' shown';}
f.addEventListener('input',run);f.addEventListener('change',run);
f.addEventListener('submit',function(e){e.preventDefault();});run();})();
"""


_SPECIAL = re.compile(r"[&<>\"']").search


def e(value: Any) -> str:
    """HTML-escaped text of any value (quotes too: safe in attributes)."""
    text = value if isinstance(value, str) else show(value)
    return escape(text, quote=True) if _SPECIAL(text) else text


def show(value: Any) -> str:
    """A field value as one line of text (names, dates and lists made readable)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value) and any(
                k in value[0] for k in ("family", "literal", "given")):
            return "; ".join(name_text(v) for v in value)
        return "; ".join(show(v) for v in value)
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts and isinstance(parts, list):
            return " – ".join("-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(dp))
                              for dp in parts if dp)
        if "literal" in value or "raw" in value:
            return str(value.get("literal") or value.get("raw"))
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _fields(record: Record) -> list[str]:
    return ["type"] + [k for k in record.csl if k != "custom"] + \
        [f"custom.{k}" for k in (record.csl.get("custom") or {})]


def _value(record: Record, var: str) -> Any:
    if var.startswith("custom."):
        return record.custom(var[7:])
    return record.get(var)


class _Context:
    """Everything the cards need, indexed by record id once."""

    def __init__(self, report: dict[str, Any], records: Sequence[Record], before: Sequence[Record],
                 entries: dict[str, str]) -> None:
        stages = report.get("stages", {})
        self.report, self.entries = report, entries
        self.source = str(report.get("source", ""))
        self.before: dict[str, Record] = {}
        for r in before:
            self.before.setdefault(r.id, r)
        self.enrich: dict[str, dict[str, Any]] = {
            i["id"]: i for i in stages.get("enrich", {}).get("items", [])
            if isinstance(i, dict) and "id" in i}
        self.merges: dict[str, dict[str, Any]] = {}
        self.near: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in stages.get("dedup", {}).get("items", []):
            if item.get("action") == "merged":
                self.merges[item["kept"]] = item
            elif item.get("action") == "not-merged":
                for rid in item["ids"]:
                    self.near[rid].append(item)
        self.links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in stages.get("links", {}).get("items", []):
            self.links[str(item.get("id"))].append(item)
        self.problems: dict[str, list[str]] = defaultdict(list)
        self.general: list[str] = []
        for name, stage in stages.items():
            for p in stage.get("problems", []) if isinstance(stage, dict) else []:
                where = f"{p.get('file') or self.source}:{p['line']}" if p.get("line") else ""
                where = f"{where}: " if where else ""
                text = f"{name}: {where}{p.get('severity', 'error')}: {p['message']}"
                (self.problems[p["record"]] if p.get("record") else self.general).append(text)
            for file, ids in (stage.get("left_out") or {}).items() if isinstance(stage, dict) else []:
                for rid in ids:
                    self.problems[rid].append(f"left out of {file}: it could not be produced")
        self.corrections: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in (report.get("corrections") or {}).get("applied", []):
            self.corrections[item["record"]].append(item)
        self.file = cx.Corrections()

    def members(self, record: Record) -> list[str]:
        merge = self.merges.get(record.id)
        return list(merge["ids"]) if merge else [record.id]


# -- one card ---------------------------------------------------------------------------------

def _card(record: Record, ctx: _Context, position: int) -> tuple[str, set[str]]:
    flags: set[str] = set()
    problems: list[str] = []
    members = ctx.members(record)
    low = low_fields(record)
    for rid in members:
        problems += ctx.problems.get(rid, [])
    enrich_items = [ctx.enrich[m] for m in members if m in ctx.enrich
                    and (ctx.enrich[m].get("status") not in QUIET_ENRICH or ctx.enrich[m].get("rejected"))]
    for item in enrich_items:
        if item.get("status") in BAD_ENRICH or item.get("error"):
            why = item.get("reason") or item.get("error") or item["status"]
            problems.append(f"enrichment of {item['id']}: {why}")
    links = ctx.links.get(record.id, [])
    for link in links:
        if link.get("status") in BAD_LINKS:
            flags.add("dead")
            problems.append(f"dead link {link.get('url')}")
    merge = ctx.merges.get(record.id)
    if merge:
        flags.add("merged")
        for c in merge.get("conflicts", []):
            problems.append(f"merged records disagree on {c['field']}; the kept record's value stays")
    fixes = ctx.corrections.get(record.id, [])
    for f in fixes:
        if f.get("honoured") is False:
            problems.append(f"{f['kind']} {f['key']} / {f['other']} could not be honoured")
    if any(p.stage == cx.STAGE for p in record.provenance.values()) or fixes:
        flags.add("corrected")
    if problems:
        flags.add("problem")
    if low:
        flags.add("low")

    rid = e(record.id)
    out = [f'<article class="card {" ".join(sorted(flags))}" id="r-{rid}" data-key="{rid}">',
           f'<h2><span class="n">{position}.</span> <span class="key">{rid}</span> {e(record.title)}</h2>']
    if flags:
        out.append("<p>" + "".join(f'<span class="tag {f}">{FILTERS[f]}</span>' for f in sorted(flags))
                   + "</p>")
    if record.aliases:
        aka = ", ".join(f'<span class="key">{e(a)}</span>' for a in record.aliases)
        out.append(f'<p class="where">also known as {aka}</p>')
    entry = ctx.entries.get(record.id)
    out.append(f'<div class="entry">{entry}</div>' if entry is not None
               else '<p class="entry why">not rendered in the first style (see the problems)</p>')
    if problems:
        out.append('<h3>Problems</h3><ul class="plain problems">'
                   + "".join(f"<li>{e(p)}</li>" for p in problems) + "</ul>")
    out.append(_sources(record, members, ctx))
    out.append(_field_table(record, low))
    if enrich_items:
        out.append(_enrichment(enrich_items))
    if merge:
        out.append(_merge(record, merge, ctx))
    near = [n for m in members for n in ctx.near.get(m, [])]
    if near:
        out.append('<h3>Not merged</h3><ul class="plain">' + "".join(
            f"<li>{e(' / '.join(n['ids']))}: {e(n['why'])}</li>" for n in near) + "</ul>")
    if links:
        out.append(_links(links))
    if fixes:
        out.append('<h3>Corrections applied</h3><ul class="plain">' + "".join(
            f"<li>{e(_fix_text(f))}</li>" for f in fixes) + "</ul>")
    doi = next((i.get("doi") for i in enrich_items if i.get("doi")), "")
    snippet = cx.snippet(record, ctx.file, low=low, merged_with=[m for m in members if m != record.id],
                         doi_source=str(doi or ""))
    out.append(f'<h3>corrections.yaml</h3><pre class="snippet">{e(snippet)}</pre>')
    out.append("</article>")
    return "\n".join(out), flags


def _fix_text(item: dict[str, Any]) -> str:
    where = f"line {item['line']}: {item['kind']}"
    if item["kind"] in ("set", "clear"):
        what = f" {item['field']}" + (f" = {show(item['value'])}" if "value" in item else "")
        was = f" (was {show(item['old'])})" if "old" in item else ""
        return f"{where}{what}{was}, after {item['after']}"
    if item["kind"] in ("keep-apart", "merge-with"):
        ok = "done" if item.get("honoured") else "NOT honoured"
        return f"{where} {item['key']} / {item['other']}: {ok}"
    if item["kind"] == "reject-doi":
        return f"{where}: DOI {show(item.get('old'))} removed, after {item['after']}"
    return f"{where}, after {item['after']}"


def _sources(record: Record, members: list[str], ctx: _Context) -> str:
    rows = []
    for rid in members:
        r = ctx.before.get(rid, record if rid == record.id else None)
        if r is None:
            continue
        o = r.origin
        where = Path(o.file).name if o.file else ctx.source  # no machine-specific folders
        if o.line:
            where += f":{o.line}"
        if o.where:
            where += f" ({o.where})"
        label = f'<span class="key">{e(rid)}</span> ' if len(members) > 1 else ""
        text = o.text or "(no source text kept)"
        rows.append(f'<p class="src">{label}<span class="where">{e(where)}</span><br>{e(text)}</p>')
    return "<h3>Source</h3>" + "".join(rows) if rows else ""


def _provenance(record: Record, var: str) -> str:
    """Where a field came from, for the fields table ("" for the parse / the input file)."""
    p = record.provenance.get(var)
    if p is None:
        return ""
    bits = [p.stage]
    if p.source:
        bits.append(p.source)
    if p.confidence is not None:
        bits.append(f"confidence {p.confidence:.2f}")
    return ", ".join(bits)


def _field_table(record: Record, low: dict[str, str]) -> str:
    rows = []
    for var in _fields(record):
        value = _value(record, var)
        why = low.get(var)
        cls = ' class="low"' if why else ""
        mark = f'<br><span class="why">⚠ low confidence: {e(why)}</span>' if why else ""
        origin = _provenance(record, var)
        origin = f'<br><span class="from">{e(origin)}</span>' if origin else ""
        rows.append(f'<tr{cls}><td class="f">{e(var)}</td><td>{e(value)}{mark}{origin}</td></tr>')
    cleared = [k for k, p in record.provenance.items()
               if p.stage == cx.STAGE and _value(record, k) in (None, "", [])]
    for var in cleared:
        rows.append(f'<tr><td class="f">{e(var)}</td><td><i>cleared</i><br>'
                    f'<span class="from">{e(_provenance(record, var))}</span></td></tr>')
    source = "the parse" if record.origin.format == "text" else f"the {record.origin.format or 'input'} file"
    return (f'<h3>Fields</h3><p class="from">from {e(source)} unless marked</p><table class="fields"><tbody>'
            + "".join(rows) + "</tbody></table>")


def _enrichment(items: list[dict[str, Any]]) -> str:
    out = ["<h3>Enrichment</h3>"]
    for item in items:
        status = item.get("status", "")
        reason = f": {item['reason']}" if item.get("reason") else ""
        out.append(f'<p><span class="key">{e(item["id"])}</span> {e(status)}{e(reason)}</p>')
        if item.get("fields"):
            out.append('<table class="enriched"><thead><tr><th>field</th><th>value</th><th>source, confidence'
                       '</th></tr></thead><tbody>')
            for f in item["fields"]:
                old = f.get("old")
                old = f'<br><span class="from">was {e(old)}</span>' if old not in (None, "", []) else ""
                out.append(f"<tr><td>{e(f['field'])}</td><td>{e(f.get('value'))}{old}</td>"
                           f"<td>{e(f.get('source'))}, {e(f.get('confidence'))}</td></tr>")
            out.append("</tbody></table>")
        for cand in item.get("rejected", []):
            who = ", ".join(filter(None, [str(cand.get("first_author") or ""), str(cand.get("year") or "")]))
            reasons = "; ".join(str(r) for r in cand.get("reasons", []))
            conf = f", confidence {cand['confidence']}" if cand.get("confidence") is not None else ""
            out.append(f'<p class="rejected">rejected {e(cand.get("source"))} {e(cand.get("id"))}: '
                       f'“{e(cand.get("title"))}” ({e(who)}{e(conf)}) — {e(reasons)}</p>')
    return "".join(out)


def _merge(record: Record, merge: dict[str, Any], ctx: _Context) -> str:
    ids = [i for i in merge["ids"] if i in ctx.before]
    recs = [ctx.before[i] for i in ids]
    fields: list[str] = _fields(record)
    for r in recs:
        fields += [f for f in _fields(r) if f not in fields]
    head = "".join(f'<th><span class="key">{e(i)}</span>{" (kept)" if i == merge["kept"] else ""}</th>'
                   for i in ids)
    rows = []
    for var in fields:
        final = show(_value(record, var))
        p = record.provenance.get(var)
        origin = f'<br><span class="from">{e(p.source or p.stage)}</span>' if p and p.stage != "parse" else ""
        cells = []
        for r in recs:
            v = show(_value(r, var))
            cells.append(f'<td class="chosen">{e(v)}</td>' if v and v == final else f"<td>{e(v)}</td>")
        rows.append(f'<tr><td>{e(var)}</td><td>{e(final)}{origin}</td>{"".join(cells)}</tr>')
    why = "".join(f"<li><span class=key>{e(i)}</span>: {e('; '.join(r))}</li>"
                  for i, r in merge.get("reasons", {}).items())
    notes = "".join(f"<li>{e(n)}</li>" for n in merge.get("notes", []))
    conflicts = "".join(
        f"<li>{e(c['field'])} disagrees: kept “{e(c.get('kept'))}”; "
        + "; ".join(f"{e(k)} has “{e(v)}”" for k, v in (c.get("values") or {}).items()) + "</li>"
        for c in merge.get("conflicts", []))
    return (f"<h3>Merged ({len(merge['ids'])} records)</h3>"
            f'<table class="merge"><thead><tr><th>field</th><th>merged</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            f'<p class="from">a shaded cell is the value the merged record has</p>'
            f'<ul class="plain why-matched">{why}{notes}{conflicts}</ul>')


def _links(links: list[dict[str, Any]]) -> str:
    rows = []
    for link in links:
        archive = link.get("archive_url") or ""
        final = link.get("final_url") or ""
        rows.append(f"<tr><td>{e(link.get('status'))} {e(link.get('code') or '')}</td>"
                    f"<td>{e(link.get('url'))}"
                    + (f"<br>→ {e(final)}" if final and final != link.get("url") else "")
                    + (f"<br>archive: {e(archive)}" if archive else "")
                    + (f"<br><span class=from>{e(link.get('detail'))}</span>" if link.get("detail") else "")
                    + "</td></tr>")
    return ('<h3>Links</h3><table class="links"><thead><tr><th style="width:28%">status</th><th>URL</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


# -- the page ------------------------------------------------------------------------------------

def _header(report: dict[str, Any], counts: dict[str, int], ctx: _Context) -> str:
    title = f"refs build report: {report.get('source', '')}"
    style = ", ".join(report.get("styles", [])[:1] + report.get("locales", [])[:1])
    out = [f"<header><h1>{e(title)}</h1>",
           f'<p class="where">entries rendered in {e(style)}; every reference in reading-list order</p>',
           '<ul class="counts" id="counts">']
    for name, label in COUNT_LABELS.items():
        if name in counts:
            out.append(f'<li><b data-count="{name}">{counts[name]}</b> {e(label)}</li>')
    out.append("</ul>")
    notices = list(report.get("notices", [])) + ctx.general
    if notices:
        out.append('<div class="box notices"><h3>Notices</h3><ul class="plain">'
                   + "".join(f"<li>{e(n)}</li>" for n in notices) + "</ul></div>")
    fixes = report.get("corrections") or {}
    if fixes.get("file"):
        out.append(_corrections_box(fixes, report))
    out.append('<form id="filters" class="box" hidden><span>show</span>'
               '<label><input type="radio" name="show" value="all" checked> all</label>'
               + "".join(f'<label><input type="radio" name="show" value="{k}"> {e(v)}</label>'
                         for k, v in FILTERS.items())
               + '<input type="search" id="q" placeholder="search keys, titles, authors…" '
               'aria-label="search">'
               '<output id="shown"></output></form></header>')
    return "\n".join(out)


def _corrections_box(fixes: dict[str, Any], report: dict[str, Any]) -> str:
    out = [f'<div class="box corrections"><h3>Corrections ({e(fixes["file"])}, {fixes.get("entries", 0)} '
           "keys)</h3><ul class=\"plain\">"]
    for item in fixes.get("applied", []):
        target = item["record"]
        link = f'<a href="#r-{e(target)}">{e(target)}</a>' if item["kind"] != "drop" else e(target)
        extra = f" ({e(item['title'])})" if item.get("title") else ""
        out.append(f"<li>{link}: {e(_fix_text(item))}{extra}</li>")
    for u in fixes.get("unknown", []):
        near = f"; closest: {', '.join(u['closest'])}" if u.get("closest") else ""
        out.append(f'<li class="unknown">line {u["line"]}: no record has the key '
                   f'<span class="key">{e(u["key"])}</span>{e(near)}</li>')
    out.append("</ul></div>")
    return "".join(out)


def page(report: dict[str, Any], records: Sequence[Record], before: Sequence[Record] | None = None,
         entries: dict[str, str] | None = None, corrections: cx.Corrections | None = None
         ) -> tuple[str, dict[str, int]]:
    """The page's HTML and the counts it shows (to be stored in report.json). ``before``:
    the records as they went into dedup (for the merge tables); ``entries``: record id ->
    the entry's HTML in the first style; ``corrections``: the file read (for the snippets)."""
    ctx = _Context(report, records, before if before is not None else records, entries or {})
    ctx.file = corrections or cx.Corrections()
    cards: list[str] = []
    totals = dict.fromkeys(("problems", "low_confidence", "corrected", "enriched", "dead_links"), 0)
    for pos, record in enumerate(records, 1):
        text, flags = _card(record, ctx, pos)
        cards.append(text)
        totals["problems"] += "problem" in flags
        totals["low_confidence"] += "low" in flags
        totals["corrected"] += "corrected" in flags
        totals["enriched"] += any(p.stage == "enrich" for p in record.provenance.values())
        totals["dead_links"] += sum(link.get("status") in BAD_LINKS for link in ctx.links.get(record.id, []))
    dropped = sum(1 for i in (report.get("corrections") or {}).get("applied", []) if i["kind"] == "drop")
    counts = {**report.get("counts", {}), "dropped": dropped, **totals}
    lang = "en"
    html = "\n".join([
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e('refs build report: ' + str(report.get('source', '')))}</title>",
        f"<style>{CSS}</style>\n</head>\n<body>",
        _header(report, counts, ctx),
        "<main>", *cards, "</main>",
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ])
    return html, {k: counts[k] for k in ("dropped", *totals)}


def write(path: str | Path, report: dict[str, Any], records: Sequence[Record],
          before: Sequence[Record] | None = None, entries: dict[str, str] | Sequence[Any] | None = None,
          corrections: cx.Corrections | None = None) -> dict[str, int]:
    """Write report.html atomically (arguments as for :func:`page`; ``entries`` may also be
    the build's rendered :class:`refs.render.Entry` list); returns the counts it added to
    ``report['counts']``."""
    if entries is not None and not isinstance(entries, dict):
        entries = {entry.id: entry.html for entry in entries}
    html, counts = page(report, records, before, entries, corrections)
    atomic.write_text(path, html)
    return counts
