"""RIS in and out: the tagged format every reference manager and database exports.

A record is a run of ``TG  - value`` lines from ``TY`` to ``ER``. The reader accepts
what real files contain: CRLF or LF, a byte-order mark, values continued on following
lines (abstracts, notes), one space too few or too many around the hyphen, a missing
``ER`` (reported as a warning), and the older tags (``T1``, ``JF``, ``Y1``, ``N2``...).
Lines outside a record are reported with their line numbers and skipped.

The mapping follows the RIS specification and the conventions of Zotero's RIS
translator (the de facto reference): see :data:`RIS_TO_CSL` and :data:`CSL_TO_RIS` for
types and :func:`_apply` / :func:`record_lines` for fields. What has no CSL variable
(unknown tags, extra URLs, a ``TY`` that maps to a CSL type shared with other ``TY``
values) is kept in the record's ``custom["ris"]``, so RIS -> refs -> RIS keeps every
value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from refs.io.csljson import report_duplicates
from refs.keys import assign_keys
from refs.model import CUSTOM, Library, Name, Origin, Record, Report

FORMAT = "ris"
CUSTOM_RIS = "ris"

#: RIS reference types -> CSL types.
RIS_TO_CSL: dict[str, str] = {
    "ABST": "article-journal", "ADVS": "motion_picture", "AGGR": "dataset", "ANCIENT": "manuscript",
    "ART": "graphic", "BILL": "bill", "BLOG": "post-weblog", "BOOK": "book", "CASE": "legal_case",
    "CHAP": "chapter", "CHART": "graphic", "CLSWK": "book", "COMP": "software",
    "CONF": "paper-conference", "CPAPER": "paper-conference", "CTLG": "book", "DATA": "dataset",
    "DBASE": "dataset", "DICT": "entry-dictionary", "EBOOK": "book", "ECHAP": "chapter",
    "EDBOOK": "book", "EJOUR": "article-journal", "ELEC": "webpage", "ENCYC": "entry-encyclopedia",
    "EQUA": "document", "FIGURE": "graphic", "GEN": "document", "GOVDOC": "report",
    "GRANT": "document", "GRNT": "document", "HEAR": "bill", "ICOMM": "personal_communication",
    "INPR": "article", "JFULL": "article-journal", "JOUR": "article-journal", "LEGAL": "legislation",
    "MANSCPT": "manuscript", "MAP": "map", "MGZN": "article-magazine", "MPCT": "motion_picture",
    "MULTI": "motion_picture", "MUSIC": "musical_score", "NEWS": "article-newspaper",
    "PAMP": "pamphlet", "PAT": "patent", "PCOMM": "personal_communication", "RPRT": "report",
    "SER": "book", "SLIDE": "speech", "SOUND": "song", "STAND": "standard", "STAT": "legislation",
    "THES": "thesis", "UNBILL": "bill", "UNPB": "manuscript", "UNPD": "manuscript",
    "VIDEO": "motion_picture", "WEB": "webpage",
}

#: CSL types -> the RIS type written (read back as the same CSL type).
CSL_TO_RIS: dict[str, str] = {
    "article": "INPR", "article-journal": "JOUR", "article-magazine": "MGZN",
    "article-newspaper": "NEWS", "bill": "BILL", "book": "BOOK", "broadcast": "MPCT",
    "chapter": "CHAP", "dataset": "DATA", "document": "GEN", "entry": "GEN",
    "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC", "graphic": "ART",
    "interview": "PCOMM", "legal_case": "CASE", "legislation": "STAT", "manuscript": "MANSCPT",
    "map": "MAP", "motion_picture": "MPCT", "musical_score": "MUSIC", "pamphlet": "PAMP",
    "paper-conference": "CONF", "patent": "PAT", "personal_communication": "PCOMM",
    "post": "ELEC", "post-weblog": "BLOG", "report": "RPRT", "review": "JOUR",
    "review-book": "JOUR", "software": "COMP", "song": "SOUND", "speech": "SLIDE",
    "standard": "STAND", "thesis": "THES", "treaty": "GEN", "webpage": "ELEC",
}

#: Simple one-to-one tags: RIS tag -> CSL variable (first value wins).
SIMPLE_TAGS: dict[str, str] = {
    "VL": "volume", "VO": "volume", "IS": "issue", "CP": "issue", "M1": "number", "PB": "publisher",
    "CY": "publisher-place", "PP": "publisher-place", "ET": "edition", "LA": "language",
    "M3": "genre", "ST": "title-short", "AN": "archive_location", "CN": "call-number",
    "DB": "archive", "DP": "source", "NV": "number-of-volumes", "SE": "section",
    "T3": "collection-title", "N1": "note", "AB": "abstract", "N2": "abstract",
    "J2": "container-title-short", "JA": "container-title-short", "J1": "container-title-short",
    "OP": "original-title",
}

#: Written order of the simple tags (one tag per variable).
WRITE_SIMPLE: tuple[tuple[str, str], ...] = (
    ("T3", "collection-title"), ("VL", "volume"), ("NV", "number-of-volumes"), ("IS", "issue"),
    ("M1", "number"), ("SE", "section"), ("ET", "edition"), ("PB", "publisher"),
    ("CY", "publisher-place"), ("M3", "genre"), ("LA", "language"), ("ST", "title-short"),
    ("J2", "container-title-short"), ("OP", "original-title"), ("AN", "archive_location"),
    ("CN", "call-number"), ("DB", "archive"), ("DP", "source"),
)

NAME_TAGS = {"AU": "author", "A1": "author", "A2": "editor", "ED": "editor",
             "A3": "collection-editor", "A4": "translator"}
TITLE_TAGS = ("TI", "T1", "CT")
JOURNAL_TAGS = ("JF", "JO", "T2", "BT")
DATE_TAGS = ("DA", "PY", "Y1")
#: Types whose ``T2`` is a series title (Zotero and the RIS spec), not a container.
SERIES_T2_TYPES = {"BOOK", "EBOOK", "EDBOOK", "CLSWK", "SER", "RPRT", "GOVDOC", "COMP", "MAP"}
BOOKISH = {"book", "chapter", "thesis", "report", "paper-conference", "entry-encyclopedia",
           "entry-dictionary", "pamphlet", "manuscript", "standard"}

_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_LOOSE_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: +-|-(?= |$)) *(.*)$")
_DOI_ONLY = re.compile(r"^\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,}/\S+\s*$", re.I)
_TAG_NAME = re.compile(r"^[A-Z][A-Z0-9]$")
_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")
_ISBN = re.compile(r"^(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]$")
#: every tag the specification or common exporters use (others still round-trip)
KNOWN_TAGS = frozenset(
    "TY ER ID AU A1 A2 A3 A4 AB AD AN AV BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CP CT CY DA DB DO DP ED"
    " EP ET IS J1 J2 JA JF JO KW L1 L2 L3 L4 LA LB LK M1 M2 M3 N1 N2 NV OP PB PP PY RI RN RP SE"
    " SN SP ST T1 T2 T3 TA TI TT U1 U2 U3 U4 U5 UR VL VO Y1 Y2".split()
)


# -- reading ---------------------------------------------------------------------------

def loads(text: str, source: str = "") -> tuple[Library, Report]:
    """Read RIS text into a :class:`Library`; problems go to the report with line numbers."""
    report = Report(stage="read")
    library = Library(source=source, format=FORMAT)
    text = text.lstrip("\ufeff")
    if not text.strip():
        report.problem("empty input: no records", file=source, line=1, severity="warning")
        report.summary["records"] = 0
        return library, report
    records = [_record(tags, start, report, source) for start, tags in _entries(text, report, source)]
    assign_keys(records)
    report_duplicates(records, report, source)
    library.records = records
    report.summary["records"] = len(records)
    return library, report


def _entries(text: str, report: Report, source: str) -> Iterator[tuple[int, list[tuple[str, str, int]]]]:
    """(first line, [(tag, value, line)]) per record; continuation lines joined with newlines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tags: list[tuple[str, str, int]] | None = None
    start = 0
    stray_from: int | None = None
    stray_count = 0
    stray_tags = False
    blank_pending = False

    def flush_stray(upto: int) -> None:
        """Report a run of lines outside any record: tag lines mean a lost record."""
        nonlocal stray_from, stray_count, stray_tags
        if stray_from is not None:
            lines_ = "" if stray_count == 1 else f"lines {stray_from}-{upto}: "
            if stray_tags:
                report.problem(f"{lines_}tags outside a record (no 'TY  - ' line before them); "
                               "skipped", file=source, line=stray_from)
                report.skipped += 1
            else:
                report.problem(f"{lines_}text outside a record ignored", file=source,
                               line=stray_from, severity="warning")
            stray_from = None
            stray_count = 0
            stray_tags = False

    for number, line in enumerate(lines, start=1):
        m = _TAG.match(line)
        if m is None:
            loose = _LOOSE_TAG.match(line)
            if loose and loose.group(1) in KNOWN_TAGS:
                report.problem(f"malformed tag line {line[:20]!r} (expected 'TG  - value'); read as "
                               f"{loose.group(1)}", file=source, line=number, severity="warning")
                m = loose
        if m is not None:
            tag, value = m.group(1), m.group(2).strip()
            if tag == "TY":
                flush_stray(number - 1)
                if tags is not None:
                    report.problem("record has no 'ER  - ' line; ended at the next 'TY'",
                                   file=source, line=start, severity="warning")
                    yield start, tags
                tags = [(tag, value, number)]
                start = number
                blank_pending = False
            elif tag == "ER":
                if tags is None and stray_tags:
                    stray_count += 1  # the end of a record that lacks its TY line
                    flush_stray(number)
                elif tags is None:
                    report.problem("'ER' without a record before it", file=source, line=number,
                                   severity="warning")
                else:
                    yield start, tags
                tags = None
            elif tags is None:
                if stray_from is None:
                    stray_from = number
                stray_count += 1
                stray_tags = True
            else:
                tags.append((tag, value, number))
                blank_pending = False
            continue
        stripped = line.strip()
        if not stripped:
            if tags is not None:
                blank_pending = True
            continue
        if tags is None:
            if stray_from is None:
                stray_from = number
            stray_count += 1
            continue
        # continuation of the previous value
        tag, value, at = tags[-1]
        sep = "\n\n" if blank_pending else "\n"
        tags[-1] = (tag, f"{value}{sep}{stripped}" if value else stripped, at)
        blank_pending = False
    flush_stray(len(lines))
    if tags is not None:
        report.problem("record has no 'ER  - ' line at the end of the file", file=source, line=start,
                       severity="warning")
        yield start, tags


def _record(tags: list[tuple[str, str, int]], start: int, report: Report, source: str) -> Record:
    ty = tags[0][1].strip().upper()
    csl_type = RIS_TO_CSL.get(ty)
    extra: list[list[str]] = []
    if csl_type is None:
        report.problem(f"unknown RIS type {ty!r}; read as a generic document", file=source, line=start,
                       severity="warning")
        csl_type = "document"
    record = Record(id="", type=csl_type, origin=Origin(format=FORMAT, file=source, line=start))
    state: dict[str, Any] = {"pages": [], "dates": {}, "journal": {}, "keywords": [], "sn": []}
    for tag, value, _line in tags[1:]:
        if not value:
            continue
        if not _apply(record, ty, tag, value, state):
            extra.append([tag, value])
    _finish(record, ty, state, extra)
    bag: dict[str, Any] = {}
    if CSL_TO_RIS.get(csl_type) != ty:
        bag["type"] = ty
    if extra:
        bag["tags"] = extra
    if bag:
        record.set_custom(CUSTOM_RIS, bag)
    return record


def _apply(record: Record, ty: str, tag: str, value: str, state: dict[str, Any]) -> bool:
    """Put one tag's value into the record; False when it must be kept verbatim instead."""
    csl = record.csl
    if tag in NAME_TAGS:
        var = NAME_TAGS[tag]
        # one name per line, but some web exports put "Smith, J.; Jones, K." on one
        parts = value.split(";")
        if len(parts) == 1 or not all("," in p for p in parts if p.strip()):
            parts = [value]
        for part in parts:
            if part.strip():
                csl.setdefault(var, []).append(parse_name(part))
        return True
    if tag == "M3" and _DOI_ONLY.match(value):
        return _set_once(csl, "DOI", clean_doi(value))  # EndNote puts DOIs in M3
    if tag in TITLE_TAGS:
        return _set_once(csl, "title", _one_line(value))
    if tag in JOURNAL_TAGS:
        if tag in state["journal"]:
            return False  # a second value of the same tag is kept verbatim
        state["journal"][tag] = _one_line(value)
        return True
    if tag in ("SP", "EP"):
        state["pages"].append((tag, _one_line(value)))
        return True
    if tag in DATE_TAGS:
        if tag in state["dates"]:
            return False
        state["dates"][tag] = value
        return True
    if tag == "Y2":
        parts = parse_ris_date(value)
        if parts and "accessed" not in csl:
            csl["accessed"] = {"date-parts": [parts]}
            return True
        return False
    if tag == "KW":
        state["keywords"].extend(k.strip() for k in re.split(r"[\n;]", value) if k.strip())
        return True
    if tag == "SN":
        state["sn"].append(_one_line(value))
        return True
    if tag == "DO":
        return _set_once(csl, "DOI", clean_doi(value))
    if tag == "UR":
        urls = value.split()
        if not urls or "URL" in csl:
            return False
        csl["URL"] = urls[0]
        return len(urls) == 1
    if tag == "ID":
        if record.id:
            return False
        record.id = _one_line(value)
        return True
    var = SIMPLE_TAGS.get(tag)
    if var is None:
        return False
    keep_lines = var in ("note", "abstract")
    return _set_once(csl, var, value if keep_lines else _one_line(value))


def _set_once(csl: dict[str, Any], var: str, value: str) -> bool:
    if not value:
        return True
    if var in csl:
        return csl[var] == value  # a second, different value is kept verbatim
    csl[var] = value
    return True


def _finish(record: Record, ty: str, state: dict[str, Any], extra: list[list[str]]) -> None:
    csl = record.csl
    # container: JF (full journal name) > T2 > JO; books and reports: T2 is the series
    # and BT the work they belong to (BT is the book itself when there is no TI)
    journal: dict[str, str] = state["journal"]
    t2_is_series = ty in SERIES_T2_TYPES
    if "BT" in journal and "title" not in csl and t2_is_series:
        csl["title"] = journal.pop("BT")
    order = ["JF", "JO", "BT"] if t2_is_series else ["JF", "T2", "JO", "BT"]
    chosen = next((t for t in order if t in journal), None)
    container = journal[chosen] if chosen else None
    if container:
        csl["container-title"] = container
    for tag, value in journal.items():
        if tag == chosen:
            continue
        if tag == "T2" and t2_is_series:
            if not _set_once(csl, "collection-title", value):
                extra.append([tag, value])
        elif tag == "JO" and "container-title-short" not in csl:
            csl["container-title-short"] = value
        elif tag == "BT" and value == csl.get("title"):
            continue
        else:
            extra.append([tag, value])
    # pages
    sp = next((v for t, v in state["pages"] if t == "SP"), "")
    ep = next((v for t, v in state["pages"] if t == "EP"), "")
    if sp and ep and not re.search(r"[-–—]", sp):
        csl["page"] = f"{sp}-{ep}"
    elif sp or ep:
        csl["page"] = sp or ep
    for tag, value in state["pages"][2:]:
        extra.append([tag, value])
    # dates: DA (full) > Y1 > PY, unless they disagree on the year
    _dates(record, state["dates"], extra)
    if state["keywords"]:
        csl["keyword"] = ", ".join(state["keywords"])
    for value in state["sn"]:
        _standard_number(record, ty, value, extra)


_RIS_DATE = re.compile(r"^(-?\d{1,4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?$")


def _date_kind(value: str, parts: list[int] | None) -> str:
    """``plain`` (just the date, as refs writes it), ``other`` (RIS ``YYYY/MM/DD/other``
    with text after the date) or ``literal`` (any other text, e.g. ``1983/84``)."""
    text = value.strip()
    bits = [b for b in re.split(r"[/-]", text.rstrip("/"))]
    if parts and all(b.isdigit() for b in bits) and [int(b) for b in bits] == parts:
        return "plain"
    m = _RIS_DATE.match(text)
    if m and parts and m.group(4) and m.group(4).strip():
        return "other"
    return "literal"


def _dates(record: Record, dates: dict[str, str], extra: list[list[str]]) -> None:
    """issued from DA (full date) > Y1 > PY. A date refs cannot read as parts becomes a
    literal date when it says more than the year; RIS "other info" is kept verbatim."""
    parsed = {tag: parse_ris_date(v) for tag, v in dates.items()}
    kind = {tag: _date_kind(v, parsed[tag]) for tag, v in dates.items()}
    best: list[int] | None = None
    for tag in ("DA", "Y1", "PY"):
        p = parsed.get(tag)
        if p and kind[tag] != "literal" and (best is None or (len(p) > len(best) and p[0] == best[0])):
            best = p
    literal = next((dates[t].strip() for t in ("DA", "Y1", "PY") if t in dates and kind[t] == "literal"
                    and (best is None or (len(best) == 1 and str(best[0]) in dates[t]))),
                   None)
    if literal is not None:
        record.csl["issued"] = {"literal": literal}
    elif best:
        record.csl["issued"] = {"date-parts": [best]}
    for tag, value in dates.items():
        if value.strip() == literal:
            continue
        p = parsed.get(tag)
        if kind[tag] != "plain" or (p and best and p != best[: len(p)]):
            extra.append([tag, value])


def _standard_number(record: Record, ty: str, value: str, extra: list[list[str]]) -> None:
    csl = record.csl
    bits = [b for b in re.split(r"[\s;,]+", value) if b]
    for bit in bits or [value]:
        compact = bit.strip("()")
        if _ISSN.match(compact):
            var = "ISSN"
        elif _ISBN.match(compact):
            var = "ISBN"
        else:
            var = "ISBN" if record.type in BOOKISH else ("number" if ty in ("RPRT", "PAT") else "ISSN")
        if var in csl and csl[var] != bit:
            if var in ("ISBN", "ISSN"):
                csl[var] = f"{csl[var]} {bit}"
            else:
                extra.append(["SN", bit])
        else:
            csl[var] = bit


_DATE_START = re.compile(r"^(-?\d{1,4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:[/-T ].*)?$")


def parse_ris_date(value: str) -> list[int] | None:
    """``2002``, ``2002/05/01``, ``2002/05//spring``, ``2002-05-01``, ``2002///`` -> date parts
    (invalid months and days are left out)."""
    m = _DATE_START.match(value.strip())
    if not m:
        return None
    parts = [int(m.group(1))]
    month, day = m.group(2), m.group(3)
    if month and 1 <= int(month) <= 12:
        parts.append(int(month))
        if day and 1 <= int(day) <= 31:
            parts.append(int(day))
    return parts


def clean_doi(value: str) -> str:
    text = _one_line(value)
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.I)
    return text


_BLANKS = re.compile(r"[ \t\r\n]+")


def _one_line(value: str) -> str:
    """Continuation lines and runs of blanks -> one space (thin and no-break spaces kept)."""
    return _BLANKS.sub(" ", value).strip()


_PARTICLE = re.compile(r"^((?:(?:[a-z]+|d'|l')\s+)+)(.+)$")


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]`` (the RIS form) -> CSL name; no comma -> a literal name.

    Lower-case words before the family name are its particle (``van der Berg``), as
    BibTeX and citeproc-js treat them; trailing lower-case words of the given name are
    the dropping particle (``Beethoven, Ludwig van``)."""
    text = _one_line(text)
    if "," not in text:
        return _comma_free_name(text)
    family, _, rest = text.partition(",")
    given, _, suffix = rest.partition(",")
    family, given, suffix = family.strip(), given.strip(), suffix.strip()
    name: Name = {}
    m = _PARTICLE.match(family)
    if m and m.group(2)[:1].isupper():
        name["non-dropping-particle"] = m.group(1).strip()
        family = m.group(2)
    name["family"] = family
    g = re.match(r"^(.*?\S)\s+((?:(?:[a-z]+)\s*)+)$", given)
    if g and not g.group(1).endswith(".") and g.group(2).strip() in _DROPPING:
        given = g.group(1)
        name["dropping-particle"] = g.group(2).strip()
    if given:
        name["given"] = given
    if suffix:
        name["suffix"] = suffix
    if not family:
        return {"literal": text.strip(", ")}
    return name


_INITIALS_FIRST = re.compile(
    r"^((?:[A-Z]\.(?:\s?-?[A-Z]\.)*\s+)+)"  # initials: "J. R. ", "A.-M. "
    r"((?:[a-z]+\s+)*)"  # particle: "van der "
    r"([A-Z][^\s.]*(?:-[A-Z][^\s.]*)?)$"  # one family name, perhaps hyphenated
)


_CORPORATE = frozenset(
    "army navy department office agency council committee bank institute organization organisation"
    " association society university corporation commission group ministry government congress"
    " senate court bureau service center centre foundation union press staff team".split()
)


def _comma_free_name(text: str) -> Name:
    """A name without a comma: ``J. R. Smith`` (IEEE and others write authors so) is a
    person; anything else (``World Health Organization``, ``John Smith``) stays one
    literal name, as Zotero's RIS importer keeps it whole."""
    m = _INITIALS_FIRST.match(text)
    if not m or m.group(3).lower() in _CORPORATE:
        return {"literal": text}
    name: Name = {}
    if m.group(2).strip():
        name["non-dropping-particle"] = m.group(2).strip()
    name["family"] = m.group(3)
    name["given"] = m.group(1).strip()
    return name


_DROPPING = frozenset("van von de der den del della di da du la le ten ter van der von der de la".split()
                      + ["van der", "von der", "de la", "van den", "van de"])


def format_name(name: Name) -> str:
    """A CSL name in the RIS form ``Family, Given, Suffix`` (literal names as they are)."""
    if name.get("literal"):
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle", ""), name.get("family", "")) if p)
    given = " ".join(p for p in (name.get("given", ""), name.get("dropping-particle", "")) if p)
    text = family
    if given or name.get("suffix"):
        text += ", " + given
    if name.get("suffix"):
        text += ", " + name["suffix"]
    return text


# -- writing ---------------------------------------------------------------------------

def dumps(library: Library | list[Record], *, newline: str = "\r\n", ids: bool = True,
          **_: Any) -> str:
    """RIS text, one ``TY``...``ER`` block per record, CRLF line ends as the spec says.

    ``ids`` writes each record's citation key as ``ID`` so keys survive a round trip."""
    records = library.records if isinstance(library, Library) else list(library)
    return "".join(dump_chunks(records, newline=newline, ids=ids))


def dump_chunks(records: Iterable[Record], *, newline: str = "\r\n", ids: bool = True,
                **_: Any) -> Iterator[str]:
    """:func:`dumps` piece by piece, the records taken one at a time as they come: a
    block per record, a blank line between two."""
    for i, record in enumerate(records):
        text = ("\n" if i else "") + "\n".join(f"{tag}  - {value}" for tag, value in
                                               record_lines(record, ids=ids)) + "\n"
        yield text.replace("\n", newline) if newline != "\n" else text


def record_lines(record: Record, ids: bool = True) -> list[tuple[str, str]]:
    """The (tag, value) lines of one record, ``TY`` first and ``ER`` last."""
    csl = record.csl
    bag = record.custom(CUSTOM_RIS) or {}
    ty = bag.get("type") if isinstance(bag, dict) and bag.get("type") else CSL_TO_RIS.get(record.type, "GEN")
    lines: list[tuple[str, str]] = [("TY", ty)]
    if ids and record.id:
        lines.append(("ID", record.id))
    if csl.get("title"):
        lines.append(("TI", _flat(csl["title"])))
    for var, tag in (("author", "AU"), ("editor", "A2"), ("collection-editor", "A3"),
                     ("translator", "A4")):
        for name in csl.get(var) or []:
            if isinstance(name, dict):
                lines.append((tag, format_name(name)))
    series_t2 = ty in SERIES_T2_TYPES
    if csl.get("container-title"):
        # books and reports: T2 is the series (RIS spec, Zotero), so the container is BT
        lines.append(("BT" if series_t2 else "T2", _flat(csl["container-title"])))
    for tag, var in WRITE_SIMPLE:
        value = csl.get(var)
        if value:
            lines.append(("T2" if series_t2 and tag == "T3" else tag, _flat(value)))
    page = str(csl.get("page") or "")
    if page:
        m = re.match(r"^\s*([^\s,–—-]+)\s*[-–—]+\s*([^\s,–—-]+)\s*$", page)
        if m:
            lines += [("SP", m.group(1)), ("EP", m.group(2))]
        else:
            lines.append(("SP", page))
    issued = csl.get("issued")
    if isinstance(issued, dict):
        parts = (issued.get("date-parts") or [[]])[0]
        if parts:
            lines.append(("PY", str(parts[0])))
            if len(parts) > 1:
                lines.append(("DA", "/".join(f"{p:02d}" if i else f"{p:04d}" if p >= 0 else str(p)
                                             for i, p in enumerate(parts))))
        elif issued.get("literal") or issued.get("raw"):
            text = str(issued.get("literal") or issued.get("raw"))
            year = re.search(r"\b(\d{4})\b", text)
            if year:
                lines.append(("PY", year.group(1)))
            lines.append(("DA", text))
    accessed = csl.get("accessed")
    if isinstance(accessed, dict) and accessed.get("date-parts"):
        parts = accessed["date-parts"][0]
        lines.append(("Y2", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    for var in ("ISBN", "ISSN"):
        if csl.get(var):
            for bit in re.split(r"[\s,;]+", str(csl[var])):
                if bit:
                    lines.append(("SN", bit))
    if csl.get("DOI"):
        lines.append(("DO", str(csl["DOI"])))
    for url in str(csl.get("URL") or "").split():
        lines.append(("UR", url))
    if csl.get("abstract"):
        lines.append(("AB", str(csl["abstract"])))
    if csl.get("note"):
        lines.append(("N1", str(csl["note"])))
    if csl.get("keyword"):
        for kw in re.split(r"\s*[,;]\s*", str(csl["keyword"])):
            if kw:
                lines.append(("KW", kw))
    if isinstance(bag, dict):
        for entry in bag.get("tags") or []:
            if isinstance(entry, (list, tuple)) and len(entry) == 2 and _TAG_NAME.match(str(entry[0])):
                lines.append((entry[0], str(entry[1])))
    lines.append(("ER", ""))
    return lines


def _flat(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return _one_line(str(value))


__all__ = ["CSL_TO_RIS", "RIS_TO_CSL", "dumps", "format_name", "loads", "parse_name", "record_lines",
           "CUSTOM"]
