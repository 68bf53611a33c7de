"""BibTeX/biblatex entries <-> CSL-JSON items: entry types, fields, dates, inheritance.

The reader hands :func:`fields_to_csl` an entry's fields already resolved to
LaTeX text (macros expanded, ``#`` joined) and gets back the CSL type and
variables. :func:`csl_to_fields` goes the other way for records that have no
BibTeX origin or whose CSL values a stage changed. :func:`inherit` applies
``crossref``/``xdata`` inheritance (biblatex's rules: a parent's ``title``
becomes the child's ``booktitle`` and so on) to the CSL view only; the raw
fields written back keep the ``crossref`` field and nothing inherited.

The type and field tables follow biblatex's manual, the mappings used by
citeproc-js/pandoc for BibTeX input, and Zotero's BibTeX translator.
"""

from __future__ import annotations

import re
from typing import Any

from refs.io.latex import decode, strip_braces
from refs.model import CUSTOM, CUSTOM_BIBTEX_FIELDS
from refs.names import parse_names

# -- entry types ---------------------------------------------------------------------------

#: BibTeX/biblatex entry type -> CSL type
TYPE_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book", "mvbook": "book", "bookinbook": "chapter", "booklet": "pamphlet",
    "collection": "book", "mvcollection": "book", "proceedings": "book", "mvproceedings": "book",
    "periodical": "book", "reference": "book", "mvreference": "book",
    "inbook": "chapter", "incollection": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "suppperiodical": "article-journal",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "manual": "report", "techreport": "report", "report": "report",
    "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
    "misc": "document", "unpublished": "manuscript", "online": "webpage", "electronic": "webpage",
    "www": "webpage", "webpage": "webpage",
    "patent": "patent", "dataset": "dataset", "software": "software", "standard": "standard",
    "video": "motion_picture", "movie": "motion_picture", "audio": "song", "music": "song",
    "image": "graphic", "artwork": "graphic", "letter": "personal_communication",
    "review": "review", "legislation": "legislation", "legal": "legislation",
    "jurisdiction": "legal_case", "set": "document", "xdata": "document",
    "performance": "speech", "commentary": "article", "customa": "document",
    "customb": "document", "customc": "document", "customd": "document",
    "custome": "document", "customf": "document",
    # Mendeley and Zotero exports
    "web_page": "webpage", "book_section": "chapter", "newspaper_article": "article-newspaper",
    "magazine_article": "article-magazine", "journal_article": "article-journal",
    "conference_proceedings": "paper-conference", "generic": "document", "film": "motion_picture",
    "computer_program": "software", "bill": "bill", "case": "legal_case", "statute": "legislation",
    "hearing": "bill", "presentation": "speech", "map": "map", "interview": "interview",
    "manuscript": "manuscript", "talk": "speech", "encyclopediaarticle": "entry-encyclopedia",
}

#: CSL type -> BibTeX entry type for records written from scratch
CSL_TO_TYPE: dict[str, str] = {
    "article": "article", "article-journal": "article", "article-magazine": "article",
    "article-newspaper": "article", "review": "article", "review-book": "article",
    "book": "book", "chapter": "incollection", "entry": "incollection",
    "entry-dictionary": "inreference", "entry-encyclopedia": "inreference",
    "paper-conference": "inproceedings", "report": "techreport", "thesis": "phdthesis",
    "manuscript": "unpublished", "webpage": "online", "post": "online", "post-weblog": "online",
    "patent": "patent", "dataset": "dataset", "software": "software", "standard": "standard",
    "motion_picture": "video", "broadcast": "video", "song": "audio", "graphic": "artwork",
    "personal_communication": "letter", "legislation": "legislation", "bill": "legislation",
    "legal_case": "jurisdiction", "pamphlet": "booklet", "speech": "misc", "map": "misc",
    "interview": "misc", "musical_score": "misc", "treaty": "misc", "document": "misc",
}

#: entry types plain BibTeX styles know; writing with ``zotero=True`` stays inside
#: the set Zotero's BibTeX importer recognises.
ZOTERO_TYPES: dict[str, str] = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "article": "article", "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished", "webpage": "online",
    "patent": "patent", "personal_communication": "letter", "motion_picture": "movie",
    "graphic": "artwork", "legislation": "legislation", "legal_case": "jurisdiction",
    "song": "audio", "software": "software", "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference", "pamphlet": "booklet",
}

KNOWN_TYPES = frozenset(TYPE_TO_CSL)

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
#: the journal macros BibTeX's standard styles (plain.bst and its family) predefine
JOURNAL_MACROS: dict[str, str] = {
    "acmcs": "ACM Computing Surveys", "acta": "Acta Informatica",
    "cacm": "Communications of the ACM", "ibmjrd": "IBM Journal of Research and Development",
    "ibmsj": "IBM Systems Journal", "ieeese": "IEEE Transactions on Software Engineering",
    "ieeetc": "IEEE Transactions on Computers",
    "ieeetcad": "IEEE Transactions on Computer-Aided Design of Integrated Circuits",
    "ipl": "Information Processing Letters", "jacm": "Journal of the ACM",
    "jcss": "Journal of Computer and System Sciences", "scp": "Science of Computer Programming",
    "sicomp": "SIAM Journal on Computing", "tocs": "ACM Transactions on Computer Systems",
    "tods": "ACM Transactions on Database Systems", "tog": "ACM Transactions on Graphics",
    "toms": "ACM Transactions on Mathematical Software",
    "toois": "ACM Transactions on Office Information Systems",
    "toplas": "ACM Transactions on Programming Languages and Systems",
    "tcs": "Theoretical Computer Science",
}
#: BibTeX's predefined macros
DEFAULT_MACROS: dict[str, str] = {**dict(zip(MONTHS, MONTH_NAMES, strict=True)), **JOURNAL_MACROS}

_MONTH_LOOKUP: dict[str, int] = {}
for _i, (_abbr, _name) in enumerate(zip(MONTHS, MONTH_NAMES, strict=True), start=1):
    _MONTH_LOOKUP[_abbr] = _i
    _MONTH_LOOKUP[_name.lower()] = _i
    _MONTH_LOOKUP[str(_i)] = _i
    _MONTH_LOOKUP[f"{_i:02d}"] = _i
for _alias, _i in (("sept", 9), ("june", 6), ("july", 7), ("janv", 1), ("févr", 2), ("mars", 3),
                   ("avr", 4), ("mai", 5), ("juin", 6), ("juil", 7), ("août", 8), ("déc", 12),
                   ("märz", 3), ("okt", 10), ("dez", 12), ("januar", 1), ("februar", 2)):
    _MONTH_LOOKUP[_alias] = _i

#: biblatex/BibTeX language names -> BCP 47
LANGIDS = {
    "english": "en", "american": "en-US", "USenglish": "en-US", "british": "en-GB",
    "UKenglish": "en-GB", "australian": "en-AU", "canadian": "en-CA", "german": "de",
    "ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH",
    "nswissgerman": "de-CH", "french": "fr", "spanish": "es", "italian": "it", "latin": "la",
    "dutch": "nl", "portuguese": "pt", "brazilian": "pt-BR", "russian": "ru", "greek": "el",
    "polish": "pl", "czech": "cs", "swedish": "sv", "danish": "da", "norwegian": "nb",
    "finnish": "fi", "turkish": "tr", "hungarian": "hu", "catalan": "ca", "croatian": "hr",
    "slovene": "sl", "slovak": "sk", "ukrainian": "uk", "japanese": "ja", "chinese": "zh",
    "korean": "ko", "hebrew": "he", "arabic": "ar",
}

# -- fields ---------------------------------------------------------------------------------

#: fields whose values are verbatim (no LaTeX decoding)
VERBATIM_FIELDS = frozenset({"url", "doi", "file", "eprint", "pdf", "archiveurl", "urlraw",
                             "verba", "verbb", "verbc", "bdsk-url-1", "bdsk-url-2", "ids",
                             "crossref", "xdata", "key", "related", "entryset"})

#: name fields -> CSL name variables
NAME_FIELDS = {
    "author": "author", "editor": "editor", "translator": "translator",
    "bookauthor": "container-author", "director": "director", "composer": "composer",
    "illustrator": "illustrator", "interviewer": "interviewer", "recipient": "recipient",
    "reviewedauthor": "reviewed-author", "origauthor": "original-author",
}

#: plain text fields -> CSL variables (type-independent ones)
TEXT_FIELDS = {
    "shorttitle": "title-short", "volume": "volume", "volumes": "number-of-volumes",
    "edition": "edition", "publisher": "publisher", "address": "publisher-place",
    "location": "publisher-place", "pagetotal": "number-of-pages", "abstract": "abstract",
    "note": "note", "annote": "annote", "annotation": "annote", "keywords": "keyword",
    "isbn": "ISBN", "issn": "ISSN", "chapter": "chapter-number", "eventtitle": "event-title",
    "venue": "event-place", "version": "version", "pmid": "PMID", "pmcid": "PMCID",
    "shortjournal": "container-title-short", "journalabbrev": "container-title-short",
    "series": "collection-title", "issue": "issue", "copyright": "rights",
    "callnumber": "call-number", "archive": "archive", "library": "archive",
    "origtitle": "original-title", "medium": "medium", "howpublished": "medium",
    "type": "genre", "language": "language",
}
VERBATIM_VARS = {"doi": "DOI", "url": "URL"}

#: for every CSL variable, the BibTeX fields it may come from (a writer replaces these)
VAR_SOURCES: dict[str, tuple[str, ...]] = {
    "title": ("title", "subtitle", "titleaddon"),
    "container-title": ("journal", "journaltitle", "journalsubtitle", "booktitle", "booksubtitle",
                        "booktitleaddon"),
    "issued": ("year", "month", "day", "date"),
    "accessed": ("urldate", "lastchecked"),
    "original-date": ("origdate",),
    "event-date": ("eventdate",),
    "publisher": ("publisher", "institution", "school", "organization", "howpublished"),
    "publisher-place": ("address", "location"),
    "issue": ("number", "issue"),
    "number": ("number",),
    "collection-number": ("number",),
    "collection-title": ("series",),
    "page": ("pages",),
    "language": ("language", "langid"),
    "URL": ("url", "howpublished"),
    "DOI": ("doi",),
    "genre": ("type",),
    "keyword": ("keywords",),
    "annote": ("annote", "annotation"),
    "medium": ("howpublished", "medium"),
    "title-short": ("shorttitle",),
    "container-title-short": ("shortjournal", "journalabbrev"),
}
for _f, _v in {**NAME_FIELDS, **TEXT_FIELDS}.items():
    VAR_SOURCES.setdefault(_v, (_f,))

#: the field a writer uses for a CSL variable (first choice)
VAR_FIELD: dict[str, str] = {
    "title-short": "shorttitle", "volume": "volume", "number-of-volumes": "volumes",
    "edition": "edition", "publisher": "publisher", "publisher-place": "address",
    "number-of-pages": "pagetotal", "abstract": "abstract", "note": "note", "annote": "annote",
    "keyword": "keywords", "ISBN": "isbn", "ISSN": "issn", "chapter-number": "chapter",
    "event-title": "eventtitle", "event-place": "venue", "version": "version", "PMID": "pmid",
    "PMCID": "pmcid", "container-title-short": "shortjournal", "collection-title": "series",
    "issue": "number", "rights": "copyright", "call-number": "callnumber", "archive": "archive",
    "original-title": "origtitle", "medium": "howpublished", "genre": "type",
    "language": "language", "DOI": "doi", "URL": "url", "page": "pages", "title": "title",
    "number": "number", "collection-number": "number",
}

#: fields never inherited through crossref/xdata (biblatex's defaults)
NO_INHERIT = frozenset({"ids", "crossref", "xref", "xdata", "entryset", "entrysubtype",
                        "execute", "label", "options", "presort", "related", "relatedoptions",
                        "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey"})
#: biblatex's crossref renames: parent field -> child field, for container children
_TITLE_INHERIT = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
                  "shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None}
_MAIN_INHERIT = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_JOURNAL_INHERIT = {"title": "journaltitle", "subtitle": "journalsubtitle", "shorttitle": None}
_BOOK_PARENTS = {"book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
                 "mvproceedings", "mvreference"}


def inherit(child_type: str, child: dict[str, str], parent_type: str,
            parent: dict[str, str]) -> dict[str, str]:
    """The child's fields completed from a crossref parent, biblatex style.

    A parent's ``title`` fills the child's ``booktitle`` (``maintitle`` for
    multi-volume parents, ``journaltitle`` for periodicals); ``author`` of a
    book also fills ``bookauthor`` for an ``inbook``. Fields the child has win.
    """
    out = dict(child)
    if parent_type in ("mvbook", "mvcollection", "mvproceedings", "mvreference"):
        renames: dict[str, str | None] = dict(_MAIN_INHERIT)
    elif parent_type == "periodical":
        renames = dict(_JOURNAL_INHERIT)
    elif parent_type in _BOOK_PARENTS:
        renames = dict(_TITLE_INHERIT)
    else:
        renames = {}
    if parent_type in ("book", "mvbook") and child_type in ("inbook", "bookinbook", "suppbook"):
        renames["author"] = "bookauthor"
    for name, value in parent.items():
        if name in NO_INHERIT:
            continue
        target = renames.get(name, name) if name in renames else name
        if target is None:
            continue
        if not out.get(target, "").strip():  # an empty child field counts as absent
            out[target] = value
        if name != target and name == "author" and not out.get(name, "").strip():
            out[name] = value
    return out


# -- dates ----------------------------------------------------------------------------------

_ISO_RE = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.]+Z?)?\s*$")


def month_number(text: str) -> int | None:
    """1-12 for ``jan``, ``January``, ``1``, ``Jan.``; None when not a month."""
    key = text.strip().strip(".").lower()
    return _MONTH_LOOKUP.get(key)


def parse_iso(text: str) -> list[int] | None:
    m = _ISO_RE.match(text)
    if not m:
        return None
    parts = [int(m.group(1))]
    for g in (m.group(2), m.group(3)):
        if g is None:
            break
        parts.append(int(g))
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def date_from_text(text: str) -> dict[str, Any] | None:
    """A CSL date from a biblatex date (``2002-03-01``, ``1984/1986``) or free text."""
    text = text.strip()
    if not text:
        return None
    if "/" in text:
        a, _, b = text.partition("/")
        pa, pb = parse_iso(a) if a else None, parse_iso(b) if b else None
        if pa and (pb or not b):
            return {"date-parts": [pa, pb] if pb else [pa]}
    parts = parse_iso(text)
    if parts:
        return {"date-parts": [parts]}
    return {"literal": text}


#: month fields that name a season -> CSL season numbers (1 spring ... 4 winter)
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def date_from_fields(year: str | None, month: str | None, day: str | None) -> dict[str, Any] | None:
    if not year:
        return None
    y = year.strip()
    if not re.fullmatch(r"-?\d{1,4}", y):
        return {"literal": " ".join(x for x in (month, day, y) if x)} if y else None
    parts = [int(y)]
    if month:
        mnum = month_number(month)
        if mnum is None:
            # "10~" # jan (xampl.bib) gives "10 January": a day and a month
            m = re.search(r"[^\W\d_]+", month)
            mnum = month_number(m.group(0)) if m else None
            if mnum is None:
                season = _SEASONS.get(month.strip().lower())
                return {"date-parts": [parts], "season": season} if season else {"date-parts": [parts]}
            dm = re.search(r"(?<!\d)(\d{1,2})(?!\d)", month)
            if dm and not day:
                day = dm.group(1)
        parts.append(mnum)
        if day and re.fullmatch(r"[0-9]{1,2}", day.strip()) and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


def date_to_iso(value: Any) -> str:
    """A CSL date as biblatex date text (``2002-03-01``, ranges with ``/``)."""
    if not isinstance(value, dict):
        return str(value or "")
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        def one(p: list[Any]) -> str:
            bits = [str(p[0])]
            for x in p[1:3]:
                bits.append(f"{int(x):02d}" if str(x).isdigit() else str(x))
            return "-".join(bits)
        return "/".join(one(p) for p in parts[:2] if isinstance(p, list) and p)
    return str(value.get("literal") or value.get("raw") or "")


# -- fields -> CSL --------------------------------------------------------------------------

def _join_title(title: str, sub: str | None, addon: str | None = None) -> str:
    out = title
    if sub:
        out = f"{out}: {sub}" if out and not out.endswith((":", "?", "!", ".")) else f"{out} {sub}".strip()
    if addon:
        out = f"{out}. {addon}" if out else addon
    return out


_URL_RE = re.compile(r"\\url\s*\{([^}]*)\}")


#: fields fields_to_csl reads besides NAME_FIELDS and TEXT_FIELDS (decoded, then combined)
_SPECIAL_FIELDS = frozenset({
    "title", "subtitle", "titleaddon", "journal", "journaltitle", "journalsubtitle", "booktitle",
    "booksubtitle", "booktitleaddon", "maintitle", "mainsubtitle", "number", "institution",
    "school", "organization", "pages", "langid", "year", "month", "day", "entrysubtype",
})
_DATE_FIELDS = {"date": "issued", "urldate": "accessed", "lastchecked": "accessed",
                "origdate": "original-date", "eventdate": "event-date"}
_CUSTOM_FIELDS = {f: k for k, f in CUSTOM_BIBTEX_FIELDS.items()}


def fields_to_csl(entry_type: str, fields: dict[str, str]) -> tuple[str, dict[str, Any], bool]:
    """CSL type and variables for an entry (field names lower-case, values LaTeX).

    Returns ``(csl_type, csl, others)`` where ``others`` says the author list
    ended with ``and others``. One pass over the entry's own fields (this runs
    for every entry of every file, so it avoids probing every possible field).
    """
    etype = entry_type.lower()
    csl_type = TYPE_TO_CSL.get(etype, "document")
    csl: dict[str, Any] = {}
    others = False
    sp: dict[str, str] = {}
    dates: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for name, raw in fields.items():
        var = NAME_FIELDS.get(name)
        if var is not None:
            if raw:
                names, more = parse_names(raw)
                if names:
                    csl[var] = names
                if more and name == "author":
                    others = True
            continue
        if name in _SPECIAL_FIELDS:
            value = _list_text(raw) if name in _LIST_FIELDS else decode(raw)
            if value:
                sp[name] = value
            continue
        var = TEXT_FIELDS.get(name)
        if var is not None:
            if var in csl:
                continue
            if name == "howpublished":
                m = _URL_RE.search(raw)
                if m or raw.strip().lower().startswith(("http://", "https://")):
                    dates.setdefault("URL", (m.group(1) if m else strip_braces(raw)).strip())
                    continue
            value = _list_text(raw) if name in _LIST_FIELDS else decode(raw)
            if value:
                csl[var] = value
            continue
        var = VERBATIM_VARS.get(name)
        if var is not None:
            value = strip_braces(raw).strip()
            if name == "doi":
                value = _DOI_PREFIX.sub("", value).replace("\\_", "_")
            elif "\\" in value:
                value = (value.replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
                         .replace("\\&", "&").replace("\\~", "~"))
            if value:
                csl[var] = value
            continue
        var = _DATE_FIELDS.get(name)
        if var is not None:
            if raw and var not in dates:
                d = date_from_text(decode(raw))
                if d:
                    dates[var] = d
            continue
        key = _CUSTOM_FIELDS.get(name)
        if key is not None and raw:
            value = strip_braces(raw).strip() if name == "archiveurl" else decode(raw)
            if value:
                custom[key] = value

    if "URL" in dates:
        csl.setdefault("URL", dates.pop("URL"))
    subtype = sp.get("entrysubtype", "").lower()
    if subtype:
        if etype == "article" and subtype in ("magazine", "newspaper"):
            csl_type = "article-" + subtype
        elif etype in ("misc", "online") and subtype in ("webpage", "blog"):
            csl_type = "webpage" if subtype == "webpage" else "post-weblog"

    if "title" in sp or "subtitle" in sp:
        full = _join_title(sp.get("title", ""), sp.get("subtitle"), sp.get("titleaddon"))
        if full:
            csl["title"] = full
    container = None
    if "journaltitle" in sp or "journal" in sp:
        container = _join_title(sp.get("journaltitle") or sp.get("journal") or "",
                                sp.get("journalsubtitle"))
    elif "booktitle" in sp and csl_type != "book":
        # a whole book has no container: the booktitle DBLP and others give @proceedings
        # repeats its title (kept as written in the raw fields)
        container = _join_title(sp["booktitle"], sp.get("booksubtitle"), sp.get("booktitleaddon"))
    elif "maintitle" in sp and csl_type in ("chapter", "paper-conference"):
        container = _join_title(sp["maintitle"], sp.get("mainsubtitle"))
    if container:
        csl["container-title"] = container
    if "maintitle" in sp and csl_type == "book" and "collection-title" not in csl:
        csl["collection-title"] = _join_title(sp["maintitle"], sp.get("mainsubtitle"))

    # number: issue of a journal, number of a report/patent, series number of a book
    number = sp.get("number")
    if number:
        if csl_type.startswith("article"):
            csl.setdefault("issue", number)
        elif csl_type in ("book", "chapter", "paper-conference"):
            csl["collection-number"] = number
        else:
            csl["number"] = number
    if "publisher" not in csl:
        publisher = sp.get("institution") or sp.get("school") or sp.get("organization")
        if publisher:
            csl["publisher"] = publisher
        elif "medium" in csl and csl_type in ("document", "pamphlet"):
            csl["publisher"] = csl.pop("medium")
    pages = sp.get("pages")
    if pages:
        csl["page"] = _PAGE_DASH.sub("-", pages)
    if "genre" in csl:
        csl["genre"] = GENRE_KEYS.get(csl["genre"].lower(), csl["genre"])
    if csl_type == "thesis" and "genre" not in csl:
        if etype == "phdthesis":
            csl["genre"] = "PhD thesis"
        elif etype == "mastersthesis":
            csl["genre"] = "Master's thesis"
    if "language" not in csl and "langid" in sp:
        langid = sp["langid"]
        csl["language"] = LANGIDS.get(langid, LANGIDS.get(langid.lower(), langid))

    issued = dates.pop("issued", None)
    if issued is None and "year" in sp:
        issued = date_from_fields(sp["year"], sp.get("month"), sp.get("day"))
    if issued:
        csl["issued"] = issued
    csl.update(dates)
    if custom:
        csl[CUSTOM] = custom
    return csl_type, csl, others


#: biblatex list fields: "A and B" is two publishers/places, written "A; B" in CSL
_LIST_FIELDS = frozenset({"publisher", "location", "institution", "organization", "school"})

#: biblatex localisation keys used in ``type`` fields -> the words they print
GENRE_KEYS = {
    "phdthesis": "PhD thesis", "mathesis": "Master's thesis", "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis", "bathesis": "Bachelor's thesis", "techreport": "Technical report",
    "resreport": "Research report", "software": "Computer software", "datacd": "CD-ROM",
    "audiocd": "Audio CD", "patent": "Patent", "patentus": "U.S. patent", "patentde": "German patent",
    "patenteu": "European patent", "patentfr": "French patent", "patentuk": "British patent",
}


def _list_text(raw: str) -> str:
    """A biblatex list field as text: items split at a top-level ``and``, joined by "; "."""
    if " and " not in raw and not re.search(r"\sand\s", raw):
        return decode(raw)
    from refs.names import split_names

    return "; ".join(v for v in (decode(p) for p in split_names(raw)) if v)


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_PAGE_DASH = re.compile(r"\s*[–—]+\s*|\s*-+\s*")


def aliases_from_ids(raw: str | None) -> list[str]:
    """The keys of a biblatex ``ids`` field."""
    if not raw:
        return []
    return [k.strip() for k in strip_braces(raw).split(",") if k.strip()]


# -- CSL -> fields ----------------------------------------------------------------------------

#: order of fields in entries written from scratch
FIELD_ORDER = (
    "author", "editor", "bookauthor", "translator", "title", "shorttitle", "journal", "journaltitle",
    "booktitle", "eventtitle", "series", "edition", "volume", "number", "pages", "chapter",
    "publisher", "institution", "school", "organization", "address", "year", "month", "day", "date",
    "type", "doi", "isbn", "issn", "pmid", "url", "urldate", "archiveurl", "archivedate",
    "urlstatus", "language", "keywords", "abstract", "note",
)
_ORDER_INDEX = {f: i for i, f in enumerate(FIELD_ORDER)}

#: kinds of written values: how the writer escapes them
NAMES, TITLE, TEXT, VERBATIM = "names", "title", "text", "verbatim"

_TITLE_FIELDS = frozenset({"title", "booktitle", "shorttitle", "series", "eventtitle", "maintitle",
                           "origtitle"})


def publisher_field(entry_type: str) -> str:
    """Where BibTeX styles look for the publisher of this entry type."""
    return {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution",
            "manual": "organization"}.get(entry_type, "publisher")


def var_to_fields(var: str, value: Any, csl_type: str, entry_type: str,
                  prefer: dict[str, str] | None = None,
                  biblatex_dates: bool = False) -> list[tuple[str, Any, str]]:
    """BibTeX fields ``(name, value, kind)`` holding one CSL variable.

    ``prefer`` maps a CSL variable to the field name the original entry used
    (``journaltitle`` rather than ``journal``), so a rewritten value stays where
    the file's author had it. ``kind`` tells the writer how to escape it.
    """
    prefer = prefer or {}
    value = coerce_value(var, value)
    if value in (None, "", [], {}):
        return []
    if var in NAMES_BY_VAR:
        return [(prefer.get(var, NAMES_BY_VAR[var]), value, NAMES)]
    if var == "container-title":
        if csl_type.startswith("article") or csl_type in ("review", "review-book", "post-weblog"):
            name = prefer.get(var, "journal")
        else:
            name = prefer.get(var, "booktitle")
        return [(name, value, TEXT if name in ("journal", "journaltitle") else TITLE)]
    if var == "title":
        return [(prefer.get(var, "title"), value, TITLE)]
    if var == "issued":
        if biblatex_dates or prefer.get(var) == "date":
            return [("date", date_to_iso(value), TEXT)]
        all_parts = value.get("date-parts") if isinstance(value, dict) else None
        parts = all_parts[0] if isinstance(all_parts, list) and all_parts and \
            isinstance(all_parts[0], list) else []
        if not parts:
            text = (value.get("literal") or value.get("raw")) if isinstance(value, dict) else value
            return [("year", str(text), TEXT)] if text else []
        if len(all_parts) > 1:  # a range: only biblatex's date field holds it
            return [("date", date_to_iso(value), TEXT)]
        out: list[tuple[str, Any, str]] = [("year", str(parts[0]), TEXT)]
        try:
            month = int(parts[1]) if len(parts) > 1 else 0
        except (TypeError, ValueError):
            return [("date", date_to_iso(value), TEXT)]
        if 1 <= month <= 12:
            out.append(("month", MONTHS[month - 1], "macro"))
            if len(parts) > 2:
                out.append(("day", str(parts[2]), TEXT))
        elif value.get("season"):
            season = value["season"]
            names = {n: name.capitalize() for name, n in _SEASONS.items() if name != "fall"}
            out.append(("month", names.get(season, str(season)) if isinstance(season, int)
                        else str(season), TEXT))
        return out
    if var in ("accessed", "original-date", "event-date"):
        name = {"accessed": "urldate", "original-date": "origdate", "event-date": "eventdate"}[var]
        return [(prefer.get(var, name), date_to_iso(value), TEXT)]
    if var == "publisher":
        return [(prefer.get(var, publisher_field(entry_type)), value, TEXT)]
    if var == "issue":
        return [(prefer.get(var, "number"), value, TEXT)]
    if var == "page":
        return [("pages", re.sub(r"\s*[-–—]+\s*", "--", str(value)), TEXT)]
    if var == "genre" and csl_type == "thesis" and entry_type in ("phdthesis", "mastersthesis"):
        default = "PhD thesis" if entry_type == "phdthesis" else "Master's thesis"
        if value == default:
            return []
    if var == CUSTOM:
        out = []
        for key, fname in CUSTOM_BIBTEX_FIELDS.items():
            if value.get(key):
                out.append((fname, str(value[key]), VERBATIM if fname == "archiveurl" else TEXT))
        return out
    if var in ("DOI", "URL"):
        return [(prefer.get(var, VAR_FIELD[var]), str(value), VERBATIM)]
    field_name = prefer.get(var) or VAR_FIELD.get(var) or var.lower()
    kind = TITLE if field_name in _TITLE_FIELDS else TEXT
    if isinstance(value, (list, dict)):
        return []  # structured values without a BibTeX home (e.g. unknown name roles)
    return [(field_name, str(value), kind)]


NAMES_BY_VAR = {v: f for f, v in NAME_FIELDS.items()}
_DATE_VARS = frozenset({"issued", "accessed", "original-date", "event-date", "submitted"})


def coerce_value(var: str, value: Any) -> Any:
    """A value in the shape its CSL variable expects, or None (a stage may have stored
    a number, a bare string date or a list where text belongs; writing never fails)."""
    if value is None:
        return None
    if var in NAMES_BY_VAR:
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            return [n if isinstance(n, dict) else {"literal": str(n)} for n in value if n]
        return str(value)
    if var in _DATE_VARS:
        if isinstance(value, dict):
            return value
        return {"literal": str(value)} if str(value) else None
    if var == CUSTOM:
        return value if isinstance(value, dict) else None
    if isinstance(value, dict):
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
    return value if isinstance(value, str) else str(value)


def field_rank(name: str) -> int:
    """Position of a field in the conventional order (unknown fields last)."""
    return _ORDER_INDEX.get(name, len(FIELD_ORDER))


def csl_to_fields(csl_type: str, csl: dict[str, Any], entry_type: str,
                  biblatex_dates: bool = False) -> list[tuple[str, Any, str]]:
    """All BibTeX fields for a CSL item, in a conventional order."""
    out: list[tuple[str, Any, str]] = []
    for var, value in csl.items():
        out.extend(var_to_fields(var, value, csl_type, entry_type, biblatex_dates=biblatex_dates))
    seen: set[str] = set()
    unique = []
    for item in out:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    unique.sort(key=lambda f: _ORDER_INDEX.get(f[0], len(FIELD_ORDER)))
    return unique


def entry_type_for(csl_type: str, csl: dict[str, Any]) -> str:
    """The BibTeX entry type for a CSL type (a thesis's genre picks masters/phd)."""
    if csl_type == "thesis":
        genre = str(csl.get("genre", "")).lower()
        if "master" in genre or "msc" in genre or "m.a." in genre:
            return "mastersthesis"
        return "phdthesis"
    if csl_type == "book" and csl.get("editor") and not csl.get("author") and csl.get("event-title"):
        return "proceedings"
    return CSL_TO_TYPE.get(csl_type, "misc")
