"""``refs build``: reading list in, every output out (see :mod:`refs.build`)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from refs import build as pipeline
from refs.cli import common
from refs.io import FormatError
from refs.net import NetworkUnavailable, RequestFailed
from refs.review.corrections import CorrectionsError


@click.command("build")
@click.argument("source", type=str)
@click.option("--out", "out", default=None,
              help="Output folder (created if missing). Default: the folder SOURCE is in.")
@click.option("--style", "styles", multiple=True,
              help="CSL style to render, repeatable. Default: apa and chicago-author-date.")
@click.option("--locale", "locales", multiple=True,
              help="Locale to render each style in, repeatable (xx-XX). Default: en-US and el-GR.")
@common.from_option
@click.option("--offline", is_flag=True,
              help="No network: enrichment only from the cache, no link check.")
@click.option("--no-enrich", is_flag=True, help="Skip enrichment.")
@click.option("--no-links", is_flag=True, help="Skip the link check.")
@click.option("--mailto", envvar="REFS_MAILTO", default=None,
              help="Contact address sent to Crossref (its polite pool). Env: REFS_MAILTO.")
@click.option("--cache", "cache_path", default=None, metavar="PATH",
              help="Enrichment HTTP cache (SQLite), as for refs enrich. Default: refs' folder in the "
                   "user cache directory.")
@click.option("--corrections", "corrections", default=None, metavar="PATH",
              help="Your corrections file (see docs/review.md). Default: corrections.yaml in the output "
                   "folder, when there is one. refs never writes it.")
def command(source: str, out: str | None, styles: tuple[str, ...], locales: tuple[str, ...],
            from_fmt: str | None, offline: bool, no_enrich: bool, no_links: bool, mailto: str | None,
            cache_path: str | None, corrections: str | None) -> None:
    """Run parse → enrich → dedup → render → export → link check on SOURCE.

    SOURCE is a reading list where it lives: a text file (.txt), a web page (.html), wikitext
    (.wiki), a PDF, a Word file (.docx), a URL (a Wikipedia article is read through the
    MediaWiki API; the fetched page is kept in the output folder as source.html / source.wiki
    so that a rebuild works offline), a .bib, CSL-JSON or RIS file, or a folder holding one
    such file besides earlier build outputs (or the copy of a URL a build kept). Default
    output folder: SOURCE's folder, or for a URL a folder named after the page. Into the
    output folder go references.bib, references.json (CSL-JSON), references.ris,
    references.wiki (Wikipedia templates), references.STYLE.LOCALE.{txt,html,md} for
    each style and locale, report.json (what was parsed, enriched, merged, and the
    link statuses) and report.html (the same, to read and check, one card per work).
    Corrections in corrections.yaml are applied at their stages.
    One bad record never stops the run; without network the
    enrichment is skipped with one notice and every other output is still written.
    """
    from refs.sources import url as url_source

    if url_source.is_url(source):
        out_dir = Path(out) if out else Path(url_source.default_folder(source))
    elif Path(source).is_dir() and (saved := url_source.read_saved(Path(source))) is not None:
        folder = Path(source)  # a folder an earlier build of a URL kept its copy in
        out_dir = Path(out) if out else folder
        source = saved.url
        if out_dir.resolve() != folder.resolve() and url_source.read_saved(out_dir) is None:
            url_source.save(saved, out_dir)
    elif Path(source).is_dir():
        try:
            out_dir = Path(out) if out else Path(source)
            source = str(pipeline.find_source(source))
        except ValueError as exc:
            common.fail(str(exc))
    elif not Path(source).is_file():
        common.fail(f"{source}: no such file")
    else:
        out_dir = Path(out) if out else Path(source).parent
    enrich_config = None
    if not no_enrich:
        from refs.enrich import EnrichConfig, crossref, openlibrary

        ol_url: str | None = os.environ.get("REFS_OPENLIBRARY_URL") or openlibrary.DEFAULT_URL
        if ol_url.lower() in ("none", "off"):
            ol_url = None
        enrich_config = EnrichConfig(
            mailto=mailto, offline=offline, cache=cache_path, progress=_progress("enrich"),
            crossref_url=os.environ.get("REFS_CROSSREF_URL") or crossref.DEFAULT_URL, openlibrary_url=ol_url)
    config = pipeline.BuildConfig(
        out=out_dir, styles=styles or pipeline.DEFAULT_STYLES, locales=locales or pipeline.DEFAULT_LOCALES,
        offline=offline, enrich=not no_enrich, check_links=not no_links, enrich_config=enrich_config,
        corrections=Path(corrections) if corrections else None,
        source_format=from_fmt,
        progress=lambda stage: click.echo(f"refs build: {stage} ...", err=True))
    try:
        written = pipeline.output_paths(config)
    except (LookupError, ValueError) as exc:  # unknown style or locale named by the user
        common.fail(str(exc))
    for path in written:
        if common.same_file(path, source):
            common.fail(f"{source} would be overwritten by the build's own {path.name}: refs never writes "
                        "over its input; give another folder with --out")
    started = time.monotonic()
    try:
        result = pipeline.build(source, config)
    except FormatError as exc:
        common.fail(str(exc))
    except CorrectionsError as exc:  # malformed corrections.yaml: the build does not start
        click.echo(f"refs: {exc}", err=True)
        sys.exit(common.EXIT_USAGE)
    except (NetworkUnavailable, RequestFailed) as exc:
        common.fail(f"{source}: cannot fetch: {exc}", common.EXIT_NETWORK)
    except (LookupError, ValueError) as exc:  # unknown style or locale named by the user
        common.fail(str(exc))
    except OSError as exc:
        common.fail(f"{exc.filename or source}: {exc.strerror or exc}")

    rep = result.report
    for p in rep["stages"]["read"].get("problems", []):
        if p.get("severity") == "error":
            where = f"{p.get('file') or source}:{p['line']}" if p.get("line") else (p.get("file") or source)
            click.echo(f"{where}: {p['severity']}: {p['message']}", err=True)
    for notice in result.notices:
        click.echo(f"refs build: note: {notice}", err=True)
    counts = rep["counts"]
    links = rep["stages"].get("links", {})
    link_text = ""
    if isinstance(links.get("skipped"), str):
        count = (links.get("summary") or {}).get("links")
        link_text = f"; links: {'' if count is None else f'{count} '}not checked ({links['skipped']})"
    elif "summary" in links:
        s = links["summary"]
        link_text = (f"; links: {s.get('links', 0)} checked, {s.get('dead', 0)} dead, "
                     f"{s.get('unknown', 0)} unknown")
    dropped = f", {counts['dropped']} dropped" if counts.get("dropped") else ""
    click.echo(f"{counts['input']} records read, {counts['merged']} merged{dropped}, "
               f"{counts['output']} written "
               f"to {out_dir} ({len(result.files)} files) in {time.monotonic() - started:.1f}s{link_text}")
    for path in result.files:
        click.echo(f"  {path}")
    unmatched = rep.get("corrections", {}).get("unknown")  # a correction naming no record: exit 1
    sys.exit(common.EXIT_SKIPPED if result.failed or result.skipped or unmatched else common.EXIT_OK)


def _progress(stage: str) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` callback drawing a counter on a terminal (else nothing)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        click.echo(f"\rrefs build: {stage} {done}/{total}", err=True, nl=done == total)

    return show
