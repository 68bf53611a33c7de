"""BibTeX/biblatex files <-> a :class:`~refs.model.Library`, without losing anything.

Reading (:func:`loads`): bibtexparser v2's splitter cuts the text into blocks
(entries, ``@string``, ``@preamble``, ``@comment``, free text, failed blocks) with
their line numbers. Each entry becomes a :class:`~refs.model.Record` whose ``csl``
holds the CSL view (macros and month names expanded, LaTeX decoded to Unicode,
names split, ``crossref``/``xdata`` inherited) and whose ``bibtex`` keeps the entry
type, key and every raw field in order, plus a ``decoded`` snapshot of the CSL
view. Everything else becomes a :class:`~refs.model.Block`. Problems (syntax
errors, duplicate keys, unknown entry types, undefined macros) go to the report
with file and line; the good entries are still read.

Writing (:func:`dumps`): an entry no stage touched is written exactly as it was
read. When a stage changed a CSL value (compared with ``decoded``), only the
fields holding that value are rewritten, in place; new records get a BibTeX type
and fields from their CSL type and variables. ``ascii=True`` writes LaTeX escapes
instead of Unicode; ``zotero=True`` writes for Zotero's BibTeX importer (see
:func:`zotero_entry`).
"""

from __future__ import annotations

import gc
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from bibtexparser import model as bp
from bibtexparser.splitter import Splitter

from refs.io import bibtex_csl as bc
from refs.io.latex import decode, escape, is_one_group, protected_phrases, to_ascii
from refs.keys import assign_keys
from refs.model import CUSTOM, BibtexSource, Block, Library, Origin, Record, Report
from refs.names import names_to_bibtex

__all__ = ["loads", "dumps", "entry_text", "zotero_entry", "resolve_value", "string_macros"]

_TYPE_RE = re.compile(r"@\s*([^\s{(]+)")


# -- reading -------------------------------------------------------------------------------

#: the most characters macros may expand to in one @string or field value, and the
#: deepest chain of macros defined through other macros (a self-doubling chain,
#: ``@string{a2 = a1 # a1}`` ..., would otherwise grow until memory runs out)
MAX_MACRO_CHARS = 1_000_000
MAX_MACRO_DEPTH = 64


class MacroLimit(ValueError):
    """A value whose @string macros expand beyond :data:`MAX_MACRO_CHARS` or
    :data:`MAX_MACRO_DEPTH`; ``macro`` names the one that crossed the line."""

    def __init__(self, macro: str, message: str) -> None:
        super().__init__(message)
        self.macro = macro


class _Macros:
    """@string macros in definition order, BibTeX's month macros predefined."""

    def __init__(self) -> None:
        self.values: dict[str, str] = dict(bc.DEFAULT_MACROS)
        self.undefined: dict[str, int] = {}
        self.depth: dict[str, int] = {}  # macro -> how many macro levels its value went through
        self.last_depth = 0  # the deepest macro the last resolve_value expanded

    def get(self, name: str, line: int | None) -> str:
        key = name.strip().lower()
        if key in self.values:
            return self.values[key]
        self.undefined.setdefault(name.strip(), line or 0)
        return name.strip()


def _matching(text: str, i: int, close: str) -> int:
    """Index of the delimiter closing the group opened at ``text[i]``."""
    depth = 0
    n = len(text)
    j = i
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if close == '"':
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            elif c == '"' and depth == 0 and j > i:
                return j
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return j
        j += 1
    return n - 1


def resolve_value(raw: str, macros: _Macros | dict[str, str] | None = None,
                  line: int | None = None) -> str:
    """The LaTeX text of a raw field value: delimiters removed, ``#`` pieces joined,
    macros expanded (``{a} # jan # "b"`` -> ``aJanuaryb``)."""
    if not raw:
        return ""
    if isinstance(macros, dict) or macros is None:
        m = _Macros()
        if macros:
            m.values.update({k.lower(): v for k, v in macros.items()})
        macros = m
    first, last = raw[0], raw[-1]
    if "#" not in raw:
        if first == "{" and last == "}":
            return raw[1:-1]
        if first == '"' and last == '"' and len(raw) > 1:
            return raw[1:-1]
        if raw.isdigit():
            return raw
    out: list[str] = []
    i = 0
    n = len(raw)
    total = 0
    macros.last_depth = 0
    while i < n:
        c = raw[i]
        if c.isspace() or c == "#":
            i += 1
            continue
        if c == "{":
            j = _matching(raw, i, "}")
            out.append(raw[i + 1 : j])
            i = j + 1
        elif c == '"':
            j = _matching(raw, i, '"')
            out.append(raw[i + 1 : j])
            i = j + 1
        else:
            j = i
            while j < n and raw[j] != "#" and not raw[j].isspace():
                j += 1
            token = raw[i:j]
            if token.isdigit():
                out.append(token)
            else:
                value = macros.get(token, line)
                total += len(value)
                if total > MAX_MACRO_CHARS:
                    raise MacroLimit(token, f"expanding macro {token!r} makes it longer than "
                                            f"{MAX_MACRO_CHARS:,} characters")
                macros.last_depth = max(macros.last_depth, macros.depth.get(token.lower(), 0))
                out.append(value)
            i = j
    return "".join(out)


_STRING_RE = re.compile(r"^@\s*string\s*[{(]\s*([^=\s]+)\s*=\s*(.*?)\s*[})]\s*$", re.I | re.S)


def string_macros(library: Library) -> dict[str, str]:
    """The ``@string`` macros of a library as LaTeX (braces kept), in definition order.

    Pass them to :func:`loads` (``macros=``) to read a file whose macros live in
    another file (JabRef's author-ID files, IRIDIA's ``abbrev.bib``)."""
    macros = _Macros()
    out: dict[str, str] = {}
    for block in library.blocks:
        if block.kind != "string":
            continue
        m = _STRING_RE.match(block.raw.strip())
        if m:
            name = m.group(1).lower()
            try:
                value = resolve_value(m.group(2), macros)
                if macros.last_depth + 1 > MAX_MACRO_DEPTH:
                    value = ""
            except MacroLimit:  # reported when the file was read
                value = ""
            macros.values[name] = out[name] = value
            macros.depth[name] = macros.last_depth + 1
    return out


def _snapshot(csl_type: str, csl: dict[str, Any]) -> dict[str, Any]:
    """A copy of the CSL view deep enough that stages editing ``csl`` do not touch it
    (``copy.deepcopy`` is ten times slower and this runs once per entry)."""
    snap: dict[str, Any] = {"type": csl_type}
    for k, v in csl.items():
        t = type(v)
        if t is str:
            snap[k] = v
        elif t is list:
            snap[k] = [dict(x) if type(x) is dict else x for x in v]
        elif t is dict:
            snap[k] = {kk: ([list(p) for p in vv] if kk == "date-parts" else
                            (dict(vv) if type(vv) is dict else vv)) for kk, vv in v.items()}
        else:
            snap[k] = v
    return snap


class _Pending:
    __slots__ = ("record", "etype", "fields", "line")

    def __init__(self, record: Record, etype: str, fields: dict[str, str], line: int) -> None:
        self.record = record
        self.etype = etype
        self.fields = fields
        self.line = line


def loads(text: str, source: str = "", *,
          macros: dict[str, str] | None = None) -> tuple[Library, Report]:
    """Read BibTeX/biblatex text into a Library; problems go to the report.

    ``macros`` predefines ``@string`` macros (name -> LaTeX value), for files that
    use macros defined in another file (see :func:`string_macros`).

    The cyclic garbage collector is paused while reading: parsing allocates
    millions of small objects that are all kept, and letting the collector scan
    them repeatedly costs as much as the parse itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        with _quiet_bibtexparser():
            return _loads(text, source, macros or {})
    finally:
        if enabled:
            gc.enable()


#: bibtexparser's loggers: the package's, and the splitter's (the one that logs while
#: reading), in case someone gave it a level of its own.
_BIBTEXPARSER_LOGGERS = ("bibtexparser", "bibtexparser.splitter")
_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved: dict[str, int] = {}


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """Silence bibtexparser's logging while refs reads.

    Why: bibtexparser logs every syntax error it recovers from ("Parsing of `@article{b`
    block (line 6) aborted...", its "invalid state" errors) and, with no handler set up,
    Python prints those raw lines on stderr next to refs' own ``file:line`` problem for
    the same entry. refs reports them as data, so bibtexparser's copy is dropped: its
    loggers are raised above CRITICAL for the duration and then restored. A depth count
    under a lock makes this safe when several threads read at once (the last one out
    restores the levels); refs' own problems never go through these loggers.
    """
    global _quiet_depth
    with _quiet_lock:
        if _quiet_depth == 0:
            for name in _BIBTEXPARSER_LOGGERS:
                logger = logging.getLogger(name)
                _quiet_saved[name] = logger.level
                logger.setLevel(logging.CRITICAL + 1)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for name, level in _quiet_saved.items():
                    logging.getLogger(name).setLevel(level)
                _quiet_saved.clear()


def _loads(text: str, source: str, predefined: dict[str, str]) -> tuple[Library, Report]:
    report = Report(stage="read")
    report.summary.update({"entries": 0, "strings": 0, "failed_blocks": 0})
    library = Library(source=source, format="bibtex")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        report.problem("empty file: no BibTeX entries", file=source, line=1, severity="warning")
        return library, report

    text = _repair_keys(text, source, report)
    macros = _Macros()
    macros.values.update({k.lower(): v for k, v in predefined.items()})
    pending: list[_Pending] = []
    first_line: dict[str, int] = {}
    xdata: dict[str, tuple[str, dict[str, str]]] = {}
    records = library.records
    blocks = library.blocks

    pos = 0

    def gap(raw: str | None) -> str | None:
        """The text between the previous block and ``raw`` (kept for exact write-back)."""
        nonlocal pos
        if not raw:
            return None
        at = text.find(raw, pos)
        if at < 0:
            # after a failed block bibtexparser restarts at the '@' inside it that begins
            # this block: the two overlap, and the failed block (kept as text) gives it up
            at = text.find(raw, max(0, pos - len(raw)))
            shared = text[at:pos] if 0 <= at < pos else ""
            if not shared or not blocks or blocks[-1].kind != "text" or \
                    not blocks[-1].raw.endswith(shared):
                return None
            blocks[-1].raw = blocks[-1].raw[: -len(shared)]
            pos = at + len(raw)
            return ""
        before = text[pos:at]
        pos = at + len(raw)
        return before

    for block, line, last_chunk in _split(text):
        before = gap(block.raw)
        if isinstance(block, bp.DuplicateBlockKeyBlock):
            block = block.ignore_error_block  # our own duplicate handling below
        if isinstance(block, bp.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            names = ", ".join(sorted(block.duplicate_keys))
            report.problem(f"entry {entry.key!r} has the field(s) {names} more than once; "
                           "the first is used, all are kept", file=source, line=line,
                           severity="warning", record=entry.key)
            block = entry
        if isinstance(block, bp.Entry):
            _read_entry(block, line, source, macros, report, pending, first_line, xdata, records,
                        blocks, before)
        elif isinstance(block, bp.String):
            name = block.key.strip()
            try:
                value = resolve_value(block.value, macros, line)
                if macros.last_depth + 1 > MAX_MACRO_DEPTH:
                    raise MacroLimit(name, f"macros defined through more than {MAX_MACRO_DEPTH} levels")
            except MacroLimit as exc:
                report.problem(f"@string macro {name!r} not expanded: {exc} (a macro that doubles "
                               "itself?); defined as empty", file=source, line=line)
                value = ""
            macros.values[name.lower()] = value
            macros.depth[name.lower()] = macros.last_depth + 1
            blocks.append(Block("string", block.raw or "", len(records), name=block.key.strip(),
                                value=decode(value), line=line, before=before))
            report.summary["strings"] += 1
        elif isinstance(block, bp.Preamble):
            blocks.append(Block("preamble", block.raw or "", len(records), line=line, before=before))
        elif isinstance(block, bp.ExplicitComment):
            blocks.append(Block("comment", block.raw or "", len(records), line=line, before=before))
        elif isinstance(block, bp.ImplicitComment):
            blocks.append(Block("text", block.raw or "", len(records), line=line, before=before))
        elif isinstance(block, bp.ParsingFailedBlock):
            _failed_block(block, line, source, report, blocks, len(records), before, last_chunk)

    tail = text[pos:]
    if tail.strip():  # text after the last block that bibtexparser gave no block (a stray '{')
        blocks.append(Block("text", tail.strip(), len(records), line=text.count("\n", 0, pos) + 1,
                            before=tail[: len(tail) - len(tail.lstrip())]))
    _finish(pending, xdata, records, macros, report, source)
    _key_missing(records, report, source)
    undefined = list(macros.undefined.items())
    if len(undefined) <= 5:
        for name, at in undefined:
            report.problem(f"undefined @string macro {name!r} (kept as its name)", file=source,
                           line=at or None, severity="warning")
    else:
        shown = ", ".join(name for name, _ in undefined[:8])
        report.problem(f"{len(undefined)} undefined @string macros, kept as their names (defined "
                       f"in another file?): {shown}, ...", file=source, line=undefined[0][1] or None,
                       severity="warning")
    if not records and not report.errors and not report.summary["strings"]:
        report.problem("no BibTeX entries found", file=source, line=1, severity="warning")
    report.summary["entries"] = len(records)
    report.problems.sort(key=lambda p: p.line if p.line is not None else 0)
    return library, report


#: where the text may be cut into chunks: a line starting a new @-block. bibtexparser
#: ends whatever block it is in at such a line, so splitting there changes nothing.
_CHUNK_BREAK = re.compile(r"\n(?=[ \t]*@\w*[ \t]*[{(])")
CHUNK_SIZE = 1 << 20


def _split(text: str) -> Iterator[tuple[bp.Block, int, bool]]:
    """bibtexparser's blocks with 1-based file line numbers, splitting ~1 MB at a time.

    Chunks keep memory flat on very large files: each chunk's bibtexparser objects
    are dropped once its blocks have become records."""
    n = len(text)
    start = 0
    line0 = 0
    while start < n:
        end = n
        if n - start > CHUNK_SIZE:
            m = _CHUNK_BREAK.search(text, start + CHUNK_SIZE)
            if m:
                end = m.start() + 1
        last = end >= n
        for block, line in _split_chunk(text[start:end]):
            yield block, line0 + line, last
        line0 += text.count("\n", start, end)
        start = end


def _split_chunk(chunk: str) -> Iterator[tuple[bp.Block, int]]:
    """Blocks of one chunk with 1-based lines relative to it.

    bibtexparser raises (rather than reports) on states it considers its own bug;
    then the chunk is split entry by entry so only the offending entry is lost,
    and that one comes back as a failed block with the error, never a traceback."""
    try:
        blocks = Splitter(chunk).split().blocks
    except Exception:
        blocks = None
    if blocks is not None:
        for block in blocks:
            yield block, (block.start_line or 0) + 1
        return
    cuts = [0] + [m.start() + 1 for m in _CHUNK_BREAK.finditer(chunk)] + [len(chunk)]
    line0 = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = chunk[a:b]
        try:
            for block in Splitter(piece).split().blocks:
                yield block, line0 + (block.start_line or 0) + 1
        except Exception as exc:  # bibtexparser's internal errors become a reported block
            error = RuntimeError(f"bibtexparser failed on it ({type(exc).__name__}: {exc})")
            yield bp.ParsingFailedBlock(error=error, start_line=0, raw=piece.rstrip()), line0 + 1
        line0 += piece.count("\n")


# "@article{key title = ..." : the comma after the key is missing
_KEY_NO_COMMA_RE = re.compile(
    r"^([ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*[^\s,={}()\"#%]+)((?:[ \t]+|[ \t]*\n[ \t]*)"
    r"[A-Za-z][\w:.+-]*[ \t]*=)",
    re.M)


def _repair_keys(text: str, source: str, report: Report) -> str:
    """Insert the comma a user forgot after a citation key (reported as a warning).

    bibtexparser gives up on such an entry and reads its fields as free text, so
    the repair happens on the text before splitting."""
    if "=" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        if m.group(2).lower() in ("string", "comment", "preamble"):
            return m.group(0)
        line = text.count("\n", 0, m.start()) + 1
        key = re.sub(r"^[^{(]*[{(]\s*", "", m.group(1))
        report.problem(f"{key!r}: missing comma after the citation key; read as if it were there",
                       file=source, line=line, severity="warning", record=key)
        return m.group(1) + "," + m.group(3)

    return _KEY_NO_COMMA_RE.sub(fix, text)


_REASONS = (
    (re.compile(r"Unexpected block start: `(@\w*)`"),
     "not closed before the next {0} block (unbalanced braces or quotes?)"),
    (re.compile(r"Unexpectedly reached end of file"),
     "not closed before the end of the file (unbalanced braces or quotes?)"),
    (re.compile(r"Expected comma after entry key, but found (.+)"),
     "missing comma after the citation key (found {0})"),
)


def _reason(text: str) -> str:
    """bibtexparser's abort reason in words a user acts on."""
    for pattern, message in _REASONS:
        m = pattern.search(text)
        if m:
            return message.format(*m.groups())
    return text


def _failed_block(block: bp.ParsingFailedBlock, line: int, source: str, report: Report,
                  blocks: list[Block], position: int, before: str | None,
                  last_chunk: bool = True) -> None:
    raw = block.raw or ""
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    reason = " ".join(str(reason).split())
    if not last_chunk and "end of file" in reason:
        reason = "Unexpected block start: `@`"  # the chunk ended where the next block starts
    reason = _reason(reason)
    m = _TYPE_RE.match(raw)
    kind = m.group(1).lower() if m else ""
    key = ""
    km = re.match(r"@\s*[^\s{(]+\s*[{(]\s*([^,\s]*)", raw)
    if km:
        key = km.group(1)
    what = f"@{kind}{{{key}" + ("...}" if key else "}") if kind else "block"
    report.problem(f"{what} skipped: {reason}", file=source, line=line, severity="error",
                   record=key or None)
    if kind not in ("string", "comment", "preamble"):
        report.skipped += 1
    report.summary["failed_blocks"] += 1
    # keep the text so that writing BibTeX back loses nothing
    blocks.append(Block("text", raw, position, line=line, before=before))


def _read_entry(entry: bp.Entry, line: int, source: str, macros: _Macros, report: Report,
                pending: list[_Pending], first_line: dict[str, int],
                xdata: dict[str, tuple[str, dict[str, str]]], records: list[Record],
                blocks: list[Block], before: str | None) -> None:
    raw = entry.raw or ""
    m = _TYPE_RE.match(raw)
    entry_type = m.group(1) if m else entry.entry_type
    etype = entry_type.lower()
    key = entry.key.strip()
    fields = entry.fields
    if any("=" in f.value for f in fields):
        field_list = _recover_fields(entry, key, line, source, report)
    else:
        field_list = [(f.key, f.value) for f in fields]
    resolved: dict[str, str] = {}
    for name, value in field_list:
        lname = name.lower()
        if lname in resolved:
            continue
        # the common case inline: one braced value, no concatenation
        if value[:1] == "{" and value[-1:] == "}" and "#" not in value:
            resolved[lname] = value[1:-1]
        elif value.isdigit():
            resolved[lname] = value
        else:
            try:
                resolved[lname] = resolve_value(value, macros, line)
            except MacroLimit as exc:
                report.problem(f"{key!r}: field {name!r} dropped: {exc}", file=source, line=line,
                               record=key or None)
                resolved[lname] = ""
    lkey = key.lower()
    if etype == "xdata":
        xdata[lkey] = (etype, resolved)
        blocks.append(Block("text", raw, len(records), line=line, before=before))
        return
    if key and lkey in first_line:  # (an entry without a key gets one later: _key_missing)
        report.problem(f"duplicate citation key {key!r} (first at line {first_line[lkey]}); "
                       "both entries kept", file=source, line=line, severity="warning", record=key)
    elif key:
        first_line[lkey] = line
    if etype not in bc.KNOWN_TYPES:
        report.problem(f"unknown entry type @{entry_type} for {key!r}; read as a generic document",
                       file=source, line=line, severity="warning", record=key or None)
    record = Record(
        id=key,
        origin=Origin(format="bibtex", file=source, line=line, text=raw),
        bibtex=BibtexSource(entry_type=entry_type, key=key, fields=field_list, before=before),
        aliases=bc.aliases_from_ids(resolved.get("ids")),
    )
    records.append(record)
    if "crossref" in resolved or "xdata" in resolved:
        pending.append(_Pending(record, etype, resolved, line))  # parents may come later
    else:
        _convert(record, etype, resolved, line, report, source)


def _convert(rec: Record, etype: str, fields: dict[str, str], line: int, report: Report,
             source: str) -> None:
    """Fill the record's CSL view (and its ``decoded`` snapshot) from resolved fields."""
    try:
        csl_type, csl, _others = bc.fields_to_csl(etype, fields)
    except Exception as exc:  # a bug on odd input must cost one record's CSL view, not the file
        report.problem(f"{rec.id!r}: could not read its fields ({type(exc).__name__}: {exc}); "
                       "kept as written", file=source, line=line, record=rec.id)
        csl_type, csl = "document", {}
    rec.type = csl_type
    rec.csl = csl
    if rec.bibtex is not None:
        rec.bibtex.decoded = _snapshot(csl_type, csl)


# a value followed by another "name = value" without the comma between them
_MISSING_COMMA_RE = re.compile(r"^(\{.*\}|\".*\"|[^\s{}\"#]+)\s+([A-Za-z][\w:.+-]*)\s*=\s*(\S.*)$", re.S)


def _recover_fields(entry: bp.Entry, key: str, line: int, source: str,
                    report: Report) -> list[tuple[str, str]]:
    """The entry's fields, with a missing comma between two fields repaired.

    bibtexparser reads ``title = {x} year = 2000`` as one field whose value is
    ``{x} year = 2000``. When a value is two delimited pieces not joined by
    ``#`` followed by ``name =``, it is split back into two fields and the
    problem is reported (the entry text itself is written back unchanged).
    """
    out: list[tuple[str, str]] = []
    for f in entry.fields:
        name, value = f.key, f.value
        if "=" not in value:
            out.append((name, value))
            continue
        fline = line + (f.start_line or 0) - (entry.start_line or 0)
        while "=" in value:
            m = _MISSING_COMMA_RE.match(value)
            if not m or "#" in m.group(1) or not _balanced_piece(m.group(1)):
                break
            report.problem(f"{key!r}: missing comma after field {name!r}; read {m.group(2)!r} "
                           "as the next field", file=source, line=fline, severity="warning",
                           record=key or None)
            out.append((name, m.group(1)))
            name, value = m.group(2), m.group(3).strip()
        out.append((name, value))
    return out


def _balanced_piece(piece: str) -> bool:
    """True if ``piece`` is exactly one ``{...}``/``"..."`` group or a bare word."""
    if piece[0] == "{":
        return is_one_group(piece)
    if piece[0] != '"':
        return True
    depth = 0
    i = 1
    n = len(piece)
    while i < n:
        c = piece[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return False
        elif c == '"' and depth == 0:
            return i == n - 1
        i += 1
    return False


def _finish(pending: list[_Pending], xdata: dict[str, tuple[str, dict[str, str]]],
            records: list[Record], macros: _Macros, report: Report, source: str) -> None:
    """Convert the entries that inherit (crossref/xdata) once every parent is known.

    Entries without inheritance were converted as they were read, and their
    resolved fields dropped to keep memory low; a parent among them is resolved
    again from its raw fields when a child needs it."""
    known: dict[str, tuple[str, dict[str, str]]] = dict(xdata)
    for p in pending:
        known.setdefault(p.record.id.lower(), (p.etype, p.fields))
    by_record: dict[str, Record] = {}
    if pending:
        for rec in records:
            by_record.setdefault(rec.id.lower(), rec)

    class _Parents:
        def get(self, key: str) -> tuple[str, dict[str, str]] | None:
            if key in known:
                return known[key]
            rec = by_record.get(key)
            if rec is None or rec.bibtex is None:
                return None
            fields: dict[str, str] = {}
            for name, raw in rec.bibtex.fields:
                try:
                    fields.setdefault(name.lower(), resolve_value(raw, macros))
                except MacroLimit:  # reported when the parent itself was read
                    fields.setdefault(name.lower(), "")
            known[key] = (rec.bibtex.entry_type.lower(), fields)
            return known[key]

    by_key = _Parents()
    effective_cache: dict[str, dict[str, str]] = {}

    def inherits(fields: dict[str, str]) -> bool:
        return "crossref" in fields or "xdata" in fields

    deepest = (0, "")

    def effective(key: str, etype: str, fields: dict[str, str], line: int, rid: str) -> dict[str, str]:
        """The fields of ``key`` with everything its xdata and crossref parents give,
        resolved with an explicit stack (chains of any depth; cycles reported and cut)."""
        nonlocal deepest
        if not inherits(fields):
            return fields
        if key in effective_cache:
            return effective_cache[key]
        frames = [_Frame(key, etype, fields)]
        on_path = {key}
        while True:
            f = frames[-1]
            if f.next < len(f.parents):
                kind, pname = f.parents[f.next]
                f.next += 1
                pkey = pname.lower()
                parent = by_key.get(pkey)
                if parent is None:
                    report.problem(f"{rid!r}: {kind} entry {pname!r} not found", file=source, line=line,
                                   severity="warning", record=rid)
                elif pkey in on_path:
                    report.problem(f"{rid!r}: {kind} cycle through {pname!r}", file=source, line=line,
                                   severity="warning", record=rid)
                elif not inherits(parent[1]) or pkey in effective_cache:
                    f.got.append((kind, parent[0], effective_cache.get(pkey, parent[1])))
                else:
                    frames.append(_Frame(pkey, parent[0], parent[1], kind))
                    on_path.add(pkey)
                    if len(frames) > deepest[0]:
                        deepest = (len(frames), rid)
                continue
            out = dict(f.fields)
            for kind, petype, pfields in f.got:
                if kind == "xdata":
                    for name, value in pfields.items():
                        if name not in bc.NO_INHERIT:
                            out.setdefault(name, value)
                else:
                    out = bc.inherit(f.etype, out, petype, pfields)
            effective_cache[f.key] = out
            frames.pop()
            on_path.discard(f.key)
            if not frames:
                return out
            frames[-1].got.append((f.kind, f.etype, out))

    for p in pending:
        rec = p.record
        lkey = rec.id.lower()
        fields = effective(lkey, p.etype, p.fields, p.line, rec.id)
        _convert(rec, p.etype, fields, p.line, report, source)
    if deepest[0] > MAX_QUIET_CHAIN:
        report.problem(f"crossref/xdata chain {deepest[0]} entries deep (from {deepest[1]!r}); resolved",
                       file=source, severity="warning", record=deepest[1])


#: longer crossref/xdata chains than this are resolved, with a warning
MAX_QUIET_CHAIN = 8


class _Frame:
    """One entry on the crossref/xdata resolution stack: its parents (xdata keys in
    order, then the crossref), the next one to look at, and the parents' effective
    fields gathered so far."""

    def __init__(self, key: str, etype: str, fields: dict[str, str], kind: str = "") -> None:
        self.key, self.etype, self.fields, self.kind = key, etype, fields, kind
        self.parents = [("xdata", k.strip()) for k in decode(fields.get("xdata", "")).split(",") if k.strip()]
        cref = fields.get("crossref", "").strip()
        if cref:
            self.parents.append(("crossref", cref))
        self.next = 0
        self.got: list[tuple[str, str, dict[str, str]]] = []


def _key_missing(records: list[Record], report: Report, source: str) -> None:
    """Keys for entries written without one (``@book{, ...}``), unique in the file."""
    missing = [r for r in records if not r.id]
    if not missing:
        return
    assign_keys(records)
    for rec in missing:
        assert rec.bibtex is not None
        rec.bibtex.key = rec.id  # an unchanged entry is still written as it was
        report.problem(f"@{rec.bibtex.entry_type} entry without a citation key; read as "
                       f"{rec.id!r}", file=source, line=rec.origin.line, severity="warning",
                       record=rec.id)


# -- writing -------------------------------------------------------------------------------

def dumps(library: Library, ascii: bool = False, zotero: bool = False, **_: Any) -> str:
    """A Library as BibTeX text.

    Unchanged entries and blocks are written as read; ``ascii`` writes LaTeX
    escapes for non-ASCII characters; ``zotero`` writes for Zotero's importer.
    """
    return "".join(dump_chunks(library.records, ascii=ascii, zotero=zotero, blocks=library.blocks,
                               taken={r.id for r in library.records if r.id},
                               macros=string_macros(library) if zotero else None))


def dump_chunks(records: Iterable[Record], ascii: bool = False, zotero: bool = False,
                blocks: Sequence[Block] = (), taken: set[str] | None = None,
                macros: dict[str, str] | None = None, **_: Any) -> Iterator[str]:
    """:func:`dumps` piece by piece, the records taken one at a time as they come (a
    stream of parsed records is written without holding them all). ``taken``: the keys a
    made-up key must avoid (:func:`dumps` passes every record's; without it, those of
    the records written so far)."""
    blocks = [] if zotero else list(blocks)
    bi = 0
    if taken is None:
        taken, grow = set(), True
    else:
        grow = False
    if zotero and macros is None:
        macros = {}
    started = False
    ended: bool | None = None  # (does the text so far end a line; None: no text yet)

    def emit(text: str, before: str | None) -> str:
        nonlocal started, ended
        if before is None or zotero:
            before = "\n\n" if started else ""
        started = True
        piece = before + text
        ended = piece.endswith("\n") if piece else ended
        return piece

    for idx, rec in enumerate(records):
        if grow and rec.id:
            taken.add(rec.id)
        line = rec.origin.line if rec.bibtex is not None else None
        while bi < len(blocks) and _block_before(blocks[bi], idx, line):
            yield emit(_block_text(blocks[bi], ascii), blocks[bi].before)
            bi += 1
        if not rec.id or (_BAD_KEY_CHARS.search(rec.id) and not _written_as_read(rec)):
            rec = _keyed_copy(rec, taken)
        text = zotero_entry(rec, ascii, macros) if zotero else entry_text(rec, ascii=ascii)
        yield emit(text, rec.bibtex.before if rec.bibtex is not None else None)
    while bi < len(blocks):
        yield emit(_block_text(blocks[bi], ascii), blocks[bi].before)
        bi += 1
    if ended is False:
        yield "\n"


#: what a BibTeX citation key cannot hold (biber's rules; plain BibTeX stops at fewer)
_BAD_KEY_CHARS = re.compile(r"[\s\"#%'(),={}\\]+")


def _written_as_read(rec: Record) -> bool:
    """An entry read from a .bib under its own key, which the writer does not touch."""
    return rec.bibtex is not None and rec.id == rec.bibtex.key


def _keyed_copy(rec: Record, taken: set[str]) -> Record:
    """A copy of a record with a key BibTeX can read: made up when it has none, else the
    id with what a key cannot hold replaced by ``_`` (``Smith 2001`` -> ``Smith_2001``,
    kept as an alias when an ``ids`` field can hold it). The record itself is not changed."""
    copy = rec.copy()
    copy.id = ""
    if rec.id:
        base = _BAD_KEY_CHARS.sub("_", rec.id).strip("_") or "ref"
        copy.id, n = base, 0
        while copy.id in taken:
            n += 1
            copy.id = f"{base}_{n}"
        if not re.search(r"[,{}]", rec.id):
            copy.aliases = [*copy.aliases, rec.id]
    else:
        assign_keys([copy], taken)
    taken.add(copy.id)
    return copy


def _block_before(block: Block, idx: int, line: int | None) -> bool:
    if block.line is not None and line is not None and block.line != line:
        return block.line < line
    return block.position <= idx  # same line (or no lines): the read order decides


def _block_text(block: Block, ascii: bool) -> str:
    return to_ascii(block.raw) if ascii else block.raw


def _changed_vars(rec: Record, decoded: dict[str, Any]) -> list[str]:
    csl = rec.csl
    out = [k for k, v in csl.items() if decoded.get(k) != v]
    out.extend(k for k in decoded if k != "type" and k not in csl)
    return out


def _is_unchanged(rec: Record) -> bool:
    src = rec.bibtex
    assert src is not None
    d = src.decoded
    if rec.id != src.key or d.get("type") != rec.type or len(d) != len(rec.csl) + 1:
        return False
    csl = rec.csl
    for k, v in d.items():
        if k != "type" and csl.get(k, _MISSING) != v:
            return False
    return rec.aliases == bc.aliases_from_ids(_resolved(src, "ids"))


_MISSING = object()


def _resolved(src: BibtexSource, name: str) -> str | None:
    raw = src.get(name)
    return resolve_value(raw) if raw is not None else None


def entry_text(rec: Record, ascii: bool = False) -> str:
    """One record as a BibTeX entry (raw text when nothing changed)."""
    src = rec.bibtex
    if src is None:
        return _new_entry(rec, ascii)
    if _is_unchanged(rec):
        raw = rec.origin.text
        if raw and (not ascii or raw.isascii()):
            return raw
        return _format_entry(src.entry_type, src.key, src.fields, ascii)
    return _changed_entry(rec, src, ascii)


def _format_entry(entry_type: str, key: str, fields: list[tuple[str, str]], ascii: bool) -> str:
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        if ascii and not value.isascii() and name.lower() not in bc.VERBATIM_FIELDS:
            value = to_ascii(value)
        lines.append(f"  {name} = {value},")
    if len(lines) > 1:
        lines[-1] = lines[-1][:-1]
    lines.append("}")
    return "\n".join(lines)


def _changed_entry(rec: Record, src: BibtexSource, ascii: bool) -> str:
    decoded = src.decoded
    entry_type = src.entry_type
    etype = entry_type.lower()
    if decoded.get("type") != rec.type and bc.TYPE_TO_CSL.get(etype) != rec.type:
        entry_type = bc.entry_type_for(rec.type, rec.csl)
        etype = entry_type
    fields = list(src.fields)
    lower = [n.lower() for n, _ in fields]
    for var in _changed_vars(rec, decoded):
        sources = bc.VAR_SOURCES.get(var) or (bc.VAR_FIELD.get(var) or var.lower(),)
        if var == CUSTOM:
            sources = tuple(bc.CUSTOM_BIBTEX_FIELDS.values())
        elif "howpublished" in sources and var != "medium":
            # howpublished feeds URL/publisher only when the proper field is absent
            proper = {"URL": ("url",), "publisher": ("publisher", "institution", "school",
                                                     "organization")}.get(var, ())
            if any(p in lower for p in proper):
                sources = tuple(f for f in sources if f != "howpublished")
        own = [i for i, n in enumerate(lower) if n in sources]
        prefer: dict[str, str] = {}
        if own:
            used = [lower[i] for i in own]
            if var == "issued":
                if "date" in used:
                    prefer[var] = "date"
                if "day" in used:
                    prefer["day"] = "day"
            elif var not in ("title", "page"):
                prefer[var] = fields[own[0]][0]
        new = bc.var_to_fields(var, rec.csl.get(var), rec.type, etype, prefer)
        old_raw = {lower[i]: fields[i][1] for i in own}
        spelling = {lower[i]: fields[i][0] for i in own}  # keep "Title" in a JabRef file
        texts = [(spelling.get(name.lower(), name), _value_text(name.lower(), value, kind, old_raw, ascii))
                 for name, value, kind in new]
        at = own[0] if own else len(fields)
        for i in reversed(own):
            del fields[i]
            del lower[i]
        at = min(at, len(fields))
        fields[at:at] = texts
        lower[at:at] = [n.lower() for n, _ in texts]
    ids_raw = _resolved(src, "ids")
    if rec.aliases != bc.aliases_from_ids(ids_raw):
        value = "{" + ", ".join(rec.aliases) + "}"
        if "ids" in lower:
            i = lower.index("ids")
            if rec.aliases:
                fields[i] = (fields[i][0], value)
            else:
                del fields[i]
        elif rec.aliases:
            fields.append(("ids", value))
    return _format_entry(entry_type, rec.id, fields, ascii)


def _value_text(name: str, value: Any, kind: str, old_raw: dict[str, str], ascii: bool) -> str:
    """A new field value as BibTeX text, delimiters included."""
    if kind == "macro":
        return str(value)
    if kind == bc.NAMES:
        others = name in old_raw and bool(_AND_OTHERS.search(resolve_value(old_raw[name])))
        if isinstance(value, str):  # a name list someone stored as text
            text = escape(value)
        else:
            names = [{k: escape(str(v)) for k, v in n.items() if v and isinstance(k, str)}
                     if isinstance(n, dict) else {"literal": escape(str(n))} for n in value]
            text = names_to_bibtex(names, others)
    elif kind == bc.VERBATIM:
        return "{" + str(value) + "}"
    elif kind == bc.TITLE:
        phrases = protected_phrases(resolve_value(old_raw[name])) if name in old_raw else []
        text = protect_case(str(value), phrases) if phrases else _protected(str(value))
    else:
        text = escape(str(value))
    if ascii:
        text = to_ascii(text)
    return "{" + text + "}"


_AND_OTHERS = re.compile(r"\sand\s+others\s*$", re.I)
_WORD_RE = re.compile(r"\S+")
_COMPOUND_RE = re.compile(r"([-–—/])")
_CORE_RE = re.compile(r"^([^\w]*)(.*?)((?:['’]s)?[^\w]*)$", re.S)  # NATO's: protect NATO


def _needs_protection(word: str) -> bool:
    """Acronyms and words with capitals after the first letter (NATO, iPhone, McDonald)."""
    upper = sum(map(str.isupper, word))
    return upper >= 2 or (upper == 1 and not word[0].isupper() and any(c.isalpha() for c in word[:1]))


def protect_case(text: str, phrases: list[str] = ()) -> str:  # type: ignore[assignment]
    """Escape ``text`` for BibTeX and brace-protect words whose case must survive
    BibTeX styles that lower-case titles: the ``phrases`` the original value
    protected, and acronyms / inner capitals."""
    if not phrases:
        return _protected(text)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)")
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append(_words_protected(text[pos: m.start()]))
        out.append("{" + escape(m.group(0)) + "}")
        pos = m.end()
    if pos < len(text):
        out.append(_words_protected(text[pos:]))
    return "".join(out)


@lru_cache(maxsize=1024)
def _protected(text: str) -> str:
    """:func:`protect_case` without phrases (a document's containers and series recur)."""
    return _words_protected(text)


def _words_protected(seg: str) -> str:
    """``seg`` escaped, each word that needs it protected (:func:`_word_protected`)."""
    pieces: list[str] = []
    pos = 0
    for m in _WORD_RE.finditer(seg):
        gap = seg[pos: m.start()]
        pieces.append(gap if gap == " " else escape(gap))
        pieces.append(_word_protected(m.group(0)))
        pos = m.end()
    pieces.append(escape(seg[pos:]))
    return "".join(pieces)


@lru_cache(maxsize=16384)
def _word_protected(word: str) -> str:
    """One word escaped, its core braced when its case must survive (the parts of a
    compound separately: Russia-{NATO}); cached: words recur."""
    cm = _CORE_RE.match(word)
    assert cm is not None
    lead, core, trail = cm.groups()
    if core and _needs_protection(core):
        parts = _COMPOUND_RE.split(core)
        core_text = "".join(
            ("{" + escape(p) + "}") if i % 2 == 0 and p and _needs_protection(p) else escape(p)
            for i, p in enumerate(parts))
        return escape(lead) + core_text + escape(trail)
    return escape(word)


def _new_entry(rec: Record, ascii: bool) -> str:
    entry_type = bc.entry_type_for(rec.type, rec.csl)
    fields: list[tuple[str, str]] = []
    for name, value, kind in bc.csl_to_fields(rec.type, rec.csl, entry_type):
        fields.append((name, _value_text(name, value, kind, {}, ascii)))
    if rec.aliases:
        fields.append(("ids", "{" + ", ".join(rec.aliases) + "}"))
    return _format_entry(entry_type, rec.id, fields, ascii)


# -- Zotero --------------------------------------------------------------------------------

#: raw fields Zotero's BibTeX import translator reads (BibTeX.js processField)
ZOTERO_FIELDS = frozenset(
    "address chapter edition type series title volume copyright isbn issn shorttitle url doi"
    " abstract nationality language assignee booktitle school institution publisher issue"
    " location journaltitle shortjournal eventtitle pagetotal version subtitle journal fjournal"
    " author editor translator organization number month year date pages note howpublished"
    " lastchecked urldate keywords keyword comment annote review notes pdf path sentelink file"
    " eprint eprinttype lccn mrnumber zmnumber pmid pmcid".split()
)

#: CSL variables that reach a Zotero field through the fields refs writes
_ZOTERO_VARS = frozenset(
    "author editor translator title container-title issued accessed publisher publisher-place"
    " volume issue number collection-number page edition collection-title title-short DOI ISBN"
    " ISSN URL abstract language keyword note genre chapter-number rights event-title"
    " number-of-pages version container-title-short PMID PMCID annote".split()
)

#: raw fields the CSL view already holds (their content reaches Zotero through it)
_CONSUMED = frozenset(
    set(bc.NAME_FIELDS) | set(bc.TEXT_FIELDS) | {
        "title", "subtitle", "titleaddon", "journal", "journaltitle", "journalsubtitle", "booktitle",
        "booksubtitle", "booktitleaddon", "maintitle", "mainsubtitle", "number", "institution",
        "school", "organization", "pages", "langid", "date", "year", "month", "day", "urldate",
        "lastchecked", "origdate", "eventdate", "doi", "url", "entrysubtype", "crossref", "xdata",
        "archiveurl", "archivedate", "urlstatus"}
)
def _zotero_label(var: str) -> str:
    return var.replace("-", " ").replace("_", " ").capitalize()


def _plain(value: Any) -> str:
    """A CSL value as one line of text for a Zotero note."""
    if isinstance(value, list):
        from refs.model import name_text

        return "; ".join(name_text({k: str(x) for k, x in v.items()}) if isinstance(v, dict)
                         else str(v) for v in value)
    if isinstance(value, dict):
        if "date-parts" in value or "literal" in value or "raw" in value:
            return bc.date_to_iso(value)
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


#: raw fields refs derives from the others or that are not data for Zotero
_DERIVED = frozenset({"ids", "crossref", "xdata", "year", "month", "day", "date", "entrysubtype",
                      "urlstatus", "title", "subtitle", "titleaddon"})
#: raw fields copied as written even when the CSL view holds their meaning: Better BibTeX
#: reads the entry's own words (``langid = {ngerman}`` decides sentence-casing, ``type =
#: {phdthesis}`` is a key it localises)
_ZOTERO_COPY = frozenset({"langid", "language", "keywords", "type"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-"})


def _norm(text: str) -> str:
    """Text compared for "the same value": dashes as hyphens, ``--`` as one, spaces collapsed."""
    return _SPACED_HYPHEN.sub("-", " ".join(text.translate(_DASHES).replace("--", "-").split())).casefold()


_SPACED_HYPHEN = re.compile(r" ?- ?")


def _raw_fields(rec: Record, macros: dict[str, str]) -> dict[str, str]:
    """The entry's raw fields as LaTeX (macros expanded), by lower-case name; repeated
    fields joined (two ``keywords`` fields are one list of tags)."""
    out: dict[str, str] = {}
    if rec.bibtex is None:
        return out
    for name, value in rec.bibtex.fields:
        lname = name.lower()
        try:
            latex = resolve_value(value, macros)
        except MacroLimit:  # reported when the file was read: the field as written
            latex = value
        if lname in out:
            if lname in ("keywords", "keyword"):
                out[lname] = out[lname] + ", " + latex
            continue
        out[lname] = latex
    return out


def _phrase_sources(raw: dict[str, str]) -> dict[str, str]:
    """The raw fields (delimited) a rewritten field looks at: its case-protected phrases,
    its ``and others``; a title joined with its subtitle takes the braces of both."""
    out = {k: "{" + v + "}" for k, v in raw.items()}
    for main, parts in (("title", ("subtitle", "titleaddon")),
                        ("booktitle", ("booksubtitle", "booktitleaddon")),
                        ("journal", ("journaltitle", "journalsubtitle"))):
        pieces = [raw[k] for k in (main, *parts) if k in raw]
        if pieces:
            out[main] = "{" + " ".join(pieces) + "}"
    return out


def _as_written(name: str, text: str, raw: dict[str, str], kind: str) -> str:
    """``text`` for field ``name``, or the entry's own LaTeX when it says the same."""
    if kind == bc.NAMES or name not in raw:
        return text
    if name in _ZOTERO_COPY:
        return "{" + raw[name] + "}"
    mine = _norm(decode(text[1:-1]) if text.startswith("{") else text)
    for sub in _SUBTITLES.get(name, ()):
        if sub in raw and _norm(decode(raw[name]) + ": " + decode(raw[sub])) == mine:
            return "{" + raw[name] + ": " + raw[sub] + "}"  # the title joined with its subtitle
    if _norm(decode(raw[name])) == mine:
        return "{" + raw[name] + "}"
    if any(_norm(decode(v)) == mine for k, v in raw.items() if k != name):
        # the CSL view holds one container: a journal put in booktitle's place keeps both,
        # this field its own value and the other field copied as written
        return "{" + raw[name] + "}"
    return text


_SUBTITLES = {"title": ("subtitle",), "booktitle": ("booksubtitle",), "journal": ("journalsubtitle",),
              "journaltitle": ("journalsubtitle",)}


def zotero_entry(rec: Record, ascii: bool = False, macros: dict[str, str] | None = None) -> str:
    """One record as BibTeX that Zotero's importer takes in without losing anything.

    Zotero maps the standard fields, ``urldate`` (Access Date), ``keywords``
    (tags), ``note``/``annote``/``comment`` (child notes) and ``file``; it drops
    ``annotation``, ``extra`` and every field it does not know. So refs writes the
    CSL view in the fields Zotero reads, and where a field came unchanged from the
    user's own entry it writes that entry's LaTeX as it was (braces that protect
    case, accents, ``-`` in pages), since Better BibTeX's import reads those
    exactly. Raw fields Zotero reads that the CSL view cannot hold (a second
    container, ``organization`` beside ``publisher``, ``langid``, ``file``,
    ``eprint``) are copied as written; the rest (archive links, aliases, unknown
    fields, other name roles) become ``Label: value`` lines of a ``comment`` field,
    which Zotero imports as a child note. ``macros`` (see :func:`string_macros`)
    expands macros in the raw fields, since no ``@string`` block is written for Zotero.
    """
    csl_type = rec.type
    entry_type = bc.ZOTERO_TYPES.get(csl_type) or bc.entry_type_for(csl_type, rec.csl)
    if entry_type not in bc.ZOTERO_TYPES.values():
        entry_type = "misc"
    raw = _raw_fields(rec, macros or {})
    fields: list[tuple[str, str]] = []
    extra: list[str] = []
    used: set[str] = set()
    for var, value in rec.csl.items():
        value = bc.coerce_value(var, value)
        if value in (None, "", [], {}):
            continue
        if var not in _ZOTERO_VARS:
            if var == CUSTOM and isinstance(value, dict):
                for k, v in value.items():
                    extra.append(f"{_zotero_label(k)}: {_plain(v)}")
            elif value not in (None, "", []):
                extra.append(f"{_zotero_label(var)}: {_plain(value)}")
            continue
        if var == "language" and "language" in raw:
            continue  # the entry's own words ("ngerman") are copied below
        prefer: dict[str, str] = {}
        if var == "publisher":
            prefer[var] = "publisher"
        if var == "issued":
            iso = bc.date_to_iso(value)
            prefer[var] = "date" if ("-" in iso.lstrip("-") or "/" in iso) else ""
        if var == "annote":
            prefer[var] = "annote"
        if var == "genre" and csl_type == "thesis":
            fields.append(("type", _as_written("type", "{" + escape(str(value)) + "}", raw, bc.TEXT)))
            used.add("type")
            continue
        for name, v, kind in bc.var_to_fields(var, value, csl_type, entry_type,
                                              {k: p for k, p in prefer.items() if p}):
            if name in used:
                continue
            if name not in ZOTERO_FIELDS:
                extra.append(f"{name}: {_plain(v)}")
                continue
            used.add(name)
            if kind == "macro":
                text = str(v)
            else:
                text = _as_written(name, _value_text(name, v, kind, _phrase_sources(raw), ascii), raw, kind)
            fields.append((name, text))
    if "title" not in used and entry_type == "book" and "booktitle" in raw:
        fields.append(("title", "{" + raw["booktitle"] + "}"))  # a volume known by its booktitle only
        used.add("title")
    written = _norm(" ".join([decode(t[1:-1] if t.startswith("{") else t) for _, t in fields] + extra))
    src = rec.bibtex
    if src is not None:
        seen: set[str] = set()
        for name, _ in src.fields:
            lname = name.lower()
            if lname in seen or lname in used or lname in _DERIVED:
                continue
            seen.add(lname)
            latex = raw[lname]
            value = latex if lname in bc.VERBATIM_FIELDS else decode(latex)
            if not value.strip():
                continue
            if lname in _CONSUMED and lname not in _ZOTERO_COPY and _norm(value) in written:
                continue  # the CSL view wrote it (perhaps under another name)
            if lname in ZOTERO_FIELDS or lname in _ZOTERO_COPY:
                fields.append((lname, "{" + latex + "}"))
                used.add(lname)
            else:
                extra.append(f"{name}: {value}")
    if extra or rec.aliases:
        extra.insert(0, f"Citation key: {rec.id}")
    if rec.aliases:
        extra.append(f"Citation key aliases: {', '.join(rec.aliases)}")
    fields.sort(key=lambda f: bc.field_rank(f[0]))
    if extra:
        body = "refs: fields without a Zotero field\n" + "\n".join(extra)
        text = escape(body)
        fields.append(("comment", "{" + (to_ascii(text) if ascii else text) + "}"))
    lines = [f"@{entry_type}{{{rec.id},"] + [f"  {n} = {v}," for n, v in fields]
    if fields:
        lines[-1] = lines[-1][:-1]
    lines.append("}")
    return "\n".join(lines)
