"""``refs convert``: read records in one format and write them in another."""

from __future__ import annotations

import sys

import click

from refs.cli import common


@click.command("convert")
@common.input_argument
@common.output_option
@common.from_option
@click.option("--to", "to_fmt", default=None,
              help="Output format: bibtex, csl-json, ris or wikitext; default from -o's extension.")
@click.option("--ascii", "ascii_only", is_flag=True,
              help="BibTeX: write LaTeX escapes instead of Unicode.")
def command(input: str, output: str, from_fmt: str | None, to_fmt: str | None,
            ascii_only: bool) -> None:
    """Convert INPUT between BibTeX, CSL-JSON and RIS (and to Wikipedia templates).

    INPUT and -o may be '-' for stdin/stdout. Problems in the input are reported
    with file and line; the good records are still converted (exit status 1).
    """
    library, report = common.load(input, from_fmt)
    fmt = common.output_format(output, to_fmt, library)
    options = {"ascii": True} if ascii_only and fmt == "bibtex" else {}
    common.save(library, output, fmt, **options)
    sys.exit(common.exit_status(report))
