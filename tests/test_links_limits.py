"""Issue 16 §5: check-links' time limits are hard deadlines, private addresses are
refused after name resolution and on every redirect hop, and ``--allow-private`` lets
them through. Only loopback traffic: refused addresses are refused before connecting,
and the one allowed private connection is caught before it leaves."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs.cli.main import cli
from refs.links import CheckConfig, check_links, guard
from refs.model import Record


class Trickle:
    """A local server that answers very slowly: ``mode`` "headers" sends its status line
    and headers one byte at a time; "body" sends headers at once (405 to HEAD) and then
    a body one byte at a time. Each byte is ``gap`` seconds after the last."""

    def __init__(self, mode: str, gap: float = 0.1) -> None:
        self.mode, self.gap = mode, gap
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str = "/x") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        try:
            request = conn.recv(65536)
            head = request.startswith(b"HEAD")
            if self.mode == "headers":
                data = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: " + b"a" * 10_000
            elif head:
                conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                request = conn.recv(65536)
                data = b""
            if self.mode == "body":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
                data = b"<html>" + b"x" * 99_994
            for i in range(len(data)):
                if self.stop.is_set():
                    break
                conn.sendall(data[i:i + 1])
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def trickle_headers() -> Iterator[Trickle]:
    srv = Trickle("headers")
    yield srv
    srv.close()


@pytest.fixture
def trickle_body() -> Iterator[Trickle]:
    srv = Trickle("body")
    yield srv
    srv.close()


def records(urls: dict[str, str]) -> list[Record]:
    return [Record(id=k, type="webpage", csl={"title": k, "URL": u}) for k, u in urls.items()]


def config(**kw: object) -> CheckConfig:
    base: dict[str, object] = {"retries": 0, "probe_hosts": ("localhost",), "gap": 0.0}
    base.update(kw)
    return CheckConfig(**base)  # type: ignore[arg-type]


def test_trickled_headers_end_at_the_timeout(trickle_headers: Trickle) -> None:
    started = time.monotonic()
    _, report = check_links(records({"slow": trickle_headers.url()}), config(timeout=1.0))
    took = time.monotonic() - started
    item = report.items[0]
    assert item["status"] == "timeout", item
    assert "1 s" in item["detail"]
    assert took < 4, took  # HEAD cut at 1 s; nothing else waits


def test_trickled_body_ends_at_the_timeout(trickle_body: Trickle) -> None:
    started = time.monotonic()
    _, report = check_links(records({"slow": trickle_body.url()}), config(timeout=1.0))
    took = time.monotonic() - started
    item = report.items[0]
    # the status line came in time: the link answers (what arrived of the body is enough)
    assert item["status"] == "ok" and item["code"] == 200, item
    assert took < 4, took


def test_total_timeout_is_a_hard_limit(trickle_headers: Trickle) -> None:
    urls = {f"r{i}": trickle_headers.url(f"/p{i}") for i in range(6)}
    started = time.monotonic()
    _, report = check_links(records(urls), config(timeout=30.0, total_timeout=1.5, per_host=2))
    took = time.monotonic() - started
    assert took < 5, took
    assert {i["status"] for i in report.items} == {"timeout"}


def test_cli_timeouts_are_hard(tmp_path: Path, trickle_headers: Trickle) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "webpage", "title": "A", "URL": trickle_headers.url()}]),
                   "utf-8")
    started = time.monotonic()
    res = CliRunner().invoke(cli, ["check-links", str(src), "--timeout", "1", "--total-timeout", "60",
                                   "--retries", "0", "--probe-host", "localhost"])
    assert time.monotonic() - started < 5
    assert "timeout" in res.stdout and res.exit_code == 0, res.output


# -- private addresses ---------------------------------------------------------------------

FAKE_DNS = {
    "intranet.test": "10.1.2.3",
    "router.test": "192.168.0.1",
    "corp.test": "172.20.0.5",
    "metadata.test": "169.254.169.254",
    "zero.test": "0.0.0.0",
    "cgnat.test": "100.64.1.1",
    "ula.test": "fd12:3456::1",
    "linklocal.test": "fe80::1",
    "mapped.test": "::ffff:10.0.0.1",
    "loop.test": "127.0.0.1",
}


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[str, int]]]:
    """Names resolve from FAKE_DNS; any connection to a non-loopback address is caught
    (recorded and refused) before it leaves the machine."""
    real_resolve, attempts = socket.getaddrinfo, {"connect": []}  # type: ignore[var-annotated]

    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list:
        if host in FAKE_DNS:
            ip = FAKE_DNS[host]
            fam = socket.AF_INET6 if ":" in ip else socket.AF_INET
            return [(fam, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real_resolve(host, port, *args, **kwargs)  # type: ignore[arg-type]

    from urllib3.util import connection as u3conn

    real_connect = u3conn.create_connection

    def connect(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        if address[0] not in ("127.0.0.1", "::1", "localhost"):
            attempts["connect"].append(address)
            raise ConnectionRefusedError(111, "refused by the test (non-loopback)")
        return real_connect(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(guard, "getaddrinfo", resolve)
    monkeypatch.setattr(u3conn, "create_connection", connect)
    return attempts


@pytest.mark.parametrize("host", [h for h in FAKE_DNS if h != "loop.test"])
def test_private_names_are_blocked_before_connecting(fake_dns: dict, host: str) -> None:
    _, report = check_links(records({"p": f"http://{host}/secret"}), config(timeout=2.0))
    item = report.items[0]
    assert item["status"] == "blocked", item
    import ipaddress

    assert str(ipaddress.ip_address(FAKE_DNS[host])) in item["detail"] and "--allow-private" in item["detail"]
    assert fake_dns["connect"] == []


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://192.168.1.1:8080/admin", "http://[fd00::1]/",
                                 "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:80/",
                                 "https://[fe80::1]/"])
def test_private_literals_are_blocked(fake_dns: dict, url: str) -> None:
    _, report = check_links(records({"p": url}), config(timeout=2.0))
    assert report.items[0]["status"] == "blocked", report.items[0]
    assert fake_dns["connect"] == []


def test_loopback_stays_allowed(fake_dns: dict, server) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/ok").respond_with_data("fine")
    url = server.url_for("/ok").replace("localhost", "loop.test").replace("127.0.0.1", "loop.test")
    _, report = check_links(records({"l": url}), config(timeout=2.0))
    assert report.items[0]["status"] == "ok", report.items[0]


@pytest.mark.parametrize("target", ["http://metadata.test/latest/", "http://10.9.8.7/", "http://intranet.test:81/"])
def test_redirect_into_a_private_address_is_blocked(fake_dns: dict, server, target: str) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/hop").respond_with_data("", status=302, headers={"Location": target})
    _, report = check_links(records({"r": server.url_for("/hop")}), config(timeout=2.0))
    item = report.items[0]
    assert item["status"] == "blocked", item
    assert "redirected from" in item["detail"]
    assert fake_dns["connect"] == []


def test_allow_private_lets_the_request_through(fake_dns: dict, tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "webpage", "title": "A", "URL": "http://intranet.test/x"}]),
                   "utf-8")
    blocked = CliRunner().invoke(cli, ["check-links", str(src), "--retries", "0",
                                       "--probe-host", "localhost"])
    assert "blocked" in blocked.stdout and fake_dns["connect"] == []
    allowed = CliRunner().invoke(cli, ["check-links", str(src), "--retries", "0", "--probe-host", "localhost",
                                       "--allow-private", "--report", str(tmp_path / "r.json")])
    assert allowed.exit_code in (0, 1), allowed.output
    assert fake_dns["connect"] == [("10.1.2.3", 80)]  # it was tried (and stopped by the test)
    item = json.loads((tmp_path / "r.json").read_text("utf-8"))["links"][0]
    assert item["status"] == "error"


@pytest.mark.parametrize("ip,refused", [("10.0.0.1", True), ("127.0.0.1", False), ("::1", False),
                                        ("8.8.8.8", False), ("172.31.255.255", True), ("172.32.0.1", False),
                                        ("2001:4860::8888", False), ("::ffff:192.168.0.1", True),
                                        ("2002:a00:1::", True), ("224.0.0.1", True), ("::", True)])
def test_refused_addresses(ip: str, refused: bool) -> None:
    import ipaddress

    assert guard.refused(ipaddress.ip_address(ip)) is refused
