"""``corrections.yaml``: the user's lasting fixes to a build, read (never written) by refs.

A mapping from citation keys (a record's key or one of its aliases) to what to change::

    asmus2002opening:
      set: {publisher: Columbia University Press, publisher-place: New York}
      clear: [note]
    goldgeier1999not:
      reject-doi: 10.1017/xxxx        # never accept this match again
    talbott2002russia:
      keep-apart: [talbott2002russiaa] # not duplicates
    braun2008nato:
      merge-with: [braun2008natoa]   # duplicates the matcher missed
    somekey2001:
      drop: true

:func:`load` validates the whole file before anything runs (a mistake is a
:class:`CorrectionsError` naming the file and line). The build then applies each kind at
its stage: ``set``/``clear`` with :func:`apply_fields` after parsing, after enrichment and
after merging (so no later stage undoes them), ``reject-doi`` through
:func:`rejected_dois` (an enrich option), ``keep-apart``/``merge-with`` through
:func:`links` (dedup's must-link / cannot-link options), ``drop`` with :func:`apply_drops`
before export. Every change is recorded in the record's provenance as stage
``correction`` and returned as report items.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from refs.model import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES, Name, Provenance, Record, make_date
from refs.names import parse_name

STAGE = "correction"
FILE_NAME = "corrections.yaml"
ACTIONS = ("set", "clear", "reject-doi", "keep-apart", "merge-with", "drop")

#: CSL 1.0.2 standard and number variables a correction may set or clear (names and
#: dates come from refs.model).
TEXT_VARIABLES = frozenset("""
    abstract annote archive archive_collection archive_location archive-place authority call-number
    chapter-number citation-key citation-label collection-number collection-title container-title
    container-title-short dimensions division DOI edition event event-title event-place
    first-reference-note-number genre ISBN ISSN issue jurisdiction keyword language license locator
    medium note number number-of-pages number-of-volumes original-publisher original-publisher-place
    original-title page page-first part-number part-title PMCID PMID printing-number publisher
    publisher-place references reviewed-genre reviewed-title scale section source status
    supplement-number title title-short URL version volume volume-title year-suffix
""".split())
VARIABLES = TEXT_VARIABLES | frozenset(NAME_VARIABLES) | frozenset(DATE_VARIABLES) | {"type"}

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class CorrectionsError(ValueError):
    """A corrections file that cannot be used; the message is ``FILE:LINE: error: what``."""


@dataclass
class Correction:
    """What the file says about one key (``line``: where the key is, 1-based)."""

    key: str
    line: int
    set: dict[str, Any] = field(default_factory=dict)
    clear: list[str] = field(default_factory=list)
    reject_doi: list[str] = field(default_factory=list)
    keep_apart: list[str] = field(default_factory=list)
    merge_with: list[str] = field(default_factory=list)
    drop: bool = False
    lines: dict[str, int] = field(default_factory=dict)  # action -> line

    def where(self, action: str = "") -> str:
        return f"{FILE_NAME}:{self.lines.get(action, self.line)}"


@dataclass
class Corrections:
    """A validated corrections file (``path`` None: no file)."""

    path: Path | None = None
    items: list[Correction] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)

    def keys(self) -> list[str]:
        """Every key the file names (its own keys and those in keep-apart / merge-with)."""
        out: list[str] = []
        for c in self.items:
            for k in [c.key, *c.keep_apart, *c.merge_with]:
                if k not in out:
                    out.append(k)
        return out


# -- reading -----------------------------------------------------------------------------

def find(out: str | Path, explicit: str | Path | None = None) -> Path | None:
    """The corrections file of a build: ``explicit`` (must exist) else ``OUT/corrections.yaml``
    when present. ``CorrectionsError`` when an explicit path is missing."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise CorrectionsError(f"{path}: no such corrections file")
        return path
    path = Path(out) / FILE_NAME
    return path if path.is_file() else None


def load(path: str | Path) -> Corrections:
    """Read and validate a corrections file (see the module docstring)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorrectionsError(f"{path}:1: error: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise CorrectionsError(f"{path}: error: cannot read: {exc.strerror or exc}") from None
    return loads(text, path)


def loads(text: str, path: str | Path = FILE_NAME) -> Corrections:
    path = Path(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (mark is None or mark.line >= len(text.splitlines())):
            mark = exc.context_mark  # "got end of stream": point at what was left open
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise CorrectionsError(f"{path}:{line}: error: not valid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise CorrectionsError(f"{path}:1: error: not valid YAML: {exc}") from None
    result = Corrections(path=path)
    if root is None:
        return result
    _Reader(path).document(root, result)
    return result


class _Reader:
    """Validates the YAML node tree (nodes know their lines) into :class:`Correction`\\ s."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str) -> None:
        raise CorrectionsError(f"{self.path}:{node.start_mark.line + 1}: error: {message}")

    def value(self, node: yaml.Node) -> Any:
        return self.constructor.construct_object(node, deep=True)

    def pairs(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping (key: value lines)")
        seen: dict[str, int] = {}
        for k, _ in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.fail(k, f"a key in {what} must be plain text")
            if k.value in seen:
                self.fail(k, f"{k.value!r} appears twice in {what} (first on line {seen[k.value]})")
            seen[k.value] = k.start_mark.line + 1
        return list(node.value)

    def strings(self, node: yaml.Node, what: str) -> list[str]:
        """One string or a list of strings."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                self.fail(item, f"{what} takes text or a list of texts")
            out.append(str(item.value).strip())
        return out

    def document(self, root: yaml.Node, result: Corrections) -> None:
        for knode, vnode in self.pairs(root, "corrections.yaml (citation key: corrections)"):
            c = Correction(key=str(knode.value), line=knode.start_mark.line + 1)
            if isinstance(vnode, yaml.ScalarNode) and vnode.tag.endswith(":null"):
                result.items.append(c)  # a pasted snippet with every line commented out
                continue
            for anode, body in self.pairs(vnode, f"the corrections of {c.key}"):
                action = str(anode.value)
                c.lines[action] = anode.start_mark.line + 1
                if action not in ACTIONS:
                    near = difflib.get_close_matches(action, ACTIONS, n=1)
                    hint = f" (did you mean {near[0]!r}?)" if near else f" (one of {', '.join(ACTIONS)})"
                    self.fail(anode, f"unknown correction {action!r}{hint}")
                self.action(c, action, body)
            result.items.append(c)

    def action(self, c: Correction, action: str, body: yaml.Node) -> None:
        if action == "set":
            for vk, vv in self.pairs(body, f"set of {c.key}"):
                var = self.variable(vk)
                c.set[var] = self.field_value(var, vv)
        elif action == "clear":
            items = body.value if isinstance(body, yaml.SequenceNode) else [body]
            for item in items:
                var = self.variable(item)
                if var == "type":
                    self.fail(item, "type cannot be cleared (set another type instead)")
                c.clear.append(var)
            clash = set(c.clear) & set(c.set)
            if clash:
                self.fail(body, f"{', '.join(sorted(clash))} both set and cleared for {c.key}")
        elif action == "reject-doi":
            for doi in self.strings(body, "reject-doi"):
                bare = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
                if not _DOI.match(bare):
                    self.fail(body, f"reject-doi: {doi!r} is not a DOI (10.xxxx/...)")
                c.reject_doi.append(bare.lower())
        elif action in ("keep-apart", "merge-with"):
            keys = self.strings(body, action)
            if c.key in keys:
                self.fail(body, f"{action}: {c.key} names itself")
            (c.keep_apart if action == "keep-apart" else c.merge_with).extend(keys)
        elif action == "drop":
            value = self.value(body)
            if not isinstance(value, bool):
                self.fail(body, "drop takes true or false")
            c.drop = value

    def variable(self, node: yaml.Node) -> str:
        name = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if name not in VARIABLES:
            near = difflib.get_close_matches(name, sorted(VARIABLES), n=1, cutoff=0.6)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            self.fail(node, f"{name!r} is not a CSL-JSON variable{hint}")
        return name

    def field_value(self, var: str, node: yaml.Node) -> Any:
        value = self.value(node)
        if value is None or value == "" or value == []:
            self.fail(node, f"set {var}: empty value (use clear: [{var}] to remove a field)")
        if var == "type":
            if value not in CSL_TYPES:
                near = difflib.get_close_matches(str(value), CSL_TYPES, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                self.fail(node, f"{value!r} is not a CSL type{hint}")
            return value
        if var in NAME_VARIABLES:
            names = _names(value)
            if names is None:
                self.fail(node, f"set {var}: give names as 'Family, Given' texts or CSL name mappings")
            return names
        if var in DATE_VARIABLES:
            date = _date(value)
            if date is None:
                self.fail(node, f"set {var}: give a year, YYYY-MM(-DD) or a CSL date mapping")
            return date
        if isinstance(value, (dict, list)):
            self.fail(node, f"set {var}: give text, not a {'mapping' if isinstance(value, dict) else 'list'}")
        if isinstance(value, bool):
            self.fail(node, f"set {var}: give text, not {str(value).lower()}")
        return str(value)


def _names(value: Any) -> list[Name] | None:
    items = value if isinstance(value, list) else [value]
    out: list[Name] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append(parse_name(item.strip()))
        elif isinstance(item, dict) and item and all(isinstance(v, str) for v in item.values()):
            out.append({str(k): v for k, v in item.items()})
        else:
            return None
    return out


def _date(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value if ("date-parts" in value or "literal" in value or "raw" in value) else None
    if isinstance(value, dt.date):
        return make_date(value.year, value.month, value.day)
    m = re.fullmatch(r"(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value).strip())
    if not m:
        return None
    return make_date(*(int(g) if g else None for g in m.groups()))


# -- matching keys ---------------------------------------------------------------------------

def matches(record: Record, key: str) -> bool:
    return record.id == key or key in record.aliases


def unknown_keys(corrections: Corrections, known: Iterable[str]) -> list[dict[str, Any]]:
    """Keys the file names that no record has (as key or alias), with the closest keys."""
    known = sorted(set(known))
    out = []
    for c in corrections.items:
        for key, line in [(c.key, c.line)] + [(k, c.lines.get("keep-apart", c.line)) for k in c.keep_apart] \
                + [(k, c.lines.get("merge-with", c.line)) for k in c.merge_with]:
            if key not in known and not any(u["key"] == key for u in out):
                out.append({"key": key, "line": line,
                            "closest": difflib.get_close_matches(key, known, n=3, cutoff=0.5)})
    return out


# -- applying, stage by stage -----------------------------------------------------------------

def apply_fields(records: Sequence[Record], corrections: Corrections, after: str
                 ) -> tuple[list[Record], list[dict[str, Any]]]:
    """``set`` and ``clear`` (and the removal of a rejected DOI) on the records a key
    names; changed records are copies. ``after`` names the stage just run ("parse",
    "enrich", "dedup"); an item is reported only where the value actually changed."""
    wanted = [c for c in corrections.items if c.set or c.clear or c.reject_doi]
    if not wanted:
        return list(records), []
    out: list[Record] = []
    items: list[dict[str, Any]] = []
    for record in records:
        new = record
        for c in wanted:
            if not matches(record, c.key):
                continue
            for var, value in c.set.items():
                if new.get(var) != value or new.provenance.get(var, Provenance("")).stage != STAGE:
                    new = new if new is not record else record.copy()
                    old = copy.deepcopy(new.get(var))
                    new.set(var, copy.deepcopy(value), stage=STAGE, source=c.where("set"), confidence=1.0)
                    if old != value:
                        items.append(_item(c, "set", new.id, after, var, value, old))
            for var in c.clear:
                if var in new.csl or new.provenance.get(var, Provenance("")).stage != STAGE:
                    new = new if new is not record else record.copy()
                    old = new.csl.get(var)
                    new.set(var, None, stage=STAGE, source=c.where("clear"), confidence=1.0)
                    if old not in (None, "", []):
                        items.append(_item(c, "clear", new.id, after, var, None, old))
            doi = str(new.csl.get("DOI", "")).lower()
            if doi and doi in c.reject_doi:
                new = new if new is not record else record.copy()
                new.set("DOI", None, stage=STAGE, source=c.where("reject-doi"), confidence=1.0)
                items.append(_item(c, "reject-doi", new.id, after, "DOI", None, doi))
        out.append(new)
    return out, items


def _item(c: Correction, kind: str, record: str, after: str, var: str = "", value: Any = None,
          old: Any = None) -> dict[str, Any]:
    item: dict[str, Any] = {"key": c.key, "line": c.lines.get(kind, c.line), "kind": kind, "record": record,
                            "after": after}
    if var:
        item["field"] = var
    if value is not None:
        item["value"] = value
    if old not in (None, "", []):
        item["old"] = old
    return item


def rejected_dois(corrections: Corrections, records: Sequence[Record]) -> dict[str, frozenset[str]]:
    """For the enrich option: record id -> DOIs (lower case) never to accept for it."""
    out: dict[str, frozenset[str]] = {}
    for c in corrections.items:
        if c.reject_doi:
            for r in records:
                if matches(r, c.key):
                    out[r.id] = out.get(r.id, frozenset()) | frozenset(c.reject_doi)
    return out


def links(corrections: Corrections) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """For dedup: (must-link pairs from merge-with, cannot-link pairs from keep-apart)."""
    must = [(c.key, k) for c in corrections.items for k in c.merge_with]
    cannot = [(c.key, k) for c in corrections.items for k in c.keep_apart]
    return must, cannot


def link_items(corrections: Corrections, key_map: dict[str, str]) -> list[dict[str, Any]]:
    """Report items for keep-apart / merge-with, saying whether dedup's result honours them."""
    def final(key: str) -> str:
        return key_map.get(key, key)

    items = []
    for c in corrections.items:
        for other in c.keep_apart:
            item = _item(c, "keep-apart", c.key, "dedup")
            item.update(other=other, honoured=final(c.key) != final(other))
            items.append(item)
        for other in c.merge_with:
            item = _item(c, "merge-with", final(c.key), "dedup")
            item.update(other=other, honoured=final(c.key) == final(other))
            items.append(item)
    return items


def apply_drops(records: Sequence[Record], corrections: Corrections
                ) -> tuple[list[Record], list[dict[str, Any]]]:
    """Leave out the records a ``drop: true`` names (by key or alias), before export."""
    drops = [c for c in corrections.items if c.drop]
    kept: list[Record] = []
    items: list[dict[str, Any]] = []
    for record in records:
        c = next((c for c in drops if matches(record, c.key)), None)
        if c is None:
            kept.append(record)
        else:
            item = _item(c, "drop", record.id, "dedup")
            item["title"] = record.title
            items.append(item)
    return kept, items


def snippet(record: Record, corrections: Corrections, *, low: Iterable[str] = (),
            merged_with: Sequence[str] = (), doi_source: str = "") -> str:
    """A ready-to-paste corrections.yaml block for one record: what the file already says
    for it (active), and commented-out templates of the usual fixes."""
    own = [c for c in corrections.items if matches(record, c.key)]
    lines = [f"{_yaml_key(record.id)}:"]
    active: dict[str, Any] = {}
    for c in own:
        if c.set:
            active.setdefault("set", {}).update(c.set)
        if c.clear:
            active.setdefault("clear", []).extend(c.clear)
        for name, vals in (("reject-doi", c.reject_doi), ("keep-apart", c.keep_apart),
                           ("merge-with", c.merge_with)):
            if vals:
                active.setdefault(name, []).extend(vals)
        if c.drop:
            active["drop"] = True
    if active:
        body = yaml.safe_dump(active, allow_unicode=True, sort_keys=False, default_flow_style=None,
                              width=1000)
        lines += ["  " + ln for ln in body.rstrip("\n").splitlines()]
    if "set" not in active:
        fields = [f for f in low if f == "type" or f in record.csl] or (["title"] if record.title else [])
        if fields:
            pairs = ", ".join(f"{f}: {_flow_value(record, f)}" for f in fields[:2])
            lines.append(f"  # set: {{{pairs}}}")
    if "clear" not in active and "note" in record.csl:
        lines.append("  # clear: [note]")
    if doi_source and "reject-doi" not in active:
        lines.append(f"  # reject-doi: {doi_source}")
    if merged_with and "keep-apart" not in active:
        lines.append(f"  # keep-apart: [{', '.join(merged_with)}]")
    if "drop" not in active:
        lines.append("  # drop: true")
    return "\n".join(lines) + "\n"


def _flow_value(record: Record, var: str) -> str:
    """The record's value of ``var`` as it would be written in a ``set`` mapping."""
    value = record.get(var)
    if var in NAME_VARIABLES and isinstance(value, list):
        names = []
        for n in value:
            if isinstance(n, dict) and n.get("literal"):
                names.append(f"{{literal: {_flow(n['literal'])}}}")
            elif isinstance(n, dict):
                family = " ".join(filter(None, [n.get("non-dropping-particle"), n.get("family")]))
                names.append(_flow(", ".join(filter(None, [family, n.get("given")]))))
        return f"[{', '.join(names)}]"
    if var in DATE_VARIABLES and isinstance(value, dict):
        parts = (value.get("date-parts") or [[]])[0]
        if parts:
            return "-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(parts))
    return _flow(str(value))


def _yaml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_][\w.\-]*", key) else _flow(key)


_PLAIN = re.compile(r"[A-Za-z][\w .()/\-]*[\w.)]|[A-Za-z]")
_SPECIAL = frozenset("y n yes no on off true false null".split())


def _flow(text: str) -> str:
    """A YAML scalar for ``text`` inside a flow mapping: plain when that reads back as the
    same text, else single-quoted (``'`` doubled; a line break becomes a space)."""
    text = " ".join(text.split())
    if _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL:
        return text
    return "'" + text.replace("'", "''") + "'"
