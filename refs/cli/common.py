"""What every command shares: reading input, writing output, printing reports,
and the exit statuses.

Exit statuses: 0 clean, 1 something was skipped (or, for check-links, dead links
were found), 2 usage error (missing file, unknown option or format), 3 network
unavailable.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from refs import io
from refs.io import atomic
from refs.model import Library, Report

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3

FORMAT_CHOICES = ["bibtex", "bib", "csl-json", "json", "ris"]

input_argument = click.argument("input", type=str)
output_option = click.option("-o", "--output", default="-", show_default=True,
                             help="Output file; '-' is stdout.")
from_option = click.option("--from", "from_fmt", default=None,
                           help="Input format (bibtex, csl-json, ris, text); default from the extension.")
to_option = click.option("--to", "to_fmt", default=None,
                         help="Output format (bibtex, csl-json, ris); default from -o's extension, "
                              "else the input's.")


def fail(message: str, status: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"refs: error: {message}", err=True)
    sys.exit(status)


def load(path: str, fmt: str | None = None) -> tuple[Library, Report]:
    """Read INPUT for a command; usage errors exit 2 with a clear message."""
    try:
        library, report = io.read(path, fmt)
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
    try:
        io.write(library, output, fmt, **options)
    except io.FormatError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")


def write_json(path: str, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    if path == "-":
        click.echo(text, nl=False)
    else:
        atomic.write_text(path, text)


def print_problems(report: Report) -> None:
    for p in report.problems:
        click.echo(str(p), err=True)


def exit_status(*reports: Report) -> int:
    return EXIT_SKIPPED if any(r.skipped or r.errors for r in reports) else EXIT_OK
