"""Web pages (a page saved from the browser, or fetched): the document's structure, not its text dump.

Only the main content is read: MediaWiki's ``mw-parser-output`` when there is one,
else ``<main>``, ``<article>`` or ``role=main``, else the body; navigation, tables of
contents, edit links, navboxes, infoboxes, categories, scripts and footers are dropped.
Every list item, footnote (MediaWiki's ``ol.references``, without its "↑" backlinks)
and paragraph becomes one ``"item"`` block for the finder, in document order, with
its hyperlinks (absolute http(s) links only: a link to another wiki page is about an
author or a journal, not the work) and italic spans. Inline citation markers
(``sup.reference``, "[1]") stay in paragraphs, where they tell prose from references,
and are dropped from list items and footnotes.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml import html as lxml_html

from refs.model import Library, Report, SourceBlock
from refs.sources.coins import coins_record
from refs.sources.text import BREAK, Builder, absolute, wiki_internal

#: classes and ids of page furniture (MediaWiki, and the usual names elsewhere)
_JUNK_CLASSES = ("mw-editsection", "toc", "navbox", "navbox-styles", "catlinks", "printfooter",
                 "mw-jump-link",
                 "infobox", "metadata", "ambox", "mbox-small", "sistersitebox", "portalbox", "noprint",
                 "mw-empty-elt", "navigation-not-searchable", "shortdescription", "hatnote",
                 "authority-control",
                 "vector-toc", "mw-indicators", "reflist-lower-alpha", "thumb", "mw-halign-right", "gallery",
                 "sidebar", "breadcrumb", "cookie-banner", "skip-link", "site-header", "site-footer")
_JUNK_IDS = ("toc", "catlinks", "footer", "mw-navigation", "mw-head", "mw-panel", "siteSub", "contentSub",
             "jump-to-nav", "p-lang", "mw-hidden-catlinks")
_JUNK_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "button", "input",
              "select", "textarea", "svg", "math", "figure", "img", "iframe", "object", "template", "link",
              "meta", "h1", "h2", "h3", "h4", "h5", "h6", "caption")
_BLOCK_TAGS = frozenset(("p", "li", "dd", "dt", "div", "section", "article", "main", "blockquote", "ul", "ol",
                         "dl", "table", "tbody", "thead", "tr", "td", "th", "body", "center", "pre",
                         "address"))
_LISTS = frozenset(("ul", "ol", "dl"))
_ITEMS = frozenset(("li", "dd", "dt"))
_ITALIC = frozenset(("i", "em", "cite", "var", "dfn"))
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: COinS spans (the OpenURL a citation template leaves in the page)
_COINS = ".//span[contains(concat(' ', normalize-space(@class), ' '), ' Z3988 ')][@title]"


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def parse_document(data: str | bytes) -> etree._Element:
    """The HTML document (bytes decoded per its ``<meta charset>``, else UTF-8)."""
    from refs.sources import SourceError

    if isinstance(data, str):
        data = data.encode("utf-8")
        encoding = "utf-8"
    else:
        encoding = charset(data)
    if not data.strip():
        raise SourceError("empty document")
    data = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data, count=1)
    parser = lxml_html.HTMLParser(encoding=encoding, remove_comments=True)
    try:
        doc = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not an HTML document ({exc})") from exc
    return doc


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)"""
                      rb"""|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)


def charset(data: bytes) -> str:
    """The encoding a page declares (``<meta charset>``, the XML declaration), else UTF-8
    (or Latin-1 when the bytes are not UTF-8)."""
    m = _CHARSET.search(data[:4096])
    if m:
        name = (m.group(1) or m.group(2)).decode("ascii", "replace")
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"


def main_content(doc: etree._Element) -> etree._Element:
    """The article: MediaWiki's parser output (the largest, a site notice may have one
    too), else ``<main>``, ``role=main``, ``<article>``, ``#content``, else the body."""
    outputs = doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' mw-parser-output ')]")
    outputs = [el for el in outputs if not any(a in outputs for a in el.iterancestors())]
    if outputs:
        return max(outputs, key=lambda el: len(el.text_content()))
    for xpath in ("//main", "//*[@role='main']", "//article", "//*[@id='content']", "//body"):
        found = doc.xpath(xpath)
        if found:
            return found[0]
    return doc


def _strip_junk(root: etree._Element) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments and processing instructions
            continue
        if el.tag in _JUNK_TAGS or el.get("id") in _JUNK_IDS or _classes(el) & set(_JUNK_CLASSES):
            doomed.append(el)
        elif el.get("role") == "navigation" or el.get("style", "").replace(" ", "").find("display:none") >= 0:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None and el is not root:
            el.drop_tree()


def blocks(data: str | bytes, source: str = "", base: str = "") -> list[SourceBlock]:
    """The candidate blocks of a web page (``base``: the page's address, for relative links)."""
    doc = parse_document(data)
    if not base:
        canonical = doc.xpath("//link[@rel='canonical']/@href")
        base = str(canonical[0]) if canonical else ""
    root = main_content(doc)
    out: list[SourceBlock] = []
    state = {"section": "", "note": 0}
    # headings name the section of what follows: a marker takes each one's place
    for heading in list(root.iter(*_HEADINGS)):
        parent = heading.getparent()
        if parent is not None:
            marker = etree.Element("refs-section")
            for edit in heading.xpath(".//*[contains(@class, 'mw-editsection')]"):
                edit.drop_tree()
            marker.set("name", " ".join(heading.text_content().split()))
            parent.insert(parent.index(heading), marker)
    _strip_junk(root)  # (the headings go with the junk)
    _collect(root, out, state, base, footnotes=False)
    return [b for b in out if b.text or b.kind == "line"]


def _collect(el: etree._Element, out: list[SourceBlock], state: dict, base: str, footnotes: bool) -> None:
    """Blocks from ``el``'s children: list items and paragraphs are items; containers
    are walked; loose inline content of a container is an item of its own."""
    inline = Builder()

    def flush() -> None:
        _paragraph(inline, out, state)
        inline.parts.clear()

    if el.text and el.text.strip():
        inline.add(el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "refs-section":
            flush()
            state["section"] = child.get("name", "")
        elif tag in _LISTS:
            flush()
            notes = footnotes or "references" in _classes(child)
            for item in child:
                if isinstance(item.tag, str) and item.tag in _ITEMS:
                    _item(item, out, state, base, notes)
                elif isinstance(item.tag, str):
                    _collect(item, out, state, base, notes)
        elif tag == "p":
            flush()
            b = Builder()
            _inline(child, b, base, keep_markers=True)
            _paragraph(b, out, state)
        elif tag in _BLOCK_TAGS:
            flush()
            _collect(child, out, state, base, footnotes)
        elif tag:
            _inline(child, inline, base, keep_markers=True)
        if child.tail and child.tail.strip():
            inline.add(child.tail)
    flush()


def _paragraph(b: Builder, out: list[SourceBlock], state: dict) -> None:
    """A paragraph is one item; one broken into lines (``<br>``, a list typed that way)
    gives its lines to the finder, which joins the lines of one entry."""
    pieces = b.lines()
    if len(pieces) > 1:
        out += [piece.block(kind="line", where=_where(state)) for piece in pieces]
        out.append(SourceBlock(text="", kind="line"))
    elif not b.empty:
        out.append(b.block(where=_where(state)))


def _item(li: etree._Element, out: list[SourceBlock], state: dict, base: str, footnote: bool) -> None:
    """One list item (nested lists inside it are items of their own, after it)."""
    b = Builder()
    nested: list[etree._Element] = []
    if li.text:
        b.add(li.text)
    for child in li:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _LISTS:
            nested.append(child)
        elif tag == "refs-section":
            pass
        elif tag in ("p", "div") and not b.empty:
            b.add(" ")
            _inline(child, b, base, keep_markers=False)
        elif tag:
            _inline(child, b, base, keep_markers=False)
        if child.tail:
            b.add(child.tail)
    if footnote:
        state["note"] += 1
    if not b.empty:
        where = f"footnote {state['note']}" if footnote else _where(state)
        block = b.block(where=where)
        coins = [span.get("title", "") for span in li.xpath(_COINS)
                 if next(span.iterancestors(*_ITEMS), None) is li]  # (not those of nested lists)
        records = [r for r in (coins_record(kev, text=block.text) for kev in coins) if r is not None]
        for k, rec in enumerate(records):  # a rendered citation template: its COinS is the record
            rec.origin.where = where
            out.append(SourceBlock(text=block.text, kind="item", where=where, record=rec,
                                   links=block.links if k == len(records) - 1 else []))
        if not records:
            out.append(block)
    for lst in nested:
        for item in lst:
            if isinstance(item.tag, str) and item.tag in _ITEMS:
                _item(item, out, state, base, footnote)


def _inline(el: etree._Element, b: Builder, base: str, keep_markers: bool, italic: bool = False,
            href: str = "") -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    classes = _classes(el)
    marker = tag == "sup" and "reference" in classes
    if not tag or "mw-cite-backlink" in classes or (marker and not keep_markers):
        return
    if tag == "br":
        b.add(BREAK)
        return
    if tag in _ITALIC and "citation" not in classes:
        italic = True
    if tag == "a" and el.get("href"):
        url = absolute(el.get("href", ""), base)
        if url and not wiki_internal(url) and not url.split("#")[0] == base.split("#")[0]:
            href = url
    if el.text:
        b.add(el.text, italic, href)
    for child in el:
        _inline(child, b, base, keep_markers, italic, href)
        if child.tail:
            b.add(child.tail, italic, href)


def _where(state: dict) -> str:
    return f"section {state['section']}" if state["section"] else ""


def loads(text: str, source: str = "") -> tuple[Library, Report]:
    """Format-reader interface (``refs.io``): a web page in, its references out."""
    from refs.sources import load

    return load("html", text, source=source)
