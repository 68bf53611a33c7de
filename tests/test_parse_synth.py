"""Made-up records rendered through CSL styles with citeproc-py parse back to their
fields (refs.parse.train.synth; the bench runs the same check at a larger scale)."""

from __future__ import annotations

import pytest

from refs.parse import parse_reference
from refs.parse.train import synth

STYLES = ["apa", "chicago-notes-bibliography-17th-edition", "harvard-cite-them-right", "ieee",
          "modern-language-association", "gost-r-7-0-5-2008"]


def _families(names):
    return [n.get("family") or n.get("literal") for n in names]


@pytest.mark.parametrize("style", STYLES)
def test_rendered_records_parse_back(style):
    items = [i for i in synth.records(12, seed=3) if i["type"] in ("article-journal", "book", "chapter")]
    checked = right = 0
    for text, item in synth.render(items, style):
        rec = parse_reference(text)
        checks = [rec.year == item["issued"]["date-parts"][0][0],
                  rec.title.casefold() == item["title"].casefold(),
                  _families(rec.authors)[:1] == _families(item["author"])[:1]]
        if item["type"] == "article-journal":
            checks += [rec.csl.get("volume") == item["volume"], rec.type == "article-journal"]
        checked += len(checks)
        right += sum(checks)
    assert checked and right / checked >= 0.9, f"{style}: {right}/{checked}"


def test_synthetic_records_are_reproducible():
    assert synth.records(5, seed=1) == synth.records(5, seed=1)
    kinds = {i["type"] for i in synth.records(60)}
    assert kinds >= {"article-journal", "book", "chapter", "thesis", "report"}
