"""The parser's fast paths give the answers of the slow ones: the keyword pre-checks
before costly patterns, and the per-token caches of the features."""

from __future__ import annotations

import re

from refs.parse import extras
from refs.parse.extras import extract
from refs.parse.features import features
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
