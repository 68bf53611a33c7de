"""The shape of a record's CSL-JSON, checked after every reader.

A small hand-kept validator after the CSL-JSON schema (csl-data.json, CSL 1.0.2):
names are lists of objects whose parts are strings, dates are objects with
``date-parts`` (one or two lists of one to three integers), ``season``, ``circa``,
``literal`` or ``raw``, every other standard variable is a string (numbers are
turned into strings, as refs keeps them). A value of the wrong shape is dropped
with a warning naming the item and the variable, so that no later stage (render,
Zotero, the writers) meets a list where it expects text; the record itself is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from refs.model import CUSTOM, DATE_VARIABLES, NAME_PARTS, NAME_VARIABLES, Record

#: name keys that are not parts: flags citeproc-js reads
_NAME_FLAGS = ("parse-names", "static-ordering", "comma-suffix")
_DATE_TEXT = ("literal", "raw")
#: variables whose value may be a list of strings in CSL-JSON
_STRING_LISTS = ("categories",)
#: the largest integer taken as a date part (a year is not a 5,000-digit number)
_MAX_DATE_PART = 10**6

Warn = Callable[[str], None]
_NAMES = frozenset(NAME_VARIABLES)
_NAME_CORE = ("family", "given", "literal")
_DATES = frozenset(DATE_VARIABLES)
#: variables whose value is not a plain string
_STRUCTURED = _NAMES | _DATES | {CUSTOM, *_STRING_LISTS}


def check(record: Record, warn: Warn) -> None:
    """Bring ``record.csl`` (and its type) to the CSL-JSON shape, in place; ``warn`` is
    told about each value dropped or changed, naming the variable."""
    if not isinstance(record.type, str) or not record.type:
        warn(f"type {record.type!r} is not text; using 'document'")
        record.type = "document"
    for key, value in list(record.csl.items()):
        if type(value) is str and key not in _STRUCTURED:  # the common case, at once
            if not value:
                del record.csl[key]
            continue
        if not isinstance(key, str):
            del record.csl[key]
            continue
        if key in _NAMES:
            new = _names(key, value, warn)
        elif key in _DATES:
            new = _date(key, value, warn)
        elif key == CUSTOM:
            new = value if isinstance(value, dict) else None
            if new is None:
                warn(f"{key}: not an object; dropped")
        elif key in _STRING_LISTS:
            new = [str(v) for v in value if isinstance(v, (str, int, float))] \
                if isinstance(value, list) else _text(key, value, warn)
        else:
            new = _text(key, value, warn)
        if new is None or new == [] or new == "":
            del record.csl[key]
        else:
            record.csl[key] = new


def _text(key: str, value: Any, warn: Warn) -> str | None:
    """A string variable: strings kept, numbers as text, lists of strings joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        warn(f"{key}: {value!r} is not text; dropped")
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            warn(f"{key}: {value!r} is not a number; dropped")
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list) and value and all(isinstance(v, (str, int, float)) and
                                                not isinstance(v, bool) for v in value):
        joined = "; ".join(str(v) for v in value if str(v).strip())
        warn(f"{key}: a list, not text; joined as {joined[:60]!r}")
        return joined
    if value is not None:
        warn(f"{key}: a JSON {_kind(value)} where text belongs; dropped")
    return None


def _names(key: str, value: Any, warn: Warn) -> list[dict[str, Any]] | None:
    if not isinstance(value, list):
        warn(f"{key}: a JSON {_kind(value)}, not a list of names; dropped")
        return None
    out: list[dict[str, Any]] = []
    for i, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            warn(f"{key}: name {i} is a JSON {_kind(entry)}, not an object; dropped")
            continue
        name: dict[str, Any] = {}
        if all(type(v) is str for v in entry.values()) and any(entry.get(p) for p in _NAME_CORE):
            out.append(entry)  # the common case: already the right shape
            continue
        for part, v in entry.items():
            if part in NAME_PARTS:
                text = _text(f"{key}: name {i}: {part}", v, warn)
                if text and text.strip():
                    name[part] = text
            elif part in _NAME_FLAGS:
                if isinstance(v, (bool, int, str)):
                    name[part] = v
            elif isinstance(v, (str, int, float, bool)):
                name[part] = v
        if any(name.get(p) for p in ("family", "given", "literal")):
            out.append(name)
        else:
            warn(f"{key}: name {i} has no family, given or literal part; dropped")
    return out


def _date(key: str, value: Any, warn: Warn) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        warn(f"{key}: a JSON {_kind(value)}, not a date object; dropped")
        return None
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k == "date-parts":
            parts = _date_parts(v)
            if parts:
                out[k] = parts
            else:
                warn(f"{key}: date-parts {str(v)[:60]} are not one or two lists of 1-3 numbers; dropped")
        elif k in _DATE_TEXT or k == "season":
            if isinstance(v, str) or (k == "season" and isinstance(v, int) and not isinstance(v, bool)):
                out[k] = v
            else:
                warn(f"{key}: {k} is a JSON {_kind(v)}, not text; dropped")
        elif k == "circa":
            if isinstance(v, (bool, int, str)):
                out[k] = v
        else:
            warn(f"{key}: unknown date key {k!r}; dropped")
    if not any(k in out for k in ("date-parts", "literal", "raw", "season")):
        if value:
            warn(f"{key}: nothing usable left in the date; dropped")
        return None
    return out


def _date_parts(value: Any) -> list[list[int]] | None:
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        return None
    rows: list[list[int]] = []
    for row in value:
        if not isinstance(row, list) or not 1 <= len(row) <= 3:
            return None
        clean: list[int] = []
        for bit in row:
            if isinstance(bit, bool):
                return None
            if isinstance(bit, str) and bit.strip().lstrip("-").isdigit() and len(bit) < 12:
                bit = int(bit)
            if not isinstance(bit, int) or abs(bit) > _MAX_DATE_PART:
                return None
            clean.append(bit)
        rows.append(clean)
    return rows


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"

