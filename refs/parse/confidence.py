"""Which fields of parsed records a user should check: the parser's confidence per field.

The parser notes how sure it is of each field it sets in the record's provenance
(``record.provenance[field] = Provenance("parse", …, confidence)``, a probability in 0–1).
A field whose confidence is below :data:`LOW_CONFIDENCE` is *low-confidence*: worth a look
before the record is used. ``refs parse --report R.json`` writes :func:`report`, and
``refs build``'s report.json lists :func:`low_confidence` for each record.
"""

from __future__ import annotations

from typing import Any

from refs.model import Record

#: a parsed field below this confidence is listed for checking
LOW_CONFIDENCE = 0.8


def _shown(value: Any) -> str:
    """A field's value as one short line (names as "Given Family; …", dates as the year)."""
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        if "date-parts" in value:
            return "-".join(str(p) for p in (value["date-parts"] or [[]])[0])
        if "family" in value or "given" in value or "literal" in value:
            return value.get("literal") or " ".join(p for p in (value.get("given"), value.get("family")) if p)
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    return str(value)


def low_confidence(record: Record, threshold: float = LOW_CONFIDENCE) -> list[dict[str, Any]]:
    """The record's parsed fields whose confidence is below ``threshold``, least sure
    first: ``[{"field", "confidence", "value"}]``. Fields another stage has set since
    (enrichment from Crossref) and fields no longer in the record are not listed."""
    out = []
    for name, prov in record.provenance.items():
        if prov.stage != "parse" or prov.confidence is None or prov.confidence >= threshold:
            continue
        if name.startswith("custom."):
            value = record.custom(name.split(".", 1)[1])
        else:
            value = record.type if name == "type" else record.csl.get(name)
        if value in (None, "", []):
            continue
        out.append({"field": name, "confidence": round(float(prov.confidence), 3), "value": _shown(value)})
    out.sort(key=lambda f: (f["confidence"], f["field"]))
    return out


def report(records: list[Record], threshold: float = LOW_CONFIDENCE) -> dict[str, Any]:
    """The ``--report`` of ``refs parse``: for every record with a low-confidence field,
    its id, line, string and those fields; counts in ``summary``."""
    tally = Tally(threshold)
    for rec in records:
        tally.add(rec)
    return tally.report()


class Tally:
    """:func:`report` made one record at a time (records written away as they are parsed):
    only the records to check are kept."""

    def __init__(self, threshold: float = LOW_CONFIDENCE) -> None:
        self.threshold = threshold
        self.records = self.rated = 0
        self.items: list[dict[str, Any]] = []

    def add(self, rec: Record) -> None:
        self.records += 1
        if any(p.stage == "parse" and p.confidence is not None for p in rec.provenance.values()):
            self.rated += 1
        fields = low_confidence(rec, self.threshold)
        if fields:
            self.items.append({"id": rec.id, "line": rec.origin.line, "text": rec.origin.text,
                               "low_confidence": fields})

    def report(self) -> dict[str, Any]:
        return {"threshold": self.threshold,
                "summary": {"records": self.records, "with_confidence": self.rated,
                            "to_check": len(self.items)},
                "records": self.items}
