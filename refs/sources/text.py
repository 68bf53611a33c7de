"""Text with its links and italics, built piece by piece by every source reader.

A reader appends runs of text as the document has them (``add(text, italic, href)``);
:meth:`Builder.block` collapses white space the way a browser shows it and returns a
:class:`SourceBlock` whose link and italic spans point at the final characters.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from refs.model import Link, SourceBlock

_WS = re.compile(r"[ \t\r\n\f\v]+")  # (a no-break space is kept, as browsers keep it)


#: a line break the document made (``<br>``): a space in an item, a line end in :meth:`Builder.lines`
BREAK = "\u2028"


class Builder:
    def __init__(self) -> None:
        self.parts: list[tuple[str, bool, str]] = []

    def lines(self) -> list[Builder]:
        """The text split at the document's line breaks (empty pieces dropped)."""
        out = [Builder()]
        for text, italic, href in self.parts:
            pieces = text.split(BREAK)
            for k, piece in enumerate(pieces):
                if k:
                    out.append(Builder())
                out[-1].add(piece, italic, href)
        return [b for b in out if not b.empty]

    def add(self, text: str, italic: bool = False, href: str = "") -> None:
        if text:
            self.parts.append((text, italic, href))

    def link(self, href: str) -> None:
        """A link with no anchor text here (an archive link given by a template)."""
        self.parts.append(("", False, href))

    @property
    def empty(self) -> bool:
        return not "".join(p[0] for p in self.parts).replace(BREAK, " ").strip()

    def block(self, kind: str = "item", line: int | None = None, where: str = "") -> SourceBlock:
        out = ""
        links: list[Link] = []
        italics: list[tuple[int, int]] = []
        for text, italic, href in self.parts:
            text = _WS.sub(" ", text.replace(BREAK, " "))
            if (not out or out.endswith(" ")) and text.startswith(" "):
                text = text[1:]
            start = len(out) + (len(text) - len(text.lstrip(" ")))
            out += text
            end = len(out.rstrip(" ")) if text.strip() else start
            if href:
                links.append(Link(url=href, text=out[start:end], start=start if end > start else -1,
                                  end=end if end > start else -1))
            if italic and end > start:
                if italics and italics[-1][1] >= start - 1 and out[italics[-1][1]:start].strip() == "":
                    italics[-1] = (italics[-1][0], end)
                else:
                    italics.append((start, end))
        out = out.rstrip(" ")
        n = len(out)
        for lk in links:
            if lk.end > n:
                lk.end = n
        italics = [(a, min(b, n)) for a, b in italics if a < n]
        return SourceBlock(text=out, kind=kind, line=line, where=where, links=links, italics=italics)


def is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def absolute(href: str, base: str = "") -> str:
    """An http(s) URL from an href (protocol-relative ``//host`` gets https), else ``""``."""
    href = href.strip()
    if href.startswith("//"):
        return "https:" + href
    if is_web(href):
        return href
    if base and href and not href.startswith(("#", "javascript:", "mailto:")):
        from urllib.parse import urljoin

        joined = urljoin(base, href)
        return joined if is_web(joined) else ""
    return ""


def wiki_internal(url: str) -> bool:
    """A link to another page of a wiki (``/wiki/…``, ``index.php?title=``) on a
    Wikimedia site: about an author or a journal, not the work itself."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    # (Wikisource and Wikibooks links are the text of a work: kept)
    wiki_host = host.endswith((".wikipedia.org", ".wikimedia.org", ".wiktionary.org", ".wikidata.org",
                               ".mediawiki.org"))
    return wiki_host and (parts.path.startswith("/wiki/") or parts.path.startswith("/w/"))
