"""One reference string → one :class:`~refs.model.Record`.

The parser works outside-in, removing what has a fixed shape before guessing what has
not:

1. strip the list marker ("↑", "^", "[1]", "1.", "(17)");
2. pull out URLs, DOI, ISBN, archive and access notices and annotations
   (:mod:`refs.parse.extras`) and a trailing pinpoint ("(2002) p. 210");
3. find where the author list ends: before a quoted title, before an APA/Harvard
   year, at the first full stop whose prefix parses as names, or at the longest
   comma-prefix that does (:mod:`refs.parse.authors`);
4. cut the title: a quoted title, or up to the first sentence end, GOST "//" or "/",
   "In:", or a Wikipedia-style publication parenthesis (:mod:`refs.parse.title`);
5. read the rest (:mod:`refs.parse.tail`): chapter "In ...", thesis and report markers,
   volume/issue/pages/year in every shorthand (:mod:`refs.parse.numbers`), and what
   remains as journal, or as place and publisher (:mod:`refs.parse.places`);
6. choose the CSL type from what was found (:func:`choose_type`) and build the record.

Years are only taken from the author position or the tail, never from the title,
so "between 1991-2014" in a title stays in the title, and annotations such as
"(1992–2016)" have already gone to ``note``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from refs.model import ARCHIVE_DATE, ARCHIVE_URL, Origin, Record, make_date
from refs.parse.authors import split_authors
from refs.parse.extras import Extras, extract
from refs.parse.numbers import YEAR
from refs.parse.patterns import DITTO, NEWSPAPER
from refs.parse.state import Parsed
from refs.parse.tail import JOURNAL_WORD, parse_tail
from refs.parse.title import split_title, title_extras

STAGE = "parse"

#: list markers: footnote arrows and carets with Wikipedia's back-link letters, numbers
_MARKER = re.compile(
    r"^\s*(?:"
    # "↑", "^ a b", "↑ 1,0 1,1", "↑ 1 2", "↑ а б"
    r"(?:[↑^*•·]+|[\-–—](?![\-–—_]))\s*(?:(?:[a-zа-яα-ω]|\d{1,2}(?:[,.]\d{1,2})?)\s+)*"
    r"|\[\s*\d+[a-z]?\s*\]\s*"  # [1]
    r"|\(\s*\d+\s*\)\s+"  # (1)
    r"|\d{1,4}\s*[.)]\s+"  # 1.  1)
    r"|\d{1,4}\.(?=[^\W\d_]{2})"  # 1.Smith
    r"|\d{1,4}\s+(?=[^\W\d])"  # 33 Bergk
    r")")


def parse_reference(raw: str, source: str = "", line: int | None = None) -> Record:
    """Parse one reference string into a Record (id empty: keys are assigned later)."""
    text = normalize(raw)
    text = strip_marker(text)
    lang = _LANG_TAG.match(text)
    if lang:
        text = text[lang.end():]
    text, extras = extract(text)
    p = Parsed()
    p.language = lang.group("lang").lower() if lang else ""
    p.isbn = bool(extras.isbn)
    text = _pinpoint(text, p)
    text = _collection(text, p)
    text, titled = _standard(text, p)
    rest = text if titled else split_authors(text, p)
    m = re.match(rf"\(?({YEAR})[a-z]?\)?\s+(?=[A-ZА-ЯΑ-Ω“\"«])", rest)
    if m and not p.year and (p.authors or p.editors):  # "Renfrew, Colin. 1973 Monuments, ..."
        p.year, rest = m.group(1), rest[m.end():]
    tail = split_title(rest, p)
    title_extras(p)
    parse_tail(tail, p)
    _note_pinpoint(text, p)
    return build(p, extras, raw, source, line)


def _note_pinpoint(text: str, p: Parsed) -> None:
    """Chicago notes cite the page they refer to, not the article's range: in 'Mary
    Sarotte, "A Broken Promise?," Foreign Affairs 93, no. 5 (2014): 90.' the 90 is a
    pinpoint. Only for the note form (a natural-order first author, a comma inside the
    closing quote) and a single page after "(date):" at the very end."""
    if not (p.quoted and p.container and p.page and p.page.isdigit() and p.authors):
        return
    first = p.authors[0].get("family", "")
    if not first or text.startswith(first) or not re.search(r",[”\"]\s", text) or \
            not re.search(r"\):\s*\d+\.?$", text):
        return
    p.notes.insert(0, p.page)
    p.page = ""


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = re.sub("[\u200b-\u200f\u2060\ufeff]", "", text)  # zero-width and direction marks (Wikipedia)
    text = re.sub("^[\ue000-\uf8ff]+\\s*", "", text)  # a private-use bullet glyph copied from a PDF
    text = text.replace("ﬁ", "fi").replace("ﬂ", "fl").replace("ﬀ", "ff")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"``|''", '"', text)
    # a word hyphenated across a line break: "Mur- phy" -> "Murphy" (not "pre- and post-war")
    text = re.sub(r"([a-zà-ÿа-яα-ω])- (?!(?:and|or|und|oder|et|ou|y|e|o|и|или)\b)([a-zà-ÿа-яα-ω])",
                  r"\1\2", text)
    return text


#: reading-list labels before an entry: "Optional: Treisman, Daniel, ed. ..."
_LABEL = re.compile(r"^(?:Optional|Recommended|Required|Suggested|Further|Additional|Background|Supplementary"
                    r"|See(?:\s+also)?|Also|Cf\.|Facultatif|Obligatoire|Empfohlen|Pflichtlektüre|Zusätzlich"
                    r"|Opcional|Obligatorio|Facoltativo|Obbligatorio|Dopolnitel'no|Дополнительно|Обязательно)"
                    r"(?:\s+(?:reading|readings|text|lecture|Lektüre|lectura|lettura))?\s*:\s+(?=\S)", re.I)


def strip_marker(text: str) -> str:
    for _ in range(2):  # "12. [3] Smith ..." has two
        m = _MARKER.match(text)
        if m:
            text = text[m.end():]
    text = _LABEL.sub("", text.strip())
    return text.strip()


#: French Wikipedia's language tag before a reference: "(en) Ronald D. Asmus, ..."
_LANG_TAG = re.compile(r"^\((?P<lang>[a-zA-Z]{2,3}(?:-[A-Za-z]{2,4})?)\)\s+")


def is_ditto(text: str) -> bool:
    """ "———. Title": the same authors as the entry before."""
    return bool(DITTO.match(strip_marker(normalize(text))))


def _pinpoint(text: str, p: Parsed) -> str:
    """ "(2002) p. 210." → note "p. 210"; "(London: X, 2010), 45." → note "45"."""
    m = re.search(rf"(\(\s*[^()]*{YEAR}[^()]*\))\s*,?\s*((?:p|S|С)\.\s*\d+(?:\s*ff?\.)?)\.?$", text)
    if m:
        p.notes.append(m.group(2))
        return text[: m.start(2)].rstrip(" ,")
    m = re.search(rf"(\(\s*[^()]*:[^()]*{YEAR}\))\s*,\s*(\d+(?:\s*[-–]\s*\d+)?)\.?$", text)
    if m and re.search(r"[-–]", m.group(2)) and re.search(r"[,.][”\"]?\s+in\s+[A-Z]", text[: m.start()]):
        return text  # a chapter in Chicago notes: '"Title," in Book, ed. X (…, 2014), 35–59' gives its pages
    if m:
        p.notes.append(m.group(2))
        return text[: m.start(2)].rstrip(" ,")
    return text


#: French Wikipedia/BnF "coll. « Bibliothèque des histoires »" (also "coll. Folio histoire",
#: with an optional number): the series, which would otherwise split place, publisher and year
_COLLECTION = re.compile(r",\s*(?:coll\.|collection|col\.|colección|coleção|collana|Reihe)\s*"
                         r"(?:«\s*(?P<q>[^»]+?)\s*»|(?P<w>[^,()«»\d]{2,60}?))"
                         r"(?:\s*,?\s*(?:n[o°º]|no\.|nr\.|vol\.|Bd\.)\s*\d+)?(?=\s*[,.(]|$)")


def _collection(text: str, p: Parsed) -> str:
    m = re.search(r"\s*\(=\s*(?P<s>[^()]+?)\)", text)
    if m:  # German Wikipedia "(= Deutsche Geschichte. Band 9)": the series and its number
        p.collection = re.sub(r"[.,]?\s*(?:Band|Bd\.|Nr\.|Heft|Vol\.)\s*\d+\w*$", "",
                              m.group("s")).strip(" .,")
        text = text[: m.start()] + text[m.end():]
    m = _COLLECTION.search(text)
    if not m or (not m.group("q") and not re.match(r",\s*(?:coll|col|Reihe)\.?\s", m.group(0))):
        return text
    p.collection = (m.group("q") or m.group("w")).strip()
    return text[: m.start()] + text[m.end():]


#: a standard's designation: "IEEE Std 754-2019", "ISO 690:2010", "ISO/IEC 27001:2013",
#: "ANSI/NISO Z39.29-2005", "DIN EN ISO 9001:2015", APA "(ISO Standard No. 690:2010)"
_STANDARD = re.compile(r"(?<![\w/])(?P<num>(?:(?:IEEE|ANSI|NISO|ISO|IEC|ASTM|DIN|EN|BS|CEN|ETSI"
                       r"|ГОСТ(?:\s+Р)?)"
                       r"(?:[/\s](?:IEEE|ANSI|NISO|ISO|IEC|EN|ASTM))*)\s+(?:(?:Std|Standard)\.?\s+(?:No\.\s*)?)?"
                       r"[A-Z]?\d[\w.]*(?:[-:.]\d[\w.]*)*(?:[-:]\d{4})?)(?![\w/])")


def _standard(text: str, p: Parsed) -> tuple[str, bool]:
    """Take out a standard's designation into ``number`` (the record becomes a
    ``standard``). When the reference opens with the standard's own title ("IEEE
    Standard for Floating-Point Arithmetic, IEEE Std 754-2019, 2019") or with the
    designation, there is no author list to look for; returns (text, title_first)."""
    m = _STANDARD.search(text)
    if not m or not re.search(r"\d{3}|:\d{4}|-\d{4}", m.group("num")) or \
            not re.search(r"Std|Standard|ISO|IEC|ANSI|ASTM|DIN|EN\s|BS\s|ГОСТ", m.group("num")):
        return text, False
    if re.match(r"(?:ISO|IEC|DIN|EN|BS)\s+\d{3,5}$", m.group("num")) \
            and not re.search(r"\b(?:Standard|Norm|norme|standard)\b", text):
        return text, False  # "ISO 9001" inside a title is not the designation of the work
    p.standard = True
    p.number = m.group("num").rstrip(".")
    before, after = text[: m.start()], text[m.end():]
    before = re.sub(r"[(\[]\s*$", "", before)
    after = re.sub(r"^\s*[)\]]", "", after)
    text = re.sub(r"\s*,\s*(?=[,.])|\s+(?=[,.])", "", (before.rstrip() + " " + after.lstrip()).strip())
    text = text.strip(" ,;:—–-")
    titled = m.start() == 0 or bool(re.match(r"[^,.]*\b(?:Standard|Norm|Norme)\b", text))
    return text, titled


def choose_type(p: Parsed, extras: Extras) -> str:
    """The CSL type from the evidence, strongest first: thesis and chapter markers, a
    journal with volume/issue (German "In: Zeitschrift. Band 64"), report markers, a
    newspaper or web site, a container, then corporate authors and publishers."""
    if p.thesis:
        return "thesis"
    if re.search(r"manuscript", p.genre, re.I) and not p.container:
        return "manuscript"
    if re.fullmatch(r"Data\s*set", p.genre, re.I):
        return "dataset"
    if re.fullmatch(r"Blog\s+post", p.genre, re.I):
        return "post-weblog"
    if p.event:
        return "paper-conference"
    if p.standard:
        return "standard"
    if extras.electronic and extras.url and not (p.volume or p.issue or p.page or p.publisher or p.chapter):
        return "webpage"  # GOST "Title [Электронный ресурс] // Site. URL: … (дата обращения: …)"
    if extras.preprint and not (p.volume or p.issue or p.publisher):
        return "article"  # a preprint: "arXiv:1412.6980"
    if p.chapter and (p.volume or p.issue) and not (p.publisher or p.place or p.editors):
        return "article-journal"  # German "In: Zeitschrift. Band 64, Nr. 3"
    if p.chapter and p.container and NEWSPAPER.search(p.container) and not (
            p.editors or p.publisher or p.volume or p.issue):
        return "article-newspaper"  # "In: Frankfurter Allgemeine Zeitung. 22. Februar 2022"
    if p.chapter or (p.gost_container and (p.publisher or p.place) and not (p.volume or p.issue)):
        if re.search(r"Proceedings|Proc\.|Conference|Symposium|Workshop|Congress|Colloque|Konferenz|Tagung|"
                     r"Congreso|Convegno|Конференц|Συνέδρι", p.container, re.I):
            return "paper-conference"
        return "chapter"
    if p.report:
        return "report"
    if p.container and not (p.volume or p.issue) and NEWSPAPER.search(p.container):
        return "article-newspaper"
    if p.container and p.day and not (p.volume or p.issue or p.publisher or p.chapter) and \
            not (extras.accessed or extras.url) and not re.search(r"\w\.[a-z]{2,4}\b", p.container):
        # a title, a periodical and a full date, no volume: a daily ("El País. 18 de octubre
        # de 2021"); a domain name as container ("nato.int") is a web site
        return "article-newspaper"
    if p.container and p.quoted and not (p.volume or p.issue or p.page or p.publisher) and \
            (extras.accessed or extras.url):
        return "webpage"
    if p.container and not (p.volume or p.issue or p.page or p.publisher or p.chapter) and \
            (extras.accessed or extras.archive_date) and not JOURNAL_WORD.search(p.container):
        return "webpage"  # a site and an access date: "Title (рус.). РИА Новости (…). Дата обращения: …"
    if p.container and p.quoted and re.search(r"\w\.[a-z]{2,4}$", p.container) and not (
            p.volume or p.issue or p.page or p.chapter):
        return "webpage"  # CS1 '"Title". crisisgroup.org. International Crisis Group. 3 May 2022.'
    if p.container:
        if re.search(r"Proceedings|Proc\.|Conference|Symposium|Workshop", p.container) and not p.volume:
            return "paper-conference"
        if p.publisher and not (p.volume or p.issue):
            return "chapter"
        return "article-journal"
    corporate = bool(p.authors) and all("literal" in a for a in p.authors)
    if p.quoted and (extras.accessed or extras.url) and not (p.place or p.number):
        return "webpage"  # "Title." Carnegie Moscow Center. 12 March 2019. Retrieved …
    if p.quoted and (p.publisher or p.place):
        return "report"
    if corporate and not p.publisher:
        return "webpage" if extras.url and not p.number else "report"
    if corporate and not p.edition and not extras.isbn and re.search(
            r"\b(?:report|rapport|bericht|informe|relatório|relazione|доклад|отчёт|отчет)\b", p.title, re.I):
        return "report"  # "World Health Organization. Global tuberculosis report 2020"
    # (a monograph from a research organisation — RAND, a foundation — stays a book: the
    # printed reference does not say it is a report)
    if p.publisher or p.place or p.edition or extras.isbn:
        return "book"
    if extras.url and not p.year and not p.authors:
        return "webpage"
    if p.quoted and extras.url:
        return "webpage"
    return "book"


def build(p: Parsed, extras: Extras, raw: str, source: str, line: int | None) -> Record:
    """The Record: CSL variables from ``p`` and ``extras``, notes joined with "; ",
    archive notices in ``custom``, the raw string and its line in ``origin``."""
    rec = Record(id="", origin=Origin("text", source, line, raw.strip()))
    csl: dict[str, Any] = {}
    if p.authors:
        csl["author"] = p.authors
    if p.editors:
        csl["editor"] = p.editors
    if p.translators:
        csl["translator"] = p.translators
    if p.title:
        csl["title"] = p.title
    if p.container:
        csl["container-title"] = p.container.strip(" ,.;:")
    for key, val in (("volume", p.volume), ("issue", p.issue), ("page", p.page),
                     ("publisher", p.publisher), ("publisher-place", p.place), ("edition", p.edition),
                     ("genre", p.genre), ("number", p.number), ("number-of-pages", p.extent),
                     ("number-of-volumes", p.volumes)):
        if val:
            csl[key] = val
    if p.event:
        csl["event-title"] = p.event
        # the proceedings-like container: what a reader looks for when citing the paper
        csl.setdefault("container-title", p.event)
    if p.event_place:
        csl["event-place"] = p.event_place
    if p.collection:
        csl["collection-title"] = p.collection
    if p.language:
        csl["language"] = p.language
    if p.year:
        csl["issued"] = make_date(p.year, p.month, p.day if p.month else None)
    if extras.doi:
        csl["DOI"] = extras.doi
    if extras.isbn:
        csl["ISBN"] = extras.isbn
    if extras.issn:
        csl["ISSN"] = extras.issn
    if extras.url:
        csl["URL"] = extras.url
    if extras.accessed:
        y, mo, d = extras.accessed
        csl["accessed"] = make_date(y, mo, d)
    notes = p.notes + extras.notes
    if p.et_al:
        notes.append("et al.")
    if notes:
        csl["note"] = "; ".join(notes)
    rec.type = choose_type(p, extras)
    if re.match(r"(?:sur|su)\s", csl.get("container-title", "")):  # Wikipedia "sur diplomatie.gouv.fr"
        csl["container-title"] = re.sub(r"^(?:sur|su)\s+(?:le\s+site\s+(?:de\s+l['’]|du\s+|de\s+)?)?", "",
                                        csl["container-title"])
    m = re.fullmatch(r"(\S+\.[a-z]{2,4}),\s+([^,]{2,60})", csl.get("container-title", ""))
    if m and not p.publisher:  # Italian Wikipedia "su nato.int, NATO": the site, then its owner
        csl["container-title"], csl["publisher"] = m.group(1), m.group(2)
    if (rec.type == "webpage" and p.quoted or rec.type == "post-weblog") and p.publisher and \
            not (p.container or p.place):
        # MLA '"Title." Wilson Center, 2023, www…': the site that holds the page
        csl["container-title"] = csl.pop("publisher")
    if rec.type in ("book", "thesis") and csl.get("page") and (p.publisher or p.place) or \
            rec.type == "report" and re.fullmatch(r"\d+", csl.get("page", "")):
        # a book has no page range of its own: pages after it are a pinpoint ("p. 412-415")
        csl["note"] = "; ".join(filter(None, ["p. " + csl.pop("page"), csl.get("note")]))
    rec.csl = csl
    # every field comes from the string in ``origin``: no per-field provenance needed
    if extras.archive_date:
        rec.set_custom(ARCHIVE_DATE, extras.archive_date)
    if extras.archive_url:
        rec.set_custom(ARCHIVE_URL, extras.archive_url)
    return rec
