"""Issue 16 §1: no command writes over a file it reads, and a killed run leaves no
temporary files and the previous outputs intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refs.cli.main import cli
from refs.io import atomic

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "formats"

BIB = "@article{a, author = {Smith, John}, title = {One}, journal = {J}, year = {2000}}\n"
TXT = "Smith, J. (2000). A title of a work. Journal of Things, 1, 2-3.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


CASES = [
    ("parse", "in.txt", TXT, ["-o", "{in}"]),
    ("convert", "in.bib", BIB, ["-o", "{in}"]),
    ("dedup", "in.bib", BIB, ["-o", "{in}"]),
    ("dedup", "in.bib", BIB, ["-o", "{tmp}/out.bib", "--report", "{in}"]),
    ("enrich", "in.bib", BIB, ["--offline", "-o", "{tmp}/out.bib", "--report", "{in}"]),
    ("enrich", "in.bib", BIB, ["--offline", "-o", "{tmp}/out.bib", "--cache", "{in}"]),
    ("render", "in.bib", BIB, ["--style", "apa", "-o", "{in}"]),
    ("check-links", "in.bib", BIB, ["--report", "{in}"]),
    ("check-links", "in.bib", BIB, ["--fix", "-o", "{in}"]),
    ("zotero push", "in.bib", BIB, ["--dry-run", "--report", "{in}"]),
]


@pytest.mark.parametrize("command,name,text,args", CASES, ids=[f"{c[0]} {' '.join(c[3])}" for c in CASES])
@pytest.mark.parametrize("how", ["same", "symlink", "dotted", "hardlink"])
def test_output_naming_the_input_is_refused_before_reading(tmp_path: Path, command: str, name: str,
                                                            text: str, args: list[str], how: str) -> None:
    src = tmp_path / name
    src.write_text(text, "utf-8")
    target = str(src)
    if how == "symlink":
        link = tmp_path / f"link{src.suffix}"
        link.symlink_to(src)
        target = str(link)
    elif how == "dotted":
        target = str(tmp_path / "." / ".." / tmp_path.name / name)
    elif how == "hardlink":
        hard = tmp_path / f"hard{src.suffix}"
        os.link(src, hard)
        target = str(hard)
    filled = [a.format(**{"in": target, "tmp": tmp_path}) for a in args]
    before = _files(tmp_path)
    result = run(*command.split(), str(src), *filled)
    assert result.exit_code == 2, result.output
    assert "refs: error:" in result.stderr and "input" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert _files(tmp_path) == before  # nothing written, the input untouched


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    src = tmp_path / "in.bib"
    src.write_text(BIB, "utf-8")
    result = run("dedup", str(src), "-o", str(tmp_path / "x.json"), "--report", str(tmp_path / "x.json"))
    assert result.exit_code == 2 and "same file" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_build_never_writes_into_the_file_it_reads(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    src = folder / "references.json"
    src.write_text((DATA / "endnote.json").read_text("utf-8"), "utf-8")
    before = _files(folder)
    result = run("build", str(src), "--offline", "--style", "apa", "--locale", "en-US")
    assert result.exit_code == 2, result.output
    assert "references.json" in result.stderr and "--out" in result.stderr
    assert _files(folder) == before
    # a rendered file as the source is refused too; another folder is fine
    rendered = folder / "references.apa.en-US.txt"
    rendered.write_text(TXT, "utf-8")
    assert run("build", str(rendered), "--offline", "--style", "apa", "--locale", "en-US").exit_code == 2
    ok = run("build", str(src), "--offline", "--style", "apa", "--locale", "en-US",
             "--out", str(tmp_path / "out"))
    assert ok.exit_code in (0, 1), ok.output
    assert src.read_bytes() == before["references.json"]


def test_build_refuses_an_output_folder_file_that_links_to_the_source(tmp_path: Path) -> None:
    src = tmp_path / "list.txt"
    src.write_text(TXT, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "references.bib").symlink_to(src)
    result = run("build", str(src), "--offline", "--no-links", "--out", str(out), "--style", "apa",
                 "--locale", "en-US")
    assert result.exit_code == 2, result.output
    assert src.read_text("utf-8") == TXT


def test_atomic_write_refuses_a_file_read_in_this_process(tmp_path: Path) -> None:
    """The library-level backstop: refs.read() marks the file, atomic writes refuse it."""
    import refs

    src = tmp_path / "in.bib"
    src.write_text(BIB, "utf-8")
    library, _ = refs.read(src)
    with pytest.raises(atomic.OverwriteRefused):
        refs.write(library, src)
    with pytest.raises(atomic.OverwriteRefused):
        atomic.write_text(tmp_path / "." / "in.bib", "x")
    assert src.read_text("utf-8") == BIB


_SLOW_WRITER = """
import os, sys, time
from refs.io import atomic
real = os.fsync
def slow(fd):
    sys.stdout.write("writing\\n"); sys.stdout.flush()
    time.sleep(30)
    real(fd)
os.fsync = slow
from refs.cli.main import main
sys.argv = ["refs"] + sys.argv[1:]
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_killed_run_leaves_no_tmp_and_keeps_previous_output(tmp_path: Path, sig: int) -> None:
    src = tmp_path / "in.bib"
    src.write_text(BIB, "utf-8")
    out = tmp_path / "out.json"
    out.write_text("previous output\n", "utf-8")
    script = tmp_path / "slow.py"
    script.write_text(_SLOW_WRITER, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), "convert", str(src), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"  # inside the atomic write
        assert list(tmp_path.glob("*.tmp")) or list(tmp_path.glob(".*.tmp"))
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err and "interrupted" in err
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    assert out.read_text("utf-8") == "previous output\n"
    assert src.read_text("utf-8") == BIB


def test_terminated_build_leaves_no_tmp(tmp_path: Path) -> None:
    """A build killed while it renders: earlier files complete, no partial ones."""
    src = tmp_path / "list.txt"
    src.write_text(TXT * 3, "utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "refs", "build", str(src), "--offline", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    assert proc.stderr is not None
    proc.stderr.readline()  # "refs build: read ...": the run (and its signal handlers) has started
    time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode in (0, 1, 128 + signal.SIGTERM)  # (it may finish first)
    if out.exists():
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_output_to_a_pipe_or_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` once replaced the device with a regular file (as root): special
    files are written into. Tested with a named pipe, never with a real device."""
    import stat
    import threading

    src = tmp_path / "in.bib"
    src.write_text(BIB, "utf-8")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("convert", str(src), "-o", str(fifo), "--to", "csl-json")
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b'"id": "a"' in got[0]


def test_output_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    src = tmp_path / "in.bib"
    src.write_text(BIB, "utf-8")
    real = tmp_path / "real.json"
    real.write_text("old\n", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("convert", str(src), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and '"id": "a"' in real.read_text("utf-8")


def test_output_that_is_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "in.bib"
    src.write_text(BIB, "utf-8")
    (tmp_path / "out.json").mkdir()
    result = run("convert", str(src), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2 and "directory" in result.stderr
    assert not list(tmp_path.glob("**/*.tmp"))
