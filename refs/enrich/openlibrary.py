"""Open Library search client, for books Crossref does not know (most older books).

Open Library's ``search.json`` returns *works* (all editions of a book together) and,
when asked for ``editions.*`` fields, the edition that best fits the query. ISBN,
publisher and place belong to an edition, so they are taken only from an edition whose
year agrees with the record's (or from a work with a single edition); a work with many
editions and no matching one yields no ISBN rather than the wrong one.
"""

from __future__ import annotations

import re
from typing import Any

from refs import net
from refs.enrich.match import Candidate, clean_title, split_title
from refs.model import Record

DEFAULT_URL = "https://openlibrary.org/search.json"

#: Requests per second and concurrent requests: Open Library asks API users to stay
#: slow (about one request a second when anonymous; a little more when identified by a
#: User-Agent with a contact address). It sends no rate-limit headers to adapt to.
LIMITS = (1, 1)
LIMITS_IDENTIFIED = (3, 1)

FIELDS = ("key,title,subtitle,author_name,first_publish_year,publish_year,edition_count,isbn,"
          "publisher,publish_place,editions,editions.key,editions.title,editions.subtitle,"
          "editions.isbn,editions.publisher,editions.publish_place,editions.publish_date,"
          "editions.publish_year")

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def split_name(text: str) -> dict[str, str]:
    """A CSL name from Open Library's ``author_name`` ("Given Family" or "Family, Given")."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        if given.lower() not in _SUFFIXES:
            return {"family": family, "given": given} if given else {"family": family}
        text = family
    parts = text.split(" ")
    suffix = ""
    if len(parts) > 2 and parts[-1].lower() in _SUFFIXES:
        suffix = parts.pop()
    name = {"family": parts[-1]}
    if len(parts) > 1:
        name["given"] = " ".join(parts[:-1])
    if suffix:
        name["suffix"] = suffix
    return name


def _years(values: Any) -> set[int]:
    out = set()
    for v in values if isinstance(values, list) else [values]:
        m = re.search(r"(?<!\d)(\d{4})(?!\d)", str(v or ""))
        if m:
            out.add(int(m.group(1)))
    return out


def _isbn(values: Any) -> str:
    isbns = [re.sub(r"[^0-9Xx]", "", str(v)) for v in values or []]
    isbns = [i.upper() for i in isbns if len(i) in (10, 13)]
    for i in isbns:
        if len(i) == 13:
            return i
    return isbns[0] if isbns else ""


def _first(values: Any) -> str:
    if isinstance(values, list):
        return str(values[0]).strip() if values else ""
    return str(values or "").strip()


def edition_fields(doc: dict[str, Any], year: int | None) -> tuple[dict[str, Any], str]:
    """Edition-level fields (ISBN, publisher, place, year) fit for a record of ``year``,
    with a note; empty when the edition cannot be told."""
    found = doc.get("editions")
    editions = (found.get("docs") or []) if isinstance(found, dict) else []
    for ed in editions:
        years = _years(ed.get("publish_year")) | _years(ed.get("publish_date"))
        if year is not None and years and min(abs(year - y) for y in years) <= 1:
            return _pick(ed, years), f"edition {ed.get('key', '')}".strip()
    if doc.get("edition_count") == 1:
        years = _years(doc.get("publish_year")) | _years(doc.get("first_publish_year"))
        if year is None or not years or min(abs(year - y) for y in years) <= 1:
            return _pick(doc, years), "the only edition"
    return {}, "several editions and none of the record's year"


def _pick(src: dict[str, Any], years: set[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    isbn = _isbn(src.get("isbn"))
    if isbn:
        out["ISBN"] = isbn
    if _first(src.get("publisher")):
        out["publisher"] = _first(src.get("publisher"))
    if _first(src.get("publish_place")):
        out["publisher-place"] = _first(src.get("publish_place"))
    if len(years) == 1:
        out["issued"] = {"date-parts": [[next(iter(years))]]}
    return out


def candidate(doc: dict[str, Any], year: int | None) -> Candidate:
    """A search doc as a matching candidate; its CSL carries the edition fields when the
    edition could be told (see :func:`edition_fields`)."""
    title = clean_title(doc.get("title"))
    csl: dict[str, Any] = {"type": "book", "title": title}
    names = [split_name(a) for a in doc.get("author_name") or [] if a]
    if names:
        csl["author"] = names
    fields, note = edition_fields(doc, year)
    csl.update(fields)
    key = str(doc.get("key") or "")
    if key.startswith("/"):
        key = "https://openlibrary.org" + key
    years = _years(doc.get("publish_year")) | _years(doc.get("first_publish_year"))
    return Candidate(source="openlibrary", ident=key, csl=csl, subtitle=clean_title(doc.get("subtitle")),
                     years=years, raw_type="book", note=note)


class OpenLibrary:
    """Open Library's search API over a shared :class:`refs.net.Client`."""

    def __init__(self, client: net.Client, url: str = DEFAULT_URL, rows: int = 5,
                 limit: float | None = None) -> None:
        self.client = client
        self.url = url
        self.rows = rows
        default, concurrency = LIMITS_IDENTIFIED if client.config.mailto else LIMITS
        client.set_limits(url, limit or default, 1.0, concurrency, adaptive=False)

    def search(self, record: Record) -> list[dict[str, Any]]:
        title = clean_title(record.csl.get("title", ""))
        if not title:
            return []
        params = {"title": split_title(title)[0], "limit": str(self.rows), "fields": FIELDS}
        names = record.csl.get("author") or record.csl.get("editor") or []
        if names and isinstance(names[0], dict):
            family = names[0].get("family") or names[0].get("literal")
            if family:
                params["author"] = str(family)
        status, data = self.client.get_json(self.url, params=params)
        if status != 200 or not isinstance(data, dict):
            raise net.RequestFailed(f"Open Library answered {status}", self.url, status)
        docs = data.get("docs")
        if not isinstance(docs, list):
            raise net.BadResponse("unexpected Open Library answer", self.url, status)
        return [d for d in docs if isinstance(d, dict)]
