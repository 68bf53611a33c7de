"""Fixtures shared by several test modules.

``server`` is a threaded local HTTP server on 127.0.0.1 (pytest-httpserver), one per
module because stopping one takes 0.5 s, cleared before and after each test. Modules
that need a server set up differently (the Crossref-like one, a preloaded link farm)
define their own ``server`` fixture, which takes precedence in that module.

No test may reach the internet: every socket connection to an address other than the
loopback one fails, and so does every name lookup but a loopback one (``_local_network_only``,
for every test: a lookup of a real host would itself be a DNS query), so a test that would talk
to Crossref, Wikipedia or the Wayback Machine instead of its local stand-in fails loudly. The
services' base addresses point at a closed port on 127.0.0.1 unless a test sets its own
(``_services_on_loopback``): an address a test gives as data never leaves the machine.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo

#: the services' base addresses (refs reads each from its environment variable; the Zotero Web
#: API's is the ``--api-url`` option's)
SERVICES = ("REFS_CROSSREF_URL", "REFS_OPENLIBRARY_URL", "REFS_MEDIAWIKI_URL", "REFS_WAYBACK_URL",
            "ZOTERO_API_URL")
#: a port nothing listens on (the discard service): a request there is refused at once
CLOSED = "http://127.0.0.1:9"


def _loopback_only(address: object) -> None:
    if isinstance(address, tuple) and address:
        try:
            local = ipaddress.ip_address(str(address[0]).split("%")[0]).is_loopback
        except ValueError:
            local = address[0] == "localhost"
        if not local:
            raise OSError(f"tests may not use the network (connection to {address[0]!r} refused)")


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    name = host.decode() if isinstance(host, bytes) else str(host)
    if host is not None and name != "localhost":
        try:
            local = ipaddress.ip_address(name.split("%")[0]).is_loopback
        except ValueError:
            local = False
        if not local:
            raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {name!r}")
    return _getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


def _guarded_connect(self: socket.socket, address: object) -> None:
    _loopback_only(address)
    return _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _loopback_only(address)
    return _connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _local_network_only() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]
    yield
    socket.socket.connect, socket.socket.connect_ex = _connect, _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo


@pytest.fixture(autouse=True)
def _services_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SERVICES:
        monkeypatch.setenv(name, CLOSED)


@pytest.fixture(scope="module")
def _running() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(_running: HTTPServer) -> Iterator[HTTPServer]:
    """One threaded local server per module (stopping one takes 0.5 s), cleared per test."""
    _running.clear()
    yield _running
    _running.clear()
