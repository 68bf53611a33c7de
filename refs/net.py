"""The one HTTP layer every networked stage of refs uses.

Why one module: politeness (a User-Agent naming refs and a contact address, rate and
concurrency limits per host, backing off on 429/5xx with ``Retry-After``), timeouts on
every request, the on-disk cache and the offline mode must be the same everywhere, and
"the network is down" must surface as one exception type, :class:`NetworkUnavailable`,
that commands turn into one clear notice and exit status 3.
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from refs import __version__

__all__ = [
    "BadResponse",
    "Client",
    "HostLimiter",
    "NetConfig",
    "NetworkUnavailable",
    "NotCached",
    "RequestFailed",
    "default_cache_path",
    "exception_chain",
    "parse_interval",
    "parse_retry_after",
    "short_reason",
    "unreachable",
    "user_agent",
]

log = logging.getLogger(__name__)



class NetworkUnavailable(Exception):
    """The network (or the one host a stage needs) cannot be reached, or offline mode
    was asked for and the answer is not in the cache.

    Stages let it propagate (or catch it to stop cleanly, keeping the work done so
    far); commands print one notice and exit with status 3.
    """

    #: Whether an earlier attempt may have reached the server (a write may have landed).
    maybe_sent: bool = False


def user_agent(mailto: str | None = None) -> str:
    """The User-Agent refs sends: tool name and version and, when given, the contact
    address (``mailto:``), which is what Crossref's etiquette asks for to put a client in
    its "polite" pool (``refs/0.1.0 (mailto:me@example.org)``)."""
    ua = f"refs/{__version__} (python-requests/{requests.__version__}"
    if mailto:
        ua += f"; mailto:{mailto.strip()}"
    return ua + ")"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (RFC 9110: delay-seconds or an
    HTTP date). ``None`` when absent or unparseable; never negative."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = datetime.fromtimestamp(time.time() if now is None else now, tz=timezone.utc)
    return max(0.0, (when - current).total_seconds())


# -- the rest of the HTTP layer -------------------------------------------------------

class NotCached(NetworkUnavailable):
    """Offline mode was asked for and the answer is not in the cache. A subclass of
    :class:`NetworkUnavailable` so that callers who only care about "no answer from the
    network" need one ``except``; callers who want to go on with the next item in
    offline mode catch this one first."""


class RequestFailed(Exception):
    """The host answered, but not usefully, even after retries: a persistent 5xx, a
    timeout, a dropped connection, an unexpected status. One item fails; the run goes on."""

    #: Whether an attempt may have reached the server (a write may have landed).
    maybe_sent: bool = True

    def __init__(self, message: str, url: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class BadResponse(RequestFailed):
    """The body could not be decoded (malformed JSON); never kept in the cache."""


class RedirectRefused(RequestFailed):
    """A server redirected to another scheme (``file://``, ``ftp://``, ``data:``, or from
    https down to http): not followed. Nothing was sent to the new location."""

    maybe_sent = False


def check_redirect(resp: requests.Response, *args: Any, **kwargs: Any) -> None:
    """A response hook: raise :class:`RedirectRefused` for a redirect that leaves http(s)
    or goes from https to http (headers such as an API key would travel in clear)."""
    if not resp.is_redirect:
        return
    location = resp.headers.get("Location", "").strip()
    try:
        target = urljoin(resp.url, location)
        scheme = urlsplit(target).scheme.lower()
    except ValueError:
        raise RedirectRefused(f"{resp.url} redirects to a malformed location {location[:200]!r}",
                              resp.url, resp.status_code) from None
    here = urlsplit(resp.url).scheme.lower()
    if scheme not in ("http", "https") or (here == "https" and scheme == "http"):
        raise RedirectRefused(f"{resp.url} redirects ({resp.status_code}) to {scheme or 'no'}: "
                              f"{target[:200]}; refs only follows http(s) redirects (and never from "
                              "https to http)", resp.url, resp.status_code)


#: Statuses worth retrying: rate limited, or the server (or a proxy) failing for now.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

#: Statuses the cache keeps: an answer, or a definite "no such thing".
CACHE_STATUSES = (200, 404)


def default_cache_path() -> Path:
    """The on-disk HTTP cache in the user's cache directory (per platform conventions)."""
    import platformdirs

    return platformdirs.user_cache_path("refs", appauthor=False) / "http_cache.sqlite"


def parse_interval(value: str | None) -> float | None:
    """Seconds in a rate-limit interval header such as Crossref's ``1s`` (also ``500ms``,
    ``2m``, ``1h`` or a bare number of seconds)."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*", str(value).lower())
    if not m:
        return None
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}[m.group(2) or "s"]
    seconds = float(m.group(1)) * scale
    return seconds if seconds > 0 else None


def _positive_int(value: str | None) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if n > 0 else None


class HostLimiter:
    """Rate and concurrency limits for one host, shared by every thread that calls it.

    Requests *start* evenly spaced, ``interval / limit`` apart (plus a small safety
    margin, so that scheduling jitter never puts ``limit + 1`` starts inside one
    interval as the server counts them), and at most ``concurrency`` are in flight.
    Even spacing is what Crossref's etiquette asks for and uses all of the allowance
    without bursts. With ``adaptive`` the limits follow the ``x-rate-limit-limit``,
    ``x-rate-limit-interval`` and ``x-concurrency-limit`` response headers, up or down.
    A ``Backoff`` header (Zotero's "wait this many seconds before the next request",
    sent even on success) pauses the host whatever ``adaptive`` says, up to ``max_pause``.
    ``clock`` and ``sleep`` default to the real ones; tests inject fakes.
    """

    def __init__(self, limit: float = 5, interval: float = 1.0, concurrency: int = 1,
                 adaptive: bool = True, margin: float = 0.03,
                 clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None, max_pause: float = 900.0) -> None:
        self._clock = clock or (lambda: time.monotonic())
        self._sleep = sleep or (lambda s: time.sleep(s))
        self.max_pause = max_pause
        self._cond = threading.Condition()
        self.limit = float(limit)
        self.interval = float(interval)
        self.concurrency = max(1, int(concurrency))
        self.adaptive = adaptive
        self.margin = margin
        self._active = 0
        self._next_start = 0.0
        self._paused_until = 0.0

    @property
    def spacing(self) -> float:
        """Seconds between two request starts."""
        return self.interval / self.limit * (1.0 + self.margin)

    @property
    def rate(self) -> float:
        """Requests per second allowed (before the safety margin)."""
        return self.limit / self.interval

    def set_limits(self, limit: float | None = None, interval: float | None = None,
                   concurrency: int | None = None) -> None:
        with self._cond:
            if limit:
                self.limit = float(limit)
            if interval:
                self.interval = float(interval)
            if concurrency:
                self.concurrency = max(1, int(concurrency))
            self._cond.notify_all()

    def observe(self, headers: Mapping[str, str]) -> None:
        """Adopt the limits a response announces (when adaptive); honour ``Backoff``."""
        backoff = parse_retry_after(headers.get("Backoff"))
        if backoff:
            self.pause(min(backoff, self.max_pause))
        if not self.adaptive:
            return
        # Crossref has sent both spellings (x-rate-limit-* and, earlier, x-ratelimit-*).
        limit = _positive_int(headers.get("x-rate-limit-limit") or headers.get("x-ratelimit-limit"))
        interval = parse_interval(headers.get("x-rate-limit-interval") or headers.get("x-ratelimit-interval"))
        concurrency = _positive_int(headers.get("x-concurrency-limit"))
        if limit or interval or concurrency:
            if (limit in (None, self.limit) and interval in (None, self.interval)
                    and concurrency in (None, self.concurrency)):
                return
            self.set_limits(limit, interval, concurrency)

    def pause(self, seconds: float) -> None:
        """Start nothing for ``seconds`` (a 429 or 503 or a ``Backoff`` told us to wait)."""
        with self._cond:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrent slots, starting no earlier than the rate allows."""
        with self._cond:
            while self._active >= self.concurrency:
                self._cond.wait()
            self._active += 1
        try:
            while True:
                with self._cond:
                    now = self._clock()
                    start = max(now, self._next_start, self._paused_until)
                    if start <= now:
                        self._next_start = now + self.spacing
                        break
                # Starts and pauses only ever move later, so sleeping the whole gap is
                # safe; the loop re-checks in case another thread took the slot meanwhile.
                self._sleep(start - now)
            yield
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify()


@dataclass
class NetConfig:
    """How refs talks to the network.

    ``cache``: a path for the SQLite cache file, ``None`` for the default in the user's
    cache directory, ``False`` for no cache. ``offline``: answer only from the cache.
    ``timeout``: (connect, read) seconds, applied to every request. ``retries``: extra
    attempts after a 429/5xx/timeout/dropped connection; ``connect_retries`` after a
    refused or unresolvable connection (kept small so a dead network fails fast).
    ``retry_statuses``: the statuses worth another attempt (Zotero adds 409, "library
    locked"). ``jitter``: randomise exponential waits (off where waits must be exact).
    ``clock``/``sleep``: injectable so that tests can check waits without waiting.
    """

    mailto: str | None = None
    cache: str | Path | None | bool = None
    offline: bool = False
    timeout: tuple[float, float] = (5.0, 20.0)
    retries: int = 4
    connect_retries: int = 1
    backoff: float = 0.5
    max_backoff: float = 30.0
    max_retry_after: float = 120.0
    expire_after: float | None = 90 * 24 * 3600.0
    default_limit: float = 5.0
    default_concurrency: int = 2
    agent: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)
    retry_statuses: frozenset[int] = RETRY_STATUSES
    jitter: bool = True
    clock: Callable[[], float] | None = None
    sleep: Callable[[float], None] | None = None


@dataclass
class Stats:
    """What a client did: requests sent over the wire, answers from the cache, retries."""

    requests: int = 0
    cache_hits: int = 0
    retries: int = 0
    rate_limited: int = 0

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def unreachable(exc: BaseException) -> bool:
    """Whether a requests exception means the host could not be reached at all (DNS
    failure, connection refused, connect timeout), as opposed to a connection that
    was made and then dropped or stalled."""
    import urllib3.exceptions as u3

    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    return any(isinstance(e, (u3.NewConnectionError, u3.ConnectTimeoutError, ConnectionRefusedError))
               for e in exception_chain(exc))


def exception_chain(exc: BaseException) -> list[BaseException]:
    """The exception and everything behind it: causes, contexts, urllib3's ``reason``
    and exception arguments (requests wraps the socket error several levels deep)."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    out: list[BaseException] = []
    while todo:
        e = todo.pop(0)
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        out.append(e)
        todo.extend([getattr(e, "reason", None), e.__cause__, e.__context__, *e.args])
    return out


def short_reason(exc: BaseException) -> str:
    """A one-line reason for a failed connection ("connection refused", "name or
    service not known") instead of requests' message, which repeats the whole URL."""
    for e in reversed(exception_chain(exc)):
        if isinstance(e, OSError) and e.strerror:
            return e.strerror[:1].lower() + e.strerror[1:]
    if isinstance(exc, requests.exceptions.Timeout):
        return "no answer within the timeout"
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


_SURROGATES = re.compile("[\ud800-\udfff]")


def _encodable(params: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """Query parameters with lone surrogates (which JSON input can carry and UTF-8
    cannot encode) replaced, so that one odd record cannot crash a whole run."""
    if not params:
        return params
    return {k: _SURROGATES.sub("\ufffd", v) if isinstance(v, str) else v for k, v in params.items()}


class Client:
    """A polite, cached, retrying HTTP client, safe to share between threads.

    Every request goes through the host's :class:`HostLimiter` (cache hits do not: they
    never touch the network), carries the refs User-Agent and a timeout, and is retried
    with exponential backoff (honouring ``Retry-After``) on 429, 5xx, timeouts and
    dropped connections. Requests with a body (``json`` or ``data``) are never cached,
    and like every non-GET request they are retried only when the caller says they are
    idempotent (a Zotero write token makes a POST so); a connection that was never made
    is retried whatever the method, since nothing was sent.
    """

    def __init__(self, config: NetConfig | None = None,
                 session: requests.Session | None = None) -> None:
        self.config = config or NetConfig()
        self.stats = Stats()
        self._stats_lock = threading.Lock()
        self._limiters: dict[str, HostLimiter] = {}
        self._limiters_lock = threading.Lock()
        self.cache_path: Path | None = None
        self._clock = self.config.clock or (lambda: time.monotonic())
        self._sleep = self.config.sleep or (lambda s: time.sleep(s))
        self.session = session or self._make_session()
        self.session.headers["User-Agent"] = self.config.agent or user_agent(self.config.mailto)
        self.session.headers.setdefault("Accept-Encoding", "gzip, deflate")
        self.session.headers.update(self.config.extra_headers)
        self.session.hooks["response"].append(check_redirect)
        adapter = requests.adapters.HTTPAdapter(pool_connections=8, pool_maxsize=16)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def _make_session(self) -> requests.Session:
        cfg = self.config
        if cfg.cache is False:
            if cfg.offline:
                raise ValueError("offline mode needs a cache")
            return requests.Session()
        import requests_cache

        path = Path(cfg.cache) if cfg.cache not in (None, True) else default_cache_path()  # type: ignore[arg-type]
        if path.is_dir():  # a folder: the cache file goes inside it, not next to it
            path = path / default_cache_path().name
        path.parent.mkdir(parents=True, exist_ok=True)
        self.cache_path = path
        return requests_cache.CachedSession(
            str(path), backend="sqlite",
            expire_after=requests_cache.NEVER_EXPIRE if cfg.expire_after is None else cfg.expire_after,
            allowable_codes=CACHE_STATUSES, allowable_methods=("GET",),
            cache_control=False, stale_if_error=True,
        )

    @property
    def cached(self) -> bool:
        return hasattr(self.session, "cache")

    # -- limits -----------------------------------------------------------------------
    def limiter(self, url_or_host: str) -> HostLimiter:
        """The limiter for a host (created with the configured defaults on first use)."""
        host = urlsplit(url_or_host).netloc if "//" in url_or_host else url_or_host
        with self._limiters_lock:
            lim = self._limiters.get(host)
            if lim is None:
                lim = HostLimiter(self.config.default_limit, 1.0, self.config.default_concurrency,
                                  clock=self._clock, sleep=self._sleep,
                                  max_pause=self.config.max_retry_after)
                self._limiters[host] = lim
            return lim

    def set_limits(self, url_or_host: str, limit: float, interval: float = 1.0,
                   concurrency: int = 1, adaptive: bool = True) -> HostLimiter:
        """Declare a host's limits (a service client does this once, e.g. Crossref's pool)."""
        lim = self.limiter(url_or_host)
        lim.set_limits(limit, interval, concurrency)
        lim.adaptive = adaptive
        return lim

    def _count(self, name: str, n: int = 1) -> None:
        with self._stats_lock:
            setattr(self.stats, name, getattr(self.stats, name) + n)

    # -- requests ---------------------------------------------------------------------
    def _from_cache(self, method: str, url: str, **kwargs: Any) -> requests.Response | None:
        if not self.cached or method != "GET":
            return None
        resp = self.session.request(method, url, only_if_cached=True, **kwargs)  # type: ignore[call-arg]
        # A miss comes back as a synthetic 504 (which also claims to be from the cache).
        if getattr(resp, "from_cache", False) and resp.status_code != 504:
            self._count("cache_hits")
            return resp
        return None

    def _wait_for(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        base = min(self.config.max_backoff, self.config.backoff * (2 ** attempt))
        return base * (0.5 + random.random() / 2) if self.config.jitter else base

    def request(self, method: str, url: str, *, params: Mapping[str, Any] | None = None,
                headers: Mapping[str, str] | None = None, use_cache: bool = True,
                refresh: bool = False, timeout: float | tuple[float, float] | None = None,
                allow_redirects: bool = True, json: Any = None, data: Any = None,
                idempotent: bool | None = None) -> requests.Response:
        """Send one request politely; return the final response (which may be a 4xx, or a
        5xx/429 when retries ran out). Raises :class:`NetworkUnavailable` when the host
        cannot be reached, :class:`NotCached` offline, :class:`RequestFailed` when every
        attempt timed out or was dropped. ``use_cache=False``: neither read nor store;
        ``refresh``: skip the cached answer but store the new one.

        ``json``/``data``: a request body (never cached). ``idempotent``: whether a
        failed attempt may be repeated (default: only for GET, HEAD and OPTIONS); when
        false, a 429/5xx answer is returned as is and a timeout or dropped connection
        raises :class:`RequestFailed` at once. The exceptions carry ``maybe_sent``: whether
        some attempt may have reached the server (and been applied)."""
        method = method.upper()
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "OPTIONS")
        has_body = json is not None or data is not None
        kwargs: dict[str, Any] = {"params": _encodable(params), "headers": headers,
                                  "allow_redirects": allow_redirects}
        if json is not None:
            kwargs["json"] = json
        if data is not None:
            kwargs["data"] = data
        if has_body or method != "GET":
            use_cache = False
        if use_cache and not refresh:
            hit = self._from_cache(method, url, **kwargs)
            if hit is not None:
                return hit
        if self.config.offline:
            raise NotCached(f"offline, and not in the cache: {url}")
        if self.cached and not use_cache:
            import requests_cache

            kwargs["expire_after"] = requests_cache.DO_NOT_CACHE
        limiter = self.limiter(url)
        retries = self.config.retries if idempotent else 0
        connect_tries = 0
        attempt = 0
        maybe_sent = False
        while True:
            failure: str | None = None
            exc: BaseException | None = None
            resp: requests.Response | None = None
            with limiter.slot():
                try:
                    resp = self.session.request(method, url, timeout=timeout or self.config.timeout,
                                                **kwargs)
                except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema):
                    raise  # a usage error (these are ValueErrors): retrying cannot help
                except requests.exceptions.RequestException as e:
                    exc = e
                    failure = "unreachable" if unreachable(e) else (
                        "timeout" if isinstance(e, requests.exceptions.Timeout) else "dropped")
            self._count("requests")
            if failure != "unreachable":
                maybe_sent = True
            if resp is not None:
                limiter.observe(resp.headers)
                if resp.status_code not in self.config.retry_statuses:
                    return resp
                retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                if resp.status_code == 429:
                    self._count("rate_limited")
                if attempt >= retries or (
                        retry_after is not None and retry_after > self.config.max_retry_after):
                    return resp
                wait = self._wait_for(attempt, retry_after)
                if resp.status_code in (429, 503):
                    limiter.pause(wait)
                resp.close()
            else:
                if failure == "unreachable":
                    connect_tries += 1
                    if connect_tries > self.config.connect_retries:
                        down = NetworkUnavailable(
                            f"cannot reach {urlsplit(url).netloc}: {short_reason(exc)}")
                        down.maybe_sent = maybe_sent
                        raise down from exc
                elif attempt >= retries:
                    failed = RequestFailed(f"{failure}: {short_reason(exc)}", url)
                    raise failed from exc
                wait = self._wait_for(attempt, None)
            attempt += 1
            self._count("retries")
            log.debug("retrying %s %s in %.2fs (attempt %d)", method, url, wait, attempt)
            self._sleep(wait)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def get_json(self, url: str, *, params: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> tuple[int, Any]:
        """GET a JSON document: ``(status, data)``; ``data`` is ``None`` unless the status
        is 200. A malformed body is dropped from the cache and fetched once more before
        :class:`BadResponse` is raised; other statuses are left to the caller."""
        hdrs = {"Accept": "application/json", **(headers or {})}
        for attempt in range(2):
            resp = self.get(url, params=params, headers=hdrs, refresh=attempt == 1)
            if resp.status_code != 200:
                return resp.status_code, None
            try:
                return 200, resp.json()
            except ValueError as exc:
                self._forget(resp)
                if attempt == 1 or self.config.offline:
                    raise BadResponse(f"malformed JSON from {resp.url}: {exc}", url, 200) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _forget(self, resp: requests.Response) -> None:
        cache = getattr(self.session, "cache", None)
        if cache is not None:
            try:
                cache.delete(requests=[resp.request])
            except Exception:  # a cache we cannot clean is not worth failing the run for
                log.debug("could not drop %s from the cache", resp.url, exc_info=True)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
