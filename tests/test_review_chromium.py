"""report.html in a real browser (optional: skipped without /usr/bin/chromium).

Headless Chromium, driven over the DevTools protocol on a pipe (tests/chromium_cdp.py),
opens the page from file:// at 375 and 1280 px: no console errors, one card per output
record, the counts of report.json, no horizontal overflow anywhere (every card laid
out), the filters and the search working, ``<script>`` in a title shown as text, and
everything visible with JavaScript off."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from chromium_cdp import Browser, available  # noqa: E402

from refs import build as pipeline  # noqa: E402

pytestmark = pytest.mark.skipif(not available(), reason="no /usr/bin/chromium")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "nato_refs" / "nato-russia-relations.el.txt"
CORRECTIONS = """\
goldgeier1999not:
  set: {publisher: Brookings Institution Press}
asmus1993building:
  clear: [note]
rand2020russia:
  drop: true
nobody1999:
  drop: true
"""
LONG = "https://example.org/" + "a-very-long-path-segment-without-any-break" * 6
EXTRA = [
    {"id": "evil2001", "type": "webpage", "title": '<script>window.pwned=1;document.title="pwned"</script>',
     "author": [{"family": "Evil", "given": "E."}], "issued": {"date-parts": [[2001]]}, "URL": LONG},
    {"id": "long2002", "type": "article-journal",
     "title": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3,
     "container-title": "Journal" * 20, "author": [{"literal": "Organisation" * 12}],
     "issued": {"date-parts": [[2002]]}, "page": "1-2"},
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[tuple[Path, dict]]:
    mp = pytest.MonkeyPatch()
    base = tmp_path_factory.mktemp("chromium")
    mp.setenv("XDG_CACHE_HOME", str(base / "cache"))
    mp.setenv("REFS_CACHE_DIR", str(base / "cache"))
    out = []
    try:
        seed = base / "seed"
        seed.mkdir()
        (seed / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
        pipeline.build(SEED, pipeline.BuildConfig(out=seed, offline=True, styles=("apa",),
                                                  locales=("en-US",)))
        src = base / "extra.json"
        src.write_text(json.dumps(EXTRA), encoding="utf-8")
        pipeline.build(src, pipeline.BuildConfig(out=base / "extra", offline=True, styles=("apa",),
                                                 locales=("en-US",)))
        for folder in (seed, base / "extra"):
            out.append((folder / "report.html", json.loads((folder / "report.json").read_text("utf-8"))))
    finally:
        mp.undo()
    return out


OVERFLOW = """(() => {
  document.querySelectorAll('.card').forEach(c => c.style.contentVisibility = 'visible');
  const width = document.documentElement.clientWidth, bad = [];
  for (const el of document.querySelectorAll('header *, main *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1) bad.push(el.tagName + '.' + el.className + ' ' + r.right);
  }
  return {width, scroll: document.documentElement.scrollWidth, inner: innerWidth, bad: bad.slice(0, 5)};
})()"""

COUNTS = """Object.fromEntries([...document.querySelectorAll('#counts b[data-count]')]
  .map(b => [b.dataset.count, +b.textContent]))"""

FILTER = """((value, text) => {
  const f = document.getElementById('filters');
  f.querySelector('input[value="' + value + '"]').click();
  const q = document.getElementById('q');
  q.value = text;
  q.dispatchEvent(new Event('input', {bubbles: true}));
  const shown = [...document.querySelectorAll('main .card')].filter(c => c.offsetParent !== null);
  return {shown: shown.map(c => c.dataset.key), out: document.getElementById('shown').textContent};
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_page_in_chromium(pages, width):
    with Browser() as browser:
        for path, report in pages:
            browser.open(path.as_uri(), width)
            geometry = browser.eval(OVERFLOW)
            assert geometry["inner"] == width
            assert geometry["scroll"] <= geometry["width"] and not geometry["bad"], geometry
            keys = browser.eval("[...document.querySelectorAll('main .card')].map(c => c.dataset.key)")
            assert keys == [r["id"] for r in report["records"]]
            assert browser.eval(COUNTS) == report["counts"]
            assert browser.eval("document.getElementById('filters').hidden") is False
            problems = browser.eval(
                "[...document.querySelectorAll('main .card.problem')].map(c => c.dataset.key)")
            assert browser.eval(f"{FILTER}('problem', '')")["shown"] == problems
            everything = browser.eval(f"{FILTER}('all', '')")
            assert everything["shown"] == keys and everything["out"] == f"{len(keys)} of {len(keys)} shown"
        # the page with <script> in a title: shown as text, never run
        assert browser.eval("window.pwned === undefined && document.title.startsWith('refs build report')")
        h2 = browser.eval("document.querySelector('#r-evil2001 h2').textContent")
        assert '<script>window.pwned=1;document.title="pwned"</script>' in h2
        assert browser.eval(f"{FILTER}('all', 'pneumono')")["shown"] == ["long2002"]
        assert browser.errors() == []


def test_everything_shows_with_javascript_off(pages):
    path, report = pages[0]
    with Browser() as browser:
        browser.open("about:blank", 375)
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
        browser.send("Page.navigate", {"url": path.as_uri()})
        browser.wait_for("Page.loadEventFired")
        assert browser.eval("document.getElementById('filters').hidden") is True
        shown = browser.eval(
            "[...document.querySelectorAll('main .card')].filter(c => c.offsetParent !== null).length")
        assert shown == report["counts"]["output"] == 24
