"""``refs convert``: read records in one format and write them in another.

A thin layer over :func:`refs.io.read` and :func:`refs.io.write`: it picks the formats
(options, else file extensions, else the content), refuses to overwrite its own
input, prints the reader's problems with file and line, and maps them to the exit
status (0 clean, 1 something skipped, 2 usage error).
"""

from __future__ import annotations

import os
import sys

import click

from refs import io
from refs.cli import common
from refs.model import Library


@click.command("convert")
@common.input_argument
@common.output_option
@click.option("--from", "from_fmt", default=None, metavar="FORMAT",
              help="Input format: bibtex, csl-json, ris or text; default from INPUT's "
                   "extension (.bib, .json, .ris, .txt), else from its content.")
@click.option("--to", "to_fmt", default=None, metavar="FORMAT",
              help="Output format: bibtex, csl-json, ris or wikitext; default from -o's "
                   "extension (.bib, .json, .ris, .wiki), else INPUT's format.")
@click.option("--ascii", "ascii_only", is_flag=True,
              help="BibTeX: write LaTeX escapes instead of Unicode.")
@click.option("--zotero", "for_zotero", is_flag=True,
              help="BibTeX: write for Zotero's importer (fields it would drop go to note/extra).")
@click.option("--ref-tags", is_flag=True,
              help="Wikitext: wrap each template in <ref name=\"KEY\">...</ref>.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary line.")
def command(input: str, output: str, from_fmt: str | None, to_fmt: str | None,
            ascii_only: bool, for_zotero: bool, ref_tags: bool, quiet: bool) -> None:
    """Convert INPUT between BibTeX, CSL-JSON and RIS, or to Wikipedia citation templates.

    INPUT and -o may be '-' for stdin/stdout. Problems in the input are reported
    with file and line; the good records are still converted (exit status 1 when
    anything was skipped). The output file is written atomically and is never the
    input file.
    """
    _check_not_same(input, output)
    try:
        library, report = common.load(input, from_fmt)
    except ImportError as exc:  # a format whose module is not installed
        common.fail(f"{input}: cannot read this format here ({exc})")
    fmt = common.output_format(output, to_fmt, library)
    options: dict[str, object] = {}
    if ascii_only and fmt == "bibtex":
        options["ascii"] = True
    if for_zotero and fmt == "bibtex":
        options["zotero"] = True
    if ref_tags and fmt == "wikitext":
        options["ref"] = True
    if fmt == "csl-json" and library.blocks and not library.records:
        click.echo(f"refs: warning: {input}: {len(library.blocks)} BibTeX blocks (@string, @preamble, "
                   "comments) and no entries: a CSL-JSON file has no place for them", err=True)
    if output == "-":
        _to_stdout(library, fmt, options)
    else:
        common.save(library, output, fmt, **options)
    if not quiet and output != "-":
        skipped = f", {report.skipped} skipped" if report.skipped else ""
        click.echo(f"refs: {len(library)} records{skipped}: {input} ({library.format}) -> "
                   f"{output} ({fmt})", err=True)
    sys.exit(common.exit_status(report))


def _check_not_same(input: str, output: str) -> None:
    """Refuse to write over the input: a failed conversion must never cost the original."""
    if input == "-" or output == "-" or not os.path.exists(output):
        return
    try:
        same = os.path.samefile(input, output)
    except OSError:
        same = False
    if same:
        common.fail(f"{output}: is the input file; write the output somewhere else")


def _to_stdout(library: Library, fmt: str, options: dict[str, object]) -> None:
    """Write to stdout; a reader that goes away (``refs convert x.bib | head``) is not an error."""
    try:
        text = io.dumps(library, fmt, **options)
    except io.FormatError as exc:
        common.fail(str(exc))
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        try:  # keep Python from complaining again when it flushes stdout at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass

