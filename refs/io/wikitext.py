"""Wikipedia citation templates (Citation Style 1): one ``{{cite ...}}`` per record.

The template follows the record's CSL type (``{{cite journal}}``, ``{{cite book}}``
with ``|chapter=`` for chapters, ``{{cite thesis}}``, ``{{cite report}}``,
``{{cite conference}}``, ``{{cite web}}``, ``{{cite news}}``, ``{{cite magazine}}``,
``{{cite encyclopedia}}``, ``{{cite speech}}``, ``{{cite AV media}}``, ``{{cite map}}``)
and the parameters are CS1's own names (``|last1= |first1=``, ``|editor-last1=``,
``|title= |journal= |volume= |issue= |pages= |date= |publisher= |location= |doi= |isbn=
|url= |access-date= |archive-url= |archive-date= |url-status=``), checked against CS1's
parameter whitelist (:data:`CS1_PARAMETERS`). Corporate authors go to ``|authorN=``.

Values are escaped for wikitext so that they show as text: ``|``, braces, square
brackets, ``<``, doubled apostrophes and ``~~~`` become HTML entities (CS1's advice
for titles), URLs are percent-encoded instead, and CSL rich text (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, ``<span class="nocase">``) becomes wiki markup or plain HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, URL_STATUS, Library, Name, Record

FORMAT = "wikitext"

#: CSL type -> CS1 template (others: see :func:`template_for`).
TEMPLATES: dict[str, str] = {
    "article-journal": "cite journal",
    "review": "cite journal",
    "review-book": "cite journal",
    "article-magazine": "cite magazine",
    "article-newspaper": "cite news",
    "book": "cite book",
    "chapter": "cite book",
    "thesis": "cite thesis",
    "report": "cite report",
    "paper-conference": "cite conference",
    "webpage": "cite web",
    "post": "cite web",
    "post-weblog": "cite web",
    "entry-encyclopedia": "cite encyclopedia",
    "entry-dictionary": "cite encyclopedia",
    "entry": "cite encyclopedia",
    "speech": "cite speech",
    "motion_picture": "cite AV media",
    "broadcast": "cite AV media",
    "song": "cite AV media",
    "map": "cite map",
}

#: The container parameter each template uses for CSL ``container-title``.
CONTAINER_PARAM: dict[str, str] = {
    "cite journal": "journal",
    "cite magazine": "magazine",
    "cite news": "newspaper",
    "cite web": "website",
    "cite encyclopedia": "encyclopedia",
    "cite conference": "book-title",
}

#: Every parameter this writer emits (``#`` = a number), all in CS1's whitelist
#: (Module:Citation/CS1/Whitelist: basic, numbered and template-specific arguments).
CS1_PARAMETERS = frozenset(
    "last# first# author# editor-last# editor-first# editor# translator-last# translator-first#"
    " translator# date orig-date title chapter journal magazine newspaper website encyclopedia"
    " book-title conference work series volume issue number page pages edition publisher location"
    " publication-place degree type language doi isbn issn pmid pmc url access-date archive-url"
    " archive-date url-status".split()
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SEASONS = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}


# -- public API ------------------------------------------------------------------------

def dumps(library: Library | Iterable[Record], *, ref: bool = False, **_: Any) -> str:
    """One citation template per line, in record order.

    With ``ref`` each template is wrapped in ``<ref name="KEY">...</ref>`` ready to
    paste into an article."""
    return "".join(dump_chunks(library.records if isinstance(library, Library) else library, ref=ref))


def dump_chunks(records: Iterable[Record], *, ref: bool = False, **_: Any) -> Iterator[str]:
    """:func:`dumps` a line at a time, the records taken one at a time as they come."""
    for record in records:
        text = cite(record)
        if ref:
            name = re.sub(r'["<>/=\s]+', "_", record.id) or "ref"
            text = f'<ref name="{name}">{text}</ref>'
        yield text + "\n"


def cite(record: Record) -> str:
    """The CS1 template for one record, e.g. ``{{cite journal |last1=... |title=...}}``."""
    template = template_for(record)
    params = parameters(record, template)
    body = "".join(f" |{name}={value}" for name, value in params)
    return "{{" + template + body + "}}"


def template_for(record: Record) -> str:
    """The CS1 template for the record's type; generic types are judged by their fields."""
    if record.type in TEMPLATES:
        return TEMPLATES[record.type]
    csl = record.csl
    if csl.get("container-title") and (csl.get("volume") or csl.get("issue")):
        return "cite journal"
    if csl.get("URL") and not csl.get("publisher") and not csl.get("ISBN"):
        return "cite web"
    return "cite book"


def parameters(record: Record, template: str) -> list[tuple[str, str]]:
    """The (parameter, escaped value) pairs of one template, in the usual CS1 order."""
    csl = record.csl
    out: list[tuple[str, str]] = []

    def add(name: str, value: Any, url: bool = False) -> None:
        if value is None or value == "" or value == []:
            return
        text = escape_url(str(value)) if url else escape(_text(value))
        if text:
            out.append((name, text))

    out += _names(csl.get("author"), "last{n}", "first{n}", "author{n}")
    add("date", format_date(csl.get("issued")))
    add("orig-date", format_date(csl.get("original-date")))

    title = csl.get("title")
    container = csl.get("container-title")
    series = csl.get("collection-title")
    if record.type == "chapter" and container:
        # the chapter's title is |chapter=, the book it is in is |title=
        add("chapter", title)
        add("title", container)
    else:
        add("title", title)
        if template in CONTAINER_PARAM:
            add(CONTAINER_PARAM[template], container)
        elif container and not series:
            series = container  # e.g. a report series given as the container
    if template == "cite conference":
        add("conference", csl.get("event-title") or csl.get("event"))

    out += _names(csl.get("editor"), "editor-last{n}", "editor-first{n}", "editor{n}")
    out += _names(csl.get("translator"), "translator-last{n}", "translator-first{n}", "translator{n}")
    add("edition", _edition(csl.get("edition")))
    add("series", series)
    add("volume", csl.get("volume"))
    if template in ("cite journal", "cite magazine", "cite news", "cite conference"):
        add("issue", csl.get("issue") or csl.get("number"))
    elif template == "cite report":
        add("number", csl.get("number"))
    page = _text(csl.get("page") or "")
    if page:
        add("pages" if re.search(r"[-–—,&]|\s", page.strip()) else "page", page)
    elif template == "cite book" and record.type != "chapter":
        # the page a book is cited at ("p. 210" in the note) is CS1's |page= (a pinpoint)
        m = _PINPOINT.fullmatch(_text(csl.get("note") or ""))
        if m:
            add("pages" if m.group(1) == "pp" else "page", m.group(2))
    if template == "cite thesis":
        genre = _text(csl.get("genre") or "")
        if genre and re.search(r"thesis|dissertation", genre, re.I):
            add("type", genre)
        else:
            add("degree", genre)
    elif template == "cite report":
        add("type", csl.get("genre"))
    add("publisher", csl.get("publisher"))
    if template == "cite conference" and csl.get("event-place"):
        add("location", csl.get("event-place"))
        add("publication-place", csl.get("publisher-place"))
    else:
        add("location", csl.get("publisher-place"))
    add("language", csl.get("language"))
    doi = _text(csl.get("DOI") or "")
    add("doi", doi)
    add("isbn", _first(csl.get("ISBN")))
    add("issn", _first(csl.get("ISSN")))
    add("pmid", csl.get("PMID"))
    pmc = _text(csl.get("PMCID") or "")
    add("pmc", re.sub(r"^PMC", "", pmc, flags=re.I))
    url = _text(csl.get("URL") or "")
    archive_url = _text(record.custom(ARCHIVE_URL) or "")
    if archive_url and not url:
        # CS1 wants the original URL with an archive copy; a Wayback address contains it
        m = re.search(r"/web/\d+[a-z_]*/(https?://.+)$", archive_url)
        url = m.group(1) if m else ""
        archive_url = archive_url if url else ""
    doi_link = re.sub(r"^https?://(dx\.)?doi\.org/", "", url, flags=re.I)
    if url and (archive_url or not (doi and doi_link.lower() == doi.lower())):
        add("url", url, url=True)  # (a bare doi.org link only repeats |doi=)
        add("access-date", format_date(csl.get("accessed"), iso=True))  # CS1: only with |url=
    if archive_url:
        add("archive-url", archive_url, url=True)
        add("archive-date", _archive_date(record.custom(ARCHIVE_DATE)))
        status = _text(record.custom(URL_STATUS) or "").lower()
        if status in ("live", "dead", "usurped", "unfit", "deviated"):
            add("url-status", status)
    return out


_PINPOINT = re.compile(r"(pp?)\.\s*([\dIVXLCivxlc]+(?:\s*[-–—,]\s*[\dIVXLCivxlc]+)*)")


# -- names, dates, values ----------------------------------------------------------------

def _names(names: Any, last: str, first: str, whole: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for n, name in enumerate(names or [], start=1):
        if not isinstance(name, dict):
            continue
        family, given = name_parts(name)
        if not family:
            continue
        if name.get("literal") or not given and not name.get("family"):
            out.append((whole.format(n=n), escape(family)))
            continue
        out.append((last.format(n=n), escape(family)))
        if given:
            out.append((first.format(n=n), escape(given)))
    return out


def name_parts(name: Name) -> tuple[str, str]:
    """(last, first) as CS1 wants them: the non-dropping particle with the family name,
    the dropping particle and a suffix ("Jr.") with the given name; literals whole."""
    if name.get("literal"):
        return name["literal"].strip(), ""
    last = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    first = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    if name.get("suffix"):
        first = f"{first}, {name['suffix']}" if first else name["suffix"]
    if not last:
        return first, ""
    return last, first


def format_date(value: Any, iso: bool = True) -> str:
    """A CSL date as CS1 accepts it: ``2002``, ``May 2002``, ``2002-05-01``, ranges with an
    en dash, seasons, ``c. 1900`` and literal dates as given."""
    if not isinstance(value, dict):
        return ""
    if value.get("literal"):
        return _text(value["literal"])
    parts = value.get("date-parts")
    if not parts or not parts[0]:
        return _text(value.get("raw") or "")
    try:
        rows = [[int(p) for p in row] for row in parts if row]
    except (TypeError, ValueError):
        return _text(value.get("raw") or "")
    if len(rows) == 1:
        text = _one_date(rows[0], iso)
    else:
        a, b = rows[0], rows[1]
        if len(a) == 1 and len(b) == 1:
            text = f"{a[0]}–{b[0]}"
        elif len(a) == 2 and len(b) == 2 and a[0] == b[0]:
            text = f"{MONTHS[a[1] - 1]}–{MONTHS[b[1] - 1]} {a[0]}"
        elif len(a) == 3 and len(b) == 3 and a[:2] == b[:2]:
            text = f"{a[2]}–{b[2]} {MONTHS[a[1] - 1]} {a[0]}"
        else:
            text = f"{_one_date(a, False)} – {_one_date(b, False)}"
    season = value.get("season")
    if season and len(rows[0]) == 1:
        name = SEASONS.get(int(season)) if str(season).isdigit() else str(season)
        text = f"{name} {text}" if name else text
    if value.get("circa"):
        text = f"c. {text}"
    return text


def _one_date(parts: list[int], iso: bool) -> str:
    if len(parts) >= 3 and 1 <= parts[1] <= 12:
        if iso:
            return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) >= 2 and 1 <= parts[1] <= 12:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"  # CS1 rejects 2002-05
    return str(parts[0])


def _archive_date(value: Any) -> str:
    text = _text(value or "")
    m = re.match(r"^(\d{4})(\d{2})(\d{2})(\d{6})?$", text)  # a Wayback timestamp
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T", text)
    return m.group(1) if m else text


def _edition(value: Any) -> str:
    text = _text(value or "")
    text = re.sub(r"\s*(?:ed\.?|edition)$", "", text, flags=re.I)
    if text.isdigit():
        n = int(text)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return text


def _first(value: Any) -> str:
    text = _text(value or "")
    return re.split(r"[\s,;]+", text)[0] if text else ""


_WS = re.compile(r"[ \t\r\n]+")


def _text(value: Any) -> str:
    """A value as one line (newlines and runs of blanks -> one space; thin spaces kept)."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return _WS.sub(" ", str(value)).strip()


# -- escaping ------------------------------------------------------------------------------

_RICH = re.compile(r"</?(?:i|b|sup|sub)>|<span\s+(?:class=\"nocase\"|style=\"font-variant:\s*small-caps;?\")>"
                   r"|</span>", re.I)
_WIKI_TAGS = {"<i>": "''", "</i>": "''", "<b>": "'''", "</b>": "'''",
              "<sup>": "<sup>", "</sup>": "</sup>", "<sub>": "<sub>", "</sub>": "</sub>"}
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPECIAL = re.compile(r"[|{}\[\]<>&'~]")


def escape(text: str) -> str:
    """A value as wikitext that shows exactly this text inside a template parameter."""
    text = _WS.sub(" ", text).strip()
    if not _SPECIAL.search(text):
        return text
    chunks: list[tuple[bool, str]] = []  # (is markup, text)
    pos = 0
    for m in _RICH.finditer(text):
        chunks.append((False, _escape_plain(text[pos:m.start()])))
        chunks.append((True, _WIKI_TAGS.get(m.group().lower(), "")))
        pos = m.end()
    chunks.append((False, _escape_plain(text[pos:])))
    out: list[str] = []
    for i, (markup, chunk) in enumerate(chunks):
        if not markup and chunk:
            # an apostrophe next to '' markup would change the bold/italic run
            if chunk.startswith("'") and i > 0 and chunks[i - 1][1].endswith("'"):
                chunk = "&#39;" + chunk[1:]
            if chunk.endswith("'") and i + 1 < len(chunks) and chunks[i + 1][1].startswith("'"):
                chunk = chunk[:-1] + "&#39;"
        out.append(chunk)
    return "".join(out).strip()


def _escape_plain(text: str) -> str:
    text = _ENTITY.sub("&amp;", text)
    text = (text.replace("|", "&#124;").replace("{", "&#123;").replace("}", "&#125;")
            .replace("[", "&#91;").replace("]", "&#93;").replace("<", "&lt;").replace(">", "&gt;"))
    text = re.sub(r"'(?=')", "&#39;", text)
    text = re.sub(r"~{3,}", lambda m: "&#126;" * len(m.group()), text)
    return text


_URL_UNSAFE = {" ": "%20", "|": "%7C", "[": "%5B", "]": "%5D", "{": "%7B", "}": "%7D", "<": "%3C",
               ">": "%3E", '"': "%22", "'": "%27"}


def escape_url(url: str) -> str:
    """A URL with the characters wikitext would interpret percent-encoded."""
    url = url.strip()
    return "".join(_URL_UNSAFE.get(c, c) for c in url)


def loads(text: str, source: str = "") -> tuple[Library, Any]:
    """Read wikitext: citation templates become records, the rest goes to the finder
    (see :mod:`refs.sources.wikitext`)."""
    from refs.sources.wikitext import loads as read_wikitext

    return read_wikitext(text, source=source)
