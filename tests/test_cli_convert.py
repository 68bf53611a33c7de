"""``refs convert``: formats, stdin/stdout, exit statuses, messages, atomic output, big files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refs.cli.main import cli

DATA = Path(__file__).parent / "data" / "formats"
ROOT = Path(__file__).resolve().parents[1]

RIS = "TY  - JOUR\nAU  - Müller, Anna\nTI  - NATO and Russia\nT2  - Survival\nPY  - 1997\nER  - \n"


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["convert", *args], input=input)


def test_ris_to_csljson_matches_golden_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run(str(DATA / "endnote.ris"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == (DATA / "endnote.json").read_text("utf-8")
    assert "6 records" in result.stderr and "(ris) ->" in result.stderr and "(csl-json)" in result.stderr


def test_csljson_to_ris_and_back(tmp_path: Path) -> None:
    ris_file, back = tmp_path / "a.ris", tmp_path / "b.json"
    assert run(str(DATA / "endnote.json"), "-o", str(ris_file)).exit_code == 0
    assert ris_file.read_bytes().startswith(b"TY  - JOUR\r\nID  - arbatov1995nato\r\n")
    assert run(str(ris_file), "-o", str(back), "-q").exit_code == 0
    assert back.read_text("utf-8") == (DATA / "endnote.json").read_text("utf-8")


def test_wikitext_by_option_and_by_extension(tmp_path: Path) -> None:
    result = run(str(DATA / "zotero-export.json"), "--to", "wikitext")
    assert result.exit_code == 0
    assert result.stdout == (DATA / "zotero-export.wiki").read_text("utf-8")
    assert result.stderr == ""  # nothing but the templates on stdout, no summary for '-'
    out = tmp_path / "refs.wiki"
    assert run(str(DATA / "zotero-export.json"), "-o", str(out), "--ref-tags").exit_code == 0
    first = out.read_text("utf-8").splitlines()[0]
    assert first.startswith('<ref name="arbatov1995nato">{{cite journal |') and first.endswith("}}</ref>")


def test_stdin_and_stdout() -> None:
    result = run("-", "--from", "ris", "--to", "csl-json", input=RIS.encode("utf-8"))
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert items[0]["author"] == [{"family": "Müller", "given": "Anna"}]
    # no --from: the content says RIS; no --to: write what was read
    sniffed = run("-", input=RIS)
    assert sniffed.exit_code == 0
    assert sniffed.stdout_bytes.startswith(b"TY  - JOUR\r\nID  - muller1997nato\r\n")


def test_bibtex_input_when_available(tmp_path: Path) -> None:
    pytest.importorskip("refs.io.bibtex")
    bib = tmp_path / "in.bib"
    bib.write_text("@book{asmus2002, author = {Asmus, Ronald D.}, title = {Opening {NATO}'s Door},\n"
                   "  publisher = {Columbia University Press}, year = 2002, x-note = {kept}}\n", "utf-8")
    js, back = tmp_path / "mid.json", tmp_path / "back.bib"
    assert run(str(bib), "-o", str(js)).exit_code == 0
    item = json.loads(js.read_text("utf-8"))[0]
    assert item["id"] == "asmus2002" and item["custom"]["bibtex"]["type"] == "book"
    assert run(str(js), "-o", str(back)).exit_code == 0
    assert back.read_text("utf-8") == bib.read_text("utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["missing.ris"], "missing.ris: no such file"),
    ([str(DATA / "endnote.ris"), "--to", "odt"], "unknown format 'odt'"),
    ([str(DATA / "endnote.ris"), "--to", "docx"], "cannot write format 'docx'"),
    ([str(DATA / "endnote.ris"), "--from", "marc"], "unknown format 'marc'"),
    ([str(DATA / "endnote.ris"), "--to", "text"], "cannot write format 'text'"),
    ([str(DATA)], "is a directory"),
])
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.startswith("refs: error: ")
    assert "Traceback" not in result.output


def test_unknown_option_exits_2() -> None:
    result = run(str(DATA / "endnote.ris"), "--frobnicate")
    assert result.exit_code == 2 and "No such option" in result.stderr


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    result = run(str(DATA / "endnote.ris"), "-o", str(tmp_path / "dir.json"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_output_never_overwrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text('[{"id": "a", "type": "book", "title": "T"}]', "utf-8")
    before = src.read_bytes()
    result = run(str(src), "-o", str(src))
    assert result.exit_code == 2 and "is the input file" in result.stderr
    assert src.read_bytes() == before


def test_input_is_never_modified(tmp_path: Path) -> None:
    src = tmp_path / "in.ris"
    src.write_bytes(("\ufeff" + RIS.replace("\n", "\r\n")).encode("utf-8"))
    before, mtime = src.read_bytes(), src.stat().st_mtime_ns
    assert run(str(src), "-o", str(tmp_path / "out.json")).exit_code == 0
    assert src.read_bytes() == before and src.stat().st_mtime_ns == mtime


def test_output_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.json"
    out.write_text("old contents", "utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run(str(DATA / "endnote.ris"), "-o", str(out))
    assert result.exit_code == 2 and "cannot write" in result.stderr
    assert out.read_text("utf-8") == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temp file left


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    result = run(str(empty), "--to", "csl-json")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert f"{empty}:1: warning: empty input: no records" in result.stderr


def test_non_utf8_file_is_read_as_latin1_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "latin1.ris"
    src.write_bytes(RIS.encode("latin-1"))
    result = run(str(src), "--to", "csl-json")
    assert result.exit_code == 0
    assert f"{src}:2: warning: not valid UTF-8; read as Latin-1" in result.stderr
    assert json.loads(result.stdout)[0]["author"][0]["family"] == "Müller"


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    src = tmp_path / "windows.ris"
    src.write_bytes(RIS.replace("\n", "\r\n").encode("utf-16"))
    result = run(str(src), "--to", "csl-json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)[0]["title"] == "NATO and Russia"


def test_broken_json_converts_the_good_items_and_exits_1(tmp_path: Path) -> None:
    src = tmp_path / "bad.json"
    src.write_text('[\n{"id": "a", "type": "book", "title": "A"},\n{"id": "b" "title": "B"},\n'
                   '{"id": "c", "type": "book", "title": "C"}\n]\n', "utf-8")
    result = run(str(src), "--to", "ris")
    assert result.exit_code == 1
    assert f"{src}:3: error: invalid JSON: Expecting ',' delimiter (column 12); item skipped" in result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("ID")] == ["ID  - a", "ID  - c"]
    assert "Traceback" not in result.output


def test_malformed_ris_exits_1_and_names_the_line(tmp_path: Path) -> None:
    src = tmp_path / "bad.ris"
    src.write_text("TY  - BOOK\nTI  - Kept\nER  - \nAU  - Orphan, Tag\nER  - \n", "utf-8")
    out = tmp_path / "out.json"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 1
    assert f"{src}:4: error: lines 4-5: tags outside a record" in result.stderr
    assert "1 records, 1 skipped" in result.stderr
    assert [i["title"] for i in json.loads(out.read_text("utf-8"))] == ["Kept"]


def test_big_file(tmp_path: Path) -> None:
    """A 50 MB RIS file converts without crashing (in seconds, with bounded memory)."""
    abstract = "AB  - " + "Enlargement and partnership in the post-Cold War order. " * 40 + "\n"
    chunks = []
    n = 0
    size = 0
    while size < 50_000_000:
        rec = (f"TY  - JOUR\nID  - rec{n}\nAU  - Author{n % 97}, Given\nTI  - Title {n}\n"
               f"T2  - Journal {n % 13}\nPY  - {1950 + n % 70}\n{abstract}ER  - \n\n")
        chunks.append(rec)
        size += len(rec)
        n += 1
    src = tmp_path / "big.ris"
    src.write_text("".join(chunks), "utf-8")
    del chunks
    assert src.stat().st_size >= 50_000_000
    out = tmp_path / "big.json"
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 0, result.stderr[-500:]
    assert f"{n} records" in result.stderr
    items = json.loads(out.read_text("utf-8"))
    assert len(items) == n and items[-1]["id"] == f"rec{n - 1}"


def _python(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "refs", *args], input=input, capture_output=True,
                          env=env, cwd=ROOT, timeout=60, check=False)


def test_python_dash_m_refs_version_and_help() -> None:
    version = _python("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("refs, version ")
    helptext = _python("--help")
    assert helptext.returncode == 0 and b"convert" in helptext.stdout


def test_subprocess_pipe_from_stdin_to_stdout() -> None:
    proc = _python("convert", "-", "--to", "wikitext", input=RIS.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == (
        "{{cite journal |last1=Müller |first1=Anna |date=1997 |title=NATO and Russia |journal=Survival}}\n")
    bad = _python("convert", "no/such/file.bib")
    assert bad.returncode == 2 and b"no such file" in bad.stderr and b"Traceback" not in bad.stderr


def test_closed_stdout_is_not_an_error(tmp_path: Path) -> None:
    """`refs convert big.json --to wikitext | head`: no traceback, no error status."""
    src = tmp_path / "many.json"
    src.write_text(json.dumps([{"id": f"k{i}", "type": "book", "title": f"Title {i}" * 20}
                               for i in range(3000)]), "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "refs", "convert", str(src), "--to", "wikitext"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in err and b"error" not in err


def test_wikitext_is_read_as_well_as_written(tmp_path: Path) -> None:
    wiki = tmp_path / "refs.wiki"
    wiki.write_text("{{cite book |last=Doe |first=Jane |title=T |date=2001}}\n", "utf-8")
    result = run(str(wiki), "--to", "bibtex")
    assert result.exit_code == 0, result.output
    assert "title = {T}" in result.stdout and "Doe, Jane" in result.stdout


def test_bad_formats_are_refused_before_the_input_is_read(tmp_path: Path) -> None:
    bib = tmp_path / "in.bib"
    bib.write_text("@article{a, title = {T}}\n@article{a, title = {U}}\n", "utf-8")
    result = run(str(bib), "--to", "text")
    assert result.exit_code == 2 and "cannot write format 'text'" in result.stderr
    assert "duplicate" not in result.stderr  # the input was not read


def test_options_for_another_format_are_reported(tmp_path: Path) -> None:
    result = run(str(DATA / "zotero-export.json"), "--to", "ris", "--ascii", "--ref-tags")
    assert result.exit_code == 0
    assert "--ascii applies to bibtex output only; ignored for ris" in result.stderr
    assert "--ref-tags applies to wikitext output only; ignored for ris" in result.stderr
    assert result.stdout.startswith("TY  - ")


def test_a_link_to_the_input_is_the_input(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text('[{"id": "a", "type": "book", "title": "T"}]', "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(src)
    before = src.read_bytes()
    result = run(str(src), "-o", str(link))
    assert result.exit_code == 2 and "is the input file" in result.stderr
    assert src.read_bytes() == before and link.is_symlink()


def test_a_bug_is_one_line_and_exit_70_not_a_traceback() -> None:
    code = ("import refs.io.bibtex as b\nb.loads = lambda *a, **k: 1 / 0\n"
            "import sys\nfrom refs.cli.main import main\n"
            f"sys.argv = ['refs', 'convert', {str(DATA / 'endnote.ris')!r}, '--from', 'bibtex']\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "REFS_DEBUG": ""})
    assert result.returncode == 70
    assert "refs: internal error at <string>:2: ZeroDivisionError" in result.stderr
    assert "Traceback" not in result.stderr
    debug = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "REFS_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_ascii_bibtex_output(tmp_path: Path) -> None:
    result = run("-", "--from", "ris", "--to", "bibtex", "--ascii", input=RIS)
    assert result.exit_code == 0, result.output
    assert result.stdout.isascii()
    assert "author = {M{\\\"u}ller, Anna}" in result.stdout and "title = {{NATO} and Russia}" in result.stdout
    unicode = run("-", "--from", "ris", "--to", "bibtex", input=RIS).stdout
    assert "author = {Müller, Anna}" in unicode
