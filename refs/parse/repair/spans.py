"""The labelled spans of one reference grouped by label: what every repair reads and mends."""

from __future__ import annotations

from collections import defaultdict

from refs.parse.model import Span


class _Fields:
    """The spans grouped by label, with each label's confidence."""

    def __init__(self, spans: list[Span]) -> None:
        self.by: dict[str, list[Span]] = defaultdict(list)
        for sp in spans:
            self.by[sp.label].append(sp)

    def first(self, label: str) -> str:
        return self.by[label][0].text if self.by.get(label) else ""

    def all(self, label: str) -> str:
        return " ".join(sp.text for sp in self.by.get(label, []))

    def conf(self, *labels: str) -> float:
        vals = [sp.confidence for lab in labels for sp in self.by.get(lab, [])]
        return round(min(vals), 3) if vals else 1.0


def joined(spans: list[Span]) -> tuple[int, str]:
    """The text the (ordered) spans cover, spaces where nothing was labelled between them, and
    the offset of its first character: what a repair matches a pattern against."""
    base = spans[0].start
    chars = [" "] * (spans[-1].end - base)
    for sp in spans:
        chars[sp.start - base:sp.end - base] = sp.text
    return base, "".join(chars)
