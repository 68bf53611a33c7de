"""A local stand-in for Crossref's REST API (and Open Library's search), for tests and
the enrich bench. Stdlib only; listens on 127.0.0.1.

It answers ``/works/{doi}`` and ``/works?query.bibliographic=...`` in Crossref's JSON
shape from works you give it (write them as Crossref work objects), and
``/search.json`` in Open Library's shape from book docs. It can enforce a rate limit
(sliding window) and a concurrency limit the way Crossref announces them
(``x-rate-limit-limit``, ``x-rate-limit-interval``, ``x-concurrency-limit``), answering
429 with ``Retry-After`` when they are exceeded, add latency, and inject faults per
path: ``"429:2"`` (429, Retry-After 2), ``"429-date:2"`` (Retry-After as an HTTP date),
``"500"``, ``"503"``, ``"drop"`` (close the connection without an answer), ``"truncate"``
(send half a body and close), ``"malformed"`` (200 with broken JSON), ``"sleep:S"``
(answer after S seconds). ``jitter`` adds a deterministic wobble to the search ranking
(decoys then rank above the true work now and then, as they do on the real service).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import math
import re
import socket
import threading
import time
import unicodedata
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def _fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"\w+", text)


def _year(work: dict[str, Any]) -> int | None:
    for key in ("issued", "published-print", "published-online"):
        parts = (work.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


class CrossrefServer:
    """The server; use as a context manager or call :meth:`start` / :meth:`stop`."""

    def __init__(self, works: list[dict[str, Any]] | None = None, *,
                 books: list[dict[str, Any]] | None = None,
                 rate_limit: tuple[int, float] | None = None, concurrency: int | None = None,
                 latency: float = 0.0, announce: bool = True, pool: str = "polite",
                 jitter: float = 0.0) -> None:
        self.jitter = jitter
        self.works = {str(w["DOI"]).lower(): w for w in works or []}
        self.books = list(books or [])
        self.rate_limit = rate_limit
        self.concurrency = concurrency
        self.latency = latency
        self.announce = announce
        self.pool = pool
        self.faults: dict[str, list[str]] = {}
        self.log: list[dict[str, Any]] = []
        self.violations = 0
        self._arrivals: deque[float] = deque()
        self._active = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control --------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def fault(self, path_prefix: str, *actions: str) -> None:
        """Queue faults for requests whose path starts with ``path_prefix``."""
        self.faults.setdefault(path_prefix, []).extend(actions)

    def start(self) -> CrossrefServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 64
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> CrossrefServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def requests(self) -> int:
        return len(self.log)

    # -- behaviour --------------------------------------------------------------------
    def _take_fault(self, path: str) -> str | None:
        with self._lock:
            for prefix, actions in self.faults.items():
                if path.startswith(prefix) and actions:
                    return actions.pop(0)
        return None

    def _admit(self) -> bool:
        """Count an arrival; False when it breaks the rate or concurrency limit."""
        now = time.monotonic()
        with self._lock:
            self._active += 1
            ok = True
            if self.concurrency is not None and self._active > self.concurrency:
                ok = False
            if self.rate_limit is not None:
                limit, interval = self.rate_limit
                while self._arrivals and self._arrivals[0] <= now - interval:
                    self._arrivals.popleft()
                if len(self._arrivals) >= limit:
                    ok = False
                else:
                    self._arrivals.append(now)
            if not ok:
                self.violations += 1
            return ok

    def _leave(self) -> None:
        with self._lock:
            self._active -= 1

    def limit_headers(self) -> dict[str, str]:
        if not self.announce or self.rate_limit is None:
            return {}
        limit, interval = self.rate_limit
        out = {"x-api-pool": self.pool, "x-rate-limit-limit": str(limit),
               "x-rate-limit-interval": f"{interval:g}s"}
        if self.concurrency is not None:
            out["x-concurrency-limit"] = str(self.concurrency)
        return out

    def _indexed(self) -> list[tuple[dict[str, Any], set[str], set[str]]]:
        """Works with their folded title/container words and family names (computed once)."""
        with self._lock:
            if getattr(self, "_index_size", -1) != len(self.works):
                index = []
                for work in self.works.values():
                    text = set(_fold(" ".join(work.get("title") or []) + " "
                                     + " ".join(work.get("subtitle") or []) + " "
                                     + " ".join(work.get("container-title") or [])))
                    names: set[str] = set()
                    for person in (work.get("author") or []) + (work.get("editor") or []):
                        names.update(_fold(str(person.get("family") or person.get("name") or "")))
                    index.append((work, text, names))
                self._index = index
                self._index_size = len(self.works)
            return self._index

    def search(self, params: dict[str, str]) -> list[dict[str, Any]]:
        """Crossref-like relevance: shared words between the query and the work's title,
        container and names; the filter's publication-year window is honoured."""
        query = _fold(params.get("query.bibliographic", "") + " " + params.get("query", ""))
        authors = _fold(params.get("query.author", ""))
        lo, hi = None, None
        for part in params.get("filter", "").split(","):
            key, _, value = part.partition(":")
            if key == "from-pub-date" and value:
                lo = int(value[:4])
            elif key == "until-pub-date" and value:
                hi = int(value[:4])
        scored = []
        for work, text, names in self._indexed():
            year = _year(work)
            if (lo is not None or hi is not None) and year is None:
                continue
            if lo is not None and year is not None and year < lo:
                continue
            if hi is not None and year is not None and year > hi:
                continue
            score = sum(1.0 for w in query if w in text) + sum(2.0 for w in authors if w in names)
            if score > 0 and self.jitter:
                # Real relevance ranking is not ours: a deterministic per-(query, work)
                # wobble puts near-miss decoys above the true work now and then.
                digest = hashlib.sha1(f"{sorted(params.items())}|{work.get('DOI')}".encode()).digest()
                score += self.jitter * digest[0] / 255
            if score > 0:
                scored.append((score, work))
        scored.sort(key=lambda sw: -sw[0])
        rows = int(params.get("rows", "20") or 20)
        return [{**w, "score": round(s * 3.7, 3)} for s, w in scored[:rows]]

    def search_books(self, params: dict[str, str]) -> list[dict[str, Any]]:
        title = set(_fold(params.get("title", "") + " " + params.get("q", "")))
        author = set(_fold(params.get("author", "")))
        out = []
        for doc in self.books:
            words = set(_fold(str(doc.get("title", ""))))
            names = set(_fold(" ".join(doc.get("author_name") or [])))
            score = len(title & words) + 2 * len(author & names)
            if title & words:
                out.append((score, doc))
        out.sort(key=lambda sd: -sd[0])
        return [d for _, d in out[: int(params.get("limit", "10") or 10)]]


class _Handler(BaseHTTPRequestHandler):
    owner: CrossrefServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
        pass

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm
        # and delayed ACKs add ~40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, status: int, body: bytes, ctype: str = "application/json",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**self.owner.limit_headers(), **(extra or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode())

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        owner = self.owner
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if path == "/_stats":  # the bench's counters: not counted, never limited
            self._json(200, {"requests": len(owner.log), "violations": owner.violations})
            return
        owner.log.append({"path": path, "params": params, "time": time.monotonic(),
                          "user_agent": self.headers.get("User-Agent", "")})
        admitted = owner._admit()
        try:
            if owner.latency:
                time.sleep(owner.latency)
            if not admitted:
                self._send(429, b"Too many requests", "text/plain", {"Retry-After": "1"})
                return
            fault = owner._take_fault(path)
            if fault and self._fault(fault):
                return
            self._route(path, params)
        finally:
            owner._leave()

    def _fault(self, fault: str) -> bool:
        """Act out a fault; True when the request has been answered (or dropped)."""
        kind, _, arg = fault.partition(":")
        if kind == "429":
            self._send(429, b"Too many requests", "text/plain", {"Retry-After": arg} if arg else {})
            return True
        if kind == "429-date":
            # HTTP dates have whole seconds: round up so the wait is at least ``arg``.
            when = email.utils.formatdate(math.ceil(time.time()) + float(arg or 1), usegmt=True)
            self._send(429, b"Too many requests", "text/plain", {"Retry-After": when})
            return True
        if kind in ("500", "502", "503", "504"):
            self._send(int(kind), b"Internal Server Error", "text/plain")
            return True
        if kind == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if kind == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"status": "ok", "message": {')
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if kind == "malformed":
            self._send(200, b'{"status": "ok", "message-type": "work", "message": {"DOI": ')
            return True
        if kind == "sleep":
            time.sleep(float(arg or 1))
            return False
        return False

    def _route(self, path: str, params: dict[str, str]) -> None:
        owner = self.owner
        if path.startswith("/works/"):
            doi = path[len("/works/"):].lower()
            work = owner.works.get(doi)
            if work is None:
                self._send(404, b"Resource not found.", "text/plain")
            else:
                self._json(200, {"status": "ok", "message-type": "work", "message-version": "1.0.0",
                                 "message": work})
        elif path.rstrip("/") == "/works":
            items = owner.search(params)
            self._json(200, {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                             "message": {"facets": {}, "total-results": len(items), "items": items,
                                         "items-per-page": len(items),
                                         "query": {"start-index": 0, "search-terms": None}}})
        elif path.endswith("/search.json"):
            docs = owner.search_books(params)
            self._json(200, {"numFound": len(docs), "start": 0, "numFoundExact": True, "docs": docs,
                             "q": params.get("q", ""), "offset": None})
        else:
            self._send(404, b"Not found", "text/plain")


def work(doi: str, title: str, authors: list[tuple[str, str]], year: int | None, *,
         type: str = "journal-article", container: str | None = None, subtitle: str | None = None,
         **extra: Any) -> dict[str, Any]:
    """A Crossref work object, for writing test data tersely. ``authors`` are
    ``(given, family)`` pairs; ``extra`` keys are Crossref's (``volume``, ``page``,
    ``ISSN``, ``publisher``, ``editor`` ...)."""
    item: dict[str, Any] = {
        "DOI": doi, "type": type, "title": [title], "prefix": doi.split("/")[0],
        "author": [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional",
                    "affiliation": []} for i, (g, f) in enumerate(authors)],
        "container-title": [container] if container else [],
        "subtitle": [subtitle] if subtitle else [],
        "URL": f"http://dx.doi.org/{doi}", "source": "Crossref", "member": "1",
        "reference-count": 0, "is-referenced-by-count": 0,
    }
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
        item["published-print"] = {"date-parts": [[year]]}
    else:
        item["issued"] = {"date-parts": [[None]]}
    item.update(extra)
    return item


def serve_in_subprocess(works: list[dict[str, Any]], **options: Any) -> tuple[Any, str]:
    """Run a server in another process (so that its work does not compete with the
    client's for the GIL, as a real remote server would not): ``(process, url)``.
    Stop it with ``process.terminate()``; ``GET {url}/_stats`` gives its counters."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_serve_forever, args=(works, options, queue), daemon=True)
    proc.start()
    return proc, queue.get(timeout=30)


def _serve_forever(works: list[dict[str, Any]], options: dict[str, Any], queue: Any) -> None:
    server = CrossrefServer(works, **options).start()
    queue.put(server.url)
    threading.Event().wait()
