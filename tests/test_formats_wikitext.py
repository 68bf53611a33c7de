"""Wikipedia citation templates: template per type, CS1 parameter names, dates, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refs.io import csljson, wikitext
from refs.model import CSL_TYPES, Record

DATA = Path(__file__).parent / "data" / "formats"


def params(text: str) -> dict[str, str]:
    """Parameters of one template (values are escaped, so a plain split on | is safe)."""
    assert text.startswith("{{") and text.endswith("}}")
    bits = text[2:-2].split("|")
    return dict(b.strip().split("=", 1) for b in bits[1:])


def cite(rtype: str, **csl: object) -> str:
    return wikitext.cite(Record(id="k", type=rtype, csl=dict(csl)))


def test_golden_file() -> None:
    library, _ = csljson.loads((DATA / "zotero-export.json").read_text("utf-8"))
    assert wikitext.dumps(library) == (DATA / "zotero-export.wiki").read_text("utf-8")


@pytest.mark.parametrize(("rtype", "template"), [
    ("article-journal", "cite journal"), ("book", "cite book"), ("chapter", "cite book"),
    ("thesis", "cite thesis"), ("report", "cite report"), ("webpage", "cite web"),
    ("paper-conference", "cite conference"), ("article-newspaper", "cite news"),
    ("article-magazine", "cite magazine"), ("entry-encyclopedia", "cite encyclopedia"),
    ("post-weblog", "cite web"), ("speech", "cite speech"), ("motion_picture", "cite AV media"),
])
def test_template_per_type(rtype: str, template: str) -> None:
    assert cite(rtype, title="T").startswith("{{" + template + " |")


def test_generic_types_follow_their_fields() -> None:
    assert cite("document", title="T", URL="http://x").startswith("{{cite web ")
    assert cite("article", title="T", **{"container-title": "J", "volume": "2"}).startswith("{{cite journal ")
    assert cite("manuscript", title="T", publisher="P").startswith("{{cite book ")


def test_journal_article_parameters() -> None:
    text = cite("article-journal", title="Building a New NATO", **{
        "author": [{"family": "Asmus", "given": "Ronald D."}, {"family": "Kugler", "given": "Richard L."}],
        "container-title": "Foreign Affairs", "volume": "72", "issue": "4", "page": "28-40",
        "issued": {"date-parts": [[1993, 9]]}, "DOI": "10.2307/20045712", "ISSN": "0015-7120 2327-7793",
        "PMID": "123", "PMCID": "PMC456", "language": "en"})
    p = params(text)
    assert p == {"last1": "Asmus", "first1": "Ronald D.", "last2": "Kugler", "first2": "Richard L.",
                 "date": "September 1993", "title": "Building a New NATO", "journal": "Foreign Affairs",
                 "volume": "72", "issue": "4", "pages": "28-40", "language": "en",
                 "doi": "10.2307/20045712", "issn": "0015-7120", "pmid": "123", "pmc": "456"}


def test_chapter_editors_translators_and_corporate_names() -> None:
    p = params(cite("chapter", title="Ch", **{
        "author": [{"literal": "RAND Corporation"}, {"family": "Beethoven", "given": "Ludwig",
                                                     "dropping-particle": "van"}],
        "editor": [{"family": "Berg", "non-dropping-particle": "van der", "given": "Jan"},
                   {"literal": "NATO Defense College"}],
        "translator": [{"family": "Smith", "given": "A.", "suffix": "Jr."}],
        "container-title": "The Book", "page": "7", "edition": "3", "ISBN": "978-1-23 978-4-56"}))
    assert p["author1"] == "RAND Corporation" and "last1" not in p
    assert (p["last2"], p["first2"]) == ("Beethoven", "Ludwig van")
    assert (p["chapter"], p["title"]) == ("Ch", "The Book")
    assert (p["editor-last1"], p["editor-first1"], p["editor2"]) == ("van der Berg", "Jan",
                                                                     "NATO Defense College")
    assert (p["translator-last1"], p["translator-first1"]) == ("Smith", "A., Jr.")
    assert p["page"] == "7" and p["edition"] == "3rd" and p["isbn"] == "978-1-23"


def test_chapter_without_its_book_is_still_titled() -> None:
    assert cite("chapter", title="Alone") == "{{cite book |title=Alone}}"


def test_thesis_report_conference_web() -> None:
    thesis = params(cite("thesis", title="T", genre="PhD", publisher="MIT"))
    assert thesis["degree"] == "PhD" and thesis["publisher"] == "MIT"
    assert params(cite("thesis", title="T", genre="Master's thesis"))["type"] == "Master's thesis"
    report = params(cite("report", title="T", number="RR-1", genre="Technical report", publisher="RAND",
                         **{"publisher-place": "Santa Monica"}))
    assert (report["number"], report["type"], report["location"]) == ("RR-1", "Technical report",
                                                                        "Santa Monica")
    conf = params(cite("paper-conference", title="P", **{
        "container-title": "Proc. X", "event-title": "X 2001", "event-place": "Oslo",
        "publisher-place": "Berlin"}))
    assert (conf["book-title"], conf["conference"], conf["location"], conf["publication-place"]) == (
        "Proc. X", "X 2001", "Oslo", "Berlin")
    web = params(cite("webpage", title="W", URL="http://a.org/x y|z", **{"container-title": "Site"}))
    assert web["website"] == "Site" and web["url"] == "http://a.org/x%20y%7Cz"


def test_access_and_archive_data() -> None:
    rec = Record(id="k", type="webpage", csl={
        "title": "W", "URL": "http://a.org", "accessed": {"date-parts": [[2024, 3, 5]]},
        "custom": {"archive-url": "https://web.archive.org/web/20200101000000/http://a.org",
                   "archive-date": "20200101000000", "url-status": "dead"}})
    p = params(wikitext.cite(rec))
    assert p["access-date"] == "2024-03-05"
    assert p["archive-url"].startswith("https://web.archive.org/web/2020")
    assert p["archive-date"] == "2020-01-01" and p["url-status"] == "dead"
    # a doi.org link only repeats |doi=, unless an archive copy needs |url=
    journal = params(cite("article-journal", title="T", DOI="10.1/x", URL="https://doi.org/10.1/x",
                          accessed={"date-parts": [[2024, 1, 1]]}))
    assert "url" not in journal and "access-date" not in journal  # CS1: access-date needs |url=
    # only an archive copy: the original URL is taken from the Wayback address
    only = params(wikitext.cite(Record(id="k", type="webpage", csl={"title": "W", "custom": {
        "archive-url": "https://web.archive.org/web/2019id_/http://old.org/p", "url-status": "dead"}})))
    assert only["url"] == "http://old.org/p" and only["archive-url"].endswith("/http://old.org/p")


@pytest.mark.parametrize(("date", "text"), [
    ({"date-parts": [[2002]]}, "2002"),
    ({"date-parts": [[2002, 5]]}, "May 2002"),
    ({"date-parts": [[2002, 5, 1]]}, "2002-05-01"),
    ({"date-parts": [[2001], [2003]]}, "2001–2003"),
    ({"date-parts": [[2001, 5], [2001, 7]]}, "May–July 2001"),
    ({"date-parts": [[2001, 5, 3], [2001, 5, 9]]}, "3–9 May 2001"),
    ({"date-parts": [[2001, 12, 30], [2002, 1, 2]]}, "30 December 2001 – 2 January 2002"),
    ({"date-parts": [[2002]], "season": 1}, "Spring 2002"),
    ({"date-parts": [[1900]], "circa": True}, "c. 1900"),
    ({"literal": "n.d."}, "n.d."),
    ({"raw": "Easter 1916"}, "Easter 1916"),
])
def test_dates(date: dict[str, object], text: str) -> None:
    assert wikitext.format_date(date) == text


@pytest.mark.parametrize(("value", "escaped"), [
    ("A | B", "A &#124; B"),
    ("{{cite}} and }}", "&#123;&#123;cite&#125;&#125; and &#125;&#125;"),
    ("[[Link]] [x]", "&#91;&#91;Link&#93;&#93; &#91;x&#93;"),
    ("a <ref>b</ref> <!-- c -->", "a &lt;ref&gt;b&lt;/ref&gt; &lt;!-- c --&gt;"),
    ("Rock 'n' roll", "Rock 'n' roll"),
    ("''not italic''", "&#39;'not italic&#39;'"),
    ("sign ~~~~", "sign &#126;&#126;&#126;&#126;"),
    ("AT&T &amp; more", "AT&T &amp;amp; more"),
    ("line\nbreak  and\ttab", "line break and tab"),
    ("The <i>Titanic</i>'s <b>end</b>, H<sub>2</sub>O", "The ''Titanic''&#39;s '''end''', H<sub>2</sub>O"),
    ('<span class="nocase">iPhone</span>', "iPhone"),
])
def test_escaping(value: str, escaped: str) -> None:
    assert wikitext.escape(value) == escaped


def test_escaped_values_cannot_break_the_template() -> None:
    evil = "x}} {{delete me| |title=forged [[Category:Spam]] <ref>"
    text = cite("book", title=evil, publisher=evil, author=[{"family": evil, "given": evil}])
    assert text.count("{{") == 1 and text.count("}}") == 1 and text.endswith("}}")
    assert "[[" not in text and "<ref>" not in text
    assert set(params(text)) == {"last1", "first1", "title", "publisher"}


def test_every_parameter_is_a_cs1_parameter() -> None:
    library, _ = csljson.loads((DATA / "zotero-export.json").read_text("utf-8"))
    records = list(library) + [Record(id=t, type=t, csl={
        "title": "T", "author": [{"family": "A", "given": "B"}], "editor": [{"literal": "E"}],
        "translator": [{"family": "T"}], "container-title": "C", "collection-title": "S",
        "volume": "1", "issue": "2", "number": "3", "page": "4-5", "edition": "2", "genre": "G",
        "publisher": "P", "publisher-place": "L", "event-title": "E", "event-place": "EP",
        "issued": {"date-parts": [[2000]]}, "original-date": {"date-parts": [[1900]]},
        "accessed": {"date-parts": [[2020, 1, 1]]}, "DOI": "10.1/x", "ISBN": "1", "ISSN": "2",
        "PMID": "3", "PMCID": "4", "URL": "http://u", "language": "de",
        "custom": {"archive-url": "http://a", "archive-date": "2020-01-01", "url-status": "live"}})
        for t in CSL_TYPES]
    for rec in records:
        for name in params(wikitext.cite(rec)):
            generic = re.sub(r"\d+", "#", name)
            assert generic in wikitext.CS1_PARAMETERS, (rec.type, name)


def test_ref_tags_and_empty_library() -> None:
    rec = Record(id='odd "key"/1', type="book", csl={"title": "T"})
    assert wikitext.dumps([rec], ref=True) == '<ref name="odd_key_1">{{cite book |title=T}}</ref>\n'
    assert wikitext.dumps([]) == ""
