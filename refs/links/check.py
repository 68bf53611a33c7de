"""The concurrent link checker: one :class:`LinkJob` per link, run by the
host-aware :class:`~refs.links.schedule.Scheduler`.

Each link is tried with HEAD first (cheap: no body), then GET when HEAD is refused
or answered with an error (many servers answer HEAD with 403, 404, 405 or 501 while
GET works). Redirects are followed by hand, one step at a time, so that each hop is
scheduled on its own host, reported, and checked for loops. GET bodies are read
only up to :attr:`CheckConfig.max_body` bytes, enough to recognise a bot wall.
Transient failures (5xx, 429, dropped connections) are retried with exponential
backoff; a ``Retry-After`` is honoured when it is within reason.

After the run, failures that could mean "the network is down" (unknown hosts,
unreachable DNS servers) are looked at together: when nothing on the internet
answered and not even well-known names resolve, those links are ``unknown`` rather
than ``dead``.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from refs.links import classify, guard
from refs.links.extract import DOI_FIELD, Link
from refs.links.schedule import Scheduler
from refs.net import parse_retry_after, user_agent


@dataclass
class CheckConfig:
    """How links are checked.

    ``timeout`` bounds each request (connect and each read); ``total_timeout`` the
    whole run. ``concurrency`` requests run at once, at most ``per_host`` of them to
    one host, whose request starts are at least ``gap`` seconds apart. ``retries``
    extra attempts follow a transient failure, ``backoff * 2**n`` seconds apart, or
    after ``Retry-After`` when the server says so and it is at most
    ``max_retry_after``. ``probe_hosts`` are names that resolve whenever DNS works,
    looked up only to tell "unknown host" from "no network".
    """

    timeout: float = 10.0
    total_timeout: float | None = 600.0
    concurrency: int = 32
    per_host: int = 4
    gap: float = 0.02
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_redirects: int = 10
    max_body: int = 65536
    user_agent: str = field(default_factory=user_agent)
    probe_hosts: tuple[str, ...] = ("doi.org", "archive.org")
    allow_private: bool = False


@dataclass
class LinkResult:
    """What became of one link (the report item, plus the failure kind and redirect hops)."""

    link: Link
    status: str = "unknown"
    code: int | None = None
    final_url: str | None = None
    detail: str = ""
    kind: str | None = None  # classify.* failure kind when no HTTP answer came
    hops: list[tuple[int, str]] = field(default_factory=list)
    archive_url: str | None = None
    archive_date: str | None = None

    @property
    def moved_to(self) -> str | None:
        """Where the leading run of permanent redirects (301, 308) ends: the URL the
        link should be updated to. ``None`` when the first hop is temporary."""
        for i, (code, _) in enumerate(self.hops):
            if code not in classify.PERMANENT_REDIRECTS:
                return self.hops[i][1] if i else None
        return self.final_url if self.hops else None

    def to_item(self) -> dict[str, object]:
        return {"id": self.link.record_id, "url": self.link.url, "status": self.status,
                "code": self.code, "final_url": self.final_url, "archive_url": self.archive_url,
                "detail": self.detail, "field": self.link.field, "archive_date": self.archive_date,
                "suggested_url": self.moved_to if self.status == "redirected" else None}


def host_key(url: str) -> str:
    """The politeness unit: host and port (``127.0.0.1:8001`` and ``:8002`` are two servers)."""
    parts = urlsplit(url)
    return (parts.netloc.rsplit("@", 1)[-1]).lower()


def _visit_key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _reason(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


class LinkJob:
    """One link's walk: HEAD, maybe GET, redirects, retries; one request per step."""

    def __init__(self, link: Link, session: requests.Session, config: CheckConfig) -> None:
        self.link = link
        self.session = session
        self.config = config
        self.result = LinkResult(link)
        self.url = link.url
        self.method = "HEAD"
        self.attempts = 0
        self.visited = {_visit_key(link.url)}
        self.deadline: float | None = None

    @property
    def host(self) -> str:
        return host_key(self.url)

    # -- ending ------------------------------------------------------------------------
    def _finish(self, status: str, detail: str, code: int | None = None,
                kind: str | None = None) -> None:
        r = self.result
        r.status, r.detail, r.code, r.kind = status, detail, code, kind
        r.final_url = self.url

    def expire(self) -> None:
        self._finish("timeout", "not finished within the total time limit", self.result.code,
                     classify.TIMEOUT)

    def _backoff(self) -> float:
        return self.config.backoff * (2 ** (self.attempts - 1))

    # -- one request -------------------------------------------------------------------
    def step(self, deadline: float | None) -> float | None:
        cfg = self.config
        timeout = cfg.timeout
        self.deadline = deadline
        if deadline is not None:
            timeout = min(timeout, deadline - time.monotonic())
            if timeout <= 0:
                self.expire()
                return None
        refusal = self._refused_literal()
        if refusal:
            return self._blocked(refusal)
        # the whole request, headers and body, ends by the deadline (not only each read)
        with guard.active(guard.Scope(timeout, cfg.allow_private)) as scope:
            try:
                # HEAD has no body: reading it at once hands the connection back to the pool
                # (keep-alive); a GET is streamed so that only max_body bytes are read.
                resp = self.session.request(
                    self.method, self.url, allow_redirects=False, stream=self.method == "GET",
                    timeout=timeout, headers={"User-Agent": cfg.user_agent, "Accept": "*/*"})
            except (requests.exceptions.RequestException, OSError, ValueError) as exc:
                if scope.blocked:
                    return self._blocked(scope.blocked)
                if scope.fired:
                    return self._too_slow(timeout, deadline)
                return self._failed(exc)
            if scope.fired:  # cut off while the headers came: an end of file is not their end
                resp.close()
                return self._too_slow(timeout, deadline)
            try:
                body = self._read_body(resp, timeout, scope) if self.method == "GET" else b""
            except (requests.exceptions.RequestException, OSError) as exc:
                return self._failed(exc)
            finally:
                resp.close()
        return self._answered(resp, body)

    def _refused_literal(self) -> str | None:
        """A private IP address written in the URL itself (refused even through a proxy)."""
        if self.config.allow_private:
            return None
        host = urlsplit(self.url).hostname or ""
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return None
        return str(ip) if guard.refused(ip) else None

    def _blocked(self, address: str) -> None:
        host = urlsplit(self.url).hostname or ""
        where = address if host == address else f"{host} resolves to {address}"
        via = f" (redirected from {self.link.url})" if self.result.hops else ""
        self._finish("blocked", f"not fetched: {where}, a private or link-local address{via}; "
                                "--allow-private checks it", None, classify.OTHER)
        return None

    def _too_slow(self, timeout: float, deadline: float | None) -> None:
        total = deadline is not None and time.monotonic() >= deadline - 0.05
        why = "the total time limit ran out" if total else f"no complete answer within {timeout:g} s"
        self._finish("timeout", f"{why} (the server answered too slowly)", self.result.code,
                     classify.TIMEOUT)
        return None

    def _read_body(self, resp: requests.Response, timeout: float, scope: guard.Scope) -> bytes:
        """At most ``max_body`` bytes, and no longer than the timeout: a huge, endless or
        trickled body costs nothing more than what arrived by then."""
        limit = self.config.max_body
        chunks: list[bytes] = []
        size = 0
        stop = time.monotonic() + timeout
        try:
            for chunk in resp.iter_content(chunk_size=min(16384, limit)):
                chunks.append(chunk)
                size += len(chunk)
                if size >= limit or time.monotonic() > stop:
                    break
        except (requests.exceptions.RequestException, OSError):
            if not scope.fired:
                raise  # cut by the deadline: the status line and what came are the answer
        return b"".join(chunks)[:limit]

    def _failed(self, exc: BaseException) -> float | None:
        kind, detail = classify.failure_kind(exc)
        if kind == classify.DROPPED and self.method == "HEAD":
            self.method = "GET"  # some servers hang up on HEAD
            return 0
        if kind == classify.DROPPED and self.attempts < self.config.retries:
            self.attempts += 1
            return self._backoff()
        if kind == classify.NO_HOST:
            status = "dead"
        elif kind == classify.TIMEOUT:
            status = "timeout"
        elif kind == classify.NETWORK:
            status = "unknown"
        else:
            status = "error"
        self._finish(status, detail, None, kind)
        return None

    def _answered(self, resp: requests.Response, body: bytes) -> float | None:
        cfg = self.config
        code = resp.status_code
        r = self.result
        r.code = code
        location = resp.headers.get("Location")
        if code in classify.REDIRECT_CODES and location:
            return self._redirect(code, location)
        if code >= 400 and self.method == "HEAD" and code != 429:
            self.method = "GET"  # HEAD refused or mishandled: GET decides
            self.attempts = 0
            return 0
        if code in classify.TRANSIENT_CODES and self.attempts < cfg.retries:
            wait = parse_retry_after(resp.headers.get("Retry-After"))
            if wait is not None and wait > cfg.max_retry_after:
                self._finish(classify.status_for_code(code),
                             f"{_reason(code)}; asked to wait {wait:.0f} s (over the "
                             f"{cfg.max_retry_after:.0f} s limit): could not verify", code)
                return None
            self.attempts += 1
            delay = self._backoff() if wait is None else wait
            if self.deadline is None or time.monotonic() + delay < self.deadline:
                return delay
            self.attempts -= 1  # no time left to try again: report what we have
        wall = classify.bot_wall(resp.headers, body)
        if wall is not None and (200 <= code < 300 or code in classify.BLOCKED_CODES):
            self._finish("blocked", f"{_reason(code)}: {wall}: could not verify", code)
            return None
        status = classify.status_for_code(code)
        tries = f" after {self.attempts + 1} tries" if self.attempts else ""
        if status == "ok":
            self._finish_ok(code)
        elif status == "blocked":
            self._finish(status, f"{_reason(code)}{tries}: the server refuses robots; could not verify",
                         code)
        else:
            via = f" (redirected from {self.link.url})" if r.hops else ""
            self._finish(status, f"{_reason(code)}{tries}{via}", code)
        return None

    def _finish_ok(self, code: int) -> None:
        r = self.result
        r.final_url = self.url
        if not r.hops or self.link.field == DOI_FIELD:
            self._finish("ok", f"resolves to {self.url}" if r.hops else "", code)
            return
        moved = r.moved_to
        codes = ",".join(str(c) for c, _ in r.hops)
        if moved == self.url:
            detail = f"moved permanently ({codes}); update the link to {self.url}"
        elif moved:
            detail = (f"moved permanently to {moved} (update the link), then redirected ({codes}) "
                      f"to {self.url}")
        else:
            detail = f"temporary redirect ({codes}) to {self.url}"
        self._finish("redirected", detail, code)

    def _redirect(self, code: int, location: str) -> float | None:
        r = self.result
        r.hops.append((code, self.url))
        try:
            target = urljoin(self.url, location.strip())
            scheme, host = urlsplit(target).scheme.lower(), urlsplit(target).hostname
        except ValueError:
            self._finish("error", f"{_reason(code)} to a malformed location: {location!r}", code)
            return None
        if scheme not in ("http", "https") or not host:
            self._finish("error", f"{_reason(code)} to a non-http link: {target}", code)
            return None
        key = _visit_key(target)
        if key in self.visited:
            loop = " → ".join([u for _, u in r.hops] + [target])
            self.url = target
            self._finish("error", f"redirect loop: {loop}", code)
            return None
        if len(r.hops) > self.config.max_redirects:
            self._finish("error", f"more than {self.config.max_redirects} redirects", code)
            return None
        self.visited.add(key)
        self.url = target
        self.attempts = 0
        return 0


def _skipped(link: Link) -> LinkResult:
    scheme = link.scheme or "no scheme"
    what = f"{scheme}: links are not checked (only http and https)" if link.scheme else \
        "not a URL (no scheme)"
    return LinkResult(link, status="error", final_url=None, detail=f"not fetched: {what}",
                      kind=classify.OTHER)


def _is_local(host: str) -> bool:
    name = urlsplit("//" + host).hostname or ""
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local


def dns_works(hosts: Iterable[str], timeout: float = 5.0) -> bool:
    """Whether any of ``hosts`` resolves (in a thread: ``getaddrinfo`` has no timeout)."""
    hosts = list(hosts)
    if not hosts:
        return True

    def resolve(name: str) -> bool:
        try:
            return bool(socket.getaddrinfo(name, 443, type=socket.SOCK_STREAM))
        except OSError:
            return False

    pool = ThreadPoolExecutor(max_workers=len(hosts))
    try:
        futures = [pool.submit(resolve, h) for h in hosts]
        end = time.monotonic() + timeout
        for f in futures:
            try:
                if f.result(timeout=max(0.0, end - time.monotonic())):
                    return True
            except FutureTimeout:
                continue
        return False
    finally:
        pool.shutdown(wait=False)


def network_down(results: list[LinkResult], probe_hosts: Iterable[str]) -> bool:
    """Whether the failures look like "no network" rather than dead links: some link
    failed at DNS or routing, no host off this machine answered, and the probe names
    do not resolve either."""
    suspicious = [r for r in results if r.kind in (classify.NO_HOST, classify.NETWORK)]
    if not suspicious:
        return False
    if any(r.code is not None and not _is_local(host_key(r.final_url or r.link.url)) for r in results):
        return False
    return not dns_works(probe_hosts)


_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def make_session(config: CheckConfig) -> requests.Session:
    """One session shared by the workers (its connection pools are thread-safe).

    requests re-reads proxy settings from the environment on every request, which
    costs more CPU than the request itself on a fast network. When no proxy variable
    is set there is nothing to find per URL, so the environment is read once here
    instead: the CA bundle requests would pick up (``REQUESTS_CA_BUNDLE``, then
    ``CURL_CA_BUNDLE``) is set on the session, and ``~/.netrc`` credentials are not
    sent to the hosts being checked.
    """
    session = requests.Session()
    if not any(k.lower() in _PROXY_VARS for k in os.environ):
        session.trust_env = False
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            session.verify = bundle
    adapter = guard.GuardedAdapter(pool_connections=256, pool_maxsize=max(4, config.per_host), max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def check(links: list[Link], config: CheckConfig | None = None,
          progress: Callable[[LinkResult], None] | None = None,
          session: requests.Session | None = None) -> tuple[list[LinkResult], bool]:
    """Check links; return their results in input order and whether the network was
    found down (in which case the affected links are ``unknown``)."""
    config = config or CheckConfig()
    own = session is None
    session = session or make_session(config)
    results: list[LinkResult | None] = [None] * len(links)
    # The same URL cited by several records is fetched once; every citing link gets a
    # copy of the result. (A DOI link is kept apart: its redirect is expected.)
    jobs: dict[tuple[str, bool], LinkJob] = {}
    waiting: dict[int, list[int]] = {}
    for i, link in enumerate(links):
        if link.checkable and link.host:
            key = (link.url, link.field == DOI_FIELD)
            if key not in jobs:
                jobs[key] = LinkJob(link, session, config)
            waiting.setdefault(id(jobs[key]), []).append(i)
        else:
            results[i] = _skipped(link) if not link.checkable else LinkResult(
                link, status="error", detail="not a valid URL (no host)", kind=classify.OTHER)
            if progress:
                progress(results[i])  # type: ignore[arg-type]
    lock = threading.Lock()

    def done(job: LinkJob) -> None:
        for n, i in enumerate(waiting[id(job)]):
            result = job.result if n == 0 else dataclasses.replace(
                job.result, link=links[i], hops=list(job.result.hops))
            with lock:
                results[i] = result
            if progress:
                progress(result)

    scheduler = Scheduler(workers=config.concurrency, per_host=config.per_host, gap=config.gap,
                          total_timeout=config.total_timeout)
    try:
        scheduler.run(list(jobs.values()), done)  # type: ignore[arg-type]
    finally:
        if own:
            session.close()
    final = [r for r in results if r is not None]
    down = network_down(final, config.probe_hosts)
    if down:
        for r in final:
            if r.kind in (classify.NO_HOST, classify.NETWORK, classify.TIMEOUT) and r.code is None:
                r.status = "unknown"
                why = "name lookup failed" if r.kind == classify.NO_HOST else r.detail
                r.detail = f"could not check: the network is unavailable ({why})"
    else:
        for r in final:
            if r.kind == classify.NETWORK:
                r.status = "error"
    return final, down
