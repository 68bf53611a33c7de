"""Candidate verification: true matches pass, near-miss decoys never do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "servers"))

from crossref_server import work  # noqa: E402

from refs.enrich import crossref, match  # noqa: E402
from refs.model import Record, make_date  # noqa: E402


def rec(
    title: str, families: list[str], year: int | None, type: str = "article-journal", **csl: object
) -> Record:
    data = {"title": title, "author": [{"family": f, "given": "A."} for f in families], **csl}
    if year:
        data["issued"] = make_date(year)
    return Record("r", type, data)


def cand(*args: object, **kw: object) -> match.Candidate:
    return crossref.candidate(work(*args, **kw))  # type: ignore[arg-type]


def test_exact_match_is_confident() -> None:
    r = rec("The structure of scientific revolutions", ["Kuhn"], 1962, "book")
    c = cand(
        "10.5555/a", "The Structure of Scientific Revolutions", [("Thomas S.", "Kuhn")], 1962, type="book"
    )
    v = match.verify(r, c)
    assert v.accepted and v.confidence >= 0.95


@pytest.mark.parametrize(
    "rec_title,cand_title,cand_sub",
    [
        ("Deep learning for protein folding: a review of methods", "Deep Learning for Protein Folding", None),
        ("Deep learning for protein folding", "Deep learning for protein folding", "a review of methods"),
        ("Deep learning for protein folding", "Deep Learning for Protein Folding: A Review of Methods", None),
    ],
)
def test_subtitle_may_be_missing_on_either_side(
    rec_title: str, cand_title: str, cand_sub: str | None
) -> None:
    r = rec(rec_title, ["LeCun"], 2015)
    c = cand("10.5555/b", cand_title, [("Yann", "LeCun")], 2015, subtitle=cand_sub)
    assert match.verify(r, c).accepted


def test_short_and_stock_titles_need_more_than_title_and_name() -> None:
    c = cand(
        "10.5555/s",
        "Introduction",
        [("Ann", "Editor")],
        2001,
        container="Annual Review of Things",
        page="1-2",
    )
    assert not match.verify(rec("Introduction", ["Editor"], 2001), c).accepted
    assert not match.verify(
        rec("Introduction", ["Editor"], 2001, **{"container-title": "Annu. Rev. Things"}), c
    ).accepted
    assert match.verify(
        rec("Introduction", ["Editor"], 2001, **{"container-title": "Annu. Rev. Things"}, page="1-2"), c
    ).accepted
    # A recurring column a year apart is another instance.
    col = cand("10.5555/t", "Notes from the field", [("Ann", "Writer")], 2002, container="Some Magazine")
    assert not match.verify(
        rec("Notes from the field", ["Writer"], 2001, **{"container-title": "Some Magazine"}), col
    ).accepted


def test_same_first_author_with_other_coauthors_is_another_work() -> None:
    r = rec("Reminiscences on influential papers", ["Ross", "Shim", "Fernandez"], 2002)
    c = cand(
        "10.5555/u",
        "Reminiscences on influential papers",
        [("K", "Ross"), ("A", "Ailamaki"), ("A", "Aho")],
        2002,
    )
    v = match.verify(r, c)
    assert not v.accepted and "co-author" in v.reasons[0]


def test_parenthesised_notes_are_ignored() -> None:
    r = rec("Workflow automation: applications, technology, and research (tutorial)", ["Sheth"], 1995)
    c = cand(
        "10.5555/v", "Workflow automation: applications, technology and research", [("Amit", "Sheth")], 1995
    )
    assert match.verify(r, c).accepted


def test_accents_case_and_markup_are_folded() -> None:
    r = rec("Über die Elektrodynamik bewegter Körper", ["Einstein"], 1905)
    c = cand("10.5555/c", "<i>UBER DIE ELEKTRODYNAMIK BEWEGTER KORPER</i>", [("A.", "EINSTEIN")], 1905)
    assert match.verify(r, c).accepted
    r2 = rec("Statistical analysis of Müller cells", ["Müller"], 2001)
    c2 = cand("10.5555/c2", "Statistical Analysis of Muller Cells", [("Hans", "Muller")], 2001)
    assert match.verify(r2, c2).accepted


def test_year_within_one_only() -> None:
    r = rec("A long enough title about river ecology", ["Smith"], 2010)
    assert match.verify(
        r, cand("10.5555/d", "A long enough title about river ecology", [("J", "Smith")], 2011)
    ).accepted
    v = match.verify(r, cand("10.5555/e", "A long enough title about river ecology", [("J", "Smith")], 2012))
    assert not v.accepted and "year" in v.reasons[0]


DECOYS = [
    (
        rec(
            "Sleepers and workaholics: caching strategies in mobile environments",
            ["Barbara", "Imielinski"],
            1994,
            "document",
            **{"container-title": "SIGMOD Conference"},
        ),
        cand(
            "10.5555/ext",
            "Sleepers and workaholics: caching strategies in mobile environments (extended version)",
            [("Daniel", "Barbara"), ("Tomasz", "Imielinski")],
            1995,
            container="The VLDB Journal",
        ),
        "title",
    ),  # the journal's extended version of a conference paper
    (
        rec(
            "Estimating page fetches for index scans with finite LRU buffers",
            ["Swami", "Schiefer"],
            1994,
            "document",
            **{"container-title": "Proceedings of the SIGMOD Conference"},
        ),
        cand(
            "10.5555/jv",
            "Estimating page fetches for index scans with finite LRU buffers",
            [("Arun", "Swami"), ("K. Bernhard", "Schiefer")],
            1995,
            container="The VLDB Journal",
        ),
        "container",
    ),  # untyped record: the container tells the conference paper from the journal version
    # (record, decoy, expected reason fragment)
    (
        rec("The Selfish Gene", ["Dawkins"], 1976, "book"),
        cand("10.5555/r1", "The Selfish Gene", [("Peter", "Medawar")], 1977, container="Nature Reviews"),
        "type",
    ),  # a review of the book (a journal article)
    (
        rec("The Selfish Gene", ["Dawkins"], 1976, "review-book", **{"container-title": "Nature"}),
        cand("10.5555/r2", "The Selfish Gene", [("Richard", "Dawkins")], 1976, type="book"),
        "type",
    ),  # the book is not its review
    (
        rec("Handbook of Graph Drawing", ["Tamassia"], 2013, "book"),
        cand(
            "10.5555/r3",
            "Handbook of Graph Drawing",
            [("Roberto", "Tamassia")],
            2013,
            type="book-chapter",
            container="Handbook of Graph Drawing",
        ),
        "type",
    ),  # a chapter is not its book
    (
        rec("Climate change and fisheries", ["Brander"], 2010),
        cand("10.5555/r4", "Climate change and fisheries", [("Keith", "Brander")], 2010, type="book"),
        "type",
    ),  # the article is not a book of the same title
    (
        rec(
            "Fast algorithms for sorting on GPUs",
            ["Satish"],
            2009,
            **{"container-title": "Journal of Parallel Computing"},
        ),
        cand(
            "10.5555/r5",
            "Fast algorithms for sorting on GPUs",
            [("Nadathur", "Satish")],
            2009,
            type="proceedings-article",
            container="Proceedings of IPDPS",
        ),
        "type",
    ),  # conference version of a journal paper
    (
        rec("Neural correlates of attention in primates", ["Moore"], 2003),
        cand(
            "10.5555/pp",
            "Neural correlates of attention in primates",
            [("Tirin", "Moore")],
            2003,
            type="posted-content",
        ),
        "type",
    ),  # the preprint of a journal article
    (
        rec("Neural correlates of attention in primates", ["Moore"], 2003),
        cand(
            "10.5555/r6", "Correction: Neural correlates of attention in primates", [("Tirin", "Moore")], 2003
        ),
        "correction",
    ),
    (
        rec("Neural correlates of attention in primates", ["Moore"], 2003),
        cand("10.5555/r7", "Neural correlates of attention in primates", [("Jane", "Fischer")], 2003),
        "first author",
    ),
    (
        rec("Economic growth in the long run, part II", ["Barro"], 1999),
        cand("10.5555/r8", "Economic growth in the long run, part III", [("Robert", "Barro")], 1999),
        "numbers",
    ),
    (
        rec("Economic growth in the long run", ["Barro"], 1999),
        cand("10.5555/r9", "Economic growth in the long run", [("Robert", "Barro")], 2005),
        "year",
    ),
    (
        rec(
            "Economic growth in the long run",
            ["Barro"],
            1999,
            **{"container-title": "Journal of Monetary Economics"},
        ),
        cand(
            "10.5555/r10",
            "Economic growth in the long run",
            [("Robert", "Barro")],
            1999,
            container="The Economic Journal",
        ),
        "container",
    ),
    (
        rec("Economic growth in the long run", ["Barro"], 1999, volume="12"),
        cand("10.5555/r11", "Economic growth in the long run", [("Robert", "Barro")], 1999, volume="43"),
        "volume",
    ),
    (
        rec("Economic growth in the long run", ["Barro"], 1999),
        cand("10.5555/r12", "Economic growth in the short run", [("Robert", "Barro")], 1999),
        "title",
    ),
    (
        rec("Economic growth in the long run", ["Barro"], 1999),
        cand(
            "10.5555/r13", "Economic growth in the long run", [("Robert", "Barro")], 1999, type="peer-review"
        ),
        "type",
    ),
    (
        rec("Sleep and memory: a synthesis", ["Walker"], 2009),
        cand(
            "10.5555/r14", "Sleep and memory", [("Matthew", "Walker")], 2009, subtitle="an unresolved debate"
        ),
        "title",
    ),  # both have subtitles, they differ
]


@pytest.mark.parametrize("record,decoy,why", DECOYS)
def test_decoys_are_rejected(record: Record, decoy: match.Candidate, why: str) -> None:
    v = match.verify(record, decoy)
    assert not v.accepted
    assert why in " ".join(v.reasons).lower()


def test_anonymous_candidate_needs_container_and_place() -> None:
    r = rec("The selfish gene revisited in modern biology", ["Dawkins"], 1976, "document")
    review = cand(
        "10.5555/anon",
        "The selfish gene revisited in modern biology",
        [],
        1976,
        container="Quarterly Review of Biology",
    )
    v = match.verify(r, review)
    assert not v.accepted and "no names" in v.reasons[0]
    r2 = rec(
        "The selfish gene revisited in modern biology",
        ["Dawkins"],
        1976,
        **{"container-title": "Q. Rev. Biol.", "volume": "51", "page": "3-5"},
    )
    placed = cand(
        "10.5555/anon2",
        "The selfish gene revisited in modern biology",
        [],
        1976,
        container="Quarterly Review of Biology",
        volume="51",
        page="3-5",
    )
    assert match.verify(r2, placed).accepted


def test_choose_rejects_ambiguous_results() -> None:
    r = rec("Learning representations by back-propagating errors", ["Rumelhart"], 1986)
    a = cand("10.5555/x1", "Learning representations by back-propagating errors", [("D", "Rumelhart")], 1986)
    b = cand("10.5555/x2", "Learning representations by back-propagating errors", [("D", "Rumelhart")], 1986)
    choice = match.choose(r, [a, b])
    assert not choice.accepted and choice.reason == "ambiguous"


def test_choose_picks_the_true_record_among_decoys() -> None:
    r = rec(
        "Learning representations by back-propagating errors",
        ["Rumelhart"],
        1986,
        **{"container-title": "Nature"},
    )
    true = cand(
        "10.1038/323533a0",
        "Learning representations by back-propagating errors",
        [("David E.", "Rumelhart"), ("Geoffrey E.", "Hinton")],
        1986,
        container="Nature",
        volume="323",
        page="533-536",
    )
    decoys = [
        cand("10.5555/d1", "Learning representations by back-propagating errors", [("X", "Reviewer")], 1987),
        cand(
            "10.5555/d2",
            "Learning internal representations by error propagation",
            [("D", "Rumelhart")],
            1986,
            type="book-chapter",
            container="Parallel Distributed Processing",
        ),
    ]
    choice = match.choose(r, decoys + [true])
    assert choice.accepted and choice.best is not None and choice.best.ident == "10.1038/323533a0"
    assert len(choice.rejected) == 2


def test_container_abbreviations() -> None:
    assert match.container_match("Phys. Rev. B", "Physical Review B")
    assert match.container_match("J. Am. Chem. Soc.", "Journal of the American Chemical Society")
    assert match.container_match("PNAS", "Proceedings of the National Academy of Sciences")
    assert not match.container_match("Nature", "Nature Physics")
    assert not match.container_match("Journal of Monetary Economics", "The Economic Journal")


def test_family_names() -> None:
    assert match.family_match({"family": "García Márquez"}, {"family": "Garcia Marquez"})
    assert match.family_match(
        {"family": "Berg", "non-dropping-particle": "van den"}, {"family": "van den Berg"}
    )
    assert match.family_match({"family": "Tchaikovsky"}, {"family": "Tchaikovskiy"})
    assert not match.family_match({"family": "Smith"}, {"family": "Smyth"})
    assert not match.family_match({"family": "Lee"}, {"family": "Li"})
