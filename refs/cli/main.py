"""The ``refs`` command: a click group whose commands live one per module.

Commands are imported only when used, so ``refs --help`` stays fast. Each module
named in :data:`COMMANDS` defines a click command called ``command``.
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import click

from refs import __version__

#: command name -> module defining ``command``
COMMANDS: dict[str, str] = {
    "convert": "refs.cli.convert",
    "parse": "refs.cli.parse",
    "render": "refs.cli.render",
    "cite": "refs.cli.cite",
    "format": "refs.cli.format",
    "styles": "refs.cli.styles",
    "dedup": "refs.cli.dedup",
    "enrich": "refs.cli.enrich",
    "check-links": "refs.cli.check_links",
    "zotero": "refs.cli.zotero",
    "build": "refs.cli.build",
    "review": "refs.cli.review",
}


#: parameters naming files a command reads, and the files it writes (-> their spelling):
#: every command's paths are checked against each other before it runs (see ``_guarded``)
INPUT_PARAMS = {"input": "INPUT", "source": "SOURCE", "document": "DOC", "bib": "--bib",
                "clusters_path": "--clusters", "corrections": "--corrections"}
OUTPUT_PARAMS = {"output": "-o", "report_path": "--report", "cache_path": "--cache"}


def _guarded(command: click.Command) -> click.Command:
    """``command`` (and a group's subcommands) refusing, before its body runs, an output
    that names one of its inputs (see :func:`refs.cli.common.guard_paths`)."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _guarded(sub)
        return command
    callback = command.callback
    if callback is None or getattr(callback, "_refs_guarded", False):
        return command

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from refs.cli import common

        common.guard_paths({spelling: kwargs.get(name) for name, spelling in INPUT_PARAMS.items()},
                           {spelling: kwargs.get(name) for name, spelling in OUTPUT_PARAMS.items()})
        return callback(*args, **kwargs)

    run._refs_guarded = True  # type: ignore[attr-defined]
    command.callback = run
    return command


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        return _guarded(importlib.import_module(module).command)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refs")
def cli() -> None:
    """refs: turn messy reading lists into clean bibliographic data, and back.

    Every command reads and writes BibTeX (.bib), CSL-JSON (.json) or RIS (.ris),
    so commands chain: parse, enrich, dedup, then render, convert or check-links.
    """


class Interrupted(BaseException):
    """SIGTERM, SIGINT or SIGHUP arrived: unwind (temporary files are removed on the way
    out, see :mod:`refs.io.atomic`) and exit 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def _install_signal_handlers() -> dict[int, Callable[..., Any] | int | None]:
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            previous[sig] = signal.signal(sig, _on_signal)
        except (OSError, ValueError):  # not the main thread, or not settable here
            pass
    return previous


def main() -> None:
    """The ``refs`` script. A bug still ends in one line naming it, not a traceback
    (``REFS_DEBUG=1`` shows the traceback); exit status 70, the BSD code for an internal
    error, so that it is never mistaken for a finished run. A signal ends the run with
    128 + its number, after the unwinding removed any temporary file."""
    _install_signal_handlers()
    try:
        cli(prog_name="refs")
    except Interrupted as stop:
        for sig in (signal.SIGTERM, signal.SIGINT):  # a second signal no longer interrupts cleanup
            signal.signal(sig, signal.SIG_IGN)
        name = signal.Signals(stop.signum).name
        click.echo(f"refs: interrupted ({name}); nothing half-written was left behind", err=True)
        os._exit(128 + stop.signum) if _threads_alive() else sys.exit(128 + stop.signum)
    except Exception as exc:  # click already handled usage errors, Ctrl-C and sys.exit
        from refs.parse.model import ModelError

        if isinstance(exc, ModelError):  # a setting, not a bug
            click.echo(f"refs: {exc}", err=True)
            sys.exit(2)
        if os.environ.get("REFS_DEBUG"):
            raise
        where = ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = f" at {os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}"
        click.echo(f"refs: internal error{where}: {type(exc).__name__}: {exc}\n"
                   "This is a bug in refs; run again with REFS_DEBUG=1 to see the traceback.", err=True)
        sys.exit(70)


def _threads_alive() -> bool:
    """Worker threads still running (a link check's pool) would make a normal exit wait
    for them; after a signal the run ends at once (files are closed and renamed by then)."""
    import threading

    return any(t.is_alive() and not t.daemon for t in threading.enumerate()
               if t is not threading.main_thread())
