"""Reference strings in the wild: English, French, German, Spanish, Italian, Portuguese,
Russian (GOST) and Greek, from Wikipedia-style citations, Chicago, APA, MLA, Harvard,
IEEE and Vancouver lists. Expected values were written down by hand
(tests/data/parse/references_expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.parse import parse_reference

CASES = json.loads((Path(__file__).resolve().parent / "data" / "parse" / "references_expected.json")
                   .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_reference(case):
    rec = parse_reference(case["text"])
    got = {"type": rec.type,
           "names": [n.get("family") or n.get("literal") for n in (rec.authors or rec.editors)]}
    for key in case["expected"]:
        if key == "year":
            got["year"] = rec.year
        elif key == "editors":
            got["editors"] = [n.get("family") or n.get("literal") for n in rec.editors]
        elif key not in got:
            got[key] = rec.csl.get(key)
    assert got == case["expected"]
