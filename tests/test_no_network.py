"""The tests' network guard: only the loopback address can be reached."""

from __future__ import annotations

import socket

import pytest


def test_a_connection_to_the_internet_is_refused() -> None:
    with socket.socket() as s, pytest.raises(OSError, match="may not use the network"):
        s.connect(("192.0.2.1", 443))  # (TEST-NET-1: never routed anyway)


def test_the_loopback_address_is_allowed(server) -> None:
    server.expect_request("/").respond_with_data("ok")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass
