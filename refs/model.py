"""The one record model every stage of refs reads and writes.

A :class:`Record` is a CSL-JSON item (the vocabulary citeproc and Zotero speak) plus
what CSL has no place for: where the record came from, the original BibTeX entry
(type, raw fields in order) so that writing back loses nothing, old citation keys
kept as aliases, and a provenance map saying which stage set which field.

A :class:`Library` is an ordered list of records plus the non-record blocks of a
BibTeX file (``@string``, ``@preamble``, ``@comment`` and free text between
entries), each block remembering how many records preceded it so that writers can
put it back where it was.

Every stage is a plain function ``stage(records, ...) -> (records, Report)``. A
:class:`Report` is JSON-serialisable data; stages never print and never exit.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: CSL-JSON name variables (lists of name dicts).
NAME_VARIABLES = (
    "author",
    "editor",
    "translator",
    "container-author",
    "collection-editor",
    "composer",
    "director",
    "editorial-director",
    "illustrator",
    "interviewer",
    "original-author",
    "recipient",
    "reviewed-author",
)

#: CSL-JSON date variables (``{"date-parts": [[y, m, d]]}`` or ``{"raw": ...}``).
DATE_VARIABLES = ("issued", "accessed", "event-date", "original-date", "submitted")

#: The CSL item types refs produces and understands.
CSL_TYPES = (
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "graphic",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "personal_communication",
    "post",
    "post-weblog",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
)

#: Conventions for what CSL-JSON has no variable for. They live in the item's
#: ``custom`` object (CSL-JSON 1.0.2), are written to BibTeX as the field on the
#: right, and to Wikipedia templates as ``|archive-url=`` etc.
CUSTOM = "custom"
ARCHIVE_URL = "archive-url"  # BibTeX: archiveurl
ARCHIVE_DATE = "archive-date"  # ISO date string; BibTeX: archivedate
URL_STATUS = "url-status"  # "live" | "dead"; BibTeX: urlstatus
CUSTOM_BIBTEX_FIELDS = {ARCHIVE_URL: "archiveurl", ARCHIVE_DATE: "archivedate", URL_STATUS: "urlstatus"}

#: Name parts as CSL-JSON spells them.
NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")

Name = dict[str, str]
"""A CSL-JSON name: ``{"family", "given", "non-dropping-particle", "dropping-particle",
"suffix"}`` or ``{"literal"}`` for an institution that must stay one name."""


@dataclass(frozen=True)
class Provenance:
    """Who set a field: the stage, the source (a file, ``crossref:10.x/y``), how sure.
    A value: records may share one (a new note replaces it, never changes it)."""

    stage: str
    source: str = ""
    confidence: float | None = None


@dataclass
class Link:
    """A hyperlink found in a document: its target and the anchor's characters
    ``start:end`` in the :class:`SourceBlock` text (``-1`` when the link has no anchor there)."""

    url: str
    text: str = ""
    start: int = -1
    end: int = -1


@dataclass
class SourceBlock:
    """One piece of a document handed to the reference finder by a source reader.

    ``kind`` says how far the document already segmented it: ``"line"`` is a line of
    plain text (a reference may wrap over several, the finder joins them); ``"item"``
    is a list item, footnote or paragraph (the finder never joins two items, though
    one item may hold a reference and prose). A block with a ``record`` is already
    structured (a wikitext ``{{cite …}}`` template): the finder passes it through.
    ``links`` and ``italics`` (character spans of ``text``) are what the document
    knew about its text; ``line``/``where`` say where it was.
    """

    text: str
    kind: str = "line"
    line: int | None = None
    where: str = ""
    links: list[Link] = field(default_factory=list)
    italics: list[tuple[int, int]] = field(default_factory=list)
    record: Record | None = None


@dataclass(slots=True)
class Origin:
    """Where a record was read from. ``line`` is 1-based; ``text`` is the raw input
    (the reference string for parsed text, the entry for BibTeX) when known."""

    format: str = ""
    file: str = ""
    line: int | None = None
    text: str = ""
    #: a place in a document that has no lines: "page 3", "footnote 2", "section Further reading"
    where: str = ""


@dataclass
class BibtexSource:
    """The BibTeX entry a record was read from, kept so that writing back loses nothing.

    ``fields`` holds every field as ``(name, raw_value)`` in file order, the value
    exactly as written between the delimiters (braces included for ``{...}``, quotes
    for ``"..."``, bare for macros and numbers). ``decoded`` holds the CSL values the
    reader derived from those fields, so a writer can tell whether a stage changed a
    value (then it writes the new one) or not (then it writes the raw text back).
    """

    entry_type: str
    key: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    decoded: dict[str, Any] = field(default_factory=dict)
    #: the text between the previous block and this entry in the file (None: not read
    #: from a file), so an unchanged file is written back byte for byte
    before: str | None = None

    def get(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.fields:
            if k.lower() == lname:
                return v
        return None


@dataclass(slots=True)
class Record:
    """One bibliographic item.

    ``csl`` holds the CSL-JSON variables (everything but ``id`` and ``type``), with
    names as lists of :data:`Name` dicts and dates as CSL date objects. Use
    :meth:`to_csl` / :meth:`from_csl` to exchange full CSL-JSON items.
    """

    id: str
    type: str = "document"
    csl: dict[str, Any] = field(default_factory=dict)
    origin: Origin = field(default_factory=Origin)
    bibtex: BibtexSource | None = None
    aliases: list[str] = field(default_factory=list)
    provenance: dict[str, Provenance] = field(default_factory=dict)

    # -- field access -------------------------------------------------------------
    def get(self, var: str, default: Any = None) -> Any:
        if var == "id":
            return self.id
        if var == "type":
            return self.type
        return self.csl.get(var, default)

    def set(self, var: str, value: Any, stage: str = "", source: str = "",
            confidence: float | None = None) -> None:
        """Set a CSL variable and note its provenance (``stage`` empty: no note)."""
        if var == "id":
            self.id = str(value)
        elif var == "type":
            self.type = str(value)
        elif value is None or value == "" or value == []:
            self.csl.pop(var, None)
        else:
            self.csl[var] = value
        if stage:
            self.provenance[var] = Provenance(stage, source, confidence)

    def __contains__(self, var: str) -> bool:
        return var in ("id", "type") or bool(self.csl.get(var))

    def custom(self, key: str, default: Any = None) -> Any:
        """A value of the item's ``custom`` object (see :data:`ARCHIVE_URL` etc.)."""
        return (self.csl.get(CUSTOM) or {}).get(key, default)

    def set_custom(self, key: str, value: Any, stage: str = "", source: str = "") -> None:
        bag = self.csl.setdefault(CUSTOM, {})
        if value is None or value == "":
            bag.pop(key, None)
            if not bag:
                self.csl.pop(CUSTOM, None)
        else:
            bag[key] = value
        if stage:
            self.provenance[f"{CUSTOM}.{key}"] = Provenance(stage, source)

    @property
    def title(self) -> str:
        return str(self.csl.get("title", ""))

    @property
    def authors(self) -> list[Name]:
        return list(self.csl.get("author", []))

    @property
    def editors(self) -> list[Name]:
        return list(self.csl.get("editor", []))

    @property
    def year(self) -> int | None:
        return date_year(self.csl.get("issued"))

    # -- exchange -------------------------------------------------------------------
    def to_csl(self) -> dict[str, Any]:
        """The record as one CSL-JSON item (a fresh dict; ``id`` and ``type`` first)."""
        item: dict[str, Any] = {"id": self.id, "type": self.type}
        item.update(copy.deepcopy(self.csl))
        return item

    @classmethod
    def from_csl(cls, item: dict[str, Any], origin: Origin | None = None) -> Record:
        data = copy.deepcopy(item)
        rid = str(data.pop("id", "") or "")
        rtype = str(data.pop("type", "") or "document")
        return cls(id=rid, type=rtype, csl=data, origin=origin or Origin())

    def copy(self) -> Record:
        return copy.deepcopy(self)

    def to_dict(self) -> dict[str, Any]:
        """Everything the record holds, JSON-serialisable (for reports and debugging)."""
        return asdict(self)


BlockKind = Literal["string", "preamble", "comment", "text"]


@dataclass
class Block:
    """A non-record piece of a BibTeX file, kept for round trips.

    ``raw`` is the block exactly as written. ``position`` is the number of records
    that preceded it in the file: writers emit it just before record ``position``
    of the original order (or at the end). For ``string`` blocks ``name`` and
    ``value`` hold the macro (value decoded to Unicode).
    """

    kind: BlockKind
    raw: str
    position: int = 0
    name: str = ""
    value: str = ""
    line: int | None = None
    #: text between the previous block and this one in the file (see BibtexSource.before)
    before: str | None = None


@dataclass
class Library:
    """An ordered collection of records and the file-level blocks around them."""

    records: list[Record] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    source: str = ""
    format: str = ""

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.records)

    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}

    @property
    def strings(self) -> dict[str, str]:
        return {b.name: b.value for b in self.blocks if b.kind == "string"}


Severity = Literal["error", "warning", "info"]


@dataclass
class Problem:
    """Something wrong with the input, as data: file, line, what, and which record."""

    message: str
    file: str = ""
    line: int | None = None
    severity: Severity = "error"
    record: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class Report:
    """What a stage did, as JSON-serialisable data.

    ``problems`` are input problems (a skipped entry, a duplicate key); ``items``
    are per-record facts (a field added, a group merged, a link status); ``summary``
    holds counts. ``skipped`` counts input records that are not in the output and
    are not accounted for elsewhere in the report (the CLI exits 1 when it is > 0).
    """

    stage: str
    problems: list[Problem] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    skipped: int = 0

    def problem(self, message: str, *, file: str = "", line: int | None = None,
                severity: Severity = "error", record: str | None = None) -> Problem:
        p = Problem(message, file=file, line=line, severity=severity, record=record)
        self.problems.append(p)
        return p

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def merge(self, other: Report) -> Report:
        """Fold another report of the same stage into this one (returns self)."""
        self.problems.extend(other.problems)
        self.items.extend(other.items)
        for k, v in other.summary.items():
            if isinstance(v, (int, float)) and isinstance(self.summary.get(k), (int, float)):
                self.summary[k] += v
            else:
                self.summary.setdefault(k, v)
        self.skipped += other.skipped
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- helpers shared by every stage ---------------------------------------------------

def date_year(value: Any) -> int | None:
    """The year of a CSL date object (``date-parts``, ``literal`` or ``raw``)."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if parts and parts[0]:
        try:
            return int(parts[0][0])
        except (TypeError, ValueError):
            pass
    text = str(value.get("raw") or value.get("literal") or "")
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
    return int(m.group(1)) if m else None


def make_date(year: int | str | None, month: int | str | None = None,
              day: int | str | None = None) -> dict[str, Any] | None:
    """A CSL date object from parts; ``None`` when there is no year."""
    if year in (None, ""):
        return None
    parts: list[int] = [int(year)]  # type: ignore[arg-type]
    if month not in (None, ""):
        parts.append(int(month))  # type: ignore[arg-type]
        if day not in (None, ""):
            parts.append(int(day))  # type: ignore[arg-type]
    return {"date-parts": [parts]}


def name_text(name: Name) -> str:
    """A name for display: ``Given particle Family, Suffix`` or the literal."""
    if name.get("literal"):
        return name["literal"]
    bits = [name.get("given", ""), name.get("dropping-particle", ""),
            name.get("non-dropping-particle", ""), name.get("family", "")]
    text = " ".join(b for b in bits if b)
    if name.get("suffix"):
        text += ", " + name["suffix"]
    return text


def fold(text: str) -> str:
    """Lower-case ASCII-ish folding for comparisons: strips accents and punctuation."""
    if not text.isascii():  # (ASCII has no accents to strip)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("ß", "ss").replace("ł", "l").replace("ø", "o").replace("æ", "ae")
    return _NON_WORD.sub(" ", text).strip()


_NON_WORD = re.compile(r"[^\w]+")
