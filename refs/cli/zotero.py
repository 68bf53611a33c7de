"""``refs zotero push``: put records into a Zotero library (Web API or desktop connector)."""

from __future__ import annotations

import json
import sys

import click

from refs.cli import common
from refs.net import NetworkUnavailable
from refs.zotero import connector as conn
from refs.zotero import mapping, webapi


@click.group("zotero")
def command() -> None:
    """Send records to Zotero."""


@command.command("push")
@common.input_argument
@common.from_option
@click.option("--library-type", type=click.Choice(["user", "group"]), default="user", show_default=True,
              help="A personal (user) library or a group library.")
@click.option("--library-id", envvar="ZOTERO_LIBRARY_ID", default=None,
              help="The user ID (zotero.org/settings/keys) or group ID. Env: ZOTERO_LIBRARY_ID.")
@click.option("--api-key", envvar="ZOTERO_API_KEY", default=None,
              help="An API key with write access. Env: ZOTERO_API_KEY.")
@click.option("--api-url", envvar="ZOTERO_API_URL", default=None,
              help="Web API base URL (default: Zotero's; set it for a self-hosted or test server).")
@click.option("--collection", default=None, help="Put the items in this collection (created if missing).")
@click.option("--connector", is_flag=True,
              help="Send BibTeX to the running Zotero desktop app instead of the Web API.")
@click.option("--connector-url", default=None,
              help="The desktop connector's address (default http://127.0.0.1:23119).")
@click.option("--dry-run", is_flag=True, help="Print the Zotero item JSON that would be sent; send nothing.")
@click.option("--report", "report_path", default=None, help="Write the push report (JSON) to this file.")
def push_command(input: str, from_fmt: str | None, library_type: str, library_id: str | None,
                 api_key: str | None, api_url: str | None, collection: str | None, connector: bool,
                 connector_url: str | None, dry_run: bool, report_path: str | None) -> None:
    """Create the records of INPUT as items in a Zotero library.

    Through the Web API (needs --library-id and --api-key): item types and fields are
    mapped from CSL, 50 items per request, each batch with a write token so that a
    retry never duplicates; rate limits (Backoff, Retry-After, 429) are honoured. The
    created item keys, and any failures, are printed.

    With --connector, the BibTeX goes to the Zotero desktop app, which imports it into
    the library/collection selected in its window.
    """
    common.check_http_url("--api-url", api_url)
    common.check_http_url("--connector-url", connector_url)
    library, read_report = common.load(input, from_fmt)
    records = list(library.records)
    if not records:
        common.fail(f"{input}: no records to push", common.EXIT_SKIPPED)

    if dry_run:
        items = [mapping.to_zotero(r)[0] for r in records]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        sys.exit(common.exit_status(read_report))

    try:
        if connector:
            if collection:
                click.echo("refs: note: --collection is ignored with --connector; Zotero saves into the "
                           "collection selected in its window", err=True)
            _, report = conn.push(records, connector_url or conn.DEFAULT_CONNECTOR_URL)
            click.echo(f"Zotero imported {report.summary['imported']} of {len(records)} records.")
        else:
            if not library_id:
                common.fail("--library-id is required for the Web API (or use --connector)")
            if not api_key:
                common.fail("--api-key is required for the Web API (or set ZOTERO_API_KEY)")
            config = webapi.ZoteroConfig(library_type=library_type, library_id=library_id,
                                         api_key=api_key, api_url=api_url or webapi.DEFAULT_API_URL,
                                         collection=collection)
            _, report = webapi.push(records, config)
            _print_items(report.items)
            s = report.summary
            coll = s.get("collection")
            where = f" in collection {coll['name']!r} ({coll['key']})" if coll else ""
            click.echo(f"{s['created']} created, {s.get('unchanged', 0)} unchanged, {s['failed']} failed "
                       f"in {s['library']}{where}.", err=True)
    except NetworkUnavailable as exc:
        common.fail(str(exc), common.EXIT_NETWORK)
    except (webapi.ZoteroError, conn.ConnectorError) as exc:
        common.fail(str(exc), common.EXIT_SKIPPED)
    if report_path:
        common.write_json(report_path, {"read": read_report.to_dict(), "push": report.to_dict()})
    for p in report.problems:
        if p.severity != "error":
            click.echo(str(p), err=True)
    if report.summary.get("network_unavailable"):
        sys.exit(common.EXIT_NETWORK)
    sys.exit(common.exit_status(read_report, report))


def _print_items(items: list[dict]) -> None:
    for it in items:
        if it["status"] == "failed":
            click.echo(f"failed   {it['id']}: {it['message']}")
        else:
            click.echo(f"{it['status']:<8} {it.get('key') or '?':<8} {it['id']}")
