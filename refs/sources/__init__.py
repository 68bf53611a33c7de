"""Reading lists where they live: a document in, candidate blocks out.

Each module turns one kind of document into ``list[SourceBlock]`` (text with its
links, italics, list/footnote structure and line or page position), which
:func:`refs.parse.parse_blocks` turns into records:

=============  =======================================================================
``html``       a saved or fetched web page (lxml; MediaWiki pages: ``mw-parser-output``)
``wikitext``   MediaWiki source: ``{{cite …}}`` templates become records directly
``pdf``        a PDF with a text layer (pdfminer.six layout: lines, columns, links)
``docx``       a Word file (python-docx: paragraphs, hyperlinks, footnotes, endnotes)
``url``        a web address: Wikipedia through the MediaWiki Action API, else by type
=============  =======================================================================

:func:`load` is the format-reader interface :mod:`refs.io` uses, so every command that
reads records accepts these documents.
"""

from __future__ import annotations

import importlib

from refs.io.detect import FormatError
from refs.model import Library, Report, SourceBlock

#: source kind -> module with ``blocks(data, source) -> list[SourceBlock]``
KINDS: dict[str, str] = {
    "html": "refs.sources.html",
    "wikitext": "refs.sources.wikitext",
    "pdf": "refs.sources.pdf",
    "docx": "refs.sources.docx",
}

#: kinds read as bytes (the others are text)
BINARY = frozenset({"pdf", "docx"})


class SourceError(FormatError):
    """A document refs cannot read at all (corrupt, encrypted, no text layer, not a
    page): one line for the user, never a traceback."""


def blocks(kind: str, data: str | bytes, source: str = "") -> list[SourceBlock]:
    """The candidate blocks of a document of ``kind``."""
    mod = importlib.import_module(KINDS[kind])
    return mod.blocks(data, source=source)


def load(kind: str, data: str | bytes, source: str = "") -> tuple[Library, Report]:
    """Records from a document: its blocks through the finder (structured blocks pass
    through). A document with no reference in it is an error in the report."""
    from refs.parse import parse_blocks

    try:
        found = blocks(kind, data, source=source)
    except SourceError as exc:
        if source and not str(exc).startswith(source):
            raise type(exc)(f"{source}: {exc}") from exc
        raise
    records, report = parse_blocks(found, source=source)
    report.stage = "read"
    for rec in records:
        rec.origin.format = kind
        rec.origin.file = rec.origin.file or source
    report.summary["blocks"] = len(found)
    report.summary.pop("lines", None)
    if not records:
        report.problems = [p for p in report.problems if p.message != "no references found"]
        report.problem(f"no references found in this {_NAMES[kind]}", file=source)
    return Library(records=records, source=source, format=kind), report


_NAMES = {"html": "web page", "wikitext": "wikitext", "pdf": "PDF", "docx": "Word document"}
