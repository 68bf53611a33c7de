"""report.html: one card per output record with everything the report knows about it,
counts equal to report.json's, every input value escaped, readable without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from refs import build as pipeline
from refs.model import Origin, Provenance, Record, make_date
from refs.review import corrections as cx
from refs.review import html as review_html

EVIL = '<script>document.title="pwned"</script> & "quotes" \'too\''


def records() -> tuple[list[Record], list[Record]]:
    a = Record("smith2001evil", "book", {"title": EVIL, "author": [{"family": "Smith", "given": "J."}],
                                          "issued": make_date(2001), "URL": "http://x.example/<b>"},
               origin=Origin("text", "list.txt", 3, "J. Smith, <script>…</script> (2001)"))
    b = Record("jones1999work", "article-journal",
               {"title": "A work", "author": [{"family": "Jones", "given": "K."}], "issued": make_date(1999),
                "container-title": "Journal", "volume": "4", "DOI": "10.5555/x"},
               origin=Origin("text", "list.txt", 4, "K. Jones, A work, Journal 4 (1999)"))
    b.provenance["DOI"] = Provenance("enrich", "crossref:10.5555/x", 0.97)
    b.provenance["container-title"] = Provenance("parse", "", 0.41)
    b.provenance["title"] = Provenance("parse", "", 0.95)
    b2 = Record("jones1999worka", "article-journal", {"title": "A work", "issued": make_date(1999),
                                                      "author": [{"family": "Jones", "given": "Karl"}]},
                origin=Origin("text", "list.txt", 9, "Jones, Karl. A work (1999)."))
    merged = b.copy()
    merged.aliases = ["jones1999worka"]
    merged.csl["author"] = [{"family": "Jones", "given": "Karl"}]
    merged.provenance["author"] = Provenance("dedup", "merged from jones1999worka")
    return [a, merged], [a, b, b2]


def report() -> dict:
    return {
        "source": "list.txt", "styles": ["apa"], "locales": ["en-US"],
        "counts": {"input": 3, "output": 2, "merged": 1},
        "notices": ["a <b>notice</b>"],
        "stages": {
            "read": {"problems": [{"message": "odd <i>line</i>", "file": "list.txt", "line": 3,
                                   "severity": "warning", "record": "smith2001evil"}]},
            "enrich": {"items": [
                {"id": "smith2001evil", "status": "no-match", "reason": "no candidate passed verification",
                 "fields": [],
                 "rejected": [{"source": "crossref", "id": "10.1/<evil>", "title": "<img src=x>",
                               "first_author": "Smith", "year": 2003, "confidence": 0.5,
                               "reasons": ["year 2003 is not 2001 <±1>"]}]},
                {"id": "jones1999work", "status": "enriched", "source": "crossref", "doi": "10.5555/x",
                 "fields": [{"field": "DOI", "value": "10.5555/x", "source": "crossref:10.5555/x",
                             "confidence": 0.97}]}]},
            "dedup": {"items": [{"action": "merged", "kept": "jones1999work",
                                 "ids": ["jones1999work", "jones1999worka"],
                                 "reasons": {"jones1999worka": ["same title", "same year (1999)"]},
                                 "conflicts": [], "notes": []}]},
            "links": {"items": [{"id": "smith2001evil", "url": "http://x.example/<b>", "status": "dead",
                                 "code": 404, "final_url": None,
                                 "archive_url": "https://web.archive.org/web/2015/http://x.example/",
                                 "detail": "404 Not Found"}]},
        },
        "corrections": {"file": "corrections.yaml", "entries": 1, "unknown": [],
                        "applied": [{"key": "jones1999work", "line": 2, "kind": "set",
                                     "record": "jones1999work",
                                     "after": "parse", "field": "volume", "value": "4", "old": "5"}]},
    }


@pytest.fixture()
def page() -> tuple[lxml_html.HtmlElement, str, dict]:
    out, before = records()
    text, counts = review_html.page(report(), out, before, {"smith2001evil": "Smith, J. (2001). &lt;x&gt;"},
                                    cx.loads("jones1999work:\n  set: {volume: '4'}\n"))
    return lxml_html.fromstring(text), text, counts


def test_one_card_per_record_in_order(page):
    doc, _, _ = page
    cards = doc.xpath("//main/article")
    assert [c.get("id") for c in cards] == ["r-smith2001evil", "r-jones1999work"]
    assert all("card" in c.get("class").split() for c in cards)


def test_counts_strip(page):
    doc, _, counts = page
    shown = {b.get("data-count"): int(b.text) for b in doc.xpath('//ul[@id="counts"]//b[@data-count]')}
    assert shown == {"input": 3, "output": 2, "merged": 1, **counts}
    assert counts == {"dropped": 0, "problems": 1, "low_confidence": 1, "corrected": 1, "enriched": 1,
                      "dead_links": 1}


def test_everything_from_the_input_is_escaped(page):
    doc, text, _ = page
    assert len(doc.xpath("//script")) == 1  # the page's own filter script only
    assert not doc.xpath("//img") and not doc.xpath("//b[text()='notice']") and not doc.xpath("//main//i")
    card = doc.get_element_by_id("r-smith2001evil")
    assert EVIL in card.xpath("./h2")[0].text_content()
    assert "<img src=x>" in card.text_content() and "10.1/<evil>" in card.text_content()
    assert '<script>document.title' not in text and "&lt;script&gt;document.title" in text
    assert "a <b>notice</b>" in doc.xpath('//div[contains(@class, "notices")]')[0].text_content()


def test_card_sections(page):
    doc, _, _ = page
    evil = doc.get_element_by_id("r-smith2001evil")
    classes = evil.get("class").split()
    assert {"problem", "dead"} <= set(classes) and "merged" not in classes
    body = evil.text_content()
    assert "list.txt:3" in body and "J. Smith, <script>…</script> (2001)" in body  # the source, as found
    assert "Smith, J. (2001). <x>" in evil.xpath('.//div[@class="entry"]')[0].text_content()
    assert "year 2003 is not 2001 <±1>" in body  # a rejected candidate and why
    assert "dead 404" in body and "archive: https://web.archive.org/web/2015/http://x.example/" in body
    assert "odd <i>line</i>" in body
    jones = doc.get_element_by_id("r-jones1999work")
    assert {"merged", "low", "corrected"} <= set(jones.get("class").split())
    low = jones.xpath('.//table[@class="fields"]//tr[@class="low"]/td[1]/text()')
    assert low == ["container-title"]  # parser confidence 0.41; the title's 0.95 is fine
    assert "crossref:10.5555/x, confidence 0.97" in jones.text_content()
    merge = jones.xpath('.//table[@class="merge"]')[0]
    assert merge.xpath(".//th//span/text()") == ["jones1999work", "jones1999worka"]
    author_row = [tr for tr in merge.xpath(".//tbody/tr") if tr[0].text == "author"][0]
    assert "merged from jones1999worka" in author_row[1].text_content()
    assert author_row[3].get("class") == "chosen" and author_row[2].get("class") is None
    assert "same title; same year (1999)" in jones.text_content()
    assert "line 2: set volume = 4 (was 5), after parse" in jones.text_content()
    snippet = jones.xpath('.//pre[@class="snippet"]')[0].text_content()
    assert cx.loads(snippet).items[0].set == {"volume": "4"}  # pastes back as what it says
    assert "# keep-apart: [jones1999worka]" in snippet and "# reject-doi: 10.5555/x" in snippet


def test_readable_without_javascript(page):
    doc, text, _ = page
    assert doc.get_element_by_id("filters").get("hidden") is not None  # the filters need JS: shown by it
    assert not doc.xpath("//*[@hidden and not(@id='filters')]")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', text)  # nothing from the network
    assert not doc.xpath("//link[@rel='stylesheet']") and not doc.xpath("//script[@src]")
    assert doc.xpath("//meta[@name='viewport']")


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("REFS_CACHE_DIR", str(tmp_path / "cache"))


def test_build_writes_report_html_with_matching_counts(tmp_path: Path):
    items = [{"id": "a1", "type": "book", "title": "<script>alert(1)</script>",
              "issued": {"date-parts": [[2001]]},
              "author": [{"family": "Smith", "given": "J."}]},
             {"id": "b2", "type": "book", "title": "Another book", "issued": {"date-parts": [[2002]]},
              "author": [{"family": "Jones", "given": "K."}]}]
    src = tmp_path / "list.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    out = tmp_path / "out"
    config = pipeline.BuildConfig(out=out, offline=True, styles=("apa",), locales=("en-US",))
    result = pipeline.build(src, config)
    assert out / "report.html" in result.files
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    doc = lxml_html.fromstring((out / "report.html").read_text(encoding="utf-8"))
    shown = {b.get("data-count"): int(b.text) for b in doc.xpath('//ul[@id="counts"]//b[@data-count]')}
    assert shown == report["counts"]
    assert [c.get("data-key") for c in doc.xpath("//main/article")] == [r["id"] for r in report["records"]]
    card = doc.get_element_by_id("r-a1")
    assert "<script>alert(1)</script>" in card.xpath("./h2")[0].text_content()
    assert "<script>alert(1)</script>" in card.xpath('.//div[@class="entry"]')[0].text_content()
    assert len(doc.xpath("//script")) == 1


def test_links_of_an_online_build_on_the_cards(tmp_path: Path, httpserver):
    from refs.links import CheckConfig

    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    items = [{"id": "live2001", "type": "webpage", "title": "Live page", "URL": httpserver.url_for("/ok")},
             {"id": "dead2002", "type": "webpage", "title": "Dead page", "URL": httpserver.url_for("/gone")}]
    src = tmp_path / "links.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    out = tmp_path / "out"
    pipeline.build(src, pipeline.BuildConfig(out=out, enrich=False, styles=("apa",), locales=("en-US",),
                                             link_config=CheckConfig(retries=0, timeout=5)))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    doc = lxml_html.fromstring((out / "report.html").read_text(encoding="utf-8"))
    dead = doc.get_element_by_id("r-dead2002")
    assert "dead" in dead.get("class").split() and "problem" in dead.get("class").split()
    row = dead.xpath('.//table[@class="links"]//tbody/tr')[0]
    assert row[0].text_content().strip() == "dead 404"
    assert httpserver.url_for("/gone") in row[1].text_content()
    live = doc.get_element_by_id("r-live2001")
    assert "dead" not in live.get("class").split()
    assert live.xpath('.//table[@class="links"]//tbody/tr')[0][0].text_content().startswith("ok")
    assert report["counts"]["dead_links"] == 1
    assert int(doc.xpath('//b[@data-count="dead_links"]')[0].text) == 1
