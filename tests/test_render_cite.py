"""Citations (refs.render.cite.Document), ``refs cite`` and ``refs format`` on
fixtures written here: positions, disambiguation, collapsing, note styles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from refs.cli.main import cli
from refs.render.cite import Cite, CiteError, Cluster, Document, clusters_from_json
from refs.render.document import FormatError, format_document

NS = 'xmlns="http://purl.org/net/xbiblio/csl"'


def _style(tmp_path, citation: str, cls: str = "in-text", bib: str = "") -> str:  # noqa: ANN001
    p = tmp_path / "s.csl"
    p.write_text(f'<style {NS} class="{cls}" version="1.0"><info><id/><title/></info>{citation}{bib}</style>',
                 encoding="utf-8")
    return str(p)


def _book(id_: str, family: str, given: str, year: int, title: str = "Book", **extra) -> dict:  # noqa: ANN003
    return {"id": id_, "type": "book", "title": title, "author": [{"family": family, "given": given}],
            "issued": {"date-parts": [[year]]}, **extra}


POSITION_CSL = """<citation><layout delimiter="; " suffix=".">
<choose>
 <if position="ibid-with-locator"><group delimiter=", "><text value="ibid"/><text variable="locator"/>
 </group></if>
 <else-if position="ibid"><text value="ibid"/></else-if>
 <else-if position="near-note"><group delimiter=", "><text value="near"/><text variable="title"/>
   <text variable="first-reference-note-number" prefix="n. "/></group></else-if>
 <else-if position="subsequent"><group delimiter=", "><text value="far"/><text variable="title"/>
   <text variable="first-reference-note-number" prefix="n. "/></group></else-if>
 <else><group delimiter=", "><names variable="author"/><text variable="title"/>
   <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
 </group></else>
</choose></layout></citation>"""


def test_positions_in_notes(tmp_path) -> None:
    style = _style(tmp_path, POSITION_CSL, "note")
    doc = Document([_book("a", "Asmus", "Ronald", 2002, "Opening"), _book("b", "Talbott", "Strobe", 2002,
                                                                          "Hand")], style)
    doc.add([{"id": "a", "locator": "10"}], note=1)
    doc.add([{"id": "a", "locator": "12"}], note=2)   # same item, other locator
    doc.add([{"id": "a", "locator": "12"}], note=3)   # same item, same locator
    doc.add([{"id": "a"}], note=4)                    # previous had a locator: not ibid
    doc.add([{"id": "b", "locator": "3-5", "label": "chapter"}], note=5)
    doc.add([{"id": "a"}], note=6)                    # within 5 notes of note 4
    doc.add([{"id": "a"}, {"id": "b"}], note=20)      # a: previous note cited a alone; b: far
    assert doc.citations() == [
        "Ronald Asmus, Opening, p. 10.",
        "ibid, 12.",
        "ibid.",
        "near, Opening, n. 1.",
        "Strobe Talbott, Hand, chaps. 3–5.",
        "near, Opening, n. 1.",
        "ibid; far, Hand, n. 5.",
    ]


def test_ibid_needs_the_whole_previous_note(tmp_path) -> None:
    style = _style(tmp_path, POSITION_CSL, "note")
    doc = Document([_book("a", "Aalto", "A", 2000, "A"), _book("b", "Alvarez", "B", 2000, "B")], style)
    doc.add(["a"], note=1)
    doc.add(["b"], note=1)
    doc.add(["b"], note=2)  # note 1 cited two works: no ibid
    doc.add(["b"], note=3)
    assert doc.citations()[2:] == ["near, B, n. 1.", "ibid."]


def test_given_positions_are_used_as_given(tmp_path) -> None:
    style = _style(tmp_path, POSITION_CSL, "note")
    doc = Document([_book("a", "Asmus", "Ronald", 2002, "Opening")], style)
    doc.set_clusters(clusters_from_json([{"citationItems": [{"id": "a", "position": 2}],
                                          "properties": {"noteIndex": 1}}]))
    assert doc.citations() == ["ibid."]


AUTHOR_DATE = """<citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"
 disambiguate-add-givenname="true" disambiguate-add-year-suffix="true" collapse="year-suffix-ranged">
<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">
<names variable="author"><name form="short" initialize-with=". " and="symbol" delimiter=", "/></names>
<date variable="issued"><date-part name="year"/></date></group>
<group delimiter=" " prefix=", "><label variable="locator" form="short"/><text variable="locator"/></group>
</layout></citation>"""


def test_disambiguation_adds_names_givennames_and_year_suffixes(tmp_path) -> None:
    style = _style(tmp_path, AUTHOR_DATE)
    people = [{"family": "Smith", "given": "John"}, {"family": "Brown", "given": "Ann"},
              {"family": "Jones", "given": "Kim"}]
    items = [
        {"id": "x1", "type": "book", "author": people, "issued": {"date-parts": [[1980]]}},
        {"id": "x2", "type": "book", "author": people[:2] + [{"family": "Lee", "given": "Bo"}],
         "issued": {"date-parts": [[1980]]}},
        _book("d1", "Doe", "John", 1999), _book("d2", "Doe", "Jane", 1999),
        _book("r1", "Roe", "Al", 2001, "A"), _book("r2", "Roe", "Al", 2001, "B"),
        _book("r3", "Roe", "Al", 2001, "C"), _book("r4", "Roe", "Al", 2001, "D"),
    ]
    doc = Document(items, style)
    doc.add(["x1", "x2"])
    doc.add(["d1", "d2"])
    doc.add(["r1", "r2", "r3", "r4"])
    doc.add([{"id": "r2", "locator": "5"}])
    assert doc.citations() == [
        "(Smith, Brown, & Jones 1980; Smith, Brown, & Lee 1980)",
        "(John Doe 1999; Jane Doe 1999)",  # same initials: full given names
        "(Roe 2001a–d)",
        "(Roe 2001b, p. 5)",
    ]


def test_initials_when_they_tell_people_apart(tmp_path) -> None:
    style = _style(tmp_path, AUTHOR_DATE)
    doc = Document([_book("d1", "Doe", "John", 1999), _book("d2", "Doe", "Ann", 1999)], style)
    doc.add(["d1", "d2"])
    assert doc.citations() == ["(J. Doe 1999; A. Doe 1999)"]


def test_later_citation_changes_an_earlier_one(tmp_path) -> None:
    style = _style(tmp_path, AUTHOR_DATE)
    one = _book("r1", "Roe", "Al", 2001, "A")
    doc = Document([one], style)
    doc.add(["r1"])
    assert doc.citations() == ["(Roe 2001)"]
    doc.register([_book("r2", "Roe", "Al", 2001, "B")])
    doc.add(["r2"])
    assert doc.citations() == ["(Roe 2001a)", "(Roe 2001b)"]


NUMERIC = """<citation collapse="citation-number"><sort><key variable="citation-number"/></sort>
<layout prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/></layout></citation>"""
NUMERIC_BIB = """<bibliography><sort><key variable="title"/></sort><layout>
<text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography>"""


def test_citation_numbers_sort_and_collapse(tmp_path) -> None:
    style = _style(tmp_path, NUMERIC, bib=NUMERIC_BIB)
    items = [_book(f"i{k}", "A", "B", 2000, f"T{k}") for k in range(1, 7)]
    doc = Document(items, style)
    doc.add(["i3", "i1", "i2", "i5"])
    doc.add(["i6", {"id": "i4", "locator": "9"}])
    doc.add(["i1", "i2"])
    assert doc.citations() == ["[1–3, 5]", "[4, 6]", "[1, 2]"]
    assert doc.bibliography().splitlines()[0] == "1. T1"
    # without a bibliography sort, numbers follow the first citations (uncited last)
    unsorted = _style(tmp_path, NUMERIC, bib=NUMERIC_BIB.replace('<sort><key variable="title"/></sort>', ""))
    doc = Document(items, unsorted)
    doc.add(["i3", "i1"])
    doc.add(["i5", "i1"])
    assert doc.citations() == ["[1, 2]", "[2, 3]"]
    assert doc.bibliography().splitlines() == ["1. T3", "2. T1", "3. T5", "4. T2", "5. T4", "6. T6"]


def test_suppress_author_and_author_only(tmp_path) -> None:
    style = _style(tmp_path, AUTHOR_DATE)
    doc = Document([_book("a", "Asmus", "Ronald", 2002)], style)
    doc.add([{"id": "a", "suppress-author": True, "locator": "210"}])
    doc.add([{"id": "a", "author-only": True}])
    assert doc.citations() == ["(2002, p. 210)", "Asmus"]


def test_cite_grouping_and_year_collapse(tmp_path) -> None:
    csl = AUTHOR_DATE.replace('collapse="year-suffix-ranged"', 'collapse="year"')
    style = _style(tmp_path, csl)
    doc = Document([_book("a", "Asmus", "R", 2002), _book("t", "Talbott", "S", 2001),
                    _book("b", "Asmus", "R", 2008)], style)
    doc.add(["a", "t", "b"])
    assert doc.citations() == ["(Asmus 2002, 2008; Talbott 2001)"]


def test_unknown_id_is_an_error(tmp_path) -> None:
    doc = Document([_book("a", "Asmus", "R", 2002)], "apa")
    with pytest.raises(CiteError, match="unknown item id 'zz'"):
        doc.add(["zz"])
    with pytest.raises(CiteError, match="cluster 1: cite 'a': position must be 0-3"):
        clusters_from_json([{"citationItems": [{"id": "a", "position": 7}]}])


def test_real_styles_author_date_numeric_note() -> None:
    items = [_book("asmus", "Asmus", "Ronald D.", 2002, "Opening NATO's door",
                   publisher="Columbia University Press"),
             _book("talbott", "Talbott", "Strobe", 2002, "The Russia hand", publisher="Random House")]
    apa = Document(items, "apa")
    apa.add([{"id": "asmus", "locator": "210"}])
    apa.add(["talbott", "asmus"])
    assert apa.citations() == ["(Asmus, 2002, p. 210)", "(Asmus, 2002; Talbott, 2002)"]
    ieee = Document(items, "ieee")
    ieee.add(["talbott"])
    ieee.add([{"id": "asmus", "locator": "5"}])
    assert ieee.citations() == ["[1]", "[2, p. 5]"]  # numbered as first cited
    notes = Document(items, "chicago-notes")
    notes.set_clusters([Cluster([Cite("asmus", locator="210")], 1),
                        Cluster([Cite("asmus", locator="211")], 2)])
    first, second = notes.citations()
    assert first.startswith("Ronald D. Asmus, Opening NATO’s Door (Columbia University Press, 2002), 210")
    assert second == "Asmus, Opening NATO’s Door, 211."
    assert notes.citations("html")[1] == "Asmus, <i>Opening NATO’s Door</i>, 211."


# -- refs cite ---------------------------------------------------------------------

def test_cli_cite(tmp_path) -> None:
    items = tmp_path / "refs.json"
    items.write_text(json.dumps([_book("a", "Asmus", "Ronald", 2002, "Opening"),
                                 _book("b", "Talbott", "Strobe", 2002, "Hand")]), encoding="utf-8")
    clusters = tmp_path / "c.json"
    clusters.write_text(json.dumps([
        {"citationItems": [{"id": "b", "locator": "33"}], "properties": {"noteIndex": 0}},
        {"citationItems": [{"id": "a"}, {"id": "b"}], "properties": {"noteIndex": 0}}]), encoding="utf-8")
    res = CliRunner().invoke(cli, ["cite", str(items), "--style", "ieee", "--clusters", str(clusters)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == ["[1, p. 33]", "[1], [2]"]
    bad = tmp_path / "bad.json"
    bad.write_text('[{"citationItems": [{"id": "nope"}]}]', encoding="utf-8")
    res = CliRunner().invoke(cli, ["cite", str(items), "--clusters", str(bad)])
    assert res.exit_code == 2
    assert "cluster 1: unknown item id 'nope'" in res.output
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    res = CliRunner().invoke(cli, ["cite", str(items), "--clusters", str(broken)])
    assert res.exit_code == 2 and "line 1: not JSON" in res.output


# -- refs format -----------------------------------------------------------------------

BIB = """@book{asmus2002opening, author={Asmus, Ronald D.}, title={Opening NATO's Door},
  publisher={Columbia University Press}, year={2002}}
@book{talbott2002, author={Talbott, Strobe}, title={The Russia Hand}, publisher={Random House}, year={2002}}
@book{unused, author={Nobody, N.}, title={Never Cited}, year={1999}}
"""
DOC = """# Notes

NATO enlarged [@asmus2002opening, p. 210]. See [see @talbott2002, chap. 3; @asmus2002opening].
@talbott2002 agrees, as does Asmus [-@asmus2002opening]. Write to x@example.org or
see https://example.org/@someone.

```
[@not-a-citation]
```
"""


def test_format_author_date(tmp_path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(DOC, encoding="utf-8")
    out = tmp_path / "out.md"
    res = CliRunner().invoke(cli, ["format", str(doc), "--bib", str(bib), "--style", "apa", "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "NATO enlarged (Asmus, 2002, p. 210)." in text
    assert "See (Asmus, 2002; see Talbott, 2002, Chapter 3)." in text  # APA sorts cites
    assert "Talbott (2002) agrees, as does Asmus (2002). Write to x@example.org or\n" \
           "see https://example.org/@someone." in text
    assert "[@not-a-citation]" in text
    refs = text.split("## References")[1]
    assert "Asmus, R. D. (2002). *Opening NATO’s Door*." in refs and "Never Cited" not in refs
    assert doc.read_text(encoding="utf-8") == DOC  # the input is untouched


def test_format_note_style_makes_footnotes(tmp_path) -> None:
    from refs.io import bibtex

    records = bibtex.loads(BIB)[0].records
    text = format_document("Enlarged [@asmus2002opening, p. 210].\nAgain [@asmus2002opening, p. 211].\n",
                           records, style="chicago-notes")
    lines = text.splitlines()
    assert lines[0] == "Enlarged [^refs-1]."
    assert ("[^refs-1]: Ronald D. Asmus, *Opening NATO’s Door* (Columbia University Press, 2002), 210."
            in lines)
    assert "[^refs-2]: Asmus, *Opening NATO’s Door*, 211." in lines


def test_format_unknown_key_names_the_line(tmp_path) -> None:
    with pytest.raises(FormatError, match="line 2: unknown citation key @nope"):
        format_document("fine\nbad [@nope]\n", [], style="apa")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text("x [@nope]\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["format", str(doc), "--bib", str(bib)])
    assert res.exit_code == 2 and "doc.md: line 1: unknown citation key @nope" in res.output
    res = CliRunner().invoke(cli, ["format", str(doc), "--bib", str(bib), "-o", str(doc)])
    assert res.exit_code == 2


def test_bibliography_number_lists_untyped_items_and_raw_dates() -> None:
    """Outputs checked against citeproc-js: "800-82 Rev. 2" is numeric and plural,
    an item without a type matches no type condition, raw and string dates parse."""
    from refs.render import render_entries

    items = [
        {"id": "x", "type": "report", "title": "Guide to industrial control systems security",
         "number": "800-82 Rev. 2", "publisher": "NIST", "author": [{"family": "Stouffer", "given": "Keith"}],
         "issued": {"date-parts": [[2015]]}},
        {"id": "y", "title": "No type", "issued": {"raw": "2001-05-03"}},
        {"id": "z", "type": "book", "title": "String date", "issued": "1999"},
    ]
    texts = {e.id: e.text for e in render_entries(items, "apa")}
    assert texts["x"] == ("Stouffer, K. (2015). Guide to industrial control systems security "
                          "(Nos. 800-82 Rev. 2). NIST.")
    assert texts["y"] == "No type. (2001)."
    assert texts["z"] == "String date. (1999)."
    ieee = {e.id: e.text for e in render_entries(items, "ieee")}
    assert "NIST, 800–82 Rev. 2, 2015." in ieee["x"]
