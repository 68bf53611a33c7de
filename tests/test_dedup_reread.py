"""A parse's misreading shown by its twin: fields read again from a record's own citation
text (refs.dedup.reread). Records are built as the parser misread them, so these tests do
not depend on what today's model does with the strings."""

from __future__ import annotations

from typing import Any

from refs.dedup import dedup
from refs.dedup.keys import features
from refs.dedup.reread import reread_pair
from refs.model import Origin, Record, make_date

AUTHORS = [{"family": "Okafor", "given": "N."}, {"family": "Lindqvist", "given": "E."}]


def _rec(rid: str, text: str | None, **csl: Any) -> Record:
    year, kind = csl.pop("year", 2018), csl.pop("type", "book")
    fields = {"author": csl.pop("author", AUTHORS), "issued": make_date(year), **csl}
    origin = Origin("text", "list.txt", 1, text) if text else Origin("csl-json", "lib.json", 1)
    return Record(id=rid, type=kind, csl=fields, origin=origin)


def _clean_book() -> Record:
    return _rec("clean", "Okafor, N., & Lindqvist, E. (2018). River deltas in decline. Delta Press.",
                title="River deltas in decline", publisher="Delta Press")


def _merged(*records: Record) -> list[list[str]]:
    _, report = dedup(list(records))
    return [sorted(i["ids"]) for i in report.items if i.get("action") == "merged"]


def test_a_title_read_as_the_publisher_is_read_again() -> None:
    # IEEE: "…, River Deltas in Decline. Oslo: Delta Press, 2018." with the title taken for a publisher
    bad = _rec("ieee", "N. Okafor and E. Lindqvist, River Deltas in Decline. Oslo: Delta Press, 2018.",
               publisher="River Deltas in Decline", **{"publisher-place": "Oslo"})
    clean = _clean_book()
    again = reread_pair(clean, bad, features(clean, 0), features(bad, 1))
    assert again is not None
    assert again.b.title == "river deltas in decline" and again.b.publisher == "delta press"
    assert any("title read again" in n for n in again.notes)
    assert _merged(clean, bad) == [["clean", "ieee"]]


def test_a_title_cut_short_is_read_again_and_the_report_says_so() -> None:
    bad = _rec("cut", "Okafor, Nnamdi. River Deltas in Decline. Oslo: Delta Press, 2018.",
               title="Decline", publisher="Delta Press")
    out, report = dedup([_clean_book(), bad])
    assert len(out) == 1
    item = next(i for i in report.items if i.get("action") == "merged")
    assert any("read again from its citation text" in r for r in item["reasons"]["cut"])


def test_a_journal_read_inside_the_title_is_dropped_for_the_twins() -> None:
    title = "Sediment transport in braided rivers aged 40 to 60 years"
    apa = _rec("apa", f"Okafor, N., & Lindqvist, E. (2018). {title}. Hydrology Letters, 12(3), 101–109.",
               type="article-journal", title=title, **{"container-title": "Hydrology Letters"},
               volume="12", issue="3", page="101-109")
    vanc = _rec("vanc", f"Okafor N, Lindqvist E. {title}. Hydrology Letters. 2018;12(3):101-9.",
                type="article-journal", title="Sediment transport in braided rivers",
                **{"container-title": "aged"}, volume="12", issue="3", page="101-109")
    again = reread_pair(apa, vanc, features(apa, 0), features(vanc, 1))
    assert again is not None and again.b.container == "Hydrology Letters"
    assert _merged(apa, vanc) == [["apa", "vanc"]]


def test_a_longer_title_of_its_own_is_never_replaced() -> None:
    # "… part 2" contains the other's title, but its own title is not inside that occurrence
    part2 = _rec("p2", "Okafor, N., & Lindqvist, E. (2018). River deltas in decline, part 2. Delta Press.",
                 title="River deltas in decline, part 2", publisher="Delta Press")
    assert reread_pair(_clean_book(), part2, features(_clean_book(), 0), features(part2, 1)) is None


def test_a_title_found_only_inside_a_longer_phrase_is_not_a_field() -> None:
    # the other book's title is the start of this one's, which the parse lost: not a whole field
    other = _rec("other", "Okafor, N., & Lindqvist, E. (2018). River deltas in decline and recovery in Asia.",
                 publisher="River deltas in decline and recovery in Asia")
    assert reread_pair(_clean_book(), other, features(_clean_book(), 0), features(other, 1)) is None
    assert _merged(_clean_book(), other) == []


def test_only_when_authors_and_year_agree() -> None:
    bad = _rec("ieee", "N. Okafor and E. Lindqvist, River Deltas in Decline. Oslo: Delta Press, 2019.",
               year=2019, publisher="River Deltas in Decline")
    clean = _clean_book()
    assert reread_pair(clean, bad, features(clean, 0), features(bad, 1)) is None
    stranger = _rec("s", "P. Moreau, River Deltas in Decline. Oslo: Delta Press, 2018.",
                    author=[{"family": "Moreau", "given": "P."}], publisher="River Deltas in Decline")
    assert reread_pair(clean, stranger, features(clean, 0), features(stranger, 1)) is None


def test_records_not_read_from_text_are_compared_as_they_are() -> None:
    a = _rec("a", None, title="River deltas in decline", publisher="Delta Press")
    b = _rec("b", None, publisher="River Deltas in Decline")
    assert reread_pair(a, b, features(a, 0), features(b, 1)) is None


def test_a_report_number_found_in_the_text_is_taken() -> None:
    report = {"type": "report", "title": "Delta subsidence survey", "genre": "Open-File Report",
              "publisher": "Survey Office"}
    a = _rec("a", "Okafor, N. (2018). Delta subsidence survey (Open-File Report 2018-1042). Survey Office.",
             number="2018-1042", **report)
    b = _rec("b", "Okafor N. Delta subsidence survey. Survey Office; 2018. Open-File Report 2018-1042.",
             **report)
    again = reread_pair(a, b, features(a, 0), features(b, 1))
    assert again is not None and again.b.number == "2018 1042"
    other = _rec("c", "Okafor, N. (2018). Delta subsidence survey (Open-File Report 2018-1077). "
                      "Survey Office.", number="2018-1077", **report)
    again = reread_pair(other, b, features(other, 0), features(b, 1))
    assert again is not None and again.b.number == "2018 1042"  # read after "Open-File Report"
    assert _merged(a, b, other) == [["a", "b"]]
