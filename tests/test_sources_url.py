"""URLs: Wikipedia articles through a local MediaWiki API stand-in, other pages by
content type from a local server, and ``refs build URL`` keeping its copy."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import io
from refs.cli.main import cli
from refs.sources import url as url_source
from refs.sources.url import PageError

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "sources"
sys.path.insert(0, str(ROOT / "servers"))

from mediawiki_server import serve  # noqa: E402

TITLE = "Σχέσεις ΝΑΤΟ-Ρωσίας"
ARTICLE = "https://el.wikipedia.org/wiki/Σχέσεις_ΝΑΤΟ-Ρωσίας"


@pytest.fixture(scope="module")
def api():
    pages = {TITLE: ((DATA / "nato.html").read_text("utf-8"), (DATA / "nato.wiki").read_text("utf-8")),
             "Άδεια σελίδα": ("<div class=\"mw-parser-output\"><p>Μια σελίδα χωρίς πηγές.</p></div>",
                              "Μια σελίδα χωρίς πηγές."),
             "Σπασμένη": None}
    with serve(pages) as address:
        yield address


@pytest.fixture
def wiki(api, monkeypatch):
    monkeypatch.setenv("REFS_MEDIAWIKI_URL", api)
    return api


@pytest.mark.parametrize(("address", "lang", "title"), [
    ("https://el.wikipedia.org/wiki/Σχέσεις_ΝΑΤΟ-Ρωσίας", "el", "Σχέσεις_ΝΑΤΟ-Ρωσίας"),
    ("https://el.m.wikipedia.org/wiki/%CE%A3%CF%87%CE%AD%CF%83%CE%B5%CE%B9%CF%82_%CE%9D%CE%91%CE%A4%CE%9F-"
     "%CE%A1%CF%89%CF%83%CE%AF%CE%B1%CF%82", "el", "Σχέσεις_ΝΑΤΟ-Ρωσίας"),
    ("https://en.wikipedia.org/w/index.php?title=NATO%E2%80%93Russia_relations&oldid=1", "en",
     "NATO–Russia_relations"),
    ("https://de.wikipedia.org/wiki/Beziehungen_zwischen_der_NATO_und_Russland#Literatur", "de",
     "Beziehungen_zwischen_der_NATO_und_Russland"),
])
def test_wikipedia_article_addresses(address, lang, title):
    assert url_source.wikipedia_page(address) == (lang, title)


@pytest.mark.parametrize("address", ["https://en.wikipedia.org/wiki/Special:Random",
                                     "https://el.wikipedia.org/wiki/Κατηγορία:ΝΑΤΟ",
                                     "https://en.wikipedia.org/wiki/Talk:NATO", "https://en.wikipedia.org/"])
def test_wikipedia_addresses_that_are_no_articles(address):
    with pytest.raises(PageError):
        url_source.wikipedia_page(address)


def test_other_sites_are_not_wikipedia():
    assert url_source.wikipedia_page("https://example.org/wiki/NATO") is None


def test_api_address_is_configurable(monkeypatch):
    monkeypatch.delenv("REFS_MEDIAWIKI_URL", raising=False)
    assert url_source.api_url("el") == "https://el.wikipedia.org/w/api.php"
    monkeypatch.setenv("REFS_MEDIAWIKI_URL", "http://127.0.0.1:8765")
    assert url_source.api_url("el") == "http://127.0.0.1:8765/w/api.php"
    monkeypatch.setenv("REFS_MEDIAWIKI_URL", "http://mirror.example/{lang}/api.php")
    assert url_source.api_url("de") == "http://mirror.example/de/api.php"


def test_an_article_is_read_from_the_api(wiki, api):
    library, report = io.read(ARTICLE)
    assert len(library.records) == 27 and library.format == "mediawiki"
    assert report.summary["read_from"] == "wikitext"
    casis = {r.id: r for r in library.records}["casis2018nato"]
    assert casis.custom("archive-url", "").startswith("https://web.archive.org/web/20221004")
    assert sum(1 for r in library.records if r.csl.get("URL")) == 13


def test_the_request_is_the_documented_one(monkeypatch):
    log: list[dict] = []
    pages = {TITLE: ((DATA / "nato.html").read_text("utf-8"), (DATA / "nato.wiki").read_text("utf-8"))}
    with serve(pages, log=log) as address:
        monkeypatch.setenv("REFS_MEDIAWIKI_URL", address)
        fetched = url_source.fetch("https://el.m.wikipedia.org/w/index.php?title=Σχέσεις_ΝΑΤΟ-Ρωσίας")
    assert sorted(fetched.files) == ["source.html", "source.wiki"]
    assert log == [{"action": "parse", "page": "Σχέσεις_ΝΑΤΟ-Ρωσίας", "prop": "text|wikitext",
                    "format": "json", "formatversion": "2", "redirects": "1"}]


def test_a_stand_in_that_does_not_normalise_titles_is_asked_again(monkeypatch):
    import mediawiki_server

    log: list[dict] = []
    monkeypatch.setattr(mediawiki_server, "_norm", lambda title: title)  # exact titles only
    pages = {TITLE: ((DATA / "nato.html").read_text("utf-8"), (DATA / "nato.wiki").read_text("utf-8"))}
    with serve(pages, log=log) as address:
        monkeypatch.setenv("REFS_MEDIAWIKI_URL", address)
        assert len(io.read(ARTICLE)[0].records) == 27
    assert [q["page"] for q in log] == ["Σχέσεις_ΝΑΤΟ-Ρωσίας", TITLE]


@pytest.mark.parametrize(("address", "message", "status"), [
    ("https://el.wikipedia.org/wiki/Καμία_τέτοια_σελίδα", "no such page", 2),
    ("https://el.wikipedia.org/wiki/Ειδικό:Τυχαία", "not an article", 2),
    ("https://el.wikipedia.org/wiki/Σπασμένη", "answered HTTP 500", 2),
    ("https://el.wikipedia.org/wiki/Άδεια_σελίδα", "no references found", 1),
])
def test_bad_articles_are_one_line_errors(wiki, address, message, status):
    result = CliRunner().invoke(cli, ["parse", address])
    assert result.exit_code == status, result.output
    assert message in result.output and "Traceback" not in result.output


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_network_exits_3(monkeypatch):
    monkeypatch.setenv("REFS_MEDIAWIKI_URL", f"http://127.0.0.1:{_closed_port()}/w/api.php")
    result = CliRunner().invoke(cli, ["parse", ARTICLE])
    assert result.exit_code == 3 and "cannot fetch" in result.output
    result = CliRunner().invoke(cli, ["parse", f"http://127.0.0.1:{_closed_port()}/list.html"])
    assert result.exit_code == 3


def test_other_pages_are_read_by_content_type(server):
    server.expect_request("/list").respond_with_data(
        "<html><body><ul><li>Smith, John. <i>The First Book</i>. London: Penguin, 2001. "
        "<a href='/books/first.pdf'>PDF</a></li></ul></body></html>", content_type="text/html; charset=utf-8")
    server.expect_request("/syllabus").respond_with_data((DATA / "nato.pdf").read_bytes(),
                                                         content_type="application/pdf")
    server.expect_request("/list.txt").respond_with_data(
        "Smith, John. The First Book. London: Penguin, 2001.\n", content_type="text/plain")
    library, _ = io.read(server.url_for("/list"))
    (rec,) = library.records
    assert rec.csl["URL"] == server.url_for("/books/first.pdf")  # a relative link, resolved
    assert len(io.read(server.url_for("/syllabus"))[0].records) == 27
    assert io.read(server.url_for("/list.txt"))[0].records[0].year == 2001


def test_pages_refs_cannot_read(server):
    server.expect_request("/logo.png").respond_with_data(b"\x89PNG\r\n\x1a\n", content_type="image/png")
    server.expect_request("/gone").respond_with_data("gone", status=404)
    for path, message in (("/logo.png", "not a page refs can read (content type image/png)"),
                          ("/gone", "HTTP 404")):
        result = CliRunner().invoke(cli, ["parse", server.url_for(path)])
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_build_keeps_the_page_and_rebuilds_offline(wiki, tmp_path):
    out = tmp_path / "nato"
    run = CliRunner().invoke
    args = ["build", ARTICLE, "--out", str(out), "--no-enrich", "--style", "apa", "--locale", "en-US"]
    result = run(cli, [*args, "--no-links"])
    assert result.exit_code == 0, result.output
    assert (out / "source.html").is_file() and (out / "source.wiki").is_file()
    meta = json.loads((out / ".source.json").read_text("utf-8"))
    assert meta["url"] == ARTICLE and meta["kind"] == "mediawiki"
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["source"] == ARTICLE and report["counts"]["input"] == 27
    wiki_out = (out / "references.wiki").read_text("utf-8")
    assert "|archive-url=https://web.archive.org/web/20221004055155/" in wiki_out
    assert "url = {https://www.jstor.org/stable/20045713}" in (out / "references.bib").read_text("utf-8")

    # offline: the kept copy is read, the links are listed as unknown
    offline = run(cli, ["build", ARTICLE, "--out", str(out), "--offline", "--style", "apa",
                        "--locale", "en-US"])
    assert offline.exit_code == 0, offline.output
    assert "read the copy of the page kept in" in offline.output
    links = json.loads((out / "report.json").read_text("utf-8"))["stages"]["links"]
    assert links["skipped"] == "offline" and links["summary"]["links"] == 15
    assert {item["status"] for item in links["items"]} == {"unknown"}
    # the folder itself names the page
    again = run(cli, ["build", str(out), "--offline", "--style", "apa", "--locale", "en-US"])
    assert again.exit_code == 0 and "27 records read" in again.output


def test_build_offline_without_a_kept_copy_exits_3(tmp_path):
    result = CliRunner().invoke(cli, ["build", ARTICLE, "--out", str(tmp_path / "x"), "--offline"])
    assert result.exit_code == 3 and "no copy" in result.output and "Traceback" not in result.output


def test_build_of_a_page_without_references_fails_with_one_line(wiki, tmp_path):
    result = CliRunner().invoke(cli, ["build", "https://el.wikipedia.org/wiki/Άδεια_σελίδα", "--out",
                                      str(tmp_path / "x"), "--no-enrich", "--no-links"])
    assert result.exit_code == 1
    assert "nothing to build: no references found" in result.output and "Traceback" not in result.output


def test_a_build_folder_prefers_the_document_to_its_text_copy(tmp_path):
    from refs.build import find_source

    (tmp_path / "list.el.txt").write_text("Smith, John. The First Book. London: Penguin, 2001.\n", "utf-8")
    (tmp_path / "list.el.html").write_bytes((DATA / "nato.html").read_bytes())
    (tmp_path / "references.bib").write_text("", "utf-8")
    assert find_source(tmp_path).name == "list.el.html"
    (tmp_path / "other.bib").write_text("", "utf-8")
    with pytest.raises(ValueError, match="expected one input file"):
        find_source(tmp_path)


def test_links_only_the_html_has_complete_the_wikitext_records(monkeypatch):
    """A link made by a template refs does not know is in the HTML only."""
    wikitext = ("== Further reading ==\n* Talbott, Strobe. ''The Russia Hand'' (2002) "
                "{{Άγνωστο|https://archive.org/details/russiahand}}\n"
                "* {{cite book |last=Asmus |first=Ronald |title=Opening NATO's Door |year=2002}}\n")
    page = ('<div class="mw-parser-output"><ul><li>Talbott, Strobe. <i>The Russia Hand</i> (2002) '
            '<a class="external text" href="https://archive.org/details/russiahand">online</a></li>'
            "<li>Asmus, Ronald. <i>Opening NATO's Door</i> (2002)</li></ul></div>")
    with serve({"Reading": (page, wikitext)}) as address:
        monkeypatch.setenv("REFS_MEDIAWIKI_URL", address)
        library, report = io.read("https://en.wikipedia.org/wiki/Reading")
    talbott, asmus = library.records
    assert report.summary["read_from"] == "wikitext" and talbott.csl["URL"] == "https://archive.org/details/russiahand"
    assert report.summary["links_from_other_form"] == 1
