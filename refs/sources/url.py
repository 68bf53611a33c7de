"""Reading lists at a web address.

A Wikipedia article (``https://LANG.wikipedia.org/wiki/TITLE``, any language, the
mobile ``LANG.m.wikipedia.org`` and ``/w/index.php?title=TITLE`` forms) is fetched
through the MediaWiki Action API::

    GET https://LANG.wikipedia.org/w/api.php?action=parse&page=TITLE&prop=text|wikitext
        &format=json&formatversion=2&redirects=1

(``REFS_MEDIAWIKI_URL`` replaces the API address, for a mirror or a local stand-in).
Both answers are read: the wikitext has the citation templates, the HTML what every
template expands to; the one that yields more references is kept (the wikitext on a
tie). Any other URL is fetched with the shared HTTP layer (:mod:`refs.net`) and read
by its content type: a web page, a PDF, a Word file or plain text.

:func:`fetch` returns the document and the files to keep (``source.wiki`` and
``source.html``, or ``source.pdf``, …) so that ``refs build`` can rebuild offline
from the copy next to its outputs (:func:`read_saved`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from refs.model import Library, Report
from refs.sources import SourceError

ENV_API = "REFS_MEDIAWIKI_URL"
DEFAULT_API = "https://{lang}.wikipedia.org/w/api.php"

#: namespaces that are not articles (canonical English names and the Greek ones)
NON_ARTICLE = {"special", "talk", "user", "user talk", "wikipedia", "wikipedia talk", "file", "image",
               "mediawiki", "template", "template talk", "help", "category", "portal", "draft", "module",
               "ειδικό", "συζήτηση", "χρήστης", "συζήτηση χρήστη", "βικιπαίδεια", "αρχείο", "πρότυπο",
               "βοήθεια", "κατηγορία", "πύλη", "spezial", "diskussion", "benutzer", "datei", "vorlage",
               "kategorie", "spécial", "discussion", "utilisateur", "fichier", "modèle", "catégorie",
               "especial", "usuario", "archivo", "plantilla", "categoría", "служебная", "обсуждение",
               "участник", "файл", "шаблон", "категория"}

#: content type -> source kind
CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
                 "text/plain": "text", "text/x-wiki": "wikitext"}
EXTENSION = {"html": "html", "pdf": "pdf", "docx": "docx", "text": "txt", "wikitext": "wiki"}


class PageError(SourceError):
    """The address does not lead to a document refs can read (no such page, not an
    article, an HTTP error, not a page)."""


def is_url(text: str | os.PathLike[str]) -> bool:
    return bool(re.match(r"https?://", str(text), re.I))


@dataclass
class Fetched:
    """A document fetched from ``url``: ``kind`` ("mediawiki" for a wiki article, else a
    source kind), and the files to keep, name -> bytes."""

    url: str
    kind: str
    title: str = ""
    files: dict[str, bytes] = field(default_factory=dict)


def wikipedia_page(url: str) -> tuple[str, str] | None:
    """``(lang, title)`` of a Wikipedia article URL; None for other sites. A Wikipedia
    address that names no article is a :class:`PageError`."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    m = re.fullmatch(r"([a-z][a-z0-9-]*)(?:\.m)?\.wikipedia\.org", (parts.hostname or "").lower())
    if not m or m.group(1) in ("www", "m"):
        return None
    title = ""
    if parts.path.startswith("/wiki/"):
        title = unquote(parts.path[len("/wiki/"):])
    elif parts.path.startswith("/w/"):
        title = (parse_qs(parts.query).get("title") or [""])[0]
    title = title.strip()
    if not title.strip("_ "):
        raise PageError(f"{url}: not a Wikipedia article address (expected /wiki/TITLE)")
    prefix = title.split(":", 1)[0].replace("_", " ").strip().lower() if ":" in title else ""
    if prefix in NON_ARTICLE:
        raise PageError(f"{url}: not an article ({title.split(':', 1)[0]} page)")
    return m.group(1), title  # as the address writes it (underscores): the API normalises titles


def api_url(lang: str) -> str:
    base = os.environ.get(ENV_API, "").strip()
    if not base:
        return DEFAULT_API.format(lang=lang)
    base = base.replace("{lang}", lang)
    return base if base.rstrip("/").endswith(".php") else base.rstrip("/") + "/w/api.php"


def _client(offline: bool = False, cache: object = False):  # type: ignore[no-untyped-def]
    from refs.net import Client, NetConfig

    return Client(NetConfig(cache=cache if cache is not None else False, offline=offline, retries=2))  # type: ignore[arg-type]


def fetch(url: str, client=None) -> Fetched:  # type: ignore[no-untyped-def]
    """Fetch the document at ``url``. Raises :class:`PageError` for a page refs cannot
    read and :class:`refs.net.NetworkUnavailable` / ``RequestFailed`` when the network fails."""
    client = client or _client()
    wiki = wikipedia_page(url)
    if wiki:
        return _fetch_article(url, *wiki, client)
    resp = client.get(url)
    if resp.status_code != 200:
        raise PageError(f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip())
    data = resp.content
    ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    kind = CONTENT_TYPES.get(ctype)
    if kind is None:
        from refs.io import detect

        kind = detect.sniff_bytes(data)
        if kind is None and ctype in ("", "application/octet-stream", "binary/octet-stream"):
            kind = "pdf" if url.lower().endswith(".pdf") else None
    if kind is None:
        raise PageError(f"{url}: not a page refs can read (content type {ctype or 'unknown'})")
    if kind == "html":
        data = _with_base(data, resp.url or url)
    return Fetched(url=url, kind=kind, files={f"source.{EXTENSION[kind]}": data})


def _with_base(data: bytes, url: str) -> bytes:
    """The page with a canonical link to where it came from (relative links resolve)."""
    head = data[:4096].lower()
    if b'rel="canonical"' in head or b"rel=canonical" in head:
        return data
    tag = f'<link rel="canonical" href="{url}">\n'.encode()
    return tag + data


def _fetch_article(url: str, lang: str, title: str, client) -> Fetched:  # type: ignore[no-untyped-def]
    from refs.net import BadResponse

    api = api_url(lang)
    params = {"action": "parse", "page": title, "prop": "text|wikitext", "format": "json",
              "formatversion": "2", "redirects": "1"}
    try:
        status, data = client.get_json(api, params=params)
        if _missing(status, data) and "_" in title:  # a stand-in that does not normalise titles
            params["page"] = title.replace("_", " ")
            status, data = client.get_json(api, params=params)
    except BadResponse as exc:
        raise PageError(f"{url}: the MediaWiki API gave an unreadable answer ({exc})") from exc
    if status != 200 or not isinstance(data, dict):
        raise PageError(f"{url}: the MediaWiki API at {api} answered HTTP {status}")
    if "error" in data:
        err = data["error"] or {}
        code = err.get("code", "")
        if code == "missingtitle":
            raise PageError(f"{url}: no such page: {title.replace('_', ' ')!r} on {lang}.wikipedia.org")
        raise PageError(f"{url}: {err.get('info') or code or 'the MediaWiki API refused the request'}")
    parse = data.get("parse") or {}
    html_text = parse.get("text")
    wikitext = parse.get("wikitext")
    if isinstance(html_text, dict):  # formatversion=1 shape
        html_text = html_text.get("*")
    if isinstance(wikitext, dict):
        wikitext = wikitext.get("*")
    if not html_text and not wikitext:
        raise PageError(f"{url}: the MediaWiki API returned no page content")
    page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{parse.get("title") or title}</title>\n<link rel="canonical" href="{url}">\n</head>\n'
            f"<body>\n{html_text or ''}\n</body>\n</html>\n")
    files = {"source.html": page.encode("utf-8")}
    if wikitext:
        files["source.wiki"] = wikitext.encode("utf-8")
    return Fetched(url=url, kind="mediawiki", title=parse.get("title") or title.replace("_", " "),
                   files=files)


def _missing(status: int, data: object) -> bool:
    error = data.get("error") if isinstance(data, dict) else None
    return status == 200 and isinstance(error, dict) and error.get("code") == "missingtitle"


def load(fetched: Fetched, source: str = "") -> tuple[Library, Report]:
    """Records from a fetched (or saved) document."""
    from refs import io

    source = source or fetched.url
    if fetched.kind != "mediawiki":
        name, data = next(iter(fetched.files.items()))
        return io.load_bytes(data, fetched.kind, source=source)
    found: list[tuple[Library, Report]] = []
    for name, fmt in (("source.wiki", "wikitext"), ("source.html", "html")):
        if name in fetched.files:
            try:
                found.append(io.load_bytes(fetched.files[name], fmt, source=source))
            except SourceError:
                continue
    if not found:
        raise PageError(f"{source}: the page could not be read")
    library, report = max(found, key=lambda lr: len(lr[0].records))  # (max keeps the first: wikitext)
    for other, _ in found:
        if other is not library:
            report.summary["links_from_other_form"] = _complete_links(library.records, other.records)
    library.format = "mediawiki"
    report.summary["read_from"] = library.records[0].origin.format if library.records else ""
    return library, report


_LINK_FIELDS = ("URL", "DOI")


def _complete_links(records: list, others: list) -> int:
    """Give records the links the page's other form found for the same reference (same
    title and year, once in each form) when they have none: a template refs does not know may have made
    the link in the HTML. Returns how many records gained a link."""
    from refs.model import ARCHIVE_DATE, ARCHIVE_URL

    def key(rec) -> tuple[str, int | None]:  # type: ignore[no-untyped-def]
        return re.sub(r"\W+", " ", rec.title.lower()).strip(), rec.year

    from collections import Counter

    mine, theirs = Counter(key(r) for r in records), Counter(key(o) for o in others)
    # only a reference cited once in each form is surely the same one (two citations of one
    # book, a footnote and a reading-list entry, keep their own links)
    by_key = {key(o): o for o in others if o.title and theirs[key(o)] == 1}
    gained = 0
    for rec in records:
        twin = by_key.get(key(rec)) if mine[key(rec)] == 1 else None
        if twin is None:
            continue
        changed = False
        for var in _LINK_FIELDS:
            if twin.csl.get(var) and not rec.csl.get(var):
                rec.set(var, twin.csl[var], stage="parse", source="link")
                changed = True
        if twin.custom(ARCHIVE_URL) and not rec.custom(ARCHIVE_URL):
            rec.set_custom(ARCHIVE_URL, twin.custom(ARCHIVE_URL), stage="parse", source="link")
            if twin.custom(ARCHIVE_DATE) and not rec.custom(ARCHIVE_DATE):
                rec.set_custom(ARCHIVE_DATE, twin.custom(ARCHIVE_DATE), stage="parse", source="link")
            changed = True
        gained += changed
    return gained


def read(url: str, fmt: str | None = None, *, cache: object = False, offline: bool = False
         ) -> tuple[Library, Report]:
    """Fetch ``url`` and read its references (``fmt`` overrides the content type)."""
    fetched = fetch(url, _client(offline=offline, cache=cache))
    if fmt and fetched.kind != "mediawiki":
        fetched.kind = fmt
    elif fmt and fetched.kind == "mediawiki":
        keep = "source.wiki" if fmt == "wikitext" else "source.html"
        fetched.files = {k: v for k, v in fetched.files.items() if k == keep}
    return load(fetched)


# -- the copy refs build keeps ------------------------------------------------------------------

META = ".source.json"


def save(fetched: Fetched, folder: Path, meta: str = META) -> list[Path]:
    """Write the fetched files and ``meta`` (where they came from) into ``folder`` atomically."""
    from refs.io import atomic

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    meta_name = meta
    info = {"url": fetched.url, "kind": fetched.kind, "title": fetched.title, "files": sorted(fetched.files)}
    for name, data in fetched.files.items():
        atomic.write_bytes(folder / name, data)
        written.append(folder / name)
    atomic.write_text(folder / meta_name, json.dumps(info, ensure_ascii=False, indent=2) + "\n")
    written.append(folder / meta_name)
    return written


def read_saved(folder: Path, url: str = "") -> Fetched | None:
    """The copy a build saved in ``folder`` (of ``url`` when given), or None."""
    meta_path = folder / META
    if not meta_path.is_file():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if url and meta.get("url") != url:
        return None
    files = {}
    for name in meta.get("files", []):
        path = folder / name
        if not path.is_file():
            return None
        files[name] = path.read_bytes()
    return Fetched(url=meta.get("url", ""), kind=meta.get("kind", ""), title=meta.get("title", ""),
                   files=files)


def default_folder(url: str) -> str:
    """A folder name for a build of ``url``: the article title, else the file or host name."""
    try:
        wiki = wikipedia_page(url)
    except PageError:
        wiki = None
    if wiki:
        name = wiki[1].replace(" ", "_")
    else:
        parts = urlsplit(url)
        name = Path(unquote(parts.path.rstrip("/"))).stem or (parts.hostname or "page")
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", name).strip("._") or "page"
