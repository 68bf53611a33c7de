"""CSL-JSON in and out: the exchange format citeproc-js, citeproc-py, Zotero and pandoc speak.

A CSL-JSON file is an array of items whose ``id`` is the record's citation key. The
reader also accepts what real exports contain: a single item, an ``{"items": [...]}``
wrapper or an ``{id: item}`` map; citeproc-js input quirks (``"issued": {"raw": ...}``,
``literal`` dates and names, numbers as ints, legacy ``shortTitle``/``journalAbbreviation``
keys, lower-case ``doi``/``url``); Zotero's URI ids (the ``citation-key`` is used when
present). Items without ids get keys from :func:`refs.keys.assign_keys`; a duplicate id
is renamed (``id-2``) and reported, never dropped.

Broken JSON does not lose the whole file: the reader reports the first error with its
line and column, then recovers item by item, skipping only the items that do not parse.

The writer is lossless for refs: what CSL has no variable for (old citation keys,
provenance, the original BibTeX entry of records read from ``.bib``) goes into the
item's ``custom`` object (CSL-JSON 1.0.2), and the reader puts it back, so
BibTeX -> CSL-JSON -> BibTeX loses nothing. Pass ``lossless=False`` for plain CSL.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from refs.io.clean import clean_string, clean_value
from refs.keys import assign_keys, unique_ids
from refs.model import (
    CSL_TYPES,
    CUSTOM,
    DATE_VARIABLES,
    NAME_PARTS,
    NAME_VARIABLES,
    BibtexSource,
    Block,
    Library,
    Origin,
    Provenance,
    Record,
    Report,
)

FORMAT = "csl-json"

#: ``custom`` keys refs uses for what CSL has no variable for.
CUSTOM_ALIASES = "aliases"
CUSTOM_PROVENANCE = "provenance"
CUSTOM_BIBTEX = "bibtex"
CUSTOM_BLOCKS = "bibtex-blocks"

#: Put into ``BibtexSource.decoded`` for a variable whose value changed after the
#: BibTeX entry was read (so a BibTeX writer regenerates that field instead of
#: writing the original raw text back). It equals no CSL value.
CHANGED = "\x00refs:changed-after-export"

#: Variables whose values are numbers in CSL but are kept as strings in refs.
NUMBER_VARIABLES = frozenset(
    "chapter-number citation-number collection-number edition first-reference-note-number"
    " issue locator number number-of-pages number-of-volumes page page-first part-number"
    " printing-number section supplement-number version volume".split()
)

#: Standard variables spelled upper-case in CSL-JSON.
UPPER_VARIABLES = {v.lower(): v for v in ("DOI", "ISBN", "ISSN", "PMID", "PMCID", "URL")}

#: Old and tool-specific spellings -> CSL 1.0.2.
LEGACY_KEYS = {
    "shortTitle": "title-short",
    "journalAbbreviation": "container-title-short",
    "container_title": "container-title",
    "collection_title": "collection-title",
    "publisher_place": "publisher-place",
    "event_place": "event-place",
    "number_of_pages": "number-of-pages",
    "number_of_volumes": "number-of-volumes",
    "title_short": "title-short",
    "container_title_short": "container-title-short",
    "citation_key": "citation-key",
    "citationKey": "citation-key",
    "archive_location": "archive_location",
}

#: Non-CSL type names seen in the wild (Crossref, BibTeX-ish tools) -> CSL types.
TYPE_ALIASES = {
    "journal-article": "article-journal",
    "journal article": "article-journal",
    "journalarticle": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "proceedings-article": "paper-conference",
    "conference-paper": "paper-conference",
    "dissertation": "thesis",
    "web-page": "webpage",
    "web page": "webpage",
    "blog-post": "post-weblog",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "posted-content": "article",
    "preprint": "article",
    "report-component": "report",
    "dataset-record": "dataset",
    "misc": "document",
    "generic": "document",
}

#: Writer key order: the usual reading order of a reference, then the rest alphabetically.
KEY_ORDER = (
    "id", "type", "citation-key", "title", "title-short", "original-title",
    *NAME_VARIABLES,
    "container-title", "container-title-short", "collection-title", "collection-number",
    "volume", "number-of-volumes", "issue", "number", "chapter-number", "section", "page",
    "number-of-pages", "edition", "version", "genre", "medium",
    "issued", "original-date", "event-date", "submitted", "accessed",
    "publisher", "publisher-place", "event-title", "event", "event-place",
    "archive", "archive_location", "call-number", "source",
    "language", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "URL",
    "abstract", "keyword", "note",
)
_RANK = {k: i for i, k in enumerate(KEY_ORDER)}

_ISO_DATE = re.compile(
    r"^\s*(-?\d{1,4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*$"
)
# Strings (possibly unterminated at the end of a line) and brackets: enough to
# find where top-level items start and end without a full JSON parser.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*(?:"|$)|[{}\[\]]', re.M)
# The same plus bare scalars (numbers, true, false, null): each is an array item too.
_ITEM_TOKEN = re.compile(_TOKEN.pattern + r"|-?\d[\d.eE+-]*|\b(?:true|false|null)\b", re.M)


# -- reading ---------------------------------------------------------------------------

#: the longest integer read as a number; longer digit runs stay text (Python refuses to
#: convert more than 4,300 digits, and no CSL value is such a number)
MAX_INT_DIGITS = 64


def _parse_int(text: str) -> int | str:
    return int(text) if len(text) <= MAX_INT_DIGITS else text


def _parse_float(text: str) -> float | str:
    value = float(text)
    return value if value not in (float("inf"), float("-inf")) else text


def _parse_constant(_text: str) -> None:
    """``NaN`` and ``Infinity`` are not JSON: read as null (the value is dropped)."""
    return None


_DECODER = json.JSONDecoder(parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)

def loads(text: str, source: str = "") -> tuple[Library, Report]:
    """Read CSL-JSON text into a :class:`Library`; problems go to the report."""
    report = Report(stage="read")
    text = text.lstrip("\ufeff")
    library = Library(source=source, format=FORMAT)
    if not text.strip():
        report.problem("empty input: no records", file=source, line=1, severity="warning")
        report.summary["records"] = 0
        return library, report

    lines = _LineIndex(text)
    located: list[tuple[Any, int | None]]
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        located = _recover(text, exc, report, source, lines)
    except RecursionError:
        report.problem("JSON nested too deeply", file=source, line=1)
        report.skipped += 1
        located = []
    else:
        located = _top_level_items(data, text, report, source)

    offsets: list[int] | None = None
    top = text.lstrip()[:1]
    shape = "array" if top == "[" else ("single" if len(located) == 1 and _pos_unknown(located) else "map")

    def line_of(index: int, pos: int | None) -> int | None:
        nonlocal offsets
        if pos is not None:
            return lines.line(pos)
        if shape == "single":
            return lines.line(len(text) - len(text.lstrip()))
        if offsets is None:
            offsets = _item_offsets(text, objects_only=shape == "map")
        if index < len(offsets):
            return lines.line(offsets[index])
        return None

    want_lines = len(text) <= 5_000_000
    records: list[Record] = []
    for index, (item, pos) in enumerate(located):
        line = line_of(index, pos) if (want_lines or pos is not None) else None
        if not isinstance(item, dict):
            where = line if line is not None else line_of(index, pos)
            report.problem(f"item {index + 1} is a JSON {_json_kind(item)}, not an object; skipped",
                           file=source, line=where)
            report.skipped += 1
            continue
        record = from_item(item, report=report, source=source,
                           line=line, where=lambda i=index, p=pos: line_of(i, p))
        for block in _pop_blocks(record):
            block.position += len(records)
            library.blocks.append(block)
        records.append(record)

    _fix_ids(records, report, source)
    library.records = records
    report.summary["records"] = len(records)
    return library, report


class _LineIndex:
    """Offset -> 1-based line number, by bisecting the newline offsets (built on first use)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines: list[int] | None = None

    def line(self, pos: int) -> int:
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self.newlines, pos) + 1


def _top_level_items(data: Any, text: str, report: Report, source: str) -> list[tuple[Any, int | None]]:
    """The items of a parsed document (positions unknown: found lazily if needed)."""
    if isinstance(data, list):
        return [(item, None) for item in data]
    if isinstance(data, dict):
        if isinstance(data.get("items"), list) and not _looks_like_item(data):
            return [(item, None) for item in data["items"]]
        if _looks_like_item(data):
            return [(data, None)]
        if data and all(isinstance(v, dict) for v in data.values()):
            # citeproc-js style {id: item} map
            out: list[tuple[Any, int | None]] = []
            for key, item in data.items():
                item = dict(item)
                item.setdefault("id", key)
                out.append((item, None))
            return out
        report.problem("JSON object is not a CSL-JSON item (no type, title or id)", file=source, line=1)
        report.skipped += 1
        return []
    report.problem(f"expected a JSON array of CSL items, found a {_json_kind(data)}",
                   file=source, line=1)
    report.skipped += 1
    return []


def _json_kind(value: Any) -> str:
    """A parsed JSON value's kind in JSON's words (for messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string" if isinstance(value, str) else "array"


def _looks_like_item(obj: dict[str, Any]) -> bool:
    return any(k in obj for k in ("type", "title", "id", "author", "issued", "container-title"))


def _recover(text: str, exc: json.JSONDecodeError, report: Report, source: str,
             lines: _LineIndex) -> list[tuple[Any, int | None]]:
    """Parse an array item by item, skipping the items that are not valid JSON."""
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        report.problem(f"invalid JSON: {exc.msg} (column {exc.colno})", file=source, line=exc.lineno)
        report.skipped += 1
        return []
    decoder = _DECODER
    items: list[tuple[Any, int | None]] = []
    pos = start + 1
    n = len(text)
    ws = re.compile(r"\s*")
    while True:
        pos = ws.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            report.problem("invalid JSON: the array is not closed with ']'", file=source,
                           line=lines.line(len(text)), severity="warning")
            break
        ch = text[pos]
        if ch == "]":
            rest = text[pos + 1:].strip()
            if rest:
                report.problem("invalid JSON: text after the closing ']' ignored", file=source,
                               line=lines.line(pos), severity="warning")
            break
        if ch == ",":
            report.problem("invalid JSON: extra ',' ignored", file=source,
                           line=lines.line(pos), severity="warning")
            pos += 1
            continue
        try:
            item, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            report.problem(f"invalid JSON: {err.msg} (column {err.colno}); item skipped",
                           file=source, line=err.lineno)
            report.skipped += 1
            end = _skip_value(text, pos)
            if end is None:
                report.problem("invalid JSON: unbalanced brackets; the rest of the file is skipped",
                               file=source, line=err.lineno)
                break
            pos = end
        else:
            items.append((item, pos))
            pos = end
        pos = ws.match(text, pos).end()  # type: ignore[union-attr]
        if pos < n and text[pos] == ",":
            pos += 1
        elif pos < n and text[pos] not in "]":
            report.problem("invalid JSON: missing ',' between items", file=source,
                           line=lines.line(pos), severity="warning")
    return items


def _skip_value(text: str, pos: int) -> int | None:
    """End of the (broken) value starting at ``pos``, judged by bracket balance."""
    if text[pos] not in "[{":
        # a bare broken scalar: skip to the next comma or closing bracket on this line
        m = re.compile(r"[,\]\n]").search(text, pos)
        return m.start() if m else None
    depth = 0
    for m in _TOKEN.finditer(text, pos):
        tok = m.group()
        if tok in "[{":
            depth += 1
        elif tok in "]}":
            depth -= 1
            if depth == 0:
                return m.end()
    return None


def _pos_unknown(located: list[tuple[Any, int | None]]) -> bool:
    return all(pos is None for _, pos in located)


def _item_offsets(text: str, objects_only: bool = False) -> list[int]:
    """Start offsets of the top-level items (for line numbers in messages): every value
    of an array, or (``objects_only``) the object values of an ``{id: item}`` map. An
    ``{"items": [...]}`` wrapper gives no useful offsets (its items are one level down)."""
    if objects_only and re.match(r'\s*\{\s*"items"\s*:', text):
        return []
    out: list[int] = []
    depth = 0
    for m in _ITEM_TOKEN.finditer(text):
        tok = m.group()
        if tok in "[{":
            if depth == 1:
                out.append(m.start())
            depth += 1
        elif tok in "]}":
            depth -= 1
        elif depth == 1 and not objects_only:
            out.append(m.start())
    return out


def from_item(item: dict[str, Any], *, report: Report | None = None, source: str = "",
              line: int | None = None, where: Any = None) -> Record:
    """One CSL-JSON item as a :class:`Record` (normalised; refs' ``custom`` data restored).

    ``where`` is an optional callable giving the item's line, used only when a problem
    must be reported and ``line`` is unknown (finding lines in big files costs time).
    """
    report = report if report is not None else Report(stage="read")

    rid = item.get("id")
    rid = "" if rid is None or isinstance(rid, (dict, list, bool)) else clean_string(str(rid))[0].strip()

    def warn(message: str) -> None:
        at = line if line is not None else (where() if where else None)
        report.problem(f"{rid!r}: {message}" if rid else message, file=source, line=at,
                       severity="warning", record=rid or None)

    csl: dict[str, Any] = {}
    for raw_key, value in item.items():
        value, fixed = clean_value(value)
        if fixed:
            what = " and ".join({"surrogate": "an invalid character (a lone surrogate) replaced by U+FFFD",
                                 "control": "control characters removed"}[f] for f in fixed)
            warn(f"{raw_key}: {what}")
        key = _canonical_key(raw_key)
        if key in ("id", "type"):
            continue
        norm = normalize_value(key, value, warn)
        if norm is None or norm == "" or norm == [] or norm == {}:
            continue
        if key in csl and csl[key] != norm:
            warn(f"both {raw_key!r} and another spelling of {key!r}; kept the first")
            continue
        csl[key] = norm

    rtype = _normalize_type(item.get("type"), warn)
    record = Record(id=rid, type=rtype, csl=csl,
                    origin=Origin(format=FORMAT, file=source, line=line))
    _restore_custom(record, item, warn)
    if "://" in record.id:
        # Zotero exports item URIs as ids: the citation key is the better id.
        record.aliases.append(record.id)
        record.id = str(csl.get("citation-key") or "")
    return record


def _canonical_key(key: str) -> str:
    if key in LEGACY_KEYS:
        return LEGACY_KEYS[key]
    low = key.lower()
    if low in UPPER_VARIABLES:
        return UPPER_VARIABLES[low]
    return key


def _normalize_type(value: Any, warn: Any) -> str:
    if value is None or value == "":
        warn("item has no type; using 'document'")
        return "document"
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        warn(f"type {value!r} is not text; using 'document'")
        return "document"
    text = str(value).strip()
    if text in CSL_TYPES:
        return text
    alias = TYPE_ALIASES.get(text.lower()) or TYPE_ALIASES.get(text.lower().replace("_", "-"))
    if alias:
        return alias
    if text.lower() in CSL_TYPES:
        return text.lower()
    warn(f"unknown CSL type {text!r} kept as is")
    return text


def normalize_value(key: str, value: Any, warn: Any = None) -> Any:
    """A CSL variable's value in the form refs uses everywhere (strings, name and date dicts)."""
    warn = warn or (lambda message: None)
    if key in NAME_VARIABLES:
        return _names(key, value, warn)
    if key in DATE_VARIABLES:
        return _date(key, value, warn)
    if key == CUSTOM:
        return dict(value) if isinstance(value, dict) else None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value.strip() if key in NUMBER_VARIABLES else value
    if isinstance(value, list) and key not in NUMBER_VARIABLES and all(isinstance(v, str) for v in value):
        if key in ("ISBN", "ISSN", "URL", "DOI", "keyword"):
            return ", ".join(v for v in value if v) if key == "keyword" else " ".join(v for v in value if v)
        return value
    return value


def _names(key: str, value: Any, warn: Any) -> list[dict[str, Any]]:
    if isinstance(value, (dict, str)):
        value = [value]
    if not isinstance(value, list):
        warn(f"{key}: expected a list of names; ignored")
        return []
    out: list[dict[str, Any]] = []
    for entry in value:
        name = _name(entry)
        if name:
            out.append(name)
        elif entry not in (None, "", {}):
            warn(f"{key}: name {entry!r} has no family, given or literal part; dropped")
    return out


def _name(entry: Any) -> dict[str, Any] | None:
    if isinstance(entry, str):  # not CSL, but some tools write "Family, Given"
        from refs.io.ris import parse_name  # (ris imports this module)

        return dict(parse_name(entry)) if entry.strip() else None
    if not isinstance(entry, dict):
        return None
    name: dict[str, Any] = {}
    for k, v in entry.items():
        if v is None or v == "":
            continue
        if k in NAME_PARTS:
            v = str(v).strip()
            if v:
                name[k] = v
        else:
            name[k] = v  # parse-names, static-ordering, comma-suffix, ...
    if not any(name.get(p) for p in ("family", "given", "literal")):
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            name.pop("name", None)
            name["literal"] = entry["name"].strip()
            return name
        return None
    return name


def _date(key: str, value: Any, warn: Any) -> dict[str, Any] | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"date-parts": [[int(value)]]}
    if isinstance(value, str):
        value = {"raw": value}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        # old pandoc/citeproc-hs form: [{"year": "2000", "month": "5"}, ...] (a range if two)
        value = {"date-parts": [[d.get("year"), d.get("month"), d.get("day")] for d in value]}
    elif isinstance(value, list):  # bare date-parts
        value = {"date-parts": value if value and isinstance(value[0], list) else [value]}
    if not isinstance(value, dict):
        warn(f"{key}: unreadable date {value!r}; ignored")
        return None
    out: dict[str, Any] = {}
    parts = value.get("date-parts")
    if parts is None and any(k in value for k in ("year", "month", "day")):
        parts = [[value.get("year"), value.get("month"), value.get("day")]]
    if parts:
        clean = _date_parts(parts)
        if clean:
            out["date-parts"] = clean
        else:
            warn(f"{key}: unreadable date-parts {parts!r}; ignored")
    for k, v in value.items():
        if k in ("date-parts", "year", "month", "day") or v in (None, ""):
            continue
        if k == "season" and isinstance(v, (int, float)):
            v = int(v)
        out[k] = v.strip() if isinstance(v, str) else v
    raw = out.get("raw")
    if isinstance(raw, str) and "date-parts" not in out:
        parsed = parse_date_text(raw)
        if parsed:
            out["date-parts"] = parsed
            del out["raw"]
    return out or None


def _date_parts(parts: Any) -> list[list[int]]:
    if not isinstance(parts, list):
        return []
    out: list[list[int]] = []
    for row in parts[:2]:
        if not isinstance(row, list):
            row = [row]
        clean: list[int] = []
        for bit in row[:3]:
            if isinstance(bit, bool) or bit is None:
                break
            try:
                n = int(str(bit).strip())
            except ValueError:
                break
            if clean and n == 0:  # month or day 0: unknown
                break
            clean.append(n)
        if not clean:
            if not out:
                return []
            break
        out.append(clean)
    return out


def parse_date_text(text: str) -> list[list[int]] | None:
    """``2002``, ``2002-05``, ``2002/05/01``, ``2002-05-01T10:00Z`` or a ``a/b`` range of those."""
    text = text.strip()
    if not text:
        return None
    pieces = [text]
    if "/" in text and re.match(r"^\d{4}(?:-\d\d){0,2}/\d{4}(?:-\d\d){0,2}$", text):
        pieces = text.split("/")
    out: list[list[int]] = []
    for piece in pieces:
        m = _ISO_DATE.match(piece)
        if not m or len(m.group(1).lstrip("-")) < 3:
            return None
        bits = [int(m.group(1))]
        for g in (m.group(2), m.group(3)):
            if g is None:
                break
            bits.append(int(g))
        if len(bits) > 1 and not 1 <= bits[1] <= 12:
            return None
        if len(bits) > 2 and not 1 <= bits[2] <= 31:
            return None
        out.append(bits)
    return out


def _restore_custom(record: Record, item: dict[str, Any], warn: Any) -> None:
    """Move refs' own data out of ``custom`` back into the record's slots."""
    bag = record.csl.get(CUSTOM)
    if not isinstance(bag, dict):
        return
    aliases = bag.pop(CUSTOM_ALIASES, None)
    if isinstance(aliases, list):
        record.aliases = [str(a) for a in aliases if a]
    elif isinstance(aliases, str) and aliases:
        record.aliases = [aliases]
    prov = bag.pop(CUSTOM_PROVENANCE, None)
    if isinstance(prov, dict):
        for var, p in prov.items():
            if isinstance(p, dict) and p.get("stage"):
                conf = p.get("confidence")
                record.provenance[str(var)] = Provenance(
                    str(p["stage"]), str(p.get("source") or ""),
                    float(conf) if isinstance(conf, (int, float)) else None)
    bib = bag.pop(CUSTOM_BIBTEX, None)
    if isinstance(bib, dict):
        try:
            record.bibtex = _bibtex_from_custom(bib, record, item)
            if isinstance(bib.get("raw"), str):
                record.origin.text = bib["raw"]
        except (TypeError, ValueError, AttributeError):
            warn("custom.bibtex is malformed; original BibTeX entry not restored")
    if not bag:
        record.csl.pop(CUSTOM, None)


def _pop_blocks(record: Record) -> list[Block]:
    """The BibTeX file blocks (``@string``, ``@preamble``, comments) kept with this record;
    positions relative to it (0 before it, 1 after it)."""
    bag = record.csl.get(CUSTOM)
    if not isinstance(bag, dict) or CUSTOM_BLOCKS not in bag:
        return []
    raw_blocks = bag.pop(CUSTOM_BLOCKS)
    if not bag:
        record.csl.pop(CUSTOM, None)
    out: list[Block] = []
    for b in raw_blocks if isinstance(raw_blocks, list) else []:
        if not isinstance(b, dict) or b.get("kind") not in ("string", "preamble", "comment", "text"):
            continue
        extra = {f.name: b[f.name] for f in dataclasses.fields(Block)
                 if f.name not in ("kind", "raw", "position", "line") and f.name in b}
        out.append(Block(kind=b["kind"], raw=str(b.get("raw") or ""),
                         position=1 if b.get("after") else 0, **extra))
    return out


def _bibtex_from_custom(bib: dict[str, Any], record: Record, item: dict[str, Any]) -> BibtexSource:
    """The BibTeX source kept in ``custom``; a variable whose value in the item is not
    the one the BibTeX reader decoded (someone edited the JSON) is marked CHANGED."""
    fields = [(str(k), str(v)) for k, v in bib.get("fields", [])]
    decoded: dict[str, Any] = {}
    for var, digest in (bib.get("decoded") or {}).items():
        current = record.type if var == "type" else record.csl.get(var)
        if var == CUSTOM:
            written = {k: v for k, v in (item.get(CUSTOM) or {}).items()
                       if k not in (CUSTOM_ALIASES, CUSTOM_PROVENANCE, CUSTOM_BIBTEX, CUSTOM_BLOCKS)}
        else:
            written = item.get(var)
        if current is not None and written is not None and _digest(written) == digest:
            decoded[var] = current
        else:
            decoded[var] = CHANGED
    extra = {f.name: bib[f.name] for f in dataclasses.fields(BibtexSource)
             if f.name not in ("entry_type", "key", "fields", "decoded") and f.name in bib}
    return BibtexSource(entry_type=str(bib.get("type") or ""), key=str(bib.get("key") or record.id),
                        fields=fields, decoded=decoded, **extra)


def _digest(value: Any) -> str:
    """A short fingerprint of a value as written to JSON, to tell later whether it changed."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]


def _fix_ids(records: list[Record], report: Report, source: str) -> None:
    """Give id-less items keys; rename (and report) duplicate ids: both records kept."""
    missing = [r for r in records if not r.id]
    if missing:
        assign_keys(records)
        for r in missing:
            report.problem(f"item has no id; assigned key {r.id!r}", file=source, line=r.origin.line,
                           severity="info", record=r.id)
    report_duplicates(records, report, source)


def report_duplicates(records: list[Record], report: Report, source: str) -> None:
    """Ids made unique: a record whose id an earlier record has is renamed (reported)."""
    unique_ids(records, report, source)


# -- writing ---------------------------------------------------------------------------

def to_item(record: Record, lossless: bool = True,
            blocks: list[tuple[Block, bool]] | None = None) -> dict[str, Any]:
    """A record as one CSL-JSON item in writer key order.

    With ``lossless`` the record's aliases, provenance and original BibTeX entry go
    into ``custom`` (see the module docstring), with ``blocks`` (BibTeX file blocks
    to put back before, or with ``True`` after, this record)."""
    item: dict[str, Any] = {"id": record.id, "type": record.type}
    item.update(record.csl)  # shallow: the writer only serialises
    custom = dict(item.pop(CUSTOM, None) or {})
    if lossless:
        if record.aliases:
            custom[CUSTOM_ALIASES] = list(record.aliases)
        if record.provenance:
            custom[CUSTOM_PROVENANCE] = {var: _note(p) for var, p in record.provenance.items()}
        if record.bibtex is not None:
            custom[CUSTOM_BIBTEX] = _bibtex_to_custom(record)
        if blocks:
            custom[CUSTOM_BLOCKS] = [_block_to_custom(b, after) for b, after in blocks]
    else:
        for k in (CUSTOM_ALIASES, CUSTOM_PROVENANCE, CUSTOM_BIBTEX, CUSTOM_BLOCKS):
            custom.pop(k, None)
    ordered = {k: item[k] for k in sorted(item, key=lambda k: (_RANK.get(k, len(_RANK)), k))}
    for var in NUMBER_VARIABLES & ordered.keys():
        if isinstance(ordered[var], (int, float)) and not isinstance(ordered[var], bool):
            ordered[var] = str(ordered[var])
    if custom:
        ordered[CUSTOM] = custom
    return ordered


def _bibtex_to_custom(record: Record) -> dict[str, Any]:
    """The record's BibTeX source as JSON: every field of :class:`BibtexSource` (so fields
    added to the model later travel too), ``decoded`` as fingerprints, and the raw entry
    when its layout is not what the BibTeX writer would give."""
    bib = record.bibtex
    assert bib is not None
    out: dict[str, Any] = {"type": bib.entry_type, "key": bib.key,
                           "fields": [[k, v] for k, v in bib.fields]}
    for f in dataclasses.fields(bib):
        if f.name in ("entry_type", "key", "fields", "decoded"):
            continue
        value = getattr(bib, f.name)
        if value is not None and value != f.default:
            out[f.name] = value
    if bib.decoded:
        out["decoded"] = {var: _digest(value) for var, value in bib.decoded.items()
                          if value is not None and value != CHANGED}
    raw = record.origin.text
    if raw and record.origin.format in ("bibtex", FORMAT) and raw != _entry_from_fields(record):
        out["raw"] = raw  # the entry's own layout, which the fields alone do not give back
    return out


def _entry_from_fields(record: Record) -> str | None:
    """What the BibTeX writer makes of the record without its raw text (None: unknown)."""
    try:
        from refs.io import bibtex
    except ImportError:
        return None
    bare = Record(id=record.id, type=record.type, csl=record.csl, bibtex=record.bibtex,
                  aliases=record.aliases, origin=Origin(format=record.origin.format))
    try:
        return bibtex.entry_text(bare)
    except Exception:  # noqa: BLE001 - a writer bug must not stop CSL-JSON output
        return None


def _block_to_custom(block: Block, after: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind, "raw": block.raw}
    for f in dataclasses.fields(block):
        value = getattr(block, f.name)
        if f.name not in ("kind", "raw", "position", "line") and value is not None and value != f.default:
            out[f.name] = value
    if after:
        out["after"] = True
    return out


def dumps(library: Library | list[Record], *, lossless: bool = True, indent: int = 2,
          **_: Any) -> str:
    """CSL-JSON text: an array, one item per record, one variable per line, UTF-8.

    Names, dates and other nested values stay on their variable's line, which keeps
    files readable and diffs small; ``custom`` gets one line per key."""
    records = library.records if isinstance(library, Library) else list(library)
    placed: dict[int, list[tuple[Block, bool]]] = {}
    if lossless and isinstance(library, Library) and records:
        last = len(records) - 1
        for block in library.blocks:
            at = min(max(block.position, 0), len(records))
            placed.setdefault(min(at, last), []).append((block, at > last))
    return "".join(dump_chunks(records, lossless=lossless, indent=indent, placed=placed))


def dump_chunks(records: Iterable[Record], *, lossless: bool = True, indent: int = 2,
                placed: dict[int, list[tuple[Block, bool]]] | None = None, **_: Any) -> Iterator[str]:
    """:func:`dumps` piece by piece, the records taken one at a time as they come
    (``placed``: the non-record blocks to carry, by the index of the record they go with)."""
    pad1, pad2, pad3 = " " * indent, " " * (2 * indent), " " * (3 * indent)
    placed = placed or {}
    i = 0
    for i, record in enumerate(records):
        item = to_item(record, lossless=lossless, blocks=placed.get(i))
        lines = list(_item_lines(item, pad2, pad3))
        yield ("[\n" if i == 0 else ",\n") + pad1 + "{\n" + ",\n".join(lines) + "\n" + pad1 + "}"
        i += 1
    yield "\n]\n" if i else "[]\n"


def _json_default(value: Any) -> Any:
    """Values a stage may leave that JSON cannot hold: sets as sorted lists, others as text."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode


def _enc(value: Any) -> str:
    """:data:`_ENCODE`, with a string written at once (what the encoder does with one)."""
    return encode_basestring(value) if type(value) is str else _ENCODE(value)


@lru_cache(maxsize=4096)
def _note(p: Provenance) -> dict[str, Any]:
    """A provenance note as the writer's ``custom`` carries it (the notes are values, shared
    by records: each made once; the item is only written, never changed)."""
    return {k: v for k, v in (("stage", p.stage), ("source", p.source), ("confidence", p.confidence))
            if v not in (None, "")}


def _item_lines(item: dict[str, Any], pad: str, pad_inner: str) -> Iterator[str]:
    enc = _enc
    for key, value in item.items():
        if key == CUSTOM and isinstance(value, dict) and value:
            inner = ",\n".join(f"{pad_inner}{enc(k)}: {enc(v)}" for k, v in value.items())
            yield f"{pad}{enc(key)}: {{\n{inner}\n{pad}}}"
        else:
            yield f"{pad}{enc(key)}: {enc(value)}"
