"""Which links a record carries.

A record can point at the web in several places: the CSL ``URL``, a ``DOI`` (checked
as its resolver link ``https://doi.org/...``), and ``\\url{...}`` / ``\\href{...}`` or
bare ``http(s)://`` addresses written into BibTeX ``howpublished`` or ``note`` fields
(the pre-biblatex habit for web pages) or into the CSL ``note``. ISBNs are not links.

Each place yields a :class:`Link` that remembers the field it came from: the checker
treats a DOI's redirect as expected, and ``--fix`` only touches links from ``URL``
(that is the link ``archive-url`` belongs to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from refs.model import Record

#: Fields named as in the report's ``detail`` and in :attr:`Link.field`.
URL_FIELD = "URL"
DOI_FIELD = "DOI"

DOI_RESOLVER = "https://doi.org/"

_LATEX_CMD = re.compile(r"\\(?:url|href)\s*\{")
_BARE = re.compile(r"(?<![\w{/])(?:https?|ftp)://(?:[^\s{}<>\"\\]|\\[_%#&$~])+", re.I)
_DOI_PREFIX = re.compile(r"^\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_TRAILING = ".,;:!?'\")]}"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Link:
    """One link of one record: ``field`` is where it was found (``URL``, ``DOI``,
    ``howpublished``, ``note``)."""

    record_id: str
    url: str
    field: str

    @property
    def scheme(self) -> str:
        m = _SCHEME.match(self.url)
        return m.group(1).lower() if m else ""

    @property
    def host(self) -> str:
        """The host name, or ``""`` when the URL has none or cannot be parsed
        (``http://[::1`` makes :func:`urllib.parse.urlsplit` raise)."""
        try:
            return urlsplit(self.url).hostname or ""
        except ValueError:
            return ""

    @property
    def checkable(self) -> bool:
        """Only http and https links are fetched; other schemes are only reported."""
        return self.scheme in ("http", "https")


def doi_url(doi: str) -> str:
    """The resolver link for a DOI (prefixes such as ``doi:`` or an old resolver removed)."""
    bare = _DOI_PREFIX.sub("", doi.strip())
    return DOI_RESOLVER + quote(bare, safe="/:;()._-")


def clean_url(text: str) -> str:
    """A URL as written in a bibliography, made fetchable: surrounding ``<>`` and
    whitespace dropped, LaTeX escapes (``\\_``, ``\\%``, ``\\#``, ``\\&``, ``\\~``) undone."""
    text = text.strip().strip("<>").strip()
    text = re.sub(r"\\([_%#&$~])", r"\1", text)
    text = text.replace("{}", "")
    return re.sub(r"\s+", "", text)


def _braced(text: str, start: int) -> tuple[str, int]:
    """The content of the brace group opening just before ``start`` (nested braces kept)."""
    depth = 1
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[start:i], i + 1
        i += 1
    return text[start:], len(text)


def urls_in_text(text: str) -> list[str]:
    """URLs in free text: ``\\url{}`` and ``\\href{}{}`` targets, then bare http(s)/ftp URLs."""
    found: list[str] = []
    rest: list[str] = []
    pos = 0
    for m in _LATEX_CMD.finditer(text):
        if m.start() < pos:
            continue
        inner, end = _braced(text, m.end())
        found.append(clean_url(inner))
        rest.append(text[pos:m.start()])
        pos = end
    rest.append(text[pos:])
    for chunk in rest:
        for m in _BARE.finditer(chunk):
            url = m.group(0).rstrip(_TRAILING)
            # keep a closing parenthesis that belongs to the URL (Wikipedia-style titles)
            if url.count("(") > url.count(")") and m.group(0)[len(url):].startswith(")"):
                url += ")"
            found.append(clean_url(url))
    return [u for u in found if u]


def _bibtex_field(record: Record, name: str) -> str | None:
    if record.bibtex is None:
        return None
    raw = record.bibtex.get(name)
    if raw is None:
        return None
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] in "{\"" and raw[-1] in "}\"":
        raw = raw[1:-1]
    return raw


def links_of(record: Record) -> list[Link]:
    """Every link of a record, each URL once, in the order URL, DOI, howpublished, note."""
    out: list[Link] = []
    seen: set[str] = set()

    def add(url: str, field: str) -> None:
        if url and url not in seen:
            seen.add(url)
            out.append(Link(record.id, url, field))

    url = record.get("URL")
    if isinstance(url, str) and url.strip():
        # a URL field sometimes still carries \url{...} from a BibTeX source
        found = urls_in_text(url) if _LATEX_CMD.search(url) else [clean_url(url)]
        for u in found:
            add(u, URL_FIELD)
    doi = record.get("DOI")
    if isinstance(doi, str) and doi.strip():
        add(doi_url(doi), DOI_FIELD)
    for name in ("howpublished", "note"):
        texts = [_bibtex_field(record, name)]
        if name == "note":
            texts.append(record.get("note"))
        for text in texts:
            if isinstance(text, str):
                for u in urls_in_text(text):
                    add(u, name)
    return out


def extract(records: list[Record]) -> list[Link]:
    """The links of all records, in record order."""
    return [link for record in records for link in links_of(record)]
