"""The link checker against local servers, one case per behaviour the issue names."""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from refs.links import CheckConfig, check_links
from refs.links.check import LinkJob, check
from refs.links.extract import Link
from refs.model import Record


def config(**kw: object) -> CheckConfig:
    base = dict(timeout=2.0, backoff=0.05, retries=2, gap=0.0, probe_hosts=("localhost",))
    base.update(kw)
    return CheckConfig(**base)  # type: ignore[arg-type]


def run(urls: list[str], **kw: object) -> dict[str, dict]:
    records = [Record(id=f"r{i}", csl={"URL": u}) for i, u in enumerate(urls)]
    _, report = check_links(records, config(**kw))
    return {it["url"]: it for it in report.items}


def counter(responses: list[Response]) -> tuple[callable, list[str]]:
    """A handler answering from ``responses`` in turn (the last one repeats) and the
    methods it saw."""
    seen: list[str] = []
    lock = threading.Lock()
    it = itertools.count()

    def handler(request: Request) -> Response:
        with lock:
            seen.append(request.method)
            n = next(it)
        return responses[min(n, len(responses) - 1)]

    return handler, seen


def test_ok_dead_gone_and_blocked(server):
    server.expect_request("/ok").respond_with_data("hello")
    server.expect_request("/missing").respond_with_data("no", status=404)
    server.expect_request("/gone").respond_with_data("", status=410)
    server.expect_request("/forbidden").respond_with_data("", status=403)
    server.expect_request("/teapot").respond_with_data("", status=418)
    server.expect_request("/login").respond_with_data("", status=401)
    got = run([server.url_for(p) for p in ("/ok", "/missing", "/gone", "/forbidden", "/teapot", "/login")])
    status = {u.rsplit("/", 1)[1]: (it["status"], it["code"]) for u, it in got.items()}
    assert status == {"ok": ("ok", 200), "missing": ("dead", 404), "gone": ("dead", 410),
                      "forbidden": ("blocked", 403), "teapot": ("blocked", 418),
                      "login": ("blocked", 401)}
    assert "could not verify" in got[server.url_for("/forbidden")]["detail"]


def test_head_first_then_get_only_when_head_refused(server):
    h_ok, seen_ok = counter([Response("fine")])
    server.expect_request("/plain").respond_with_handler(h_ok)
    server.expect_request("/nohead", method="HEAD").respond_with_data("", status=405)
    server.expect_request("/nohead", method="GET").respond_with_data("fine")
    server.expect_request("/nohead501", method="HEAD").respond_with_data("", status=501)
    server.expect_request("/nohead501", method="GET").respond_with_data("fine")
    got = run([server.url_for(p) for p in ("/plain", "/nohead", "/nohead501")])
    assert seen_ok == ["HEAD"]
    assert {it["status"] for it in got.values()} == {"ok"}
    methods = [r.method for r, _ in server.log if r.path.startswith("/nohead")]
    assert methods.count("HEAD") == 2 and methods.count("GET") == 2


def test_redirect_chains_permanent_and_temporary(server):
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/older"})
    server.expect_request("/older").respond_with_data("", status=308, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data("new")
    server.expect_request("/tmp").respond_with_data("", status=302, headers={"Location": "/new"})
    server.expect_request("/mixed").respond_with_data("", status=301, headers={"Location": "/tmp"})
    got = run([server.url_for(p) for p in ("/old", "/tmp", "/mixed")])
    old, tmp, mixed = (got[server.url_for(p)] for p in ("/old", "/tmp", "/mixed"))
    assert old["status"] == "redirected" and old["final_url"] == server.url_for("/new")
    assert old["suggested_url"] == server.url_for("/new") and "update the link" in old["detail"]
    assert tmp["status"] == "redirected" and tmp["suggested_url"] is None
    assert "temporary" in tmp["detail"]
    assert mixed["suggested_url"] == server.url_for("/tmp")
    assert mixed["final_url"] == server.url_for("/new")


def test_redirect_loops_and_too_many_hops_and_dead_target(server):
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    for i in range(15):
        server.expect_request(f"/hop{i}").respond_with_data(
            "", status=301, headers={"Location": f"/hop{i + 1}"})
    server.expect_request("/to-dead").respond_with_data("", status=301, headers={"Location": "/nothing"})
    server.expect_request("/nothing").respond_with_data("", status=404)
    server.expect_request("/to-ftp").respond_with_data("", status=302,
                                                       headers={"Location": "ftp://example.org/f"})
    got = run([server.url_for(p) for p in ("/a", "/hop0", "/to-dead", "/to-ftp")], max_redirects=10)
    loop = got[server.url_for("/a")]
    assert loop["status"] == "error" and "redirect loop" in loop["detail"]
    assert got[server.url_for("/hop0")]["status"] == "error"
    assert "more than 10 redirects" in got[server.url_for("/hop0")]["detail"]
    dead = got[server.url_for("/to-dead")]
    assert dead["status"] == "dead" and dead["final_url"] == server.url_for("/nothing")
    assert "non-http" in got[server.url_for("/to-ftp")]["detail"]
    assert not any(r.path == "/f" for r, _ in server.log)


def test_429_honours_retry_after(server):
    handler, seen = counter([Response("", status=429, headers={"Retry-After": "1"}), Response("ok")])
    server.expect_request("/limited").respond_with_handler(handler)
    t0 = time.monotonic()
    got = run([server.url_for("/limited")])
    took = time.monotonic() - t0
    assert got[server.url_for("/limited")]["status"] == "ok"
    assert len(seen) == 2 and took >= 0.95


def test_429_with_an_unreasonable_wait_is_blocked_not_dead(server):
    server.expect_request("/forever").respond_with_data("", status=429, headers={"Retry-After": "86400"})
    handler, seen = counter([Response("", status=429)])
    server.expect_request("/always").respond_with_handler(handler)
    t0 = time.monotonic()
    got = run([server.url_for("/forever"), server.url_for("/always")], max_retry_after=5)
    assert time.monotonic() - t0 < 2
    forever, always = got[server.url_for("/forever")], got[server.url_for("/always")]
    assert forever["status"] == "blocked" and "86400" in forever["detail"]
    assert always["status"] == "blocked" and always["code"] == 429
    assert len(seen) == 3  # first try + 2 retries


def test_500_then_200_is_retried_with_backoff(server):
    handler, seen = counter([Response("", status=500), Response("", status=500), Response("ok")])
    server.expect_request("/flaky").respond_with_handler(handler)
    server.expect_request("/broken").respond_with_data("", status=500)
    handler503, seen503 = counter([Response("", status=503, headers={"Retry-After": "0"}), Response("ok")])
    server.expect_request("/busy").respond_with_handler(handler503)
    got = run([server.url_for(p) for p in ("/flaky", "/broken", "/busy")])
    assert got[server.url_for("/flaky")]["status"] == "ok"
    assert seen == ["HEAD", "GET", "GET"]  # HEAD failed -> GET, GET 500 -> backoff -> GET 200
    broken = got[server.url_for("/broken")]
    assert broken["status"] == "error" and broken["code"] == 500 and "3 tries" in broken["detail"]
    assert got[server.url_for("/busy")]["status"] == "ok" and len(seen503) == 2


def test_slow_answer_past_the_timeout(server):
    def slow(_: Request) -> Response:
        time.sleep(1.5)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    t0 = time.monotonic()
    got = run([server.url_for("/slow")], timeout=0.3)
    assert got[server.url_for("/slow")]["status"] == "timeout"
    assert time.monotonic() - t0 < 1.4


def test_huge_body_is_read_only_up_to_the_bound(server):
    sent = {"bytes": 0}

    def huge(_: Request) -> Response:
        def body() -> Iterator[bytes]:
            chunk = b"x" * 65536
            for _ in range(16384):  # 1 GiB if read to the end
                sent["bytes"] += len(chunk)
                yield chunk
        return Response(body(), content_type="text/html")

    server.expect_request("/huge", method="HEAD").respond_with_data("", status=405)
    server.expect_request("/huge", method="GET").respond_with_handler(huge)
    t0 = time.monotonic()
    got = run([server.url_for("/huge")], max_body=32768)
    assert got[server.url_for("/huge")]["status"] == "ok"
    assert time.monotonic() - t0 < 3
    time.sleep(0.2)
    assert sent["bytes"] < 64 * 2**20  # far from the whole body


def test_bot_walls_are_blocked(server):
    wall = "<html><head><title>Just a moment...</title></head><body>checking</body></html>"
    server.expect_request("/wall", method="HEAD").respond_with_data("", status=403)
    server.expect_request("/wall", method="GET").respond_with_data(wall, content_type="text/html")
    server.expect_request("/cf").respond_with_data("", status=403, headers={"cf-mitigated": "challenge"})
    got = run([server.url_for("/wall"), server.url_for("/cf")])
    wall_item, cf = got[server.url_for("/wall")], got[server.url_for("/cf")]
    assert wall_item["status"] == "blocked" and "bot wall" in wall_item["detail"]
    assert cf["status"] == "blocked" and "Cloudflare" in cf["detail"]


def test_unknown_host_is_dead_when_dns_works():
    got = run(["http://nonexistent.invalid/page"])
    item = got["http://nonexistent.invalid/page"]
    assert item["status"] == "dead" and item["detail"] == "unknown host" and item["code"] is None


def _fake_dns(monkeypatch: pytest.MonkeyPatch, error: int, resolves: tuple[str, ...] = ()) -> list[str]:
    """Only loopback names (and ``resolves``) resolve; everything else fails with ``error``."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def fake(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(str(host))
        if host in ("127.0.0.1", "localhost") or host in resolves:
            return real("127.0.0.1", *args, **kwargs)
        raise socket.gaierror(error, "fake resolver failure")

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


@pytest.mark.parametrize("error", [socket.EAI_AGAIN, socket.EAI_NONAME])
def test_network_down_means_unknown_never_dead(monkeypatch, server, error):
    server.expect_request("/local").respond_with_data("ok")
    asked = _fake_dns(monkeypatch, error)
    urls = ["https://publisher.example/a", "http://news.example/b", "http://nonexistent.invalid/c",
            server.url_for("/local")]
    records = [Record(id=f"r{i}", csl={"URL": u}) for i, u in enumerate(urls)]
    _, report = check_links(records, config(probe_hosts=("probe.example",)))
    status = {it["url"]: it["status"] for it in report.items}
    assert report.summary["network"] == "unavailable"
    assert status[server.url_for("/local")] == "ok"
    assert [status[u] for u in urls[:3]] == ["unknown"] * 3
    assert report.summary["dead"] == 0
    assert "probe.example" in asked
    assert all("network is unavailable" in it["detail"] for it in report.items if it["status"] == "unknown")


def test_unknown_host_stays_dead_when_the_probe_resolves(monkeypatch):
    _fake_dns(monkeypatch, socket.EAI_NONAME, resolves=("probe.example",))
    _, report = check_links([Record(id="x", csl={"URL": "http://gone.example/"})],
                            config(probe_hosts=("probe.example",)))
    assert report.summary["network"] == "ok"
    assert report.items[0]["status"] == "dead"


def test_other_schemes_are_reported_never_fetched(monkeypatch):
    asked = _fake_dns(monkeypatch, socket.EAI_NONAME)
    urls = ["ftp://ftp.example.org/x", "file:///etc/passwd", "javascript:alert(1)", "www.example.org"]
    got = run(urls)
    assert all(got[u]["status"] == "error" and got[u]["code"] is None for u in urls)
    assert "not fetched" in got["ftp://ftp.example.org/x"]["detail"]
    assert asked == []


def test_per_host_cap_holds(server):
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def handler(_: Request) -> Response:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.1)
        with lock:
            state["now"] -= 1
        return Response("ok")

    server.expect_request("/p").respond_with_handler(handler)
    urls = [server.url_for("/p") + f"?i={i}" for i in range(12)]
    t0 = time.monotonic()
    got = run(urls, per_host=2, concurrency=16, gap=0.0)
    took = time.monotonic() - t0
    assert {it["status"] for it in got.values()} == {"ok"}
    assert state["max"] == 2
    assert took >= 0.55  # 12 links, 2 at a time, 100 ms each


def test_gap_spaces_request_starts_to_one_host(server):
    starts: list[float] = []

    def handler(_: Request) -> Response:
        starts.append(time.monotonic())
        return Response("ok")

    server.expect_request("/g").respond_with_handler(handler)
    urls = [server.url_for("/g") + f"?i={i}" for i in range(6)]
    t0 = time.monotonic()
    got = run(urls, per_host=6, concurrency=6, gap=0.1)
    assert {it["status"] for it in got.values()} == {"ok"}
    assert time.monotonic() - t0 >= 0.5
    starts.sort()
    # measured where the requests arrive, so allow for scheduling jitter
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.06


def test_many_hosts_run_in_parallel():
    servers = [HTTPServer(host="127.0.0.1", threaded=True) for _ in range(4)]
    try:
        lock = threading.Lock()
        active = [0]
        peak = [0]

        def handler(_: Request) -> Response:
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.1)
            with lock:
                active[0] -= 1
            return Response("ok")

        for s in servers:
            s.start()
            s.expect_request("/p").respond_with_handler(handler)
        urls = [s.url_for("/p") + f"?i={i}" for s in servers for i in range(4)]
        got = run(urls, per_host=2, concurrency=16)
        assert {it["status"] for it in got.values()} == {"ok"}
        # requests to different hosts overlap (a serial run would never have two at once);
        # how fast that makes the run is bench/bench_links.py's business, not a unit test's
        assert peak[0] > 2
    finally:
        stoppers = [threading.Thread(target=s.stop) for s in servers]  # 0.5 s each, so at once
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join()


def test_total_timeout_stops_the_run(server):
    def slow(_: Request) -> Response:
        time.sleep(1.0)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    urls = [server.url_for("/slow") + f"?i={i}" for i in range(5)]
    t0 = time.monotonic()
    got = run(urls, per_host=1, total_timeout=0.4, timeout=5)
    assert time.monotonic() - t0 < 1.5
    assert {it["status"] for it in got.values()} == {"timeout"}
    assert any("total time" in it["detail"] for it in got.values())


def test_doi_redirect_is_expected(server):
    server.expect_request("/10.1/x").respond_with_data("", status=302, headers={"Location": "/article"})
    server.expect_request("/article").respond_with_data("article")
    link = Link("r", server.url_for("/10.1/x"), "DOI")
    (result,), down = check([link], config())
    assert not down
    assert result.status == "ok" and result.final_url == server.url_for("/article")


def test_progress_called_once_per_link_and_order_kept(server):
    server.expect_request("/ok").respond_with_data("ok")
    records = [Record(id=str(i), csl={"URL": server.url_for("/ok") + f"?{i}"}) for i in range(6)]
    records.append(Record(id="ftp", csl={"URL": "ftp://x.org/"}))
    seen: list[str] = []
    out, report = check_links(records, config(), progress=lambda r: seen.append(r.link.record_id))
    assert out is records
    assert sorted(seen) == sorted(r.id for r in records)
    assert [it["id"] for it in report.items] == [r.id for r in records]
    assert report.summary["links"] == 7 and report.summary["ok"] == 6 and report.summary["error"] == 1


def test_a_url_cited_twice_is_fetched_once(server):
    server.expect_request("/shared").respond_with_data("ok")
    url = server.url_for("/shared")
    records = [Record(id="a", csl={"URL": url}), Record(id="b", csl={"URL": url})]
    seen: list[str] = []
    _, report = check_links(records, config(), progress=lambda r: seen.append(r.link.record_id))
    assert [(it["id"], it["status"]) for it in report.items] == [("a", "ok"), ("b", "ok")]
    assert sorted(seen) == ["a", "b"]
    assert len([r for r, _ in server.log if r.path == "/shared"]) == 1


def test_session_reads_the_environment_once_unless_proxies_are_set(monkeypatch):
    from refs.links.check import make_session

    for var in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CURL_CA_BUNDLE", "/etc/ssl/bundle.pem")
    session = make_session(CheckConfig())
    assert session.trust_env is False and session.verify == "/etc/ssl/bundle.pem"
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    assert make_session(CheckConfig()).trust_env is True



def test_malformed_urls_are_errors_never_a_crash(server):
    """Regression: ``http://[::1`` made urlsplit raise ValueError out of the checker, and
    a redirect to a malformed or host-less Location raised inside a worker."""
    server.expect_request("/no-host").respond_with_data("", status=302, headers={"Location": "http://"})
    results = run(["http://[::1", server.url_for("/no-host")])
    assert results["http://[::1"]["status"] == "error"
    assert "no host" in results["http://[::1"]["detail"]
    moved = results[server.url_for("/no-host")]
    assert moved["status"] == "error" and moved["code"] == 302
    job = LinkJob(Link("r", "http://example.org/", "URL"), None, config())  # type: ignore[arg-type]
    assert job._redirect(302, "http://[::1/x") is None
    assert job.result.status == "error" and "malformed location" in job.result.detail
