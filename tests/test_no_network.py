"""The tests' network guard: only the loopback address can be reached."""

from __future__ import annotations

import os
import socket

import pytest


def test_a_connection_to_the_internet_is_refused() -> None:
    with socket.socket() as s, pytest.raises(OSError, match="may not use the network"):
        s.connect(("192.0.2.1", 443))  # (TEST-NET-1: never routed anyway)


def test_the_loopback_address_is_allowed(server) -> None:
    server.expect_request("/").respond_with_data("ok")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass


def test_a_name_lookup_of_another_host_is_refused() -> None:
    """A lookup is network too: only a loopback name or address resolves in a test."""
    with pytest.raises(socket.gaierror, match="may not look up"):
        socket.getaddrinfo("example.invalid", 443)
    assert socket.getaddrinfo("127.0.0.1", 80)


def test_every_service_points_at_the_loopback_address() -> None:
    """Crossref, Open Library, MediaWiki, the Wayback Machine and the Zotero Web API are reached
    only where a test says: by default a closed port on 127.0.0.1."""
    from refs.links import wayback
    from refs.sources import url as url_source

    for name in ("REFS_CROSSREF_URL", "REFS_OPENLIBRARY_URL", "REFS_MEDIAWIKI_URL", "REFS_WAYBACK_URL",
                 "ZOTERO_API_URL"):
        assert os.environ[name].startswith("http://127.0.0.1:"), name
    assert url_source.api_url("el").startswith("http://127.0.0.1:")
    assert wayback.wayback_url().startswith("http://127.0.0.1:")
