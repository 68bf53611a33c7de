"""The parser's fast paths give the answers of the slow ones: the keyword pre-checks
before costly patterns, the per-token caches of the features, the finder's memory of the
lines of a document it has parsed, the lines of a text as blocks made on demand."""

from __future__ import annotations

import re

import pytest

from refs.parse import extras, fields, names, numbers, parse_text
from refs.parse.extras import extract
from refs.parse.features import features
from refs.parse.find import text_blocks
from refs.parse.patterns import NEWSPAPER, folded, is_newspaper
from refs.parse.repair import names as repair_names
from refs.parse.repair import text as repair_text


def test_folded_keeps_every_case_insensitive_twin() -> None:
    """Whatever ``re.IGNORECASE`` takes for a letter of a keyword folds to that letter."""
    words = extras._ARCHIVE_WORDS + extras.ACCESSED_WORDS + extras._FORTHCOMING_WORDS
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


@pytest.mark.parametrize("text, quoted", [
    ("Müller, „Die Titel“, in: Zeitschrift 5", [0, 1, 1, 0, 0, 0]),  # German: “ closes
    ("Nilsson, ”Titeln”, Stockholm 2001", [0, 1, 0, 0]),  # Swedish: ” opens too
    ("Holm, »Titlen« København 1990", [0, 1, 0, 0]),  # Danish: » opens, « closes
    ("Dupont, « Le titre », Paris", [0, 1, 1, 1, 1, 0]),  # spaced guillemets
    ("Smith, “A Title,” Journal", [0, 1, 1, 0]),
    ("Roy, l’histoire “de l’art” 2001", [0, 0, 1, 1, 0]),  # an apostrophe inside a word
])
def test_a_quotation_is_closed_by_the_mark_that_ends_its_word(text: str, quoted: list[int]) -> None:
    feats = features(text)
    assert [int("in_q" in fs) for fs in feats] == quoted


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


def test_text_blocks_break_lines_where_splitlines_does() -> None:
    text = "a\r\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k\n\nl\n"
    blocks = text_blocks(text)
    assert [b.text for b in blocks] == text.splitlines()
    assert [blocks[i].text for i in range(len(blocks))] == text.splitlines()
    assert [b.line for b in blocks] == list(range(1, len(text.splitlines()) + 1))
    assert len(text_blocks("")) == 0 and [b.text for b in text_blocks("\n")] == [""]
    with pytest.raises(IndexError):
        blocks[len(blocks)]


def test_number_patterns_skipped_for_missing_characters_would_not_have_matched() -> None:
    """``scan`` leaves out a pattern whose characters the text lacks: the same spans as
    trying every pattern."""

    def every_pattern(text: str) -> list[tuple[int, int, str]]:
        saved = numbers._GATED
        numbers._GATED = tuple((kind, rx, None) for kind, rx in numbers._PATTERNS)
        try:
            return [(s.start, s.end, s.kind) for s in numbers.scan.__self__.fn(text)]
        finally:
            numbers._GATED = saved

    for text in ("15.2 (1999): 88-110", "2005;12(3):45-67", "vol. 30, no. 4, pp. 1–10", "Bd. 5, H. 3",
                 "Relações Internacionais (62): 33–49", "PLOS ONE, 16(4), e0249543", "The Times, A1.",
                 "2004:814-828", "64. Jg.", "23#1", "2019-05-04", "(May 2001)", "Дмитрий Буланин, 2014–2015.",
                 "vol. IV", "5 May", "256 с.", "12 ‐ 19", "1991−2014"):
        assert [(s.start, s.end, s.kind) for s in numbers.scan.__self__.fn(text)] == every_pattern(text), text


def test_plain_text_checks_before_costly_patterns_agree_with_the_patterns() -> None:
    for text in ("Smith, J. (eds.)", "Smith, J., Hrsg.", "Smith (ed. & trans.)", "Jones, A. a cura di",
                 "Иванов И. И. (ред.)", "Smith, J. (EDS.) ]", "Smith, J., Editor", "Smith, Fred"):
        if repair_names._TRAIL_CUE.search(text):  # (the check may let through what the pattern then rejects)
            assert repair_names._trail_cue_possible(text), text
    assert not repair_names._trail_cue_possible("Smith, John")
    assert repair_names._trail_cue_possible("Smith (eds.)")
    for text in ("The New York Times", "Le Monde diplomatique", "Journal of Times", "Financial Post",
                 "Nature", "Timesheet weekly"):
        assert is_newspaper(text) == bool(NEWSPAPER.search(text)), text
    for text in ("(Routledge, 2007); covers relations in detail.", "Title (2002), A standard history.",
                 "Title (2002) (Paris, 2004); good.", "Title (2002); (sic) good."):
        last = text.rfind(")")
        got = extras._PAREN_ANNOT.match(text, last + 1) if last > 0 else None
        want = extras._PAREN_ANNOT.search(text)
        assert (want and want.span()) == (got and got.span()), text


def test_a_ditto_mark_is_found_through_invisible_characters() -> None:
    assert fields.is_ditto("———. Another title. London, 2003.")
    assert fields.is_ditto("12. —\u200b—. Another title. London, 2003.")
    assert not fields.is_ditto("Smith, J. Title, pp. 12-34.")


def test_folded_replaces_twins_as_the_full_translation_does() -> None:
    from refs.parse import patterns

    pool = "aAsSΣσςſıİµKkΘϑ ,.-–“”Ééᲂ\u0345\u1fbeﬅ" + "".join(chr(c) for c in patterns._CASE_TWINS)
    rng = __import__("random").Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        want = text.translate(patterns._CASE_TWINS).lower().translate(patterns._CASE_TWINS)
        assert folded(text) == want, repr(text)


def test_odd_spaces_are_still_made_one_space() -> None:
    assert fields.normalize("Smith,\u2003J.  Title\t(2001)\n") == "Smith, J. Title (2001)"
    assert names.clean("Smith,\u2003J.\u200a and  Jones, K.") == "Smith, J. and Jones, K."
    assert repair_text._strip(" Routledge,\u3000 London. ") == "Routledge, London"
    assert repair_text._title("“A\u2028title  in\tparts.”") == "A title in parts"
