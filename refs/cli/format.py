"""``refs format``: a Markdown document with its Pandoc citations formatted."""

from __future__ import annotations

import sys

import click

from refs.cli import common


@click.command("format")
@click.argument("document", type=str)
@click.option("-b", "--bib", "bib", required=True,
              help="The cited works: any format refs reads (BibTeX, CSL-JSON, RIS, a text list).")
@click.option("-s", "--style", default="apa", show_default=True,
              help="CSL style: a name, an alias or a path to a .csl file (see `refs styles`).")
@click.option("-l", "--locale", default=None, help="Locale (default: the style's, else en-US).")
@click.option("--heading", default="References", show_default=True,
              help="Heading of the appended bibliography.")
@common.output_option
@common.from_option
def command(document: str, bib: str, style: str, locale: str | None, heading: str, output: str,
            from_fmt: str | None) -> None:
    """Replace the Pandoc citations of DOCUMENT ([@key, p. 210], [@a; @b], @key,
    [-@key]) with formatted ones (footnotes for note styles) and append the
    bibliography of the cited works. DOCUMENT is never modified; -o names the output
    (default: standard output)."""
    from refs.render import RenderError
    from refs.render.document import FormatError, format_document

    try:
        if document == "-":
            text = sys.stdin.read()
        else:
            with open(document, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        common.fail(f"{document}: cannot read: {exc.strerror or exc}")
    except UnicodeDecodeError:
        common.fail(f"{document}: not UTF-8 text")
    library, report = common.load(bib, from_fmt)
    try:
        result = format_document(text, library.records, style=style, locale=locale, heading=heading)
    except FormatError as exc:
        common.fail(f"{document}: {exc}")
    except RenderError as exc:
        common.fail(str(exc))
    common.write_text(output, result)
    sys.exit(common.exit_status(report))
