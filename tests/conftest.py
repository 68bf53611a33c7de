"""Fixtures shared by several test modules.

``server`` is a threaded local HTTP server on 127.0.0.1 (pytest-httpserver), one per
module because stopping one takes 0.5 s, cleared before and after each test. Modules
that need a server set up differently (the Crossref-like one, a preloaded link farm)
define their own ``server`` fixture, which takes precedence in that module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


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
