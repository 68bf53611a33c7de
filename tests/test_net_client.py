"""refs.net against a local server: politeness, retries, cache, offline, network down."""

from __future__ import annotations

import email.utils
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "servers"))

from crossref_server import CrossrefServer, work  # noqa: E402

from refs import net  # noqa: E402

WORKS = [work("10.1000/x1", "A title", [("Ann", "Author")], 2001)]


def client(tmp_path: Path | None = None, **kw: object) -> net.Client:
    cfg = net.NetConfig(cache=(tmp_path / "c.sqlite") if tmp_path else False, backoff=0.01,
                        timeout=(1.0, 1.0), default_limit=50, **kw)  # type: ignore[arg-type]
    c = net.Client(cfg)
    return c


@pytest.fixture()
def server():
    with CrossrefServer(WORKS) as srv:
        yield srv


# -- pure helpers ---------------------------------------------------------------------

def test_user_agent_names_refs_and_mailto() -> None:
    ua = net.user_agent("me@example.org")
    assert ua.startswith("refs/") and "mailto:me@example.org" in ua
    assert "mailto" not in net.user_agent()


def test_parse_retry_after_seconds_date_and_junk() -> None:
    assert net.parse_retry_after("7") == 7.0
    assert net.parse_retry_after(" 0 ") == 0.0
    assert net.parse_retry_after(None) is None
    assert net.parse_retry_after("soon") is None
    when = email.utils.formatdate(1_000_030, usegmt=True)
    assert net.parse_retry_after(when, now=1_000_000) == pytest.approx(30, abs=1)
    assert net.parse_retry_after(email.utils.formatdate(10, usegmt=True), now=1_000) == 0.0


def test_parse_interval() -> None:
    assert net.parse_interval("1s") == 1.0
    assert net.parse_interval("500ms") == 0.5
    assert net.parse_interval("2m") == 120.0
    assert net.parse_interval("bogus") is None


def test_limiter_spaces_starts_and_caps_concurrency() -> None:
    lim = net.HostLimiter(limit=20, interval=1.0, concurrency=2, margin=0.0)
    starts: list[float] = []
    active = [0, 0]  # current, max
    lock = threading.Lock()

    def job() -> None:
        with lim.slot():
            with lock:
                starts.append(time.monotonic())
                active[0] += 1
                active[1] = max(active[1], active[0])
            time.sleep(0.03)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=job) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    starts.sort()
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert active[1] <= 2
    assert min(gaps) >= 0.05 - 0.005  # 20/s -> 50 ms apart


def test_limiter_adapts_to_crossref_headers() -> None:
    lim = net.HostLimiter(limit=5, interval=1.0, concurrency=1)
    lim.observe({"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"})
    assert (lim.limit, lim.interval, lim.concurrency) == (10, 1.0, 3)
    lim.observe({"x-rate-limit-limit": "50", "x-rate-limit-interval": "2s"})
    assert lim.rate == 25
    lim.observe({"x-ratelimit-limit": "40", "x-ratelimit-interval": "1s"})  # the older spelling
    assert lim.rate == 40
    fixed = net.HostLimiter(limit=5, adaptive=False)
    fixed.observe({"x-rate-limit-limit": "50"})
    assert fixed.limit == 5


# -- against the server -----------------------------------------------------------------

def test_user_agent_sent(server: CrossrefServer) -> None:
    c = client(mailto="me@example.org")
    status, data = c.get_json(server.url + "/works/10.1000/x1")
    assert status == 200 and data["message"]["DOI"] == "10.1000/x1"
    assert "mailto:me@example.org" in server.log[0]["user_agent"]


@pytest.mark.parametrize("fault,least", [("429:0.2", 0.19), ("429-date:1", 0.9)])
def test_429_honours_retry_after(server: CrossrefServer, fault: str, least: float) -> None:
    server.fault("/works/", fault)
    c = client()
    t0 = time.monotonic()
    status, data = c.get_json(server.url + "/works/10.1000/x1")
    waited = time.monotonic() - t0
    assert status == 200 and data["message"]["title"] == ["A title"]
    assert server.requests == 2 and c.stats.rate_limited == 1
    assert waited >= least


def test_5xx_then_success(server: CrossrefServer) -> None:
    server.fault("/works/", "500", "503", "502")
    c = client()
    status, _ = c.get_json(server.url + "/works/10.1000/x1")
    assert status == 200 and server.requests == 4 and c.stats.retries == 3


def test_5xx_forever_returns_last_status(server: CrossrefServer) -> None:
    server.fault("/works/", *["500"] * 10)
    c = client(retries=2)
    status, data = c.get_json(server.url + "/works/10.1000/x1")
    assert status == 500 and data is None and server.requests == 3


def test_timeout_then_success(server: CrossrefServer) -> None:
    server.fault("/works/", "sleep:1.5")
    c = client()
    c.config.timeout = (1.0, 0.3)
    status, _ = c.get_json(server.url + "/works/10.1000/x1")
    assert status == 200 and c.stats.retries == 1


def test_timeouts_exhausted_raise_request_failed(server: CrossrefServer) -> None:
    server.fault("/works/", "sleep:1", "sleep:1")
    c = client(retries=1)
    c.config.timeout = (1.0, 0.2)
    with pytest.raises(net.RequestFailed) as info:
        c.get_json(server.url + "/works/10.1000/x1")
    assert not isinstance(info.value, net.NetworkUnavailable)


@pytest.mark.parametrize("fault", ["drop", "truncate"])
def test_dropped_connection_is_retried(server: CrossrefServer, fault: str) -> None:
    server.fault("/works/", fault)
    c = client()
    status, data = c.get_json(server.url + "/works/10.1000/x1")
    assert status == 200 and data["message"]["DOI"] == "10.1000/x1"
    assert server.requests == 2


def test_malformed_json_is_refetched_and_never_cached(server: CrossrefServer, tmp_path: Path) -> None:
    server.fault("/works/", "malformed")
    c = client(tmp_path)
    status, data = c.get_json(server.url + "/works/10.1000/x1")
    assert status == 200 and data["message"]["DOI"] == "10.1000/x1"
    server.fault("/works/", "malformed", "malformed")
    c2 = client(tmp_path)
    status, data = c2.get_json(server.url + "/works/10.1000/x1")  # the good answer was cached
    assert status == 200 and c2.stats.requests == 0


def test_malformed_json_twice_raises_bad_response(server: CrossrefServer, tmp_path: Path) -> None:
    server.fault("/works/", "malformed", "malformed")
    c = client(tmp_path)
    with pytest.raises(net.BadResponse):
        c.get_json(server.url + "/works/10.1000/x1")
    c2 = client(tmp_path, offline=True)
    with pytest.raises(net.NotCached):
        c2.get_json(server.url + "/works/10.1000/x1")


def test_network_down_raises_network_unavailable() -> None:
    c = client()
    t0 = time.monotonic()
    with pytest.raises(net.NetworkUnavailable):
        c.get("http://127.0.0.1:9/works/10.1/x")
    assert time.monotonic() - t0 < 3


def test_cache_second_run_makes_no_requests(server: CrossrefServer, tmp_path: Path) -> None:
    c = client(tmp_path)
    assert c.get_json(server.url + "/works/10.1000/x1")[0] == 200
    assert c.get_json(server.url + "/works/10.1000/nope")[0] == 404
    assert server.requests == 2
    c.close()
    c2 = client(tmp_path)
    assert c2.get_json(server.url + "/works/10.1000/x1")[0] == 200
    assert c2.get_json(server.url + "/works/10.1000/nope")[0] == 404
    assert server.requests == 2 and c2.stats.cache_hits == 2 and c2.stats.requests == 0


def test_offline_uses_only_the_cache(server: CrossrefServer, tmp_path: Path) -> None:
    client(tmp_path).get_json(server.url + "/works/10.1000/x1")
    off = client(tmp_path, offline=True)
    assert off.get_json(server.url + "/works/10.1000/x1")[0] == 200
    with pytest.raises(net.NotCached):
        off.get_json(server.url + "/works/10.1000/other")
    assert server.requests == 1


def test_rate_limit_from_headers_is_respected() -> None:
    with CrossrefServer(WORKS, rate_limit=(10, 1.0), concurrency=2) as srv:
        c = client()
        c.set_limits(srv.url, 50, 1.0, 4)  # too generous: the first answer corrects it
        results: list[int] = []

        def go() -> None:
            for _ in range(2):
                results.append(c.get_json(srv.url + "/works/10.1000/x1")[0])

        threads = [threading.Thread(target=go) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        lim = c.limiter(srv.url)
        assert (lim.limit, lim.concurrency) == (10, 2)
        assert results.count(200) == 8


def test_network_down_message_is_one_short_line() -> None:
    """Regression: the notice repeated requests' whole message (the full query URL and
    the urllib3 pool's repr); now it names the host and the socket's reason."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = client()
    with pytest.raises(net.NetworkUnavailable) as info:
        c.get(f"http://127.0.0.1:{port}/works", params={"query.bibliographic": "x" * 300})
    assert str(info.value) == f"cannot reach 127.0.0.1:{port}: connection refused"


def test_lone_surrogates_in_query_parameters_do_not_crash(server: CrossrefServer) -> None:
    """Regression: a JSON "\\ud800" in a record's title raised UnicodeEncodeError out of
    requests and stopped the whole enrich run."""
    c = client()
    status, data = c.get_json(f"{server.url}/works", params={"query.bibliographic": "A \ud800 title"})
    assert status == 200 and data["message-type"] == "work-list"
    assert "\ufffd" in server.log[-1]["params"]["query.bibliographic"]


def test_cache_given_as_a_folder_goes_inside_it(tmp_path: Path) -> None:
    """Regression: ``--cache DIR`` made requests-cache write ``DIR.sqlite`` beside the folder."""
    folder = tmp_path / "cachedir"
    folder.mkdir()
    c = net.Client(net.NetConfig(cache=folder))
    try:
        assert c.cache_path == folder / "http_cache.sqlite"
    finally:
        c.close()
    assert not (tmp_path / "cachedir.sqlite").exists()


# -- request bodies (POST/PATCH) --------------------------------------------------------

class FakeClock:
    """A clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def _scripted(httpserver, answers: list[tuple[int, dict[str, str]]]) -> list[dict[str, object]]:
    """Answer requests from ``answers`` in turn (then 200), recording what arrived."""
    from werkzeug import Response

    seen: list[dict[str, object]] = []

    def handle(req):  # type: ignore[no-untyped-def]
        seen.append({"method": req.method, "body": req.get_data(as_text=True),
                     "type": req.headers.get("Content-Type"), "token": req.headers.get("X-Token")})
        status, headers = answers.pop(0) if answers else (200, {})
        return Response('{"ok": true}', status, headers=headers, content_type="application/json")

    httpserver.expect_request("/w").respond_with_handler(handle)
    return seen


def _body_client(tmp_path: Path, clock: FakeClock, **kw: object) -> net.Client:
    # No pacing of our own (an infinite rate), so every recorded wait is a retry or Backoff.
    cfg = net.NetConfig(cache=tmp_path / "c.sqlite", timeout=(1.0, 1.0), default_limit=float("inf"),
                        jitter=False, backoff=1.0, clock=clock, sleep=clock.sleep, **kw)  # type: ignore[arg-type]
    return net.Client(cfg)


def test_post_sends_json_and_data_bodies_and_is_never_cached(httpserver, tmp_path: Path) -> None:
    seen = _scripted(httpserver, [])
    c = _body_client(tmp_path, FakeClock())
    url = httpserver.url_for("/w")
    for _ in range(2):
        assert c.request("POST", url, json={"a": 1}).status_code == 200
    r = c.request("PATCH", url, data=b"x=1", headers={"Content-Type": "text/plain"})
    assert r.status_code == 200
    assert [s["body"] for s in seen] == ['{"a": 1}', '{"a": 1}', "x=1"]
    assert seen[0]["type"] == "application/json" and seen[2]["type"] == "text/plain"
    assert seen[2]["method"] == "PATCH"
    assert c.stats.cache_hits == 0 and c.stats.requests == 3


def test_post_is_not_retried_unless_idempotent(httpserver, tmp_path: Path) -> None:
    clock = FakeClock()
    seen = _scripted(httpserver, [(503, {"Retry-After": "3"}), (503, {"Retry-After": "3"})])
    c = _body_client(tmp_path, clock)
    url = httpserver.url_for("/w")
    assert c.request("POST", url, json=[1]).status_code == 503  # returned as is
    assert len(seen) == 1 and clock.slept == []
    r = c.request("POST", url, json=[1], headers={"X-Token": "t1"}, idempotent=True)
    assert r.status_code == 200
    assert len(seen) == 3 and seen[1]["token"] == seen[2]["token"] == "t1"
    assert clock.slept == [3.0]


def test_idempotent_retries_wait_exponentially_without_jitter(httpserver, tmp_path: Path) -> None:
    clock = FakeClock()
    _scripted(httpserver, [(500, {}), (502, {})])
    c = _body_client(tmp_path, clock)
    assert c.request("POST", httpserver.url_for("/w"), json={}, idempotent=True).status_code == 200
    assert clock.slept == [1.0, 2.0]


def test_backoff_header_delays_the_next_request_even_after_success(httpserver, tmp_path: Path) -> None:
    clock = FakeClock()
    _scripted(httpserver, [(200, {"Backoff": "5"})])
    c = _body_client(tmp_path, clock)
    url = httpserver.url_for("/w")
    c.request("POST", url, json={})
    assert clock.slept == []  # the answer itself is not delayed...
    c.request("POST", url, json={})
    assert clock.slept == [5.0]  # ...the next request is


def test_post_timeout_is_not_repeated(httpserver) -> None:
    from werkzeug import Response

    calls: list[int] = []

    def slow(_req):  # type: ignore[no-untyped-def]
        calls.append(1)
        time.sleep(0.4)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    c = net.Client(net.NetConfig(cache=False, timeout=(1.0, 0.1), backoff=0.01))
    with pytest.raises(net.RequestFailed) as err:
        c.request("POST", httpserver.url_for("/slow"), json={})
    assert err.value.maybe_sent and len(calls) == 1


def test_post_to_a_dead_host_is_network_unavailable_and_never_sent() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    c = net.Client(net.NetConfig(cache=False, backoff=0.01))
    with pytest.raises(net.NetworkUnavailable) as err:
        c.request("POST", f"http://127.0.0.1:{port}/w", json={})
    assert err.value.maybe_sent is False and c.stats.requests == 2  # refused twice: nothing sent


def test_offline_post_is_refused(tmp_path: Path) -> None:
    c = client(tmp_path, offline=True)
    with pytest.raises(net.NotCached):
        c.request("POST", "http://127.0.0.1:9/w", json={})
