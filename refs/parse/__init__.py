"""Find and parse the references in free text.

``parse_text(text)`` returns one :class:`~refs.model.Record` per reference found in
the text (footnotes, reading lists, bibliographies, possibly inside an article), in
input order, with citation keys assigned. ``loads`` wraps that as a format reader so
that ``.txt`` input works wherever refs reads files.

How it works: :mod:`refs.parse.find` decides which lines are references (joining
wrapped lines), :mod:`refs.parse.fields` turns one string into a record, with
:mod:`refs.parse.names`, :mod:`refs.parse.numbers` and :mod:`refs.parse.extras`
for names, volume/issue/pages/year and identifiers/notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from refs.keys import KeyAssigner, assign_keys
from refs.model import Library, Record, Report, SourceBlock
from refs.parse import links
from refs.parse.fields import parse_reference
from refs.parse.find import TextBlocks, iter_blocks, text_blocks

__all__ = ["parse_text", "parse_blocks", "stream_text", "parse_reference", "loads"]


def parse_text(text: str, source: str = "") -> tuple[list[Record], Report]:
    """All references in ``text`` as records (keys assigned), and a report."""
    return parse_blocks(text_blocks(text), source=source, text=text)


def parse_blocks(blocks: Sequence[SourceBlock], source: str = "", text: str | None = None
                 ) -> tuple[list[Record], Report]:
    """All references in a document's blocks (from a source reader, or the lines of
    plain text) as records with keys assigned and the blocks' links attached."""
    report = Report(stage="parse")
    records: list[Record] = []
    skipped: list[tuple[int | None, str]] = []
    for rec, idx in iter_blocks(blocks, source=source, skipped=skipped):
        if not isinstance(blocks, TextBlocks):  # (the lines of plain text have no links)
            links.attach(rec, [blocks[i] for i in idx])
        records.append(rec)
    assign_keys(records)
    for rec in records:
        _check_title(rec, report, source)
    _summarise(report, len(records), "\n".join(b.text for b in blocks) if text is None else text, source,
               skipped)
    return records, report


def stream_text(text: str, report: Report, source: str = "") -> Iterator[Record]:
    """:func:`parse_text` one record at a time, each handed on as soon as it is found
    (a caller that writes each away holds no list of 100,000 records): the same records
    with the same keys, in the same order, ``report`` filled as :func:`parse_text` fills
    its own (the summary once the last record is out)."""
    keys = KeyAssigner()
    n = 0
    skipped: list[tuple[int | None, str]] = []
    for rec, _ in iter_blocks(text_blocks(text), source=source, skipped=skipped):
        keys.assign(rec)  # (plain text holds no record with a key of its own: none comes later)
        _check_title(rec, report, source)
        n += 1
        yield rec
    _summarise(report, n, text, source, skipped)


def _check_title(rec: Record, report: Report, source: str) -> None:
    if not rec.csl.get("title"):
        report.problem("reference without a recognisable title", file=source, line=rec.origin.line,
                       severity="warning", record=rec.id)


#: how much of a line left out is quoted in the report
QUOTED = 120


def _summarise(report: Report, found: int, text: str, source: str,
               skipped: Sequence[tuple[int | None, str]] = ()) -> None:
    report.summary = {"references": found,
                      "lines": text.count("\n") + (1 if text and not text.endswith("\n") else 0),
                      "left_out": len(skipped)}
    if text.strip() and not found:
        report.problem("no references found", file=source, severity="warning")
    for line, entry in skipped:  # shaped as a reference of a list, not read as one: for a person to check
        quoted = entry if len(entry) <= QUOTED else entry[: QUOTED - 1] + "…"
        report.problem(f"not read as a reference although shaped as one: {quoted}", file=source, line=line,
                       severity="info")


def loads(text: str, source: str = "") -> tuple[Library, Report]:
    """Format-reader interface: free text in, a Library of parsed references out."""
    records, report = parse_text(text, source=source)
    return Library(records=records, source=source, format="text"), report
