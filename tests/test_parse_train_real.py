"""The real training strings: page-level hold-out split and the training file format."""

from __future__ import annotations

import json
from pathlib import Path

from refs.parse.labels import LABEL_SET
from refs.parse.train import corpus, real


def test_split_is_by_page_and_deterministic(tmp_path: Path) -> None:
    pages = [f"https://example.org/list/{i}" for i in range(200)]
    rows = [{"text": f"A, B. {i}. Title {i}. Place: Pub.",
             "segments": [["author", "A, B."], ["date", f"{i}."], ["title", f"Title {i}."],
                          ["location", "Place:"], ["publisher", "Pub."]],
             "source": pages[i % 200], "lang": "en"} for i in range(400)]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    test = list(real.rows(tmp_path, test=True))
    train = list(real.rows(tmp_path, test=False))
    assert len(test) + len(train) == 400
    assert {r["source"] for r in test}.isdisjoint({r["source"] for r in train})  # whole pages
    assert 0.15 < len(test) / 400 < 0.35  # about one page in four
    assert [r["text"] for r in real.rows(tmp_path, test=True)] == [r["text"] for r in test]


def test_shipped_training_files_are_well_formed() -> None:
    for path in sorted(real.DIR.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            assert row["source"].startswith(("http://", "https://")), f"{path.name}:{n}"
            assert all(lab in LABEL_SET for lab, _ in row["segments"]), f"{path.name}:{n}"
            joined = " ".join(t for _, t in row["segments"])
            assert corpus.squash(joined) == corpus.squash(row["text"]), f"{path.name}:{n}"


def test_training_pages_are_not_evaluation_pages() -> None:
    evaluation = {json.loads(line)["source"] for p in Path(__file__).parent.glob("data/parse_real/*.jsonl")
                  for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert evaluation
    training = {json.loads(line)["source"] for p in real.DIR.glob("*.jsonl")
                for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not training & evaluation
