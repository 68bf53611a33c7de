"""``refs parse``: find the references in a free text and write them as records."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click

from refs import io
from refs.cli import common
from refs.model import Library, Record
from refs.parse import confidence
from refs.parse.confidence import LOW_CONFIDENCE


@click.command("parse")
@common.input_argument
@common.output_option
@common.from_option
@click.option("--to", "to_fmt", default=None,
              help="Output format: bibtex, csl-json or ris; default from -o's extension, else bibtex.")
@click.option("--report", "report_path", default=None,
              help="Write, as JSON, each record's low-confidence fields (parser confidence below "
                   f"{LOW_CONFIDENCE}): the entries to check.")
def command(input: str, output: str, from_fmt: str | None, to_fmt: str | None,
            report_path: str | None) -> None:
    """Find and parse the references in INPUT: a text file ('-' for stdin), a web page
    (.html), wikitext (.wiki), a PDF, a Word file (.docx), or a URL (a Wikipedia
    article is read through the MediaWiki API).

    INPUT may be a reading list, a bibliography or a whole article: prose, captions
    and headings are skipped; footnotes ("↑ ...", "^ ...", "1. ...", "[1] ...") and
    list entries, also when wrapped over several lines, become one record each, in
    input order. Links in the document ("online", "excerpt", the title, a doi.org
    link, an archived copy) go into the records. --report lists the fields the parser
    is least sure of, per record.
    """
    if report_path == "-" and output == "-":
        common.fail("--report - needs the records elsewhere: give -o FILE")
    records, report, in_fmt = common.stream(input, from_fmt)
    fmt = common.output_format(output, to_fmt or ("bibtex" if not io.detect.from_path(output) else None),
                               Library(format=in_fmt))
    rated = confidence.Tally()
    count = 0

    def counted(recs: Iterable[Record]) -> Iterator[Record]:
        nonlocal count
        for rec in recs:
            count += 1
            if report_path:
                rated.add(rec)
            yield rec

    common.save_stream(counted(records), output, fmt)  # (each record written as it is found)
    common.print_problems(report)
    if report_path:
        common.write_json(report_path, rated.report())
    click.echo(f"refs parse: {count} references found", err=True)
    sys.exit(common.exit_status(report))
