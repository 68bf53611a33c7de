"""The corrections of one build, applied stage by stage and collected for the report.

:class:`Applier` is what :mod:`refs.build` talks to: it is opened (and the file validated)
before anything runs, then called after each stage; ``report()`` gives the
``report.json`` section listing every correction applied and every key that matched
nothing (with the closest keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from refs.model import Record
from refs.review import corrections as cx


class Applier:
    def __init__(self, corrections: cx.Corrections) -> None:
        self.corrections = corrections
        self.applied: list[dict[str, Any]] = []
        self.known: set[str] = set()

    @classmethod
    def open(cls, out: str | Path, explicit: str | Path | None = None) -> Applier:
        """Find and validate the build's corrections file (``CorrectionsError`` when it is
        malformed or an explicit path is missing); no file: nothing to apply."""
        path = cx.find(out, explicit)
        return cls(cx.load(path) if path is not None else cx.Corrections())

    def _see(self, records: Sequence[Record]) -> None:
        for r in records:
            self.known.add(r.id)
            self.known.update(r.aliases)

    def after(self, stage: str, records: Sequence[Record]) -> list[Record]:
        """``set``/``clear`` after ``stage`` ("parse", "enrich", "dedup"); after dedup the
        ``drop``\\ s too (so they happen before export)."""
        self._see(records)
        if not self.corrections:
            return list(records)
        out, items = cx.apply_fields(records, self.corrections, stage)
        self.applied += items
        if stage == "dedup":
            out, dropped = cx.apply_drops(out, self.corrections)
            self.applied += dropped
        return out

    def enrich_options(self, config: Any, records: Sequence[Record]) -> Any:
        """The enrich config with the ``reject-doi`` corrections added."""
        banned = cx.rejected_dois(self.corrections, records)
        if banned:
            merged = {k: frozenset(v) for k, v in config.rejected_dois.items()}
            for k, v in banned.items():
                merged[k] = merged.get(k, frozenset()) | v
            config.rejected_dois = merged
        return config

    def dedup_options(self) -> dict[str, Any]:
        must, cannot = cx.links(self.corrections)
        return {"must_link": must, "cannot_link": cannot}

    @property
    def dropped(self) -> dict[str, str]:
        """Dropped record id -> the key that dropped it."""
        return {i["record"]: i["key"] for i in self.applied if i["kind"] == "drop"}

    def report(self, key_map: dict[str, str]) -> dict[str, Any]:
        """The ``corrections`` section of report.json."""
        unknown = cx.unknown_keys(self.corrections, self.known)
        return {"file": self.corrections.path.name if self.corrections.path else None,
                "entries": len(self.corrections.items),
                "applied": self.applied + cx.link_items(self.corrections, key_map),
                "unknown": unknown}

    def notices(self, section: dict[str, Any]) -> list[str]:
        """One line per key that matched nothing, per merge-with / keep-apart not honoured."""
        name = section.get("file") or cx.FILE_NAME
        out = []
        for u in section["unknown"]:
            near = f" (closest: {', '.join(u['closest'])})" if u["closest"] else ""
            out.append(f"{name}:{u['line']}: warning: no record has the key {u['key']!r}{near}")
        for item in section["applied"]:
            if item.get("honoured") is False:
                out.append(f"{name}:{item['line']}: warning: {item['kind']} {item['key']} / {item['other']} "
                           "could not be honoured")
        return out
