"""``refs build`` end to end on tiny inputs: every output written, duplicates merged,
offline with one notice, bad records isolated, stage failures survived."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import build as pipeline
from refs.cli.main import cli

ITEMS = [
    {"id": "asmus2002a", "type": "book", "title": "Opening NATO's Door: How the Alliance Remade Itself "
     "for a New Era", "author": [{"family": "Asmus", "given": "Ronald D."}],
     "publisher": "Columbia University Press", "publisher-place": "New York",
     "issued": {"date-parts": [[2002]]}},
    {"id": "asmus2002b", "type": "book", "title": "Opening NATO's door : how the alliance remade itself "
     "for a new era", "author": [{"family": "Asmus", "given": "R. D."}],
     "issued": {"date-parts": [[2002]]}, "ISBN": "9780231127769"},
    {"id": "talbott2002", "type": "book", "title": "The Russia Hand: A Memoir of Presidential Diplomacy",
     "author": [{"family": "Talbott", "given": "Strobe"}], "publisher": "Random House",
     "issued": {"date-parts": [[2002]]}},
    {"id": "nato1997", "type": "webpage", "title": "Founding Act on Mutual Relations, Cooperation and "
     "Security between NATO and the Russian Federation", "author": [{"literal": "NATO"}],
     "issued": {"date-parts": [[1997, 5, 27]]}, "URL": "http://127.0.0.1:9/founding-act",
     "language": "en"},
]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(ITEMS, ensure_ascii=False), encoding="utf-8")
    return path


def offline_config(out: Path, **kw) -> pipeline.BuildConfig:
    return pipeline.BuildConfig(out=out, offline=True, **kw)


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    # the enrich cache lives in the user's cache folder: point it at an empty one
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("REFS_CACHE_DIR", str(tmp_path / "cache"))


def test_offline_build_writes_everything(source, tmp_path):
    out = tmp_path / "out"
    result = pipeline.build(source, offline_config(out))
    names = sorted(p.name for p in out.iterdir())
    expected = {"references.bib", "references.json", "references.ris", "references.wiki", "report.json"}
    for style in pipeline.DEFAULT_STYLES:
        for locale in pipeline.DEFAULT_LOCALES:
            for ext in ("txt", "html", "md"):
                expected.add(f"references.{style}.{locale}.{ext}")
    assert expected <= set(names)
    assert not result.failed

    # the two Asmus records are one work
    csl = json.loads((out / "references.json").read_text(encoding="utf-8"))
    assert len(csl) == 3
    titles = [c["title"] for c in csl]
    assert sum("Opening NATO" in t for t in titles) == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"input": 4, "output": 3, "merged": 1, "dropped": 0, "problems": 0,
                                "low_confidence": 0, "corrected": 0, "enriched": 0, "dead_links": 0}
    groups = report["stages"]["dedup"]["summary"]["groups"]
    assert any(set(g) == {"asmus2002a", "asmus2002b"} for g in groups)
    links = report["stages"]["links"]
    assert links["skipped"] == "offline" and links["summary"] == {"links": 1, "unknown": 1}
    assert links["items"] == [{"id": links["items"][0]["id"], "url": "http://127.0.0.1:9/founding-act",
                               "field": "URL", "status": "unknown"}]

    # exactly one enrichment notice, and it says offline
    enrich_notes = [n for n in result.notices if "enrich" in n]
    assert len(enrich_notes) == 1 and enrich_notes[0].startswith("offline")

    for path in out.glob("references.apa.*.txt"):
        text = path.read_text(encoding="utf-8")
        assert "Talbott" in text and "Asmus" in text
    html = (out / "references.apa.el-GR.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert '<html lang="el-GR">' in html and html.count('class="csl-entry"') == 3
    md = (out / "references.apa.en-US.md").read_text(encoding="utf-8")
    assert len(md.strip().split("\n\n")) == 3  # one paragraph per entry
    bib = (out / "references.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@\w+\{", bib, re.M)) == 3
    assert "{{cite" in (out / "references.wiki").read_text(encoding="utf-8").lower()
    assert (out / "references.ris").read_text(encoding="utf-8").count("ER  -") == 3


def test_greek_locale_differs(source, tmp_path):
    out = tmp_path / "out"
    pipeline.build(source, offline_config(out, styles=("chicago-author-date",)))
    en = (out / "references.chicago-author-date.en-US.txt").read_text(encoding="utf-8")
    el = (out / "references.chicago-author-date.el-GR.txt").read_text(encoding="utf-8")
    assert en != el  # terms ("edited by", "accessed", ...) are localised


def test_builds_are_reproducible(source, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    pipeline.build(source, offline_config(a))
    pipeline.build(source, offline_config(b))
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name


def test_a_record_that_breaks_the_renderer_is_left_out(source, tmp_path, monkeypatch):
    from refs import render

    real = render.render_entries

    def fragile(records, *args, **kwargs):
        if any(r.id == "talbott2002" for r in records):
            raise RuntimeError("boom")
        return real(records, *args, **kwargs)

    monkeypatch.setattr(render, "render_entries", fragile)
    out = tmp_path / "out"
    result = pipeline.build(source, offline_config(out, locales=("en-US",)))
    text = (out / "references.apa.en-US.txt").read_text(encoding="utf-8")
    assert "Asmus" in text and "Talbott" not in text
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["stages"]["render"]["left_out"]["references.apa.en-US.txt"] == ["talbott2002"]
    assert any("talbott2002" in n for n in result.notices)
    # the exports still have it
    assert "Talbott" in (out / "references.bib").read_text(encoding="utf-8")


def test_a_record_that_breaks_a_writer_is_left_out_of_that_file_only(source, tmp_path, monkeypatch):
    from refs.io import ris

    real = ris.dumps

    def fragile(library, **kw):
        if any(r.id == "nato1997" for r in library.records):
            raise ValueError("cannot write this one")
        return real(library, **kw)

    monkeypatch.setattr(ris, "dumps", fragile)
    out = tmp_path / "out"
    pipeline.build(source, offline_config(out, locales=("en-US",)))
    assert (out / "references.ris").read_text(encoding="utf-8").count("ER  -") == 2
    assert "Founding Act" in (out / "references.json").read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["stages"]["export"]["left_out"] == {"references.ris": ["nato1997"]}


def test_a_failing_stage_does_not_stop_the_run(source, tmp_path, monkeypatch):
    import refs.dedup

    def broken(records, **options):
        raise RuntimeError("dedup exploded")

    monkeypatch.setattr(refs.dedup, "dedup", broken)
    out = tmp_path / "out"
    result = pipeline.build(source, offline_config(out, locales=("en-US",)))
    assert result.failed
    assert len(json.loads((out / "references.json").read_text(encoding="utf-8"))) == 4  # un-merged
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["errors"][0]["stage"] == "dedup" and "exploded" in report["errors"][0]["error"]


def test_links_are_checked_when_online(source, tmp_path, httpserver):
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    items = [dict(ITEMS[2], URL=httpserver.url_for("/ok")), dict(ITEMS[3], URL=httpserver.url_for("/gone"))]
    src = tmp_path / "links.json"
    src.write_text(json.dumps(items), encoding="utf-8")
    out = tmp_path / "out"
    from refs.links import CheckConfig

    result = pipeline.build(src, pipeline.BuildConfig(out=out, enrich=False, locales=("en-US",),
                                                      link_config=CheckConfig(retries=0, timeout=5)))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {i["url"].rsplit("/", 1)[1]: i["status"] for i in report["stages"]["links"]["items"]}
    assert statuses == {"ok": "ok", "gone": "dead"}
    assert not result.failed


def test_text_input_is_parsed(tmp_path):
    src = tmp_path / "reading.txt"
    src.write_text(
        "Further reading\n\n"
        "Asmus, Ronald D. Opening NATO's Door: How the Alliance Remade Itself for a New Era. "
        "New York: Columbia University Press, 2002.\n"
        "Talbott, Strobe. The Russia Hand: A Memoir of Presidential Diplomacy. "
        "New York: Random House, 2002.\n"
        "Asmus, Ronald D. (2002). Opening NATO's Door: How the Alliance Remade Itself for a New Era. "
        "Columbia University Press.\n", encoding="utf-8")
    out = tmp_path / "out"
    pipeline.build(src, offline_config(out, locales=("en-US",)))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["stages"]["read"]["format"] == "text"
    assert report["counts"]["input"] == 3 and report["counts"]["output"] == 2
    assert all(i["line"] for i in report["input"])


def test_cli_build(source, tmp_path):
    out = tmp_path / "cli-out"
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out), "--offline",
                                      "--style", "apa", "--locale", "el-GR"])
    assert result.exit_code == 0, result.output
    assert "4 records read, 1 merged, 3 written" in result.output
    assert "offline" in result.output  # the one notice
    assert (out / "references.apa.el-GR.md").exists()
    assert not (out / "references.chicago-author-date.el-GR.md").exists()


def test_cli_build_missing_source(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_build_unknown_style(source, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(source), "--out", str(tmp_path / "o"), "--offline",
                                      "--style", "no-such-style-xyz"])
    assert result.exit_code == 2
    assert "unknown style 'no-such-style-xyz'" in result.output and "Traceback" not in result.output


SHARED = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = Path(__file__).resolve().parents[1] / "nato_refs" / "nato-russia-relations.el.txt"


@pytest.mark.skipif(not SEED.exists() and not (SHARED / "seed").exists(), reason="seed text absent")
def test_nato_reading_list_offline(tmp_path):
    seed = SEED if SEED.exists() else SHARED / "seed" / "nato-russia-relations.el.txt"
    out = tmp_path / "nato"
    result = pipeline.build(seed, offline_config(out))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["output"] == 25
    merged = [g for g in report["stages"]["dedup"]["summary"]["groups"] if len(g) > 1]
    assert len(merged) == 2
    assert not result.failed


def test_cli_build_skips_a_broken_bibtex_entry(tmp_path):
    src = tmp_path / "bad.bib"
    src.write_text("@book{good1,\n  title = {One Good Book},\n  author = {Smith, John},\n"
                   "  year = {2001}\n}\n\n"
                   "@article{broken,\n  title = {Unclosed,\n  year = 2003\n\n"
                   "@book{good2,\n  title = {Another Book},\n  author = {Doe, Jane},\n  year = {2004}\n}\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--offline", "--locale", "en-US"])
    assert result.exit_code == 1  # something was skipped
    assert f"{src}:7: error:" in result.output
    bib = (out / "references.bib").read_text(encoding="utf-8")
    assert "good1" in bib and "good2" in bib and "broken" not in bib


def test_offline_build_is_served_from_an_earlier_cache(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "servers"))
    from crossref_server import CrossrefServer, work

    from refs.enrich import EnrichConfig

    works = [work("10.5555/russia.hand", "The Russia Hand: A Memoir of Presidential Diplomacy",
                  [("Strobe", "Talbott")], 2002, type="book", publisher="Random House",
                  ISBN=["9780375507625"], **{"publisher-location": "New York"})]
    src = tmp_path / "one.json"
    src.write_text(json.dumps([{"id": "talbott2002", "type": "book", "title": "The Russia Hand",
                                "author": [{"family": "Talbott", "given": "Strobe"}],
                                "issued": {"date-parts": [[2002]]}}]), encoding="utf-8")
    cache = tmp_path / "http.sqlite"
    with CrossrefServer(works) as server:
        def cfg() -> EnrichConfig:
            return EnrichConfig(crossref_url=server.url, openlibrary_url=None, cache=cache)

        online = pipeline.build(src, pipeline.BuildConfig(out=tmp_path / "a", locales=("en-US",),
                                                          check_links=False, enrich_config=cfg()))
        assert online.records[0].get("DOI") == "10.5555/russia.hand"
        later = cfg()
    # the server is gone: only the cache can answer now
    result = pipeline.build(src, pipeline.BuildConfig(out=tmp_path / "b", locales=("en-US",), offline=True,
                                                      enrich_config=later))
    assert result.records[0].get("DOI") == "10.5555/russia.hand"
    assert [n for n in result.notices if "enrich" in n] == [
        "offline: enrichment served from the cache for 1 record(s); 0 not in the cache left as parsed"]
    csl = json.loads((tmp_path / "b" / "references.json").read_text(encoding="utf-8"))
    assert csl[0]["publisher"] == "Random House"


def test_cli_build_on_a_folder(source, tmp_path):
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "list.json").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(folder), "--offline", "--locale", "en-US"])
    assert first.exit_code == 0, first.output
    assert (folder / "references.json").exists() and (folder / "report.json").exists()
    again = runner.invoke(cli, ["build", str(folder), "--offline", "--locale", "en-US"])  # outputs ignored
    assert again.exit_code == 0, again.output
    assert "4 records read" in again.output
    (folder / "other.bib").write_text("@book{x, title={X}, year={2000}}\n", encoding="utf-8")
    both = runner.invoke(cli, ["build", str(folder), "--offline"])
    assert both.exit_code == 2 and "list.json, other.bib" in both.output


def test_cli_offline_build_uses_the_cache_of_an_online_run(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "servers"))
    from crossref_server import CrossrefServer, work

    works = [work("10.5555/opening", "Opening NATO's Door: How the Alliance Remade Itself for a New Era",
                  [("Ronald D.", "Asmus")], 2002, type="book", publisher="Columbia University Press")]
    src = tmp_path / "list.json"
    src.write_text(json.dumps([ITEMS[0]]), encoding="utf-8")
    cache = str(tmp_path / "c.sqlite")
    runner = CliRunner()
    monkeypatch.setenv("REFS_OPENLIBRARY_URL", "none")
    with CrossrefServer(works) as server:
        monkeypatch.setenv("REFS_CROSSREF_URL", server.url)
        online = runner.invoke(cli, ["build", str(src), "--out", str(tmp_path / "a"), "--cache", cache,
                                     "--no-links", "--locale", "en-US"])
        assert online.exit_code == 0, online.output
    offline = runner.invoke(cli, ["build", str(src), "--out", str(tmp_path / "b"), "--cache", cache,
                                  "--offline", "--locale", "en-US"])
    assert offline.exit_code == 0, offline.output
    assert "served from the cache for 1 record(s)" in offline.output
    csl = json.loads((tmp_path / "b" / "references.json").read_text(encoding="utf-8"))
    assert csl[0]["DOI"] == "10.5555/opening"


def test_style_given_as_a_file(source, tmp_path):
    from refs.render import styles

    path = styles.resolve("ieee").path
    out = tmp_path / "out"
    pipeline.build(source, offline_config(out, styles=(str(path),), locales=("en-US",)))
    text = (out / f"references.{path.stem}.en-US.txt").read_text(encoding="utf-8")
    assert text.startswith("[1]")
