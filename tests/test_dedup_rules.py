"""What counts as the same work, and what does not: one test per rule of refs.dedup."""

from __future__ import annotations

from typing import Any

from refs.dedup import dedup
from refs.model import Record


def rec(
    rid: str, rtype: str, authors: list[tuple[str, str]] | None = None, year: int | None = None, **csl: Any
) -> Record:
    data: dict[str, Any] = {k.replace("_", "-"): v for k, v in csl.items()}
    if authors:
        data["author"] = [{"family": f, "given": g} for f, g in authors]
    if year:
        data["issued"] = {"date-parts": [[year]]}
    return Record(id=rid, type=rtype, csl=data)


def groups(*records: Record) -> list[list[str]]:
    _, report = dedup(list(records))
    return [sorted(g) for g in report.summary["groups"]]


def near_misses(*records: Record) -> list[dict[str, Any]]:
    _, report = dedup(list(records))
    return [i for i in report.items if i["action"] == "not-merged"]


# -- the seed's own pairs --------------------------------------------------------------


def test_nato_asmus_misspelled_author_subtitle_and_pinpoint() -> None:
    a = rec("azmus2002", "book", [("Azmus", "Ronald D.")], 2002, title="Opening NATO's Door", page="210")
    b = rec(
        "asmus2002",
        "book",
        [("Asmus", "Ronald")],
        2002,
        title="Opening NATO's Door: How the Alliance Remade Itself for a New Era",
    )
    assert groups(a, b) == [["asmus2002", "azmus2002"]]


def test_nato_talbott_subtitle_case() -> None:
    a = rec(
        "t1",
        "book",
        [("Talbott", "Strobe")],
        2002,
        title="The Russia Hand: A Memoir of Presidential Diplomacy",
        page="246",
    )
    b = rec(
        "t2",
        "book",
        [("Talbott", "Strobe")],
        2002,
        title="The Russia Hand: A memoir of Presidential Diplomacy",
    )
    assert groups(a, b) == [["t1", "t2"]]


def test_tsygankov_two_articles_in_one_issue_are_not_merged() -> None:
    common = dict(container_title="Communist and Post-Communist Studies", volume="51", issue="2")
    a = rec(
        "ts1",
        "article-journal",
        [("Tsygankov", "Andrei P.")],
        2018,
        title="The sources of Russia's fear of NATO",
        page="101-111",
        **common,
    )
    b = rec(
        "ts2",
        "article-journal",
        [("Tsygankov", "Andrei P.")],
        2018,
        title="NATO, Russia, and regional security in Europe and Eurasia. Introduction to the issue",
        page="89-90",
        **common,
    )
    assert groups(a, b) == []


def test_same_title_same_issue_but_different_pages_is_a_near_miss() -> None:
    common = dict(container_title="Journal of Cold War Studies", volume="12", issue="1")
    a = rec("x1", "article-journal", [("Kramer", "Mark")], 2010, title="Introduction", page="1-5", **common)
    b = rec("x2", "article-journal", [("Kramer", "Mark")], 2010, title="Introduction", page="90-95", **common)
    assert groups(a, b) == []
    assert any("different pages" in n["why"] for n in near_misses(a, b))


# -- same work -------------------------------------------------------------------------


def test_different_styles_initials_and_abbreviated_journal() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Asmus", "Ronald D."), ("Kugler", "Richard L."), ("Larrabee", "F. Stephen")],
        1993,
        title="Building a new NATO",
        container_title="Foreign Affairs",
        page="28-40",
    )
    b = rec(
        "b",
        "article-journal",
        [("Asmus", "R. D."), ("Kugler", "R. L."), ("Larrabee", "F. S.")],
        1993,
        title="Building a New NATO.",
        container_title="Foreign Aff.",
        volume="72",
        issue="4",
    )
    assert groups(a, b) == [["a", "b"]]


def test_pinpoint_page_inside_article_range() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Asmus", "Ronald D.")],
        2008,
        title="Europe's eastern promise: Rethinking NATO and EU enlargement",
        container_title="Foreign Affairs",
        page="95-106",
    )
    b = rec(
        "b",
        "article-journal",
        [("Asmus", "R.")],
        2008,
        title="Europe's Eastern Promise: Rethinking NATO and EU Enlargement",
        container_title="Foreign Aff.",
        page="99",
    )
    assert groups(a, b) == [["a", "b"]]


def test_same_doi_merges_even_with_messy_titles() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Mearsheimer", "John J.")],
        2014,
        title="Why the Ukraine crisis is the West's fault",
        DOI="10.2307/24483306",
    )
    b = rec(
        "b",
        "article-journal",
        [("Mearsheimer", "J.")],
        2014,
        title="Why the Ukraine Crisis Is the West's Fault: The Liberal Delusions That Provoked Putin",
        DOI="https://doi.org/10.2307/24483306",
    )
    assert groups(a, b) == [["a", "b"]]


def test_authors_in_another_order() -> None:
    a = rec(
        "a",
        "paper-conference",
        [("Cui", "Yingwei"), ("Widom", "Jennifer")],
        2001,
        title="Lineage tracing for general data warehouse transformations",
        container_title="VLDB",
    )
    b = rec(
        "b",
        "paper-conference",
        [("Widom", "J."), ("Cui", "Y.")],
        2001,
        title="Lineage Tracing for General Data Warehouse Transformations",
        container_title="Very Large Data Bases",
    )
    assert groups(a, b) == [["a", "b"]]


def test_three_variants_form_one_group_kept_first() -> None:
    a = rec("a", "book", [("Sarotte", "M. E.")], 2021, title="Not One Inch")
    b = rec(
        "b",
        "book",
        [("Sarotte", "Mary Elise")],
        2021,
        title="Not One Inch: America, Russia, and the Making of Post-Cold War Stalemate",
        publisher="Yale University Press",
        ISBN="978-0-300-25993-3",
    )
    c = rec(
        "c",
        "book",
        [("Sarotte", "Mary E.")],
        2021,
        title="Not one inch : America, Russia, and the making of post-Cold War stalemate",
    )
    _, report = dedup([a, b, c])
    assert report.summary["groups"] == [["b", "a", "c"]]
    assert report.summary["key_map"] == {"a": "b", "c": "b"}


# -- not the same work -------------------------------------------------------------------


def test_new_edition_in_another_year_is_not_merged() -> None:
    a = rec("a", "book", [("Kissinger", "Henry")], 1994, title="Diplomacy", publisher="Simon & Schuster")
    b = rec("b", "book", [("Kissinger", "Henry")], 2014, title="Diplomacy", publisher="Simon & Schuster")
    assert groups(a, b) == []
    c = rec("c", "book", [("Smith", "Adam")], 2002, title="International relations theory", edition="2")
    d = rec("d", "book", [("Smith", "Adam")], 2002, title="International Relations Theory", edition="3rd ed.")
    assert groups(c, d) == []


def test_book_one_year_apart_without_more_evidence_is_a_near_miss() -> None:
    a = rec("a", "book", [("Gaddis", "John Lewis")], 1997, title="We Now Know: Rethinking Cold War History")
    b = rec("b", "book", [("Gaddis", "John Lewis")], 1998, title="We Now Know: Rethinking Cold War History")
    assert groups(a, b) == []
    assert "years differ" in near_misses(a, b)[0]["why"]


def test_review_of_a_book_is_not_the_book() -> None:
    book = rec(
        "book", "book", [("Sakwa", "Richard")], 2015, title="Frontline Ukraine: Crisis in the Borderlands"
    )
    review = rec(
        "rev",
        "article-journal",
        [("Sakwa", "Richard")],
        2015,
        title="Review of Frontline Ukraine: Crisis in the Borderlands",
        container_title="Survival",
    )
    review2 = rec(
        "rev2",
        "review-book",
        [("Sakwa", "Richard")],
        2015,
        title="Frontline Ukraine: Crisis in the Borderlands",
        container_title="Survival",
    )
    # the two reviews are one review written in two shapes; the book stays apart
    assert groups(book, review, review2) == [["rev", "rev2"]]
    assert groups(book, review) == []


def test_chapter_is_not_its_book() -> None:
    book = rec(
        "book",
        "book",
        [("Smith", "Martin A.")],
        2006,
        title="Russia and NATO since 1991",
        publisher="Routledge",
    )
    chapter = rec(
        "ch",
        "chapter",
        [("Smith", "Martin A.")],
        2006,
        title="Russia and NATO since 1991",
        container_title="Russia and NATO since 1991",
        page="1-20",
    )
    assert groups(book, chapter) == []


def test_different_numbers_of_a_report_series() -> None:
    a = rec(
        "a",
        "report",
        [("Congressional Research Service", "")],
        2019,
        title="NATO: Key Issues for the 116th Congress",
        number="R45652",
    )
    b = rec(
        "b",
        "report",
        [("Congressional Research Service", "")],
        2019,
        title="NATO: Key Issues for the 116th Congress",
        number="R46066",
    )
    assert groups(a, b) == []


def test_preprint_is_not_the_published_article_unless_linked() -> None:
    pre = rec(
        "pre",
        "article",
        [("Kofman", "Michael")],
        2019,
        title="Russian hybrid warfare and other dark arts",
        publisher="SSRN",
    )
    pub = rec(
        "pub",
        "article-journal",
        [("Kofman", "Michael")],
        2019,
        title="Russian hybrid warfare and other dark arts",
        container_title="War on the Rocks",
    )
    assert groups(pre, pub) == []
    pre.csl["DOI"] = "10.1000/shared"
    pub.csl["DOI"] = "10.1000/shared"
    assert groups(pre, pub) == [["pre", "pub"]]


def test_conference_paper_and_journal_version_are_kept_apart() -> None:
    conf = rec(
        "c",
        "paper-conference",
        [("Gibson", "David"), ("Kleinberg", "Jon")],
        1998,
        title="Clustering categorical data: an approach based on dynamical systems",
        container_title="VLDB",
    )
    jour = rec(
        "j",
        "article-journal",
        [("Gibson", "David"), ("Kleinberg", "Jon")],
        2000,
        title="Clustering categorical data: an approach based on dynamical systems",
        container_title="VLDB J.",
    )
    jour_same_year = rec(
        "j2",
        "article-journal",
        [("Gibson", "David"), ("Kleinberg", "Jon")],
        1998,
        title="Clustering Categorical Data: An Approach Based on Dynamical Systems",
        container_title="The VLDB Journal",
    )
    assert groups(conf, jour, jour_same_year) == []


def test_different_parts_of_a_series_of_articles() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Lo", "Bobo")],
        2003,
        title="The long sunset of strategic partnership, part 1",
        container_title="International Affairs",
    )
    b = rec(
        "b",
        "article-journal",
        [("Lo", "Bobo")],
        2003,
        title="The long sunset of strategic partnership, part 2",
        container_title="International Affairs",
    )
    assert groups(a, b) == []
    assert "differ in a number" in near_misses(a, b)[0]["why"]


def test_same_title_different_authors_is_not_merged() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Walt", "Stephen M.")],
        1998,
        title="International relations: one world, many theories",
        container_title="Foreign Policy",
    )
    b = rec(
        "b",
        "article-journal",
        [("Snyder", "Jack")],
        1998,
        title="International relations: one world, many theories",
        container_title="Foreign Policy",
    )
    assert groups(a, b) == []


def test_different_first_author_initials_are_different_people() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Smith", "J.")],
        2001,
        title="Alliance politics after enlargement",
        container_title="Survival",
        page="5-20",
    )
    b = rec(
        "b",
        "article-journal",
        [("Smith", "K.")],
        2001,
        title="Alliance politics after enlargement",
        container_title="Survival",
    )
    assert groups(a, b) == []


def test_two_authors_with_one_family_name_in_another_order_are_no_clash() -> None:
    # "L. Chang, E. Chang" and "E. Chang, L. Chang": the first authors' initials differ,
    # but each is in the other list
    common = dict(title="Perception-based image retrieval", container_title="SIGMOD Conference")
    a = rec("a", "paper-conference", [("Chang", "Lihyuarn L."), ("Chang", "Edward Y."), ("Cheng", "Tim")],
            2001, **common)
    b = rec("b", "paper-conference", [("Chang", "Edward"), ("Cheng", "Kwang-Ting"), ("Chang", "Lihyuarn L.")],
            2001, **common)
    assert groups(a, b) == [["a", "b"]]
    # with only one Chang on each side, the initials still make them two people
    c = rec("c", "paper-conference", [("Chang", "Edward"), ("Cheng", "Tim")], 2001, **common)
    d = rec("d", "paper-conference", [("Chang", "Lihyuarn L."), ("Cheng", "Tim")], 2001, **common)
    assert groups(c, d) == []


def test_a_short_form_of_a_given_name_is_not_another_person() -> None:
    common = dict(title="Informix Online XPS", container_title="SIGMOD Conference")
    a = rec("a", "paper-conference", [("Gerber", "Robert H.")], 1995, **common)
    b = rec("b", "paper-conference", [("Gerber", "Bob")], 1995, **common)
    assert groups(a, b) == [["a", "b"]]
    c = rec("c", "paper-conference", [("Gerber", "Karl")], 1995, **common)
    assert groups(a, c) == []


def test_erratum_is_not_the_article() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Papazoglou", "M.")],
        1997,
        title="A database model for object dynamics",
        container_title="VLDB J.",
    )
    b = rec(
        "b",
        "article-journal",
        [("Papazoglou", "M.")],
        1997,
        title="Erratum: A database model for object dynamics",
        container_title="VLDB J.",
    )
    assert groups(a, b) == []


def test_same_title_in_two_different_journals() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Brodley", "C.")],
        1994,
        title="Goal-directed classification using linear machine decision trees",
        container_title="Machine Learning",
    )
    b = rec(
        "b",
        "article-journal",
        [("Brodley", "C.")],
        1994,
        title="Goal-directed classification using linear machine decision trees",
        container_title="IEEE Transactions on Pattern Analysis and Machine Intelligence",
    )
    assert groups(a, b) == []


def test_no_all_pairs_comparison() -> None:
    records = [
        rec(
            f"r{i}",
            "article-journal",
            [(f"Author{i % 50}", "A.")],
            1990 + i % 30,
            title=f"Study number {i} of topic {i * 7 % 101}",
        )
        for i in range(2000)
    ]
    _, report = dedup(records)
    assert report.summary["candidate_pairs"] < 2000 * 50  # all pairs would be 1,999,000
    assert report.summary["groups"] == []


def test_a_shared_doi_on_unrelated_records_is_a_near_miss() -> None:
    a = rec(
        "a",
        "article-journal",
        [("Kroenig", "Matthew")],
        2015,
        title="Facing reality: getting NATO ready for a new Cold War",
        DOI="10.1080/00396338.2015.1008295",
    )
    b = rec(
        "b",
        "article-journal",
        [("Shifrinson", "Joshua R.")],
        2016,
        title="Deal or no deal? The end of the Cold War and the U.S. offer to limit NATO expansion",
        DOI="10.1080/00396338.2015.1008295",
    )
    assert groups(a, b) == []
    assert "share a DOI" in near_misses(a, b)[0]["why"]


def test_no_chain_through_a_record_that_lists_only_the_column_editor() -> None:
    # one column, two instalments with other contributors; a catalogue lists the editor
    # alone: it matches both, but the two instalments' authors differ, so no group of three
    common = dict(title="Reminiscences on influential papers", container_title="SIGMOD Record")
    editor = rec("editor", "article-journal", [("Ross", "Kenneth A.")], 2002, volume="31", **common)
    one = rec("one", "article-journal", [("Ross", "K. A."), ("Ailamaki", "A."), ("Aho", "A. V.")], 2002,
              volume="31", **common)
    two = rec("two", "article-journal", [("Ross", "K. A."), ("Johnson", "T."), ("Snodgrass", "R. T.")], 2002,
              **common)
    found = groups(editor, one, two)
    assert len(found) == 1 and len(found[0]) == 2 and "editor" in found[0]
    _, report = dedup([editor, one, two])
    refused = [i["why"] for i in report.items if i["action"] == "not-merged"]
    assert any("their groups disagree: the authors differ" in w for w in refused)


def test_a_later_edition_named_on_one_side_in_another_year_is_not_merged() -> None:
    common = dict(title="Eichmann in Jerusalem: A Report on the Banality of Evil", publisher="Viking Press")
    first = rec("first", "book", [("Arendt", "Hannah")], 1963, **common)
    revised = rec("revised", "book", [("Arendt", "Hannah")], 1964, edition="Revised and enlarged", **common)
    assert groups(first, revised) == []
    assert any("later edition" in m["why"] for m in near_misses(first, revised))
    # the same edition statement in the same year is one book
    again = rec("again", "book", [("Arendt", "H.")], 1964, edition="Revised and enlarged", **common)
    assert groups(revised, again) == [["again", "revised"]]


def test_a_book_in_another_year_needs_its_publisher() -> None:
    a = rec("a", "book", [("Kissinger", "Henry")], 1994, title="Diplomacy")
    b = rec("b", "book", [("Kissinger", "Henry")], 1995, title="Diplomacy")
    assert groups(a, b) == []
    assert any("no publisher confirms" in m["why"] for m in near_misses(a, b))
    c = rec("c", "book", [("Kissinger", "Henry")], 1994, title="Diplomacy", publisher="Simon & Schuster")
    d = rec("d", "book", [("Kissinger", "H.")], 1995, title="Diplomacy", publisher="Simon and Schuster")
    assert groups(c, d) == [["c", "d"]]


def test_a_generic_title_merges_on_authors_venue_and_year_only_when_unambiguous() -> None:
    def ed(rid: str, venue: str, authors: list[tuple[str, str]], year: int = 2002) -> Record:
        return rec(rid, "article-journal", authors, year, title="Guest editorial", container_title=venue)

    halevy = [("Halevy", "Alon Y.")]
    a, b = ed("a", "VLDB J.", halevy), ed("b", "The VLDB Journal", halevy)
    assert groups(a, b) == [["a", "b"]]
    _, report = dedup([a, b])
    item = next(i for i in report.items if i["action"] == "merged")
    assert "generic title, unique in its venue and year" in item["reasons"]["b"]
    assert item["evidence"]["b"]["score"] >= item["evidence"]["b"]["threshold"]
    # another year, or other authors: no
    assert groups(a, ed("c", "The VLDB Journal", halevy, 2003)) == []
    assert groups(a, ed("d", "The VLDB Journal", [("Bernstein", "P.")])) == []
    # three of them in one venue and year: which two are one item cannot be told
    c = ed("e", "VLDB J.", halevy)
    assert groups(a, b, c) == []
    assert any("other records by these authors" in m["why"] for m in near_misses(a, b, c))


def test_a_word_no_other_title_has_is_no_blocking_key() -> None:
    from refs.dedup.keys import candidate_pairs, features, iter_pairs

    # the long title's rarest words are a date glued on; the words both titles share
    # must still give them a key
    a = rec("a", "article-journal", None, 2002,
            title="Report on the NSF workshop on building an infrastructure for mobile and wireless systems")
    b = rec("b", "article-journal", None, 2002,
            title="On building an infrastructure for mobile and wireless systems: report on the NSF workshop"
                  " on an infrastructure for mobile and wireless systems, Oct. 15, 2001")
    others = [rec(f"o{k}", "article-journal", None, 2002, title=f"Mobile {w} systems, wireless {w} networks")
              for k, w in enumerate(["sensor", "ad hoc", "mesh", "vehicular", "satellite", "cellular"])]
    feats = [features(r, i) for i, r in enumerate([a, b, *others])]
    codes, _ = candidate_pairs(feats)
    assert (0, 1) in set(iter_pairs(codes, len(feats)))


def test_a_genre_label_or_note_is_not_part_of_the_title() -> None:
    from refs.dedup.keys import core_title

    assert core_title("Tutorial: Data Access") == core_title("Data access (tutorial session)")
    assert core_title("Tutorial: Data Access") == "data access"
    assert core_title("Information Warfare and Security - Book Review") == "information warfare and security"
    assert core_title("Environment Information Systems - Guest Editor's Foreword") == (
        "environment information systems")
    assert core_title("Online query processing: a tutorial") == "online query processing"
    assert core_title("Panel") == "panel"  # a title that is only a label stays
    authors = [("Blakeley", "José A."), ("Deshpande", "Anand")]
    a = rec("a", "paper-conference", authors, 2000, title="Tutorial: Data Access", container_title="SIGMOD")
    b = rec("b", "paper-conference", list(reversed(authors)), 2000, title="Data access (tutorial session)",
            container_title="International Conference on Management of Data")
    assert groups(a, b) == [["a", "b"]]
    # a note with a typo elsewhere in the title: similar apart from the note
    c = rec("c", "paper-conference", authors, 1995, container_title="SIGMOD",
            title="Design and implementation of advanced knowledge processing in the KDMS KRISYS"
                  " (Demonstration Description)")
    d = rec("d", "paper-conference", authors, 1995, container_title="SIGMOD",
            title="Design and implementation of advanced knowledge processing in the KBMS KRISYS")
    assert groups(c, d) == [["c", "d"]]
    # the label does not hide another title
    e = rec("e", "paper-conference", authors, 2000, title="Tutorial: Query optimization",
            container_title="SIGMOD")
    assert groups(a, e) == []


def test_a_record_matching_two_different_works_equally_well_joins_neither() -> None:
    from refs.dedup.cluster import Edge, group_pairs
    from refs.dedup.keys import features

    common = dict(title="Reminiscences on influential papers", container_title="SIGMOD Record")
    editor = rec("editor", "article-journal", [("Ross", "Kenneth A.")], 2000, **common)
    one = rec("one", "article-journal", [("Ross", "K. A."), ("Ailamaki", "A."), ("Aho", "A. V.")], 2000,
              **common)
    two = rec("two", "article-journal", [("Ross", "K. A."), ("Johnson", "T."), ("Snodgrass", "R. T.")], 2000,
              **common)
    feats = [features(r, i) for i, r in enumerate([editor, one, two])]
    tied, refused = group_pairs(3, [Edge(0, 1, 5.0), Edge(0, 2, 5.0)], feats)
    assert tied == [] and len(refused) == 2
    assert all("equally well" in r.why for r in refused)
    # a stronger match to one of them is not a tie
    assert group_pairs(3, [Edge(0, 1, 6.0), Edge(0, 2, 5.0)], feats)[0] == [[0, 1]]
    assert groups(editor, one, two) == []


def test_a_short_title_of_one_author_in_one_venue_in_several_years_is_a_column() -> None:
    from refs.dedup import recurring_titles
    from refs.dedup.keys import features

    def column(rid: str, year: int, title: str = "Industry perspectives") -> Record:
        return rec(rid, "article-journal", [("Seligman", "Len")], year, title=title,
                   container_title="SIGMOD Record")

    feats = [features(r, i) for i, r in enumerate([column("a", 2001), column("b", 2002), column("c", 2002)])]
    assert recurring_titles(feats) == {"industry perspectives"}
    # two instalments of one year are not merged on title, author, venue and year alone
    assert groups(column("a", 2001), column("b", 2002), column("c", 2002)) == []
    # one year only, or a long title: not a column
    assert recurring_titles([features(column("d", 2002), 0), features(column("e", 2002), 1)]) == set()
    long_title = "Industry perspectives on data integration and warehousing"
    feats = [features(column(f"f{y}", y, title=long_title), i) for i, y in enumerate((2001, 2002))]
    assert recurring_titles(feats) == set()


def test_a_column_instalment_merges_on_its_list_of_contributors() -> None:
    common = dict(title="Reminiscences on influential papers", container_title="SIGMOD Record")
    contributors = [("Ross", "Kenneth A."), ("Johnson", "Theodore"), ("Snodgrass", "Richard T.")]
    a = rec("a", "article-journal", contributors, 2002, **common)
    b = rec("b", "article-journal", contributors[::-1], 2002, title=common["title"],
            container_title="ACM SIGMOD Record")
    # the column recurs (2000, 2001, 2003 by the same editor)
    others = [rec(f"o{y}", "article-journal", [("Ross", "K. A."), (f"Other{y}", "X.")], y, **common)
              for y in (2000, 2001, 2003)]
    assert groups(a, b, *others) == [["a", "b"]]
    # the editor alone does not identify an instalment
    c = rec("c", "article-journal", [("Ross", "Kenneth A.")], 2002, **common)
    d = rec("d", "article-journal", [("Ross", "K. A.")], 2002, **common)
    assert groups(c, d, *others) == []


def test_one_part_of_a_work_is_not_the_work() -> None:
    """"Title" and "Title, Part 2" by the same authors in one year: a part of a work next
    to the whole (or to a part whose number is not given) is not merged but reported;
    the part's number given in the other record's volume joins them again."""
    whole = rec("whole", "book", [("Braudel", "Fernand")], 1949,
                title="The Mediterranean and the Mediterranean World", publisher="Colin")
    part = rec("part", "book", [("Braudel", "Fernand")], 1949,
               title="The Mediterranean and the Mediterranean World, Part II", publisher="Colin")
    assert groups(whole, part) == []
    assert "one is part 2" in near_misses(whole, part)[0]["why"]
    second = rec("vol", "book", [("Braudel", "F.")], 1949,
                 title="The Mediterranean and the Mediterranean World. Vol. 2", publisher="Colin")
    assert groups(whole, second) == []
    with_volume = rec("v2", "book", [("Braudel", "Fernand")], 1949,
                      title="The Mediterranean and the Mediterranean World", volume="2", publisher="Colin")
    assert groups(with_volume, part) == [["part", "v2"]]
    # a part word without a number, or a number that names no part, changes nothing here
    assert groups(whole, rec("b", "book", [("Braudel", "Fernand")], 1949,
                             title="The Mediterranean and the Mediterranean World (book)", publisher="Colin"))
