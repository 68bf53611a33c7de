"""Rules found by comparing refs with citeproc-js on BibTeX records nobody tuned for
(``python bench/bench_render.py --only heldout``). Every expected string below is what
citeproc-js (npm ``citeproc``) printed for the same records, style and locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.render import render, render_entries
from refs.render.initials import initialize


def _a(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


def _style(tmp_path: Path, names: str, sas: bool = True, sort: str = "") -> str:
    """A small bibliography style: the given cs:names (or sort keys), then the title."""
    attr = ' subsequent-author-substitute="---"' if sas else ""
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id>x</id><title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info>
<macro name="d"><date variable="issued"><date-part name="year"/></date></macro>
<macro name="src2"><group delimiter=", "><text variable="container-title"/><choose><if variable="volume">
<text variable="volume"/></if><else><date variable="issued"><date-part name="year"/></date></else></choose>
</group></macro>
<citation><layout><text variable="title"/></layout></citation>
<bibliography{attr}>{sort}<layout suffix="."><group delimiter=". ">{names}<text variable="title"/>
</group></layout></bibliography></style>"""
    path = tmp_path / "s.csl"
    path.write_text(xml, encoding="utf-8")
    return str(path)


def test_a_term_that_opens_an_entry_is_capitalised() -> None:
    item = {"id": "nd", "type": "book", "publisher": "Pub"}
    assert render([item], "apa").strip() == "(N.d.). Pub."
    assert render([item], "harvard-cite-them-right").strip() == "(No date). Pub."
    # after the title it stays lower case
    titled = {**item, "title": "Untitled"}
    assert render([titled], "apa").strip() == "Untitled. (n.d.). Pub."
    assert render([titled], "harvard-cite-them-right").strip() == "Untitled (no date). Pub."


def test_space_after_a_suffix_before_a_delimiter_stays() -> None:
    item = {
        "id": "ser",
        "type": "chapter",
        "author": [_a("Hyman", "Arthur")],
        "title": "Aristotle's theory",
        "container-title": "Studies in Aristotle",
        "collection-title": "Studies in Philosophy",
        "collection-number": "9",
        "publisher": "CUA Press",
        "publisher-place": "Washington",
        "issued": {"date-parts": [[1981]]},
        "page": "161-191",
    }
    assert render([item], "ieee").strip() == (
        "[1] A. Hyman, “Aristotle’s theory,” in Studies in Aristotle, in Studies in Philosophy, no. 9. , "
        "Washington: CUA Press, 1981, pp. 161–191."
    )


def test_title_case_single_letters_before_a_hyphen() -> None:
    items = [
        {
            "id": "t1",
            "type": "book",
            "title": "x-ray crystallography for all",
            "author": [_a("Aa", "Al")],
            "issued": {"date-parts": [[2000]]},
        },
        {
            "id": "t2",
            "type": "book",
            "title": "Self-help and the e-mail age",
            "author": [_a("Ab", "Al")],
            "issued": {"date-parts": [[2000]]},
        },
    ]
    assert render(items, "chicago-author-date").splitlines() == [
        "Aa, Al. 2000. X-Ray Crystallography for All.",
        "Ab, Al. 2000. Self-Help and the e-Mail Age.",  # only before the first separator
    ]


def test_literal_date_renders_where_the_year_does() -> None:
    item = {
        "id": "lit",
        "type": "article-journal",
        "title": "A study",
        "container-title": "J",
        "author": [_a("Ac", "Al")],
        "issued": {"literal": "in press"},
    }
    assert render([item], "chicago-author-date").strip() == "Ac, Al. in press. “A Study.” J."


def test_page_ranges_that_do_not_rise_are_kept_and_plurals_follow_citeproc_js() -> None:
    same = {
        "id": "pg",
        "type": "article-journal",
        "title": "Same page",
        "container-title": "J",
        "volume": "11",
        "page": "321-321",
        "author": [_a("Ad", "Al")],
        "issued": {"date-parts": [[2011]]},
    }
    assert render([same], "chicago-author-date").strip() == "Ad, Al. 2011. “Same Page.” J 11: 321–321."
    odd = {
        "id": "p",
        "type": "article-journal",
        "title": "Fields",
        "container-title": "J",
        "page": "106-154.2",
        "author": [_a("Hubel", "David")],
        "issued": {"date-parts": [[1962]]},
    }
    assert render([odd], "mla").strip() == "Hubel, David. “Fields.” J, 1962, pp. 106-154.2."


def test_initials_follow_citeproc_js() -> None:
    item = {
        "id": "ini",
        "type": "book",
        "title": "Names",
        "issued": {"date-parts": [[2014]]},
        "author": [_a("Tayarani-N", "Mohammad-H."), _a("Pagel", "B.-U.")],
    }
    assert (
        render([item], "chicago-author-date").strip()
        == "Tayarani-N, Mohammad-H., and B. U. Pagel. 2014. Names."
    )
    cy = {
        "id": "cy",
        "type": "book",
        "title": "Aging",
        "author": [_a("Erickson", "Cynthia. A.")],
        "issued": {"date-parts": [[2003]]},
    }
    assert render([cy], "apa").strip() == "Erickson, Cynthia. A. (2003). Aging."
    assert initialize("John Ronald", ". ", False) == "J. R."
    assert initialize("Jean-Paul", ". ", False) == "J.-P."
    assert initialize("Min-jun", ". ", False) == "M."
    assert initialize("Stephen J.", ". ", True) == "Stephen J."


def test_names_without_latin_letters() -> None:
    item = {
        "id": "g",
        "type": "article-journal",
        "title": "Odd names",
        "container-title": "J",
        "author": [{"family": "山田", "given": "太郎"}, {"family": "#", "given": "Bedny"}],
        "issued": {"date-parts": [[2008]]},
    }
    # CJK: family and given together; a family with no letter: family, space, given
    assert render([item], "mla").strip() == "山田太郎, and # Bedny. “Odd Names.” J, 2008."


def test_names_added_to_tell_citations_apart_show_in_the_bibliography() -> None:
    items = [
        {
            "id": "m1",
            "type": "book",
            "title": "One",
            "issued": {"date-parts": [[2006]]},
            "author": [_a("Acar", "Umut"), _a("Blelloch", "Guy"), _a("Blume", "M.")],
        },
        {
            "id": "m2",
            "type": "book",
            "title": "Two",
            "issued": {"date-parts": [[2008]]},
            "author": [_a("Acar", "Umut"), _a("Ley", "Ruy"), _a("Tangwongsan", "K.")],
        },
    ]
    assert render(items, "mla").splitlines() == [
        "Acar, Umut, Guy Blelloch, et al. One. 2006.",
        "Acar, Umut, Ruy Ley, et al. Two. 2008.",
    ]


def test_sort_order_follows_citeproc_js_collation() -> None:
    items = [
        {
            "id": "heath",
            "type": "book",
            "title": "B",
            "author": [_a("Heath", "Ann")],
            "issued": {"date-parts": [[2001]]},
        },
        {
            "id": "he",
            "type": "book",
            "title": "A",
            "author": [_a("He", "Zhu")],
            "issued": {"date-parts": [[2001]]},
        },
        {
            "id": "k86",
            "type": "book",
            "title": "T",
            "author": [_a("Knuth", "Donald")],
            "issued": {"date-parts": [[1986]]},
        },
        {
            "id": "k8486",
            "type": "book",
            "title": "T",
            "author": [_a("Knuth", "Donald")],
            "issued": {"date-parts": [[1984], [1986]]},
        },
        {
            "id": "k84",
            "type": "book",
            "title": "T",
            "author": [_a("Knuth", "Donald")],
            "issued": {"date-parts": [[1984]]},
        },
        {
            "id": "v10",
            "type": "book",
            "title": "Volume 10",
            "author": [_a("Zed", "A")],
            "issued": {"date-parts": [[2000]]},
        },
        {
            "id": "v9",
            "type": "book",
            "title": "Volume 9",
            "author": [_a("Zed", "A")],
            "issued": {"date-parts": [[2000]]},
        },
    ]
    # a word break sorts before letters (He before Heath), a single date before a
    # range starting the same year, numbers inside text numerically
    assert [e.id for e in render_entries(items, "apa")] == [
        "he",
        "heath",
        "k84",
        "k8486",
        "k86",
        "v9",
        "v10",
    ]


def test_a_macro_sort_key_with_a_date_sorts_by_its_dates_alone(tmp_path: Path) -> None:
    items = [
        {
            "id": "vol",
            "type": "article-journal",
            "title": "T",
            "container-title": "J",
            "volume": "41",
            "issued": {"date-parts": [[1986, 7]]},
        },
        {
            "id": "novol",
            "type": "article-journal",
            "title": "T",
            "container-title": "J",
            "issued": {"date-parts": [[1986]]},
        },
        {
            "id": "vol2",
            "type": "article-journal",
            "title": "T",
            "container-title": "A",
            "volume": "41",
            "issued": {"date-parts": [[1986, 7]]},
        },
        {
            "id": "novol2",
            "type": "article-journal",
            "title": "T",
            "container-title": "Z",
            "issued": {"date-parts": [[1985]]},
        },
    ]
    style = _style(tmp_path, "", sas=False, sort='<sort><key macro="src2"/></sort>')
    # dates first by date; entries whose key has no date after them, in input order
    assert [e.id for e in render_entries(items, style)] == ["novol2", "novol", "vol", "vol2"]


def test_month_day_dates_and_labels_in_sort_keys() -> None:
    aamport = [_a("Aamport", "Leslie A.")]
    base = {
        "type": "article-journal",
        "author": aamport,
        "title": "The Gnats",
        "container-title": "G-Animal's Journal",
    }
    items = [
        {
            **base,
            "id": "full",
            "volume": "41",
            "issue": "7",
            "page": "73+",
            "issued": {"date-parts": [[1986, 7]]},
        },
        {**base, "id": "minimal", "issued": {"date-parts": [[1986]]}},
        {**base, "id": "whole", "volume": "41", "issue": "7", "issued": {"date-parts": [[1986, 7]]}},
    ]
    # a month-day date of a year-only date adds nothing to Chicago's source key
    assert [e.id for e in render_entries(items, "chicago-author-date")] == ["minimal", "whole", "full"]
    people = [_a("Baez", "John C."), _a("Lauda", "Aaron D.")]
    two = [
        {
            "id": "online",
            "type": "webpage",
            "author": people,
            "title": "Higher-Dimensional Algebra",
            "version": "3",
            "issued": {"date-parts": [[2004, 10, 27]]},
        },
        {
            "id": "article",
            "type": "article-journal",
            "author": people,
            "title": "Higher-Dimensional Algebra",
            "container-title": "Theory and Applications of Categories",
            "volume": "12",
            "issued": {"date-parts": [[2004]]},
        },
    ]
    # "Version 3" (a cs:label and its number) sorts under V, after "Theory"
    assert [e.id for e in render_entries(two, "mla")] == ["article", "online"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # a cs:names with its own cs:name earlier in cs:substitute: what follows it is
        # neither dashed nor remembered as the previous names
        (
            '<names variable="author"><name/><label prefix=", "/><substitute>'
            '<names variable="guest"><name/></names>'
            '<names variable="editor"/></substitute></names>',
            [
                "Dilip Gaonkar. Alt.",
                "Dilip Gaonkar, editor. Blt.",
                "---. Clt.",
                "O Other, editor. Dlt.",
                "---. Elt.",
            ],
        ),
        # a label before the names goes with them
        (
            '<names variable="editor author"><label suffix=" "/><name/></names>',
            [
                "Dilip Gaonkar. Alt.",
                "---. Blt.",
                "---. Clt.",
                "editor O Other. Dlt.",
                "Dilip Gaonkar. Elt.",
            ],
        ),
    ],
)
def test_subsequent_author_substitute_rules(tmp_path: Path, names: str, expected: list[str]) -> None:
    x = [_a("Gaonkar", "Dilip")]
    items = [
        {"id": "a", "type": "book", "author": x, "title": "Alt"},
        {"id": "b", "type": "book", "editor": x, "title": "Blt"},
        {"id": "c", "type": "book", "author": x, "title": "Clt"},
        {"id": "d", "type": "book", "editor": [_a("Other", "O")], "title": "Dlt"},
        {"id": "e", "type": "book", "author": x, "title": "Elt"},
    ]
    assert render(items, _style(tmp_path, names)).splitlines() == expected


def test_page_ranges_with_letter_prefixes() -> None:
    def item(i: int, page: str) -> dict:
        return {"id": f"p{i}", "type": "article-journal", "title": "T", "container-title": "J", "volume": "9",
                "page": page, "author": [_a(f"A{chr(97 + i)}", "B")], "issued": {"date-parts": [[2000]]}}

    items = [item(i, p) for i, p in enumerate(["B1-B14", "A821-A823", "e101-e109", "A1-B3"])]
    # a minimising format drops the repeated prefix; different prefixes are no range
    assert [line.split("J 9: ")[1] for line in render(items, "chicago-author-date").splitlines()] == [
        "B1–14.", "A821–23.", "e101–9.", "A1-B3."]
    # APA's expanded format keeps it
    assert [line.split("J, 9, ")[1] for line in render(items, "apa").splitlines()] == [
        "B1–B14.", "A821–A823.", "e101–e109.", "A1-B3."]
