"""Bench: check 500 links spread over 20 local hosts that each add 100 ms latency.

The hosts are 127.0.0.2 ... 127.0.0.21 (one server each, in a separate process so
that serving does not compete with the checker for the GIL). Every answer waits
100 ms. The floor is what the limits allow at best::

    floor = max(ceil(links_per_host / per_host) * latency,       # the per-host cap
                (links_per_host - 1) * gap + latency,             # the gap between starts
                ceil(links / concurrency) * latency)              # the global cap

The servers also count the most requests they ever had in flight at once, to show
that the per-host cap held. Run: ``python bench/bench_links.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refs.links import CheckConfig, check_links  # noqa: E402
from refs.model import Record  # noqa: E402

HOSTS = 20
LINKS = 500
LATENCY = 0.100


def _serve(addresses: list[str], latency: float, ready: mp.Queue, stop: mp.Event) -> None:  # type: ignore[type-arg]
    """Run one threaded HTTP server per address until ``stop``; report ports, then stats."""
    servers = []
    for addr in addresses:
        state = {"now": 0, "max": 0, "count": 0, "lock": threading.Lock()}

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            st = state

            def _answer(self, body: bool) -> None:
                st = self.st
                if self.path == "/__stats":
                    data = json.dumps({"max": st["max"], "count": st["count"]}).encode()
                    st["max"] = 0  # each run reports its own peak
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                with st["lock"]:
                    st["now"] += 1
                    st["count"] += 1
                    st["max"] = max(st["max"], st["now"])
                time.sleep(latency)
                with st["lock"]:
                    st["now"] -= 1
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                if body:
                    self.wfile.write(b"ok")

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(False)

            def do_GET(self) -> None:  # noqa: N802
                self._answer(True)

            def log_message(self, *args: object) -> None:
                pass

        srv = ThreadingHTTPServer((addr, 0), Handler)
        srv.daemon_threads = True
        srv.request_queue_size = 128
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
    ready.put([f"{s.server_address[0]}:{s.server_address[1]}" for s in servers])
    stop.wait()
    for s in servers:
        s.shutdown()


def _stats(hosts: list[str]) -> tuple[int, int]:
    import requests

    most, total = 0, 0
    for h in hosts:
        data = requests.get(f"http://{h}/__stats", timeout=5).json()
        most, total = max(most, data["max"]), total + data["count"]
    return most, total


def floor(links: int, hosts: int, per_host: int, gap: float, concurrency: int,
          latency: float = LATENCY) -> float:
    per = math.ceil(links / hosts)
    return max(math.ceil(per / per_host) * latency, (per - 1) * gap + latency,
               math.ceil(links / concurrency) * latency)


def run(hosts: list[str], per_host: int, concurrency: int, gap: float) -> tuple[float, dict, int, int]:
    records = [Record(id=f"l{i:03d}", type="webpage",
                      csl={"URL": f"http://{hosts[i % len(hosts)]}/page/{i}"}) for i in range(LINKS)]
    _, before_count = _stats(hosts)
    config = CheckConfig(per_host=per_host, concurrency=concurrency, gap=gap, timeout=10,
                         probe_hosts=())
    t0 = time.perf_counter()
    _, report = check_links(records, config)
    took = time.perf_counter() - t0
    most, count = _stats(hosts)
    return took, report.summary, most, count - before_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the default configuration")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per configuration; the median is reported (the machine is shared)")
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    ready: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    stop = ctx.Event()
    proc = ctx.Process(target=_serve, args=([f"127.0.0.{i + 2}" for i in range(HOSTS)], LATENCY,
                                            ready, stop), daemon=True)
    proc.start()
    hosts = ready.get(timeout=30)
    # (per_host, concurrency, gap): the default, then the cap at other values
    configs = [(4, 32, 0.02), (4, 80, 0.02)] if args.quick else \
        [(4, 32, 0.02), (2, 40, 0.02), (4, 80, 0.02), (8, 160, 0.01)]
    rows = []
    try:
        for per_host, conc, gap in configs:
            runs = [run(hosts, per_host, conc, gap) for _ in range(max(1, args.repeat))]
            times = sorted(r[0] for r in runs)
            took = statistics.median(times)
            ok = min(r[1]["ok"] for r in runs)
            most = max(r[2] for r in runs)
            requests = max(r[3] for r in runs)
            fl = floor(LINKS, HOSTS, per_host, gap, conc)
            rows.append((per_host, conc, gap, ok, requests, most, fl, times[0], took, took / fl))
    finally:
        stop.set()
        proc.join(5)
    print(f"refs check-links bench: {LINKS} links over {HOSTS} local hosts, "
          f"{LATENCY * 1000:.0f} ms latency each")
    print(f"machine: {os.cpu_count()}-core {platform.machine()}, Python {platform.python_version()}")
    print()
    print(f"median of {max(1, args.repeat)} runs per row")
    print()
    print("| per-host | concurrency | gap (s) | ok | requests | max in flight/host | floor (s) "
          "| best (s) | median (s) | median/floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for per_host, conc, gap, ok, req, most, fl, best, took, ratio in rows:
        print(f"| {per_host} | {conc} | {gap:.2f} | {ok} | {req} | {most} | {fl:.2f} | {best:.2f} "
              f"| {took:.2f} | {ratio:.2f} |")
    print()
    print("floor = max(ceil(links per host / per-host) x latency, (links per host - 1) x gap + "
          "latency, ceil(links / concurrency) x latency); target: median/floor <= 1.20")


if __name__ == "__main__":
    main()
