"""What every command shares: reading input, writing output, printing reports,
and the exit statuses.

Exit statuses: 0 clean, 1 something was skipped (or, for check-links, dead links
were found), 2 usage error (missing file, unknown option or format), 3 network
unavailable; 70 is a bug in refs (see :func:`refs.cli.main.main`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn
from urllib.parse import urlsplit

import click

from refs import io
from refs.io import atomic
from refs.model import Library, Record, Report

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3

input_argument = click.argument("input", type=str)
output_option = click.option("-o", "--output", default="-", show_default=True,
                             help="Output file; '-' is stdout.")
from_option = click.option("--from", "from_fmt", default=None, metavar="FORMAT",
                           help="Input format: bibtex, csl-json, ris, text, html, wikitext, pdf or docx; "
                                "default from INPUT's extension (.bib, .json, .ris, .txt, .html, .wiki, "
                                ".pdf, .docx), a URL's content type, else the content.")
to_option = click.option("--to", "to_fmt", default=None, metavar="FORMAT",
                         help="Output format: bibtex, csl-json, ris or wikitext; default from -o's "
                              "extension (.bib, .json, .ris, .wiki), else INPUT's format.")


def fail(message: str, status: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"refs: error: {message}", err=True)
    sys.exit(status)


def guard_paths(inputs: dict[str, str | None], outputs: dict[str, str | None]) -> None:
    """Usage error (exit 2), before anything is read, when an output names an input
    (the same path, ``./x``, a symlink or a hard link to it) or two outputs name one
    file: refs never writes over what it reads. ``inputs`` / ``outputs`` map an
    option's spelling to the path given (``-`` and ``None`` are not files)."""
    given_in = [(opt, p) for opt, p in inputs.items() if p and p != "-"]
    given_out = [(opt, p) for opt, p in outputs.items() if p and p != "-"]
    for opt, path in given_out:
        for in_opt, source in given_in:
            if same_file(path, source):
                fail(f"{opt} {path} is the input file {in_opt} {source}: refs never writes over "
                     "its input; choose another file")
    for i, (opt, path) in enumerate(given_out):
        for other, other_path in given_out[i + 1:]:
            if same_file(path, other_path):
                fail(f"{opt} {path} and {other} {other_path} are the same file; choose two files")


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """The same path once resolved (symlinks followed, ``..`` folded), or two names (a
    hard link) for one existing file."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet)
        return False


def check_http_url(option: str, url: str | None) -> None:
    """Usage error (exit 2) unless ``url`` is an http(s) URL with a host."""
    if not url:
        return
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        fail(f"{option}: not an http(s) URL: {url!r}")


def load(path: str, fmt: str | None = None) -> tuple[Library, Report]:
    """Read INPUT (a file, ``-``, or a URL) for a command; usage errors and unreadable
    documents exit 2 with a clear message, a network failure exits 3."""
    with _read_errors(path):
        library, report = io.read(path, fmt)
    print_problems(report)
    return library, report


@contextmanager
def _read_errors(path: str) -> Iterator[None]:
    """Reading INPUT's failures as one-line errors: exit 2, or 3 for the network."""
    from refs.net import NetworkUnavailable, RequestFailed

    try:
        yield
    except (NetworkUnavailable, RequestFailed) as exc:
        fail(f"{path}: cannot fetch: {exc}", EXIT_NETWORK)
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, not a file")
    except PermissionError:
        fail(f"{path}: permission denied")
    except io.FormatError as exc:
        fail(str(exc))


def stream(path: str, fmt: str | None = None) -> tuple[Iterable[Record], Report, str]:
    """:func:`load` with a plain text's references one at a time (:func:`refs.io.stream`):
    the records, the report (complete once they are all out; its problems are printed by
    the caller then), the input's format. Errors as :func:`load`'s."""
    with _read_errors(path):
        records, report, in_fmt = io.stream(path, fmt)
    return records, report, in_fmt


def output_format(output: str, to_fmt: str | None, library: Library) -> str:
    """The output format: --to, else the output's extension, else the input's."""
    try:
        if to_fmt:
            return io.detect.canonical(to_fmt)
        fmt = io.detect.from_path(output)
        if fmt and fmt in io.WRITABLE:
            return fmt
        if library.format in io.WRITABLE:
            return library.format
        return "bibtex"
    except io.FormatError as exc:
        fail(str(exc))


def save(library: Library, output: str, fmt: str, **options: Any) -> None:
    """Write the records (``-`` is stdout); write problems are usage errors (exit 2).
    A reader that goes away (``refs convert x.bib | head``) is not an error."""
    _saving(lambda: io.write(library, output, fmt, **options), output)


def save_stream(records: Iterable[Record], output: str, fmt: str, **options: Any) -> None:
    """:func:`save` of records taken one at a time as they come (:func:`stream`)."""
    _saving(lambda: io.write_stream(records, output, fmt, **options), output)


def _saving(write: Callable[[], None], output: str) -> None:
    try:
        write()
    except BrokenPipeError:
        _silence_stdout()
    except io.FormatError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    except UnicodeEncodeError as exc:  # a lone surrogate (a JSON "\ud800" escape) in the input
        fail(f"{output}: cannot write: the input holds text that is not valid Unicode "
             f"({exc.object[exc.start:exc.end]!r})")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python does not complain again when it flushes at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def write_text(path: str, text: str) -> None:
    """``text`` to stdout (``-``) or atomically to ``path``; a write error is a one-line failure."""
    if path == "-":
        click.echo(text, nl=False)
    else:
        try:
            atomic.write_text(path, text)
        except OSError as exc:
            fail(f"{path}: cannot write: {exc.strerror or exc}")


def write_json(path: str, data: Any) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_problems(report: Report) -> None:
    for p in report.problems:
        click.echo(str(p), err=True)


def exit_status(*reports: Report) -> int:
    """1 when a report skipped something, has errors, or read no record from a
    non-empty input; else 0."""
    return EXIT_SKIPPED if any(r.skipped or r.errors or r.summary.get("no_records")
                               for r in reports) else EXIT_OK
