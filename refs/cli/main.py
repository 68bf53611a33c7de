"""The ``refs`` command: a click group whose commands live one per module.

Commands are imported only when used, so ``refs --help`` stays fast. Each module
named in :data:`COMMANDS` defines a click command called ``command``.
"""

from __future__ import annotations

import importlib
import os
import sys

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
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        return importlib.import_module(module).command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refs")
def cli() -> None:
    """refs: turn messy reading lists into clean bibliographic data, and back.

    Every command reads and writes BibTeX (.bib), CSL-JSON (.json) or RIS (.ris),
    so commands chain: parse, enrich, dedup, then render, convert or check-links.
    """


def main() -> None:
    """The ``refs`` script. A bug still ends in one line naming it, not a traceback
    (``REFS_DEBUG=1`` shows the traceback); exit status 70, the BSD code for an internal
    error, so that it is never mistaken for a finished run."""
    try:
        cli(prog_name="refs")
    except Exception as exc:  # click already handled usage errors, Ctrl-C and sys.exit
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
