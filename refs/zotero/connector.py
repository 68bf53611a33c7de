"""Send BibTeX to the Zotero desktop app through its local connector server.

Zotero (desktop) listens on 127.0.0.1:23119 while it runs. ``POST /connector/import``
with a bibliography in the body runs Zotero's own import translators on it and saves
the items into the library and collection currently selected in the Zotero window,
answering 201 with the saved items as JSON. No API key is needed, only a running
Zotero; so the errors that matter are "nothing is listening" and "the selected
library is read-only", and both are said plainly.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Sequence
from typing import Any

import requests

from refs.model import Library, Record, Report
from refs.net import Client, NetConfig, NetworkUnavailable, RedirectRefused, RequestFailed

DEFAULT_CONNECTOR_URL = "http://127.0.0.1:23119"

#: The connector server refuses cross-site requests from browsers; these headers say we
#: are a connector client, not a web page.
CONNECTOR_HEADERS = {"X-Zotero-Connector-API-Version": "3", "Zotero-Allowed-Request": "1"}


class ConnectorError(Exception):
    """Zotero answered but would not import (no translator matched, read-only library...)."""


def _client(url: str, session: requests.Session | None, timeout: float) -> Client:
    """A refs.net client for the local app: no cache, no retries (a local server that
    does not answer at once is not running; an import is not safe to repeat), no pacing."""
    client = Client(NetConfig(cache=False, timeout=(min(5.0, timeout), timeout), retries=0,
                              connect_retries=0, extra_headers=CONNECTOR_HEADERS), session=session)
    client.set_limits(url, limit=math.inf, concurrency=1, adaptive=False)
    return client


def _not_running(url: str, exc: Exception) -> NetworkUnavailable:
    return NetworkUnavailable(
        f"Zotero is not running, or its connector is off: nothing answered at {url} "
        f"({type(exc.__cause__ or exc).__name__}). "
        "Start the Zotero desktop app (Settings → Advanced: allow other applications to communicate "
        "with Zotero), or push through the Web API instead (--library-id/--api-key).")


def ping(url: str = DEFAULT_CONNECTOR_URL, session: requests.Session | None = None,
         timeout: float = 5.0) -> str:
    """What Zotero says to ``/connector/ping`` ("Zotero is running"); raises when it is not."""
    try:
        resp = _client(url, session, timeout).get(url.rstrip("/") + "/connector/ping")
    except RedirectRefused as exc:
        raise ConnectorError(f"Zotero connector at {url}: {exc}") from exc
    except (NetworkUnavailable, RequestFailed) as exc:
        raise _not_running(url, exc) from exc
    if resp.status_code != 200:
        raise ConnectorError(f"unexpected answer to ping from {url}: HTTP {resp.status_code}")
    return resp.text.strip()


def import_text(text: str, url: str = DEFAULT_CONNECTOR_URL, session: requests.Session | None = None,
                timeout: float = 120.0) -> list[dict[str, Any]]:
    """Import ``text`` (BibTeX, RIS, CSL-JSON: whatever Zotero's translators read); returns
    the items Zotero saved."""
    endpoint = url.rstrip("/") + "/connector/import"
    try:
        resp = _client(url, session, timeout).request(
            "POST", endpoint, params={"session": uuid.uuid4().hex}, data=text.encode("utf-8"),
            headers={"Content-Type": "text/plain; charset=utf-8"}, idempotent=False)
    except RedirectRefused as exc:
        raise ConnectorError(f"Zotero connector at {url}: {exc}") from exc
    except (NetworkUnavailable, RequestFailed) as exc:
        raise _not_running(url, exc) from exc
    code = resp.status_code
    if code in (200, 201):
        try:
            items = resp.json()
        except ValueError:
            return []
        return items if isinstance(items, list) else []
    body = (resp.text or "").strip()
    if code == 400:
        raise ConnectorError("Zotero found no import translator for the data (HTTP 400)")
    if code == 500 and "libraryEditable" in body:
        try:
            editable = json.loads(body).get("libraryEditable", True)
        except ValueError:
            editable = True
        if not editable:
            raise ConnectorError("the library selected in Zotero is read-only: select an editable "
                                 "library or collection in the Zotero window and try again")
    if code == 404:
        raise ConnectorError(f"{endpoint}: not found (HTTP 404); is this Zotero's connector port?")
    raise ConnectorError(f"Zotero connector answered HTTP {code}: {body[:300]}")


def push(records: Sequence[Record], url: str = DEFAULT_CONNECTOR_URL,
         session: requests.Session | None = None, timeout: float = 120.0) -> tuple[list[Record], Report]:
    """Send ``records`` as Zotero-oriented BibTeX to the desktop app; report what it saved."""
    report = Report(stage="zotero-connector")
    report.summary["zotero"] = ping(url, session)  # fail fast and clearly when Zotero is not running
    from refs.io import bibtex  # imported late: only this path needs the BibTeX writer

    library = Library(records=list(records))
    text = bibtex.dumps(library, zotero=True)
    items = import_text(text, url, session, timeout)
    report.summary.update({"sent": len(records), "imported": len(items), "url": url})
    for it in items:
        report.items.append({"status": "imported", "itemType": it.get("itemType"),
                             "title": it.get("title"), "key": it.get("key") or it.get("id")})
    if len(items) < len(records):
        report.problem(f"Zotero imported {len(items)} of {len(records)} records", severity="warning")
    return list(records), report
