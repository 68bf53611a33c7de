"""``refs render``: a formatted bibliography in any CSL style and locale."""

from __future__ import annotations

import sys

import click

from refs.cli import common


@click.command("render")
@common.input_argument
@click.option("-s", "--style", default="apa", show_default=True,
              help="CSL style: a name (apa, chicago-author-date, ieee...), an alias (mla, chicago, "
                   "harvard, vancouver) or a path to a .csl file. See `refs styles`.")
@click.option("-l", "--locale", default=None,
              help="Locale for terms and dates (en-US, en-GB, el-GR, de-DE, fr-FR...); "
                   "default: the style's, else en-US.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "html", "markdown"]), default="text",
              show_default=True, help="text: one entry per line; html: citeproc-js markup; markdown.")
@common.output_option
@common.from_option
def command(input: str, style: str, locale: str | None, fmt: str, output: str,
            from_fmt: str | None) -> None:
    """Render INPUT (BibTeX, CSL-JSON, RIS or a text list) as a formatted bibliography.

    Entries are sorted as the style says. INPUT and -o may be '-'.
    """
    from refs.render import RenderError, render

    library, report = common.load(input, from_fmt)
    try:
        text = render(library.records, style=style, locale=locale, format=fmt)
    except RenderError as exc:
        common.fail(str(exc))
    if fmt == "html" and not text.endswith("\n"):
        text += "\n"
    common.write_text(output, text)
    sys.exit(common.exit_status(report))
