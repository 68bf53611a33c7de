"""The enrich stage: fill records' missing fields from Crossref (and Open Library for
books) without ever pulling in a wrong match.

* A record with a DOI: ``/works/{doi}``; its fields fill the record's gaps, after a
  sanity check that the DOI's work resembles the record (a mistyped DOI must not
  rewrite the entry).
* A record without one: a Crossref bibliographic search; every candidate is verified
  (:mod:`refs.enrich.match`) and only a single confident one is accepted. Otherwise the
  record is unchanged and the report says which candidate came closest and why it was
  rejected.
* Books: Open Library's search for ISBN, publisher and place, under the same rules.

Lookups run concurrently, as fast as the services' limits allow and no faster (see
:mod:`refs.net`). If the network goes away the stage stops asking, keeps what it has
done, and says so in the report (``summary["network_unavailable"]``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refs import net
from refs.enrich import crossref, fill, match, openlibrary
from refs.model import Record, Report

__all__ = ["EnrichConfig", "enrich"]

STAGE = "enrich"

#: Consecutive failed lookups (after retries) after which the service counts as down.
MAX_CONSECUTIVE_FAILURES = 3

#: Record types that are looked up in Open Library as well.
BOOK_TYPES = {"book"}


@dataclass
class EnrichConfig:
    """Options of the enrich stage (the CLI maps its flags and environment onto these).

    ``cache``: SQLite cache path, ``None`` for the user cache directory, ``False`` for
    none. ``client``: a ready :class:`refs.net.Client` to use instead of making one
    (tests and callers sharing a cache). ``progress``: called as ``progress(done,
    total)`` after each record (from the calling thread).
    """

    mailto: str | None = None
    crossref_url: str = crossref.DEFAULT_URL
    openlibrary_url: str | None = openlibrary.DEFAULT_URL
    cache: str | Path | None | bool = None
    offline: bool = False
    overwrite: bool = False
    rows: int = 5
    min_confidence: float = match.MIN_CONFIDENCE
    workers: int = 5
    timeout: tuple[float, float] = (5.0, 20.0)
    retries: int = 4
    client: net.Client | None = None
    progress: Callable[[int, int], None] | None = None
    openlibrary_limit: float | None = None
    rejected_dois: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class Outcome:
    """What one record's lookup found (computed in a worker; applied in the caller)."""

    index: int
    status: str = "skipped"
    reason: str = ""
    crossref: tuple[match.Candidate, float] | None = None
    openlibrary: tuple[match.Candidate, float] | None = None
    rejected: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""


def _rejections(choice: match.Choice, limit: int = 3) -> list[dict[str, Any]]:
    return [{**c.summary(), **v.to_dict()} for c, v in choice.rejected[:limit]]


class _Run:
    """One enrich run: the clients, the stop flag, the lookups."""

    def __init__(self, config: EnrichConfig) -> None:
        self.config = config
        self.owns_client = config.client is None
        self.client = config.client or net.Client(net.NetConfig(
            mailto=config.mailto, cache=config.cache, offline=config.offline,
            timeout=config.timeout, retries=config.retries))
        self.crossref = crossref.Crossref(self.client, config.crossref_url, rows=config.rows)
        self.openlibrary = (openlibrary.OpenLibrary(self.client, config.openlibrary_url, rows=config.rows,
                                                    limit=config.openlibrary_limit)
                            if config.openlibrary_url else None)
        self.stop = threading.Event()
        self.network_error = ""
        self.openlibrary_error = ""
        self.failures = 0
        self._lock = threading.Lock()

    def lookup(self, index: int, record: Record) -> Outcome:
        out = Outcome(index)
        if self.stop.is_set():
            out.status, out.reason = "not-attempted", "network unavailable"
            return out
        try:
            self._lookup(record, out)
        except net.NotCached as exc:
            out.status, out.reason = "not-cached", str(exc)
        except net.NetworkUnavailable as exc:
            with self._lock:
                if not self.stop.is_set():
                    self.network_error = str(exc)
                self.stop.set()
            out.status, out.reason = "not-attempted", "network unavailable"
            out.crossref = out.openlibrary = None
        except net.RequestFailed as exc:
            out.status, out.error = "error", str(exc)
            if exc.status is None or exc.status == 429 or exc.status >= 500:
                self._failed(str(exc))
        else:
            with self._lock:
                self.failures = 0
        return out

    def _failed(self, message: str) -> None:
        """Count a lookup the service failed (after its retries). A few in a row mean
        the service is down for now: stop asking rather than wait out every record's
        retries, exactly as when the network is gone."""
        with self._lock:
            self.failures += 1
            if self.failures >= MAX_CONSECUTIVE_FAILURES and not self.stop.is_set():
                self.network_error = f"the service keeps failing: {message}"
                self.stop.set()

    def _lookup(self, record: Record, out: Outcome) -> None:
        banned = self.config.rejected_dois.get(record.id, frozenset())
        doi = crossref.normalize_doi(record.csl.get("DOI"))
        if doi and doi.lower() not in banned:
            self._by_doi(record, doi, out)
        elif match.clean_title(record.csl.get("title", "")):
            cands = [crossref.candidate(i) for i in self.crossref.search(record)]
            refused = [c for c in cands if c.ident.lower() in banned]
            choice = match.choose(record, [c for c in cands if c not in refused],
                                  min_confidence=self.config.min_confidence)
            out.rejected = [{**c.summary(), "accepted": False, "confidence": None,
                             "reasons": ["DOI rejected by a correction (reject-doi)"]} for c in refused]
            if choice.accepted:
                assert choice.best is not None and choice.verdict is not None
                out.crossref = (choice.best, choice.verdict.confidence)
                out.status = "matched"
            else:
                out.status, out.reason = "no-match", choice.reason
                out.rejected = _rejections(choice) + out.rejected
        else:
            out.status, out.reason = "skipped", "no DOI and no title to search for"
            return
        if (self.openlibrary is not None and not self.openlibrary_error and record.type in BOOK_TYPES
                and self._wants_book_data(record, out)):
            try:
                self._book(record, out)
            except net.NotCached:
                raise
            except net.NetworkUnavailable as exc:
                # Open Library cannot be reached but Crossref can: go on without it
                # (said once in the report) rather than stop the whole run.
                with self._lock:
                    self.openlibrary_error = self.openlibrary_error or str(exc)
            except net.RequestFailed as exc:  # Crossref's answer still stands
                out.error = f"Open Library: {exc}"

    def _book(self, record: Record, out: Outcome) -> None:
        assert self.openlibrary is not None
        if out.crossref is not None:
            # A DOI-only record: search with what Crossref said (the record itself
            # is still what candidates are verified against, plus those fields).
            record = record.copy()
            for key, value in out.crossref[0].csl.items():
                if key != "type" and not record.csl.get(key):
                    record.csl[key] = value
        docs = self.openlibrary.search(record)
        cands = [openlibrary.candidate(d, record.year) for d in docs]
        choice = match.choose(record, cands, min_confidence=self.config.min_confidence)
        if choice.accepted:
            assert choice.best is not None and choice.verdict is not None
            out.openlibrary = (choice.best, choice.verdict.confidence)
            if out.status in ("no-match", "doi-not-found"):
                out.status, out.reason = "matched", ""
        else:
            out.rejected += [{**r, "source": "openlibrary"} for r in _rejections(choice)]

    @staticmethod
    def _wants_book_data(record: Record, out: Outcome) -> bool:
        have = dict(record.csl)
        if out.crossref is not None:
            have.update({k: v for k, v in out.crossref[0].csl.items() if v})
        return any(not have.get(f) for f in fill.OPENLIBRARY_FIELDS)

    def _by_doi(self, record: Record, doi: str, out: Outcome) -> None:
        item = self.crossref.work(doi)
        if item is None:
            out.status, out.reason = "doi-not-found", f"Crossref does not know DOI {doi}"
            return
        cand = crossref.candidate(item)
        ok, confidence, why = doi_consistent(record, cand)
        if not ok:
            out.status, out.reason = "doi-mismatch", why
            out.rejected = [{**cand.summary(), "accepted": False, "confidence": round(confidence, 3),
                             "reasons": [why]}]
            return
        out.crossref = (cand, confidence)
        out.status = "matched"


def doi_consistent(record: Record, cand: match.Candidate) -> tuple[bool, float, str]:
    """Whether the work a record's own DOI names resembles the record. The DOI is the
    user's, so the bar is low; it only catches a DOI that names a different work."""
    title = match.clean_title(record.csl.get("title", ""))
    if not title:
        return True, 1.0, ""
    sim, _ = match.title_similarity(title, str(cand.csl.get("title", "")), cand.subtitle)
    rname, var = match.first_name(record)
    names = (cand.csl.get("author") or []) + (cand.csl.get("editor") or [])
    same_person = rname is not None and any(match.family_match(rname, n) for n in names[:3])
    if sim >= 0.8 or (sim >= 0.5 and same_person):
        return True, 1.0 if sim >= match.TITLE_MIN else round(max(sim, 0.9), 3), ""
    return False, sim, (f"the DOI's work is titled {cand.summary()['title']!r} "
                        f"(similarity {sim:.2f}); record left unchanged")


def enrich(records: list[Record], config: EnrichConfig | None = None) -> tuple[list[Record], Report]:
    """Enrich records from Crossref and Open Library; see the module docstring.

    Returns new record objects for the records that changed (others are returned as
    they came) and a report whose items say, per record, what was added, from where,
    with what confidence, or why nothing was.
    """
    config = config or EnrichConfig()
    report = Report(stage=STAGE)
    run = _Run(config)
    outcomes: list[Outcome | None] = [None] * len(records)
    try:
        workers = max(1, min(config.workers, len(records) or 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="refs-enrich") as pool:
            futures = [pool.submit(run.lookup, i, r) for i, r in enumerate(records)]
            try:
                for done, fut in enumerate(futures, 1):
                    outcome = fut.result()
                    outcomes[outcome.index] = outcome
                    if config.progress is not None:
                        config.progress(done, len(records))
            except BaseException:
                # Interrupted (Ctrl-C): let the lookups in flight end, start no more.
                run.stop.set()
                for fut in futures:
                    fut.cancel()
                raise
    finally:
        if run.owns_client:
            run.client.close()

    result: list[Record] = []
    counts = {"records": len(records), "matched": 0, "enriched": 0, "fields_added": 0,
              "no_match": 0, "errors": 0, "not_attempted": 0, "not_cached": 0}
    for record, outcome in zip(records, outcomes, strict=True):
        assert outcome is not None
        result.append(_apply(record, outcome, config, report, counts))
    report.summary.update(counts)
    report.summary["network_unavailable"] = bool(run.network_error)
    report.summary["network_error"] = run.network_error
    report.summary["requests"] = run.client.stats.requests
    report.summary["cache_hits"] = run.client.stats.cache_hits
    report.summary["retries"] = run.client.stats.retries
    report.summary["openlibrary_error"] = run.openlibrary_error
    if run.openlibrary_error and not run.network_error:
        report.problem(f"Open Library unavailable ({run.openlibrary_error}); books were looked up "
                       "in Crossref only", severity="warning")
    if run.network_error:
        report.problem(f"network unavailable ({run.network_error}); "
                       f"{counts['not_attempted']} record(s) left unchanged", severity="error")
    return result, report


def _apply(record: Record, outcome: Outcome, config: EnrichConfig, report: Report,
           counts: dict[str, int]) -> Record:
    item: dict[str, Any] = {"id": record.id, "status": outcome.status}
    if outcome.reason:
        item["reason"] = outcome.reason
    if outcome.error:
        item["error"] = outcome.error
        counts["errors"] += 1
        report.problem(f"lookup failed: {outcome.error}", severity="warning", record=record.id,
                       file=record.origin.file, line=record.origin.line)
    if outcome.status == "not-attempted":
        counts["not_attempted"] += 1
    if outcome.status == "not-cached":
        counts["not_cached"] += 1
    if outcome.status in ("no-match", "doi-mismatch", "doi-not-found"):
        counts["no_match"] += 1
    if outcome.rejected:
        item["best_candidate"] = outcome.rejected[0]
        item["rejected"] = outcome.rejected
    changes: list[dict[str, Any]] = []
    new = record
    if outcome.crossref is not None or outcome.openlibrary is not None:
        counts["matched"] += 1
        new = record.copy()
        if outcome.crossref is not None:
            cand, conf = outcome.crossref
            item.update({"source": "crossref", "doi": cand.ident, "confidence": round(conf, 3)})
            changes += fill.apply(new, cand.csl, fill.CROSSREF_FIELDS, source=f"crossref:{cand.ident}",
                                  confidence=conf, overwrite=config.overwrite)
        if outcome.openlibrary is not None:
            cand, conf = outcome.openlibrary
            item.setdefault("source", "openlibrary")
            item["openlibrary"] = {"id": cand.ident, "confidence": round(conf, 3), "edition": cand.note}
            changes += fill.apply(new, cand.csl, fill.OPENLIBRARY_FIELDS, source=f"openlibrary:{cand.ident}",
                                  confidence=conf, overwrite=config.overwrite)
        if changes:
            item["status"] = "enriched"
            counts["enriched"] += 1
            counts["fields_added"] += len(changes)
        else:
            new = record
    item["fields"] = changes
    report.items.append(item)
    return new
