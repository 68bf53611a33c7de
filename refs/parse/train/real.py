"""The real reference strings kept for training, and the share of them held out.

``refs/parse/train/real/*.jsonl`` hold reference strings copied from public pages
(syllabi, reading lists, library guides, Wikipedia bibliographies, theses lists, papers'
reference lists, in many languages), labelled by hand segment by segment in AnyStyle's
format (``{"text", "segments": [[label, text], …], "source": page address, "lang"}``).

Whole pages are held out, never single strings: a page whose address hashes into
:data:`HELD_OUT` of :data:`BUCKETS` buckets is measured on (bench/bench_parse.py's
``real-seg-holdout``) and never trained on, so a page's habits are never both learnt and
scored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DIR = Path(__file__).resolve().parent / "real"
BUCKETS = 4
HELD_OUT = 1  # one page in four


def held_out(source: str) -> bool:
    """Whether the page ``source`` belongs to the held-out share."""
    return int(hashlib.sha1(source.encode("utf-8")).hexdigest(), 16) % BUCKETS < HELD_OUT


def rows(directory: Path = DIR, *, test: bool) -> Iterator[dict[str, Any]]:
    """The labelled rows of the training (``test=False``) or held-out (``test=True``) pages."""
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if held_out(row["source"]) == test:
                    yield row
