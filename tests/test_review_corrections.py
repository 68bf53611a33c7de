"""corrections.yaml: validation with line numbers, and each kind applied at its stage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "servers"))

from crossref_server import CrossrefServer, work  # noqa: E402

from refs import build as pipeline  # noqa: E402
from refs import net  # noqa: E402
from refs.cli.main import cli  # noqa: E402
from refs.dedup import dedup  # noqa: E402
from refs.enrich import EnrichConfig  # noqa: E402
from refs.model import Record, make_date  # noqa: E402
from refs.review import corrections as cx  # noqa: E402


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("REFS_CACHE_DIR", str(tmp_path / "cache"))


def rec(rid: str, title: str, family: str, year: int, **csl: object) -> Record:
    names = [{"family": family, "given": "A."}]
    return Record(rid, str(csl.pop("type", "book")),
                  {"title": title, "author": names, "issued": make_date(year), **csl})


# -- reading ---------------------------------------------------------------------------------

def test_reads_every_kind():
    c = cx.loads("""\
a2001x:
  set: {publisher: Columbia University Press, publisher-place: New York, issued: 2002-05, volume: 3}
  clear: [note]
b2002y:
  reject-doi: https://doi.org/10.1017/ABC.1
c2003z:
  keep-apart: c2003za
  merge-with: [c2003zb, c2003zc]
d2004w:
  drop: true
e2005v:
  set:
    author: ["Smith, John", {literal: World Bank}]
""")
    a, b, cc, d, e = c.items
    assert a.set == {"publisher": "Columbia University Press", "publisher-place": "New York",
                     "issued": {"date-parts": [[2002, 5]]}, "volume": "3"}
    assert a.clear == ["note"] and a.line == 1 and a.lines["clear"] == 3
    assert b.reject_doi == ["10.1017/abc.1"]
    assert cc.keep_apart == ["c2003za"] and cc.merge_with == ["c2003zb", "c2003zc"]
    assert d.drop is True
    assert e.set["author"] == [{"family": "Smith", "given": "John"}, {"literal": "World Bank"}]
    assert cx.loads("# nothing yet\n").items == []
    assert cx.loads("a2001x:\n  # every line commented out\n").items[0].key == "a2001x"


@pytest.mark.parametrize("text, line, words", [
    ("a:\n  set: {title: x\n  b: 1\n", 3, "not valid YAML"),
    ("a:\n  sett: {title: x}\n", 2, "did you mean 'set'"),
    ("a:\n  set: {titel: x}\n", 2, "did you mean 'title'"),
    ("a:\n  set: {title: x}\na:\n  drop: true\n", 3, "appears twice"),
    ("a:\n  drop: yes please\n", 2, "true or false"),
    ("a:\n  reject-doi: not-a-doi\n", 2, "is not a DOI"),
    ("- a\n- b\n", 1, "must be a mapping"),
    ("a:\n  set: {type: bok}\n", 2, "did you mean 'book'"),
    ("a:\n  set: {title: x}\n  clear: [title]\n", 3, "both set and cleared"),
    ("a:\n  keep-apart: [a]\n", 2, "names itself"),
    ("a:\n  set: {issued: sometime}\n", 2, "give a year"),
    ("a:\n  set: {title: ''}\n", 2, "use clear"),
    ("a:\n  set: {volume: [1, 2]}\n", 2, "not a list"),
    ("a: [1]\n", 1, "must be a mapping"),
])
def test_malformed_files_name_the_line(tmp_path, text, line, words):
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cx.CorrectionsError) as info:
        cx.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: error: "), message
    assert words in message


def test_malformed_file_stops_the_build_before_it_starts(tmp_path):
    src = tmp_path / "list.json"
    src.write_text(json.dumps([rec("a2001x", "A title", "Smith", 2001).to_csl()]), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "corrections.yaml").write_text("a2001x:\n  set: {title: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(src), "--offline", "--out", str(out)])
    assert result.exit_code == 2
    assert "corrections.yaml:2: error: not valid YAML" in result.output
    assert "Traceback" not in result.output
    assert not (out / "references.bib").exists() and not (out / "report.json").exists()
    missing = CliRunner().invoke(cli, ["build", str(src), "--offline", "--out", str(out),
                                       "--corrections", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such corrections file" in missing.output


# -- applying ---------------------------------------------------------------------------------

def test_set_and_clear_are_recorded_and_repeatable():
    c = cx.loads("a2001x:\n  set: {publisher: P, title: Right title}\n  clear: [note]\n")
    original = rec("a2001x", "Wrong title", "Smith", 2001, note="p. 4")
    [r], items = cx.apply_fields([original], c, "parse")
    assert r.title == "Right title" and r.get("publisher") == "P" and "note" not in r.csl
    assert r.provenance["title"].stage == "correction"
    assert r.provenance["title"].source == "corrections.yaml:2"
    assert r.provenance["note"].stage == "correction"
    assert original.title == "Wrong title"  # the input record is not changed
    kinds = [(i["kind"], i["field"]) for i in items]
    assert kinds == [("set", "publisher"), ("set", "title"), ("clear", "note")]
    assert items[1]["old"] == "Wrong title"
    # again after another stage: nothing to do, nothing reported
    [r2], again = cx.apply_fields([r], c, "enrich")
    assert r2 is r and again == []


def test_aliases_are_accepted_as_keys():
    c = cx.loads("old2001key:\n  set: {publisher: P}\n")
    r = rec("new2001key", "T", "Smith", 2001)
    r.aliases = ["old2001key"]
    [fixed], items = cx.apply_fields([r], c, "dedup")
    assert fixed.get("publisher") == "P" and items[0]["record"] == "new2001key"
    assert cx.unknown_keys(c, ["new2001key", "old2001key"]) == []


def test_unknown_keys_come_with_the_closest():
    c = cx.loads("smith2001titel:\n  drop: true\nx:\n  keep-apart: [nothing1999]\n")
    unknown = cx.unknown_keys(c, ["smith2001title", "smith2002other", "jones1999"])
    assert unknown[0] == {"key": "smith2001titel", "line": 1, "closest": ["smith2001title", "smith2002other"]}
    assert {u["key"] for u in unknown} == {"smith2001titel", "x", "nothing1999"}


def test_drop_before_export():
    c = cx.loads("b2002y:\n  drop: true\n")
    records = [rec("a2001x", "A", "Smith", 2001), rec("b2002y", "B", "Jones", 2002)]
    kept, items = cx.apply_drops(records, c)
    assert [r.id for r in kept] == ["a2001x"] and items[0]["kind"] == "drop" and items[0]["title"] == "B"


SAME = ("The logic of scientific discovery", "Popper", 2002)


def test_keep_apart_and_merge_with_in_dedup():
    twins = [rec("popper2002a", *SAME), rec("popper2002b", *SAME)]
    merged, _ = dedup(twins)
    assert len(merged) == 1
    apart, report = dedup(twins, cannot_link=[("popper2002a", "popper2002b")])
    assert [r.id for r in apart] == ["popper2002a", "popper2002b"]
    assert any("keep-apart" in i.get("why", "") for i in report.items)
    strangers = [rec("smith2001x", "Alpha", "Smith", 2001), rec("jones1990y", "Beta", "Jones", 1990)]
    assert len(dedup(strangers)[0]) == 2
    one, report = dedup(strangers, must_link=[("jones1990y", "smith2001x")])
    assert len(one) == 1
    group = next(i for i in report.items if i["action"] == "merged")
    assert any("merge-with" in r for why in group["reasons"].values() for r in why)


def test_keep_apart_is_not_undone_through_a_third_record():
    three = [rec("p2002a", *SAME), rec("p2002b", *SAME), rec("p2002c", *SAME)]
    out, _ = dedup(three, cannot_link=[("p2002a", "p2002c")])
    groups = [set([r.id, *r.aliases]) for r in out]
    assert not any({"p2002a", "p2002c"} <= g for g in groups)


def test_build_applies_keep_apart_merge_with_and_drop(tmp_path):
    items = [rec("popper2002a", *SAME), rec("popper2002b", *SAME), rec("smith2001x", "Alpha", "Smith", 2001),
             rec("jones1990y", "Beta", "Jones", 1990), rec("gone2000z", "Gamma", "Gone", 2000)]
    src = tmp_path / "list.json"
    src.write_text(json.dumps([r.to_csl() for r in items]), encoding="utf-8")
    fix = tmp_path / "fix.yaml"
    fix.write_text("popper2002a:\n  keep-apart: [popper2002b]\njones1990y:\n  merge-with: [smith2001x]\n"
                   "gone2000z:\n  drop: true\n", encoding="utf-8")
    out = tmp_path / "out"
    result = pipeline.build(src, pipeline.BuildConfig(out=out, offline=True, corrections=fix,
                                                      styles=("apa",), locales=("en-US",)))
    ids = sorted(r.id for r in result.records)
    assert len(ids) == 3 and "gone2000z" not in ids and {"popper2002a", "popper2002b"} <= set(ids)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["dropped"] == 1 and report["counts"]["merged"] == 1
    assert all(i.get("honoured", True) for i in report["corrections"]["applied"])
    assert report["corrections"]["unknown"] == []


# -- inside enrichment ---------------------------------------------------------------------------

WORKS = [work("10.5555/true.1", "Charges ride the spin wave", [("Timo", "Kuschel"), ("Günter", "Reiss")],
              2014, container="Nature Nanotechnology", volume="10", issue="1", page="22-24")]


def article() -> dict:
    return {"id": "kuschel2014charges", "type": "article-journal", "title": "Charges ride the spin wave",
            "author": [{"family": "Kuschel", "given": "T."}, {"family": "Reiss", "given": "G."}],
            "issued": {"date-parts": [[2014]]}}


def enriched_build(tmp_path: Path, server: CrossrefServer, corrections: str, **kw) -> dict:
    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / "list.json"
    src.write_text(json.dumps([article()]), encoding="utf-8")
    fix = tmp_path / "fix.yaml"
    fix.write_text(corrections, encoding="utf-8")
    client = net.Client(net.NetConfig(cache=False, backoff=0.01, timeout=(1.0, 2.0), mailto="t@example.org"))
    cfg = EnrichConfig(crossref_url=server.url, client=client, openlibrary_url=None, **kw)
    out = tmp_path / "out"
    result = pipeline.build(src, pipeline.BuildConfig(out=out, corrections=fix, enrich_config=cfg,
                                                      check_links=False, styles=("apa",), locales=("en-US",)))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"record": result.records[0], "report": report,
            "html": (out / "report.html").read_text(encoding="utf-8")}


def test_reject_doi_inside_enrichment(tmp_path):
    with CrossrefServer(WORKS) as server:
        plain = enriched_build(tmp_path / "1", server, "")
        assert plain["record"].get("DOI") == "10.5555/true.1"
        got = enriched_build(tmp_path / "2", server, "kuschel2014charges:\n  reject-doi: 10.5555/TRUE.1\n")
    r = got["record"]
    assert r.get("DOI") is None and r.get("volume") is None
    [item] = got["report"]["stages"]["enrich"]["items"]
    assert item["status"] == "no-match"
    assert item["rejected"][-1]["id"] == "10.5555/true.1"
    assert "rejected by a correction" in item["rejected"][-1]["reasons"][0]
    assert "rejected by a correction" in got["html"]


def test_enrichment_never_overwrites_a_corrected_field(tmp_path):
    with CrossrefServer(WORKS) as server:
        got = enriched_build(tmp_path, server, "kuschel2014charges:\n  set: {issue: '7'}\n  clear: [page]\n",
                             overwrite=True)
    r = got["record"]
    assert r.get("DOI") == "10.5555/true.1"  # the match is still used for the other fields
    assert r.get("volume") == "10" and r.provenance["volume"].stage == "enrich"
    assert r.get("issue") == "7" and r.provenance["issue"].stage == "correction"
    assert "page" not in r.csl and r.provenance["page"].stage == "correction"
    after = [(i["kind"], i["field"], i["after"]) for i in got["report"]["corrections"]["applied"]]
    assert ("set", "issue", "parse") in after and ("set", "issue", "enrich") in after
    assert ("clear", "page", "enrich") in after


def test_set_doi_corrects_a_wrong_parse_and_enrichment_uses_it(tmp_path):
    with CrossrefServer(WORKS) as server:
        got = enriched_build(tmp_path, server, "kuschel2014charges:\n  set: {DOI: 10.5555/true.1}\n")
    r = got["record"]
    assert r.get("volume") == "10" and r.provenance["DOI"].stage == "correction"


# -- refs review -------------------------------------------------------------------------------

def test_review_prints_the_path_without_a_display(tmp_path, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    (tmp_path / "report.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert result.exit_code == 0 and result.output.strip() == str((tmp_path / "report.html").resolve())
    assert opened == []
    monkeypatch.setenv("DISPLAY", ":0")
    result = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert result.exit_code == 0 and opened == [(tmp_path / "report.html").resolve().as_uri()]
    missing = CliRunner().invoke(cli, ["review", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "run refs build first" in missing.output
