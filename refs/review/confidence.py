"""Which parsed fields a person should look at first.

The parser states its confidence per field (``record.provenance[field]`` with stage
``parse``: the model's marginal probability, see :mod:`refs.parse.confidence`); a field
below :data:`LOW` that no later stage has set since is shown as low-confidence.
"""

from __future__ import annotations

from refs.model import Record
from refs.parse.confidence import LOW_CONFIDENCE, low_confidence

#: Parser confidence below which a field is shown as low-confidence.
LOW = LOW_CONFIDENCE


def low_fields(record: Record) -> dict[str, str]:
    """Field -> why it is low-confidence (empty when nothing is doubtful). A field a later
    stage set (a correction, a verified match, a merge) is judged by that stage, not here."""
    return {f["field"]: f"parser confidence {f['confidence']:.2f}" for f in low_confidence(record, LOW)}
