"""A client for the Wayback Machine's availability API.

``GET {base}?url=<link>&timestamp=YYYYMMDD`` answers with the capture closest to the
timestamp (or the newest without one)::

    {"archived_snapshots": {"closest": {"available": true, "status": "200",
      "url": "http://.../web/20130919044612/http://example.com/", "timestamp": "20130919044612"}}}

and ``{"archived_snapshots": {}}`` when there is none. The base URL is configurable
(``REFS_WAYBACK_URL``) so that tests and mirrors can stand in for the real service.
Requests go through :class:`refs.net.Client`: polite limits, retries, the cache.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from refs.model import ARCHIVE_DATE, Record
from refs.net import Client, NetConfig, NetworkUnavailable, RequestFailed

DEFAULT_WAYBACK_URL = "https://archive.org/wayback/available"
ENV_VAR = "REFS_WAYBACK_URL"


class WaybackError(Exception):
    """The availability API did not give a usable answer (after the client's retries)."""


@dataclass(frozen=True)
class Snapshot:
    """One archived capture: its replay URL and 14-digit timestamp."""

    url: str
    timestamp: str
    status: str | None = None

    @property
    def date(self) -> str:
        """The capture date as ISO ``YYYY-MM-DD`` (what ``archive-date`` holds)."""
        t = self.timestamp
        return f"{t[:4]}-{t[4:6]}-{t[6:8]}" if len(t) >= 8 else t[:4]


def wayback_url(base_url: str | None = None) -> str:
    """The availability endpoint: the argument, else ``$REFS_WAYBACK_URL``, else the real one."""
    return base_url or os.environ.get(ENV_VAR) or DEFAULT_WAYBACK_URL


def _date_stamp(value: Any) -> str | None:
    """``YYYY[MM[DD]]`` from a CSL date object or an ISO-ish string."""
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts and parts[0] and parts[0][0] not in (None, ""):
            try:
                nums = [int(p) for p in parts[0][:3]]
            except (TypeError, ValueError):
                nums = []
            if nums:
                return f"{nums[0]:04d}" + "".join(f"{n:02d}" for n in nums[1:])
        value = value.get("raw") or value.get("literal")
    if isinstance(value, str):
        m = re.search(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
        if m:
            return m.group(1) + "".join(f"{int(g):02d}" for g in m.groups()[1:] if g)
    return None


def target_timestamp(record: Record) -> str | None:
    """When the link last worked, as best the record knows: its archive date, else its
    access date, else its publication date. ``None``: ask for the newest capture."""
    for value in (record.custom(ARCHIVE_DATE), record.get("accessed"), record.get("issued")):
        stamp = _date_stamp(value)
        if stamp:
            return stamp
    return None


def parse(data: Any) -> Snapshot | None:
    """The usable snapshot in an availability answer: available and captured with a
    2xx status (a capture of the 404 page is no archive of the content)."""
    if not isinstance(data, dict):
        raise WaybackError("availability answer is not a JSON object")
    closest = (data.get("archived_snapshots") or {}).get("closest")
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    url, stamp = closest.get("url"), str(closest.get("timestamp") or "")
    status = closest.get("status")
    if not url or not re.fullmatch(r"\d{4,14}", stamp):
        return None
    if status is not None and not str(status).startswith("2"):
        return None
    if str(url).startswith("http://web.archive.org/"):
        url = "https://" + str(url)[7:]  # the archive serves every capture over https
    return Snapshot(str(url), stamp, None if status is None else str(status))


class WaybackClient:
    """Closest snapshots of links, through a shared :class:`refs.net.Client`."""

    def __init__(self, base_url: str | None = None, client: Client | None = None,
                 concurrency: int = 2) -> None:
        self.base_url = wayback_url(base_url)
        self.client = client or Client(NetConfig(cache=False, retries=2, timeout=(5.0, 20.0)))
        self.client.set_limits(self.base_url, limit=5, interval=1.0, concurrency=concurrency)

    def closest(self, url: str, timestamp: str | None = None) -> Snapshot | None:
        """The capture of ``url`` closest to ``timestamp``, or ``None`` when there is
        none. Raises :class:`NetworkUnavailable` when the API cannot be reached and
        :class:`WaybackError` when it answers but not usefully."""
        params = {"url": url}
        if timestamp:
            params["timestamp"] = timestamp
        try:
            status, data = self.client.get_json(self.base_url, params=params)
        except NetworkUnavailable:
            raise
        except RequestFailed as exc:
            raise WaybackError(str(exc)) from exc
        if status != 200:
            raise WaybackError(f"availability API answered {status}")
        return parse(data)

    def close(self) -> None:
        self.client.close()
