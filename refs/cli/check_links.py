"""``refs check-links``: check every link in a file, report dead ones, offer archived copies."""

from __future__ import annotations

import sys
from typing import Any

import click

from refs.cli import common
from refs.cli.progress import Progress
from refs.links import STATUSES, CheckConfig, check_links, fix
from refs.links.wayback import ENV_VAR
from refs.model import Report

_COLOURS = {"dead": "red", "blocked": "yellow", "timeout": "yellow", "error": "magenta",
            "unknown": "cyan", "redirected": "blue", "ok": "green"}


def _table(items: list[dict[str, Any]], hide_ok: bool) -> list[str]:
    """One line per link, sorted by status (worst first), then record id."""
    order = {s: i for i, s in enumerate(STATUSES)}
    rows = sorted((it for it in items if not (hide_ok and it["status"] == "ok")),
                  key=lambda it: (order.get(it["status"], len(order)), str(it["id"])))
    if not rows:
        return []
    wid = min(24, max(len("ID"), *(len(str(r["id"])) for r in rows)))
    uwid = min(70, max(len("URL"), *(len(str(r["url"])) for r in rows)))
    head = f"{'STATUS':<10} {'CODE':>4}  {'ID':<{wid}}  {'URL':<{uwid}}  DETAIL"
    lines = [head]
    for r in rows:
        code = "" if r["code"] is None else str(r["code"])
        status = click.style(f"{r['status']:<10}", fg=_COLOURS.get(r["status"]))
        detail = r["detail"]
        if r.get("archive_url"):
            detail = f"{detail} -> {r['archive_url']}" if detail else r["archive_url"]
        lines.append(f"{status} {code:>4}  {str(r['id']):<{wid}}  {r['url']:<{uwid}}  {detail}".rstrip())
    return lines


def _summary_line(report: Report) -> str:
    s = report.summary
    counts = ", ".join(f"{s[k]} {k}" for k in STATUSES if s.get(k))
    return f"{s['links']} links in {s['records']} records: {counts or 'nothing to check'} " \
           f"({s['seconds']:.1f} s)"


@click.command("check-links")
@common.input_argument
@common.from_option
@click.option("--report", "report_path", default=None, metavar="REPORT.json",
              help="Write every link's result as JSON ('-' for stdout).")
@click.option("--archive", is_flag=True,
              help="Ask the Wayback Machine for the closest snapshot of each dead link.")
@click.option("--fix", "do_fix", is_flag=True,
              help="Write archive-url/archive-date and url-status=dead into the records "
                   "of dead links (implies --archive; needs -o).")
@click.option("-o", "--output", default=None, help="Output file for --fix (never the input).")
@click.option("--to", "to_fmt", default=None, help="Output format for --fix (default from -o).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for one answer.")
@click.option("--total-timeout", type=click.FloatRange(min=0.1), default=600.0, show_default=True,
              help="Seconds for the whole run; links not checked by then are 'timeout'.")
@click.option("--concurrency", type=click.IntRange(min=1, max=512), default=32, show_default=True,
              help="Requests in flight at once.")
@click.option("--per-host", type=click.IntRange(min=1, max=64), default=4, show_default=True,
              help="Requests in flight at once to one host.")
@click.option("--gap", type=click.FloatRange(min=0), default=0.02, show_default=True,
              help="Seconds between two request starts to one host.")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=2, show_default=True,
              help="Extra attempts after a transient failure (5xx, 429, dropped connection).")
@click.option("--wayback-url", envvar=ENV_VAR, default=None, metavar="URL",
              help=f"Availability API endpoint (default: the Wayback Machine; env {ENV_VAR}).")
@click.option("--probe-host", "probe_hosts", multiple=True, metavar="NAME",
              help="A name that resolves whenever DNS works, to tell unknown hosts from no "
                   "network (default: doi.org, archive.org).")
@click.option("--allow-private", is_flag=True,
              help="Also check links to private and link-local addresses (10.x, 192.168.x, "
                   "169.254.x, fc00::/7, ...); refused ('blocked') by default. Loopback is always allowed.")
@click.option("--hide-ok", is_flag=True, help="Leave links that are fine out of the table.")
def command(input: str, from_fmt: str | None, report_path: str | None, archive: bool, do_fix: bool,
            output: str | None, to_fmt: str | None, timeout: float, total_timeout: float,
            concurrency: int, per_host: int, gap: float, retries: int, wayback_url: str | None,
            probe_hosts: tuple[str, ...], allow_private: bool, hide_ok: bool) -> None:
    """Check every link in INPUT: URL, DOI (via doi.org) and \\url{} in howpublished/note.

    Each link gets one status: dead (404, 410, unknown host), blocked (401/403/429/503,
    bot walls: not dead, could not verify; or a private address, not fetched), timeout,
    error, unknown (the network itself is down), redirected or ok. --timeout (per
    request) and --total-timeout (whole run) are hard limits, however slowly a server
    answers. Exit status 1 when dead links are found, 3 when the
    network is unavailable.
    """
    if do_fix and not output:
        common.fail("--fix writes a new file: give it with -o OUTPUT")
    if output and not do_fix:
        common.fail("-o is only used with --fix")
    if archive or do_fix:
        common.check_http_url("--wayback-url", wayback_url)
    library, load_report = common.load(input, from_fmt)
    fmt = common.output_format(output, to_fmt, library) if do_fix and output else None
    config = CheckConfig(timeout=timeout, total_timeout=total_timeout, concurrency=concurrency,
                         per_host=per_host, gap=gap, retries=retries, allow_private=allow_private)
    if probe_hosts:
        config.probe_hosts = tuple(probe_hosts)
    with Progress("checking links") as bar:
        _, report = check_links(library.records, config, archive=archive or do_fix,
                                wayback_url=wayback_url, progress=bar.advance, total=bar.start)
    data: dict[str, Any] = {"links": report.items, "summary": report.summary}
    out = sys.stderr if report_path == "-" else sys.stdout
    for line in _table(report.items, hide_ok):
        click.echo(line, file=out, color=None)
    click.echo(_summary_line(report), file=out)
    if do_fix and output and fmt:
        fixed, fixes = fix(library.records, report)
        library.records = fixed
        common.save(library, output, fmt)
        data["fixes"] = fixes.items
        click.echo(f"fixed {len(fixes.items)} record(s); wrote {output}", err=True)
    if report_path:
        common.write_json(report_path, data)
    if report.summary.get("network") == "unavailable":
        click.echo("refs: the network is unavailable: links that could not be reached are "
                   "'unknown', not dead", err=True)
        sys.exit(common.EXIT_NETWORK)
    if report.summary.get("archive") == "unavailable":
        click.echo("refs: warning: the archive could not be reached; no snapshots looked up",
                   err=True)
    if report.summary.get("dead"):
        sys.exit(common.EXIT_SKIPPED)
    sys.exit(common.exit_status(load_report))
