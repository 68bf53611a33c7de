"""Web pages: the main content's structure (list items, footnotes, paragraphs) with links."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import io
from refs.cli.main import cli
from refs.sources import SourceError, html

DATA = Path(__file__).resolve().parent / "data" / "sources"


def blocks_of(markup: str):
    return html.blocks(markup)


def test_mediawiki_page_keeps_only_the_article():
    blocks = html.blocks((DATA / "nato.html").read_bytes())
    text = "\n".join(b.text for b in blocks)
    for furniture in ("Περιεχόμενα", "επεξεργασία κώδικα", "Κύρια σελίδα", "Κατηγορίες", "Creative Commons",
                      "Σχέσεις του ΝΑΤΟ", "Αναζήτηση", "NewPP", "Ανακτήθηκε από", "↑"):
        assert furniture not in text, furniture
    notes = [b for b in blocks if b.where.startswith("footnote")]
    assert [b.where for b in notes] == ["footnote 1", "footnote 2", "footnote 3"]
    assert notes[0].text == "Ronald D. Azmus, Opening NATO's Door (2002) p. 210."
    assert notes[0].italics == [(17, 36)] and notes[0].text[17:36] == "Opening NATO's Door"
    # paragraphs keep their citation markers (prose is told from references by them)
    assert any("[1]" in b.text and "1991" in b.text for b in blocks)


def test_links_inside_items_and_internal_links_ignored():
    blocks = blocks_of("""<html><body><div class="mw-parser-output"><ul>
      <li>Smith, J. <i>A Book</i> (<a href="/wiki/Routledge">Routledge</a>, 2001)
          <a class="external text" href="https://example.org/book">online</a></li>
      <li>Doe, A. "Paper." <i><a href="https://en.wikipedia.org/wiki/Nature">Nature</a></i> 1 (2002): 1-2.
          <a href="//doi.org/10.1000/xyz">doi:10.1000/xyz</a></li>
    </ul></div></body></html>""")
    first, second = blocks
    assert [(lk.text, lk.url) for lk in first.links] == [("online", "https://example.org/book")]
    assert [(lk.text, lk.url) for lk in second.links] == [("doi:10.1000/xyz", "https://doi.org/10.1000/xyz")]
    assert first.text[first.italics[0][0]:first.italics[0][1]] == "A Book"


def test_link_words_titles_dois_and_archives_become_fields():
    library, _ = io.loads("""<!DOCTYPE html><html><body><main><ol>
      <li>Asmus, Ronald. <a href="https://example.org/door">Opening NATO's Door: How the Alliance Remade
          Itself</a> (New York: Columbia University Press, 2002).</li>
      <li>Hanson, Marianne. "Russia and NATO expansion." <i>European Security</i> 7.2 (1998): 13-29.
          <a href="https://doi.org/10.1080/09662839808407367">online</a></li>
      <li>Vancouver, C. "NATO and Canadian Responses." <i>Journal of Intelligence</i> 1.1 (2018).
          <a href="https://web.archive.org/web/20221004055155/https://example.org/jicw/703">Archived</a>
          2022-10-04 at the <a href="https://en.wikipedia.org/wiki/Wayback_Machine">Wayback Machine</a>.</li>
      <li>Braun, Aurel, ed. <i>NATO-Russia relations</i> (<a href="https://www.routledge.com/">Routledge</a>,
          2008).</li>
    </ol></main></body></html>""", "html")
    asmus, hanson, casis, braun = library.records
    assert asmus.csl["URL"] == "https://example.org/door"  # the link on the title
    assert hanson.csl["DOI"] == "10.1080/09662839808407367" and "URL" not in hanson.csl
    assert casis.custom("archive-url") == "https://web.archive.org/web/20221004055155/https://example.org/jicw/703"
    assert casis.custom("archive-date") == "2022-10-04"
    assert casis.csl["URL"] == "https://example.org/jicw/703"  # the archived address
    assert "URL" not in braun.csl  # a link on the publisher says nothing about the work


def test_nested_lists_are_items_of_their_own():
    blocks = blocks_of("<ul><li>Books<ul><li>Smith, J. A Book (2001).</li><li>Doe, A. B (2002).</li>"
                       "</ul></li></ul>")
    assert [b.text for b in blocks] == ["Books", "Smith, J. A Book (2001).", "Doe, A. B (2002)."]


def test_saved_page_with_an_xml_declaration_and_another_charset():
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><meta charset="iso-8859-1"></head>'
            '<body><ul><li>M\xfcller, Hans. Die Geschichte (Berlin: Verlag, 2001).</li></ul></body></html>')
    blocks = html.blocks(page.encode("iso-8859-1"))
    assert blocks[0].text.startswith("Müller, Hans.")


@pytest.mark.parametrize("page", ["", "   "])
def test_an_empty_page_is_a_source_error(page):
    with pytest.raises(SourceError):
        html.blocks(page)


def test_a_page_without_references_is_a_one_line_error(tmp_path):
    page = tmp_path / "about.html"
    page.write_text("<html><body><nav><ul><li>Home</li></ul></nav><main><h1>About us</h1>"
                    "<p>We are a small team that likes tea.</p></main></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(page)])
    assert result.exit_code == 1
    assert "no references found in this web page" in result.output
    assert "Traceback" not in result.output


def test_parse_cli_reads_the_saved_page_by_extension_and_by_content(tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["parse", str(DATA / "nato.html"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "27 references found" in result.output
    renamed = tmp_path / "page.txt"  # a misleading name: --from says what it is
    renamed.write_bytes((DATA / "nato.html").read_bytes())
    result = CliRunner().invoke(cli, ["parse", str(renamed), "--from", "html", "-o", str(out)])
    assert result.exit_code == 0 and "27 references found" in result.output
    page = (DATA / "nato.html").read_text("utf-8")
    stdin = CliRunner().invoke(cli, ["parse", "-", "-o", str(out)], input=page)
    assert stdin.exit_code == 0 and "27 references found" in stdin.output


def test_rendered_citation_templates_are_read_from_their_coins():
    """A page whose citations were rendered from templates: each COinS span is the record."""
    library, _ = io.read(DATA / "coins.html")
    azmus, carr = library.records
    assert azmus.to_csl() == {"id": "azmus2002opening", "type": "book", "title": "Opening NATO's Door",
                              "author": [{"family": "Azmus", "given": "Ronald D."}],
                              "issued": {"date-parts": [[2002]]}, "note": "p. 210"}
    assert carr.type == "article-journal" and carr.authors[1] == {"family": "Flenley", "given": "Paul"}
    assert (carr.csl["volume"], carr.csl["issue"], carr.csl["page"]) == ("15", "2", "88-110")
    assert carr.csl["DOI"] == "10.1080/13523279908415407" and carr.csl["URL"] == "https://example.org/carr"
    assert carr.origin.where == "footnote 2"


def test_a_paragraph_of_lines_broken_with_br_gives_its_lines_to_the_finder():
    library, _ = io.loads("<html><body><main><h2>Reading</h2><p>Smith, John. <i>The First Book</i>. London: "
                          "Penguin, 2001.<br>Jones, Mary. <i>A Second Book</i>. Oxford: OUP, 2002.<br>\n"
                          "Brown, Anne. <i>Third Thoughts</i>. Paris: Seuil, 2003.</p></main></body></html>",
                          "html")
    assert [r.year for r in library.records] == [2001, 2002, 2003]


def test_older_mediawiki_headings_and_a_site_notice():
    page = ('<html><body><div id="siteNotice"><div class="mw-parser-output"><p>Donate!</p></div></div>'
            '<div id="mw-content-text"><div class="mw-parser-output"><h2><span class="mw-headline" '
            'id="Further">Further reading</span><span class="mw-editsection">[<a href="/w/x">edit'
            '</a>]</span></h2><ul><li>Smith, John. The First Book. London: Penguin, 2001.</li></ul>'
            '<p>A paragraph long enough to outweigh the notice, with more words in it.</p></div>'
            '</div></body></html>')
    blocks = html.blocks(page)
    assert [b.text for b in blocks][0] == "Smith, John. The First Book. London: Penguin, 2001."
    assert blocks[0].where == "section Further reading"
    assert "Donate!" not in [b.text for b in blocks]
