"""The parser's fast paths give the answers of the slow ones: the keyword pre-checks
before costly patterns, the per-token caches of the features, the finder's memory of the
lines of a document it has parsed, the lines of a text as blocks made on demand."""

from __future__ import annotations

import re

from refs.parse import extras, fields, parse_text
from refs.parse.extras import extract
from refs.parse.features import features
from refs.parse.find import text_blocks
from refs.parse.patterns import folded


def test_folded_keeps_every_case_insensitive_twin() -> None:
    """Whatever ``re.IGNORECASE`` takes for a letter of a keyword folds to that letter."""
    words = extras._ARCHIVE_WORDS + extras._ACCESSED_WORDS + extras._FORTHCOMING_WORDS
    letters = sorted({ch for w in words for ch in w})
    any_letter = re.compile("[" + re.escape("".join(letters)) + "]", re.I)
    twins = 0
    for cp in range(0x30000):
        c = chr(cp)
        if not any_letter.fullmatch(c):
            continue
        for x in letters:
            if re.fullmatch(re.escape(x), c, re.I):
                assert x in folded(c), (hex(cp), x)
                twins += c != x
    assert twins > len(letters)  # the upper-case forms at least


def test_keyword_checks_do_not_hide_odd_spellings() -> None:
    for text in ("Smith, J. Title. RETRIEVED 5 MAY 2020 from the site.",
                 "Smith, J. Title. Acceſſed 5 May 2020.",
                 "Smith, J. Title. ARCHİVED 2020-05-05 at the Wayback Machine."):
        _, ex = extract(text)
        assert ex.accessed or ex.archive_date, text
    _, ex = extract("Smith, J. Title. Phys. Rev. B, TO BE PUBLISHED.")
    assert ex.notes == ["TO BE PUBLISHED"]
    _, ex = extract("Smith, J. Title. doi:10.1000/xyz123")
    assert ex.doi == "10.1000/xyz123"


def test_features_see_quotes_and_brackets_across_tokens() -> None:
    text = 'Smith (ed.), "A [long] title," Journal'
    feats = features(text)
    ctx = [sorted(f for f in fs if f.startswith("in_")) for fs in feats]
    assert ctx == [[], ["in_p"], ["in_q"], ["in_b", "in_q"], ["in_q"], []]
    assert "-1:in_q" in feats[5] and "1:in_b" in feats[2] and "-2:in_p" in feats[3]
    assert feats[0][:2] == ["bias", "w=smith"] and "BOS" in feats[0] and "EOS" in feats[-1]
    assert [f for f in feats[3] if f.startswith("pos=")] == ["pos=5"]


def test_repeated_lines_are_parsed_once_and_give_records_of_their_own(monkeypatch) -> None:
    line = "Asmus, Ronald D. Opening NATO's Door. New York: Columbia University Press, 2002."
    calls = []
    original = fields.parse_reference

    def counted(raw: str, source: str = "", line: int | None = None):
        calls.append(raw)
        return original(raw, source=source, line=line)

    monkeypatch.setattr(fields, "parse_reference", counted)
    records, _ = parse_text("\n".join([line, "Ibid.", line, line]), source="doc.txt")
    assert [r.origin.line for r in records] == [1, 3, 4]
    assert calls.count(line) == 1
    alone = original(line)
    for r in records:
        assert (r.type, r.csl, r.origin.text) == (alone.type, alone.csl, alone.origin.text)
        assert r.origin.file == "doc.txt"
    records[0].csl["author"][0]["given"] = "R."
    records[0].csl["issued"]["date-parts"][0].append(5)
    assert records[1].csl == alone.csl and records[2].csl["author"][0]["given"] == "Ronald D."
    # the next document is parsed afresh (the parser may have changed in between)
    parse_text(line)
    assert calls.count(line) == 2
    # the same reference under two list numbers: parsed once, each record keeps its string
    records, _ = parse_text(f"10000. {line}\n10001. {line}")
    assert calls.count(line) == 3
    assert [r.origin.text for r in records] == [f"10000. {line}", f"10001. {line}"]
    assert records[0].csl == records[1].csl == alone.csl and records[0].csl is not records[1].csl


def test_text_blocks_are_the_lines() -> None:
    blocks = text_blocks("a\n\n  c  ")
    assert len(blocks) == 3
    assert [(b.text, b.kind, b.line) for b in blocks] == [("a", "line", 1), ("", "line", 2),
                                                          ("  c  ", "line", 3)]
    assert blocks[-1].line == 3 and blocks[0].text == "a"
    assert [b.line for b in blocks[1:]] == [2, 3]
