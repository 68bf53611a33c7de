"""The links a document gave a reference, turned into fields of its record.

A source reader (``refs.sources``) keeps each block's hyperlinks; once the finder
knows which blocks a record came from, :func:`attach` gives the record what they say:

* a ``doi.org`` link → ``DOI``;
* an archive copy (``web.archive.org/web/<timestamp>/<url>``, archive.today, WebCite)
  → the ``archive-url`` and ``archive-date`` custom fields, and the archived address
  as ``URL`` when the reference has no other;
* the link on a word that says "here is the text" ("online", "excerpt", "full text",
  "PDF", … in several languages), on the title, or on a bare address → ``URL``.

Other links (on an author's name, a publisher, a journal) say nothing about the work
and are left out. Fields the text itself already gave are never replaced.
"""

from __future__ import annotations

import re
import unicodedata

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, Link, Record, SourceBlock

_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_WAYBACK = re.compile(r"^https?://(?:web\.)?archive\.org/web/(\d{4,14})[a-z_]*/(.+)$", re.IGNORECASE)
_OTHER_ARCHIVE = re.compile(r"^https?://(?:archive\.(?:today|ph|is|li|vn|fo|md)|www\.webcitation\.org|"
                            r"archive-it\.org|wayback\.archive-it\.org)/", re.IGNORECASE)

#: anchors that mean "the text of this work is here"
LINK_WORDS = frozenset((
    "online", "excerpt", "excerpts", "full text", "fulltext", "full-text", "pdf", "html", "text",
    "read online", "free online", "online version", "online edition", "free full text", "e-book", "ebook",
    "link", "here", "view online", "read", "download", "open access", "preview", "snippet view",
    "google books", "internet archive", "jstor", "archive.org",
    "en ligne", "texte intégral", "texte", "extrait", "en línea", "texto completo", "extracto",
    "online-ausgabe", "volltext", "auszug", "in linea", "testo completo", "estratto", "online-versie",
    "volledige tekst", "tekst", "онлайн", "текст", "полный текст", "отрывок", "διαδικτυακά", "ηλεκτρονικά",
    "κείμενο", "απόσπασμα", "πλήρες κείμενο", "çevrimiçi", "tam metin",
))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in text if c.isalnum() or c.isspace()).split())


def is_link_word(anchor: str) -> bool:
    a = " ".join(anchor.lower().strip(" .,;:()[]").split())
    return a in LINK_WORDS or a.startswith(("online", "excerpt", "full text", "pdf"))


def _on_title(link: Link, record: Record) -> bool:
    title = _fold(str(record.csl.get("title") or ""))
    anchor = _fold(link.text)
    if len(anchor) < 8 or not title:
        return False
    # the title, or most of it (a link on a journal's name inside the title is not the work's)
    return title in anchor or (anchor in title and 2 * len(anchor) >= len(title))


def _archive_date(stamp: str) -> str:
    if len(stamp) >= 8:
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
    return stamp[:4]


def attach(record: Record, blocks: list[SourceBlock]) -> None:
    """Fill ``DOI``, ``URL`` and the archive fields of ``record`` from the links of the
    blocks it came from."""
    archived_original = ""
    for block in blocks:
        for link in block.links:
            url = link.url.strip()
            if not url.lower().startswith(("http://", "https://")):
                continue
            m = _DOI_LINK.match(url)
            if m:
                record.csl.setdefault("DOI", m.group(1))
                continue
            wb = _WAYBACK.match(url)
            if wb or _OTHER_ARCHIVE.match(url):
                if not record.custom(ARCHIVE_URL):
                    record.set_custom(ARCHIVE_URL, url, stage="parse", source="link")
                    if wb and not record.custom(ARCHIVE_DATE):
                        record.set_custom(ARCHIVE_DATE, _archive_date(wb.group(1)), stage="parse",
                                          source="link")
                if wb:
                    original = wb.group(2)
                    archived_original = original if original.startswith("http") else "http://" + original
                continue
            if is_link_word(link.text) or _on_title(link, record) or link.text.strip() == url:
                if "URL" not in record.csl:
                    record.set("URL", url, stage="parse", source="link")
    if archived_original and "URL" not in record.csl:
        record.set("URL", archived_original, stage="parse", source="link")
