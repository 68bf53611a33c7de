"""Fixtures shared by several test modules.

``server`` is a threaded local HTTP server on 127.0.0.1 (pytest-httpserver), one per
module because stopping one takes 0.5 s, cleared before and after each test. Modules
that need a server set up differently (the Crossref-like one, a preloaded link farm)
define their own ``server`` fixture, which takes precedence in that module.

No test may reach the internet: every socket connection to an address other than the
loopback one fails (``_local_network_only``, for every test), so a test that would talk
to Crossref, Wikipedia or the Wayback Machine instead of its local stand-in fails loudly.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _loopback_only(address: object) -> None:
    if isinstance(address, tuple) and address:
        try:
            local = ipaddress.ip_address(str(address[0]).split("%")[0]).is_loopback
        except ValueError:
            local = address[0] == "localhost"
        if not local:
            raise OSError(f"tests may not use the network (connection to {address[0]!r} refused)")


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
    yield
    socket.socket.connect, socket.socket.connect_ex = _connect, _connect_ex  # type: ignore[method-assign]


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
