"""What Zotero receives: refs' ``--zotero`` BibTeX read by Better BibTeX's own parser.

Better BibTeX imports with ``@retorquere/bibtex-parser``; ``bench/bbt/parse.mjs`` runs it
(``npm install --prefix bench/bbt`` once; .ci/run does). Skipped without node or the package.
The full corpus comparison is ``bench/bench_zotero_bbt.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from refs.io import bibtex

ROOT = Path(__file__).resolve().parents[1]
BBT = ROOT / "bench" / "bbt"
sys.path.insert(0, str(ROOT / "bench"))

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (BBT / "node_modules" / "@retorquere" / "bibtex-parser").is_dir(),
    reason="node or @retorquere/bibtex-parser not installed (npm install --prefix bench/bbt)")

SOURCE = r"""@article{nato,
  author = {M{\"u}ller, Hans and given=Jan, family=Berg, prefix=van den, useprefix=true},
  title = {The {NATO} Question: {Russia} and the {EU}},
  journal = jacm,
  volume = {12},
  pages = {1-10},
  year = {2001},
  langid = {english},
  keywords = {nato, russia},
  keywords = {cold war},
}
@book{buch,
  author = {Schmidt, Anna},
  title = {Die Frage der Sicherheit in Europa},
  booktitle = {Gesammelte Schriften},
  publisher = {Suhrkamp},
  organization = {Institut f{\"u}r Sicherheit},
  location = {Frankfurt am Main},
  date = {1999},
  langid = {ngerman},
}
@inproceedings{cu,
  author = {Lee, Kim},
  title = {Growth of Cu$_2$O films on {GaN}},
  booktitle = {Proceedings of the {IEEE} Conference},
  journal = {Journal of Crystal Growth},
  year = {2010},
}
"""


def bbt(path: Path) -> dict[str, dict[str, Any]]:
    proc = subprocess.run(["node", str(BBT / "parse.mjs"), str(path)], capture_output=True, text=True,
                          check=True, timeout=120)
    doc = json.loads(proc.stdout.splitlines()[0])
    return {e["key"]: e["fields"] for e in doc["entries"]}


def test_zotero_output_loses_nothing_better_bibtex_reads(tmp_path: Path) -> None:
    from bench_zotero_bbt import compare, joined_title

    src = tmp_path / "in.bib"
    src.write_text(SOURCE, encoding="utf-8")
    library, report = bibtex.loads(SOURCE, "in.bib")
    assert not report.errors  # (a warning: keywords given twice)
    out = tmp_path / "out.bib"
    out.write_text(bibtex.dumps(library, zotero=True), encoding="utf-8")
    before, after = bbt(src), bbt(out)
    assert set(before) == set(after)
    for key, fields in before.items():
        lost, altered = compare(fields, after[key])
        assert (key, lost, altered) == (key, [], [])
        assert joined_title(fields) == joined_title(after[key])  # case protection kept
    assert after["nato"]["title"] == "The NATO question: Russia and the EU"  # sentence-cased, protected
    assert after["buch"]["title"] == "Die Frage der Sicherheit in Europa"  # German: not sentence-cased
    assert sorted(after["nato"]["keywords"]) == ["cold war", "nato", "russia"]  # both fields
    assert "Cu₂O" in after["cu"]["title"]
