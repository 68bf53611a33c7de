"""Create items in a Zotero library through the Zotero Web API v3.

Why not pyzotero's ``create_items`` for the writes (pyzotero 1.6): it mints a fresh
``Zotero-Write-Token`` on every call, so retrying a batch whose answer was lost can
create the items twice; on 429 it records the back-off but returns the error body as
if it were the result instead of retrying; its back-off timer is a non-daemon thread
that keeps the process alive; and it speaks httpx, outside refs' one HTTP layer. What
the write protocol needs is small, and it is all here:

* at most 50 items per request (the API's limit), each batch with its own write token,
  kept across retries of that batch, so a retry can never duplicate: if an earlier
  attempt did land, the server answers 412 and the keys are looked up instead;
* ``Backoff`` (on any answer) and ``Retry-After`` (429, 503) honoured before the next
  request; 500/502/504, 409 (library locked) and dropped connections retried with
  exponential waits (all of that is refs.net's client, told that a write carrying a
  token is safe to repeat); 413 answered by splitting the batch;
* per-item results from the ``successful`` / ``unchanged`` / ``failed`` maps, so one bad
  item never sinks its batch, and the created keys reported per record;
* ``--collection``: found by name (paginated), else created, and every item put in it;
* ``annote`` notes created afterwards as child notes of their items.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import requests

from refs.model import Record, Report
from refs.net import RETRY_STATUSES as NET_RETRY_STATUSES
from refs.net import Client, NetConfig, NetworkUnavailable, RedirectRefused, RequestFailed, short_reason
from refs.zotero import mapping

DEFAULT_API_URL = "https://api.zotero.org"
MAX_BATCH = 50
#: refs.net's retry statuses plus 409: Zotero's "library locked", which clears by itself.
RETRY_STATUSES = NET_RETRY_STATUSES | {409}


class ZoteroError(Exception):
    """The push cannot go on: bad credentials (403), no such library (404), bad options."""


@dataclass
class ZoteroConfig:
    """Where and how to push. ``sleep`` and ``clock`` are injectable so that tests can
    check the waits without waiting."""

    library_type: str
    library_id: str
    api_key: str = ""
    api_url: str = DEFAULT_API_URL
    collection: str | None = None
    batch_size: int = MAX_BATCH
    max_attempts: int = 5
    timeout: float = 30.0
    max_wait: float = 900.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.library_type not in ("user", "group"):
            raise ZoteroError(f"library type must be 'user' or 'group', not {self.library_type!r}")
        if not str(self.library_id).isdigit():
            raise ZoteroError(f"library id must be a number, not {self.library_id!r}")
        if not 1 <= self.batch_size <= MAX_BATCH:
            raise ZoteroError(f"batch size must be 1..{MAX_BATCH}")

    @property
    def library_path(self) -> str:
        return f"/{self.library_type}s/{self.library_id}"


@dataclass
class _Answer:
    response: requests.Response | None
    attempts: int
    error: str = ""


class WebAPI:
    """A small Zotero Web API v3 client for writes (items, collections).

    The HTTP itself (User-Agent, timeouts, retries with exponential waits, ``Retry-After``
    and ``Backoff``) is refs.net's :class:`~refs.net.Client`; what is Zotero's here is the
    write protocol on top: write tokens, 412 recovery, 413 splitting, per-item results.
    """

    def __init__(self, config: ZoteroConfig, session: requests.Session | None = None) -> None:
        self.config = config
        self.base = config.api_url.rstrip("/") + config.library_path
        self.version: int | None = None  # the library version last seen
        self.waits: list[float] = []  # what we waited, for reports and tests
        headers = {"Zotero-API-Version": "3", **config.headers}
        if config.api_key:
            headers["Zotero-API-Key"] = config.api_key
        self.client = Client(NetConfig(
            cache=False, timeout=(min(10.0, config.timeout), config.timeout),
            retries=max(0, config.max_attempts - 1), connect_retries=1,
            backoff=1.0, max_backoff=30.0, jitter=False, max_retry_after=config.max_wait,
            retry_statuses=frozenset(RETRY_STATUSES), extra_headers=headers,
            clock=config.clock, sleep=self._sleep), session=session)
        # Zotero publishes no request rate: it paces clients with Backoff, Retry-After and
        # 429, which the limiter honours. So no spacing of our own, one request at a time.
        self.client.set_limits(self.base, limit=math.inf, concurrency=1, adaptive=False)

    # -- HTTP ---------------------------------------------------------------------------
    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.waits.append(seconds)
            self.config.sleep(seconds)

    def request(self, method: str, path: str, *, body: Any = None,
                headers: dict[str, str] | None = None, params: dict[str, Any] | None = None) -> _Answer:
        """One API call, retried by refs.net: GETs always, writes only when they carry a
        ``Zotero-Write-Token`` (the same on every attempt, so a repeat cannot duplicate).
        Raises NetworkUnavailable when the server never answered and nothing may have
        been written; a write that may have landed comes back as an answer without a
        response, so the caller can say so per item."""
        url = self.base + path
        idempotent = method == "GET" or bool(headers and headers.get("Zotero-Write-Token"))
        before = self.client.stats.requests
        try:
            resp = self.client.request(method, url, json=body, params=params, headers=headers,
                                       idempotent=idempotent)
        except RedirectRefused as exc:
            raise ZoteroError(f"the Zotero API at {self.config.api_url}: {exc}") from exc
        except (NetworkUnavailable, RequestFailed) as exc:
            attempts = self.client.stats.requests - before
            if method == "GET" or not exc.maybe_sent:
                reason = short_reason(exc.__cause__ or exc)
                raise NetworkUnavailable(
                    f"cannot reach the Zotero API at {self.config.api_url}: {reason}") from exc
            return _Answer(None, attempts, str(exc))
        version = resp.headers.get("Last-Modified-Version")
        if version and version.isdigit():
            self.version = int(version)
        return _Answer(resp, self.client.stats.requests - before)

    # -- collections ------------------------------------------------------------------------
    def find_collection(self, name: str) -> str | None:
        """The key of the collection called ``name`` (a top-level one preferred)."""
        start, found = 0, []
        while True:
            ans = self.request("GET", "/collections", params={"limit": 100, "start": start,
                                                              "format": "json"})
            resp = self._check(ans, "list collections")
            page = resp.json()
            for coll in page:
                data = coll.get("data", coll)
                if data.get("name") == name:
                    found.append((bool(data.get("parentCollection")), coll.get("key") or data.get("key")))
            total = resp.headers.get("Total-Results")
            start += len(page)
            if not page or len(page) < 100 or (total and total.isdigit() and start >= int(total)):
                break
        found.sort()
        return found[0][1] if found else None

    def create_collection(self, name: str) -> str:
        ans = self.request("POST", "/collections", body=[{"name": name, "parentCollection": False}],
                           headers={"Zotero-Write-Token": uuid.uuid4().hex})
        resp = self._check(ans, f"create collection {name!r}")
        result = resp.json()
        key = (result.get("success") or {}).get("0")
        if not key:
            failed = (result.get("failed") or {}).get("0") or {}
            raise ZoteroError(f"cannot create collection {name!r}: "
                              f"{failed.get('message') or resp.text[:200]}")
        return str(key)

    def ensure_collection(self, name: str) -> tuple[str, bool]:
        """(key, created) for the collection called ``name``."""
        key = self.find_collection(name)
        return (key, False) if key else (self.create_collection(name), True)

    def _check(self, ans: _Answer, what: str) -> requests.Response:
        resp = ans.response
        if resp is None:
            raise NetworkUnavailable(f"{what}: no answer from the Zotero API ({ans.error})")
        if resp.status_code in (401, 403):
            raise ZoteroError(f"{what}: access denied ({resp.status_code}): check the API key and its "
                              f"permissions for {self.config.library_path.strip('/')}: {_brief(resp)}")
        if resp.status_code == 404:
            raise ZoteroError(f"{what}: no such library {self.config.library_path.strip('/')} (404)")
        if not 200 <= resp.status_code < 300:
            raise ZoteroError(f"{what}: HTTP {resp.status_code}: {_brief(resp)}")
        return resp

    # -- items ------------------------------------------------------------------------------
    def create_items(self, items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Create up to 50 items; one result per item, in order:
        ``{"status": "created"|"unchanged"|"failed", "key", "code", "message"}``."""
        if len(items) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} items per request")
        version_before = self.version
        ans = self.request("POST", "/items", body=list(items),
                           headers={"Zotero-Write-Token": uuid.uuid4().hex})
        resp = ans.response
        if resp is None:
            return [_fail(0, f"no answer after {ans.attempts} attempts ({ans.error}); the items may or "
                             "may not have been created") for _ in items]
        code = resp.status_code
        if code == 200:
            return _results(resp.json(), len(items))
        if code == 412 and ans.attempts > 1:
            # The token was used, and only our own earlier attempt can have used it: that
            # attempt was applied and its answer lost (a 5xx, a dropped connection).
            return self._recover(items, version_before)
        if code == 413 and len(items) > 1:
            half = len(items) // 2
            return self.create_items(items[:half]) + self.create_items(items[half:])
        if code in (401, 403, 404):
            self._check(ans, "create items")
        reason = {412: "precondition failed (write token already used or library changed)",
                  413: "request too large", 409: "library locked", 429: "rate limited"}.get(code, "")
        tried = f" after {ans.attempts} attempts" if ans.attempts > 1 else ""
        message = f"HTTP {code}{tried}: {reason + ': ' if reason else ''}{_brief(resp)}"
        return [_fail(code, message) for _ in items]

    def _recover(self, items: Sequence[dict[str, Any]], since: int | None) -> list[dict[str, Any]]:
        """A retried batch answered 412: an earlier attempt was applied. Find the keys of
        the items it made (matched by type and title among items changed since)."""
        keys: dict[tuple[str, str], list[str]] = {}
        # Changed since the version seen before the batch, else simply the newest items.
        params: dict[str, Any] = {"format": "json", "limit": 100, "sort": "dateAdded"}
        params.update({"since": since, "direction": "asc"} if since is not None else {"direction": "desc"})
        ans = self.request("GET", "/items", params=params)
        if ans.response is not None and ans.response.status_code == 200:
            rows = ans.response.json()
            if since is None:
                rows.reverse()
            for it in rows:
                data = it.get("data", it)
                keys.setdefault((data.get("itemType", ""), _title(data)), []).append(
                    it.get("key") or data.get("key"))
        out = []
        for item in items:
            found = keys.get((item.get("itemType", ""), _title(item))) or []
            out.append({"status": "created", "key": found.pop(0) if found else None, "code": 200,
                        "message": "created by an earlier attempt whose answer was lost (412 on retry)"})
        return out


def _title(data: dict[str, Any]) -> str:
    for f in ("title", "caseName", "subject", "nameOfAct", "note"):
        if data.get(f):
            return str(data[f])
    return ""


def _brief(resp: requests.Response) -> str:
    text = (resp.text or "").strip().replace("\n", " ")
    return text[:300] or resp.reason or ""


def _fail(code: int, message: str) -> dict[str, Any]:
    return {"status": "failed", "key": None, "code": code, "message": message}


def _results(payload: dict[str, Any], n: int) -> list[dict[str, Any]]:
    success = payload.get("success") or {}
    successful = payload.get("successful") or {}
    unchanged = payload.get("unchanged") or {}
    failed = payload.get("failed") or {}
    out = []
    for i in range(n):
        k = str(i)
        if k in success or k in successful:
            key = success.get(k) or (successful.get(k) or {}).get("key")
            out.append({"status": "created", "key": key, "code": 200, "message": ""})
        elif k in unchanged:
            out.append({"status": "unchanged", "key": unchanged[k], "code": 200, "message": ""})
        elif k in failed:
            f = failed[k] or {}
            out.append(_fail(int(f.get("code") or 0), str(f.get("message") or "failed")))
        else:
            out.append(_fail(0, "the server's answer did not mention this item"))
    return out


def push(records: Sequence[Record], config: ZoteroConfig,
         session: requests.Session | None = None) -> tuple[list[Record], Report]:
    """Create ``records`` as items in the configured library.

    Returns the records unchanged and a report whose ``items`` say, per record, the
    created key or why it failed; ``summary`` counts them. Raises :class:`ZoteroError`
    when the collection cannot be found or made (bad credentials, no such library) and
    ``NetworkUnavailable`` when the API cannot be reached before anything was written;
    once items exist, those become per-item failures (and ``summary["network_unavailable"]``)
    so that the keys already created are still reported."""
    report = Report(stage="zotero")
    api = WebAPI(config, session)
    collections: list[str] = []
    if config.collection:
        key, created = api.ensure_collection(config.collection)
        collections = [key]
        report.summary["collection"] = {"name": config.collection, "key": key, "created": created}

    prepared: list[tuple[Record, dict[str, Any], list[str]]] = []
    for rec in records:
        item, notes = mapping.to_zotero(rec, collections)
        problems = mapping.validate(item)
        if problems:
            report.items.append({"id": rec.id, "status": "failed", "key": None, "code": 0,
                                 "message": "not sent: " + "; ".join(problems)})
            report.problem("; ".join(problems), record=rec.id, file=rec.origin.file, line=rec.origin.line)
            continue
        prepared.append((rec, item, notes))

    # Results by position in ``prepared`` (record ids need not be unique).
    results: dict[int, dict[str, Any]] = {}
    pending_notes: list[tuple[int, dict[str, Any]]] = []
    for start in range(0, len(prepared), config.batch_size):
        batch = prepared[start:start + config.batch_size]
        try:
            answers = api.create_items([item for _, item, _ in batch])
        except ZoteroError as exc:
            for i in range(start, len(prepared)):
                results[i] = _fail(0, f"not sent: {exc}")
            report.problem(str(exc))
            break
        except NetworkUnavailable as exc:
            if start == 0:
                raise  # nothing written: the caller says "unreachable" and that is all
            for i in range(start, len(prepared)):
                results[i] = _fail(0, f"not sent: {exc}")
            report.problem(str(exc))
            report.summary["network_unavailable"] = str(exc)
            break
        for i, ((_, _, notes), ans) in enumerate(zip(batch, answers, strict=True), start):
            results[i] = ans
            if ans["status"] == "created" and ans["key"]:
                pending_notes.extend((i, mapping.note_item(n, ans["key"])) for n in notes)

    note_failures = 0
    for start in range(0, len(pending_notes), config.batch_size):
        batch_notes = pending_notes[start:start + config.batch_size]
        try:
            answers = api.create_items([n for _, n in batch_notes])
        except (ZoteroError, NetworkUnavailable) as exc:
            report.problem(f"notes not created: {exc}", severity="warning")
            note_failures += len(pending_notes) - start
            break
        for (i, _), ans in zip(batch_notes, answers, strict=True):
            results[i].setdefault("notes", 0)
            if ans["status"] == "created":
                results[i]["notes"] += 1
            else:
                note_failures += 1
                report.problem(f"note not created: {ans['message']}", record=prepared[i][0].id,
                               severity="warning")

    for i, (rec, _, _) in enumerate(prepared):
        ans = results.get(i)
        if ans is None:
            continue
        report.items.append({"id": rec.id, **ans})
        if ans["status"] == "failed":
            report.problem(f"not created in Zotero: {ans['message']}", record=rec.id,
                           file=rec.origin.file, line=rec.origin.line)
    counts = {"created": 0, "unchanged": 0, "failed": 0}
    for it in report.items:
        counts[it["status"]] = counts.get(it["status"], 0) + 1
    report.summary.update(counts)
    report.summary["notes_failed"] = note_failures
    report.summary["library"] = config.library_path.strip("/")
    report.summary["waited_seconds"] = round(sum(api.waits), 3)
    report.skipped = counts["failed"]
    return list(records), report
