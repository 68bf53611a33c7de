"""Formats in, one :class:`~refs.model.Library` out, and back.

Each format lives in its own module with the same two functions::

    loads(text: str, source: str = "") -> tuple[Library, Report]   # readers
    dumps(library: Library, **options) -> str                      # writers

``read`` and ``write`` below pick the module from a format name, a file extension
or the content, decode files (UTF-8 with or without BOM, else Latin-1 with a
warning) and write atomically.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from refs import keys
from refs.io import atomic, clean, detect, schema
from refs.io.detect import FormatError
from refs.model import Library, Record, Report

__all__ = ["FormatError", "dumps", "load_bytes", "loads", "read", "read_text", "readable", "writable",
           "write",
           "MODULES"]

#: format -> module implementing ``loads`` and/or ``dumps``
MODULES: dict[str, str] = {
    "bibtex": "refs.io.bibtex",
    "csl-json": "refs.io.csljson",
    "ris": "refs.io.ris",
    "wikitext": "refs.io.wikitext",
    "text": "refs.parse",
    "html": "refs.sources.html",
    "pdf": "refs.sources.pdf",
    "docx": "refs.sources.docx",
}

READABLE = ("bibtex", "csl-json", "ris", "text", "wikitext", "html", "pdf", "docx")
#: the longest problem message printed (a 5,000-digit value quoted in one is cut)
MAX_MESSAGE = 300
WRITABLE = ("bibtex", "csl-json", "ris", "wikitext")
#: formats read as bytes (documents, not text)
BINARY = ("pdf", "docx")


def readable(fmt: str) -> str:
    """The canonical name of a format refs can read; FormatError otherwise."""
    canon = detect.canonical(fmt)
    if canon not in READABLE:
        raise FormatError(f"cannot read format {fmt!r} (readable: {', '.join(READABLE)})")
    return canon


def writable(fmt: str) -> str:
    """The canonical name of a format refs can write; FormatError otherwise."""
    canon = detect.canonical(fmt)
    if canon not in WRITABLE:
        raise FormatError(f"cannot write format {fmt!r} (writable: {', '.join(WRITABLE)})")
    return canon


def _module(fmt: str) -> ModuleType:
    return importlib.import_module(MODULES[detect.canonical(fmt)])


#: byte-order marks, longest first (a UTF-32-LE mark starts like a UTF-16-LE one)
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes (``-`` is stdin); the file is noted as an input no output may replace."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        data = fh.read()
    atomic.protect(path)
    return data


def read_text(path: str | os.PathLike[str], report: Report | None = None) -> str:
    """A file's text (``-`` is stdin), decoded and cleaned (see :func:`decode`)."""
    return decode(read_bytes(path), "<stdin>" if str(path) == "-" else str(path), report)


def decode(data: bytes, name: str = "", report: Report | None = None) -> str:
    """Bytes as text: a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16/32
    without one are told from the pattern of their zero bytes; else UTF-8, and what is
    not UTF-8 is read as Windows-1252/Latin-1 with a warning. Data with zero bytes in no
    encoding refs can tell is a :class:`FormatError` (a binary file). Control characters
    (other than tab and line ends) and refs' reserved private-use characters are
    removed, with a warning."""
    def note(message: str, line: int | None = None, severity: str = "warning") -> None:
        if report is not None:
            report.problem(message, file=name, line=line, severity=severity)  # type: ignore[arg-type]

    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise FormatError(f"{name}: starts with a {encoding.upper()} byte-order mark but is not "
                                  f"valid {encoding.upper()} (byte {exc.start + len(bom)})") from None
            break
    if text is None and b"\x00" in data:
        encoding = _wide_encoding(data)
        if encoding is None:
            raise FormatError(f"{name}: not a text file (zero bytes, and no UTF-16 or UTF-32 pattern); "
                              "save it as UTF-8")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise FormatError(f"{name}: looks like {encoding.upper()} without a byte-order mark but does "
                              "not decode as it; save it as UTF-8") from None
        note(f"no byte-order mark; read as {encoding.upper()} (told from its zero bytes)", severity="info")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            try:
                text = data.decode("cp1252")
                note("not valid UTF-8; read as Latin-1 (Windows-1252)", line)
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                note("not valid UTF-8; read as Latin-1", line)
    text, removed = clean.clean_text(text)
    if removed:
        note(f"{removed} control or reserved character(s) removed")
    return text


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (and their byte order) of BOM-less data, from where its zero
    bytes fall; charset-normalizer decides the cases the pattern leaves open."""
    sample = data[:65536]
    if len(sample) >= 4 and len(data) % 4 == 0:
        quads = len(sample) // 4
        zero = [sum(1 for i in range(k, quads * 4, 4) if sample[i] == 0) for k in range(4)]
        if zero[2] == zero[3] == quads and zero[0] < quads:
            return "utf-32-le"
        if zero[0] == zero[1] == quads and zero[3] < quads:
            return "utf-32-be"
    if len(data) % 2 == 0 and len(sample) >= 2:
        pairs = len(sample) // 2
        even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
        odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
        if odd >= pairs * 0.2 and even <= pairs * 0.02:
            return "utf-16-le"
        if even >= pairs * 0.2 and odd <= pairs * 0.02:
            return "utf-16-be"
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    found = (best.encoding if best else "").replace("_", "-")
    return found if found.startswith(("utf-16", "utf-32")) and found[-2:] in ("le", "be") else None


def loads(text: str, fmt: str | None = None, source: str = "") -> tuple[Library, Report]:
    """Read records from a string (format sniffed from content when not given), checked
    by :func:`check_library`."""
    fmt = readable(fmt) if fmt else detect.sniff(text)
    mod = _module(fmt)
    library, report = mod.loads(text, source=source)
    library.format = fmt
    library.source = source
    check_library(library, report, source, len(text) if text.strip() else 0)
    return library, report


def check_library(library: Library, report: Report, source: str, size: int) -> None:
    """What every reader's output goes through: each record checked against the CSL-JSON
    shape (:mod:`refs.io.schema`), ids made unique, problem messages cut to one readable
    line, and a non-empty input (``size`` characters or bytes) giving no record a warning."""
    for record in library.records:
        def warn(message: str, r: Record = record) -> None:
            report.problem(f"{r.id!r}: {message}" if r.id else message, file=source, line=r.origin.line,
                           severity="warning", record=r.id or None)

        schema.check(record, warn)
    keys.unique_ids(library.records, report, source)
    for p in report.problems:  # one readable line each, however long the value it quotes
        if len(p.message) > MAX_MESSAGE:
            p.message = p.message[:MAX_MESSAGE] + f"… ({len(p.message):,} characters)"
    if not library.records and size:
        if not any(p.severity in ("warning", "error") for p in report.problems):
            report.problem(f"no records found in {library.format or 'the'} input of {size:,} characters",
                           file=source, severity="warning")
        report.summary["no_records"] = True


def read(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[Library, Report]:
    """Read a file (``-`` is stdin, an http(s) URL is fetched): records, or a document
    (web page, wikitext, PDF, Word, text) whose references are found and parsed.
    Raises OSError for a missing file, FormatError for an unknown format or an
    unreadable document or page, :class:`refs.net.NetworkUnavailable` when a URL cannot
    be fetched; problems inside the file go to the report."""
    name = str(path)
    if name.lower().startswith(("http://", "https://")):
        from refs.sources import url

        return url.read(name, readable(fmt) if fmt else None)
    data = read_bytes(path)
    return load_bytes(data, fmt, source="<stdin>" if name == "-" else name)


def load_bytes(data: bytes, fmt: str | None = None, source: str = "") -> tuple[Library, Report]:
    """Records from a file's bytes: the format from ``fmt``, else ``source``'s extension,
    else the content."""
    fmt = readable(fmt) if fmt else (detect.from_path(source) or detect.sniff_bytes(data))
    if fmt in BINARY or fmt == "html":  # (a web page's bytes: its own charset declaration decides)
        from refs import sources

        library, report = sources.load(fmt, data, source=source)
        library.source = source
        check_library(library, report, source, len(data))
        return library, report
    pre = Report(stage="read")
    text = decode(data, source, pre)
    fmt = fmt or detect.sniff(text)
    library, report = loads(text, fmt, source=source)
    for p in pre.problems:
        p.file = p.file or source
    report.problems[:0] = pre.problems
    return library, report


def dumps(library: Library | Iterable[Record], fmt: str, **options: Any) -> str:
    """Records (a Library, or the list a stage returned) as text in ``fmt``; options are
    passed to the format's writer."""
    fmt = writable(fmt)
    if not isinstance(library, Library):
        library = Library(list(library))
    return clean.for_output(_module(fmt).dumps(library, **options))


def write(library: Library | Iterable[Record], path: str | os.PathLike[str], fmt: str | None = None,
          **options: Any) -> None:
    """Write records (a Library or a list) to ``path`` atomically (``-`` is stdout)."""
    name = str(path)
    fmt = fmt or detect.from_path(name)
    if fmt is None:
        raise FormatError(f"cannot tell the output format of {name!r}; say --to FORMAT")
    text = dumps(library, fmt, **options)
    if name == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic.write_text(path, text)


def write_stream(records: Iterable[Record], path: str | os.PathLike[str], fmt: str | None = None,
                 **options: Any) -> None:
    """:func:`write` of records taken one at a time as they come (from :func:`stream`), each
    written before the next is asked for: the file is the one :func:`write` writes of the
    same records (a document's blocks aside: a stream has none), made without holding them
    all; still replaced atomically, once the last record is in."""
    name = str(path)
    fmt = fmt or detect.from_path(name)
    if fmt is None:
        raise FormatError(f"cannot tell the output format of {name!r}; say --to FORMAT")
    chunks = _module(writable(fmt)).dump_chunks(records, **options)
    if name == "-":
        for chunk in chunks:
            sys.stdout.write(clean.for_output(chunk))
        sys.stdout.flush()
    else:  # (a file gets the records' text 64 KB at a time: one cleaning and one write for many)
        atomic.write_chunks(path, (clean.for_output(c).encode("utf-8") for c in _gathered(chunks)))


def _gathered(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The chunks joined into pieces of about ``size`` characters."""
    pending: list[str] = []
    length = 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(pending)
            pending.clear()
            length = 0
    if pending:
        yield "".join(pending)


def stream(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[Iterable[Record], Report, str]:
    """:func:`read`, for a plain-text file (or stdin) with the references one at a time: a
    generator of the records :func:`read` gives, each made when asked for, the report
    filled as they come (complete once the last is out); any other input is read whole
    (a list). Also the input's format."""
    name = str(path)
    if name.lower().startswith(("http://", "https://")):
        library, report = read(path, fmt)
        return library.records, report, library.format
    data = read_bytes(path)
    source = "<stdin>" if name == "-" else name
    fmt = readable(fmt) if fmt else (detect.from_path(source) or detect.sniff_bytes(data))
    if fmt in BINARY or fmt == "html":
        library, report = load_bytes(data, fmt, source=source)
        return library.records, report, library.format
    pre = Report(stage="read")
    text = decode(data, source, pre)
    del data
    fmt = fmt or detect.sniff(text)
    if fmt != "text":
        library, report = loads(text, fmt, source=source)
        report.problems[:0] = [_in(p, source) for p in pre.problems]
        return library.records, report, library.format
    from refs.parse import stream_text

    report = Report(stage="parse")
    report.problems[:] = [_in(p, source) for p in pre.problems]
    return _checked(stream_text(text, report, source), report, source, len(text) if text.strip() else 0), \
        report, "text"


def _in(problem: Any, source: str) -> Any:
    problem.file = problem.file or source
    return problem


def _checked(records: Iterator[Record], report: Report, source: str, size: int) -> Iterator[Record]:
    """:func:`check_library` on records as they pass (the ids of a stream of parsed text
    are unique as made: :func:`refs.keys.unique_ids` has nothing to do); the schema's
    warnings come after the parser's, as :func:`loads` orders them."""
    checks = Report(stage="read")
    count = 0
    for record in records:
        def warn(message: str, r: Record = record) -> None:
            checks.problem(f"{r.id!r}: {message}" if r.id else message, file=source, line=r.origin.line,
                           severity="warning", record=r.id or None)

        schema.check(record, warn)
        count += 1
        yield record
    report.problems += checks.problems
    library = Library(records=[], format="text")
    check_library(library, report, source, size if not count else 0)
