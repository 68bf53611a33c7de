"""``refs render`` and ``refs styles`` on the command line (CSL-JSON input)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from refs.cli.main import cli

ITEMS = [
    {"id": "b", "type": "book", "title": "Opening NATO's door",
     "author": [{"family": "Asmus", "given": "Ronald D."}], "publisher": "Columbia University Press",
     "issued": {"date-parts": [[2002]]}},
    {"id": "a", "type": "article-journal", "title": "Russia and NATO",
     "container-title": "Politics & Society", "author": [{"family": "Forsberg", "given": "Tuomas"}],
     "issued": {"date-parts": [[2015]]}},
]


def _input(tmp_path):  # noqa: ANN001, ANN202
    p = tmp_path / "refs.json"
    p.write_text(json.dumps(ITEMS), encoding="utf-8")
    return p


def test_render_text_to_stdout(tmp_path) -> None:
    res = CliRunner().invoke(cli, ["render", str(_input(tmp_path)), "--style", "apa"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("Asmus, R. D. (2002). Opening NATO’s door.")
    assert lines[1].startswith("Forsberg, T. (2015). Russia and NATO.")


def test_render_html_to_file(tmp_path) -> None:
    out = tmp_path / "bib.html"
    res = CliRunner().invoke(cli, ["render", str(_input(tmp_path)), "--style", "mla", "--format", "html",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<div class="csl-bib-body">')
    assert "<i>Politics &#38; Society</i>" in html


def test_render_locale_and_markdown(tmp_path) -> None:
    res = CliRunner().invoke(cli, ["render", str(_input(tmp_path)), "--style", "chicago", "--locale", "de-DE",
                                   "--format", "markdown"])
    assert res.exit_code == 0, res.output
    # no title case for a German bibliography; German quotation marks
    assert "*Opening NATO’s door*" in res.output and "„Russia and NATO“" in res.output


def test_render_bad_style_and_locale_exit_2(tmp_path) -> None:
    src = str(_input(tmp_path))
    res = CliRunner().invoke(cli, ["render", src, "--style", "no-such-style-here"])
    assert res.exit_code == 2 and "unknown style" in res.output
    res = CliRunner().invoke(cli, ["render", src, "--locale", "zz-ZZ"])
    assert res.exit_code == 2 and "unknown locale" in res.output
    res = CliRunner().invoke(cli, ["render", str(tmp_path / "missing.json")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_styles_lists_matches() -> None:
    res = CliRunner().invoke(cli, ["styles", "harvard", "cite", "them"])
    assert res.exit_code == 0
    assert "harvard-cite-them-right" in res.output
    res = CliRunner().invoke(cli, ["styles", "zzzz-no-such"])
    assert res.exit_code == 1


def test_render_broken_style_file_exit_2(tmp_path) -> None:
    bad = tmp_path / "bad.csl"
    bad.write_text("<style>oops", encoding="utf-8")
    res = CliRunner().invoke(cli, ["render", str(_input(tmp_path)), "--style", str(bad)])
    assert res.exit_code == 2 and "not a usable CSL style" in res.output
    assert "Traceback" not in res.output


def test_note_style_without_bibliography_renders_full_notes(tmp_path) -> None:
    res = CliRunner().invoke(cli, ["render", str(_input(tmp_path)), "--style", "book-history"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].startswith("Ronald D. Asmus, Opening NATO’s Door")


def test_render_survives_lone_surrogates_and_keeps_one_entry_per_line(tmp_path) -> None:
    """Regression: a JSON ``\\ud800`` escape crashed the final write with a traceback, and
    CR or U+2028 inside a title split one entry over several lines."""
    p = tmp_path / "odd.json"
    p.write_text('[{"id": "s", "type": "book", "title": "Bad \\ud800 byte"},'
                 ' {"id": "n", "type": "book", "title": "One\\r\\ntwo\\u2028three\\u2029four"}]',
                 encoding="utf-8")
    for fmt in ("text", "markdown", "html"):
        res = CliRunner().invoke(cli, ["render", str(p), "--style", "apa", "--format", fmt])
        assert res.exit_code == 0, res.output
        assert res.exception is None
        assert "Bad \ufffd byte" in res.stdout
        assert "'s': title: an invalid character" in res.stderr  # issue 16: replaced, and said so
        if fmt != "html":  # HTML keeps the text's white space, as citeproc-js does
            assert "One two three four" in res.stdout
            assert len(res.stdout.splitlines()) == 2


def test_render_missing_input_and_output_into_new_folder(tmp_path) -> None:
    res = CliRunner().invoke(cli, ["render", str(tmp_path / "nope.json")])
    assert res.exit_code == 2 and "no such file" in res.output
    out = tmp_path / "new" / "dir" / "bib.txt"
    res = CliRunner().invoke(cli, ["render", str(_input(tmp_path)), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").count("\n") == 2
    assert not [f for f in out.parent.iterdir() if f.name != "bib.txt"]  # no temporary file left


def test_render_never_overwrites_its_input(tmp_path) -> None:
    src = _input(tmp_path)
    before = src.read_bytes()
    res = CliRunner().invoke(cli, ["render", str(src), "-o", str(src)])
    assert res.exit_code == 2 and "input file" in res.output
    assert src.read_bytes() == before
