"""Link checking: find dead links in records and offer archived copies.

    records, report = check_links(records, CheckConfig(per_host=2), archive=True)
    fixed, fix_report = fix(records, report)

:func:`check_links` never changes the records; ``report.items`` holds one result per
link (``id``, ``url``, ``status``, ``code``, ``final_url``, ``archive_url``,
``detail``, plus ``field`` and ``archive_date``). :func:`fix` writes the archive URL
and date of dead links into copies of the records, in the documented ``custom``
fields (``archive-url``, ``archive-date``, ``url-status``) that the BibTeX and
Wikipedia writers know.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from refs.links.check import CheckConfig, LinkResult, check
from refs.links.classify import STATUSES
from refs.links.extract import DOI_FIELD, URL_FIELD, Link, extract, links_of
from refs.links.wayback import Snapshot, WaybackClient, WaybackError, target_timestamp
from refs.model import ARCHIVE_DATE, ARCHIVE_URL, URL_STATUS, Record, Report
from refs.net import NetworkUnavailable

__all__ = ["STATUSES", "CheckConfig", "Link", "LinkResult", "WaybackClient", "check_links",
           "extract", "fix", "links_of"]

STAGE = "check-links"


def _archive(results: list[LinkResult], records: dict[str, Record], wayback: WaybackClient,
             workers: int) -> str:
    """Look up snapshots for dead links (not DOIs: a resolver page is no content).
    Returns ``ok`` or ``unavailable`` (the archive could not be reached)."""
    todo: list[LinkResult] = []
    for r in results:
        if r.status != "dead" or r.link.field == DOI_FIELD:
            continue
        record = records.get(r.link.record_id)
        known = record.custom(ARCHIVE_URL) if record is not None and r.link.field == URL_FIELD else None
        if known:
            r.archive_url = str(known)
            r.archive_date = record.custom(ARCHIVE_DATE) if record is not None else None
            r.detail += "; archived copy already recorded"
        else:
            todo.append(r)
    state = {"reachable": True}

    def one(r: LinkResult) -> None:
        if not state["reachable"]:
            r.detail += "; archive not reachable"
            return
        record = records.get(r.link.record_id)
        stamp = target_timestamp(record) if record is not None else None
        try:
            snap: Snapshot | None = wayback.closest(r.link.url, stamp)
        except NetworkUnavailable:
            state["reachable"] = False
            r.detail += "; archive not reachable"
            return
        except WaybackError as exc:
            r.detail += f"; archive lookup failed: {exc}"
            return
        if snap is None:
            r.detail += "; no archived copy"
        else:
            r.archive_url, r.archive_date = snap.url, snap.date
            near = f" (closest to {stamp})" if stamp else ""
            r.detail += f"; archived {snap.date}{near}"

    if todo:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(one, todo))
    return "ok" if state["reachable"] else "unavailable"


def check_links(records: list[Record], config: CheckConfig | None = None, *,
                archive: bool = False, wayback: WaybackClient | None = None,
                wayback_url: str | None = None,
                progress: Callable[[LinkResult], None] | None = None,
                total: Callable[[int], None] | None = None) -> tuple[list[Record], Report]:
    """Check every link of ``records``; with ``archive``, find snapshots of dead ones.

    ``progress`` is called once per finished link, ``total`` once with the number of
    links before checking starts. The records come back unchanged; the report's
    ``summary`` has counts per status, ``links``, ``records``, ``network``
    (``ok`` or ``unavailable``), ``archive`` and ``seconds``.
    """
    config = config or CheckConfig()
    started = time.monotonic()
    links = extract(records)
    if total:
        total(len(links))
    results, down = check(links, config, progress=progress)
    report = Report(stage=STAGE)
    report.summary["network"] = "unavailable" if down else "ok"
    if archive and not down and any(r.status == "dead" for r in results):
        own = wayback is None
        client = wayback or WaybackClient(wayback_url, concurrency=config.per_host)
        try:
            report.summary["archive"] = _archive(results, {r.id: r for r in records}, client,
                                                 config.per_host)
        finally:
            if own:
                client.close()
    report.items = [r.to_item() for r in results]
    counts = Counter(r.status for r in results)
    report.summary.update({s: counts.get(s, 0) for s in STATUSES})
    report.summary["links"] = len(results)
    report.summary["records"] = len(records)
    report.summary["seconds"] = round(time.monotonic() - started, 3)
    return records, report


def fix(records: list[Record], report: Report) -> tuple[list[Record], Report]:
    """Copies of ``records`` with what a check found written in: for a dead ``URL``
    with a snapshot, ``custom.archive-url``/``archive-date`` and ``url-status: dead``;
    for a live ``URL`` that already has an archive URL, ``url-status: live``. Only the
    ``URL`` field's link is the one ``archive-url`` belongs to; other links are left
    alone. The fix report lists each change."""
    out = [r.copy() for r in records]
    by_id = {r.id: r for r in out}
    fixes = Report(stage="fix-links")
    for item in report.items:
        if item.get("field") != URL_FIELD:
            continue
        record = by_id.get(str(item.get("id")))
        if record is None:
            continue
        status = item.get("status")
        if status == "dead" and item.get("archive_url"):
            changed = {ARCHIVE_URL: item["archive_url"], ARCHIVE_DATE: item.get("archive_date"),
                       URL_STATUS: "dead"}
        elif status in ("ok", "redirected") and record.custom(ARCHIVE_URL):
            changed = {URL_STATUS: "live"}
        else:
            continue
        changed = {k: v for k, v in changed.items() if v and record.custom(k) != v}
        for key, value in changed.items():
            record.set_custom(key, value, stage=STAGE, source=str(item.get("archive_url") or ""))
        if changed:
            fixes.items.append({"id": record.id, "url": item.get("url"), **changed})
    fixes.summary["fixed"] = len(fixes.items)
    return out, fixes
