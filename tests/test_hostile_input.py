"""Issue 16 §2–§4: hostile and unusual inputs against every command. Nothing dropped in
silence, bounded in time and memory, nothing in an output that turns into markup or
terminal control, never a traceback (exit 70)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from refs import build as pipeline
from refs import io
from refs.cli.main import cli

BIB = "@article{a, author = {Smith, John}, title = {One}, journal = {J}, year = {2000}}\n"
READERS = ("convert", "dedup", "render", "zotero")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def command(name: str, src: str, tmp: Path) -> list[str]:
    """The argument list that runs ``name`` over ``src`` without any network."""
    return {
        "convert": ["convert", src, "--to", "csl-json"],
        "dedup": ["dedup", src, "--to", "csl-json"],
        "render": ["render", src, "--style", "apa"],
        "zotero": ["zotero", "push", src, "--dry-run"],
        "enrich": ["enrich", src, "--offline", "--cache", str(tmp / "cache.sqlite"), "--to", "csl-json"],
        "build": ["build", src, "--offline", "--out", str(tmp / "out"), "--style", "apa",
                  "--locale", "en-US"],
        "parse": ["parse", src],
        "check-links": ["check-links", src, "--timeout", "2", "--probe-host", "localhost"],
    }[name]


def items(result: Result) -> list[dict[str, Any]]:
    return json.loads(result.stdout)


# -- §2 nothing dropped in silence -----------------------------------------------------

NESTED = ('[{"id": "a", "type": "book", "title": "A"},\n[1, [2]],\n'
          '{"id": "b", "type": "book", "title": "B"},\n{"id": "c", "type": "book", "title": "C"}]\n')


@pytest.mark.parametrize("text", [
    NESTED,
    '[[{"id": "x"}], {"id": "a", "type": "book", "title": "A"},\n{"id": "b", "type": "book", "title": "B"},\n'
    '{"id": "c", "type": "book", "title": "C"}]',
    '[{"id": "a", "type": "book", "title": "A"}, ["]", "{"], {"id": "b", "type": "book", "title": "B"},'
    ' {"id": "c", "type": "book", "title": "C"}, {broken]',
])
@pytest.mark.parametrize("via", ["file", "stdin"])
def test_nested_array_drops_nothing_else(tmp_path: Path, text: str, via: str) -> None:
    src = tmp_path / "in.json"
    src.write_text(text, "utf-8")
    result = run("convert", str(src), "--to", "csl-json") if via == "file" else \
        run("convert", "-", "--to", "csl-json", input=text)
    assert [i["id"] for i in items(result)] == ["a", "b", "c"], result.stderr
    assert result.exit_code == 1
    assert re.search(r"item [12] is a JSON array, not an object; skipped", result.stderr)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("name,text", [
    ("in.bib", "@book{k, title = {Γειά σου κόσμε}, author = {Müller, Anna}, year = 2000}\n"),
    ("in.json", '[{"id": "k", "type": "book", "title": "Γειά σου κόσμε", "author": [{"family": "Müller"}]}]'),
    ("in.ris", "TY  - BOOK\nID  - k\nTI  - Γειά σου κόσμε\nAU  - Müller, Anna\nER  - \n"),
])
def test_utf16_and_utf32_without_bom_are_read(tmp_path: Path, encoding: str, name: str, text: str) -> None:
    src = tmp_path / name
    src.write_bytes(text.encode(encoding))
    result = run("convert", str(src), "--to", "csl-json")
    got = items(result)
    assert [i["id"] for i in got] == ["k"] and got[0]["title"] == "Γειά σου κόσμε", result.stderr
    assert result.exit_code == 0
    # and the same bytes on stdin
    piped = run("convert", "-", "--from", io.detect.from_path(name) or "", "--to", "csl-json",
                input=text.encode(encoding))
    assert [i["title"] for i in items(piped)] == ["Γειά σου κόσμε"]


def test_utf16_text_reading_list_is_parsed(tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_bytes("Smith, J. (2000). A title of a work. Journal of Things, 1, 2-3.\n".encode("utf-16-le"))
    result = run("parse", str(src), "--to", "csl-json")
    assert result.exit_code == 0 and len(items(result)) == 1, result.stderr


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "in.bib"
    src.write_bytes(bytes(range(256)) * 4)
    result = run("convert", str(src), "--to", "csl-json")
    assert result.exit_code == 2 and "not a text file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name,text", [
    ("in.json", '{"nothing": "here"}'),
    ("in.json", "[1, 2, 3]"),
    ("in.bib", "just some words, no entries\n"),
    ("in.ris", "no tags at all\n"),
    ("in.txt", "Only prose here, no reference in sight.\n"),
])
@pytest.mark.parametrize("cmd", ["convert", "dedup", "render", "build"])
def test_no_records_from_a_nonempty_file_exits_1(tmp_path: Path, name: str, text: str, cmd: str) -> None:
    src = tmp_path / name
    src.write_text(text, "utf-8")
    result = run(*command(cmd, str(src), tmp_path))
    assert result.exit_code == 1, result.output
    assert "warning" in result.stderr or "error" in result.stderr or "no records" in result.stderr


def test_empty_file_is_fine_but_said(tmp_path: Path) -> None:
    src = tmp_path / "in.bib"
    src.write_text("", "utf-8")
    result = run("convert", str(src), "--to", "csl-json")
    assert result.exit_code == 0 and items(result) == []


DUPS = ("@book{good1, title = {First}, year = 2000}\n@book{good1, title = {Second}, year = 2001}\n"
        "@book{Good1, title = {Third}, year = 2002}\n@book{good1-2, title = {Fourth}, year = 2003}\n")


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "ris"])
def test_duplicate_ids_become_unique_in_every_format(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "dups.bib"
    src.write_text(DUPS, "utf-8")
    result = run("convert", str(src), "--to", fmt)
    if fmt == "csl-json":
        ids = [i["id"] for i in items(result)]
    elif fmt == "bibtex":
        ids = re.findall(r"^@\w+\{([^,]+),", result.stdout, re.M)
    else:
        ids = re.findall(r"^ID  - (.+?)\r?$", result.stdout, re.M)
    assert len(ids) == 4 and len({i.lower() for i in ids}) == 4, ids
    assert ids[0] == "good1" and ids[3] == "good1-2"
    assert "renamed 'good1-" in result.stderr


def test_duplicate_ids_unique_in_build_outputs(tmp_path: Path) -> None:
    src = tmp_path / "dups.bib"
    src.write_text(DUPS, "utf-8")
    result = run(*command("build", str(src), tmp_path))
    assert result.exit_code in (0, 1), result.output
    ids = [i["id"] for i in json.loads((tmp_path / "out" / "references.json").read_text("utf-8"))]
    assert len(ids) == len({i.lower() for i in ids}) == 4


def test_build_names_every_record_left_out_and_exits_1(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A record that breaks the renderer is left out of the rendered files only: named in
    report.json and on stderr, and the exit status says so."""
    from refs import render as render_mod

    real = render_mod.render_entries

    def fussy(records: Any, *args: Any, **kwargs: Any) -> Any:
        if any(getattr(r, "id", "") == "bad" for r in records):
            raise ValueError("cannot render this one")
        return real(records, *args, **kwargs)

    monkeypatch.setattr(render_mod, "render_entries", fussy)
    src = tmp_path / "in.bib"
    src.write_text(BIB + "@book{bad, title = {Bad}, year = 2001}\n", "utf-8")
    result = run(*command("build", str(src), tmp_path))
    assert result.exit_code == 1, result.output
    assert "bad" in result.stderr and "left out" in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert report["left_out"] == {"references.apa.en-US.txt": ["bad"], "references.apa.en-US.html": ["bad"],
                                  "references.apa.en-US.md": ["bad"]}
    assert "bad" in (tmp_path / "out" / "references.json").read_text("utf-8")


# -- §3 bounded on any input --------------------------------------------------------------

def _chain(n: int, cycle: bool = False) -> str:
    lines = [f"@inproceedings{{k{i}, title = {{T{i}}}, crossref = {{k{i + 1}}}}}" for i in range(n)]
    lines.append(f"@proceedings{{k{n}, booktitle = {{Root}}, year = 1999"
                 + (", crossref = {k0}}" if cycle else "}"))
    return "\n".join(lines) + "\n"


def test_crossref_chain_1000_deep_is_resolved(tmp_path: Path) -> None:
    src = tmp_path / "chain.bib"
    src.write_text(_chain(1000), "utf-8")
    started = time.monotonic()
    result = run("convert", str(src), "--to", "csl-json")
    assert time.monotonic() - started < 30
    got = items(result)
    assert len(got) == 1001
    assert got[0]["container-title"] == "Root" and got[0]["issued"] == {"date-parts": [[1999]]}
    assert "chain 1000 entries deep" in result.stderr


def test_crossref_cycle_is_reported_not_followed(tmp_path: Path) -> None:
    src = tmp_path / "cycle.bib"
    src.write_text(_chain(50, cycle=True) + "@book{x1, xdata = {x2}}\n@xdata{x2, xdata = {x1}}\n", "utf-8")
    result = run("convert", str(src), "--to", "csl-json")
    assert len(items(result)) == 52
    assert "crossref cycle" in result.stderr and result.exit_code in (0, 1)


@pytest.mark.parametrize("value", ["9" * 5000, "-" + "1" * 5000, "1e999999", "NaN", "-Infinity",
                                   "1.5e-99999"])
@pytest.mark.parametrize("cmd", ["convert", "dedup", "render", "zotero", "enrich", "build"])
def test_huge_json_numbers(tmp_path: Path, value: str, cmd: str) -> None:
    src = tmp_path / "big.json"
    src.write_text(f'[{{"id": "a", "type": "book", "title": "T", "volume": {value}, "issued": '
                   f'{{"date-parts": [[{value}]]}}}}, {{"id": "b", "type": "book", "title": "Kept"}}]',
                   "utf-8")
    result = run(*command(cmd, str(src), tmp_path))
    assert result.exit_code in (0, 1, 3), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if cmd in ("convert", "dedup"):  # strict JSON out (no Infinity or NaN), both records kept
        got = json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"{c} in the output"))
        assert [i["id"] for i in got] == ["a", "b"]


SURROGATE = ('[{"id": "s", "type": "book", "title": "Bad \\ud800 title", "author": [{"family": "X\\udfff"}],'
             ' "URL": "http://127.0.0.1:9/\\ud800"},\n'
             ' {"id": "ok", "type": "book", "title": "Good"}]\n')


@pytest.mark.parametrize("cmd", ["convert", "dedup", "render", "zotero", "enrich", "build", "check-links"])
def test_lone_surrogate_replaced_and_other_records_kept(tmp_path: Path, cmd: str) -> None:
    src = tmp_path / "sur.json"
    src.write_text(SURROGATE, "utf-8")
    result = run(*command(cmd, str(src), tmp_path))
    assert "internal error" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 3), result.output
    if cmd != "build":  # build prints errors; warnings go to report.json
        assert "'s': title: an invalid character" in result.stderr
    if cmd in ("convert", "dedup"):
        got = items(result)
        assert [i["id"] for i in got] == ["s", "ok"] and got[0]["title"] == "Bad \ufffd title"
    if cmd == "build":
        out = json.loads((tmp_path / "out" / "references.json").read_text("utf-8"))
        assert [i["id"] for i in out] == ["s", "ok"]
        report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
        assert any("invalid character" in p["message"] for p in report["stages"]["read"]["problems"])


def test_self_doubling_string_macro_is_capped(tmp_path: Path) -> None:
    lines = ['@string{a0 = "ab"}'] + [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, 60)]
    lines += ["@article{x, title = a59, year = 2000}", "@article{y, title = {Fine}, year = 2001}"]
    src = tmp_path / "dbl.bib"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    started = time.monotonic()
    result = run("convert", str(src), "--to", "csl-json")
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert re.search(r"@string macro 'a\d+' not expanded: .*longer than", result.stderr)
    assert [i["id"] for i in items(result)] == ["x", "y"]


def test_deep_macro_chain_is_capped(tmp_path: Path) -> None:
    lines = ['@string{m0 = "x"}'] + [f"@string{{m{i} = m{i - 1}}}" for i in range(1, 200)]
    src = tmp_path / "deep.bib"
    src.write_text("\n".join(lines + ["@book{b, title = m199}"]) + "\n", "utf-8")
    result = run("convert", str(src), "--to", "csl-json")
    assert result.exit_code == 1 and "more than 64 levels" in result.stderr
    assert [i["id"] for i in items(result)] == ["b"]


WRONG_TYPES = [
    {"id": "a", "type": "book", "title": "A", "issued": {"literal": ["x"]}},
    {"id": "b", "type": "book", "title": "B", "author": "Smith, John"},
    {"id": "c", "type": "article-journal", "title": 7, "volume": {"a": 1}, "page": [1, 2],
     "container-title": ["J"], "author": [{"family": ["x"], "given": 3}]},
    {"id": "d", "type": "book", "title": {"x": 1}, "issued": {"date-parts": "2000"}, "editor": [1, None]},
    {"id": "e", "type": ["book"], "title": "E", "accessed": [[{"a": 1}]], "DOI": 5, "note": None,
     "keyword": ["a", "b"], "issued": {"date-parts": [["2000", {"m": 1}]]}, "custom": [1]},
    {"id": "f", "type": "book", "title": True, "author": [{"literal": {"x": 1}}, {"family": "Fine"}],
     "publisher": [[1]], "issued": {"date-parts": [[2000, 1, 1], [2001], [2002]], "season": [1]}},
    {"id": "g", "type": "book", "title": "G", "issued": {"date-parts": [[10 ** 30]]}, "edition": 2.5},
]


@pytest.mark.parametrize("cmd", ["convert", "render", "zotero", "dedup", "build"])
def test_wrong_types_in_csljson_are_dropped_with_a_warning(tmp_path: Path, cmd: str) -> None:
    src = tmp_path / "types.json"
    src.write_text(json.dumps(WRONG_TYPES), "utf-8")
    result = run(*command(cmd, str(src), tmp_path))
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    said = result.stderr
    if cmd == "build":  # build prints errors; warnings go to report.json
        said = (tmp_path / "out" / "report.json").read_text("utf-8")
    assert "'a': issued: literal is a JSON array" in said
    assert "'c': volume: a JSON object where text belongs; dropped" in said
    if cmd == "render":
        for fmt in ("html", "markdown"):
            assert run("render", str(src), "--style", "ieee", "--format", fmt).exit_code in (0, 1)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "wikitext", "csl-json"])
def test_wrong_types_every_writer(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "types.json"
    src.write_text(json.dumps(WRONG_TYPES), "utf-8")
    result = run("convert", str(src), "--to", fmt)
    assert result.exit_code in (0, 1) and "internal error" not in result.output


ODD_RIS = ("TY  - JOUR\nTI  - Odd tags\nAU  - Smith, John\nC1  - \nC2  - [1,2]\nC8  - {\"a\":1}\n"
           "PY  - ////\nDA  - 99999999999999999999/01/01\nSP  - \nM1  - x\nVL  - \x1b]0;owned\x07\nER  - \n")


@pytest.mark.parametrize("cmd", ["convert", "render", "zotero", "dedup"])
def test_ris_with_odd_custom_tags(tmp_path: Path, cmd: str) -> None:
    src = tmp_path / "odd.ris"
    src.write_text(ODD_RIS, "utf-8")
    result = run(*command(cmd, str(src), tmp_path))
    assert result.exit_code in (0, 1) and "internal error" not in result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


# -- §4 output that cannot be turned into markup ------------------------------------------

HOSTILE_TITLE = ("# Heading [x](http://evil.example) ![img](http://evil.example/a.png) &amp; &#60;b&#62; "
                 "| ~~s~~")


def test_markdown_escapes_field_values_not_the_style(tmp_path: Path) -> None:
    src = tmp_path / "md.json"
    src.write_text(json.dumps([
        {"id": "a", "type": "book", "title": HOSTILE_TITLE},
        {"id": "b", "type": "thesis", "genre": "MA thesis", "title": "1. Listy",
         "author": [{"family": "[Evil](javascript:alert(1))", "given": "J"}]},
    ]), "utf-8")
    md = run("render", str(src), "--style", "apa", "--format", "markdown").stdout
    assert "](http" not in md.replace("\\](http", "")  # no live link or image
    assert "\\[x\\](http://evil.example)" in md and "!\\[img\\]" in md
    assert "\\&amp;" in md and "\\&#60;b\\&#62;" in md and "\\|" in md and "\\~\\~s\\~\\~" in md
    assert not re.search(r"^\s*#", md, re.M)  # no heading
    assert "\\[Evil\\](javascript:alert(1))" in md
    assert "*" in md  # the style's italics are still Markdown


@pytest.mark.parametrize("start,escaped", [("# Title", "\\# Title"), ("- item", "\\- item"),
                                           ("1. Step", "1\\. Step"), ("+ plus", "\\+ plus")])
def test_markdown_entry_never_starts_a_block(start: str, escaped: str) -> None:
    from refs.render import markup as mk

    assert mk.to_markdown(start, {}) == escaped


CONTROL_TITLE = "Title\x1b]0;pwned\x07 with \x9b31m CSI and \x00 NUL\x08"


@pytest.mark.parametrize("style", ["apa", "ieee", "chicago-author-date", "mla"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_control_characters_reach_rendered_output(tmp_path: Path, style: str, fmt: str) -> None:
    src = tmp_path / "ctl.json"
    src.write_text(json.dumps([{"id": "a", "type": "book", "title": CONTROL_TITLE,
                                "author": [{"family": "Ev\x1bil"}], "publisher": "P\x85ub"}]), "utf-8")
    result = run("render", str(src), "--style", style, "--format", fmt)
    assert result.exit_code == 0
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout), repr(result.stdout)
    assert "pwned" in result.stdout.lower()  # the text stays, the controls go
    assert "control characters removed" in result.stderr


@pytest.mark.parametrize("name,text", [
    ("in.bib", "@book{a, title = {Title\x1b]0;pwned\x07}, author = {Ev\x1bil, J}, year = 2000}\n"),
    ("in.ris", "TY  - BOOK\nTI  - Title\x1b]0;pwned\x07\nAU  - Ev\x1bil, J\nER  - \n"),
    ("in.txt", "Ev\x1bil, J. (2000). Title\x1b]0;pwned\x07 of a work. Journal of Things, 1, 2-3.\n"),
])
@pytest.mark.parametrize("to", ["csl-json", "bibtex", "ris", "wikitext"])
def test_no_control_characters_in_any_format(tmp_path: Path, name: str, text: str, to: str) -> None:
    src = tmp_path / name
    src.write_text(text, "utf-8")
    result = run("convert", str(src), "--to", to)
    assert result.exit_code == 0, result.output
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", result.stdout), repr(result.stdout)
    assert "\\u001b" not in result.stdout and "pwned" in result.stdout


def _corpus() -> list[Path]:
    import os

    here = Path(__file__).parent / "data"
    files = sorted(here.rglob("*.bib")) + sorted(here.rglob("*.json"))[:0]
    shared = Path(os.environ.get("REFS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
    bib = shared / "data" / "bib"
    if bib.is_dir():
        files += [bib / "xampl.bib", bib / "biblatex-examples.bib"]
        files += sorted(p for p in bib.rglob("*.bib") if p.stat().st_size < 20_000)[::7]
    return [f for f in files if f.exists()]


#: the private-use characters refs uses internally (formatting and case-protection markers)
RESERVED = re.compile("[\ue000-\ue0ff]")

NOCASE_ITEMS = [
    {"id": "j1", "type": "book", "title": '<span class="nocase">NATO</span>'},
    {"id": "j2", "type": "chapter", "title": 'x <span class="nocase"></span>',
     "container-title": '<span class="nocase">ACM</span>', "author": [{"family": "X"}]},
    {"id": "j3", "type": "book", "title": "A", "edition": '<span class="nocase">2</span>',
     "publisher": '<span class="nocase">MIT</span> Press'},
    {"id": "j4", "type": "book", "title": "Has \ue040 a marker\ue041 and \ue001 in it"},
]


def test_no_reserved_private_use_character_in_any_output(tmp_path: Path) -> None:
    from refs.render import render

    nocase = tmp_path / "nocase.json"
    nocase.write_text(json.dumps(NOCASE_ITEMS), "utf-8")
    leaks = []
    for path in [nocase, *_corpus()]:
        try:
            library, _ = io.read(path)
        except io.FormatError:
            continue
        outputs = {fmt: io.dumps(library, fmt) for fmt in io.WRITABLE}
        outputs["zotero-bibtex"] = io.dumps(library, "bibtex", zotero=True)
        for style in ("apa", "ieee", "chicago-author-date"):
            for fmt in ("text", "html", "markdown"):
                outputs[f"{style} {fmt}"] = render(library.records, style=style, format=fmt)
        leaks += [f"{path.name}: {what}" for what, text in outputs.items() if RESERVED.search(text)]
    assert leaks == []


def test_build_outputs_hold_no_reserved_or_control_character(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(NOCASE_ITEMS + [{"id": "c", "type": "book", "title": CONTROL_TITLE}]), "utf-8")
    result = pipeline.build(src, pipeline.BuildConfig(out=tmp_path / "out", offline=True, check_links=False,
                                                       enrich=False))
    for path in result.files:
        text = path.read_text("utf-8")
        assert not RESERVED.search(text), path.name
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), path.name


def test_self_doubling_macros_in_every_bibtex_writer(tmp_path: Path) -> None:
    lines = ['@string{a0 = "ab"}'] + [f"@string{{a{i} = a{i - 1} # a{i - 1} # a{i - 1}}}"
                                      for i in range(1, 40)]
    lines += ["@book{p, title = a39 # a39, year = 2000}", "@inbook{c, crossref = {p}, title = {C}}"]
    src = tmp_path / "dbl.bib"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    for args in (["--to", "bibtex", "--zotero"], ["--to", "bibtex"], ["--to", "ris"]):
        result = run("convert", str(src), *args)
        assert result.exit_code == 1 and "internal error" not in result.output, result.output


def test_huge_digit_runs_render_in_every_style(tmp_path: Path) -> None:
    digits = "9" * 5000
    src = tmp_path / "big.bib"
    src.write_text(f"@book{{a, title = {{T}}, volume = {{{digits}}}, edition = {{{'7' * 5000}}}, "
                   f"pages = {{{'1' * 5000}--{'2' * 5000}}}, number = {digits}, year = 2000}}\n", "utf-8")
    for style in ("apa", "ieee", "chicago-author-date", "mla", "harvard-cite-them-right", "vancouver"):
        result = run("render", str(src), "--style", style, "--format", "html")
        assert result.exit_code == 0 and "internal error" not in result.output, (style, result.output[-300:])
