"""What a link check may connect to, and for how long: hard limits below requests.

A reading list is untrusted input, and the servers its links name may be hostile.
Two guarantees are kept at the socket level, where requests cannot get around them:

* **No private addresses.** Every connection resolves the host itself, checks each
  address, and connects only to public ones (or loopback: the user's own machine).
  Private, link-local, shared and unspecified addresses (10/8, 172.16/12, 192.168/16,
  100.64/10, 169.254/16, 0.0.0.0/8, fc00::/7, fe80::/10, and IPv4 inside IPv6) are
  refused before any packet is sent, on the first request and on every redirect hop,
  unless the check allows them (``--allow-private``). Checking the very addresses
  that are then connected to leaves no gap for a name that resolves differently the
  second time.
* **Hard deadlines.** requests' timeout bounds each socket read, so a server sending
  one byte a second never times out. Each request here runs inside a :class:`Scope`
  with a deadline; a watchdog thread shuts the connection down when it passes, so
  headers or a body trickled slowly end at the deadline all the same.

Both apply only to sessions made with :func:`mount` and only inside :func:`active`
(the link checker's requests); other users of the adapter are unaffected.
"""

from __future__ import annotations

import heapq
import ipaddress
import itertools
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as u3conn

#: the resolver (tests replace it to map names to addresses without DNS)
getaddrinfo = socket.getaddrinfo

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: not "private" to Python


def refused(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether a link check must not connect to ``ip`` (loopback is allowed)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            return refused(inner)
    if ip.is_loopback:
        return False
    return bool(ip.is_private or ip.is_link_local or ip.is_unspecified or ip.is_multicast
                or ip.is_reserved or (isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED))


class Scope:
    """One request's limits: its deadline and whether private addresses are allowed.
    ``fired`` tells the deadline cut the request; ``blocked`` the refused address."""

    def __init__(self, seconds: float, allow_private: bool = False) -> None:
        self.deadline = time.monotonic() + max(0.0, seconds)
        self.seconds = seconds
        self.allow_private = allow_private
        self.fired = False
        self.blocked: str | None = None
        self._conns: list[Any] = []
        self._lock = threading.Lock()
        self._done = False

    def watch(self, conn: Any) -> None:
        with self._lock:
            if self._done:
                return
            self._conns.append(conn)
            if not self.fired:
                return
        _shut(conn)  # the deadline passed already: no more reading

    def fire(self) -> None:
        with self._lock:
            if self._done or self.fired:
                return
            self.fired = True
            conns = list(self._conns)
        for conn in conns:
            _shut(conn)

    def close(self) -> None:
        with self._lock:
            self._done = True
            self._conns.clear()


def _shut(conn: Any) -> None:
    sock = getattr(conn, "sock", None)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass


class _Watchdog:
    """One daemon thread firing the scopes whose deadlines have passed."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.heap: list[tuple[float, int, Scope]] = []
        self.seq = itertools.count()
        self.thread: threading.Thread | None = None

    def add(self, scope: Scope) -> None:
        with self.cond:
            heapq.heappush(self.heap, (scope.deadline, next(self.seq), scope))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="refs-link-deadlines", daemon=True)
                self.thread.start()
            self.cond.notify()

    def _run(self) -> None:
        while True:
            with self.cond:
                while not self.heap:
                    self.cond.wait()
                now = time.monotonic()
                due: list[Scope] = []
                while self.heap and self.heap[0][0] <= now:
                    due.append(heapq.heappop(self.heap)[2])
                if not due:
                    self.cond.wait(self.heap[0][0] - now)
                    continue
            for scope in due:
                scope.fire()


_WATCHDOG = _Watchdog()
_LOCAL = threading.local()


def current() -> Scope | None:
    return getattr(_LOCAL, "scope", None)


@contextmanager
def active(scope: Scope) -> Iterator[Scope]:
    """Run the requests of this thread inside ``scope`` (its deadline and address rules)."""
    _LOCAL.scope = scope
    _WATCHDOG.add(scope)
    try:
        yield scope
    finally:
        _LOCAL.scope = None
        scope.close()


class _Guarded:
    """Connection behaviour: addresses checked before connecting; every request and
    its answer watched by the thread's scope."""

    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        scope = current()
        if scope is None:
            return super()._new_conn()  # type: ignore[misc]
        sock = self._connect(scope)
        scope.watch(self)
        return sock

    def _connect(self, scope: Scope) -> socket.socket:
        """Resolve, drop the refused addresses (unless allowed), connect to the rest."""
        try:
            infos = getaddrinfo(self._dns_host, self.port, 0, socket.SOCK_STREAM)
        except socket.gaierror as e:
            raise NameResolutionError(self.host, self, e) from e  # type: ignore[arg-type]
        allowed, refused_ips = [], []
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            (refused_ips if refused(ip) and not scope.allow_private else allowed).append(str(ip))
        if not allowed:
            scope.blocked = refused_ips[0] if refused_ips else "?"
            raise NewConnectionError(self, f"refused: {self.host} resolves to the private address "  # type: ignore[arg-type]
                                           f"{scope.blocked}")
        last: OSError | None = None
        for ip in dict.fromkeys(allowed):
            try:
                return u3conn.create_connection((ip, self.port), self.timeout,
                                                source_address=self.source_address,
                                                socket_options=self.socket_options)
            except TimeoutError as e:
                last = e
            except OSError as e:
                last = e
        if isinstance(last, TimeoutError):
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from last  # type: ignore[arg-type]
        raise NewConnectionError(self, f"Failed to establish a new connection: {last}") from last  # type: ignore[arg-type]

    def request(self, *args: Any, **kwargs: Any) -> None:
        scope = current()
        if scope is not None:
            scope.watch(self)
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Guarded, HTTPConnection):
    pass


class _HTTPSConnection(_Guarded, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class GuardedAdapter(requests.adapters.HTTPAdapter):
    """An HTTPAdapter whose connections follow the thread's :class:`Scope`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
