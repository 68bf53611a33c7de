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
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from refs.io import atomic, detect
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


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes (``-`` is stdin)."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def read_text(path: str | os.PathLike[str], report: Report | None = None) -> str:
    """A file's text (``-`` is stdin). Undecodable UTF-8 falls back to Latin-1 with a warning."""
    return decode(read_bytes(path), "<stdin>" if str(path) == "-" else str(path), report)


def decode(data: bytes, name: str = "", report: Report | None = None) -> str:
    """Bytes as text: UTF-8 (BOM dropped), UTF-16 with a BOM, else Latin-1 with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM (Windows exports)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if report is not None:
            report.problem("not valid UTF-8; read as Latin-1", file=name, line=line,
                           severity="warning")
        return data.decode("latin-1")


def loads(text: str, fmt: str | None = None, source: str = "") -> tuple[Library, Report]:
    """Read records from a string (format sniffed from content when not given)."""
    fmt = readable(fmt) if fmt else detect.sniff(text)
    mod = _module(fmt)
    library, report = mod.loads(text, source=source)
    library.format = fmt
    library.source = source
    return library, report


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
    return _module(fmt).dumps(library, **options)


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
