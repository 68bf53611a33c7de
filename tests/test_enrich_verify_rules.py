"""Verification rules added from the enrich evaluation: each one rejects a kind of
near miss that used to be accepted, and keeps the true work acceptable."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "servers"))

from crossref_server import work  # noqa: E402

from refs.enrich import crossref, match  # noqa: E402
from refs.model import Record, make_date  # noqa: E402


def rec(title: str, families: list[str], year: int | None, type: str = "article-journal",
        **csl: object) -> Record:
    data = {"title": title, "author": [{"family": f, "given": "A."} for f in families], **csl}
    if year:
        data["issued"] = make_date(year)
    return Record("r", type, data)


def cand(*args: object, **kw: object) -> match.Candidate:
    return crossref.candidate(work(*args, **kw))  # type: ignore[arg-type]


TITLE = "Phonological awareness training in kindergarten"


def test_an_erratum_under_the_articles_own_title_is_rejected() -> None:
    """Publishers deposit errata under the article's title; Crossmark's update-to says
    what they are."""
    r = rec(TITLE, ["Holm", "Jansen"], 2005, **{"container-title": "Read. Writ."})
    notice = cand("10.5555/err", TITLE, [("Karin", "Holm"), ("Peter", "Jansen")], 2005,
                  container="Reading and Writing",
                  **{"update-to": [{"DOI": "10.5555/orig", "type": "erratum", "label": "Erratum"}]})
    v = match.verify(r, notice)
    assert not v.accepted and "erratum notice" in v.reasons[0]
    # An update pointing at itself (a retracted article marked so) or a new edition is a work.
    for update in ({"DOI": "10.5555/self", "type": "retraction"},
                   {"DOI": "10.5555/x", "type": "new_edition"}):
        itself = cand("10.5555/self", TITLE, [("Karin", "Holm"), ("Peter", "Jansen")], 2005,
                      container="Reading and Writing", **{"update-to": [update]})
        assert match.verify(r, itself).accepted


def test_a_reply_titled_after_the_article_is_rejected() -> None:
    r = rec("Why do people share fake news?", ["Moreno", "O'Connell"], 2020)
    people = [("Alicia", "Moreno"), ("James", "O'Connell")]
    reply = cand("10.5555/reply", "Why do people share fake news?", people, 2021,
                 subtitle="A reply to our critics")
    v = match.verify(r, reply)
    assert not v.accepted and "correction/reply/review" in v.reasons[0]
    for subtitle in ("A review of methods", "Responses to drought in semi-arid grasslands",
                     "Comments welcome"):
        other = cand("10.5555/ok", "Why do people share fake news?",
                     [("Alicia", "Moreno"), ("James", "O'Connell")], 2020, subtitle=subtitle)
        assert match.verify(r, other).accepted, subtitle


def test_a_book_without_year_is_not_pinned_to_an_edition() -> None:
    r = rec("Empires of the Steppe", ["Petrovsky"], None, "book")
    later = cand("10.5555/ed2", "Empires of the Steppe", [("Nikolai", "Petrovsky")], 2001, type="book",
                 ISBN=["9780415999999"])
    v = match.verify(r, later)
    assert not v.accepted and "edition" in v.reasons[0]
    # The ISBN places it.
    assert match.verify(rec("Empires of the Steppe", ["Petrovsky"], None, "book", ISBN="978-0-415-99999-9"),
                        later).accepted


def test_an_undated_article_needs_its_container_volume_or_pages() -> None:
    other_year = cand("10.5555/y", "Thermal tolerance of tropical ectotherms", [("Luis", "Navarro")], 2010,
                      container="Journal of Thermal Biology", volume="39", page="33-47")
    bare = rec("Thermal tolerance of tropical ectotherms", ["Navarro"], None)
    assert not match.verify(bare, other_year).accepted
    assert not match.verify(rec("Thermal tolerance of tropical ectotherms", ["Navarro"], None,
                                volume="43", **{"container-title": "J. Therm. Biol."}), other_year).accepted
    assert match.verify(rec("Thermal tolerance of tropical ectotherms", ["Navarro"], None,
                            **{"container-title": "J. Therm. Biol."}), other_year).accepted


def test_a_book_titled_introduction_to_is_not_a_stock_title() -> None:
    r = rec("Introduction to Algorithms", ["Cormac"], 2009, "book")
    book = cand("10.5555/clrs", "Introduction to Algorithms", [("Thomas", "Cormac")], 2009, type="book")
    assert match.verify(r, book).accepted
    chapter = rec("Introduction", ["Cormac"], 2009, "chapter")
    intro = cand("10.5555/intro", "Introduction", [("Thomas", "Cormac")], 2009, type="book-chapter",
                 container="Algorithms")
    assert not match.verify(chapter, intro).accepted


def test_a_preprint_gives_way_to_the_work_it_is_a_preprint_of() -> None:
    r = rec("Energy storage cost projections for utility-scale batteries", ["Cole", "Frazier"], 2021,
            "report")
    people = [("Wesley", "Cole"), ("Allister", "Frazier")]
    report = cand("10.5555/rep", r.csl["title"], people, 2021, type="report")
    preprint = cand("10.5555/pre", r.csl["title"], people, 2021, type="posted-content",
                    relation={"is-preprint-of": [{"id-type": "doi", "id": "10.5555/rep",
                                                  "asserted-by": "subject"}]})
    choice = match.choose(r, [preprint, report])
    assert choice.accepted and choice.best is not None and choice.best.ident == "10.5555/rep"
    # Unrelated preprint + report of the same title: still ambiguous.
    stray = cand("10.5555/pre2", r.csl["title"], people, 2021, type="posted-content")
    assert not match.choose(r, [stray, report]).accepted
    # Alone, the preprint is a version of the report: compatible, as before.
    assert match.choose(r, [preprint]).accepted


def test_an_erratum_citing_the_article_in_its_title_is_rejected() -> None:
    """"Title (vol 106, pg 1848, 2009)" is the erratum's title in some indexes."""
    r = rec("Ocean acidification impairs olfactory discrimination in reef fish", ["Munday", "Dixson"], None,
            **{"container-title": "PNAS", "issue": "6"})
    erratum = cand("10.5555/vpg", f"{r.csl['title']} (vol 106, pg 1848, 2009)",
                   [("Philip", "Munday"), ("Danielle", "Dixson")], 2010, container="PNAS", volume="107")
    v = match.verify(r, erratum)
    assert not v.accepted and "correction/reply/review" in v.reasons[0]
    # A parenthesised note without a citation is still ignored.
    noted = cand("10.5555/ok", f"{r.csl['title']} (extended abstract)", [("Philip", "Munday"),
                                                                          ("Danielle", "Dixson")],
                 2009, container="PNAS")
    assert match.verify(r, noted).accepted


def test_a_work_related_as_review_comment_or_supplement_is_rejected() -> None:
    people = [("Ragini", "Verma"), ("Ruben", "Gur")]
    r = rec("Sex differences in the human connectome", ["Verma", "Gur"], 2014,
            **{"container-title": "Proc. Natl. Acad. Sci. U.S.A."})
    for kind in ("is-supplement-to", "is-review-of", "is-comment-on", "is-reply-to"):
        related = cand("10.5555/rel", r.csl["title"], people, 2014,
                       container="Proceedings of the National Academy of Sciences",
                       relation={kind: [{"id-type": "doi", "id": "10.5555/orig", "asserted-by": "subject"}]})
        v = match.verify(r, related)
        assert not v.accepted and "Crossref relation" in v.reasons[0], kind
    # The article itself, which *has* a supplement, is fine.
    itself = cand("10.5555/orig", r.csl["title"], people, 2014,
                  container="Proceedings of the National Academy of Sciences",
                  relation={"is-supplemented-by": [{"id-type": "doi", "id": "10.5555/rel"}]})
    assert match.verify(r, itself).accepted


def test_an_untyped_record_is_judged_by_its_shape() -> None:
    """A record of unknown type in a container is an article or a chapter: not the
    same-titled preprint, book or dataset. One with a publisher and no container stands
    alone: not a chapter of the same title."""
    people = [("Julia", "Hart"), ("Ben", "Clarke")]
    title = "Corporate tax avoidance and firm value"
    in_journal = rec(title, ["Hart", "Clarke"], 2015, "document", **{"container-title": "J. Account. Res."})
    for kind in ("posted-content", "book", "dataset", "report"):
        other = cand("10.5555/o", title, people, 2015, type=kind)
        v = match.verify(in_journal, other)
        assert not v.accepted and "has no container" in v.reasons[0], kind
    article = cand("10.5555/a", title, people, 2015, container="Journal of Accounting Research")
    assert match.verify(in_journal, article).accepted
    standalone = rec(title, ["Hart", "Clarke"], 2015, "document", publisher="Policy Press")
    chapter = cand("10.5555/c", title, people, 2015, type="book-chapter", container="Tax and Firms")
    assert not match.verify(standalone, chapter).accepted
    assert match.verify(standalone, cand("10.5555/b", title, people, 2015, type="book")).accepted
    # Nothing to go by: any type, as before.
    assert match.verify(rec(title, ["Hart", "Clarke"], 2015, "document"), chapter).accepted
