"""``refs convert``: read records in one format and write them in another.

A thin layer over :func:`refs.io.read` and :func:`refs.io.write`: it picks the formats
(options, else file extensions, else the content), refuses to overwrite its own
input, prints the reader's problems with file and line, and maps them to the exit
status (0 clean, 1 something skipped, 2 usage error).
"""

from __future__ import annotations

import sys

import click

from refs import io
from refs.cli import common


@click.command("convert")
@common.input_argument
@common.output_option
@common.from_option
@common.to_option
@click.option("--ascii", "ascii_only", is_flag=True,
              help="BibTeX: write LaTeX escapes instead of Unicode.")
@click.option("--zotero", "for_zotero", is_flag=True,
              help="BibTeX: write for Zotero's importer (fields it would drop go into a 'comment' "
                   "field, which Zotero imports as a note).")
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
    _check_formats(from_fmt, to_fmt)
    library, report = common.load(input, from_fmt)
    fmt = common.output_format(output, to_fmt, library)
    options = _writer_options(fmt, ascii=ascii_only, zotero=for_zotero, ref=ref_tags)
    if fmt == "csl-json" and library.blocks and not library.records:
        click.echo(f"refs: warning: {input}: {len(library.blocks)} BibTeX blocks (@string, @preamble, "
                   "comments) and no entries: a CSL-JSON file has no place for them", err=True)
    common.save(library, output, fmt, **options)
    if not quiet and output != "-":
        skipped = f", {report.skipped} skipped" if report.skipped else ""
        click.echo(f"refs: {len(library)} records{skipped}: {input} ({library.format}) -> "
                   f"{output} ({fmt})", err=True)
    sys.exit(common.exit_status(report))


def _check_formats(from_fmt: str | None, to_fmt: str | None) -> None:
    """Usage errors for --from/--to before reading (a 50 MB input is not read in vain)."""
    try:
        if from_fmt:
            io.readable(from_fmt)
        if to_fmt:
            io.writable(to_fmt)
    except io.FormatError as exc:
        common.fail(str(exc))


#: writer option -> (the format it belongs to, its command-line spelling)
_OPTIONS = {"ascii": ("bibtex", "--ascii"), "zotero": ("bibtex", "--zotero"),
            "ref": ("wikitext", "--ref-tags")}


def _writer_options(fmt: str, **flags: bool) -> dict[str, object]:
    """The flags given that the output format's writer takes; a warning for the others."""
    options: dict[str, object] = {}
    for name, given in flags.items():
        owner, spelling = _OPTIONS[name]
        if not given:
            continue
        if owner == fmt:
            options[name] = True
        else:
            click.echo(f"refs: warning: {spelling} applies to {owner} output only; "
                       f"ignored for {fmt}", err=True)
    return options
