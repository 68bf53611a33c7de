"""Wikitext: citation templates become records directly; refs, short cites, links and
archive templates; the round trip with the wikitext writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import io
from refs.cli.main import cli
from refs.io import wikitext as writer
from refs.sources import wikitext

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def records(text: str):
    library, report = io.loads(text, "wikitext")
    return library.records


def test_cite_journal_maps_to_csl():
    (rec,) = records("<ref>{{Cite journal | last1 = Carr | first1 = Fergus | last2 = Flenley "
                     "| first2 = Paul | title = NATO and the ''Russian'' Federation "
                     "| journal = [[Journal of Communist Studies]] | volume = 15 | issue = 2 "
                     "| date = June 1999 | pages = 88–110 | doi = 10.1080/13523279908415407 "
                     "| access-date = 5 March 2020 | url = https://example.org/carr }}</ref>")
    assert rec.type == "article-journal"
    assert rec.authors == [{"family": "Carr", "given": "Fergus"}, {"family": "Flenley", "given": "Paul"}]
    assert rec.title == "NATO and the <i>Russian</i> Federation"
    assert rec.csl["container-title"] == "Journal of Communist Studies"
    assert (rec.csl["volume"], rec.csl["issue"], rec.csl["page"]) == ("15", "2", "88–110")
    assert rec.csl["issued"] == {"date-parts": [[1999, 6]]}
    assert rec.csl["DOI"] == "10.1080/13523279908415407" and rec.csl["URL"] == "https://example.org/carr"
    assert rec.csl["accessed"] == {"literal": "5 March 2020"}
    assert rec.origin.format == "wikitext" and rec.origin.where == "footnote 1"


def test_chapters_editors_archives_and_corporate_authors():
    chapter, web = records(
        "* {{cite book |last=Smith |first=J. |chapter=A Chapter |title=The Book |editor-last=Doe "
        "|editor-first=A. |publisher=Routledge |location=London |year=2001 |edition=2nd "
        "|isbn=978-0-415-00000-1}}\n"
        "* {{cite web |author=NATO |title=Founding Act |website=nato.int |url=https://www.nato.int/x "
        "|archive-url=https://web.archive.org/web/20200101000000/https://www.nato.int/x "
        "|archive-date=1 January 2020 |url-status=live}}\n")
    assert chapter.type == "chapter" and chapter.title == "A Chapter"
    assert chapter.csl["container-title"] == "The Book"
    assert chapter.editors == [{"family": "Doe", "given": "A."}]
    assert chapter.csl["edition"] == "2" and chapter.csl["publisher-place"] == "London"
    assert web.authors == [{"literal": "NATO"}] and web.csl["container-title"] == "nato.int"
    assert web.custom("archive-date") == "2020-01-01" and web.custom("url-status") == "live"


def test_named_refs_are_one_record_and_short_cites_none():
    text = ("Prose.<ref name=\"a\">{{cite book |last=Asmus |first=Ronald |title=Opening NATO's Door "
            "|year=2002}}</ref> More.<ref name=a /> Again.{{sfn|Asmus|2002|p=5}}"
            "<ref>{{harvnb|Asmus|2002|p=7}}</ref>\n\n== Notes ==\n{{reflist}}\n")
    recs = records(text)
    assert [r.title for r in recs] == ["Opening NATO's Door"]


def test_list_defined_refs_come_in_order_of_use():
    text = ("A.<ref name=b/> B.<ref name=a/>\n{{reflist|refs=\n<ref name=a>{{cite book |last=A |title=Alpha "
            "|year=2001}}</ref>\n<ref name=b>{{cite book |last=B |title=Beta |year=2002}}</ref>\n}}\n")
    assert [r.title for r in records(text)] == ["Beta", "Alpha"]


def test_free_text_bullets_with_links_and_templates():
    recs = records(
        "== Further reading ==\n"
        "* Hanson, Marianne. \"Russia and NATO expansion.\" ''European Security'' 7.2 (1998): 13-29. "
        "[https://example.org/hanson online]\n"
        "* Holas, Lukáš. \"Prospects for Russia-NATO relations.\" ''Communist and Post-Communist Studies'' "
        "51.2 (2018): 151-160. {{doi|10.1016/j.postcomstud.2018.04.005}}\n"
        "* Vancouver, C. \"NATO and Canadian Responses.\" ''Journal of Intelligence'' 1.1 (2018). "
        "[https://example.org/jicw online]{{Webarchive|url=https://web.archive.org/web/20221004055155/"
        "https://example.org/jicw|date=2022-10-04}}\n"
        "* Pouliot, Vincent. ''International security in practice'' (Cambridge UP, 2010). "
        "{{ISBN|978-0-521-76017-4}}\n"
        "[[Category:NATO]]\n")
    hanson, holas, casis, pouliot = recs
    assert hanson.csl["URL"] == "https://example.org/hanson"
    assert hanson.csl["container-title"] == "European Security"
    assert holas.csl["DOI"] == "10.1016/j.postcomstud.2018.04.005"
    assert casis.csl["URL"] == "https://example.org/jicw"
    assert casis.custom("archive-url").startswith("https://web.archive.org/web/20221004055155/")
    assert casis.custom("archive-date") == "2022-10-04"
    assert pouliot.csl["ISBN"].replace("-", "") == "9780521760174"
    assert all(r.origin.where == "section Further reading" for r in recs)


def test_prose_infoboxes_files_and_tables_are_not_references():
    text = ("{{Infobox country\n| name = Russia\n| founded = 1991\n}}\n"
            "'''Russia''' joined the Partnership for Peace in 1994.<ref>{{cite web |title=PfP |url=https://x.org"
            " |website=NATO |date=2020}}</ref> The council met in 2002 and 2017."
            "[[File:Map.svg|thumb|A map, 2014]]\n"
            "{| class=\"wikitable\"\n| Smith, J. A Book (2001)\n|}\n")
    recs = records(text)
    assert [r.title for r in recs] == ["PfP"]


@pytest.mark.parametrize(("text", "csl"), [
    ("2002", {"date-parts": [[2002]]}),
    ("May 2002", {"date-parts": [[2002, 5]]}),
    ("2002-05-27", {"date-parts": [[2002, 5, 27]]}),
    ("1999–2000", {"date-parts": [[1999], [2000]]}),
    ("c. 1900", {"circa": True, "date-parts": [[1900]]}),
    ("Spring 2002", {"date-parts": [[2002]], "season": 1}),
    ("27 May 1997", {"literal": "27 May 1997"}),  # kept as written: the writer gives it back
])
def test_template_dates(text, csl):
    assert wikitext.template_date(text) == csl


def test_every_template_the_writer_makes_reads_back_to_the_same_template():
    paths = [DATA / "formats" / "zotero-export.json", DATA / "bibtex" / "roundtrip.csl.json",
             ROOT / "nato_refs" / "references.json", ROOT / "bench" / "render_records.json"]
    n = 0
    for path in paths:
        for rec in io.read(path)[0].records:
            first = writer.cite(rec)
            (back,) = records(first)
            assert writer.cite(back) == first
            n += 1
    assert n > 80


def test_convert_wiki_to_bib_and_back_gives_the_same_templates(tmp_path):
    source = tmp_path / "x.wiki"
    source.write_text((ROOT / "nato_refs" / "references.wiki").read_text("utf-8"), encoding="utf-8")
    run = CliRunner().invoke
    assert run(cli, ["convert", str(source), "-o", str(tmp_path / "x.bib")]).exit_code == 0
    assert run(cli, ["convert", str(tmp_path / "x.bib"), "-o", str(tmp_path / "y.wiki")]).exit_code == 0
    assert (tmp_path / "y.wiki").read_text("utf-8") == source.read_text("utf-8")


def test_the_seed_wikitext_round_trips_through_bibtex(tmp_path):
    run = CliRunner().invoke
    steps = [(DATA / "sources" / "nato.wiki", "a.bib"), ("a.bib", "b.wiki"), ("b.wiki", "c.bib"),
             ("c.bib", "d.wiki")]
    for src, dst in steps:
        result = run(cli, ["convert", str(tmp_path / src) if isinstance(src, str) else str(src),
                           "-o", str(tmp_path / dst)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "b.wiki").read_text("utf-8") == (tmp_path / "d.wiki").read_text("utf-8")
    items = json.loads(run(cli, ["convert", str(tmp_path / "b.wiki"), "--to", "csl-json"]).stdout)
    assert len(items) == 27 and items[0]["note"] == "p. 210"


def test_wikitext_is_sniffed_from_content():
    from refs.io import detect

    assert detect.sniff("== Further reading ==\n* Smith, J. A Book (2001)\n") == "wikitext"
    assert detect.sniff("Text.<ref>{{cite book |title=T}}</ref>") == "wikitext"
    assert detect.sniff("Asmus, Ronald. Opening NATO's Door (2002)") == "text"


@pytest.mark.parametrize(("author", "name"), [
    ("Ronald D. Azmus", {"family": "Azmus", "given": "Ronald D."}),
    ("Azmus, Ronald D.", {"family": "Azmus", "given": "Ronald D."}),
    ("CASIS Vancouver", {"literal": "CASIS Vancouver"}),
    ("North Atlantic Treaty Organization", {"literal": "North Atlantic Treaty Organization"}),
    ("Human Rights Watch", {"literal": "Human Rights Watch"}),
])
def test_whole_author_names(author, name):
    (rec,) = records(f"* {{{{cite book |author={author} |title=T |year=2002}}}}")
    assert rec.authors == [name]
