"""Crossref REST API client: one work by DOI, or a bibliographic search.

Thin on purpose: HTTP politeness, retries and caching live in :mod:`refs.net`; matching
lives in :mod:`refs.enrich.match`. This module knows Crossref's URLs, its limits (the
public pool: 5 requests/s, one at a time; the polite pool, with a contact address:
10/s, 3 at a time; both then adapted from the response headers) and its JSON shape,
which it turns into CSL-JSON.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from refs import net
from refs.enrich.match import Candidate, clean_title
from refs.model import Record

DEFAULT_URL = "https://api.crossref.org"

#: Public and polite pool limits (requests per second, concurrent requests) as
#: documented since December 2025; response headers override them.
PUBLIC_POOL = (5, 1)
POLITE_POOL = (10, 3)

#: Crossref work types -> CSL types (Crossref's own citeproc mapping, made explicit).
TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book-track": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-series": "book-series",
    "book-set": "book-set",
    "proceedings-article": "paper-conference",
    "proceedings": "proceedings",
    "report": "report",
    "report-component": "report",
    "dataset": "dataset",
    "dissertation": "thesis",
    "posted-content": "article",
    "reference-entry": "entry-encyclopedia",
    "peer-review": "peer-review",
    "standard": "standard",
    "journal": "journal",
    "journal-issue": "journal-issue",
    "journal-volume": "journal-volume",
    "component": "component",
    "grant": "grant",
    "database": "database",
    "other": "other",
}

#: Fields asked for in searches (Crossref's ``select``): less to send, the same shape.
SELECT = ("DOI,title,subtitle,original-title,short-title,author,editor,type,issued,published-print,"
          "published-online,published,container-title,short-container-title,volume,issue,page,"
          "publisher,publisher-location,ISSN,ISBN,URL,score,event,update-to,relation")

#: Crossref relation types saying a work is a version of another (its preprint ...).
VERSION_RELATIONS = ("is-preprint-of", "is-version-of", "is-manifestation-of")
#: Crossref relation types saying a work is about, or part of the apparatus of, another.
DERIVED_RELATIONS = ("is-review-of", "is-comment-on", "is-reply-to", "is-supplement-to")

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)


def normalize_doi(value: str | None) -> str | None:
    """A bare DOI (``10.xxxx/...``) from a DOI, ``doi:`` form or doi.org URL; else None."""
    if not value:
        return None
    text = str(value).strip()
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.I)
    m = _DOI.search(text)
    return m.group(0).rstrip(".,;") if m else None


def _years(item: dict[str, Any]) -> set[int]:
    years = set()
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (item.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            try:
                years.add(int(parts[0][0]))
            except (TypeError, ValueError):
                pass
    return years


def _date(item: dict[str, Any]) -> dict[str, Any] | None:
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (item.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            return {"date-parts": [[int(p) for p in parts[0] if p is not None]]}
    return None


def _names(people: Any) -> list[dict[str, str]]:
    out = []
    for p in people or []:
        if not isinstance(p, dict):
            continue
        if p.get("family"):
            name = {"family": str(p["family"])}
            if p.get("given"):
                name["given"] = str(p["given"])
            if p.get("suffix"):
                name["suffix"] = str(p["suffix"])
            out.append(name)
        elif p.get("name"):
            out.append({"literal": str(p["name"])})
    return out


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if v), "")
    return clean_title(value)


def to_csl(item: dict[str, Any]) -> dict[str, Any]:
    """A Crossref work (the ``message`` of ``/works/{doi}`` or one search item) as a
    CSL-JSON item (``type`` included, ``id`` not)."""
    csl: dict[str, Any] = {"type": TYPES.get(str(item.get("type", "")), "document")}
    title = _first(item.get("title"))
    if title:
        csl["title"] = title
    for src, dst in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        names = _names(item.get(src))
        if names:
            csl[dst] = names
    containers = [clean_title(c) for c in item.get("container-title") or [] if c]
    # A chapter may list its book and its series in either order: too unsure to fill.
    if len(containers) == 1 or (containers and csl["type"] != "chapter"):
        csl["container-title"] = containers[0]
    short = _first(item.get("short-container-title"))
    if short:
        csl["container-title-short"] = short
    for key in ("volume", "issue", "page", "publisher"):
        if item.get(key):
            csl[key] = clean_title(item[key])
    if item.get("publisher-location"):
        csl["publisher-place"] = str(item["publisher-location"])
    date = _date(item)
    if date:
        csl["issued"] = date
    if item.get("ISSN"):
        csl["ISSN"] = str(item["ISSN"][0])
    if item.get("ISBN"):
        csl["ISBN"] = str(item["ISBN"][0])
    doi = normalize_doi(item.get("DOI"))
    if doi:
        csl["DOI"] = doi
        csl["URL"] = f"https://doi.org/{doi}"
    event = item.get("event") or {}
    if isinstance(event, dict) and event.get("name") and csl["type"] == "paper-conference":
        csl["event-title"] = str(event["name"])
        if event.get("location"):
            csl["event-place"] = str(event["location"])
    return csl


def candidate(item: dict[str, Any]) -> Candidate:
    csl = to_csl(item)
    containers = [clean_title(c) for c in (item.get("container-title") or []) + (
        item.get("short-container-title") or []) if c]
    subtitle = _first(item.get("subtitle"))
    own = str(csl.get("DOI", "")).lower()
    # Notices (errata, retractions) point at the work they update; some publishers
    # also mark a retracted article itself with an update pointing at its own DOI.
    updates = [str(u.get("type", "")) for u in item.get("update-to") or []
               if isinstance(u, dict) and str(u.get("DOI", "")).lower() != own]
    relation = item.get("relation") if isinstance(item.get("relation"), dict) else {}
    version_of = {str(r.get("id", "")) for kind in VERSION_RELATIONS for r in relation.get(kind) or []
                  if isinstance(r, dict) and r.get("id") and str(r.get("id-type", "doi")).lower() == "doi"}
    return Candidate(source="crossref", ident=str(csl.get("DOI", "")), csl=csl, subtitle=subtitle,
                     years=_years(item), containers=containers,
                     score=item.get("score"), raw_type=str(item.get("type", "")),
                     updates=updates, version_of=version_of,
                     derived_from=[kind for kind in DERIVED_RELATIONS if relation.get(kind)])


class Crossref:
    """The Crossref works API over a shared :class:`refs.net.Client`."""

    def __init__(self, client: net.Client, base_url: str = DEFAULT_URL, rows: int = 5) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.rows = rows
        limit, concurrency = POLITE_POOL if client.config.mailto else PUBLIC_POOL
        # The documented pool limits to start with; the limiter then follows the headers.
        client.set_limits(self.base_url, limit, 1.0, concurrency)

    def work(self, doi: str) -> dict[str, Any] | None:
        """The work with this DOI (``message``), or None when Crossref does not know it."""
        # DOIs are case-insensitive: one spelling, one cache entry.
        url = f"{self.base_url}/works/{quote(doi.lower(), safe='/:()')}"
        status, data = self.client.get_json(url)
        if status == 404:
            return None
        if status != 200 or not isinstance(data, dict):
            raise net.RequestFailed(f"Crossref answered {status} for {doi}", url, status)
        message = data.get("message")
        if not isinstance(message, dict):
            raise net.BadResponse(f"unexpected Crossref answer for {doi}", url, status)
        return message

    def query_params(self, record: Record) -> dict[str, str] | None:
        """The search for a record: ``query.bibliographic`` (title and container),
        ``query.author`` (family names), a publication-year window of one either side."""
        title = clean_title(record.csl.get("title", ""))
        if not title:
            return None
        bits = [title]
        container = clean_title(record.csl.get("container-title", ""))
        if container:
            bits.append(container)
        params = {"query.bibliographic": " ".join(bits), "rows": str(self.rows), "select": SELECT}
        names = record.csl.get("author") or record.csl.get("editor") or []
        families = [str(n.get("family") or n.get("literal") or "") for n in names[:3] if isinstance(n, dict)]
        families = [f for f in families if f]
        if families:
            params["query.author"] = " ".join(families)
        year = record.year
        if year:
            params["filter"] = f"from-pub-date:{year - 1},until-pub-date:{year + 1}"
        return params

    def search(self, record: Record) -> list[dict[str, Any]]:
        """Search results (work items) for a record; empty when it has no title."""
        params = self.query_params(record)
        if params is None:
            return []
        url = f"{self.base_url}/works"
        status, data = self.client.get_json(url, params=params)
        if status != 200 or not isinstance(data, dict):
            raise net.RequestFailed(f"Crossref search answered {status}", url, status)
        message = data.get("message")
        items = message.get("items") if isinstance(message, dict) else None
        if not isinstance(items, list):
            raise net.BadResponse("unexpected Crossref search answer", url, status)
        return [i for i in items if isinstance(i, dict)]
