"""Name lists compared as sets of names (refs.dedup.names) and container titles
normalised through ISO 4 word abbreviations and known aliases (refs.dedup.venue)."""

from __future__ import annotations

from typing import Any

from refs.dedup import dedup
from refs.dedup.names import name_sets, nameset_overlap
from refs.dedup.venue import known_venue, venue_key
from refs.model import Record


def _overlap(a: list[dict[str, str]], b: list[dict[str, str]]) -> float | None:
    return nameset_overlap(*name_sets(a), *name_sets(b))


def test_swapped_family_and_given_still_match() -> None:
    garbled = [{"family": "S.E", "given": "Fahlman,"}]
    clean = [{"family": "Fahlman", "given": "S.E."}]
    assert name_sets(garbled)[0] == ("fahlman",)
    assert _overlap(garbled, clean) == 1.0


def test_a_whole_list_in_one_given_field() -> None:
    garbled = [{"family": "R", "given": "Mitchell, T., Utgoff, P., & Banerji,"}]
    clean = [
        {"family": "Mitchell", "given": "T. M."},
        {"family": "Utgoff", "given": "P. E."},
        {"family": "Banerji", "given": "R. B."},
    ]
    assert _overlap(garbled, clean) == 1.0


def test_order_truncation_and_et_al() -> None:
    full = [
        {"family": "Ullman", "given": "J."},
        {"family": "Widom", "given": "J."},
        {"family": "Aho", "given": "A."},
    ]
    short = [{"family": "Widom", "given": "Jennifer"}, {"literal": "et al."}]
    assert _overlap(short, full) == 1.0
    assert _overlap([{"family": "Smith", "given": "John"}], [{"family": "Jones", "given": "John"}]) == 0.0
    assert _overlap([], full) is None


def test_misspelled_name_in_a_set() -> None:
    assert _overlap([{"family": "Kowalsky", "given": "J."}], [{"family": "Kowalski", "given": "Jan"}]) == 1.0


def _rec(rid: str, names: list[dict[str, str]], **csl: Any) -> Record:
    data = {"author": names, "issued": {"date-parts": [[csl.pop("year", 1988)]]}}
    data.update({k.replace("_", "-"): v for k, v in csl.items()})
    return Record(id=rid, type=csl.pop("type", "report"), csl=data)


def test_garbled_parse_merges_with_its_clean_twin() -> None:
    title = "An empirical study of learning speed in back-propagation networks"
    a = _rec("a", [{"family": "S.E", "given": "Fahlman,"}], title=title)
    b = _rec("b", [{"family": "Fahlman", "given": "Scott E."}], title=title)
    _, report = dedup([a, b])
    assert report.summary["groups"] == [["a", "b"]] or report.summary["groups"] == [["b", "a"]]


def test_iso4_abbreviations_give_one_key() -> None:
    assert venue_key("Journal of Applied Physics") == venue_key("J. Appl. Phys.")
    assert venue_key("ACM Transactions on Database Systems (TODS)") == venue_key("ACM Trans. Database Syst.")
    assert venue_key("Machine Learning") != venue_key("Machine Intelligence")


def test_known_aliases() -> None:
    assert known_venue("SIGMOD Record") == known_venue("ACM SIGMOD Record") == "sigmod record"
    vldbj = "The VLDB Journal &mdash; The International Journal on Very Large Data Bases"
    assert known_venue("VLDB J.") == known_venue(vldbj) == "vldb journal"
    assert known_venue("Proc. 22nd Int. Conf. on Very Large Data Bases (VLDB '96)") == "vldb"
    assert known_venue("SIGMOD Conference") == known_venue("International Conference on Management of Data")
    assert known_venue("Journal of Applied Physics") == ""


def _paper(rid: str, venue: str, rtype: str = "paper-conference", **extra: Any) -> Record:
    csl = {
        "title": "Application servers and associated technologies",
        "author": [{"family": "Mohan", "given": "C."}],
        "issued": {"date-parts": [[2002]]},
        "container-title": venue,
    }
    csl.update(extra)
    return Record(id=rid, type=rtype, csl=csl)


def test_same_paper_in_two_known_venues_is_two_publications() -> None:
    _, report = dedup([_paper("vldb", "VLDB"), _paper("sigmod", "SIGMOD Conference")])
    assert report.summary["groups"] == []
    near = [i for i in report.items if i["action"] == "not-merged"]
    assert near and "different venues" in near[0]["why"]


def test_same_paper_under_two_names_of_one_venue_merges() -> None:
    _, report = dedup(
        [_paper("a", "SIGMOD Conference"), _paper("b", "International Conference on Management of Data")]
    )
    assert len(report.summary["groups"]) == 1


def test_other_evidence_joins_two_venues() -> None:
    doi = "10.1145/000000.000001"
    _, report = dedup([_paper("a", "VLDB", DOI=doi), _paper("b", "SIGMOD Conference", DOI=doi)])
    assert len(report.summary["groups"]) == 1
