"""A host-aware work scheduler: many requests in parallel, a few per host.

Why not a plain thread pool with a lock per host (as :class:`refs.net.HostLimiter`
does for API clients)? A reading list clusters by host: forty links to one publisher
in a row would park every worker on that publisher's lock while the other hosts sit
idle. Here workers only ever *take* a step whose host has a free slot and whose gap
has passed, so the per-host cap is never the reason a worker waits while other work
is ready.

The unit of work is one request (a *step*), not one link: a redirect to another host,
a GET after a refused HEAD, a retry after ``Retry-After`` are each a new step queued
on the host they go to, so every request counts against the right host's cap and a
job waiting to retry holds neither a thread nor a slot.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from typing import Protocol


class Job(Protocol):
    """One piece of work done as a series of steps, each a request to one host."""

    @property
    def host(self) -> str:
        """The host the next step talks to (may change between steps)."""

    def step(self, deadline: float | None) -> float | None:
        """Do one request. Return ``None`` when the job is finished, else the seconds to
        wait before its next step (``0`` for at once)."""

    def expire(self) -> None:
        """The total time ran out before the job finished: record that."""


class Scheduler:
    """Run jobs on ``workers`` threads with at most ``per_host`` requests in flight to
    one host and at least ``gap`` seconds between two request starts to one host.

    ``total_timeout`` bounds the whole run: steps not started by then are not started
    (their jobs are told to :meth:`Job.expire`), and running steps get the deadline so
    that they can shorten their own timeouts.
    """

    def __init__(self, workers: int = 16, per_host: int = 4, gap: float = 0.02,
                 total_timeout: float | None = None) -> None:
        self.workers = max(1, workers)
        self.per_host = max(1, per_host)
        self.gap = max(0.0, gap)
        self.total_timeout = total_timeout

    def run(self, jobs: Iterable[Job], on_done: Callable[[Job], None] | None = None) -> None:
        """Run every job to the end (or to the deadline); ``on_done`` is called once per
        job, from a worker thread, as it finishes."""
        state = _State(list(jobs), self.per_host, self.gap)
        if not state.pending:
            return
        deadline = None if self.total_timeout is None else time.monotonic() + self.total_timeout
        threads = [threading.Thread(target=self._work, args=(state, deadline, on_done),
                                    name=f"refs-links-{i}", daemon=True)
                   for i in range(min(self.workers, state.pending))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if state.error is not None:
            raise state.error  # a bug in a job: surface it in the caller's thread

    def _work(self, state: _State, deadline: float | None,
              on_done: Callable[[Job], None] | None) -> None:
        while True:
            job = state.take(deadline, on_done)
            if job is None:
                return
            host = job.host
            try:
                delay = job.step(deadline)
            except BaseException as exc:
                state.fail(exc)
                return
            state.finish(job, host, delay, on_done)


class _State:
    """The shared queues: per-host FIFOs, a heap of jobs waiting to retry, counters."""

    def __init__(self, jobs: list[Job], per_host: int, gap: float) -> None:
        self.cond = threading.Condition()
        self.per_host = per_host
        self.gap = gap
        self.queues: OrderedDict[str, deque[Job]] = OrderedDict()
        self.active: dict[str, int] = {}
        self.next_start: dict[str, float] = {}
        self.delayed: list[tuple[float, int, Job]] = []
        self.seq = itertools.count()
        self.pending = len(jobs)  # jobs not finished yet
        self.error: BaseException | None = None  # set when a step raised: stop the run
        for job in jobs:
            self._enqueue(job)

    def _enqueue(self, job: Job) -> None:
        self.queues.setdefault(job.host, deque()).append(job)

    def _release_delayed(self, now: float) -> None:
        while self.delayed and self.delayed[0][0] <= now:
            _, _, job = heapq.heappop(self.delayed)
            self._enqueue(job)

    def _expire_all(self, on_done: Callable[[Job], None] | None) -> None:
        left = [j for q in self.queues.values() for j in q] + [j for _, _, j in self.delayed]
        self.queues.clear()
        self.delayed.clear()
        for job in left:
            job.expire()
            self.pending -= 1
            if on_done:
                on_done(job)
        self.cond.notify_all()

    def take(self, deadline: float | None, on_done: Callable[[Job], None] | None) -> Job | None:
        """The next job whose host may be called now; blocks until there is one. ``None``
        when nothing is left to start."""
        with self.cond:
            while True:
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    self._expire_all(on_done)
                if self.error is not None or self.pending == 0 or (
                        not self.queues and not self.delayed and sum(self.active.values()) == 0):
                    self.cond.notify_all()
                    return None
                self._release_delayed(now)
                wake = self.delayed[0][0] if self.delayed else None
                for host in list(self.queues):
                    if self.active.get(host, 0) >= self.per_host:
                        continue
                    start = self.next_start.get(host, 0.0)
                    if start > now:
                        wake = start if wake is None else min(wake, start)
                        continue
                    queue = self.queues[host]
                    job = queue.popleft()
                    if queue:
                        self.queues.move_to_end(host)  # round-robin between hosts
                    else:
                        del self.queues[host]
                    self.active[host] = self.active.get(host, 0) + 1
                    self.next_start[host] = now + self.gap
                    return job
                if deadline is not None:
                    wake = deadline if wake is None else min(wake, deadline)
                self.cond.wait(None if wake is None else max(0.0, wake - now))

    def fail(self, exc: BaseException) -> None:
        """A step raised: stop everything (the other workers find nothing left to do)."""
        with self.cond:
            if self.error is None:
                self.error = exc
            self.cond.notify_all()

    def finish(self, job: Job, host: str, delay: float | None,
               on_done: Callable[[Job], None] | None) -> None:
        """A step ended: free its slot, then queue the job's next step or count it done."""
        with self.cond:
            self.active[host] -= 1
            if delay is None:
                self.pending -= 1
            elif delay <= 0:
                self._enqueue(job)
            else:
                heapq.heappush(self.delayed, (time.monotonic() + delay, next(self.seq), job))
            if self.pending == 0 or self.error is not None:
                self.cond.notify_all()  # everyone can go home
            else:
                # At most two steps became startable (one on the freed host, the job's
                # next step on its own host); waking every idle worker for that costs
                # more CPU than the requests themselves when there are many workers.
                self.cond.notify(2)
        if delay is None and on_done:
            on_done(job)
