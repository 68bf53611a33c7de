"""``refs cite``: in-text citations (clusters in document order) in any CSL style."""

from __future__ import annotations

import json
import sys

import click

from refs.cli import common


@click.command("cite")
@common.input_argument
@click.option("-s", "--style", default="apa", show_default=True,
              help="CSL style: a name, an alias or a path to a .csl file (see `refs styles`).")
@click.option("-l", "--locale", default=None, help="Locale (default: the style's, else en-US).")
@click.option("-c", "--clusters", "clusters_path", required=True,
              help="JSON array of citations as citeproc-js's processCitationCluster takes them: "
                   '[{"citationItems": [{"id": ..., "locator": ...}], "properties": {"noteIndex": N}}, ...]')
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "html", "markdown"]), default="text",
              show_default=True)
@click.option("--bibliography/--no-bibliography", default=False,
              help="Print the bibliography after the citations (separated by a blank line).")
@common.output_option
@common.from_option
def command(input: str, style: str, locale: str | None, clusters_path: str, fmt: str,
            bibliography: bool, output: str, from_fmt: str | None) -> None:
    """Print the citations of CLUSTERS for the items in INPUT, one per line.

    Every item of INPUT is registered (citation numbers follow the bibliography's
    order; disambiguation sees them all). A cite's position, near-note and
    first-reference-note-number are computed unless the cite gives them.
    """
    from refs.render import RenderError
    from refs.render.cite import CiteError, Cluster, Document, clusters_from_json

    library, report = common.load(input, from_fmt)
    try:
        with open(clusters_path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        common.fail(f"{clusters_path}: cannot read: {exc.strerror or exc}")
    except json.JSONDecodeError as exc:
        common.fail(f"{clusters_path}: line {exc.lineno}: not JSON: {exc.msg}")
    try:
        clusters: list[Cluster] = clusters_from_json(data)
        doc = Document(library.records, style=style, locale=locale)
        doc.set_clusters(clusters)
        lines = doc.citations(fmt)
        text = "\n".join(lines) + ("\n" if lines else "")
        if bibliography:
            text += "\n" + doc.bibliography(fmt)
    except CiteError as exc:
        common.fail(f"{clusters_path}: {exc}")
    except RenderError as exc:
        common.fail(str(exc))
    common.write_text(output, text)
    sys.exit(common.exit_status(report))
