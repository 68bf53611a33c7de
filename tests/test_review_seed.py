"""The issue's target on the seed: a corrections.yaml that sets two fields, clears one,
keeps the two Talbott entries apart, drops one record and names an unknown key. Every
correction shows in every output that carries the field; 27 references → 25 works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from refs import build as pipeline
from refs.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"

CORRECTIONS = """\
# the issue's scenario
goldgeier1999not:
  set: {publisher: Brookings Institution Press}
pouliot2010international:
  set:
    publisher: Cambridge University Press
asmus1993building:
  clear: [note]
talbott2002russia:
  keep-apart: [talbott2002russiaa]
rand2020russia:
  drop: true
talbot2002russia:
  set: {title: The Russia Hand}
"""


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("REFS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, pipeline.BuildResult]:
    out = tmp_path_factory.mktemp("seed")
    (out / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(out / "cache"))
    mp.setenv("REFS_CACHE_DIR", str(out / "cache"))
    try:
        result = pipeline.build(SEED, pipeline.BuildConfig(out=out, offline=True))
    finally:
        mp.undo()
    return out, result


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def renders(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("references.*.*.*"))


def test_counts(built):
    out, result = built
    report = json.loads(read(out, "report.json"))
    counts = report["counts"]
    assert (counts["input"], counts["merged"], counts["dropped"], counts["output"]) == (27, 1, 1, 25)
    assert len(json.loads(read(out, "references.json"))) == 25
    assert read(out, "references.ris").count("ER  -") == 25
    assert len(re.findall(r"^@\w+\{", read(out, "references.bib"), re.M)) == 25
    assert read(out, "references.wiki").count("{{cite") == 25
    for name in renders(out):
        if name.endswith(".txt"):
            assert len(read(out, name).strip().splitlines()) == 25, name


def test_set_fields_show_everywhere(built):
    out, _ = built
    for name in ["references.bib", "references.json", "references.ris", "references.wiki", *renders(out)]:
        text = read(out, name)
        assert "Brookings Institution Press" in text, name
        assert "Cambridge University Press" in text and "Cambridge UP" not in text, name
    items = {i["id"]: i for i in json.loads(read(out, "references.json"))}
    prov = items["goldgeier1999not"]["custom"]["provenance"]["publisher"]
    assert prov["stage"] == "correction" and prov["source"] == "corrections.yaml:3"


def test_cleared_field_is_gone(built):
    out, _ = built
    bib = read(out, "references.bib")
    entry = bib[bib.index("@article{asmus1993building"):]
    entry = entry[:entry.index("\n}\n")]
    assert "note" not in entry
    ris = read(out, "references.ris")
    block = ris[ris.index("ID  - asmus1993building"):]
    assert "N1  - online" not in block[:block.index("ER  -")]
    items = {i["id"]: i for i in json.loads(read(out, "references.json"))}
    assert "note" not in items["asmus1993building"]
    assert items["asmus1993building"]["custom"]["provenance"]["note"]["stage"] == "correction"


def test_talbott_kept_apart_and_rand_dropped(built):
    out, _ = built
    for name in ["references.bib", "references.json", "references.ris", "references.wiki", *renders(out)]:
        text = read(out, name)
        assert text.count("Russia Hand") == 2, name
        assert "Hostile Measures" not in text, name
    report = json.loads(read(out, "report.json"))
    rand = next(i for i in report["input"] if i["id"] == "rand2020russia")
    assert rand["kept_as"] is None and rand["dropped_by"] == "rand2020russia"
    kinds = {i["kind"] for i in report["corrections"]["applied"]}
    assert kinds == {"set", "clear", "keep-apart", "drop"}
    apart = next(i for i in report["corrections"]["applied"] if i["kind"] == "keep-apart")
    assert apart["honoured"] is True


def test_unknown_key_is_reported(built):
    out, result = built
    report = json.loads(read(out, "report.json"))
    [unknown] = report["corrections"]["unknown"]
    assert unknown["key"] == "talbot2002russia" and unknown["line"] == 13
    assert unknown["closest"][0] == "talbott2002russia"
    assert any("talbot2002russia" in n and "closest: talbott2002russia" in n for n in result.notices)
    page = lxml_html.fromstring(read(out, "report.html"))
    assert page.xpath('//li[@class="unknown"]//span[text()="talbot2002russia"]')


def test_report_html_shows_every_correction(built):
    out, _ = built
    page = lxml_html.fromstring(read(out, "report.html"))
    cards = page.xpath("//main/article")
    assert len(cards) == 25
    goldgeier = page.get_element_by_id("r-goldgeier1999not")
    assert "corrected" in goldgeier.get("class")
    assert "corrections.yaml:3" in goldgeier.text_content()
    assert "cleared" in page.get_element_by_id("r-asmus1993building").text_content()
    assert "keep-apart" in page.get_element_by_id("r-talbott2002russia").text_content()
    assert not page.xpath('//article[@id="r-rand2020russia"]')
    box = page.xpath('//div[contains(@class, "corrections")]')[0].text_content()
    assert "drop" in box and "rand2020russia" in box


def test_cli_exit_status_and_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SEED), "--offline", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "corrections.yaml:13: warning: no record has the key 'talbot2002russia'" in result.output
    assert "1 dropped, 25 written" in result.output
    # the same file given with --corrections, the unknown key removed: a clean build
    fixed = tmp_path / "mine.yaml"
    fixed.write_text(CORRECTIONS.split("talbot2002russia:")[0], encoding="utf-8")
    (out / "corrections.yaml").unlink()
    result = CliRunner().invoke(cli, ["build", str(SEED), "--offline", "--out", str(out),
                                      "--corrections", str(fixed)])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["corrections"]["file"] == "mine.yaml"
