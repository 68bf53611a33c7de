"""COinS: the OpenURL ContextObject a web page hides in a citation (``<span class="Z3988"
title="ctx_ver=Z39.88-2004&rft.genre=book&rft.btitle=…">``).

Wikipedia's citation templates (CS1/CS2) put one after every rendered citation, as do
many library catalogues and blogs. It is the structured record the page was made from,
so a web page's citation with COinS becomes a record directly, as its wikitext template
would (see :func:`refs.sources.wikitext.template_record`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from refs.model import Origin, Record

_GENRES = {"article": "article-journal", "journal": "article-journal", "issue": "article-journal",
           "book": "book", "bookitem": "chapter", "proceeding": "paper-conference",
           "conference": "paper-conference", "report": "report", "document": "document",
           "preprint": "article", "dissertation": "thesis", "unknown": ""}


def coins_record(kev: str, text: str = "", source: str = "") -> Record | None:
    """A record from a COinS ``title`` (URL-encoded key/value pairs); None when it has no title."""
    from refs.sources.wikitext import template_date

    pairs = parse_qsl(kev, keep_blank_values=False)
    get: dict[str, str] = {}
    many: dict[str, list[str]] = {}
    for k, v in pairs:
        v = " ".join(v.split())
        get.setdefault(k, v)
        many.setdefault(k, []).append(v)
    fmt = get.get("rft_val_fmt", "")
    genre = get.get("rft.genre", "").lower()
    rtype = _GENRES.get(genre, "")
    if not rtype:
        if fmt.endswith(":journal") or get.get("rft.jtitle"):
            rtype = "article-journal"
        elif fmt.endswith(":book") or get.get("rft.btitle"):
            rtype = "chapter" if get.get("rft.atitle") and get.get("rft.btitle") else "book"
        elif fmt.endswith(":dc"):
            rtype = "webpage"
        else:
            rtype = "document"
    csl: dict[str, Any] = {}
    if rtype in ("article-journal", "chapter", "paper-conference"):
        title = get.get("rft.atitle") or get.get("rft.title") or ""
        container = get.get("rft.jtitle") or get.get("rft.btitle") or get.get("rft.title", "")
        if container == title:
            container = ""
    else:
        title = get.get("rft.btitle") or get.get("rft.title") or get.get("rft.atitle") or ""
        container = get.get("rft.jtitle", "") if rtype != "book" else ""
    if not title:
        return None
    csl["title"] = title
    if container:
        csl["container-title"] = container
    authors = []
    if get.get("rft.aulast"):
        first = {"family": get["rft.aulast"]}
        if get.get("rft.aufirst"):
            first["given"] = get["rft.aufirst"]
        authors.append(first)
    for full in many.get("rft.au", []):
        name = _name(full)
        if name not in authors:
            authors.append(name)
    if get.get("rft.aucorp") and not authors:
        authors.append({"literal": get["rft.aucorp"]})
    if authors:
        csl["author"] = authors
    if get.get("rft.date"):
        csl["issued"] = template_date(get["rft.date"])
    for key, var in (("rft.volume", "volume"), ("rft.issue", "issue"), ("rft.pub", "publisher"),
                     ("rft.place", "publisher-place"), ("rft.edition", "edition"),
                     ("rft.series", "collection-title"), ("rft.isbn", "ISBN"), ("rft.issn", "ISSN")):
        if get.get(key):
            csl[var] = get[key]
    pages = get.get("rft.pages") or "-".join(p for p in (get.get("rft.spage"), get.get("rft.epage")) if p)
    if pages:
        if rtype == "book":  # a book's page is the page it is cited at (as for |page= in a template)
            csl["note"] = ("pp. " if re.search(r"[-–,]", pages) else "p. ") + pages
        else:
            csl["page"] = pages
    for rid in many.get("rft_id", []):
        if rid.startswith("info:doi/"):
            csl.setdefault("DOI", rid[len("info:doi/"):])
        elif rid.startswith("info:pmid/"):
            csl.setdefault("PMID", rid[len("info:pmid/"):])
        elif rid.startswith(("http://", "https://")) and "doi.org/" not in rid:
            csl.setdefault("URL", rid)
    return Record(id="", type=rtype, csl=csl, origin=Origin(format="html", file=source, text=text))


def _name(full: str) -> dict[str, str]:
    if "," in full:
        family, _, given = full.partition(",")
        return {"family": family.strip(), "given": given.strip()} if given.strip() else {"literal": family}
    return {"literal": full}
