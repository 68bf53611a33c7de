"""The host-aware scheduler on its own, with fake jobs (no network)."""

from __future__ import annotations

import threading
import time

import pytest

from refs.links.schedule import Scheduler


class FakeJob:
    """Sleeps ``work`` seconds per step on ``host``; asks for ``retries`` delayed repeats."""

    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    lock = threading.Lock()

    def __init__(self, host: str, work: float = 0.05, retries: int = 0, delay: float = 0.0,
                 boom: bool = False) -> None:
        self.host = host
        self.work = work
        self.retries = retries
        self.delay = delay
        self.boom = boom
        self.steps = 0
        self.expired = False

    def step(self, deadline: float | None) -> float | None:
        if self.boom:
            raise RuntimeError("bug in a job")
        with self.lock:
            self.active[self.host] = self.active.get(self.host, 0) + 1
            self.peak[self.host] = max(self.peak.get(self.host, 0), self.active[self.host])
        time.sleep(self.work)
        with self.lock:
            self.active[self.host] -= 1
        self.steps += 1
        if self.steps <= self.retries:
            return self.delay
        return None

    def expire(self) -> None:
        self.expired = True


@pytest.fixture(autouse=True)
def _reset():
    FakeJob.active, FakeJob.peak = {}, {}


def test_cap_per_host_while_other_hosts_keep_going():
    # one crowded host first in the list must not hold up the others
    jobs = [FakeJob("crowded") for _ in range(8)] + [FakeJob(f"h{i}") for i in range(6)]
    done: list[FakeJob] = []
    t0 = time.monotonic()
    Scheduler(workers=8, per_host=2, gap=0).run(jobs, done.append)
    took = time.monotonic() - t0
    assert len(done) == len(jobs) and all(j.steps == 1 for j in jobs)
    assert FakeJob.peak["crowded"] == 2
    assert took < 0.35  # crowded host: 4 rounds of 50 ms; the others run alongside


def test_delayed_steps_free_their_slot_and_come_back():
    slow = FakeJob("a", work=0.01, retries=2, delay=0.15)
    others = [FakeJob("a", work=0.05) for _ in range(3)]
    t0 = time.monotonic()
    Scheduler(workers=4, per_host=1, gap=0).run([slow, *others])
    assert slow.steps == 3 and all(o.steps == 1 for o in others)
    assert time.monotonic() - t0 < 0.45  # the others ran while ``slow`` waited


def test_deadline_expires_what_is_left():
    jobs = [FakeJob("h", work=0.2) for _ in range(5)]
    t0 = time.monotonic()
    Scheduler(workers=4, per_host=1, gap=0, total_timeout=0.3).run(jobs)
    assert time.monotonic() - t0 < 0.6
    assert sum(j.expired for j in jobs) >= 3 and sum(j.steps for j in jobs) <= 2


def test_a_bug_in_a_job_is_raised_not_swallowed():
    with pytest.raises(RuntimeError, match="bug in a job"):
        Scheduler(workers=2).run([FakeJob("h"), FakeJob("h", boom=True), FakeJob("g")])
