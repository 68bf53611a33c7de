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
from typing import Any, NoReturn
from urllib.parse import urlsplit

import click

from refs import io
from refs.io import atomic
from refs.model import Library, Report

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


def refuse_input_as_output(input: str, outputs: dict[str, str | None], why: str = "") -> None:
    """Usage error (exit 2) when an output option names the input file: commands never
    overwrite their input. ``outputs`` maps option names to the paths given."""
    if input == "-":
        return
    for option, path in outputs.items():
        if path and path != "-" and _same_file(path, input):
            fail(f"{option} {path} is the input file: {why or 'the input is never overwritten'}; "
                 "choose another file")


def _same_file(a: str, b: str) -> bool:
    """The same path, or two names (a link, ``./x``) for one existing file."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
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
    from refs.net import NetworkUnavailable, RequestFailed

    try:
        library, report = io.read(path, fmt)
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
    print_problems(report)
    return library, report


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
    try:
        io.write(library, output, fmt, **options)
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


def write_json(path: str, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if path == "-":
        click.echo(text, nl=False)
    else:
        try:
            atomic.write_text(path, text)
        except OSError as exc:
            fail(f"{path}: cannot write: {exc.strerror or exc}")


def print_problems(report: Report) -> None:
    for p in report.problems:
        click.echo(str(p), err=True)


def exit_status(*reports: Report) -> int:
    return EXIT_SKIPPED if any(r.skipped or r.errors for r in reports) else EXIT_OK
