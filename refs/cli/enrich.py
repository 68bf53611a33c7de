"""``refs enrich``: fill missing fields from Crossref (and Open Library for books)."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import click

from refs.cli import common
from refs.cli.progress import Progress


@click.command("enrich")
@common.input_argument
@common.output_option
@common.from_option
@common.to_option
@click.option("--report", "report_path", default=None, metavar="REPORT.json",
              help="Write the per-record report (fields added, sources, confidence, rejections) as JSON.")
@click.option("--mailto", envvar="REFS_MAILTO", default=None, metavar="EMAIL",
              help="Contact address sent to Crossref (its polite pool: faster). Env: REFS_MAILTO.")
@click.option("--crossref-url", envvar="REFS_CROSSREF_URL", default=None, metavar="URL",
              help="Crossref API base URL. Env: REFS_CROSSREF_URL.")
@click.option("--openlibrary-url", envvar="REFS_OPENLIBRARY_URL", default=None, metavar="URL",
              help="Open Library search URL (…/search.json); 'none' to skip. Env: REFS_OPENLIBRARY_URL.")
@click.option("--cache", "cache_path", default=None, metavar="PATH",
              help="HTTP cache file (SQLite). Default: refs' folder in the user cache directory.")
@click.option("--offline", is_flag=True, help="Use only cached answers; make no requests.")
@click.option("--overwrite", is_flag=True,
              help="Replace fields the record already has with the matched work's values.")
def command(input: str, output: str, from_fmt: str | None, to_fmt: str | None, report_path: str | None,
            mailto: str | None, crossref_url: str | None, openlibrary_url: str | None,
            cache_path: str | None, offline: bool, overwrite: bool) -> None:
    """Add DOIs and missing fields to the records in INPUT from Crossref.

    A record with a DOI gets the fields it lacks from that DOI's Crossref record. A
    record without one is searched for, and a result is accepted only when title, first
    author, year (within one), type and container all agree; otherwise the record is
    left as it is and --report says which candidate came closest and why it was
    rejected. Books are also looked up in Open Library (ISBN, publisher, place).
    Existing fields are never changed unless --overwrite.

    Exit status 3 when the network is unavailable, or with --offline when a record
    needed a lookup that is not in the cache (the records are written unchanged).
    """
    import requests

    from refs.enrich import EnrichConfig, crossref, enrich, openlibrary

    for name, url in (("--crossref-url", crossref_url), ("--openlibrary-url", openlibrary_url)):
        if url and url.lower() not in ("none", "off"):
            common.check_http_url(name, url)
    if mailto is not None:
        mailto = mailto.strip()
        if mailto and not re.fullmatch(r"[^\s@<>()]+@[^\s@<>()]+", mailto):
            common.fail(f"--mailto: not an e-mail address: {mailto!r}")
    library, read_report = common.load(input, from_fmt)
    fmt = common.output_format(output, to_fmt, library)
    ol_url: str | None = openlibrary.DEFAULT_URL
    if openlibrary_url:
        ol_url = None if openlibrary_url.lower() in ("none", "off", "") else openlibrary_url
    cache_file = _cache_file(cache_path)
    had_cache = cache_file.exists()
    config = EnrichConfig(mailto=mailto or None, crossref_url=crossref_url or crossref.DEFAULT_URL,
                          openlibrary_url=ol_url, cache=cache_path, offline=offline, overwrite=overwrite)
    with Progress("Looking up", min_total=2) as bar:
        bar.start(len(library.records))
        config.progress = bar.set
        try:
            records, report = enrich(library.records, config)
        except requests.RequestException as exc:  # an OSError too: before the cache's clause
            common.fail(f"cannot send the request: {exc}")
        except (sqlite3.Error, OSError) as exc:
            common.fail(f"cannot use the cache{f' {cache_path}' if cache_path else ''}: {exc}")
        except ValueError as exc:
            common.fail(str(exc))
    library.records = records
    common.save(library, output, fmt)
    if report_path:
        common.write_json(report_path, report.to_dict())

    s = report.summary
    if s.get("network_unavailable"):
        notice = (f"refs: network unavailable ({s.get('network_error') or 'cannot reach Crossref'}); "
                  f"{s['not_attempted']} record(s) written unchanged")
        if s.get("enriched"):
            notice += f" ({s['enriched']} enriched before the network went away)"
        click.echo(notice + ".", err=True)
        sys.exit(common.EXIT_NETWORK)
    if offline and s.get("not_cached"):
        # Offline with lookups left undone is the network-unavailable case: the records
        # were written, but not all were looked up. Say so once and exit 3.
        where = (f"the cache {cache_file} is not there yet" if not had_cache
                 else f"their answers are not in the cache {cache_file}")
        click.echo(f"refs: offline: {s['not_cached']} of {s['records']} record(s) needed a lookup and "
                   f"{where}; they were written unchanged. Run without --offline to look them up.",
                   err=True)
        sys.exit(common.EXIT_NETWORK)
    for p in report.problems:
        click.echo(str(p), err=True)
    if sys.stderr.isatty() or report_path is None:
        line = (f"refs enrich: {s['enriched']} of {s['records']} record(s) enriched "
                f"({s['fields_added']} field(s)); {s['no_match']} without a confident match")
        if s.get("not_cached"):
            line += f"; {s['not_cached']} not in the cache (offline)"
        if s.get("errors"):
            line += f"; {s['errors']} lookup(s) failed"
        click.echo(line + ".", err=True)
    sys.exit(common.exit_status(read_report, report))


def _cache_file(cache_path: str | None) -> Path:
    """The cache file a run will use (``--cache`` may name a folder)."""
    from refs import net

    path = Path(cache_path) if cache_path else net.default_cache_path()
    return path / net.default_cache_path().name if path.is_dir() else path
